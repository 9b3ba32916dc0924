//! The server as an editor drives it, over an in-memory connection: findings on open and change
//! at the exact UTF-16 (or UTF-8) columns of the flagged number, quick fixes applied and
//! re-checked, hover, settings, configuration, pages, panics and the shutdown protocol.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use lsp_types as lsp;
use nianbao_server::{Exit, Options};
use serde_json::json;
use support::*;

fn report_uri(name: &str) -> lsp::Uri {
    file_uri(&format!("file:///nianbao-server-test/{name}"))
}

fn range_of(text: &str, start: usize, len: usize, utf8: bool) -> lsp::Range {
    lsp::Range::new(
        position(text, start, utf8),
        position(text, start + len, utf8),
    )
}

/// Where the wrong R03 total `12` is in the faulty seed.
fn wrong_total(text: &str) -> usize {
    let at = text.find(R03_WRONG_TOTAL).unwrap() + R03_WRONG_TOTAL.len() - 2;
    assert_eq!(&text[at..at + 2], "12");
    at
}

fn codes(diagnostics: &[lsp::Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(code).collect()
}

#[test]
fn an_editor_session_underlines_repairs_and_explains() {
    let mut client = Client::start(Setup::default());
    assert_eq!(
        client.initialized.capabilities.position_encoding,
        Some(lsp::PositionEncodingKind::UTF16)
    );
    let uri = report_uri("%E5%81%83%E5%B8%88%E5%8C%BA.txt");
    let text = faulty();
    client.open(&uri, "plaintext", &text);
    let found = client.diagnostics_at(&uri, 1);
    assert_eq!(codes(&found), ["N005", "L001", "T3001", "T3003"]);

    // The total is underlined exactly, in UTF-16 units of its Chinese line.
    let total = &found[2];
    let at = wrong_total(&text);
    assert_eq!(total.range, range_of(&text, at, 2, false));
    let line_start = text[..at].rfind('\n').unwrap() + 1;
    assert_ne!(
        total.range.start.character as usize,
        at - line_start,
        "a byte column would be wrong here"
    );
    assert_eq!(total.severity, Some(lsp::DiagnosticSeverity::ERROR));
    assert_eq!(total.source.as_deref(), Some("nianbao"));
    assert!(
        total.message.contains("总计 12 不等于各列之和 11"),
        "{}",
        total.message
    );
    assert!(
        total.message.contains("R03[C7] 应为 11"),
        "{}",
        total.message
    );
    let page = total.code_description.as_ref().unwrap().href.as_str();
    assert!(
        page.starts_with("file:///") && page.ends_with("/docs/rules/T3001.md"),
        "{page}"
    );
    // The other side of the identity: R03[C1] = 11, at its own cell.
    let related = total.related_information.as_ref().unwrap();
    let c1 = related
        .iter()
        .find(|r| r.message == "R03[C1] = 11")
        .unwrap();
    let c1_at = text.find(R03_WRONG_TOTAL).unwrap() + "予以公开\t".len();
    assert_eq!(c1.location.range, range_of(&text, c1_at, 2, false));
    assert_eq!(c1.location.uri, uri);

    // Hover on the total: the cell, its row and column, and its identities with values.
    let hover = client.hover(&uri, position(&text, at + 1, false)).unwrap();
    let lsp::HoverContents::Markup(markup) = hover.contents else {
        panic!("markdown hover")
    };
    assert!(
        markup.value.starts_with("**R03[C7]** = 12"),
        "{}",
        markup.value
    );
    assert!(
        markup.value.contains("（一）予以公开 · 总计"),
        "{}",
        markup.value
    );
    assert!(
        markup
            .value
            .contains("`T3001` 12 = 11+0+0+0+0+0 ✗（差 +1）"),
        "{}",
        markup.value
    );
    assert!(
        markup.value.contains("`T3003` 82 = 12+"),
        "{}",
        markup.value
    );
    assert_eq!(hover.range, Some(total.range));

    // The quick fix on the total, applied as the editor would, is the seed again.
    let actions = client.code_actions(&uri, total.range);
    assert_eq!(actions.len(), 1, "{actions:?}");
    let fix = &actions[0];
    assert_eq!(fix.title, "将 R03[C7] 改为 11（各项之和）");
    assert_eq!(fix.kind, Some(lsp::CodeActionKind::QUICKFIX));
    assert_eq!(
        fix.diagnostics.as_ref().map(|d| codes(d)),
        Some(vec!["T3001"])
    );
    let repaired = apply(&text, &uri, fix, false);
    assert_eq!(repaired, SEED);
    // The outcome total's finding has no fix: 83 would break its own row.
    assert!(client.code_actions(&uri, found[3].range).is_empty());

    client.change(&uri, 2, &repaired);
    let after = client.diagnostics_at(&uri, 2);
    assert_eq!(codes(&after), ["L001"]);

    assert_eq!(client.shutdown_and_exit(), Exit::AfterShutdown);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let mut client = Client::start(Setup {
        utf8: true,
        ..Setup::default()
    });
    assert_eq!(
        client.initialized.capabilities.position_encoding,
        Some(lsp::PositionEncodingKind::UTF8)
    );
    let uri = report_uri("a.txt");
    let text = faulty();
    client.open(&uri, "plaintext", &text);
    let found = client.diagnostics_at(&uri, 1);
    let total = found.iter().find(|d| code(d) == "T3001").unwrap();
    let at = wrong_total(&text);
    assert_eq!(total.range, range_of(&text, at, 2, true));
    let line_start = text[..at].rfind('\n').unwrap() + 1;
    assert_eq!(total.range.start.character as usize, at - line_start);
    let fix = &client.code_actions(&uri, total.range)[0];
    assert_eq!(apply(&text, &uri, fix, true), SEED);
    let hover = client.hover(&uri, position(&text, at, true)).unwrap();
    assert_eq!(hover.range, Some(total.range));
    assert_eq!(client.shutdown_and_exit(), Exit::AfterShutdown);
}

#[test]
fn a_deviating_label_is_replaced_by_the_template_wording() {
    let mut client = Client::start(Setup::default());
    let uri = report_uri("seed.txt");
    client.open(&uri, "plaintext", SEED);
    let found = client.diagnostics_at(&uri, 1);
    assert_eq!(codes(&found), ["L001"]);
    let at = SEED.find("本年度止件数").unwrap();
    assert_eq!(
        found[0].range,
        range_of(SEED, at, "本年度止件数".len(), false)
    );
    let actions = client.code_actions(&uri, found[0].range);
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].title, "改为模板用语“本年废止件数”");
    let repaired = apply(SEED, &uri, &actions[0], false);
    assert_eq!(repaired, SEED.replacen("本年度止件数", "本年废止件数", 1));
    client.change(&uri, 2, &repaired);
    assert!(client.diagnostics_at(&uri, 2).is_empty());
}

#[test]
fn no_fix_when_a_part_and_not_the_total_is_wrong() {
    let mut client = Client::start(Setup::default());
    let uri = report_uri("part.txt");
    // C1 of R03 one too many: its row and its column fail by the same amount.
    let text = SEED.replacen(R03, "予以公开\t12\t0\t0\t0\t0\t0\t11", 1);
    client.open(&uri, "plaintext", &text);
    let found = client.diagnostics_at(&uri, 1);
    assert!(codes(&found).contains(&"T3001") && codes(&found).contains(&"T3003"));
    let whole = lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(999, 0));
    let actions = client.code_actions(&uri, whole);
    let fixed: Vec<&str> = actions
        .iter()
        .flat_map(|action| action.diagnostics.iter().flatten().map(code))
        .collect();
    assert_eq!(fixed, ["L001"]);
}

#[test]
fn queued_changes_are_checked_once_at_their_last_version() {
    // A debounce far longer than the test: only the save makes the document due.
    let mut client = Client::start(Setup {
        initialization_options: Some(json!({ "debounceMs": 600_000 })),
        ..Setup::default()
    });
    let uri = report_uri("typing.txt");
    client.open(&uri, "plaintext", SEED);
    assert_eq!(codes(&client.diagnostics_at(&uri, 1)), ["L001"]);
    let text = faulty();
    for version in 2..=6 {
        // Keystrokes: each version a little further along to the faulty text.
        let typed = if version == 6 {
            text.clone()
        } else {
            format!("{SEED}{version}")
        };
        client.change(&uri, version, &typed);
    }
    client.save(&uri);
    let next = client.published();
    assert_eq!(next.version, Some(6), "versions 2–5 were never checked");
    assert!(codes(&next.diagnostics).contains(&"T3001"));
}

#[test]
fn a_change_is_published_once_it_has_rested() {
    let mut client = Client::start(Setup {
        initialization_options: Some(json!({ "debounceMs": 1 })),
        ..Setup::default()
    });
    let uri = report_uri("rest.txt");
    client.open(&uri, "plaintext", SEED);
    client.diagnostics_at(&uri, 1);
    client.change(&uri, 2, &faulty());
    // No save, no request: the debounce timer alone publishes it.
    assert!(codes(&client.diagnostics_at(&uri, 2)).contains(&"T3001"));
}

#[test]
fn a_panic_while_checking_is_that_documents_finding_only() {
    let mut client = Client::start(Setup {
        options: Options {
            debug_panic_marker: Some("触发内部错误".to_owned()),
        },
        ..Setup::default()
    });
    let broken = report_uri("broken.txt");
    client.open(&broken, "plaintext", &format!("{SEED}\n触发内部错误\n"));
    let found = client.diagnostics_at(&broken, 1);
    assert_eq!(codes(&found), ["IO007"]);
    assert_eq!(found[0].severity, Some(lsp::DiagnosticSeverity::ERROR));
    assert!(
        found[0].message.contains("内部错误"),
        "{}",
        found[0].message
    );
    assert!(client.hover(&broken, lsp::Position::new(52, 30)).is_none());
    // The server goes on: another document is checked as usual.
    let fine = report_uri("fine.txt");
    client.open(&fine, "plaintext", SEED);
    assert_eq!(codes(&client.diagnostics_at(&fine, 1)), ["L001"]);
    assert_eq!(client.shutdown_and_exit(), Exit::AfterShutdown);
}

#[test]
fn messages_in_the_configured_language() {
    let mut client = Client::start(Setup {
        initialization_options: Some(json!({ "lang": "en" })),
        ..Setup::default()
    });
    let uri = report_uri("en.txt");
    client.open(&uri, "plaintext", &faulty());
    let found = client.diagnostics_at(&uri, 1);
    let total = found.iter().find(|d| code(d) == "T3001").unwrap();
    assert!(
        total.message.starts_with("Table 3 R03"),
        "{}",
        total.message
    );

    // A client that answers workspace/configuration: its answer switches the language, and
    // every open document is published again.
    let mut client = Client::start(Setup {
        pulls_configuration: true,
        ..Setup::default()
    });
    client.configuration = json!({ "lang": "en" });
    client.notify::<lsp::notification::DidChangeConfiguration>(lsp::DidChangeConfigurationParams {
        settings: serde_json::Value::Null,
    });
    client.open(&uri, "plaintext", &faulty());
    loop {
        let published = client.published();
        let total = published
            .diagnostics
            .iter()
            .find(|d| code(d) == "T3001")
            .unwrap();
        if total.message.starts_with("Table 3 R03") {
            break;
        }
        assert!(total.message.starts_with("表三"), "{}", total.message);
    }
}

#[test]
fn the_nearest_nianbao_toml_applies() {
    let root = std::env::temp_dir().join(format!("nianbao-server-session-{}", std::process::id()));
    let folder = root.join("2024");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        root.join("nianbao.toml"),
        "ignore = [\"L001\"]\n[severity]\nT3001 = \"warning\"\n",
    )
    .unwrap();
    let path = folder.join("seed.txt");
    let uri = file_uri(&format!("file://{}", path.display()));
    let mut client = Client::start(Setup::default());
    client.open(&uri, "plaintext", &faulty());
    let found = client.diagnostics_at(&uri, 1);
    assert_eq!(codes(&found), ["N005", "T3001", "T3003"]);
    assert_eq!(found[1].severity, Some(lsp::DiagnosticSeverity::WARNING));

    // A broken configuration is said, pointing into the file; the defaults apply meanwhile.
    std::fs::write(
        root.join("nianbao.toml"),
        "ignore = [\"L001\"]\nselct = 1\n",
    )
    .unwrap();
    client.save(&uri);
    let found = client.diagnostics_at(&uri, 1);
    let problem = found.iter().find(|d| code(d) == "config-error").unwrap();
    assert!(
        problem.message.contains("nianbao.toml"),
        "{}",
        problem.message
    );
    let related = &problem.related_information.as_ref().unwrap()[0];
    assert_eq!(related.location.range.start, lsp::Position::new(1, 0));
    assert!(codes(&found).contains(&"L001"));
    std::fs::remove_dir_all(&root).unwrap();
}

/// The seed as a saved web page: prose lines as paragraphs, tab-separated lines as table rows.
fn as_page(text: &str) -> String {
    let mut page = String::from("<html><head><meta charset=\"utf-8\"></head><body>\n");
    let mut in_table = false;
    for line in text.lines() {
        if line.contains('\t') {
            if !in_table {
                page.push_str("<table>\n");
                in_table = true;
            }
            page.push_str("<tr>");
            for cell in line.split('\t') {
                page.push_str(&format!("<td>{cell}</td>"));
            }
            page.push_str("</tr>\n");
        } else {
            if in_table {
                page.push_str("</table>\n");
                in_table = false;
            }
            page.push_str(&format!("<p>{line}</p>\n"));
        }
    }
    page.push_str("</body></html>\n");
    page
}

#[test]
fn a_web_page_is_underlined_and_repaired_in_its_markup() {
    let mut client = Client::start(Setup::default());
    let uri = report_uri("report.html");
    let page = as_page(&faulty());
    client.open(&uri, "html", &page);
    let found = client.diagnostics_at(&uri, 1);
    let total = found
        .iter()
        .find(|d| code(d) == "T3001")
        .expect("T3001 on the page");
    let row = page.find("予以公开</td>").unwrap();
    let at = row + page[row..].find("<td>12</td>").unwrap() + "<td>".len();
    assert_eq!(total.range, range_of(&page, at, 2, false));
    let hover = client.hover(&uri, total.range.start).expect("a cell");
    assert_eq!(hover.range, Some(total.range));
    let fix = &client.code_actions(&uri, total.range)[0];
    assert_eq!(apply(&page, &uri, fix, false), as_page(SEED));
}

#[test]
fn only_report_files_are_checked_and_closing_clears() {
    let mut client = Client::start(Setup::default());
    client.open(&report_uri("README.md"), "markdown", &faulty());
    client.open(&report_uri("main.rs"), "rust", &faulty());
    let uri = report_uri("b.md");
    client.open(&uri, "markdown", SEED);
    // The first thing published is the report's: the others were never checked.
    let first = client.published();
    assert_eq!((first.uri, first.version), (uri.clone(), Some(1)));
    client.notify::<lsp::notification::DidCloseTextDocument>(lsp::DidCloseTextDocumentParams {
        text_document: lsp::TextDocumentIdentifier { uri: uri.clone() },
    });
    let cleared = client.published();
    assert_eq!(cleared.uri, uri);
    assert!(cleared.diagnostics.is_empty());
    // Not a report at all: said once, as `nianbao check` says it.
    let notes = report_uri("notes.txt");
    client.open(&notes, "plaintext", "会议纪要\n今天讨论了别的事情。\n");
    assert_eq!(codes(&client.diagnostics_at(&notes, 1)), ["IO006"]);
}

#[test]
fn the_shutdown_protocol() {
    // exit without shutdown: exit code 1.
    let client = Client::start(Setup::default());
    assert_eq!(client.exit(), Exit::WithoutShutdown);
    assert_eq!(Exit::WithoutShutdown.code(), 1);
    assert_eq!(Exit::AfterShutdown.code(), 0);

    let mut client = Client::start(Setup::default());
    let unknown = client.request_response("textDocument/definition", json!({}));
    let error = unknown.response_result.unwrap_err();
    assert_eq!(error.code, lsp_server::ErrorCode::MethodNotFound as i32);
    let bad = client.request_response("textDocument/hover", json!({ "nonsense": 1 }));
    assert_eq!(
        bad.response_result.unwrap_err().code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    client.request_raw("shutdown", serde_json::Value::Null);
    let late = client.request_response("textDocument/hover", json!({}));
    assert_eq!(
        late.response_result.unwrap_err().code,
        lsp_server::ErrorCode::InvalidRequest as i32
    );
    assert_eq!(client.exit(), Exit::AfterShutdown);
}

#[test]
fn code_action_requests_as_clients_send_them() {
    let mut client = Client::start(Setup::default());
    let uri = report_uri("clients.txt");
    let text = faulty();
    client.open(&uri, "plaintext", &text);
    let found = client.diagnostics_at(&uri, 1);
    let total = found.iter().find(|d| code(d) == "T3001").unwrap();
    let request = |context: serde_json::Value| json!({ "textDocument": { "uri": uri }, "range": total.range, "context": context });
    // Neovim 0.7 echoes the finding without its range; the server does not need it.
    let echoed = json!({ "diagnostics": [{ "code": "T3001", "message": total.message }] });
    let actions = client.request_raw("textDocument/codeAction", request(echoed));
    assert_eq!(actions.as_array().map(Vec::len), Some(1), "{actions}");
    // A client asking only for refactorings gets no quick fix.
    let only = json!({ "diagnostics": [], "only": ["refactor"] });
    let none = client.request_raw("textDocument/codeAction", request(only));
    assert_eq!(none, json!([]));
    let quickfix = json!({ "diagnostics": [], "only": ["quickfix"] });
    let some = client.request_raw("textDocument/codeAction", request(quickfix));
    assert_eq!(some.as_array().map(Vec::len), Some(1));
}

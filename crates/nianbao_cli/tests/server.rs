//! `nianbao server` as an editor starts it: the real binary on standard input and output, framed
//! JSON-RPC both ways. Initialize, open a faulty report, find the finding at the UTF-16 columns
//! of the flagged number, apply the quick fix, see the finding gone, shut down: exit code 0;
//! without `shutdown`, exit code 1. (`crates/nianbao_server/tests` covers the rest in-process.)
//!
//! The editor's side is `editor/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod editor;

use editor::{Editor, file_uri};
use serde_json::{Value, json};

const SEED: &str = include_str!("fixtures/seed.txt");

/// The LSP position (UTF-16 units) of byte `offset`, from the definition.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    json!({
        "line": before.matches('\n').count(),
        "character": text[line_start..offset].encode_utf16().count(),
    })
}

fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (at, ch) in text[start..].char_indices() {
        if units >= character {
            return start + at;
        }
        units += ch.len_utf16();
    }
    text.len()
}

#[test]
fn an_editor_over_stdio() {
    let folder = std::env::temp_dir().join(format!("nianbao-cli-server-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let uri = file_uri(&folder.join("偃师区.txt"));
    let row = "予以公开\t11\t0\t0\t0\t0\t0\t";
    let text = SEED.replacen(&format!("{row}11"), &format!("{row}12"), 1);
    assert_ne!(text, SEED);

    let mut editor = Editor::start();
    let initialized = editor.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    assert_eq!(initialized["capabilities"]["positionEncoding"], "utf-16");
    editor.notify("initialized", json!({}));
    editor.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let found = editor.diagnostics(1);
    let total = found
        .iter()
        .find(|d| d["code"] == "T3001")
        .expect("the wrong total");
    let at = text.find(&format!("{row}12")).unwrap() + row.len();
    assert_eq!(
        total["range"],
        json!({ "start": position(&text, at), "end": position(&text, at + 2) })
    );
    assert_eq!(total["severity"], 1);

    let actions = editor.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": total["range"], "context": { "diagnostics": [] } }),
    );
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    let (start, end) = (
        offset(&text, &edit["range"]["start"]),
        offset(&text, &edit["range"]["end"]),
    );
    let mut repaired = text.clone();
    repaired.replace_range(start..end, edit["newText"].as_str().unwrap());
    assert_eq!(repaired, SEED);

    editor.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": repaired }] }),
    );
    let after = editor.diagnostics(2);
    assert!(after.iter().all(|d| d["code"] != "T3001"), "{after:?}");

    editor.request("shutdown", Value::Null);
    assert_eq!(editor.exit_code(), 0);
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut editor = Editor::start();
    editor.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    editor.notify("initialized", json!({}));
    assert_eq!(editor.exit_code(), 1);
}

//! The page as a whole: a snapshot of a tiny corpus, both languages, the Content-Security-Policy
//! naming exactly the page's own script and style, cross-report findings joining their report,
//! and no markup from a report, a file name or a message reaching the page unescaped.

use super::*;
use crate::{Finding, output_order, related_at};
use nianbao_model::template::Template;
use nianbao_model::{Category, Diagnostic, Message, Span};
use nianbao_model::{Completeness, Coverage, Gap, GapKind};
use nianbao_source::LineIndex;
use proptest::prelude::*;

const FAULTY: &str = "偃师区人民政府办公室 2024 年政府信息公开工作年度报告\n\
（七）总计\t82\t0\t0\t0\t0\t0\t83\n\
四、结转下年度继续办理\t0\t\t0\t0\t0\t0\t0\n";

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or(0);
    Span::from_range(start..start + needle.len())
}

fn diagnostic(code: &'static str, severity: Severity, message: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        code,
        "rule-name",
        severity,
        Category::Arithmetic,
        Message::new(message, message),
        span,
    )
}

/// A file's entry as the CLI makes it: findings located and excerpted on `text`, in output
/// order.
fn entry(
    path: &str,
    text: &str,
    mut diagnostics: Vec<Diagnostic>,
    facts: Option<ReportFacts>,
) -> ReportEntry {
    diagnostics.sort_by(output_order);
    let index = LineIndex::new(text);
    let findings = Finding::locate_all(path, text, &diagnostics, Lang::Zh);
    ReportEntry {
        path: path.to_owned(),
        state: if facts.is_some() {
            FileState::Checked
        } else {
            FileState::Unreadable
        },
        completeness: facts.as_ref().map_or(Completeness::Complete, |facts| {
            facts.coverage.completeness()
        }),
        facts,
        findings: findings
            .into_iter()
            .zip(&diagnostics)
            .map(|(finding, diagnostic)| AuditFinding {
                finding,
                excerpt: Excerpt::of(text, &index, diagnostic, Lang::Zh, false),
                page: None,
            })
            .collect(),
    }
}

fn facts(body: &str, year: u16, template: Template, gaps: Vec<Gap>) -> Option<ReportFacts> {
    Some(ReportFacts {
        body: Some(body.to_owned()),
        year: Some(year),
        template,
        coverage: Coverage { gaps },
    })
}

fn rules() -> Vec<RuleMeta> {
    vec![RuleMeta {
        code: "T3001".to_owned(),
        name: "table3-row-total".to_owned(),
        severity: Severity::Error,
        category: Category::Arithmetic,
        summary: Message::new(
            "表三每行的总计应等于六类申请人之和",
            "each row's total equals the sum of its six columns",
        ),
        doc: None,
    }]
}

/// A faulty report (a wrong total with its summed cells, a blank cell, a finding on a PDF
/// page), a clean one, a pre-2019 one, an unreadable file and a hostile one.
fn tiny_corpus(lang: Lang) -> AuditPage {
    let mut page = AuditPage::new(
        PageOptions {
            lang,
            column_unit: ColumnUnit::Char,
            generator: "nianbao test".to_owned(),
        },
        &rules(),
    );
    let total = diagnostic(
        "T3001",
        Severity::Error,
        "表三 R24（总计）总计 83 不等于各列之和 82（差 +1）",
        span_of(FAULTY, "83"),
    )
    .with_label(
        span_of(FAULTY, "82"),
        Message::new("R24[C1] = 82", "R24[C1] = 82"),
    )
    .with_help(Message::new(
        "按 C1–C6 之和，R24[C7] 应为 82",
        "R24[C7] should be 82",
    ));
    let blank_at = u32::try_from(FAULTY.find("\t\t").unwrap_or(0) + 1).unwrap_or(0);
    let blank = diagnostic(
        "B001",
        Severity::Warning,
        "R25[C2] 未填写",
        Span::new(blank_at, blank_at),
    );
    let mut faulty = entry(
        "reports/偃师区 2024.txt",
        FAULTY,
        vec![total, blank],
        facts("偃师区人民政府办公室", 2024, Template::V2021, Vec::new()),
    );
    faulty.findings[0].page = Some(3);
    page.add(faulty);
    page.add(entry(
        "reports/clean.txt",
        "",
        Vec::new(),
        facts("洛阳市民政局", 2023, Template::V2021, Vec::new()),
    ));
    page.add(entry(
        "reports/old-2013.txt",
        "",
        Vec::new(),
        facts(
            "宁化县民政局",
            2013,
            Template::Pre2019,
            vec![Gap {
                kind: GapKind::OldFormat { breakdowns: 0 },
                span: Span::default(),
            }],
        ),
    ));
    page.add(entry(
        "reports/broken.docx",
        "",
        vec![diagnostic(
            "IO001",
            Severity::Error,
            "文件无法读取",
            Span::default(),
        )],
        None,
    ));
    let hostile = "<img src=x onerror=alert(1)> 2024 年报告\n总计 <script>alert(1)</script> 83\n";
    page.add(entry(
        "\"><svg onload=alert(1)>.txt",
        hostile,
        vec![diagnostic(
            "T3001",
            Severity::Error,
            "<b>83</b> & \"quoted\" 'single'",
            span_of(hostile, "<script>"),
        )],
        facts(
            "<img src=x onerror=alert(1)>",
            2024,
            Template::V2021,
            Vec::new(),
        ),
    ));
    page
}

impl AuditPage {
    fn render_page(&self) -> String {
        let mut out = Vec::new();
        self.write_to(&mut out).unwrap_or_default();
        String::from_utf8(out).unwrap_or_default()
    }
}

/// The page between `<body>` and its script: what the snapshot shows (the style and script
/// are constants, checked by the policy test below).
fn body(page: &str) -> &str {
    let start = page.find("<body>").unwrap_or(0);
    let end = page.rfind("<script>").unwrap_or(page.len());
    &page[start..end]
}

#[test]
fn tiny_corpus_page() {
    insta::assert_snapshot!(body(&tiny_corpus(Lang::Zh).render_page()));
}

#[test]
fn english_page() {
    let page = tiny_corpus(Lang::En).render_page();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for text in [
        "Checked fully",
        "not fully checked",
        "the 2008 format (before 2019)",
        "page 3, line 2, column 20",
        "each row&#39;s total equals the sum of its six columns",
        "unreadable",
    ] {
        assert!(page.contains(text), "{text} missing");
    }
}

#[test]
fn the_policy_names_exactly_the_pages_own_script_and_style() {
    let page = tiny_corpus(Lang::Zh).render_page();
    let between = |open: &str, close: &str| {
        let start = page.find(open).map(|at| at + open.len()).unwrap_or(0);
        let end = page[start..]
            .find(close)
            .map_or(page.len(), |at| start + at);
        page[start..end].to_owned()
    };
    let policy = between("http-equiv=\"Content-Security-Policy\" content=\"", "\"");
    assert_eq!(
        policy,
        csp::policy(
            &between("<script>", "</script>"),
            &between("<style>", "</style>")
        )
    );
    assert!(policy.starts_with("default-src 'none';"));
    assert_eq!(page.matches("<script").count(), 1);
    assert_eq!(page.matches("<style").count(), 1);
    assert!(
        !page.contains(" style="),
        "inline style attributes would need 'unsafe-inline'"
    );
}

#[test]
fn cross_report_findings_join_their_report() {
    let mut page = tiny_corpus(Lang::Zh);
    let mut cross = diagnostic(
        "X001",
        Severity::Warning,
        "上年结转 1 件，上年报告结转下年度 3 件",
        span_of(FAULTY, "82"),
    );
    cross.related.push(related_at(
        "reports/偃师区 2023.html",
        (40, 3),
        (40, 4),
        Message::new("上年报告的结转下年度", "last year's carried forward"),
    ));
    page.add(entry("reports/偃师区 2024.txt", FAULTY, vec![cross], None));
    let html = page.render_page();
    assert_eq!(
        html.matches("<tr data-errors").count(),
        5,
        "one row per file"
    );
    let section = html
        .split("<article")
        .find(|section| section.contains("id=\"r0\""))
        .unwrap_or("");
    assert!(section.contains("X001"));
    assert!(
        section.contains("reports/偃师区 2023.html <span class=\"loc\">第 40 行第 3 列</span>")
    );
    // The report keeps the facts its own pass found.
    assert!(section.contains("偃师区人民政府办公室 · 2024 · 2021 版"));
}

#[test]
fn hostile_texts_are_shown_as_text() {
    let page = tiny_corpus(Lang::Zh).render_page();
    for raw in [
        "<img",
        "<svg onload",
        "<b>83",
        "onerror=alert(1)>",
        "\"quoted\"",
    ] {
        assert!(!page.contains(raw), "{raw} reached the page unescaped");
    }
    for escaped in [
        "&quot;&gt;&lt;svg onload=alert(1)&gt;.txt",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&lt;b&gt;83&lt;/b&gt; &amp; &quot;quoted&quot; &#39;single&#39;",
        "<mark class=\"p\">&lt;script&gt;</mark>alert(1)&lt;/script&gt;",
    ] {
        assert!(page.contains(escaped), "{escaped} missing");
    }
}

/// Characters a report may hold; `x` is not among them, so that replacing `<` by `x` cannot
/// make two different texts equal.
const ALPHABET: &str = "[a-w<>&\"'= 表三\t\n/]{0,12}";

proptest! {
    /// Every `<` of a page is the page's own: the same page with every `<` in its inputs
    /// replaced by `x` has exactly as many.
    #[test]
    fn no_unescaped_angle_bracket_from_input(
        path in ALPHABET, body in ALPHABET, message in ALPHABET, line in ALPHABET, help in ALPHABET,
    ) {
        let page = |tamed: bool| {
            let tame = |text: &str| if tamed { text.replace('<', "x") } else { text.to_owned() };
            let text = format!("{}\n", tame(&line).replace('\n', " "));
            let found = diagnostic(
                "T3001",
                Severity::Error,
                &tame(&message),
                Span::new(0, u32::try_from(text.len() / 2).unwrap_or(0)),
            )
            .with_label(Span::new(1, 2), Message::new(tame(&help), tame(&help)))
            .with_help(Message::new(tame(&help), tame(&help)));
            let mut page = AuditPage::new(
                PageOptions { lang: Lang::Zh, column_unit: ColumnUnit::Char, generator: tame(&help) },
                &[],
            );
            page.add(entry(&tame(&path), &text, vec![found], facts(&tame(&body), 2024, Template::V2021, Vec::new())));
            page.render_page()
        };
        prop_assert_eq!(page(false).matches('<').count(), page(true).matches('<').count());
    }
}

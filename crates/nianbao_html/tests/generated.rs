//! Generated reports rendered as web pages and Word files read back to exactly the numbers the
//! report holds, the numbers its plaintext rendering parses to, and spans that land on the
//! cell's digits in the markup.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use nianbao_gen::{
    FaultKind, GeneratedReport, Layout, Options, generate, inject, render, render_docx, render_html,
};
use nianbao_html::{DocxLimits, Extracted, extract_docx, extract_html};
use nianbao_model::{Report, Value};
use nianbao_source::Span;
use support::visible;

const REPORTS: u64 = 260;

/// Every table cell of a parsed report, in a fixed order, with its span.
fn cells(report: &Report) -> Vec<(String, Value, Span)> {
    let mut out = Vec::new();
    if let Some(table) = &report.table2 {
        for (id, cell) in table.cells() {
            out.push((id.to_owned(), cell.value, cell.span));
        }
    }
    if let Some(table) = &report.table3 {
        for (id, row) in table.present_rows() {
            for (column, cell) in row.cells.iter().enumerate() {
                out.push((format!("{id}[C{}]", column + 1), cell.value, cell.span));
            }
        }
    }
    if let Some(table) = &report.table4 {
        for (index, cell) in table.cells.iter().enumerate() {
            out.push((format!("F{}", index + 1), cell.value, cell.span));
        }
    }
    out
}

fn values(report: &Report) -> Vec<(String, Value)> {
    cells(report)
        .into_iter()
        .map(|(id, value, _)| (id, value))
        .collect()
}

/// The report's own numbers, where the model names them.
fn assert_report_numbers(generated: &GeneratedReport, parsed: &Report, what: &str) {
    let differences = generated.differences(parsed);
    assert!(
        differences.is_empty(),
        "{what}:\n{}",
        differences.join("\n")
    );
}

fn assert_spans_land_on_digits(extracted: &Extracted, parsed: &Report, what: &str) {
    for (id, value, span) in cells(parsed) {
        if !matches!(value, Value::Number(_) | Value::Decimal(_)) {
            continue;
        }
        let text = span.slice(&extracted.text);
        let original = extracted.to_original(span).slice(&extracted.original);
        assert!(!text.is_empty(), "{what}: {id} has an empty span");
        if !original.contains('<') {
            assert_eq!(original, text, "{what}: {id}");
        }
        assert_eq!(visible(original), text, "{what}: {id} maps to {original:?}");
    }
}

#[test]
fn html_and_docx_renderings_read_back_to_the_report_numbers() {
    let mut split_digits = 0;
    for index in 0..REPORTS {
        let report = generate(2026, index, &Options::default());
        let plain = render(&report, Layout::Tab);
        let from_text = nianbao_syntax::parse(&plain.text).report;

        let page = render_html(&report);
        let extracted = extract_html(page.as_bytes()).expect("a page");
        let from_page = nianbao_syntax::parse(&extracted.text).report;
        assert_report_numbers(&report, &from_page, &format!("html #{index}"));
        assert_eq!(values(&from_page), values(&from_text), "html #{index}");
        assert_eq!(from_page.year(), from_text.year(), "html #{index}");
        assert_spans_land_on_digits(&extracted, &from_page, &format!("html #{index}"));
        split_digits += usize::from(page.contains("</span><span lang=EN-US style"));

        let docx = render_docx(&report).expect("a zip");
        let extracted = extract_docx(&docx, &DocxLimits::default()).expect("a docx");
        let from_docx = nianbao_syntax::parse(&extracted.text).report;
        assert_report_numbers(&report, &from_docx, &format!("docx #{index}"));
        assert_eq!(values(&from_docx), values(&from_text), "docx #{index}");
        assert_spans_land_on_digits(&extracted, &from_docx, &format!("docx #{index}"));
    }
    assert!(
        split_digits > REPORTS as usize / 2,
        "split digits in {split_digits} pages"
    );
}

#[test]
fn faults_survive_the_markup_renderings() {
    // A blank cell must stay blank (not shift its row) and a broken total must stay broken.
    for (index, kind) in [(3, FaultKind::RowTotal), (5, FaultKind::BlankCell)] {
        let mut report = generate(99, index, &Options::default());
        let Some(_) = inject(&mut report, kind, Layout::Tab) else {
            panic!("{kind:?} applies to report {index}");
        };
        let plain = nianbao_syntax::parse(&render(&report, Layout::Tab).text).report;
        let page = extract_html(render_html(&report).as_bytes()).unwrap();
        assert_eq!(
            values(&nianbao_syntax::parse(&page.text).report),
            values(&plain),
            "{kind:?} html"
        );
        let docx = extract_docx(&render_docx(&report).unwrap(), &DocxLimits::default()).unwrap();
        assert_eq!(
            values(&nianbao_syntax::parse(&docx.text).report),
            values(&plain),
            "{kind:?} docx"
        );
        assert_report_numbers(
            &report,
            &nianbao_syntax::parse(&page.text).report,
            &format!("{kind:?}"),
        );
    }
}

/// What a finding says and where, comparable across renderings: its code and the text under
/// its primary span (lines differ, the text pointed at must not).
fn findings(text: &str, rules: &nianbao_rules::RuleSet) -> Vec<(String, String)> {
    let parsed = nianbao_syntax::parse(text);
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(rules.check(&parsed.report, text));
    let mut out: Vec<(String, String)> = diagnostics
        .iter()
        .map(|diagnostic| {
            let under: String = diagnostic
                .span
                .slice(text)
                .chars()
                .filter(|ch| !ch.is_whitespace())
                .collect();
            (diagnostic.code.to_string(), under)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_fault_class_gives_the_same_findings_in_html_and_docx() {
    let rules = nianbao_rules::RuleSet::builtin().expect("the built-in rules load");
    let options = nianbao_gen::CorpusOptions {
        seed: 11,
        layouts: vec![Layout::Tab],
        fault_percent: 100,
        ..nianbao_gen::CorpusOptions::default()
    };
    let mut codes = std::collections::BTreeSet::new();
    for index in 0..2 * FaultKind::ALL.len() as u64 {
        let file = nianbao_gen::corpus_file(&options, index, 3);
        let plain = findings(&file.rendered.text, &rules);
        let page = extract_html(render_html(&file.report).as_bytes()).unwrap();
        assert_eq!(findings(&page.text, &rules), plain, "html #{index}");
        let docx = render_docx(&file.report).unwrap();
        let docx = extract_docx(&docx, &DocxLimits::default()).unwrap();
        assert_eq!(findings(&docx.text, &rules), plain, "docx #{index}");
        if let Some(fault) = &file.entry.fault {
            assert!(
                plain.iter().any(|(code, _)| code == fault.code),
                "#{index}: the plaintext shows the injected {}",
                fault.code
            );
            codes.insert(fault.code);
        }
    }
    assert!(codes.len() >= 10, "fault codes covered: {codes:?}");
}

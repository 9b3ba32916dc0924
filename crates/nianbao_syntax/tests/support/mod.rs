//! Shared test helpers: the seed report and a stable text dump of a parsed report.

// Test support: each test binary uses a subset, and a failed expectation here is a failed test.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use nianbao_model::template::{RowId, TABLE4_CELL_IDS};
use nianbao_model::{Report, cell_json};
use nianbao_syntax::Parsed;
use std::fmt::Write as _;

/// The seed report, from `corpus/seed/` in the repository.
pub fn seed() -> String {
    nianbao_testdata::seed()
}

/// A stable, diff-friendly dump of the model and the parse diagnostics.
pub fn dump(parsed: &Parsed, text: &str) -> String {
    let report: &Report = &parsed.report;
    let index = nianbao_source::LineIndex::new(text);
    let line = |offset: u32| index.position(text, offset).line;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "template: {} mixed={}",
        report.template.template, report.template.mixed
    );
    for evidence in &report.template.evidence {
        let _ = writeln!(
            out,
            "  evidence {} {} @{}",
            evidence.template,
            evidence.label,
            line(evidence.span.start)
        );
    }
    if let Some(title) = &report.title {
        let _ = writeln!(
            out,
            "title: {:?} organ={:?} year={:?}",
            title.span.slice(text),
            title.organ,
            title.year
        );
    }
    if let Some(period) = &report.period {
        let _ = writeln!(
            out,
            "period: {:?} {}..{:?} whole={}",
            period.span.slice(text),
            period.start_year,
            period.end_year,
            period.whole_year
        );
    }
    for section in &report.sections {
        let _ = writeln!(
            out,
            "section {} {:?} {:?} line {} body {}b",
            section.number,
            section.heading,
            section.conformity,
            line(section.heading_span.start),
            section.body.len()
        );
    }
    let _ = writeln!(out, "paragraphs: {}", report.paragraphs.len());
    for paragraph in &report.paragraphs {
        let start: String = paragraph.span.slice(text).chars().take(16).collect();
        let _ = writeln!(
            out,
            "  §{:?} line {} {start:?}",
            paragraph.section,
            line(paragraph.span.start)
        );
    }
    if let Some(table) = &report.table2 {
        let _ = writeln!(out, "table2 ({}):", table.layout);
        for header in &table.headers {
            let _ = writeln!(
                out,
                "  header {:?} {:?} for {:?}",
                header.label.span.slice(text),
                header.label.matched,
                header.expected(table.layout)
            );
        }
        for (id, cell) in table.cells() {
            let _ = writeln!(
                out,
                "  {id} = {} {:?}",
                cell_json(cell, text),
                cell.provenance
            );
        }
    }
    if let Some(table) = &report.table3 {
        let _ = writeln!(out, "table3:");
        for (id, row) in table.present_rows() {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|cell| cell_json(cell, text).to_string())
                .collect();
            let provenance = row.cells.first().map(|cell| cell.provenance);
            let _ = writeln!(
                out,
                "  {id} [{:?}] {} {:?}",
                row.label.matched,
                cells.join(" "),
                provenance
            );
        }
    }
    if let Some(table) = &report.table4 {
        let cells: Vec<String> = table
            .cells
            .iter()
            .map(|cell| cell_json(cell, text).to_string())
            .collect();
        let _ = writeln!(
            out,
            "table4: {} ({})",
            cells.join(" "),
            TABLE4_CELL_IDS.len()
        );
    }
    for diagnostic in &parsed.diagnostics {
        let _ = writeln!(
            out,
            "{} {} line {}: {} | {}",
            diagnostic.code,
            diagnostic.severity.as_str(),
            line(diagnostic.span.start),
            diagnostic.message.zh,
            diagnostic.span.slice(text)
        );
        for label in &diagnostic.labels {
            let _ = writeln!(
                out,
                "  label line {}: {} | {}",
                line(label.span.start),
                label.message.zh,
                label.span.slice(text)
            );
        }
    }
    out
}

/// Table 3 values of a row as integers (`None` for anything else).
pub fn row(parsed: &Parsed, id: &str) -> Vec<Option<i64>> {
    let id = RowId::parse(id).expect("row id");
    parsed
        .report
        .table3
        .as_ref()
        .and_then(|table| table.row(id))
        .map(|row| {
            row.cells
                .iter()
                .map(|cell| cell.value.as_integer())
                .collect()
        })
        .unwrap_or_default()
}

/// Every span of the model and the diagnostics lies on char boundaries of `text`.
pub fn assert_spans(parsed: &Parsed, text: &str) {
    let check = |span: nianbao_source::Span, what: &str| {
        assert!(span.start <= span.end, "{what}: {span:?}");
        assert!(
            text.is_char_boundary(span.start as usize),
            "{what}: {span:?}"
        );
        assert!(text.is_char_boundary(span.end as usize), "{what}: {span:?}");
    };
    let report = &parsed.report;
    if let Some(title) = &report.title {
        check(title.span, "title");
        title.year_span.iter().for_each(|s| check(*s, "year"));
    }
    report.period.iter().for_each(|p| check(p.span, "period"));
    for section in &report.sections {
        check(section.heading_span, "heading");
        check(section.body, "body");
    }
    report
        .paragraphs
        .iter()
        .for_each(|p| check(p.span, "paragraph"));
    report
        .template
        .evidence
        .iter()
        .for_each(|e| check(e.span, "evidence"));
    if let Some(table) = &report.table2 {
        check(table.span, "table2");
        table
            .headers
            .iter()
            .for_each(|h| check(h.label.span, "header"));
        for row in &table.rows {
            check(row.label.span, "t2 label");
            row.cells.iter().for_each(|c| check(c.span, "t2 cell"));
        }
    }
    if let Some(table) = &report.table3 {
        check(table.span, "table3");
        for (_, row) in table.present_rows() {
            check(row.label.span, "t3 label");
            row.cells.iter().for_each(|c| check(c.span, "t3 cell"));
        }
    }
    if let Some(table) = &report.table4 {
        check(table.span, "table4");
        table.cells.iter().for_each(|c| check(c.span, "t4 cell"));
    }
    parsed
        .diagnostics
        .iter()
        .for_each(|d| check(d.span, "diagnostic"));
}

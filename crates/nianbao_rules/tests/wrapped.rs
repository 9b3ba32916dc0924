//! Narrative reading of hard-wrapped paragraphs, on hand-built models: a paragraph whose span
//! covers several physical lines (as text copied out of a PDF) is read like an unwrapped one —
//! a line break, its indentation and a page footer line are no boundary — and a finding points
//! at the number on its own line and column.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use nianbao_model::template::{RowId, Template};
use nianbao_model::{
    Cell, Diagnostic, Label, LabelMatch, Paragraph, Provenance, Report, Severity, Span, Table3,
    Table3Row, TemplateDetection, Value,
};
use nianbao_rules::RuleSet;
use nianbao_source::LineIndex;

/// A report whose Table 3 has `new` applications (R01, all natural persons) and nothing else,
/// with `prose` as one paragraph of Section 一 after it.
fn model(new: i64, prose: &str) -> (Report, String) {
    let mut source = String::new();
    let mut table3 = Table3::new(Span::default());
    for id in ["R01", "R02", "R24", "R25"] {
        let row = RowId::parse(id).unwrap();
        let label_start = source.len();
        source.push_str(id);
        let label = Label {
            span: Span::from_range(label_start..source.len()),
            matched: LabelMatch::Exact,
        };
        let mut cells = [Cell::missing(Span::default()); 7];
        for (col, slot) in cells.iter_mut().enumerate() {
            let value = if matches!(id, "R01" | "R24") && (col == 0 || col == 6) {
                new
            } else {
                0
            };
            source.push('\t');
            let start = source.len();
            source.push_str(&value.to_string());
            *slot = Cell {
                value: Value::Number(value),
                span: Span::from_range(start..source.len()),
                provenance: Provenance::Exact,
            };
        }
        source.push('\n');
        table3.rows[row.index()] = Some(Table3Row {
            id: row,
            label,
            cells,
        });
    }
    table3.span = Span::from_range(0..source.len());
    let start = source.len();
    source.push_str(prose);
    let report = Report {
        template: TemplateDetection {
            template: Template::V2021,
            ..TemplateDetection::default()
        },
        table3: Some(table3),
        paragraphs: vec![Paragraph {
            span: Span::from_range(start..source.len()),
            section: Some(1),
        }],
        ..Report::default()
    };
    (report, source)
}

fn narrative(report: &Report, source: &str) -> Vec<Diagnostic> {
    RuleSet::builtin()
        .unwrap()
        .check(report, source)
        .into_iter()
        .filter(|d| d.code.starts_with('N'))
        .collect()
}

/// Line and column (in characters) of a finding.
fn at(source: &str, finding: &Diagnostic) -> (u32, u32) {
    let position = LineIndex::new(source).position(source, finding.span.start);
    (position.line, position.column)
}

#[test]
fn a_claim_wrapped_mid_phrase_is_read_and_points_at_its_number() {
    let prose = "区政府办代表区政府受理政府\n信息公开申请 17 件。";
    let (report, source) = model(95, prose);
    let found = narrative(&report, &source);
    let [finding] = found.as_slice() else {
        panic!("one narrative finding: {found:#?}");
    };
    assert_eq!(finding.code, "N002");
    assert_eq!(finding.span.slice(&source), "17");
    assert_eq!(at(&source, finding), (6, 8));
    assert!(finding.message.zh.contains("17"), "{}", finding.message.zh);
    // The same paragraph unwrapped says the same thing.
    let (flat_report, flat) = model(95, &prose.replace('\n', ""));
    let unwrapped = narrative(&flat_report, &flat);
    assert_eq!(unwrapped.len(), 1);
    assert_eq!(unwrapped[0].message, finding.message);
    // With the table's own number it agrees.
    let (report, source) = model(17, prose);
    assert!(narrative(&report, &source).is_empty());
}

#[test]
fn indentation_and_a_page_footer_inside_the_paragraph_are_nothing() {
    let prose = "    一年来，我办严格执行信息公开制度，全年新收政府信息公开\n\n                          -1-\n\n    申请 17 件，均已按时答复。";
    let (report, source) = model(95, prose);
    let found = narrative(&report, &source);
    let codes: Vec<(&str, &str, Severity)> = found
        .iter()
        .map(|d| (d.code.as_ref(), d.span.slice(&source), d.severity))
        .collect();
    assert_eq!(codes, [("N001", "17", Severity::Error)], "{found:#?}");
    assert_eq!(at(&source, &found[0]), (9, 8));
}

#[test]
fn a_heading_line_is_still_a_boundary() {
    // `（二）依申请公开` ends its line: the count below it is not the heading's.
    let prose = "（二）依申请公开新收\n本机关全年公开文件 17 件。";
    let (report, source) = model(95, prose);
    assert!(narrative(&report, &source).is_empty());
}

//! The messy shapes of published reports (issue 12), as short hand-made fixtures with synthetic
//! numbers (`tests/fixtures/messy/`): `pdftotext -layout` text with labels wrapped around their
//! numbers, a misprinted label and a page break inside Table 3; plain `pdftotext` reading order
//! with labels after their numbers; a table exported column by column; a Word grid with merged
//! blanks; Markdown with one table per row group. Each reads its numbers exactly (or says why
//! it cannot), and the model is snapshotted.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use nianbao_model::template::{RowId, Template};
use nianbao_model::{LabelMatch, Severity, Value};
use nianbao_syntax::{Parsed, parse};

fn fixture(name: &str) -> (String, Parsed) {
    let path = format!(
        "{}/tests/fixtures/messy/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    insta::assert_snapshot!(name, support::dump(&parsed, &text));
    (text, parsed)
}

/// Table 3 of the fixtures (2021 rows; R21 stands for the single （六） row in 2019 shapes).
const TABLE3: [(&str, [i64; 7]); 25] = [
    ("R01", [20, 1, 0, 0, 0, 0, 21]),
    ("R02", [1, 0, 0, 0, 0, 0, 1]),
    ("R03", [5, 1, 0, 0, 0, 0, 6]),
    ("R04", [4, 0, 0, 0, 0, 0, 4]),
    ("R05", [0; 7]),
    ("R06", [1, 0, 0, 0, 0, 0, 1]),
    ("R07", [0; 7]),
    ("R08", [0; 7]),
    ("R09", [0; 7]),
    ("R10", [1, 0, 0, 0, 0, 0, 1]),
    ("R11", [0; 7]),
    ("R12", [0; 7]),
    ("R13", [5, 0, 0, 0, 0, 0, 5]),
    ("R14", [1, 0, 0, 0, 0, 0, 1]),
    ("R15", [0; 7]),
    ("R16", [1, 0, 0, 0, 0, 0, 1]),
    ("R17", [0; 7]),
    ("R18", [0; 7]),
    ("R19", [0; 7]),
    ("R20", [0; 7]),
    ("R21", [1, 0, 0, 0, 0, 0, 1]),
    ("R22", [0; 7]),
    ("R23", [0; 7]),
    ("R24", [19, 1, 0, 0, 0, 0, 20]),
    ("R25", [2, 0, 0, 0, 0, 0, 2]),
];

const TABLE4: [i64; 15] = [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0];

fn assert_table3(parsed: &Parsed, single_other: bool) {
    let table = parsed.report.table3.as_ref().expect("Table 3");
    for (name, values) in TABLE3 {
        let id = match name {
            "R21" if single_other => RowId::R21_23,
            "R22" | "R23" if single_other => continue,
            _ => RowId::parse(name).unwrap(),
        };
        let row = table.row(id).unwrap_or_else(|| panic!("{name} not read"));
        let cells: Vec<Value> = row.cells.iter().map(|cell| cell.value).collect();
        assert_eq!(cells, values.map(Value::Number), "{name}");
    }
}

fn table4(parsed: &Parsed) -> Vec<Value> {
    let table = parsed.report.table4.as_ref().expect("Table 4");
    table.cells.iter().map(|cell| cell.value).collect()
}

fn errors(parsed: &Parsed) -> Vec<&nianbao_model::Diagnostic> {
    parsed
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .collect()
}

#[test]
fn pdf_layout_text() {
    let (text, parsed) = fixture("pdf_layout");
    let report = &parsed.report;
    // The title over two lines, the issuing body first.
    assert_eq!(report.organ(), Some("淮安市某区人民政府"));
    assert_eq!(report.year(), Some(2024));
    // A 2021 report printing the 2019 （六）其他处理 row: 2021, not mixed, the row in evidence.
    assert_eq!(report.template.template, Template::V2021);
    assert!(!report.template.mixed);
    assert!(
        report
            .template
            .evidence
            .iter()
            .any(|evidence| evidence.template == Template::V2019)
    );
    assert_table3(&parsed, true);
    let r06 = report
        .table3
        .as_ref()
        .and_then(|table| table.row(RowId::new(6).unwrap()))
        .unwrap();
    assert_eq!(r06.label.span.slice(&text), "其他法律行政止公开");
    assert_eq!(r06.label.matched, LabelMatch::Variant);
    assert_eq!(table4(&parsed), TABLE4.map(Value::Number));
    // `1.信访举报投诉` / `类申   1 …` / `请`: the tail moved before the numbers for reading,
    // and every span still points into the text as printed.
    let r16 = report
        .table3
        .as_ref()
        .and_then(|table| table.row(RowId::new(16).unwrap()))
        .unwrap();
    assert_eq!(r16.label.matched, LabelMatch::Folded);
    assert!(r16.label.span.slice(&text).starts_with("1.信访举报投诉"));
    assert!(r16.label.span.slice(&text).ends_with('请'));
    let first = r16.cells[0].span;
    assert_eq!(first.slice(&text), "1");
    let line_of = |offset: u32| text[..offset as usize].matches('\n').count();
    assert!(
        text.lines()
            .nth(line_of(first.start))
            .unwrap()
            .contains("类申")
    );
    // A paragraph hard-wrapped over two lines is one paragraph; a page number is none.
    let wrapped = report
        .paragraphs
        .iter()
        .find(|paragraph| paragraph.span.slice(&text).starts_with("2024 年，区政府"))
        .unwrap();
    assert!(wrapped.span.slice(&text).ends_with("均在法定期限内答复。"));
    assert!(
        report
            .paragraphs
            .iter()
            .all(|paragraph| !paragraph.span.slice(&text).contains("-3-"))
    );
    assert!(errors(&parsed).is_empty(), "{:#?}", parsed.diagnostics);
}

#[test]
fn reading_order_text() {
    let (_, parsed) = fixture("reading_order");
    assert_table3(&parsed, false);
    let table2 = parsed.report.table2.as_ref().unwrap();
    let value = |id: &str| table2.cell(id).map(|cell| cell.value);
    assert_eq!(value("A7"), Some(Value::Number(550)));
    assert_eq!(value("A8"), Some(Value::Number(41)));
    assert_eq!(value("A10"), Some(Value::Number(0)));
    assert_eq!(table4(&parsed), TABLE4.map(Value::Number));
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
}

#[test]
fn column_by_column_text_is_said_not_guessed() {
    let (_, parsed) = fixture("column_major");
    assert!(parsed.report.table3.is_none());
    let codes: Vec<(&str, Severity)> = parsed
        .diagnostics
        .iter()
        .map(|diagnostic| (diagnostic.code.as_ref(), diagnostic.severity))
        .collect();
    assert!(codes.contains(&("PA012", Severity::Warning)), "{codes:?}");
}

#[test]
fn word_grid_with_merged_blanks() {
    let (_, parsed) = fixture("tab_merged_2019");
    let report = &parsed.report;
    assert_eq!(report.template.template, Template::V2019);
    let table2 = report.table2.as_ref().unwrap();
    let number = |id: &str| table2.cell(id).and_then(|cell| cell.value.as_integer());
    assert_eq!(
        ["B1", "B2", "B3", "B7", "B8", "B9", "B21", "B22"].map(number),
        [13, 13, 524, 6, -4, 2, 6, 251000].map(Some)
    );
    // `1、` numbering reads as the template's `1.`.
    assert_table3(&parsed, true);
    // A one-row Table 4 whose last block is blank.
    let blank = |values: [i64; 15]| {
        values.map(|value| {
            if value == 0 {
                Value::Blank
            } else {
                Value::Number(value)
            }
        })
    };
    assert_eq!(table4(&parsed), blank(TABLE4));
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
}

#[test]
fn markdown_with_a_table_per_row_group() {
    let (text, parsed) = fixture("markdown_groups");
    assert_eq!(parsed.report.organ(), Some("沐阳县某局"));
    assert_table3(&parsed, false);
    assert_eq!(table4(&parsed), TABLE4.map(Value::Number));
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    // A blank cell in a one-row table followed by the next `###` heading: the heading's marks
    // are not the row's last cell.
    let blank = text.replacen(
        "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "| 1 | 0 | 0 | 0 | 0 |  | 1 |",
        1,
    );
    let parsed = parse(&blank);
    let r02 = parsed
        .report
        .table3
        .as_ref()
        .and_then(|table| table.row(RowId::new(2).unwrap()))
        .unwrap();
    let cells: Vec<Value> = r02.cells.iter().map(|cell| cell.value).collect();
    let mut expected = [0, 0, 0, 0, 0, 0, 0].map(Value::Number).to_vec();
    expected[0] = Value::Number(1);
    expected[5] = Value::Blank;
    expected[6] = Value::Number(1);
    assert_eq!(cells, expected);
}

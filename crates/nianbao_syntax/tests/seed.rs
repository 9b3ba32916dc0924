//! The seed report must parse completely: every value exact, no parse diagnostics.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use nianbao_model::LabelMatch;
use nianbao_model::template::Template;
use nianbao_syntax::parse;

pub const TABLE2: [(&str, i64); 9] = [
    ("A1", 0),
    ("A2", 0),
    ("A3", 0),
    ("A4", 5),
    ("A5", 0),
    ("A6", 45),
    ("A7", 0),
    ("A8", 0),
    ("A9", 0),
];

/// Table 3 of the seed, R01–R25.
pub const TABLE3: [[i64; 7]; 25] = {
    const ZERO: [i64; 7] = [0; 7];
    let mut rows = [ZERO; 25];
    rows[0] = [81, 0, 0, 0, 0, 0, 81];
    rows[1] = [1, 0, 0, 0, 0, 0, 1];
    rows[2] = [11, 0, 0, 0, 0, 0, 11];
    rows[12] = [71, 0, 0, 0, 0, 0, 71];
    rows[23] = [82, 0, 0, 0, 0, 0, 82];
    rows
};

#[test]
fn seed_parses_exactly() {
    let text = support::seed();
    let parsed = parse(&text);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let report = &parsed.report;
    assert_eq!(report.organ(), Some("偃师区人民政府办公室"));
    assert_eq!(report.year(), Some(2024));
    assert_eq!(report.template.template, Template::V2021);
    assert!(!report.template.mixed);
    assert_eq!(
        report.sections.iter().map(|s| s.number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    assert!(
        report
            .sections
            .iter()
            .all(|s| s.conformity == LabelMatch::Exact)
    );

    let table2 = report.table2.as_ref().expect("table 2");
    for (id, value) in TABLE2 {
        assert_eq!(
            table2.cell(id).and_then(|c| c.value.as_integer()),
            Some(value),
            "{id}"
        );
    }
    // A10 is printed `0` too.
    assert_eq!(
        table2.cell("A10").and_then(|c| c.value.as_integer()),
        Some(0)
    );
    let typo = table2
        .headers
        .iter()
        .find(|h| h.label.matched == LabelMatch::Variant)
        .expect("the 本年度止件数 typo");
    assert_eq!(typo.label.span.slice(&text), "本年度止件数");
    assert_eq!(typo.expected(table2.layout), Some("本年废止件数"));

    for (index, expected) in TABLE3.iter().enumerate() {
        let id = format!("R{:02}", index + 1);
        let got: Vec<Option<i64>> = support::row(&parsed, &id);
        let want: Vec<Option<i64>> = expected.iter().map(|&v| Some(v)).collect();
        assert_eq!(got, want, "{id}");
    }
    let table4 = report.table4.as_ref().expect("table 4");
    assert!(table4.cells.iter().all(|c| c.value.as_integer() == Some(0)));
    // Spans point at the printed cells.
    let table3 = report.table3.as_ref().expect("table 3");
    let r01 = table3
        .row(nianbao_model::template::RowId::new(1).unwrap())
        .unwrap();
    assert_eq!(r01.cells[0].span.slice(&text), "81");
    assert_eq!(
        r01.label.span.slice(&text),
        "一、本年新收政府信息公开申请数量"
    );
}

#[test]
fn seed_title_period_and_paragraphs() {
    let text = support::seed();
    let parsed = parse(&text);
    let title = parsed.report.title.as_ref().expect("title");
    assert_eq!(title.year_span.map(|s| s.slice(&text)), Some("2024"));
    // The seed has no 统计期限 sentence.
    assert!(parsed.report.period.is_none());
    let first = parsed.report.paragraphs.first().expect("paragraphs");
    assert!(first.span.slice(&text).starts_with("2024 年，偃师区"));
    assert_eq!(first.section, Some(1));
    // Table rows are not paragraphs.
    assert!(
        parsed
            .report
            .paragraphs
            .iter()
            .all(|p| !p.span.slice(&text).contains("本年新收政府信息公开申请数量"))
    );
    let last = parsed.report.paragraphs.last().expect("paragraphs");
    assert_eq!(last.section, Some(6));
}

#[test]
fn seed_snapshot() {
    let text = support::seed();
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    insta::assert_snapshot!(support::dump(&parsed, &text));
}

#[test]
fn seed_table_spans() {
    let text = support::seed();
    let parsed = parse(&text);
    let report = &parsed.report;
    let table2 = report.table2.as_ref().unwrap().span.slice(&text);
    assert!(
        table2.starts_with("第二十条第（一）项") && table2.ends_with("行政事业性收费\t0"),
        "{table2:?}"
    );
    let table3 = report.table3.as_ref().unwrap().span.slice(&text);
    assert!(table3.starts_with("(本列数据的勾稽关系"), "{table3:?}");
    assert!(
        table3.ends_with("四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0"),
        "{table3:?}"
    );
    let table4 = report.table4.as_ref().unwrap().span.slice(&text);
    assert!(
        table4.starts_with("行政复议") && table4.ends_with("0\t0"),
        "{table4:?}"
    );
}

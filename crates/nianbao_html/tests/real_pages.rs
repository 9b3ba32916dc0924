//! The saved real pages of the shared folder's `corpus/real` (beside the checkout, or
//! `$NIANBAO_SHARED`; ignored without `--ignored`), read as the corpus README decodes them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use nianbao_html::extract_html;
use nianbao_model::{Report, Value};
use nianbao_source::Span;
use support::{row, visible};

fn read(name: &str) -> Vec<u8> {
    nianbao_testdata::real_bytes(name)
}

fn numbers(values: &[i64]) -> Vec<Value> {
    values.iter().map(|&value| Value::Number(value)).collect()
}

fn table4(report: &Report) -> Vec<Value> {
    report
        .table4
        .as_ref()
        .map(|table| table.cells.iter().map(|cell| cell.value).collect())
        .unwrap_or_default()
}

fn table2(report: &Report, id: &str) -> Value {
    report
        .table2
        .as_ref()
        .and_then(|table| table.cell(id))
        .map_or(Value::Missing, |cell| cell.value)
}

/// Every number cell's mapped span lands on markup whose visible text is the cell's text.
fn assert_cells_map_back(extracted: &nianbao_html::Extracted, report: &Report) {
    let mut spans: Vec<Span> = Vec::new();
    if let Some(table) = &report.table3 {
        for (_, row) in table.present_rows() {
            spans.extend(row.cells.iter().map(|cell| cell.span));
        }
    }
    if let Some(table) = &report.table4 {
        spans.extend(table.cells.iter().map(|cell| cell.span));
    }
    assert!(spans.len() > 50, "cells found: {}", spans.len());
    for span in spans.into_iter().filter(|span| !span.is_empty()) {
        let cell = span.slice(&extracted.text);
        let original = extracted.to_original(span).slice(&extracted.original);
        assert_eq!(visible(original), cell, "{span:?} maps to {original:?}");
    }
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn pingtan_zone_2022_page_reads_like_its_text_dump() {
    let bytes = read("pingtan-zone-2022.html");
    let extracted = extract_html(&bytes).expect("a page");
    let parsed = nianbao_syntax::parse(&extracted.text);
    let report = &parsed.report;
    assert_eq!(report.year(), Some(2022));
    assert_eq!(row(report, 1), numbers(&[71, 3, 0, 0, 0, 0, 74]));
    assert_eq!(row(report, 2), numbers(&[1, 0, 0, 0, 0, 0, 1]));
    assert_eq!(row(report, 3), numbers(&[21, 0, 0, 0, 0, 0, 21]));
    assert_eq!(row(report, 4), numbers(&[8, 1, 0, 0, 0, 0, 9]));
    assert_eq!(row(report, 23), numbers(&[0, 2, 0, 0, 0, 0, 2]));
    assert_eq!(row(report, 24), numbers(&[72, 3, 0, 0, 0, 0, 75]));
    assert_eq!(row(report, 25), numbers(&[0; 7]));
    assert_eq!(
        table4(report),
        numbers(&[0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0])
    );
    assert_eq!(table2(report, "A4"), Value::Number(88));
    assert_eq!(table2(report, "A5"), Value::Number(55));
    assert_eq!(table2(report, "A6"), Value::Number(698));
    assert_eq!(table2(report, "A7"), Value::Number(10690));
    assert_eq!(table2(report, "A8"), Value::Number(2113));
    assert_eq!(table2(report, "A10"), Value::Decimal(9116.36));
    // Site chrome (menus, scripts, the footer) stays out of the text.
    assert!(!extracted.text.contains("function"), "script text leaked");
    assert!(
        extracted
            .text
            .starts_with("平潭综合实验区2022年度政府信息公开工作年度报告\n")
    );
    assert_cells_map_back(&extracted, report);
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn pingtan_zone_2022_page_and_text_dump_give_the_same_numbers() {
    let (page, dump) = (
        read("pingtan-zone-2022.html"),
        read("pingtan-zone-2022.txt"),
    );
    let from_page = nianbao_syntax::parse(&extract_html(&page).expect("a page").text).report;
    let dump = String::from_utf8(dump).expect("UTF-8");
    let from_dump = nianbao_syntax::parse(&dump).report;
    for number in [1, 2, 24, 25] {
        assert_eq!(
            row(&from_page, number),
            row(&from_dump, number),
            "R{number}"
        );
    }
    assert_eq!(table4(&from_page), table4(&from_dump));
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn shuyang_blank_legal_person_columns_stay_blank() {
    let bytes = read("shuyang-fgj-2023.html");
    let extracted = extract_html(&bytes).expect("a page");
    let parsed = nianbao_syntax::parse(&extracted.text);
    let report = &parsed.report;
    assert_eq!(report.year(), Some(2023));
    let blank = Value::Blank;
    let filled = |first: i64, total: i64| {
        vec![
            Value::Number(first),
            blank,
            blank,
            blank,
            blank,
            blank,
            Value::Number(total),
        ]
    };
    assert_eq!(row(report, 1), filled(26, 26));
    assert_eq!(row(report, 2), filled(0, 0));
    assert_eq!(row(report, 3), filled(26, 26));
    assert_eq!(row(report, 24), filled(26, 26));
    assert_eq!(row(report, 25), filled(0, 0));
    let table4 = table4(report);
    assert_eq!(table4.get(3), Some(&Value::Number(1)), "F4 尚未审结");
    assert_eq!(table4.get(4), Some(&Value::Number(1)), "F5 总计");
    assert_eq!(
        table4.iter().skip(5).collect::<Vec<_>>(),
        vec![&Value::Number(0); 10]
    );
    // The page prints 规范性文件 where the template says 行政规范性文件.
    assert_eq!(table2(report, "A4"), Value::Number(8));
    assert_eq!(table2(report, "A5"), Value::Number(0));
    assert_eq!(table2(report, "A6"), Value::Number(18));
    assert!(
        extracted
            .text
            .starts_with("沭阳县发展和改革局2023年政府信息公开年度报告\n")
    );
    assert_cells_map_back(&extracted, report);
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn shuyang_findings_point_at_the_cells_of_the_page() {
    let bytes = read("shuyang-fgj-2023.html");
    let extracted = extract_html(&bytes).expect("a page");
    let parsed = nianbao_syntax::parse(&extracted.text);
    let rules = nianbao_rules::RuleSet::builtin().expect("the built-in rules load");
    let mut findings = parsed.diagnostics.clone();
    findings.extend(rules.check(&parsed.report, &extracted.text));
    let blanks: Vec<_> = findings
        .iter()
        .filter(|finding| finding.code == "B001")
        .collect();
    let rows = parsed
        .report
        .table3
        .as_ref()
        .map_or(0, |table| table.present_rows().count());
    assert_eq!(rows, 25, "the 2021 template's Table 3 rows");
    // Five blank 法人 columns in every row: one finding for the table, a label per row.
    let [blank] = blanks.as_slice() else {
        panic!("one B001 finding for Table 3, got {}", blanks.len());
    };
    assert_eq!(blank.labels.len(), rows, "a label per row");
    let mapped = extracted.remap(blank);
    let starts =
        std::iter::once(mapped.span.start).chain(mapped.labels.iter().map(|l| l.span.start));
    for at in starts {
        let before = extracted.original.get(..at as usize).expect("in bounds");
        let tag = before.rsplit('<').next().unwrap_or("");
        assert!(
            tag.starts_with("td") && tag.ends_with('>'),
            "a blank cell's finding or label opens just inside its <td>, not after {tag:?}"
        );
    }
    let label = findings
        .iter()
        .find(|finding| finding.code == "L001")
        .expect("规范性文件 deviates from 行政规范性文件");
    let at = extracted.remap(label).span;
    assert_eq!(at.slice(&extracted.original), "规范性文件");
    let line = nianbao_source::LineIndex::new(&extracted.original).line_of(at.start);
    assert!(
        line > 200,
        "line {line} of the page, not of the extracted text"
    );
}

/// Rule findings (not the parser's notes on how it read cells) as code and text pointed at.
fn rule_findings(text: &str) -> Vec<(String, String)> {
    let rules = nianbao_rules::RuleSet::builtin().expect("the built-in rules load");
    let parsed = nianbao_syntax::parse(text);
    let mut findings: Vec<(String, String)> = parsed
        .diagnostics
        .iter()
        .chain(rules.check(&parsed.report, text).iter())
        .map(|finding| {
            (
                finding.code.to_string(),
                finding.span.slice(text).to_owned(),
            )
        })
        .collect();
    findings.sort();
    findings
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn pingtan_zone_2022_page_finds_what_the_text_dump_finds_without_its_extraction_doubts() {
    let (page, dump) = (
        read("pingtan-zone-2022.html"),
        read("pingtan-zone-2022.txt"),
    );
    let page = rule_findings(&extract_html(&page).expect("a page").text);
    let dump = rule_findings(&String::from_utf8(dump).expect("UTF-8"));
    let (parse_notes, dump_rules): (Vec<_>, Vec<_>) = dump
        .into_iter()
        .partition(|(code, _)| code.starts_with("PA") || code == "C001");
    assert_eq!(page, dump_rules, "the same rule findings");
    assert!(
        !page.iter().any(|(code, _)| code.starts_with("PA")),
        "separate cells need no splitting: {page:?}"
    );
    // The dump's glued cells needed splitting, and its Table 2 `8855698` stays ambiguous.
    assert!(
        parse_notes
            .iter()
            .any(|(code, text)| code == "PA005" && text == "8855698")
    );
    // The heading typo 行政法复议 is found in both.
    assert!(page.iter().any(|(code, _)| code == "S003"));
}

//! The real reports of the shared folder's `corpus/real` (beside the checkout, or
//! `$NIANBAO_SHARED`; every test here is ignored, CI runs them with `--ignored`): no panic, and the decoded values of
//! the corpus README for the 2021-template reports.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use nianbao_model::template::{RowId, Template};
use nianbao_model::{Provenance, Value};
use nianbao_syntax::{Parsed, parse};

fn read(name: &str) -> (String, Parsed) {
    let text = nianbao_testdata::real_text(name);
    let parsed = parse(&text);
    (text, parsed)
}

fn rows(parsed: &Parsed, expected: &[(&str, [i64; 7])]) {
    for (id, values) in expected {
        let want: Vec<Option<i64>> = values.iter().map(|&v| Some(v)).collect();
        assert_eq!(support::row(parsed, id), want, "{id}");
    }
}

fn table4(parsed: &Parsed) -> Vec<Option<i64>> {
    parsed
        .report
        .table4
        .as_ref()
        .expect("table 4")
        .cells
        .iter()
        .map(|c| c.value.as_integer())
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn zone_2021_values_as_decoded() {
    let (text, parsed) = read("pingtan-zone-2021.txt");
    assert_eq!(parsed.report.template.template, Template::V2021);
    assert_eq!(parsed.report.year(), Some(2021));
    rows(
        &parsed,
        &[
            ("R01", [64, 0, 0, 2, 0, 4, 70]),
            ("R02", [0; 7]),
            // Both split two ways; only the column identities decide.
            ("R03", [27, 0, 0, 2, 0, 1, 30]),
            ("R13", [22, 0, 0, 0, 0, 3, 25]),
            // Printed `500000 5`.
            ("R04", [5, 0, 0, 0, 0, 0, 5]),
            ("R24", [63, 0, 0, 2, 0, 4, 69]),
            ("R25", [1, 0, 0, 0, 0, 0, 1]),
        ],
    );
    let r03 = parsed
        .report
        .table3
        .as_ref()
        .unwrap()
        .row(RowId::new(3).unwrap())
        .unwrap();
    assert!(r03.cells.iter().all(|c| c.provenance == Provenance::Split));
    assert_eq!(r03.cells[0].span.slice(&text), "27");
    let f: Vec<Option<i64>> = [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
        .iter()
        .map(|&v| Some(v))
        .collect();
    assert_eq!(table4(&parsed), f);
    // 行政规范性文件 `693665` has ten valid splits: reported, not guessed.
    let table2 = parsed.report.table2.as_ref().unwrap();
    assert_eq!(table2.cell("A4").map(|c| c.value), Some(Value::Unresolved));
    let ambiguous = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == "PA005")
        .expect("PA005");
    assert_eq!(ambiguous.span.slice(&text), "693665");
    assert!(ambiguous.message.en.contains("69|3|665") && ambiguous.message.en.contains("6|93|665"));
    assert_eq!(
        table2.cell("A7").and_then(|c| c.value.as_integer()),
        Some(2293)
    );
    assert_eq!(
        table2.cell("A10").map(|c| c.value),
        Some(Value::Decimal(24252.311082))
    );
    assert_eq!(
        table2.cell("A1").and_then(|c| c.value.as_integer()),
        Some(0)
    );
    assert!(
        parsed.diagnostics.iter().all(|d| d.code == "PA005"),
        "{:#?}",
        parsed.diagnostics
    );
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn zone_2022_values_as_decoded() {
    let (_, parsed) = read("pingtan-zone-2022.txt");
    assert_eq!(parsed.report.template.template, Template::V2021);
    rows(
        &parsed,
        &[
            ("R01", [71, 3, 0, 0, 0, 0, 74]),
            ("R02", [1, 0, 0, 0, 0, 0, 1]),
            ("R03", [21, 0, 0, 0, 0, 0, 21]),
            ("R04", [8, 1, 0, 0, 0, 0, 9]),
            ("R09", [1, 0, 0, 0, 0, 0, 1]),
            ("R10", [2, 0, 0, 0, 0, 0, 2]),
            ("R11", [1, 0, 0, 0, 0, 0, 1]),
            ("R13", [37, 0, 0, 0, 0, 0, 37]),
            ("R21", [2, 0, 0, 0, 0, 0, 2]),
            ("R23", [0, 2, 0, 0, 0, 0, 2]),
            ("R24", [72, 3, 0, 0, 0, 0, 75]),
            ("R25", [0; 7]),
        ],
    );
    let f: Vec<Option<i64>> = [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
        .iter()
        .map(|&v| Some(v))
        .collect();
    assert_eq!(table4(&parsed), f);
    let table4 = parsed.report.table4.as_ref().unwrap();
    assert!(
        table4
            .cells
            .iter()
            .all(|c| c.provenance == Provenance::Exact)
    );
    let table2 = parsed.report.table2.as_ref().unwrap();
    assert_eq!(table2.cell("A4").map(|c| c.value), Some(Value::Unresolved));
    assert_eq!(
        table2.cell("A7").and_then(|c| c.value.as_integer()),
        Some(10690)
    );
    assert_eq!(
        table2.cell("A9").and_then(|c| c.value.as_integer()),
        Some(0)
    );
    assert_eq!(
        table2.cell("A10").map(|c| c.value),
        Some(Value::Decimal(9116.36))
    );
    let heading = parsed.report.section(4).unwrap();
    assert_eq!(heading.heading, "四、政府信息公开行政法复议、行政诉讼情况");
    assert_eq!(heading.conformity, nianbao_model::LabelMatch::Variant);
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn pre_2019_reports_have_their_year_and_no_tables() {
    for (name, year) in [
        ("pingtan-county-2011.txt", 2011),
        ("pingtan-county-2012.txt", 2012),
        ("pingtan-county-2013.txt", 2013),
        ("pingtan-zone-2011.txt", 2011),
        ("pingtan-zone-2012.txt", 2012),
        ("pingtan-zone-2013.txt", 2013),
        ("pingtan-zone-2014.txt", 2014),
        ("pingtan-zone-2015.txt", 2015),
        ("pingtan-zone-2016.txt", 2016),
        ("pingtan-zone-2017.txt", 2017),
        ("pingtan-zone-2018.txt", 2018),
    ] {
        let (_, parsed) = read(name);
        assert_eq!(parsed.report.template.template, Template::Pre2019, "{name}");
        assert_eq!(parsed.report.year(), Some(year), "{name}");
        assert!(
            parsed.report.table3.is_none() && parsed.report.table2.is_none(),
            "{name}"
        );
        assert!(
            parsed.diagnostics.iter().all(|d| d.code != "PA001"),
            "{name}"
        );
        assert_eq!(
            parsed.report.section(1).map(|s| s.number),
            Some(1),
            "{name}: 一、概述"
        );
    }
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn every_real_file_parses_with_valid_spans() {
    let dir = nianbao_testdata::shared("corpus/real");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 13);
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = parse(&text);
        support::assert_spans(&parsed, &text);
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".txt", "");
        insta::assert_snapshot!(name, support::dump(&parsed, &text));
    }
}

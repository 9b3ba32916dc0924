//! Real published reports (`<shared>/corpus/real`, resolved from `$NIANBAO_SHARED`, else
//! `<repo>/../shared`; never copied into the repository): no clean report gets a parse error,
//! and `hongze-2023.pdf` read through `pdftotext` both ways (converted at test time) gives its
//! two real errors and nothing else, or a warning instead of wrong numbers.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use nianbao_model::template::RowId;
use nianbao_model::{Diagnostic, Severity, Value};
use nianbao_syntax::{Parsed, parse};
use std::path::{Path, PathBuf};
use std::process::Command;

fn real(name: &str) -> PathBuf {
    nianbao_testdata::shared(&format!("corpus/real/{name}"))
}

/// `pdftotext [-layout] pdf` into a temporary file, read back; `None` (with the reason printed)
/// when `pdftotext` cannot be run here.
fn pdftotext(pdf: &Path, layout: bool) -> Option<String> {
    let out = std::env::temp_dir().join(format!(
        "nianbao-real-{}-{}.txt",
        std::process::id(),
        if layout { "layout" } else { "raw" }
    ));
    let mut command = Command::new("pdftotext");
    if layout {
        command.arg("-layout");
    }
    match command.arg(pdf).arg(&out).status() {
        Ok(status) if status.success() => {}
        Ok(status) => panic!("pdftotext failed on {}: {status}", pdf.display()),
        Err(error) => {
            eprintln!("skipped: pdftotext cannot be run here ({error})");
            return None;
        }
    }
    let text = std::fs::read_to_string(&out).expect("pdftotext writes UTF-8");
    let _ = std::fs::remove_file(&out);
    Some(text)
}

/// Every error-severity finding of a whole check: the parser's and the rules'.
fn errors(parsed: &Parsed, text: &str) -> Vec<Diagnostic> {
    let rules = nianbao_rules::RuleSet::builtin().unwrap();
    parsed
        .diagnostics
        .iter()
        .cloned()
        .chain(rules.check(&parsed.report, text))
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn clean_real_reports_get_no_parse_error() {
    let dir = real("");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 13, "{paths:?}");
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = parse(&text);
        let errors: Vec<&Diagnostic> = parsed
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

/// Table 3 of `hongze-2023.pdf` as the shared README decodes it: only 自然人 and 总计 are
/// non-zero, equal in every row; （六）其他处理 is one row.
const HONGZE_TABLE3: [(&str, i64); 23] = [
    ("R01", 21),
    ("R02", 0),
    ("R03", 0),
    ("R04", 4),
    ("R05", 1),
    ("R06", 0),
    ("R07", 0),
    ("R08", 0),
    ("R09", 0),
    ("R10", 1),
    ("R11", 1),
    ("R12", 0),
    ("R13", 10),
    ("R14", 3),
    ("R15", 0),
    ("R16", 1),
    ("R17", 0),
    ("R18", 0),
    ("R19", 0),
    ("R20", 0),
    ("R21_23", 0),
    ("R24", 21),
    ("R25", 0),
];

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn hongze_layout_text_reads_exactly_and_only_its_real_errors_are_errors() {
    let Some(text) = pdftotext(&real("hongze-2023.pdf"), true) else {
        return;
    };
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    let report = &parsed.report;
    assert_eq!(report.organ(), Some("洪泽区人民政府"));
    assert_eq!(report.year(), Some(2023));
    let table3 = report.table3.as_ref().expect("Table 3");
    for (id, value) in HONGZE_TABLE3 {
        let row = table3.row(RowId::parse(id).unwrap()).expect(id);
        let cells: Vec<Value> = row.cells.iter().map(|cell| cell.value).collect();
        let mut expected = vec![Value::Number(0); 7];
        expected[0] = Value::Number(value);
        expected[6] = Value::Number(value);
        assert_eq!(cells, expected, "{id}");
    }
    assert_eq!(table3.present_rows().count(), HONGZE_TABLE3.len());
    let table4: Vec<Value> = report
        .table4
        .as_ref()
        .expect("Table 4")
        .cells
        .iter()
        .map(|cell| cell.value)
        .collect();
    let printed = [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0].map(Value::Number);
    assert_eq!(table4, printed);
    // The misprinted row is read as its row; the misprint is a label warning.
    let r06 = table3.row(RowId::new(6).unwrap()).unwrap();
    assert_eq!(r06.label.span.slice(&text), "其他法律行政止公开");
    assert_eq!(r06.label.matched, nianbao_model::LabelMatch::Variant);
    // The two real Table 4 total errors, and no other error.
    let errors = errors(&parsed, &text);
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|error| (error.code.as_ref(), error.span.slice(&text)))
        .collect();
    assert_eq!(found, [("T4001", "0"), ("T4001", "0")], "{errors:#?}");
    let cells = report.table4.as_ref().unwrap().cells;
    assert_eq!(errors[0].span, cells[4].span);
    assert_eq!(errors[1].span, cells[14].span);
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn hongze_reading_order_text_is_a_warning_not_wrong_numbers() {
    let Some(text) = pdftotext(&real("hongze-2023.pdf"), false) else {
        return;
    };
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    // Column by column: said so, and no number placed on a row.
    assert!(parsed.report.table3.is_none());
    let order = parsed
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.code == "PA012")
        .expect("PA012");
    assert_eq!(order.severity, Severity::Warning);
    assert!(order.message.zh.contains("未核对"), "{}", order.message.zh);
    // Table 2 is read although some labels follow their numbers (`550` / `行政许可`).
    let table2 = parsed.report.table2.as_ref().unwrap();
    let value = |id: &str| table2.cell(id).map(|cell| cell.value);
    assert_eq!(value("A7"), Some(Value::Number(550)));
    assert_eq!(value("A8"), Some(Value::Number(4119)));
    assert_eq!(value("A9"), Some(Value::Number(195)));
    assert_eq!(value("A10"), Some(Value::Decimal(7730.28)));
    assert!(
        errors(&parsed, &text).is_empty(),
        "{:#?}",
        errors(&parsed, &text)
    );
}

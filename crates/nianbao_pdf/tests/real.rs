//! The real published PDFs in `../shared/corpus/real` (ignored when that folder is absent; set
//! `NIANBAO_SHARED` to use another place): a WPS export with CID TrueType fonts and one
//! Identity-V font, and a web page printed by Chromium (Type 3 fonts, borders as paths, the
//! site's navigation around the report).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use nianbao_model::template::RowId;
use nianbao_model::{Report, Severity, Value};
use nianbao_pdf::{PdfLimits, extract_pdf};

fn read(file: &str) -> Vec<u8> {
    nianbao_testdata::real_bytes(file)
}

fn table3(report: &Report, number: u8) -> Vec<Value> {
    let id = RowId::new(number).expect("a row");
    (0..7)
        .map(|column| {
            report
                .table3
                .as_ref()
                .and_then(|table| table.cell(id, column))
                .map_or(Value::Missing, |cell| cell.value)
        })
        .collect()
}

fn table4(report: &Report) -> Vec<Value> {
    report
        .table4
        .as_ref()
        .map(|table| table.cells.iter().map(|cell| cell.value).collect())
        .unwrap_or_default()
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn hongze_reads_its_tables_and_its_two_real_errors_on_page_four() {
    let extracted = extract_pdf(&read("hongze-2023.pdf"), &PdfLimits::default()).expect("readable");
    assert_eq!(extracted.pages, 5);
    let text = &extracted.text;
    // Table 3 as printed (自然人 = 总计, every other column 0), one TAB row per template row;
    // the rotated 三、本年度办理结果 and the caption （三）不予公开 are heading lines.
    let expected_rows = [
        ("一、本年新收政府信息公开申请数量", 21),
        ("二、上年结转政府信息公开申请数量", 0),
        ("（一）予以公开", 0),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            4,
        ),
        ("1.属于国家秘密", 1),
        ("2.其他法律行政止公开", 0),
        ("6.属于四类过程性信息", 1),
        ("7.属于行政执法案卷", 1),
        ("1.本机关不掌握相关政府信息", 10),
        ("2.没有现成信息需要另行制作", 3),
        ("3.补正后申请内容仍不明确", 0),
        ("1.信访举报投诉类申请", 1),
        ("5.要求行政机关确认或重新出具已获取信息", 0),
        ("（六）其他处理", 0),
        ("（七）总计", 21),
        ("四、结转下年度继续办理", 0),
    ];
    for (label, value) in expected_rows {
        let row = format!("{label}\t{value}\t0\t0\t0\t0\t0\t{value}\n");
        assert!(text.contains(&row), "missing row {row:?} in:\n{text}");
    }
    for heading in [
        "\n三、本年度办理结果\n",
        "\n（三）不予公开\n",
        "\n（四）无法提供\n",
    ] {
        assert!(text.contains(heading), "heading {heading:?}");
    }
    assert!(text.contains("\n10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t5\t0\t0\t0\t0\n"));
    // No page number, and no space between CJK glyphs of the letter-spaced contact line.
    assert!(!text.lines().any(|line| line.trim() == "-3-"));
    assert!(text.contains("90号，邮编："), "{text}");

    let parsed = nianbao_syntax::parse(text);
    let report = &parsed.report;
    let numbers = |values: &[i64]| values.iter().map(|v| Value::Number(*v)).collect::<Vec<_>>();
    assert_eq!(table3(report, 1), numbers(&[21, 0, 0, 0, 0, 0, 21]));
    assert_eq!(table3(report, 13), numbers(&[10, 0, 0, 0, 0, 0, 10]));
    assert_eq!(table3(report, 24), numbers(&[21, 0, 0, 0, 0, 0, 21]));
    assert_eq!(
        table4(report),
        numbers(&[10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0])
    );
    let rules = nianbao_rules::RuleSet::builtin().expect("rules");
    let mut found = parsed.diagnostics.clone();
    found.extend(rules.check(report, text));
    let errors: Vec<(String, String, u32)> = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let page = extracted.locate(d.span).map_or(0, |at| at.page);
            (d.code.to_string(), d.span.slice(text).to_owned(), page)
        })
        .collect();
    let real: Vec<_> = errors
        .iter()
        .filter(|(code, _, _)| code == "T4001")
        .collect();
    assert_eq!(real.len(), 2, "{errors:?}");
    assert!(
        real.iter()
            .all(|(_, under, page)| under == "0" && *page == 4),
        "{errors:?}"
    );
    assert_eq!(
        errors.len(),
        2,
        "errors besides the two real T4001: {errors:?}"
    );
    // The misprinted 2.其他法律行政止公开 is read as its row and named once, as a warning.
    let label: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "L001")
        .map(|d| d.span.slice(text))
        .collect();
    assert_eq!(label, ["其他法律行政止公开"], "{found:?}");
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn shuyang_printed_by_chromium_reads_to_the_numbers_of_its_html() {
    let pdf = extract_pdf(&read("shuyang-fgj-2023.printed.pdf"), &PdfLimits::default())
        .expect("readable");
    let html = nianbao_html::extract_html(&read("shuyang-fgj-2023.html")).expect("a page");
    let from_pdf = nianbao_syntax::parse(&pdf.text).report;
    let from_html = nianbao_syntax::parse(&html.text).report;
    for number in 1..=25 {
        assert_eq!(
            table3(&from_pdf, number),
            table3(&from_html, number),
            "R{number:02}"
        );
    }
    assert_eq!(table3(&from_pdf, 1).first(), Some(&Value::Number(26)));
    assert_eq!(table4(&from_pdf), table4(&from_html));
    assert_eq!(
        table4(&from_pdf).get(3),
        Some(&Value::Number(1)),
        "one 尚未审结 复议"
    );
    let cells = |report: &Report| -> Vec<Value> {
        report
            .table2
            .as_ref()
            .map(|table| table.cells().map(|(_, cell)| cell.value).collect())
            .unwrap_or_default()
    };
    assert_eq!(cells(&from_pdf), cells(&from_html));
    assert!(!cells(&from_pdf).is_empty());
}

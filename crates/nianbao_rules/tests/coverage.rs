//! No silent passes, as the reviewer reads them: for each reason a report could not be checked
//! whole, one C001 warning that says what was not checked and points at it; and a 2013 report in
//! the published style (synthetic: `fixtures/pre2019-2013.txt`, one line like the crawled dumps)
//! whose answered total contradicts its own outcomes, found as an error at the number.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nianbao_model::{Diagnostic, Severity};
use nianbao_rules::RuleSet;
use nianbao_source::LineIndex;

const SEED: &str = include_str!("fixtures/seed.txt");
const REPORT_2013: &str = include_str!("fixtures/pre2019-2013.txt");

fn findings(text: &str) -> Vec<Diagnostic> {
    let parsed = nianbao_syntax::parse(text);
    RuleSet::builtin().unwrap().check(&parsed.report, text)
}

/// The one C001 of `text`: its Chinese and English messages and the text it points at.
fn incomplete(text: &str) -> (String, String, String) {
    let (zh, en, span) = incomplete_at(text);
    (zh, en, span.slice(text).to_owned())
}

/// [`incomplete`] with where it points.
fn incomplete_at(text: &str) -> (String, String, nianbao_model::Span) {
    let found: Vec<Diagnostic> = findings(text)
        .into_iter()
        .filter(|finding| finding.code == "C001")
        .collect();
    let [finding] = &found[..] else {
        panic!("one C001, got {found:#?}");
    };
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(finding.category.as_str(), "structure");
    (
        finding.message.zh.clone(),
        finding.message.en.clone(),
        finding.span,
    )
}

#[test]
fn a_report_read_whole_says_nothing() {
    assert!(findings(SEED).iter().all(|finding| finding.code != "C001"));
}

#[test]
fn rows_not_read_and_the_checks_they_skipped() {
    let text = SEED.replace(
        "1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
        "1.属于国家秘密\t0\t0\t0",
    );
    let (zh, en, at) = incomplete(&text);
    assert_eq!(
        zh,
        "未完整检查：表三有 1 行未读到；涉及的 8 项勾稽核对未进行"
    );
    assert_eq!(
        en,
        "not fully checked: Table 3: 1 row not read; 8 identity checks that need them were skipped"
    );
    assert_eq!(at, "0\t0\t0");
}

#[test]
fn a_table_missing_and_one_unreadable_in_one_warning() {
    // Table 3's rows printed as an image (its note stays), Table 4 cut off.
    let from = SEED.find("\t\t申请人情况").unwrap();
    let text = format!("{}\n（本表为图片）\n", &SEED[..from]);
    let (zh, en, _) = incomplete(&text);
    assert!(
        zh.starts_with("未完整检查：表三读不出数值，未核对；表四缺失，未核对；涉及的 "),
        "{zh}"
    );
    assert!(
        en.contains("Table 3 could not be read and was not checked; Table 4 is absent"),
        "{en}"
    );
    let parsed = nianbao_syntax::parse(&text);
    let c001 = RuleSet::builtin()
        .unwrap()
        .check(&parsed.report, &text)
        .into_iter()
        .find(|finding| finding.code == "C001")
        .unwrap();
    // The second gap is a label.
    assert_eq!(c001.labels.len(), 1);
    assert_eq!(c001.labels[0].message.zh, "表四缺失，未核对");
}

#[test]
fn a_table_out_of_row_order() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../nianbao_syntax/tests/fixtures/messy/column_major.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let (zh, en, _) = incomplete(&text);
    assert!(zh.contains("表三不是逐行排列的，未核对"), "{zh}");
    assert!(en.contains("Table 3 is not in row order"), "{en}");
}

#[test]
fn a_report_in_no_known_format() {
    let text = "某局2016年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n";
    let (zh, _, at) = incomplete(text);
    assert_eq!(
        zh,
        "未完整检查：未识别出 2019/2021 年模板的统计表，也不是 2008 年版格式，各表均未核对"
    );
    assert_eq!(at, "某局2016年政府信息公开工作年度报告");
}

#[test]
fn the_2013_report_says_what_was_checked_and_finds_its_contradiction() {
    let text = REPORT_2013;
    let (zh, en, at) = incomplete_at(text);
    assert_eq!(
        zh,
        "未完整检查：2008 年版格式（2019 年以前）：统计表不是 2019/2021 年模板的表格，未按模板核对；仅核对了正文所述 4 组总数与分项是否自洽"
    );
    assert!(en.contains("only the 4 totals its text states"), "{en}");
    // The table itself, not its mention in the introduction.
    assert_eq!(at.slice(text), "政府信息公开情况统计表");
    assert!(text[..at.start as usize].ends_with("四、"));
    assert!(text[at.start as usize..].starts_with("政府信息公开情况统计表 指标名称"));

    let errors: Vec<Diagnostic> = findings(text)
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    let [error] = &errors[..] else {
        panic!("one error, got {errors:#?}");
    };
    assert_eq!(error.code, "N030");
    assert_eq!(error.span.slice(text), "171");
    assert_eq!(
        error.message.zh,
        "正文称答复（办结）数为 171，但所列分项 89 + 16 + 12 合计 117（差 +54）；各分项之和恰等于受理（收到）的申请数 117"
    );
    assert_eq!(
        error.help.as_ref().unwrap().en,
        "check the total against its parts: if the parts are right, the total is 117"
    );
    // Each part and the 117 received are labelled, at their own numbers.
    let labelled: Vec<&str> = error
        .labels
        .iter()
        .map(|label| label.span.slice(text))
        .collect();
    assert_eq!(labelled, ["89", "16", "12", "117"]);
    let index = LineIndex::new(text);
    let at = index.position(text, error.span.start);
    assert_eq!(at.line, 1);
    assert_eq!(
        at.column as usize,
        text[..error.span.start as usize].chars().count() + 1
    );
}

#[test]
fn the_same_report_with_its_true_total_passes() {
    let text = REPORT_2013.replace("办结171件", "办结117件");
    let found = findings(&text);
    assert!(
        found
            .iter()
            .all(|finding| finding.severity != Severity::Error),
        "{found:#?}"
    );
    // A total that differs but whose parts are not shown complete is no error.
    let text = REPORT_2013.replace("受理政府信息公开申请117件", "受理政府信息公开申请118件");
    let errors: Vec<_> = findings(&text)
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

//! Table 3 of the template: row ids, row labels and captions, columns, and the outcome rows.

use super::format::Template;
use std::fmt;

/// Identifies a Table 3 data row. `R01`–`R25` are the 2021 rows; the 2019 format's single
/// （六）其他处理 row has its own id so that rules naming R21–R23 never fire on 2019 data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowId(u8);

impl RowId {
    /// The 2019 format's （六）其他处理 row.
    pub const R21_23: RowId = RowId(26);

    /// `R01` is `RowId::new(1)`; numbers outside 1–25 give `None`.
    pub const fn new(number: u8) -> Option<RowId> {
        if number >= 1 && number <= 25 {
            Some(RowId(number))
        } else {
            None
        }
    }

    /// 1–25, or 26 for [`RowId::R21_23`].
    pub const fn number(self) -> u8 {
        self.0
    }

    /// Zero-based slot in per-row arrays sized [`ROW_SLOTS`].
    pub const fn index(self) -> usize {
        self.0 as usize - 1
    }

    pub fn name(self) -> &'static str {
        ROW_NAMES[self.index()]
    }

    /// Parses `R01`…`R25` and `R21_23`.
    pub fn parse(name: &str) -> Option<RowId> {
        ROW_NAMES
            .iter()
            .position(|&candidate| candidate == name)
            .map(|index| RowId(index as u8 + 1))
    }

    /// The 2021 rows in template order.
    pub fn all_2021() -> impl Iterator<Item = RowId> {
        (1..=25).map(RowId)
    }

    /// The 2019 rows in template order (R21–R23 replaced by R21_23).
    pub fn all_2019() -> impl Iterator<Item = RowId> {
        (1..=20)
            .map(RowId)
            .chain([RowId::R21_23, RowId(24), RowId(25)])
    }

    pub fn template(self) -> &'static RowTemplate {
        &TABLE3_ROWS[self.index()]
    }
}

impl fmt::Display for RowId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Number of per-row slots: 25 rows of 2021 plus the 2019 R21_23 row.
pub const ROW_SLOTS: usize = 26;

const ROW_NAMES: [&str; ROW_SLOTS] = [
    "R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10", "R11", "R12", "R13",
    "R14", "R15", "R16", "R17", "R18", "R19", "R20", "R21", "R22", "R23", "R24", "R25", "R21_23",
];

/// A Table 3 row of the template.
#[derive(Clone, Copy, Debug)]
pub struct RowTemplate {
    /// The numbering as printed (`一、`, `（一）`, `1.`).
    pub numbering: &'static str,
    /// The label text after the numbering.
    pub label: &'static str,
    /// The caption row this row sits under (and shares a line with when it is the first child).
    pub caption: Option<&'static str>,
}

const fn row(
    numbering: &'static str,
    label: &'static str,
    caption: Option<&'static str>,
) -> RowTemplate {
    RowTemplate {
        numbering,
        label,
        caption,
    }
}

const RESULTS: Option<&str> = Some("三、本年度办理结果");
const REFUSED: Option<&str> = Some("（三）不予公开");
const UNAVAILABLE: Option<&str> = Some("（四）无法提供");
const NOT_HANDLED: Option<&str> = Some("（五）不予处理");
const OTHER: Option<&str> = Some("（六）其他处理");

/// Rows R01–R25 (index 0–24) and the 2019 R21_23 row (index 25).
pub const TABLE3_ROWS: [RowTemplate; ROW_SLOTS] = [
    row("一、", "本年新收政府信息公开申请数量", None),
    row("二、", "上年结转政府信息公开申请数量", None),
    row("（一）", "予以公开", RESULTS),
    row(
        "（二）",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        RESULTS,
    ),
    row("1.", "属于国家秘密", REFUSED),
    row("2.", "其他法律行政法规禁止公开", REFUSED),
    row("3.", "危及“三安全一稳定”", REFUSED),
    row("4.", "保护第三方合法权益", REFUSED),
    row("5.", "属于三类内部事务信息", REFUSED),
    row("6.", "属于四类过程性信息", REFUSED),
    row("7.", "属于行政执法案卷", REFUSED),
    row("8.", "属于行政查询事项", REFUSED),
    row("1.", "本机关不掌握相关政府信息", UNAVAILABLE),
    row("2.", "没有现成信息需要另行制作", UNAVAILABLE),
    row("3.", "补正后申请内容仍不明确", UNAVAILABLE),
    row("1.", "信访举报投诉类申请", NOT_HANDLED),
    row("2.", "重复申请", NOT_HANDLED),
    row("3.", "要求提供公开出版物", NOT_HANDLED),
    row("4.", "无正当理由大量反复申请", NOT_HANDLED),
    row("5.", "要求行政机关确认或重新出具已获取信息", NOT_HANDLED),
    row(
        "1.",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        OTHER,
    ),
    row(
        "2.",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        OTHER,
    ),
    row("3.", "其他", OTHER),
    row("（七）", "总计", RESULTS),
    row("四、", "结转下年度继续办理", None),
    row("（六）", "其他处理", RESULTS),
];

/// Table 3 columns C1–C7.
pub const TABLE3_COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// Column ids `C1`–`C7`.
pub const TABLE3_COLUMN_IDS: [&str; 7] = ["C1", "C2", "C3", "C4", "C5", "C6", "C7"];

/// The rows summed by （七）总计 in each format.
pub fn outcome_rows(template: Template) -> impl Iterator<Item = RowId> {
    let (first, single_other) = match template {
        Template::V2019 => (3..=20, true),
        _ => (3..=23, false),
    };
    first
        .map(RowId)
        .chain(single_other.then_some(RowId::R21_23))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_ids_round_trip() {
        for id in RowId::all_2021().chain([RowId::R21_23]) {
            assert_eq!(RowId::parse(id.name()), Some(id));
        }
        assert_eq!(RowId::new(0), None);
        assert_eq!(RowId::new(26), None);
        assert_eq!(RowId::R21_23.name(), "R21_23");
        assert_eq!(RowId::all_2019().count(), 23);
    }

    #[test]
    fn outcome_rows_differ_between_formats() {
        assert_eq!(outcome_rows(Template::V2021).count(), 21);
        assert_eq!(outcome_rows(Template::V2019).count(), 19);
        assert!(outcome_rows(Template::V2019).any(|id| id == RowId::R21_23));
        assert_eq!(TABLE3_ROWS[RowId::R21_23.index()].label, "其他处理");
    }
}

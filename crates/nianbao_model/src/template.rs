//! The national templates as data: every heading, row label and cell id, exactly as printed.
//!
//! Labels are written here with the template's own full-width punctuation; comparison against a
//! report happens after folding (see `nianbao_syntax`), never against these strings raw.

use serde::Serialize;
use std::fmt;

/// Which national format a report follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum Template {
    /// 国办公开办函〔2021〕30号, reports on 2021 onward.
    #[serde(rename = "2021")]
    V2021,
    /// 国办公开办函〔2019〕60号 trial format, reports on 2019 and 2020.
    #[serde(rename = "2019")]
    V2019,
    /// Free-form reports under the 2008 条例 (2008–2018).
    #[serde(rename = "pre-2019")]
    Pre2019,
    #[default]
    #[serde(rename = "unknown")]
    Unknown,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V2021 => "2021",
            Self::V2019 => "2019",
            Self::Pre2019 => "pre-2019",
            Self::Unknown => "unknown",
        }
    }

    /// The format a report on `year` is expected to use (`versions.md` §3).
    pub fn expected_for_year(year: u16) -> Template {
        match year {
            ..=2018 => Self::Pre2019,
            2019 | 2020 => Self::V2019,
            _ => Self::V2021,
        }
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One of the six top-level sections.
#[derive(Clone, Copy, Debug)]
pub struct SectionTemplate {
    /// 1 to 6.
    pub number: u8,
    /// The numeral as printed, `一` … `六`.
    pub numeral: &'static str,
    /// The heading text after `一、`.
    pub heading: &'static str,
    /// Wordings seen in published reports; accepted with a warning.
    pub variants: &'static [&'static str],
}

pub const SECTIONS: [SectionTemplate; 6] = [
    SectionTemplate {
        number: 1,
        numeral: "一",
        heading: "总体情况",
        variants: &["概述", "总体概况", "基本情况"],
    },
    SectionTemplate {
        number: 2,
        numeral: "二",
        heading: "主动公开政府信息情况",
        variants: &["行政机关主动公开政府信息情况"],
    },
    SectionTemplate {
        number: 3,
        numeral: "三",
        heading: "收到和处理政府信息公开申请情况",
        variants: &[
            "行政机关收到和处理政府信息公开申请情况",
            "收到和处理政府信息公开申请的情况",
        ],
    },
    SectionTemplate {
        number: 4,
        numeral: "四",
        heading: "政府信息公开行政复议、行政诉讼情况",
        variants: &[
            "政府信息公开行政复议及行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "政府信息公开行政法复议、行政诉讼情况",
        ],
    },
    SectionTemplate {
        number: 5,
        numeral: "五",
        heading: "存在的主要问题及改进情况",
        variants: &[
            "存在的主要问题和改进措施",
            "存在问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题及整改措施",
            "存在的主要问题及改进措施",
        ],
    },
    SectionTemplate {
        number: 6,
        numeral: "六",
        heading: "其他需要报告的事项",
        variants: &["其他需要报告的事项情况"],
    },
];

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

/// Table 4 cells F1–F15: (block, column label).
pub const TABLE4_CELLS: [(&str, &str); 15] = [
    ("行政复议", "结果维持"),
    ("行政复议", "结果纠正"),
    ("行政复议", "其他结果"),
    ("行政复议", "尚未审结"),
    ("行政复议", "总计"),
    ("行政诉讼·未经复议直接起诉", "结果维持"),
    ("行政诉讼·未经复议直接起诉", "结果纠正"),
    ("行政诉讼·未经复议直接起诉", "其他结果"),
    ("行政诉讼·未经复议直接起诉", "尚未审结"),
    ("行政诉讼·未经复议直接起诉", "总计"),
    ("行政诉讼·复议后起诉", "结果维持"),
    ("行政诉讼·复议后起诉", "结果纠正"),
    ("行政诉讼·复议后起诉", "其他结果"),
    ("行政诉讼·复议后起诉", "尚未审结"),
    ("行政诉讼·复议后起诉", "总计"),
];

/// Cell ids `F1`–`F15`.
pub const TABLE4_CELL_IDS: [&str; 15] = [
    "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "F13", "F14", "F15",
];

/// A Table 2 row: its caption (第二十条第（x）项), label, column headers and cell ids.
#[derive(Clone, Copy, Debug)]
pub struct Table2Row {
    pub caption: &'static str,
    pub label: &'static str,
    pub columns: &'static [&'static str],
    pub cell_ids: &'static [&'static str],
}

const ITEM1: &str = "第二十条第（一）项";
const ITEM5: &str = "第二十条第（五）项";
const ITEM6: &str = "第二十条第（六）项";
const ITEM8: &str = "第二十条第（八）项";
const ITEM9: &str = "第二十条第（九）项";
const DOCS_2021: &[&str] = &["本年制发件数", "本年废止件数", "现行有效件数"];
const DECISIONS_2021: &[&str] = &["本年处理决定数量"];

/// Table 2 of the 2021 format: cells A1–A10.
pub const TABLE2_2021: [Table2Row; 6] = [
    Table2Row {
        caption: ITEM1,
        label: "规章",
        columns: DOCS_2021,
        cell_ids: &["A1", "A2", "A3"],
    },
    Table2Row {
        caption: ITEM1,
        label: "行政规范性文件",
        columns: DOCS_2021,
        cell_ids: &["A4", "A5", "A6"],
    },
    Table2Row {
        caption: ITEM5,
        label: "行政许可",
        columns: DECISIONS_2021,
        cell_ids: &["A7"],
    },
    Table2Row {
        caption: ITEM6,
        label: "行政处罚",
        columns: DECISIONS_2021,
        cell_ids: &["A8"],
    },
    Table2Row {
        caption: ITEM6,
        label: "行政强制",
        columns: DECISIONS_2021,
        cell_ids: &["A9"],
    },
    Table2Row {
        caption: ITEM8,
        label: "行政事业性收费",
        columns: &["本年收费金额（单位：万元）"],
        cell_ids: &["A10"],
    },
];

const DOCS_2019: &[&str] = &["本年新制作数量", "本年新公开数量", "对外公开总数量"];
const ITEMS_2019: &[&str] = &["上一年项目数量", "本年增/减", "处理决定数量"];

/// Table 2 of the 2019 trial format: 22 cells, ids `B1`–`B22` (the spec gives them none).
pub const TABLE2_2019: [Table2Row; 8] = [
    Table2Row {
        caption: ITEM1,
        label: "规章",
        columns: DOCS_2019,
        cell_ids: &["B1", "B2", "B3"],
    },
    Table2Row {
        caption: ITEM1,
        label: "规范性文件",
        columns: DOCS_2019,
        cell_ids: &["B4", "B5", "B6"],
    },
    Table2Row {
        caption: ITEM5,
        label: "行政许可",
        columns: ITEMS_2019,
        cell_ids: &["B7", "B8", "B9"],
    },
    Table2Row {
        caption: ITEM5,
        label: "其他对外管理服务事项",
        columns: ITEMS_2019,
        cell_ids: &["B10", "B11", "B12"],
    },
    Table2Row {
        caption: ITEM6,
        label: "行政处罚",
        columns: ITEMS_2019,
        cell_ids: &["B13", "B14", "B15"],
    },
    Table2Row {
        caption: ITEM6,
        label: "行政强制",
        columns: ITEMS_2019,
        cell_ids: &["B16", "B17", "B18"],
    },
    Table2Row {
        caption: ITEM8,
        label: "行政事业性收费",
        columns: &["上一年项目数量", "本年增/减"],
        cell_ids: &["B19", "B20"],
    },
    Table2Row {
        caption: ITEM9,
        label: "政府集中采购",
        columns: &["采购项目数量", "采购总金额"],
        cell_ids: &["B21", "B22"],
    },
];

/// The Table 2 layout of a format (the 2021 one for anything that is not 2019).
pub fn table2_rows(template: Template) -> &'static [Table2Row] {
    match template {
        Template::V2019 => &TABLE2_2019,
        _ => &TABLE2_2021,
    }
}

//! What of a report could be checked. A report whose tables or sections could not be read must
//! not pass as if it had been checked whole: the parser records every part it could not read as
//! a [`Gap`], one rule (C001) tells the reader what was not checked, and the run's summary counts
//! such reports from [`Coverage::completeness`], whatever findings a user chose to see.

use crate::Message;
use nianbao_source::Span;
use serde::Serialize;

/// The parts of a report that were not checked, in document order. No gap: checked fully.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub gaps: Vec<Gap>,
}

impl Coverage {
    pub fn is_complete(&self) -> bool {
        self.gaps.is_empty()
    }

    pub fn completeness(&self) -> Completeness {
        if self.is_complete() {
            Completeness::Complete
        } else {
            Completeness::Partial
        }
    }
}

/// How much of a file was checked: what the summary's "未完整检查" count and an audit listing's
/// "checked fully" column read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Completeness {
    /// Every table and section of the report's template was read and checked. Also a file that
    /// is no report to check (empty, unreadable, not a report): what became of it is said
    /// elsewhere.
    #[default]
    Complete,
    /// Checked in part: some tables, rows or cells could not be read, or the report predates
    /// the template (C001 says what).
    Partial,
    /// A report of which nothing could be checked (a scanned PDF with no text layer).
    Nothing,
}

impl Completeness {
    /// Whether the file counts as "not fully checked".
    pub fn is_incomplete(self) -> bool {
        self != Self::Complete
    }
}

/// One part of a report that was not checked, and where it is (or where it should be).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub kind: GapKind,
    /// The text the gap is about: the table, its anchor, the heading of the section it belongs
    /// in, or the statistics table of a pre-2019 report.
    pub span: Span,
}

/// Why a part of a report was not checked. Tables are numbered as the template numbers them
/// (2 = 主动公开, 3 = 依申请, 4 = 复议诉讼).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum GapKind {
    /// A report in the format of the 2008 条例 (before 2019): its statistics table is not the
    /// template's, so only the counts its own prose states were checked against each other.
    /// `breakdowns` is how many stated totals with their parts were checked.
    OldFormat { breakdowns: u16 },
    /// Neither a template's tables nor the 2008 format were recognised: no table was checked.
    NoTemplate,
    /// A table of the template is absent (PA001).
    TableMissing { table: u8 },
    /// A table was found but its values could not be read (PA011).
    TableUnreadable { table: u8 },
    /// A table's text is not in row order (PA012).
    TableNotInRowOrder { table: u8 },
    /// A table was read except for `rows` rows of which no value was read (absent, PA002; the
    /// wrong number of values, PA003; digits not split, PA005, PA009) and `cells` further cells
    /// with no value read in rows that were.
    CellsUnread { table: u8, rows: u16, cells: u16 },
}

/// `表三`, `Table 3`.
fn table(number: u8) -> (&'static str, String) {
    let zh = match number {
        2 => "表二",
        3 => "表三",
        4 => "表四",
        _ => "统计表",
    };
    (zh, format!("Table {number}"))
}

impl GapKind {
    /// What the gap left unchecked, in both languages: C001's message and the audit page say
    /// it so.
    pub fn describe(self) -> Message {
        match self {
            GapKind::OldFormat { breakdowns: 0 } => Message::new(
                "2008 年版格式（2019 年以前）：统计表不是 2019/2021 年模板的表格，未按模板核对；正文中也没有可相互核对的总数与分项",
                "the 2008 format (before 2019): its statistics table is not the 2019/2021 template's and was not checked against it, and its text states no total with its parts to check",
            ),
            GapKind::OldFormat { breakdowns } => Message::new(
                format!(
                    "2008 年版格式（2019 年以前）：统计表不是 2019/2021 年模板的表格，未按模板核对；仅核对了正文所述 {breakdowns} 组总数与分项是否自洽"
                ),
                format!(
                    "the 2008 format (before 2019): its statistics table is not the 2019/2021 template's and was not checked against it; only the {breakdowns} {} its text states with their parts were checked against each other",
                    if breakdowns == 1 { "total" } else { "totals" }
                ),
            ),
            GapKind::NoTemplate => Message::new(
                "未识别出 2019/2021 年模板的统计表，也不是 2008 年版格式，各表均未核对",
                "no table of the 2019/2021 template was recognised, nor the 2008 format: no table was checked",
            ),
            GapKind::TableMissing { table: number } => {
                let (zh, en) = table(number);
                Message::new(
                    format!("{zh}缺失，未核对"),
                    format!("{en} is absent and was not checked"),
                )
            }
            GapKind::TableUnreadable { table: number } => {
                let (zh, en) = table(number);
                Message::new(
                    format!("{zh}读不出数值，未核对"),
                    format!("{en} could not be read and was not checked"),
                )
            }
            GapKind::TableNotInRowOrder { table: number } => {
                let (zh, en) = table(number);
                Message::new(
                    format!("{zh}不是逐行排列的，未核对"),
                    format!("{en} is not in row order and was not checked"),
                )
            }
            GapKind::CellsUnread {
                table: number,
                rows,
                cells,
            } => {
                let (zh, en) = table(number);
                let mut parts_zh = Vec::new();
                let mut parts_en = Vec::new();
                if rows > 0 {
                    parts_zh.push(format!("{rows} 行未读到"));
                    parts_en.push(format!(
                        "{rows} {} not read",
                        if rows == 1 { "row" } else { "rows" }
                    ));
                }
                if cells > 0 {
                    parts_zh.push(format!("{cells} 个单元格的数值未能确定"));
                    parts_en.push(format!(
                        "{cells} {} whose value could not be decided",
                        if cells == 1 { "cell" } else { "cells" }
                    ));
                }
                Message::new(
                    format!("{zh}有 {}", parts_zh.join("、")),
                    format!("{en}: {}", parts_en.join(", ")),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_gap_is_complete() {
        let mut coverage = Coverage::default();
        assert!(coverage.is_complete());
        assert_eq!(coverage.completeness(), Completeness::Complete);
        assert!(!Completeness::Complete.is_incomplete());
        coverage.gaps.push(Gap {
            kind: GapKind::TableUnreadable { table: 3 },
            span: Span::new(4, 9),
        });
        assert_eq!(coverage.completeness(), Completeness::Partial);
        assert!(Completeness::Nothing.is_incomplete());
        let json = serde_json::to_value(&coverage).unwrap();
        assert_eq!(json["gaps"][0]["kind"]["kind"], "table-unreadable");
        assert_eq!(json["gaps"][0]["kind"]["table"], 3);
    }
}

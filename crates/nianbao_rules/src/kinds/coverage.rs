//! `coverage` (C001): one finding for a report that could not be checked whole, saying what was
//! not checked — tables absent or unread, rows and cells not read and the identity checks that
//! needed them, a report in the 2008 format whose statistics table is not the template's. Its
//! place is the report's first gap; every other gap is a label. The parser records the gaps
//! ([`nianbao_model::Coverage`]); the run's count of reports not fully checked reads them too,
//! so ignoring this rule hides the finding, never the count.

use super::{CheckKind, KindDoc};
use crate::message::{Var, var};
use crate::params::{LoadFailure, RuleText};
use crate::rule::{Check, Ctx, Rule};
use nianbao_model::{Diagnostic, GapKind, Message};
use serde::Deserialize;
use std::ops::Range;

/// `[rules.coverage]` as written: no parameters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {}

#[derive(Debug)]
pub(crate) struct CoverageCheck;

impl CheckKind for CoverageCheck {
    const KEY: &'static str = "coverage";
    const DOC: KindDoc = KindDoc {
        parameters: "none",
        placeholders: "`unchecked`, `gaps`, `skipped`",
    };
    type Params = Params;

    fn definition(_: &Params) -> Vec<String> {
        vec!["- the parts of the report the parser could not read (its coverage gaps)".to_owned()]
    }

    fn compile(_: Params, _: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        Ok(Self)
    }
}

impl Check for CoverageCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["unchecked", "gaps", "skipped"]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let gaps = &ctx.report.coverage.gaps;
        let Some(first) = gaps.first() else {
            return;
        };
        let described: Vec<Message> = gaps.iter().map(|gap| describe(gap.kind)).collect();
        let mut zh: Vec<&str> = described.iter().map(|m| m.zh.as_str()).collect();
        let mut en: Vec<&str> = described.iter().map(|m| m.en.as_str()).collect();
        zh.dedup();
        en.dedup();
        let mut unchecked = Var {
            name: "unchecked",
            zh: zh.join("；"),
            en: en.join("; "),
        };
        if ctx.skipped > 0 {
            let skipped = ctx.skipped;
            unchecked
                .zh
                .push_str(&format!("；涉及的 {skipped} 项勾稽核对未进行"));
            unchecked.en.push_str(&format!(
                "; {skipped} identity {} that need them were skipped",
                if skipped == 1 { "check" } else { "checks" }
            ));
        }
        let vars = vec![
            unchecked,
            var("gaps", gaps.len()),
            var("skipped", ctx.skipped),
        ];
        let mut finding = rule.emit(None, first.span, &vars);
        for (gap, message) in gaps.iter().zip(described).skip(1) {
            finding = finding.with_label(gap.span, message);
        }
        out.push(finding);
    }
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

/// What one gap left unchecked, in both languages.
fn describe(kind: GapKind) -> Message {
    match kind {
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

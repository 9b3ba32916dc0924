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
use nianbao_model::{Diagnostic, Message};
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
        let described: Vec<Message> = gaps.iter().map(|gap| gap.kind.describe()).collect();
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

//! `stated-sum` (N030): in a report in the 2008 format, a total its prose states and the parts
//! it breaks it into (`答复总数21条，其中同意公开17条…`) must agree. The parser reads the counts
//! ([`nianbao_model::stated`]); this checks them.
//!
//! "其中" does not promise a complete list: a report may name its main categories only. So a
//! difference is an error only when the text itself shows the parts are all of them — a part is
//! the rest (`其他…`), the parts' shares add up to 100 %, the three kinds of information are all
//! there, or the parts of the answers add up to exactly the applications received (`受理117件，
//! 办结171件`, whose outcomes sum to 117). Parts adding up to more than their total are a warning
//! otherwise (two parts may overlap); fewer is no finding (a partial list).

use super::{CheckKind, KindDoc};
use crate::message::{Var, Vars, var, var2};
use crate::params::{LoadFailure, RuleText};
use crate::rule::{Check, Ctx, Rule, Variant};
use nianbao_model::stated::{Completion, Measure, StatedCount};
use nianbao_model::{Diagnostic, Message, Severity, Span};
use serde::Deserialize;
use std::ops::Range;

/// `[rules.stated-sum]` as written: no parameters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {}

#[derive(Debug)]
pub(crate) struct StatedSumCheck;

impl CheckKind for StatedSumCheck {
    const KEY: &'static str = "stated-sum";
    const DOC: KindDoc = KindDoc {
        parameters: "none",
        placeholders: "`what`, `stated`, `sum`, `parts`, `delta`, `complete`",
    };
    type Params = Params;

    fn definition(_: &Params) -> Vec<String> {
        vec![
            "- every total the prose states with its parts: 制作、获取 / 主动公开 (by unit, by category) / 收到申请 (by channel) / 答复 (by outcome)".to_owned(),
        ]
    }

    fn compile(_: Params, _: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        Ok(Self)
    }
}

const VARIANTS: &[Variant] = &[Variant {
    name: "exceeds",
    zh: "正文称{what}为 {stated}，但所列分项 {parts} 合计 {sum}，多于总数（差 {delta}）",
    en: "the text gives {stated} {what}, but the parts it lists, {parts}, add up to {sum}, more than the total (delta {delta})",
    severity: Some(Severity::Warning),
}];

impl Check for StatedSumCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["what", "stated", "sum", "parts", "delta", "complete"]
    }

    fn variants(&self) -> &'static [Variant] {
        VARIANTS
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let counts = &ctx.report.statistics;
        for count in counts.iter().filter(|count| !count.parts.is_empty()) {
            out.extend(check(rule, count, counts));
        }
    }
}

/// What shows that a breakdown is complete, and where, if the text shows it elsewhere.
struct Evidence {
    reason: Message,
    at: Option<Span>,
}

fn check(rule: &Rule, count: &StatedCount, counts: &[StatedCount]) -> Option<Diagnostic> {
    let sum = count.parts_sum();
    if sum == count.value {
        return None;
    }
    let evidence = evidence(count, sum, counts);
    if evidence.is_none() && sum < count.value {
        return None;
    }
    let parts = count
        .parts
        .iter()
        .map(|part| part.value.to_string())
        .collect::<Vec<_>>()
        .join(" + ");
    let mut vars: Vars = vec![
        var2("what", &measure_name(count.measure)),
        var("stated", count.value),
        var("sum", sum),
        var("parts", parts),
        var("delta", format!("{:+}", count.value.saturating_sub(sum))),
    ];
    let variant = match &evidence {
        Some(evidence) => {
            vars.push(var2("complete", &evidence.reason));
            None
        }
        None => {
            vars.push(Var {
                name: "complete",
                zh: String::new(),
                en: String::new(),
            });
            Some("exceeds")
        }
    };
    let mut finding = rule.emit(variant, count.span, &vars);
    for part in &count.parts {
        let value = part.value;
        finding = finding.with_label(
            part.span,
            Message::new(format!("计入 {value}"), format!("counted: {value}")),
        );
    }
    if let Some(at) = evidence.and_then(|evidence| evidence.at) {
        finding = finding.with_label(
            at,
            Message::new(format!("受理 {sum}"), format!("received: {sum}")),
        );
    }
    Some(finding)
}

fn evidence(count: &StatedCount, sum: i64, counts: &[StatedCount]) -> Option<Evidence> {
    let reason = match count.complete {
        Some(Completion::Rest) => Some(Message::new(
            "所列分项含“其他”一项，应已列全",
            "the parts include an “other” item, so they are all of them",
        )),
        Some(Completion::Shares) => Some(Message::new(
            "各分项占比合计 100%，应已列全",
            "the parts' shares add up to 100 %, so they are all of them",
        )),
        Some(Completion::AllKinds) => Some(Message::new(
            "主动公开、依申请公开、不予公开三类俱全",
            "all three kinds of information (主动公开, 依申请公开, 不予公开) are listed",
        )),
        None => None,
    };
    if let Some(reason) = reason {
        return Some(Evidence { reason, at: None });
    }
    // The answers' outcomes add up to exactly the applications received: the stated number of
    // answers is the odd one out (`受理117件，办结171件`).
    if count.measure != Measure::Replies {
        return None;
    }
    let received = counts.iter().find(|other| {
        other.measure == Measure::Requests && other.value == sum && other.value != count.value
    })?;
    Some(Evidence {
        reason: Message::new(
            format!("各分项之和恰等于受理（收到）的申请数 {sum}"),
            format!("the parts add up to exactly the {sum} applications received"),
        ),
        at: Some(received.span),
    })
}

fn measure_name(measure: Measure) -> Message {
    match measure {
        Measure::Produced => Message::new(
            "制作、获取政府信息总数",
            "items of information produced or obtained",
        ),
        Measure::Proactive => Message::new("主动公开政府信息数", "items published proactively"),
        Measure::Requests => Message::new("收到申请数", "applications received"),
        Measure::Replies => Message::new("答复（办结）数", "applications answered"),
    }
}

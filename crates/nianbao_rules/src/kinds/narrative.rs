//! `narrative`: a number the text states (`办结 82 件`) against the cells it restates
//! (`identities.md` §5). The number is read in the joint prose scan ([`crate::prose::scan`]);
//! a claim passes when the number equals any of its accepted readings.

use super::{CheckKind, KindDoc};
use crate::expr::Expr;
use crate::message::{Var, Vars, var, var2};
use crate::params::{LoadFailure, MessageDef, RuleText, phrases, quoted};
use crate::prose::numbers::NumberToken;
use crate::prose::phrase::{Phrase, PhraseUse, Target};
use crate::prose::reading::Reading;
use crate::rule::{Check, Ctx, ProseCheck, Rule};
use nianbao_model::{Diagnostic, Message, Severity};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// `[rules.narrative]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    claims: Vec<ClaimDef>,
}

/// `[[rules.narrative.claims]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimDef {
    /// What the number counts, for messages (`{what}`).
    what: MessageDef,
    /// Phrases the number follows (`办结 82 件`). `…` matches a short gap inside one clause.
    #[serde(default)]
    after: Vec<Spanned<String>>,
    /// Phrases the number precedes (`72件申请…顺延到下年度`).
    #[serde(default)]
    before: Vec<Spanned<String>>,
    /// Accepted readings; the claim passes when the number equals any of them.
    expect: Vec<Spanned<String>>,
    /// Sections (1–6) the claim is read in; all when empty.
    #[serde(default)]
    sections: Vec<u8>,
    /// Words that, between the phrase and the number, make it count something else
    /// (`行政复议被纠错 0 件`): the number is not read for the claim.
    #[serde(default)]
    unless: Vec<String>,
}

/// A narrative number claim: the phrases that introduce it and the cells it must equal.
#[derive(Clone, Debug)]
struct Claim {
    what: Message,
    after: Vec<Phrase>,
    before: Vec<Phrase>,
    expect: Vec<Expr>,
    /// The readings as written, for messages.
    readings: Vec<String>,
    sections: Vec<u8>,
    unless: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct NarrativeCheck {
    claims: Vec<Claim>,
}

impl CheckKind for NarrativeCheck {
    const KEY: &'static str = "narrative";
    const DOC: KindDoc = KindDoc {
        parameters: "`[[rules.narrative.claims]]`: `what`, `after` / `before` phrases, `expect` readings, `sections`, `unless` (words that make the number count something else)",
        placeholders: "`what`, `stated`, `expected`, `delta`, `readings`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        params
            .claims
            .iter()
            .map(|claim| {
                let mut line = format!(
                    "- {} / {}:",
                    claim.what.zh.get_ref(),
                    claim.what.en.get_ref()
                );
                if !claim.after.is_empty() {
                    line.push_str(&format!(" number after {}", quoted(&claim.after)));
                }
                if !claim.before.is_empty() {
                    line.push_str(&format!("; number before {}", quoted(&claim.before)));
                }
                line.push_str(&format!("; must equal {}", quoted(&claim.expect)));
                if !claim.sections.is_empty() {
                    line.push_str(&format!(" (sections {:?})", claim.sections));
                }
                if !claim.unless.is_empty() {
                    line.push_str(&format!(
                        "; not when {} stands between phrase and number",
                        claim.unless.join("、")
                    ));
                }
                line
            })
            .collect()
    }

    fn compile(params: Params, file: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        let mut claims = Vec::new();
        for claim in params.claims {
            let expect = claim
                .expect
                .iter()
                .map(|reading| file.expr(reading, false))
                .collect::<Result<Vec<_>, _>>()?;
            if expect.is_empty() || (claim.after.is_empty() && claim.before.is_empty()) {
                return Err(LoadFailure::new(
                    claim.what.zh.span(),
                    "a claim needs phrases (`after` or `before`) and at least one `expect`",
                ));
            }
            claims.push(Claim {
                what: claim.what.message(),
                after: phrases(&claim.after)?,
                before: phrases(&claim.before)?,
                expect,
                readings: claim.expect.iter().map(|e| e.get_ref().clone()).collect(),
                sections: claim.sections,
                unless: claim.unless,
            });
        }
        Ok(Self { claims })
    }
}

impl Check for NarrativeCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["what", "stated", "expected", "delta", "readings"]
    }

    fn prose(&self) -> Option<&dyn ProseCheck> {
        Some(self)
    }
}

impl ProseCheck for NarrativeCheck {
    fn phrases(&self) -> Vec<PhraseUse> {
        let mut used = Vec::new();
        for (index, claim) in self.claims.iter().enumerate() {
            for (phrases, before) in [(&claim.after, false), (&claim.before, true)] {
                for phrase in phrases {
                    used.push(PhraseUse {
                        phrase: phrase.clone(),
                        target: Target::Claim {
                            claim: index,
                            before,
                        },
                        sections: claim.sections.clone(),
                        unless: claim.unless.clone(),
                    });
                }
            }
        }
        used
    }

    fn claim_cells(&self, claim: usize) -> Option<&Expr> {
        self.claims.get(claim)?.expect.first()
    }

    fn claim(
        &self,
        rule: &Rule,
        claim: usize,
        token: &NumberToken,
        stated: i64,
        ctx: &Ctx<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(claim) = self.claims.get(claim) {
            out.extend(check_claim(rule, claim, token, stated, ctx));
        }
    }
}

/// An accepted reading of a claim with its value in this report.
struct Evaluated<'c> {
    written: &'c str,
    value: i64,
}

fn check_claim(
    rule: &Rule,
    claim: &Claim,
    token: &NumberToken,
    stated: i64,
    ctx: &Ctx<'_>,
) -> Option<Diagnostic> {
    let mut readings = Vec::new();
    let mut reading = Reading::default();
    for (expr, written) in claim.expect.iter().zip(&claim.readings) {
        if let Some(value) = reading.value(expr, ctx.report, ctx.rows) {
            readings.push(Evaluated { written, value });
        }
    }
    if readings.is_empty() {
        return None;
    }
    let first_part = token
        .first_part
        .filter(|part| part.fract() == 0.0)
        .map(|part| part as i64);
    if readings
        .iter()
        .any(|r| r.value == stated || Some(r.value) == first_part)
    {
        return None;
    }
    let listing = readings
        .iter()
        .map(|r| format!("{} = {}", r.written, r.value))
        .collect::<Vec<_>>()
        .join("; ");
    let expected = readings
        .iter()
        .map(|r| r.value.to_string())
        .collect::<Vec<_>>();
    let deltas = readings
        .iter()
        .map(|r| format!("{:+}", stated.saturating_sub(r.value)))
        .collect::<Vec<_>>();
    let vars: Vars = vec![
        var2("what", &claim.what),
        var("stated", stated),
        Var {
            name: "expected",
            zh: expected.join(" 或 "),
            en: expected.join(" or "),
        },
        var("delta", deltas.join(" / ")),
        var("readings", listing),
    ];
    let mut diagnostic = rule.emit(None, token.span, &vars);
    if let Some(part) = first_part {
        // A doubtful extraction is a warning, never an error (identities.md §5).
        diagnostic.severity = diagnostic.severity.min(Severity::Warning);
        diagnostic.message.zh.push_str(&format!(
            "（数字中间有空格，也可能是 {part}；两种读法均不符）"
        ));
        diagnostic.message.en.push_str(&format!(
            " (the digits are broken by a space and may also read {part}; neither reading fits)"
        ));
    }
    for note in reading.notes {
        diagnostic.message.zh.push_str(&format!("（{}）", note.zh));
        diagnostic.message.en.push_str(&format!(" ({})", note.en));
    }
    let mut cells = reading.cells;
    cells.sort_by_key(|cell| cell.span);
    cells.dedup_by_key(|cell| cell.span);
    for cell in cells {
        let id = cell.cell.id();
        let value = cell.value;
        diagnostic = diagnostic.with_label(
            cell.span,
            Message::new(format!("{id} = {value}"), format!("{id} = {value}")),
        );
    }
    Some(diagnostic)
}

//! `percentage`: a share the text states (`占 4.61%`) recomputed from the count a narrative claim
//! read just before it and a denominator from the tables, rounded or truncated as printed.

use super::{CheckKind, KindDoc};
use crate::expr::Expr;
use crate::message::{Vars, var};
use crate::params::{LoadFailure, RuleText, quoted};
use crate::prose::numbers::NumberKind;
use crate::prose::phrase::PhraseUse;
use crate::prose::reading::Reading;
use crate::prose::{Sentence, is_clause_break};
use crate::rule::{Check, Ctx, ProseCheck, Rule};
use nianbao_model::{Diagnostic, Message, Span};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// How far before a percentage its `占` may stand, in bytes (about 85 Chinese characters).
const PERCENT_LOOKBACK: usize = 256;
/// How many numbers before a percentage may hold its numerator.
const NUMERATOR_LOOKBACK: usize = 16;

/// `[rules.percentage]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Denominators a percentage may be taken of.
    bases: Vec<Spanned<String>>,
}

/// A denominator: as written, for messages, and parsed.
#[derive(Debug)]
struct Base {
    written: String,
    expr: Expr,
}

#[derive(Debug)]
pub(crate) struct PercentageCheck {
    bases: Vec<Base>,
}

impl CheckKind for PercentageCheck {
    const KEY: &'static str = "percentage";
    const DOC: KindDoc = KindDoc {
        parameters: "`bases`",
        placeholders: "`stated`, `count`, `computed`, `base`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        vec![format!("- bases: {}", quoted(&params.bases))]
    }

    fn compile(params: Params, file: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        let mut bases = Vec::new();
        for base in &params.bases {
            bases.push(Base {
                written: base.get_ref().clone(),
                expr: file.expr(base, false)?,
            });
        }
        Ok(Self { bases })
    }
}

impl Check for PercentageCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["stated", "count", "computed", "base"]
    }

    fn prose(&self) -> Option<&dyn ProseCheck> {
        Some(self)
    }
}

impl ProseCheck for PercentageCheck {
    fn phrases(&self) -> Vec<PhraseUse> {
        Vec::new()
    }

    /// `占 p%` within its own clause, its numerator the nearest count before `占` that a claim
    /// read.
    fn after_claims(
        &self,
        rule: &Rule,
        sentence: &Sentence<'_>,
        claimed: &[Span],
        ctx: &Ctx<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = sentence.text.text();
        let numbers = sentence.numbers_in(&ctx.numbers);
        for (index, token) in numbers.iter().enumerate() {
            if token.kind != NumberKind::Percent {
                continue;
            }
            let start = token.at.start as usize;
            // `占` sits close before its percentage: look back a bounded window, so a sentence
            // of many percentages stays linear.
            let mut window = start.saturating_sub(PERCENT_LOOKBACK);
            while !text.is_char_boundary(window) {
                window += 1;
            }
            let Some(lead) = text.get(..start) else {
                continue;
            };
            let clause_start = lead
                .get(window..)
                .and_then(|near| near.char_indices().rev().find(|&(_, c)| is_clause_break(c)))
                .map_or(window, |(at, c)| window + at + c.len_utf8());
            let Some(at) = lead
                .get(clause_start..)
                .and_then(|clause| clause.find('占'))
            else {
                continue;
            };
            let zhan = clause_start + at;
            // The numerator: the nearest narrative count before `占`, and only one a claim read.
            let Some(numerator) = numbers.get(..index).and_then(|earlier| {
                earlier
                    .iter()
                    .rev()
                    // The numerator stands just before; a bounded look keeps long sentences
                    // linear.
                    .take(NUMERATOR_LOOKBACK)
                    .find(|t| {
                        t.kind == NumberKind::Count && t.at.end as usize <= zhan
                    })
            }) else {
                continue;
            };
            if !claimed.contains(&numerator.span) {
                continue;
            }
            let mut computed = Vec::new();
            let mut fits = false;
            for each in &self.bases {
                let Some(denominator) =
                    Reading::default().value(&each.expr, ctx.report, ctx.rows)
                else {
                    continue;
                };
                if denominator <= 0 {
                    continue;
                }
                let x = numerator.value / denominator as f64 * 100.0;
                fits |= percentage_fits(token.value, token.decimals, x);
                computed.push(Computed {
                    base: each,
                    denominator,
                    share: x,
                });
            }
            let Some(first) = computed.first() else {
                continue;
            };
            if fits {
                continue;
            }
            let places = usize::try_from(token.decimals).unwrap_or(2) + 1;
            let vars: Vars = vec![
                var("stated", format!("{}%", token.span.slice(ctx.source))),
                var("count", numerator.span.slice(ctx.source)),
                var("computed", format!("{:.places$}%", first.share)),
                var(
                    "base",
                    format!("{} = {}", first.base.written, first.denominator),
                ),
            ];
            let diagnostic = rule
                .emit(None, token.span, &vars)
                .with_label(numerator.span, Message::new("分子", "numerator"));
            out.push(diagnostic);
        }
    }
}

/// A percentage recomputed over one base.
struct Computed<'b> {
    base: &'b Base,
    denominator: i64,
    share: f64,
}

/// Whether `p` (with `decimals` places) is `x` rounded or truncated to those places.
fn percentage_fits(p: f64, decimals: u32, x: f64) -> bool {
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(6));
    let rounded = (x * scale).round() / scale;
    let truncated = (x * scale + 1e-9).floor() / scale;
    (p - rounded).abs() < 1e-9 || (p - truncated).abs() < 1e-9
}

#[cfg(test)]
mod tests {
    use super::percentage_fits;

    #[test]
    fn percentages_round_or_truncate() {
        assert!(percentage_fits(4.34, 2, 35.0 / 805.0 * 100.0));
        assert!(percentage_fits(4.35, 2, 35.0 / 805.0 * 100.0));
        assert!(!percentage_fits(33.9, 1, 258.0 / 805.0 * 100.0));
        assert!(percentage_fits(100.0, 0, 100.0));
    }
}

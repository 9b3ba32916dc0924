//! `mention` (P005 and the like): where a bound on the tables holds (`R02[C7] >= 1`), the prose
//! must mention one of some phrases; otherwise a finding at a cell.

use super::{CheckKind, KindDoc};
use crate::expr::{Expr, Identity};
use crate::fold::fold;
use memchr::memmem::Finder;
use crate::message::{Vars, var};
use crate::params::{LoadFailure, RuleText};
use crate::prose::reading::Reading;
use crate::expr::cells_of;
use crate::rule::{Check, Ctx, Rule};
use nianbao_model::{Diagnostic, Value};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// `[rules.mention]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Params {
    /// A bound on cells (`R02[C7] >= 1`); the check runs only where it holds.
    when: Spanned<String>,
    /// The cell the finding points at.
    cell: Spanned<String>,
    /// The prose must contain one of these (whitespace and full/half width ignored).
    require_any: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct MentionCheck {
    when: Identity,
    cell: Expr,
    /// Searchers for the phrases folded, as the prose is compared folded.
    phrases: Vec<Finder<'static>>,
}

impl CheckKind for MentionCheck {
    const KEY: &'static str = "mention";
    const DOC: KindDoc = KindDoc {
        parameters: "`when` (a bound), `cell`, `require-any`",
        placeholders: "`cell`, `value`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        vec![
            format!("- when: `{}`", params.when.get_ref()),
            format!("- points at: `{}`", params.cell.get_ref()),
            format!(
                "- the text must mention one of: {}",
                params.require_any.join("、")
            ),
        ]
    }

    fn compile(params: Params, file: RuleText<'_>, table: Range<usize>) -> Result<Self, LoadFailure> {
        let when = file.identity(&params.when)?;
        if when.each.is_some() {
            return Err(LoadFailure::new(
                params.when.span(),
                "`when` is one bound, without `for`",
            ));
        }
        let cell = file.expr(&params.cell, false)?;
        if params.require_any.is_empty() || params.require_any.iter().any(String::is_empty) {
            return Err(LoadFailure::new(
                table,
                "`require-any` lists non-empty phrases",
            ));
        }
        Ok(Self {
            when,
            cell,
            phrases: params
                .require_any
                .iter()
                .map(|phrase| Finder::new(fold(phrase).as_bytes()).into_owned())
                .collect(),
        })
    }
}

impl Check for MentionCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["cell", "value"]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let mut reading = Reading::default();
        let (Some(left), Some(right)) = (
            reading.value(&self.when.lhs, ctx.report, ctx.rows),
            reading.value(&self.when.rhs, ctx.report, ctx.rows),
        ) else {
            return;
        };
        if !self.when.relation.holds(left.saturating_sub(right)) {
            return;
        }
        // The prose folded, a sentence a line: a folded phrase holds no line break, so it is
        // found in the whole only where some sentence holds it.
        if !ctx.sentences.is_empty()
            && self
                .phrases
                .iter()
                .any(|phrase| phrase.find(ctx.folded.as_bytes()).is_some())
        {
            return;
        }
        let Some(target) = cells_of(&self.cell, ctx.rows).first() else {
            return;
        };
        let Some(found) = target.lookup(ctx.report) else {
            return;
        };
        let Value::Number(value) = found.value else {
            return;
        };
        let vars: Vars = vec![
            var("cell", target.describe(ctx.template)),
            var("value", value),
        ];
        out.push(rule.emit(None, found.span, &vars));
    }
}

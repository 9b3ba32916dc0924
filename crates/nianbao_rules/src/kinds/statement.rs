//! `statement`: a sentence saying some cells are zero (`均获维持`, `未发生…行政复议`) against those
//! cells. The phrases are found in the joint prose scan ([`crate::prose::scan`]).

use super::{CheckKind, KindDoc};
use crate::expr::Expr;
use crate::message::{Vars, var, var2};
use crate::params::{LoadFailure, MessageDef, RuleText, phrases, quoted};
use crate::prose::{Sentence, StatementHit};
use crate::prose::phrase::{Phrase, PhraseUse, Target};
use crate::expr::atoms;
use crate::resolve::{Atom, CellRef};
use crate::rule::{Check, Ctx, ProseCheck, Rule};
use nianbao_model::{Diagnostic, Message, Span, Value};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// `[rules.statement]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    claims: Vec<StatementDef>,
}

/// `[[rules.statement.claims]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementDef {
    what: MessageDef,
    phrases: Vec<Spanned<String>>,
    /// Cells the statement says are all zero, e.g. `F1..F15` or `R25[C7]`.
    zero: Vec<Spanned<String>>,
    /// Words that, from the phrase to the end of its clause, make it about something else
    /// (`未发生被行政复议纠错的情况` denies corrections, not reconsiderations).
    #[serde(default)]
    unless: Vec<String>,
}

/// A statement that some cells are zero.
#[derive(Clone, Debug)]
struct Statement {
    what: Message,
    phrases: Vec<Phrase>,
    zero: Vec<Expr>,
    unless: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct StatementCheck {
    statements: Vec<Statement>,
}

impl CheckKind for StatementCheck {
    const KEY: &'static str = "statement";
    const DOC: KindDoc = KindDoc {
        parameters: "`[[rules.statement.claims]]`: `what`, `phrases`, `zero` cells, `unless` (words that make the statement about something else)",
        placeholders: "`what`, `phrase`, `cells`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        params
            .claims
            .iter()
            .map(|claim| {
                let mut line = format!(
                    "- {} / {}: {} requires {} to be 0",
                    claim.what.zh.get_ref(),
                    claim.what.en.get_ref(),
                    quoted(&claim.phrases),
                    quoted(&claim.zero)
                );
                if !claim.unless.is_empty() {
                    line.push_str(&format!(
                        ", unless its clause says {}",
                        claim.unless.join("、")
                    ));
                }
                line
            })
            .collect()
    }

    fn compile(params: Params, file: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        let mut statements = Vec::new();
        for claim in &params.claims {
            let zero = claim
                .zero
                .iter()
                .map(|cells| file.expr(cells, true))
                .collect::<Result<Vec<_>, _>>()?;
            statements.push(Statement {
                what: claim.what.message(),
                phrases: phrases(&claim.phrases)?,
                zero,
                unless: claim.unless.clone(),
            });
        }
        Ok(Self { statements })
    }
}

impl Check for StatementCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["what", "phrase", "cells"]
    }

    fn prose(&self) -> Option<&dyn ProseCheck> {
        Some(self)
    }
}

impl ProseCheck for StatementCheck {
    fn phrases(&self) -> Vec<PhraseUse> {
        let mut used = Vec::new();
        for (claim, statement) in self.statements.iter().enumerate() {
            for (phrase, written) in statement.phrases.iter().enumerate() {
                used.push(PhraseUse {
                    phrase: written.clone(),
                    target: Target::Statement { claim, phrase },
                    sections: Vec::new(),
                    unless: statement.unless.clone(),
                });
            }
        }
        used
    }

    /// Per statement, the first of its phrases (in declared order) that occurs, at its first
    /// occurrence.
    fn statements(
        &self,
        rule: &Rule,
        sentence: &Sentence<'_>,
        found: &[StatementHit],
        ctx: &Ctx<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut last = None;
        for hit in found {
            if last == Some(hit.claim) {
                continue;
            }
            last = Some(hit.claim);
            if let Some(statement) = self.statements.get(hit.claim) {
                let said = Said {
                    span: sentence.text.span(hit.start..hit.end),
                    phrase: sentence.text.text().get(hit.start..hit.end).unwrap_or_default(),
                };
                out.extend(check(rule, statement, &said, ctx));
            }
        }
    }
}

/// A statement as found: where, and its words (line breaks of wrapping taken out).
struct Said<'s> {
    span: Span,
    phrase: &'s str,
}

/// A cell the statement denies that holds a number.
struct Offending {
    cell: CellRef,
    span: Span,
    value: i64,
}

fn check(rule: &Rule, statement: &Statement, said: &Said<'_>, ctx: &Ctx<'_>) -> Option<Diagnostic> {
    let mut offending = Vec::new();
    for expr in &statement.zero {
        for atom in atoms(expr, ctx.rows) {
            let Atom::Cell { cell, .. } = atom else {
                continue;
            };
            match cell.lookup(ctx.report).map(|c| (c.value, c.span)) {
                Some((Value::Number(value), span)) if value != 0 => {
                    offending.push(Offending {
                        cell: cell.clone(),
                        span,
                        value,
                    });
                }
                // A cell the parser could not read: the statement cannot be checked.
                Some((Value::Unresolved | Value::Missing, _)) | None => return None,
                Some(_) => {}
            }
        }
    }
    if offending.is_empty() {
        return None;
    }
    let listing = offending
        .iter()
        .map(|o| format!("{} = {}", o.cell.describe(ctx.template), o.value))
        .collect::<Vec<_>>()
        .join("、");
    let vars: Vars = vec![
        var2("what", &statement.what),
        var("phrase", said.phrase),
        var("cells", listing),
    ];
    let mut diagnostic = rule.emit(None, said.span, &vars);
    for o in offending {
        let id = o.cell.id();
        let value = o.value;
        diagnostic = diagnostic.with_label(
            o.span,
            Message::new(format!("{id} = {value}"), format!("{id} = {value}")),
        );
    }
    Some(diagnostic)
}

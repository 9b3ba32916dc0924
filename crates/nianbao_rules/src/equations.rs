//! The identity rules evaluated on one report, every equation whether it holds or not: what an
//! editor shows on hover (the identities a cell takes part in, with their values) and what a
//! quick fix needs (the printed total facing a sum, and that sum). Findings come from the
//! checks; this only reads the same identities and cells.

use crate::expr::{Expr, Relation};
use crate::resolve::{Atom, bindings, expand, row_layout};
use crate::rule::Rule;
use nianbao_model::{Provenance, Report, Span, Value};

/// One identity equation on one report (one row or column of a looped identity).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equation {
    /// The rule's code (`T3001`).
    pub code: String,
    pub left: Side,
    /// `==`, `>=` or `<=`.
    pub relation: &'static str,
    pub right: Side,
    /// Whether the relation holds, blanks read as 0 (as the checks read them).
    pub holds: bool,
}

/// One side of an [`Equation`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub terms: Vec<EquationTerm>,
    /// The constants of the side, added up.
    pub constant: i64,
    /// The side's value, blanks read as 0.
    pub value: i64,
    /// One printed cell standing alone (a total), not a sum, a difference or a constant.
    pub single_cell: bool,
}

/// One cell of a side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EquationTerm {
    /// `R03[C7]`, `F5`, `A10`.
    pub cell: String,
    pub span: Span,
    /// `None` for a blank, a placeholder or text.
    pub value: Option<i64>,
    pub negative: bool,
    /// Whether the value was read from its own cell or inferred by the parser.
    pub provenance: Provenance,
}

/// Every equation of `rules` that applies to the report's template and whose cells can all take
/// part (an equation naming a missing, unresolved or decimal cell is skipped, as the checks skip
/// it).
pub(crate) fn evaluate(rules: &[Rule], report: &Report) -> Vec<Equation> {
    let template = report.template.template;
    let rows = row_layout(report);
    let mut out = Vec::new();
    for rule in rules.iter().filter(|rule| rule.applies_to(template)) {
        for identity in rule.check.identities() {
            for binding in bindings(identity.each, rows) {
                let left = side(&identity.lhs, expand(&identity.lhs, binding, rows), report);
                let right = side(&identity.rhs, expand(&identity.rhs, binding, rows), report);
                let (Some(left), Some(right)) = (left, right) else {
                    continue;
                };
                if left.terms.is_empty() && right.terms.is_empty() {
                    continue;
                }
                let delta = left.value.saturating_sub(right.value);
                out.push(Equation {
                    code: rule.code.clone(),
                    relation: match identity.relation {
                        Relation::Equal => "==",
                        Relation::AtLeast => ">=",
                        Relation::AtMost => "<=",
                    },
                    holds: identity.relation.holds(delta),
                    left,
                    right,
                });
            }
        }
    }
    out
}

fn side(expr: &Expr, atoms: Vec<Atom>, report: &Report) -> Option<Side> {
    let mut terms = Vec::with_capacity(atoms.len());
    let mut constant = 0i64;
    let mut value = 0i64;
    for atom in atoms {
        match atom {
            Atom::Int(n) => {
                constant = constant.checked_add(n)?;
                value = value.checked_add(n)?;
            }
            Atom::Cell { negative, cell } => {
                let found = cell.lookup(report)?;
                let number = match found.value {
                    Value::Number(n) => Some(n),
                    Value::Blank | Value::Placeholder(_) | Value::Text => None,
                    Value::Decimal(_) | Value::Unresolved | Value::Missing => return None,
                };
                let signed = number.unwrap_or(0);
                value = if negative {
                    value.checked_sub(signed)?
                } else {
                    value.checked_add(signed)?
                };
                terms.push(EquationTerm {
                    cell: cell.id(),
                    span: found.span,
                    value: number,
                    negative,
                    provenance: found.provenance,
                });
            }
        }
    }
    let summed = expr.terms.len() > 1 || expr.terms.iter().any(|term| term.summed);
    let single_cell =
        !summed && constant == 0 && matches!(terms.as_slice(), [term] if !term.negative);
    Some(Side {
        terms,
        constant,
        value,
        single_cell,
    })
}

/// How many equations of `rules` on the report were skipped because a cell they need was not
/// read (absent, or a split left undecided): the checks a report's coverage finding says were
/// not made.
pub(crate) fn skipped(rules: &[Rule], report: &Report) -> usize {
    let template = report.template.template;
    let rows = row_layout(report);
    let unread = |atoms: &[Atom]| {
        atoms.iter().any(|atom| match atom {
            Atom::Int(_) => false,
            Atom::Cell { cell, .. } => cell
                .lookup(report)
                .is_none_or(|found| matches!(found.value, Value::Unresolved | Value::Missing)),
        })
    };
    let mut count = 0;
    for rule in rules.iter().filter(|rule| rule.applies_to(template)) {
        for identity in rule.check.identities() {
            for binding in bindings(identity.each, rows) {
                let left = expand(&identity.lhs, binding, rows);
                let right = expand(&identity.rhs, binding, rows);
                if unread(&left) || unread(&right) {
                    count += 1;
                }
            }
        }
    }
    count
}

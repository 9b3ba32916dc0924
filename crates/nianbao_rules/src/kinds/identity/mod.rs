//! `identity`: arithmetic identities and bounds over cells (`R24[C7] == sum(R03..R23[C7])`),
//! evaluated per `identities.md` §1 rule 2: both sides and the delta, blanks kept apart from
//! zeros, and never a repaired total. When one per-row and one per-column equation fail by the
//! same amount, both findings name their common cell as the probable source (§2).

mod localise;
mod operands;

use super::{CheckKind, KindDoc};
use localise::localise;
use operands::{LONG_SUM, Operand, Side, plain_sum, resolve, single, total_of};
use crate::expr::{Identity, Relation};
use crate::message::{Vars, var};
use crate::params::{LoadFailure, RuleText};
use crate::resolve::{Atom, Binding, bindings, expand};
use crate::rule::{Check, Coefficient, Ctx, FailedEquation, Rule, Variant};
use crate::slots::SlotSum;
use nianbao_model::template::{TABLE3_COLUMNS, Template};
use nianbao_model::{Diagnostic, Message, Provenance, Severity};
use serde::Deserialize;
use std::ops::Range;
use std::sync::OnceLock;
use toml::Spanned;

/// `[rules.identity]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// One or more identities; each is evaluated on its own.
    checks: Vec<Spanned<String>>,
}

/// Compiled identities.
#[derive(Debug)]
pub(crate) struct IdentityCheck {
    identities: Vec<Identity>,
    /// Per identity, per template ([`slot`]): the loop's bindings with both sides expanded into
    /// cells, worked out on the first report of that template and reused for every other.
    expanded: Vec<[OnceLock<Vec<Expanded>>; TEMPLATES]>,
}

/// One binding of an identity's loop with both sides expanded into cells and constants, and,
/// where they have no Table 2 cell, left less right as one sum over the report's
/// [`CellNumbers`](crate::slots::CellNumbers).
#[derive(Debug)]
struct Expanded {
    binding: Binding,
    lhs: Vec<Atom>,
    rhs: Vec<Atom>,
    difference: Option<SlotSum>,
}

/// How many templates there are ([`slot`]).
const TEMPLATES: usize = 4;

fn slot(template: Template) -> usize {
    match template {
        Template::V2021 => 0,
        Template::V2019 => 1,
        Template::Pre2019 => 2,
        Template::Unknown => 3,
    }
}

fn expand_all(identity: &Identity, template: Template) -> Vec<Expanded> {
    bindings(identity.each, template)
        .into_iter()
        .map(|binding| {
            let lhs = expand(&identity.lhs, binding, template);
            let rhs = expand(&identity.rhs, binding, template);
            Expanded {
                binding,
                difference: SlotSum::difference(&lhs, &rhs),
                lhs,
                rhs,
            }
        })
        .collect()
}

impl CheckKind for IdentityCheck {
    const KEY: &'static str = "identity";
    const DOC: KindDoc = KindDoc {
        parameters: "`checks = [\"…\", …]`",
        placeholders: "`row`, `row_label`, `column`, `column_label`, `total`, `cell`, `left`, `right`, `delta`, `expected`, `blanks`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        params
            .checks
            .iter()
            .map(|check| format!("- `{}`", check.get_ref()))
            .collect()
    }

    fn compile(params: Params, file: RuleText<'_>, table: Range<usize>) -> Result<Self, LoadFailure> {
        let identities = params
            .checks
            .iter()
            .map(|check| file.identity(check))
            .collect::<Result<Vec<_>, _>>()?;
        if identities.is_empty() {
            return Err(LoadFailure::new(table, "`checks` lists at least one identity"));
        }
        let expanded = identities.iter().map(|_| Default::default()).collect();
        Ok(Self {
            identities,
            expanded,
        })
    }

    fn finish(ctx: &Ctx<'_>, out: &mut [Diagnostic]) {
        localise(&ctx.failures.borrow(), out);
    }
}

impl Check for IdentityCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &[
            "row",
            "row_label",
            "column",
            "column_label",
            "total",
            "left",
            "right",
            "delta",
            "expected",
            "blanks",
            "cell",
        ]
    }

    fn variants(&self) -> &'static [Variant] {
        &[
            Variant {
                name: "total-blank",
                zh: "总计未填：{total} 为空，各项之和为 {expected}",
                en: "total not filled in: {total} is blank; its parts sum to {expected}",
                severity: Some(Severity::Warning),
            },
            Variant {
                name: "parts-blank",
                zh: "各项均未填：{total} 为 {left}，但相加的单元格全部为空",
                en: "parts not filled in: {total} is {left} but every cell it sums is blank",
                severity: Some(Severity::Warning),
            },
        ]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for (identity, expanded) in self.identities.iter().zip(&self.expanded) {
            let Some(expanded) = expanded.get(slot(ctx.rows)) else {
                continue;
            };
            let expanded = expanded.get_or_init(|| expand_all(identity, ctx.rows));
            run(rule, identity, expanded, ctx, out);
        }
    }

    fn identities(&self) -> &[Identity] {
        &self.identities
    }

    fn names_inferred(&self) -> bool {
        true
    }
}

fn run(
    rule: &Rule,
    identity: &Identity,
    expanded: &[Expanded],
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for Expanded {
        binding,
        lhs: lhs_atoms,
        rhs: rhs_atoms,
        difference,
    } in expanded
    {
        // Most identities of most reports hold with every cell a number: that needs no
        // operands, labels or wording, which are built below only for the rest. A difference
        // that overflows, or sides that do, leave it to the full evaluation, which finds no
        // total for them either.
        let delta = match difference {
            Some(difference) => difference.value(&ctx.cell_numbers),
            None => plain_sum(lhs_atoms, ctx)
                .zip(plain_sum(rhs_atoms, ctx))
                .map(|(left, right)| left.saturating_sub(right)),
        };
        if delta.is_some_and(|delta| identity.relation.holds(delta)) {
            continue;
        }
        let binding = *binding;
        let (
            Some(Side {
                operands: lhs,
                constant: lhs_const,
            }),
            Some(Side {
                operands: rhs,
                constant: rhs_const,
            }),
        ) = (resolve(lhs_atoms, ctx), resolve(rhs_atoms, ctx))
        else {
            continue;
        };
        if lhs.is_empty() && rhs.is_empty() {
            continue;
        }
        let lhs_summed =
            identity.lhs.terms.iter().any(|term| term.summed) || identity.lhs.terms.len() > 1;
        let rhs_summed =
            identity.rhs.terms.iter().any(|term| term.summed) || identity.rhs.terms.len() > 1;
        let lhs_single = single(&lhs, lhs_const, lhs_summed);
        let rhs_single = single(&rhs, rhs_const, rhs_summed);
        // The printed total is the lone cell facing a sum; when both sides are sums (the balance
        // identity) the finding points at the right-hand side's last cell.
        let total_on_left = lhs_single && !rhs_single;
        let total_on_right = rhs_single && !lhs_single;
        let (Some(left), Some(right)) = (total_of(&lhs, lhs_const), total_of(&rhs, rhs_const))
        else {
            continue;
        };
        let delta = left.saturating_sub(right);
        let (total, parts): (Option<&Operand>, Vec<&Operand>) = if total_on_left {
            (lhs.first(), rhs.iter().collect())
        } else if total_on_right {
            (rhs.first(), lhs.iter().collect())
        } else {
            (None, lhs.iter().chain(&rhs).collect())
        };
        let Some(primary) = total.or_else(|| rhs.last()).or_else(|| lhs.last()) else {
            continue;
        };
        let primary_value = primary.value.unwrap_or(0);
        let expected = if total_on_left {
            right
        } else if total_on_right {
            left
        } else if primary.negative {
            primary_value.saturating_sub(delta)
        } else {
            primary_value.saturating_add(delta)
        };
        let blanks: Vec<&Operand> = parts
            .iter()
            .copied()
            .filter(|o| o.value.is_none())
            .collect();
        let all_parts_blank = !parts.is_empty() && blanks.len() == parts.len();
        // A bound (`A3 >= A1 - A2`) is a plausibility check: a blank cell says nothing about it,
        // and B001 reports the blank already.
        let bound = identity.relation != Relation::Equal;
        if bound && (all_parts_blank || total.is_some_and(|total| total.value.is_none())) {
            continue;
        }
        let variant = match total {
            // Nothing printed on either side: a blank stretch of the table, which the
            // blank-cell rule reports; there is no sum to give.
            Some(total) if total.value.is_none() && all_parts_blank => continue,
            Some(total) if total.value.is_none() => {
                ctx.blank_totals.borrow_mut().push(total.cell.clone());
                Some("total-blank")
            }
            Some(_) if all_parts_blank => Some("parts-blank"),
            None if all_parts_blank => continue,
            _ if identity.relation.holds(delta) => continue,
            _ => None,
        };
        let row = binding.row.map(|row| row.name()).unwrap_or_default();
        let row_label = binding
            .row
            .map(|row| row.template().label.split('（').next().unwrap_or_default())
            .unwrap_or_default();
        let column = binding
            .col
            .map(|col| format!("C{}", col + 1))
            .unwrap_or_default();
        let column_label = binding
            .col
            .and_then(|col| TABLE3_COLUMNS.get(col).copied())
            .unwrap_or_default();
        let blank_list = if blanks.is_empty() {
            "—".to_owned()
        } else {
            blanks
                .iter()
                .map(|o| o.cell.id())
                .collect::<Vec<_>>()
                .join("、")
        };
        let vars: Vars = vec![
            var("row", row),
            var("row_label", row_label),
            var("column", &column),
            var("column_label", column_label),
            var("total", primary.cell.describe(ctx.template)),
            var("cell", primary.cell.id()),
            var("left", left),
            var("right", right),
            var("delta", format!("{delta:+}")),
            var("expected", expected),
            var("blanks", &blank_list),
        ];
        let mut diagnostic = rule.emit(variant, primary.span, &vars);
        if variant.is_none() && !blanks.is_empty() {
            diagnostic
                .message
                .zh
                .push_str(&format!("；其中 {blank_list} 未填，按 0 计"));
            diagnostic
                .message
                .en
                .push_str(&format!("; {blank_list} blank, read as 0"));
        }
        let inferred: Vec<String> = lhs
            .iter()
            .chain(&rhs)
            .filter(|o| o.provenance != Provenance::Exact)
            .map(|o| o.cell.id())
            .collect();
        if !inferred.is_empty() {
            let list = inferred.join("、");
            diagnostic.message.zh.push_str(&format!(
                "（{list} 的数值由解析器推断：粘连数字拆分或按位置对齐，可能是提取误差而非原文错误）"
            ));
            diagnostic.message.en.push_str(&format!(
                " ({list} inferred by the parser from glued digits or position; this may be an extraction doubt rather than a source error)"
            ));
        }
        // Long sums (the 21 outcome rows) label only the cells that carry something.
        let long = lhs.len() + rhs.len() > LONG_SUM;
        for operand in lhs.iter().chain(&rhs) {
            if std::ptr::eq(operand, primary) || (long && operand.value == Some(0)) {
                continue;
            }
            let id = operand.cell.id();
            let message = match operand.value {
                Some(value) => Message::new(format!("{id} = {value}"), format!("{id} = {value}")),
                None => Message::new(
                    format!("{id} 未填，按 0 计"),
                    format!("{id} blank, read as 0"),
                ),
            };
            diagnostic = diagnostic.with_label(operand.span, message);
        }
        if variant.is_none() {
            let coefficient = |operand: &Operand, sign: i64| Coefficient {
                cell: operand.cell.clone(),
                factor: if operand.negative { -sign } else { sign },
            };
            ctx.failures.borrow_mut().push(FailedEquation {
                index: out.len(),
                row: binding.row,
                col: binding.col,
                delta,
                cells: lhs
                    .iter()
                    .map(|o| coefficient(o, 1))
                    .chain(rhs.iter().map(|o| coefficient(o, -1)))
                    .collect(),
            });
        }
        out.push(diagnostic);
    }
}

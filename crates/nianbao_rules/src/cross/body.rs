//! The cross rules over one body's reports: each against the previous year's report of the
//! body (carry-over, stock, reuse) and against the first of its year (duplicate). The rules
//! are looked over once per corpus pass ([`BodyRule::all`]), not once per report, and the
//! cells they compare looked up in the [`CrossPlan`] then.

use super::store::Loaded;
use super::{CrossCheck, CrossFacts, CrossPlan};
use crate::message::{Vars, var};
use crate::resolve::CellRef;
use crate::rule::Rule;
use nianbao_model::template::{RowId, TABLE3_COLUMNS};
use nianbao_model::{Diagnostic, Message, RelatedLocation, Span};
use std::borrow::Cow;

/// A cross rule that compares the reports of one body, as the body pass runs it.
pub(crate) struct BodyRule<'r> {
    /// The rule's index in the rule set (the reuse rule's sentences are kept under it).
    at: usize,
    rule: &'r Rule,
    check: BodyCheck<'r>,
}

enum BodyCheck<'r> {
    /// Per column, this year's and the previous year's cell and their slots.
    CarryOver {
        this: RowId,
        previous: RowId,
        slots: Vec<(Option<u16>, Option<u16>)>,
    },
    /// Per chain, its `[stock, added, removed]` cell ids and their slots.
    Stock {
        chains: Vec<(&'r [String; 3], [Option<u16>; 3])>,
    },
    Reuse {
        share: f64,
        near_identical: f64,
    },
    Duplicate,
}

impl<'r> BodyRule<'r> {
    /// The rules of `rules` that compare the reports of a body, in the rule set's order, their
    /// cells' slots looked up in `plan` (a search by id per report was most of the pass).
    pub(crate) fn all(rules: &'r [Rule], plan: &CrossPlan) -> Vec<BodyRule<'r>> {
        let mut found = Vec::new();
        for (at, rule) in rules.iter().enumerate() {
            let check = match rule.check.cross() {
                Some(CrossCheck::CarryOver { this, previous }) => BodyCheck::CarryOver {
                    this: *this,
                    previous: *previous,
                    slots: (0..TABLE3_COLUMNS.len())
                        .map(|col| {
                            let slot = |row| plan.slot(&CellRef::Table3(row, col));
                            (slot(*this), slot(*previous))
                        })
                        .collect(),
                },
                Some(CrossCheck::Stock { chains }) => BodyCheck::Stock {
                    chains: chains
                        .iter()
                        .map(|chain| (chain, chain.each_ref().map(|id| plan.table2_slot(id))))
                        .collect(),
                },
                Some(CrossCheck::Reuse {
                    share,
                    near_identical,
                    ..
                }) => BodyCheck::Reuse {
                    share: *share,
                    near_identical: *near_identical,
                },
                Some(CrossCheck::Duplicate) => BodyCheck::Duplicate,
                // Families, not bodies: run by `regions::check`.
                Some(CrossCheck::Region { .. }) | None => continue,
            };
            found.push(BodyRule { at, rule, check });
        }
        found
    }
}

/// The previous year's report and this one, as the checks see them.
struct Pair<'a> {
    this: &'a CrossFacts,
    previous: &'a CrossFacts,
    previous_path: &'a str,
    previous_year: u16,
}

impl Pair<'_> {
    /// A finding of `rule` at `at` in this year's report, with `there` in last year's.
    fn finding(
        &self,
        rule: &Rule,
        variant: Option<&str>,
        at: Span,
        vars: &Vars,
        there: Span,
        message: Message,
    ) -> Diagnostic {
        rule.emit(variant, at, vars)
            .with_related(RelatedLocation::new(self.previous_path, there, message))
    }
}

/// The cross rules over the reports of one body, sorted by year, then file.
pub(crate) fn check_body(
    rules: &[BodyRule<'_>],
    body: &[Loaded],
    out: &mut Vec<(usize, Diagnostic)>,
) {
    let first_of = |year: u16| body.iter().find(|report| report.facts.year == Some(year));
    for report in body {
        let facts = &report.facts;
        let Some(year) = facts.year else {
            continue;
        };
        let first_of_year = first_of(year).filter(|first| first.file != report.file);
        let previous = year.checked_sub(1).and_then(first_of);
        for BodyRule { at, rule, check } in rules {
            if !rule.applies_to(facts.template) {
                continue;
            }
            let mut found = Vec::new();
            if let BodyCheck::Duplicate = check {
                if let Some(first) = first_of_year {
                    found.extend(duplicate(rule, facts, &first.facts, &first.path, year));
                }
            } else if let Some(previous) = previous {
                let pair = Pair {
                    this: facts,
                    previous: &previous.facts,
                    previous_path: &previous.path,
                    previous_year: year.saturating_sub(1),
                };
                match check {
                    BodyCheck::CarryOver {
                        this,
                        previous,
                        slots,
                    } => carry_over(rule, *this, *previous, slots, &pair, &mut found),
                    BodyCheck::Stock { chains } => stock(rule, chains, &pair, &mut found),
                    BodyCheck::Reuse {
                        share,
                        near_identical,
                    } => reuse(rule, *at, *share, *near_identical, &pair, &mut found),
                    BodyCheck::Duplicate => {}
                }
            }
            out.extend(found.into_iter().map(|d| (report.file, d)));
        }
    }
}

fn carry_over(
    rule: &Rule,
    this_row: RowId,
    previous_row: RowId,
    slots: &[(Option<u16>, Option<u16>)],
    pair: &Pair<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for ((col, label), &(this_slot, previous_slot)) in TABLE3_COLUMNS.iter().enumerate().zip(slots)
    {
        let (Some((this, at)), Some((previous, there))) =
            (pair.this.cell(this_slot), pair.previous.cell(previous_slot))
        else {
            continue;
        };
        if this == previous {
            continue;
        }
        let this_cell = CellRef::Table3(this_row, col).id();
        let previous_cell = CellRef::Table3(previous_row, col).id();
        let vars: Vars = vec![
            var("column", format!("C{}", col + 1)),
            var("column_label", label),
            var("this", this),
            var("previous", previous),
            var("this_cell", &this_cell),
            var("previous_cell", &previous_cell),
            var("previous_file", pair.previous_path),
            var("previous_year", pair.previous_year),
            var("delta", format!("{:+}", this.saturating_sub(previous))),
        ];
        let message = Message::new(
            format!("{} 年报告 {previous_cell} = {previous}", pair.previous_year),
            format!(
                "{} report: {previous_cell} = {previous}",
                pair.previous_year
            ),
        );
        out.push(pair.finding(rule, None, at, &vars, there, message));
    }
}

fn stock(
    rule: &Rule,
    chains: &[(&[String; 3], [Option<u16>; 3])],
    pair: &Pair<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for ([stock, _, _], [stock_slot, added, removed]) in chains {
        let (Some((now, at)), Some((made, _)), Some((repealed, _)), Some((before, there))) = (
            pair.this.cell(*stock_slot),
            pair.this.cell(*added),
            pair.this.cell(*removed),
            pair.previous.cell(*stock_slot),
        ) else {
            continue;
        };
        let Some(expected) = before
            .checked_add(made)
            .and_then(|sum| sum.checked_sub(repealed))
        else {
            continue;
        };
        if now == expected {
            continue;
        }
        let label = CellRef::Table2(Cow::Owned(stock.clone())).describe(pair.this.template);
        let vars: Vars = vec![
            var("cell", label),
            var("stock", now),
            var("previous_stock", before),
            var("added", made),
            var("removed", repealed),
            var("expected", expected),
            var("delta", format!("{:+}", now.saturating_sub(expected))),
            var("previous_file", pair.previous_path),
            var("previous_year", pair.previous_year),
        ];
        let message = Message::new(
            format!("{} 年报告 {stock} = {before}", pair.previous_year),
            format!("{} report: {stock} = {before}", pair.previous_year),
        );
        out.push(pair.finding(rule, None, at, &vars, there, message));
    }
}

fn reuse(
    rule: &Rule,
    index: usize,
    share: f64,
    near_identical: f64,
    pair: &Pair<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let this = pair.this.sentences(index);
    let previous = pair.previous.sentences(index);
    // Both are sorted by hash: one walk along the two (every report of the corpus is walked
    // against its previous year's, so the walk is a plain loop over positions).
    let (mut total, mut reused) = (0_u64, 0_u64);
    let mut at = 0;
    for &(hash, chars) in this {
        total += u64::from(chars);
        while at < previous.len() && previous[at].0 < hash {
            at += 1;
        }
        if at < previous.len() && previous[at].0 == hash {
            reused += u64::from(chars);
        }
    }
    if total == 0 {
        return;
    }
    let ratio = reused as f64 / total as f64;
    if ratio <= share {
        return;
    }
    let (Some(at), Some(there)) = (pair.this.anchor, pair.previous.anchor) else {
        return;
    };
    let vars: Vars = vec![
        var("share", format!("{:.0}%", ratio * 100.0)),
        var("reused", reused),
        var("total", total),
        var("previous_file", pair.previous_path),
        var("previous_year", pair.previous_year),
    ];
    let variant = (ratio > near_identical).then_some("near-identical");
    let message = Message::new(
        format!("{} 年报告", pair.previous_year),
        format!("the {} report", pair.previous_year),
    );
    out.push(pair.finding(rule, variant, at, &vars, there, message));
}

fn duplicate(
    rule: &Rule,
    this: &CrossFacts,
    other: &CrossFacts,
    other_path: &str,
    year: u16,
) -> Option<Diagnostic> {
    let (at, there) = (this.anchor?, other.anchor?);
    let organ = this.organ.as_deref().unwrap_or_default();
    let vars: Vars = vec![
        var("other_file", other_path),
        var("organ", organ),
        var("year", year),
    ];
    let message = Message::new(
        "同一机关同一年度的另一份报告",
        "the other report of this body and year",
    );
    Some(
        rule.emit(None, at, &vars)
            .with_related(RelatedLocation::new(other_path, there, message)),
    )
}

//! The region rules: a parent body's figures against the sum of its children's, for the bodies
//! `[regions]` in the configuration relates (a 区 and its 局, a 管委会 and its departments).
//!
//! Whether a parent's report aggregates its parts differs between places, so a difference is
//! information for the reviewer, never an error: the finding sits on the parent's cell and lists
//! every child's cell, so the reviewer sees at once which part to look at.

use super::store::Loaded;
use super::{CorpusFacts, CrossCheck, CrossPlan};
use crate::expr::Expr;
use crate::message::{Vars, var, var2};
use crate::resolve::{CellRef, named_cells};
use crate::rule::Rule;
use nianbao_model::template::Template;
use nianbao_model::{Diagnostic, Message, RelatedLocation, Span};

/// The cells a rule's lists name in any template it may meet, for the [`CrossPlan`].
pub(super) fn plan_cells(lists: &[Expr]) -> Vec<CellRef> {
    let mut cells = Vec::new();
    for template in [Template::V2021, Template::V2019] {
        for cell in named_cells(lists, template) {
            if !cells.contains(&cell) {
                cells.push(cell);
            }
        }
    }
    cells
}

/// Runs the region rules over every `[regions]` family of the corpus, adding `(parent file,
/// finding)` to `out`.
pub(super) fn check(
    rules: &[Rule],
    plan: &CrossPlan,
    corpus: &mut CorpusFacts,
    out: &mut Vec<(usize, Diagnostic)>,
) {
    let region_rules: Vec<(&Rule, &[Expr])> = rules
        .iter()
        .filter_map(|rule| match rule.check.cross()? {
            CrossCheck::Region { cells } => Some((rule, cells.as_slice())),
            _ => None,
        })
        .collect();
    if region_rules.is_empty() {
        return;
    }
    corpus.for_each_family(|parent, children| {
        for (at, report) in parent.iter().enumerate() {
            let Some(year) = report.facts.year else {
                continue;
            };
            // Of two reports of the parent for one year, the first stands for it.
            let earlier = parent.get(..at).unwrap_or_default();
            if earlier.iter().any(|other| other.facts.year == Some(year)) {
                continue;
            }
            let family: Option<Vec<&Loaded>> = children
                .iter()
                .map(|reports| reports.iter().find(|child| child.facts.year == Some(year)))
                .collect();
            let Some(family) = family else {
                continue;
            };
            for (rule, lists) in &region_rules {
                if !rule.applies_to(report.facts.template) {
                    continue;
                }
                for cell in named_cells(*lists, report.facts.template) {
                    if let Some(found) = compare(rule, plan, &cell, report, &family) {
                        out.push((report.file, found));
                    }
                }
            }
        }
    });
}

/// The finding on the parent's `cell` when it differs from the sum of the children's; none when
/// it holds, or when any of them lacks a number there.
fn compare(
    rule: &Rule,
    plan: &CrossPlan,
    cell: &CellRef,
    parent: &Loaded,
    children: &[&Loaded],
) -> Option<Diagnostic> {
    let slot = plan.slot(cell);
    let (value, at) = parent.facts.cell(slot)?;
    let parts: Vec<(i64, Span)> = children
        .iter()
        .map(|child| child.facts.cell(slot))
        .collect::<Option<_>>()?;
    let sum = parts
        .iter()
        .try_fold(0_i64, |total, (part, _)| total.checked_add(*part))?;
    if value == sum {
        return None;
    }
    let id = cell.id();
    let files: Vec<&str> = children.iter().map(|child| child.path.as_str()).collect();
    let vars: Vars = vec![
        var("cell", &id),
        var("cell_label", cell.describe(parent.facts.template)),
        var("parent", parent.facts.organ.as_deref().unwrap_or_default()),
        var("year", parent.facts.year.unwrap_or_default()),
        var("value", value),
        var("sum", sum),
        var("children", children.len()),
        var("delta", format!("{:+}", value.saturating_sub(sum))),
        var2(
            "child_files",
            &Message::new(files.join("、"), files.join(", ")),
        ),
    ];
    let mut finding = rule.emit(None, at, &vars);
    for (child, (part, there)) in children.iter().zip(parts) {
        let organ = child.facts.organ.as_deref().unwrap_or_default();
        let message = Message::new(
            format!("下级 {organ}：{id} = {part}"),
            format!("part {organ}: {id} = {part}"),
        );
        finding = finding.with_related(RelatedLocation::new(&child.path, there, message));
    }
    Some(finding)
}

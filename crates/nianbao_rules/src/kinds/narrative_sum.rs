//! `narrative-sum` (N016): a passage that gives a count for every group of a total, each once,
//! and the total itself must add up, whatever the table says. The counts are the numbers the
//! narrative claims read, placed in a group by the cells their first reading names.

use super::{CheckKind, KindDoc};
use crate::expr::Expr;
use crate::message::{Vars, var};
use crate::params::{LoadFailure, RuleText};
use crate::prose::ClaimedNumber;
use crate::prose::phrase::PhraseUse;
use crate::expr::cells_of;
use crate::resolve::CellRef;
use crate::rule::{Check, Ctx, ProseCheck, Rule};
use nianbao_model::template::Template;
use nianbao_model::{Diagnostic, Message, Span};
use serde::Deserialize;
use std::ops::Range;
use std::sync::OnceLock;
use toml::Spanned;

/// `[rules.narrative-sum]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// The total's cells (`R24[C7]`).
    total: Spanned<String>,
    /// The groups it is made of, disjoint (`R03[C7]`, `sum(R05..R12[C7])`, …).
    groups: Vec<Spanned<String>>,
}

#[derive(Debug)]
pub(crate) struct NarrativeSumCheck {
    total: Expr,
    groups: Vec<Expr>,
    /// The cells of the total and of each group, per Table 3 row layout (by
    /// [`layout_index`]), worked out the first time a report of that layout needs them.
    cells: [OnceLock<PassageCells>; 4],
}

/// The cells a passage's counts are placed by.
#[derive(Debug)]
struct PassageCells {
    total: Vec<CellRef>,
    groups: Vec<Vec<CellRef>>,
}

fn layout_index(rows: Template) -> usize {
    match rows {
        Template::V2021 => 0,
        Template::V2019 => 1,
        Template::Pre2019 => 2,
        Template::Unknown => 3,
    }
}

impl CheckKind for NarrativeSumCheck {
    const KEY: &'static str = "narrative-sum";
    const DOC: KindDoc = KindDoc {
        parameters: "`total`, `groups` (cells)",
        placeholders: "`stated`, `sum`, `parts`, `delta`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        vec![
            format!("- total: `{}`", params.total.get_ref()),
            format!(
                "- groups: {}",
                params
                    .groups
                    .iter()
                    .map(|group| format!("`{}`", group.get_ref()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ]
    }

    fn compile(params: Params, file: RuleText<'_>, table: Range<usize>) -> Result<Self, LoadFailure> {
        let total = file.expr(&params.total, false)?;
        let groups = params
            .groups
            .iter()
            .map(|group| file.expr(group, false))
            .collect::<Result<Vec<_>, _>>()?;
        if groups.len() < 2 {
            return Err(LoadFailure::new(
                table,
                "a narrative sum needs at least two `groups`",
            ));
        }
        Ok(Self {
            total,
            groups,
            cells: Default::default(),
        })
    }
}

impl Check for NarrativeSumCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["stated", "sum", "parts", "delta"]
    }

    fn prose(&self) -> Option<&dyn ProseCheck> {
        Some(self)
    }
}

/// A stated count with where it is written.
#[derive(Clone, Copy, Debug)]
struct Count {
    stated: i64,
    span: Span,
}

impl ProseCheck for NarrativeSumCheck {
    fn phrases(&self) -> Vec<PhraseUse> {
        Vec::new()
    }

    fn passages(
        &self,
        rule: &Rule,
        claimed: &[ClaimedNumber<'_>],
        ctx: &Ctx<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        // A finding needs the total and at least one part in one passage (there are at least
        // two groups).
        for region in claimed.chunk_by(|a, b| a.region == b.region) {
            if region.len() < 2 {
                continue;
            }
            let Some(cells) = self.cells.get(layout_index(ctx.rows)) else {
                return;
            };
            let PassageCells {
                total: total_cells,
                groups: group_cells,
            } = cells.get_or_init(|| PassageCells {
                total: cells_of(&self.total, ctx.rows).to_vec(),
                groups: self
                    .groups
                    .iter()
                    .map(|group| cells_of(group, ctx.rows).to_vec())
                    .collect(),
            });
            if let Some(finding) = passage(rule, region, total_cells, group_cells, ctx)
            {
                out.push(finding);
            }
        }
    }
}

/// Whether two lists of distinct cells name the same cells, in any order.
fn same_cells(a: &[CellRef], b: &[CellRef]) -> bool {
    a.len() == b.len() && a.iter().all(|cell| b.contains(cell))
}

/// The finding on one passage's total when its parts do not add up to it.
fn passage<'r>(
    rule: &Rule,
    region: &[ClaimedNumber<'r>],
    total_cells: &[CellRef],
    group_cells: &[Vec<CellRef>],
    ctx: &Ctx<'_>,
) -> Option<Diagnostic> {
    let mut total_claim: Option<Count> = None;
    // Per group, the claims that count it.
    let mut covered: Vec<Vec<Count>> = vec![Vec::new(); group_cells.len()];
    let mut parts: Vec<Count> = Vec::new();
    for claimed in region {
        let Some(expr) = claimed.cells else {
            continue;
        };
        let cells = cells_of(expr, ctx.rows);
        let count = Count {
            stated: claimed.stated,
            span: claimed.span,
        };
        if same_cells(cells, total_cells) {
            total_claim = total_claim.or(Some(count));
            continue;
        }
        // A part is one group or several whole groups (予以公开及部分公开); a claim on part of a
        // group (本机关不掌握, one of the 无法提供 rows) is not counted.
        let members: Vec<usize> = group_cells
            .iter()
            .enumerate()
            .filter(|(_, group)| !group.is_empty() && group.iter().all(|c| cells.contains(c)))
            .map(|(at, _)| at)
            .collect();
        let union: usize = members
            .iter()
            .filter_map(|&at| group_cells.get(at))
            .map(Vec::len)
            .sum();
        if members.is_empty() || union != cells.len() {
            continue;
        }
        for &at in &members {
            if let Some(list) = covered.get_mut(at) {
                list.push(count);
            }
        }
        parts.push(count);
    }
    // Every group counted exactly once, and a total to compare with.
    let total = total_claim?;
    if !covered.iter().all(|list| list.len() == 1) {
        return None;
    }
    let sum: i64 = parts
        .iter()
        .map(|part| part.stated)
        .fold(0, i64::saturating_add);
    if sum == total.stated {
        return None;
    }
    let listing = parts
        .iter()
        .map(|part| part.stated.to_string())
        .collect::<Vec<_>>()
        .join(" + ");
    let vars: Vars = vec![
        var("stated", total.stated),
        var("sum", sum),
        var("parts", &listing),
        var("delta", format!("{:+}", total.stated.saturating_sub(sum))),
    ];
    let mut finding = rule.emit(None, total.span, &vars);
    for part in &parts {
        let stated = part.stated;
        finding = finding.with_label(
            part.span,
            Message::new(format!("计入 {stated}"), format!("counted: {stated}")),
        );
    }
    Some(finding)
}

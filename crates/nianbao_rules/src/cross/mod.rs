//! Cross-report rules: a report against the previous year's report of the same body, the
//! corpus against itself, and a parent body against the sum of its parts (`[regions]` in the
//! configuration; [`regions`]) — `[rules.cross]` in the rule files.
//!
//! A corpus run is two passes. The per-file pass takes a [`CrossFacts`] from each report — the
//! body and year, the few cells the cross rules compare, hashes of the prose sentences — and the
//! [`CorpusFacts`] store keeps it as bytes (spilled to a temporary file in a CLI run), so memory
//! stays flat whatever the corpus size: no text, no model, no string per report is held.
//! [`RuleSet::check_corpus_facts`](crate::RuleSet::check_corpus_facts) then reads the reports
//! back one body at a time and runs the cross rules. Findings point at this year's cell and
//! carry the other report's cell as a [`RelatedLocation`] with its span in that report's text;
//! whoever shows the finding reads that file again to turn the span into line and column.

mod bodies;
mod body;
mod boilerplate;
pub(crate) mod check;
mod facts;
mod regions;
mod store;

pub(crate) use check::CrossCheck;
pub use facts::CrossFacts;
use facts::ReusePlan;
pub(crate) use facts::extract;
pub use store::{Chunk, CorpusFacts, Record, Written};

use crate::fold::fold;
use crate::resolve::CellRef;
use crate::rule::Rule;
pub(crate) use bodies::check_corpus_by_body;
use nianbao_model::Diagnostic;
use nianbao_model::template::{RowId, TABLE3_COLUMNS};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Every cell the cross rules compare, once, in a fixed order: a report's facts name a cell by
/// its position here (a `u16`) instead of carrying its id as a string, and the corpus pass looks
/// the slots up once per rule rather than formatting ids per pair of reports.
#[derive(Clone, Debug, Default)]
pub(crate) struct CrossPlan {
    cells: Vec<CellRef>,
    /// The slot of each Table 3 cell in `cells`, at `row.index() * columns + column`: the
    /// carry-over rules look up 14 cells of every report of a body, which a search of `cells`
    /// made the larger part of the corpus pass's serial end.
    table3: Vec<Option<u16>>,
    reuse: Vec<ReusePlan>,
}

impl CrossPlan {
    pub(crate) fn new(rules: &[Rule]) -> Self {
        let mut cells: Vec<CellRef> = Vec::new();
        let mut reuse = Vec::new();
        for (at, rule) in rules.iter().enumerate() {
            let Some(check) = rule.check.cross() else {
                continue;
            };
            if let (
                CrossCheck::Reuse {
                    min_chars, ignore, ..
                },
                Ok(at),
            ) = (check, u16::try_from(at))
            {
                reuse.push(ReusePlan::new(at, *min_chars, ignore));
            }
            let wanted: Vec<CellRef> = match check {
                CrossCheck::CarryOver { this, previous } => {
                    row_cells(*this).chain(row_cells(*previous)).collect()
                }
                CrossCheck::Stock { chains } => chains
                    .iter()
                    .flatten()
                    .cloned()
                    .map(|id| CellRef::Table2(Cow::Owned(id)))
                    .collect(),
                CrossCheck::Region { cells } => regions::plan_cells(cells),
                CrossCheck::Reuse { .. } | CrossCheck::Duplicate => Vec::new(),
            };
            for cell in wanted {
                if !cells.contains(&cell) {
                    cells.push(cell);
                }
            }
        }
        // Slots are u16: a rule set naming more cells than that keeps only the first ones.
        cells.truncate(usize::from(u16::MAX));
        let mut table3 = Vec::new();
        for (slot, cell) in (0..=u16::MAX).zip(&cells) {
            if let CellRef::Table3(row, col) = cell
                && let Some(at) = table3_at(*row, *col)
            {
                if table3.len() <= at {
                    table3.resize(at + 1, None);
                }
                if let Some(entry) = table3.get_mut(at) {
                    *entry = Some(slot);
                }
            }
        }
        Self {
            cells,
            table3,
            reuse,
        }
    }

    fn slot(&self, cell: &CellRef) -> Option<u16> {
        match cell {
            CellRef::Table3(row, col) if let Some(at) = table3_at(*row, *col) => {
                self.table3.get(at).copied()?
            }
            CellRef::Table2(id) => self.table2_slot(id),
            _ => {
                let at = self.cells.iter().position(|candidate| candidate == cell)?;
                u16::try_from(at).ok()
            }
        }
    }

    /// The slot of the Table 2 cell `id`, found without making a [`CellRef`] of it.
    fn table2_slot(&self, id: &str) -> Option<u16> {
        let at = self
            .cells
            .iter()
            .position(|candidate| matches!(candidate, CellRef::Table2(named) if named == id))?;
        u16::try_from(at).ok()
    }
}

/// Options of a corpus run, from the project configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusOptions {
    /// Body name → the name it stands for (`平潭县政府` → `平潭综合实验区`), compared after
    /// normalisation.
    pub aliases: BTreeMap<String, String>,
    /// Parent body → its child bodies (`平潭综合实验区` → `[平潭综合实验区教育局, …]`), for the
    /// region rules: the parent's figures against the sum of the children's. Names are compared
    /// after normalisation and `aliases`, like the grouping.
    pub regions: BTreeMap<String, Vec<String>>,
}

/// The name under which reports of one body are grouped: width-folded, without whitespace,
/// with the abbreviations and suffixes that name the same body written out the same way
/// (`管委会` = `管理委员会`, `县政府办` = `县人民政府办公室`, `三明市人民政府` = `三明市`).
pub fn body_key(organ: &str) -> String {
    let mut key = fold(organ);
    for suffix in ["管理委员会办公室", "管委会办公室", "管理委员会", "管委会"]
    {
        if let Some(stem) = key.strip_suffix(suffix) {
            if !stem.is_empty() {
                key = stem.to_owned();
                break;
            }
        }
    }
    if key.ends_with("政府办") {
        key.push_str("公室");
    }
    if let Some(stem) = key.strip_suffix("政府办公室") {
        if !stem.is_empty() && !stem.ends_with("人民") {
            key = format!("{stem}人民政府办公室");
        }
    } else if let Some(stem) = key.strip_suffix("政府") {
        // A government's own report is often titled with the place alone (`三明市2021年…` one
        // year, `三明市人民政府2022年…` the next): 政府 and 人民政府 both stand for the place.
        let place = stem.strip_suffix("人民").unwrap_or(stem);
        if !place.is_empty() {
            key.truncate(place.len());
        }
    }
    key
}

/// Where the Table 3 cell at `row`, `col` is in [`CrossPlan`]'s index of Table 3 slots.
/// `None` for a column past the table's.
fn table3_at(row: RowId, col: usize) -> Option<usize> {
    (col < TABLE3_COLUMNS.len()).then(|| row.index() * TABLE3_COLUMNS.len() + col)
}

/// The cells of a carry-over rule's row, one per column.
fn row_cells(row: RowId) -> impl Iterator<Item = CellRef> {
    (0..TABLE3_COLUMNS.len()).map(move |col| CellRef::Table3(row, col))
}

/// Runs the cross rules over the facts of a corpus, one body at a time. Returns `(file,
/// finding)` with `file` as given to [`CorpusFacts::push`], sorted by file, then position, then
/// code. Of two reports of one body and year, the first (by file number) is the one later
/// years are compared with.
pub(crate) fn check_corpus(
    rules: &[Rule],
    plan: &CrossPlan,
    corpus: &mut CorpusFacts,
) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    check_corpus_by_body(rules, plan, corpus, 1, |found| out.extend(found));
    out.sort_by(|(a, x), (b, y)| (a, x.span, &x.code).cmp(&(b, y.span, &y.code)));
    out
}

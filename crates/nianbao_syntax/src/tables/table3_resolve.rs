//! What reading Table 3's rows leaves open, settled with the whole table in view: the 2019
//! positional fallback, rows whose blank end cells allow several alignments, and glued digits
//! with several splits, decided by the column identities H02 and H03.

use super::{Reader, column_of, to_array, trim_blanks, unresolved};
use crate::cells::row_sum_holds;
use crate::diag;
use crate::labels::{self, Found};
use crate::scan;
use nianbao_model::template::{RowId, Template};
use nianbao_model::{Cell, Diagnostic, Provenance, Table3, Table3Row, Value};
use nianbao_source::Span;
use std::sync::LazyLock;

/// Table 3's rows in the order the layout prints them (2019 has 23, later years 25).
pub(super) fn rows_of(layout: Template) -> Vec<RowId> {
    match layout {
        Template::V2019 => RowId::all_2019().collect(),
        _ => RowId::all_2021().collect(),
    }
}

pub(super) fn set_row(table: &mut Table3, row: Table3Row) {
    if let Some(slot) = table.rows.get_mut(row.id.index()) {
        *slot = Some(row);
    }
}

/// A row whose cells wait for the whole table: several alignments or splits.
pub(super) struct Pending {
    pub id: RowId,
    pub label: nianbao_model::Label,
    pub region: Span,
    pub kind: PendingKind,
}

pub(super) enum PendingKind {
    Align(Vec<Vec<Cell>>),
    Split {
        candidates: Vec<Vec<Cell>>,
        rendered: Vec<String>,
        span: Span,
    },
}

/// The numbered rows (`1.`, `2.`…) under one caption of a layout.
struct CaptionRows {
    caption: &'static str,
    rows: Vec<RowId>,
}

fn caption_rows(layout: Template) -> Vec<CaptionRows> {
    let mut out: Vec<CaptionRows> = Vec::new();
    for id in rows_of(layout) {
        let template = id.template();
        let Some(caption) = template.caption else {
            continue;
        };
        if !template.numbering.ends_with('.') {
            continue;
        }
        match out.iter_mut().find(|known| known.caption == caption) {
            Some(known) => known.rows.push(id),
            None => out.push(CaptionRows {
                caption,
                rows: vec![id],
            }),
        }
    }
    out
}

/// Built once: the fallback looks at every caption of every table.
static CAPTION_ROWS_2019: LazyLock<Vec<CaptionRows>> =
    LazyLock::new(|| caption_rows(Template::V2019));
static CAPTION_ROWS_2021: LazyLock<Vec<CaptionRows>> =
    LazyLock::new(|| caption_rows(Template::V2021));

/// The numbered rows under `caption` in `layout`'s row order.
fn numbered_rows(layout: Template, caption: &str) -> &'static [RowId] {
    let all: &'static [CaptionRows] = match layout {
        Template::V2019 => &CAPTION_ROWS_2019,
        _ => &CAPTION_ROWS_2021,
    };
    all.iter()
        .find(|known| known.caption == caption)
        .map_or(&[], |known| known.rows.as_slice())
}

/// The 2019 fallback (`layouts.md` §4): a caption followed by a bare run of k × 7 values and none
/// of its k sub-labels.
pub(super) fn positional_fallback(
    reader: &mut Reader,
    table: &mut Table3,
    layout: Template,
    captions: &[(&'static str, Found)],
    next_start: &dyn Fn(usize) -> usize,
) {
    for &(caption, hit) in captions {
        let children = numbered_rows(layout, caption);
        if children.is_empty() || children.iter().any(|id| table.row(*id).is_some()) {
            continue;
        }
        let region = labels::region(reader.folded, hit.end, next_start(hit.end));
        reader.slots.clear();
        scan::slots(
            reader.source,
            region.start as usize,
            region.end as usize,
            &mut reader.slots,
        );
        let trimmed = trim_blanks(&reader.slots);
        if trimmed.len() != children.len() * 7 || trimmed.iter().any(|slot| !slot.is_value()) {
            continue;
        }
        for (chunk, &id) in trimmed.chunks(7).zip(children) {
            let cells: Vec<Cell> = chunk
                .iter()
                .map(|slot| Cell {
                    value: slot.value,
                    span: slot.span,
                    provenance: Provenance::Positional,
                })
                .collect();
            set_row(
                table,
                Table3Row {
                    id,
                    label: hit.label,
                    cells: to_array(&cells, region),
                },
            );
        }
        reader
            .diagnostics
            .push(diag::positional(hit.label.span, caption, children.len()));
    }
}

/// Picks among windows of a row with blank cells at its ends: the column the unambiguous rows
/// put their first value in, then H01; otherwise PA006.
pub(super) fn resolve_alignments(
    source: &str,
    table: &mut Table3,
    pending: &mut Vec<Pending>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !pending
        .iter()
        .any(|item| matches!(item.kind, PendingKind::Align(_)))
    {
        return;
    }
    // (label column, first value column) of every row read without doubt.
    let learned: Vec<(usize, usize)> = table
        .present_rows()
        .filter(|(_, row)| {
            row.cells
                .iter()
                .all(|cell| cell.provenance == Provenance::Exact && cell.value != Value::Missing)
        })
        .filter_map(|(_, row)| {
            let first = row.cells.first()?;
            Some((
                column_of(source, row.label.span.start),
                column_of(source, first.span.start),
            ))
        })
        .collect();
    let mut rest = Vec::new();
    for item in pending.drain(..) {
        let PendingKind::Align(windows) = &item.kind else {
            rest.push(item);
            continue;
        };
        let mut choices: Vec<&Vec<Cell>> = windows.iter().collect();
        // Rows whose label sits in the same grid column put their values in the same columns.
        let label_column = column_of(source, item.label.span.start);
        let mut columns: Vec<usize> = learned
            .iter()
            .filter(|(label, _)| *label == label_column)
            .map(|&(_, first)| first)
            .collect();
        columns.sort_unstable();
        if let Some(column) = most_common(&columns) {
            let aligned: Vec<&Vec<Cell>> = choices
                .iter()
                .copied()
                .filter(|cells| {
                    cells
                        .first()
                        .is_some_and(|cell| column_of(source, cell.span.start) == column)
                })
                .collect();
            if !aligned.is_empty() {
                choices = aligned;
            }
        }
        if choices.len() > 1 {
            let balanced: Vec<&Vec<Cell>> = choices
                .iter()
                .copied()
                .filter(|cells| row_sum_holds(cells))
                .collect();
            if !balanced.is_empty() {
                choices = balanced;
            }
        }
        match choices.as_slice() {
            [only] => set_row(
                table,
                Table3Row {
                    id: item.id,
                    label: item.label,
                    cells: to_array(only, item.region),
                },
            ),
            _ => {
                diagnostics.push(diag::ambiguous_alignment(
                    item.region,
                    item.id.name(),
                    choices.len(),
                ));
                set_row(
                    table,
                    Table3Row {
                        id: item.id,
                        label: item.label,
                        cells: unresolved(item.region),
                    },
                );
            }
        }
    }
    *pending = rest;
}

fn most_common(sorted: &[usize]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for chunk in sorted.chunk_by(|a, b| a == b) {
        if let Some(&value) = chunk.first()
            && best.is_none_or(|(_, count)| chunk.len() > count)
        {
            best = Some((value, chunk.len()));
        }
    }
    best.map(|(value, _)| value)
}

const MAX_COMBINATIONS: usize = 4096;

/// Breaks ties between splits of several rows with the column identities H02 and H03.
pub(super) fn resolve_splits(
    table: &mut Table3,
    layout: Template,
    pending: Vec<Pending>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if pending.is_empty() {
        return;
    }
    let sizes: Vec<usize> = pending
        .iter()
        .map(|item| match &item.kind {
            PendingKind::Split { candidates, .. } => candidates.len(),
            PendingKind::Align(_) => 1,
        })
        .collect();
    let total = sizes
        .iter()
        .try_fold(1usize, |acc, &size| acc.checked_mul(size.max(1)))
        .unwrap_or(usize::MAX);
    let mut surviving: Vec<Vec<usize>> = Vec::new();
    if total <= MAX_COMBINATIONS {
        let mut choice = vec![0usize; pending.len()];
        loop {
            let mut trial = table.clone();
            for (item, &pick) in pending.iter().zip(&choice) {
                if let PendingKind::Split { candidates, .. } = &item.kind
                    && let Some(cells) = candidates.get(pick)
                {
                    set_row(
                        &mut trial,
                        Table3Row {
                            id: item.id,
                            label: item.label,
                            cells: to_array(cells, item.region),
                        },
                    );
                }
            }
            if columns_hold(&trial, layout) {
                surviving.push(choice.clone());
            }
            if !advance(&mut choice, &sizes) {
                break;
            }
        }
    }
    for (index, item) in pending.into_iter().enumerate() {
        let PendingKind::Split {
            candidates,
            rendered,
            span,
        } = item.kind
        else {
            continue;
        };
        let picks: Vec<usize> = surviving
            .iter()
            .filter_map(|choice| choice.get(index).copied())
            .collect();
        let decided = picks
            .first()
            .filter(|&&first| picks.iter().all(|&pick| pick == first))
            .copied();
        match decided.and_then(|pick| candidates.get(pick)) {
            Some(cells) => {
                set_row(
                    table,
                    Table3Row {
                        id: item.id,
                        label: item.label,
                        cells: to_array(cells, item.region),
                    },
                );
            }
            None => {
                diagnostics.push(diag::ambiguous_split(span, item.id.name(), &rendered));
                set_row(
                    table,
                    Table3Row {
                        id: item.id,
                        label: item.label,
                        cells: unresolved(span),
                    },
                );
            }
        }
    }
}

fn advance(choice: &mut [usize], sizes: &[usize]) -> bool {
    for (pick, &size) in choice.iter_mut().zip(sizes) {
        *pick += 1;
        if *pick < size {
            return true;
        }
        *pick = 0;
    }
    false
}

/// H02 and H03 on every column, reading non-numbers as 0; false when neither can be checked.
/// Sums are taken in i128: printed numbers can be as large as i64 allows.
fn columns_hold(table: &Table3, layout: Template) -> bool {
    let value = |id: Option<RowId>, column: usize| {
        id.and_then(|id| table.cell(id, column))
            .and_then(|cell| cell.value.as_integer())
            .map_or(0, i128::from)
    };
    let present = |number: u8| RowId::new(number).is_some_and(|id| table.row(id).is_some());
    let h02 = present(1) && present(2) && present(24) && present(25);
    let h03 = present(24);
    if !h02 && !h03 {
        return false;
    }
    (0..7).all(|column| {
        let balance = !h02
            || value(RowId::new(1), column) + value(RowId::new(2), column)
                == value(RowId::new(24), column) + value(RowId::new(25), column);
        let outcome = !h03
            || nianbao_model::template::outcome_rows(layout)
                .map(|id| value(Some(id), column))
                .sum::<i128>()
                == value(RowId::new(24), column);
        balance && outcome
    })
}

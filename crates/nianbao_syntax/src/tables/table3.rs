//! Table 3, 收到和处理政府信息公开申请情况: 25 rows (23 in 2019) of seven cells, captions, the 2019
//! positional fallback, and ties broken by the column identities.

use super::sides::{RowLabel, read_rows};
use super::table4::T4_ANCHOR;
use super::{Reader, column_of, missing, region_of, to_array, trim_blanks, unresolved};
use crate::cells::{Assembly, row_sum_holds};
use crate::diag::{self, SplitRow};
use crate::labels::{self, Found, LabelForm};
use crate::scan;
use nianbao_model::template::{RowId, TABLE3_ROWS, Template};
use nianbao_model::{Cell, Diagnostic, Provenance, Table3, Table3Row, Value};
use nianbao_source::Span;
use std::sync::LazyLock;

/// Splits `三、本年度办理结果` into numbering and label.
fn caption_form(caption: &'static str) -> LabelForm {
    let cut = caption
        .char_indices()
        .find(|&(_, c)| c == '、' || c == '）')
        .map_or(0, |(at, c)| at + c.len_utf8());
    LabelForm::new(
        caption.get(..cut).unwrap_or(""),
        caption.get(cut..).unwrap_or(caption),
    )
}

struct Table3Forms {
    rows: Vec<LabelForm>,
    /// Captions in template order, with the index of their first child row slot.
    captions: Vec<(LabelForm, &'static str)>,
    note: crate::fold::Needle,
}

static T3: LazyLock<Table3Forms> = LazyLock::new(|| {
    let rows = TABLE3_ROWS
        .iter()
        .map(|row| LabelForm::new(row.numbering, row.label))
        .collect();
    let mut captions: Vec<(LabelForm, &'static str)> = Vec::new();
    for row in &TABLE3_ROWS {
        if let Some(caption) = row.caption
            && !captions.iter().any(|(_, known)| *known == caption)
        {
            captions.push((caption_form(caption), caption));
        }
    }
    Table3Forms {
        rows,
        captions,
        note: crate::fold::Needle::new("本列数据的勾稽关系"),
    }
});

/// Folded text that anchors Table 3 (its note or its first row label).
pub(crate) fn table3_anchor(reader: &Reader, from: usize, to: usize) -> Option<usize> {
    let note = reader.folded.find(&T3.note, from, to);
    // The first rows and the 三、本年度办理结果 caption are specific enough to anchor the table
    // when its note and first label were lost.
    let labels = T3
        .rows
        .iter()
        .take(2)
        .chain(T3.captions.first().map(|(form, _)| form))
        .filter_map(|form| reader.find(form, from, to))
        .map(|found| found.start);
    note.into_iter().chain(labels).min()
}

fn rows_of(layout: Template) -> Vec<RowId> {
    match layout {
        Template::V2019 => RowId::all_2019().collect(),
        _ => RowId::all_2021().collect(),
    }
}

fn form(id: RowId) -> Option<&'static LabelForm> {
    T3.rows.get(id.index())
}

/// An item found in a table: a row label or a caption.
#[derive(Clone, Copy)]
struct Item {
    start: usize,
    end: usize,
}

/// What Table 3 reading produced, beyond the table.
pub(crate) struct Table3Read {
    pub table: Table3,
    pub layout: Template,
    /// Folded end of the last thing read.
    pub end: usize,
    /// The R21/R22 labels (2021 evidence) and the 2019 （六）其他处理 row (2019 evidence).
    pub evidence: Vec<(Template, &'static str, Span)>,
}

/// How reading Table 3 went.
pub(crate) enum Table3Outcome {
    Read(Box<Table3Read>),
    /// The labels and the numbers are printed in separate blocks (a column-by-column text
    /// export): nothing is placed on a row. `span` is the table's text, `end` its folded end,
    /// `layout` the template its labels show.
    NotRowOrder {
        span: Span,
        end: usize,
        layout: Template,
    },
    /// No row label was found.
    Absent,
}

/// Reads Table 3 from folded `[from, to)`.
pub(crate) fn table3(reader: &mut Reader, from: usize, to: usize) -> Table3Outcome {
    read_table3(reader, from, to)
}

/// Whether the labels found are printed out of the template's order: a label not found at its
/// place occurs before a later row's label or after an earlier one's. Row by row, the cursor
/// search finds them in order; a text exported column by column lists the labels where the
/// layout put them.
fn labels_out_of_order(
    reader: &Reader,
    order: &[RowId],
    found: &[Option<Found>],
    from: usize,
    to: usize,
) -> bool {
    order.iter().enumerate().any(|(index, &id)| {
        if found.get(index).is_some_and(Option::is_some) {
            return false;
        }
        let Some(elsewhere) = form(id).and_then(|f| reader.find(f, from, to)) else {
            return false;
        };
        found.iter().enumerate().any(|(other, hit)| {
            hit.is_some_and(|hit| {
                (other < index && hit.start > elsewhere.start)
                    || (other > index && hit.start < elsewhere.start)
            })
        })
    })
}

/// Whether the rows read show the labels in one block and the numbers in another: three row
/// labels in a row with nothing between them, and a gap holding the numbers of two rows or more.
fn numbers_in_a_block(readings: &[(Span, Assembly)], n: usize) -> bool {
    let mut empty_run = 0;
    let mut labels_block = false;
    let mut numbers_block = false;
    for (_, assembly) in readings {
        match assembly {
            Assembly::WrongCount { found: 0, .. } => {
                empty_run += 1;
                labels_block |= empty_run >= 3;
            }
            Assembly::WrongCount { found, .. } => {
                empty_run = 0;
                numbers_block |= *found >= 2 * n;
            }
            _ => empty_run = 0,
        }
    }
    labels_block && numbers_block
}

fn read_table3(reader: &mut Reader, from: usize, to: usize) -> Table3Outcome {
    let r21 = RowId::new(21)
        .and_then(form)
        .and_then(|f| reader.find(f, from, to));
    let r22 = RowId::new(22)
        .and_then(form)
        .and_then(|f| reader.find(f, from, to));
    let single_other = form(RowId::R21_23).and_then(|f| reader.find(f, from, to));
    let layout = if r21.is_none() && r22.is_none() && single_other.is_some() {
        Template::V2019
    } else {
        Template::V2021
    };
    let order = rows_of(layout);
    let mut found: Vec<Option<Found>> = vec![None; order.len()];
    let mut cursor = from;
    for (slot, &id) in found.iter_mut().zip(&order) {
        if let Some(hit) = form(id).and_then(|f| reader.find(f, cursor, to)) {
            cursor = hit.end;
            *slot = Some(hit);
        }
    }
    // Near misses between the neighbours that were found.
    for index in 0..order.len() {
        if found.get(index).is_some_and(Option::is_some) {
            continue;
        }
        let (low, high) = labels::gap(&found, index, from, to);
        let variant = order
            .get(index)
            .copied()
            .and_then(form)
            .and_then(|f| labels::find_variant(reader.folded, f, low, high));
        if let (Some(variant), Some(slot)) = (variant, found.get_mut(index)) {
            *slot = Some(variant);
        }
    }
    if found.iter().all(Option::is_none) {
        return Table3Outcome::Absent;
    }
    let not_row_order = |end: usize| Table3Outcome::NotRowOrder {
        span: reader.folded.span(from, end),
        end,
        layout,
    };
    if labels_out_of_order(reader, &order, &found, from, to) {
        return not_row_order(to);
    }
    // Table 4 follows; when its heading was lost, its anchor ends Table 3.
    let last_label = found.iter().flatten().map(|f| f.end).max().unwrap_or(from);
    let to = reader.folded.find(&T4_ANCHOR, last_label, to).unwrap_or(to);
    // Captions, each searched between the rows around its first child.
    let mut items: Vec<Item> = found
        .iter()
        .flatten()
        .map(|f| Item {
            start: f.start,
            end: f.end,
        })
        .collect();
    let mut caption_hits: Vec<(&'static str, Found)> = Vec::new();
    for (caption_form, caption) in &T3.captions {
        let Some(first_child) = order
            .iter()
            .position(|id| id.template().caption == Some(caption))
        else {
            continue;
        };
        let low = found
            .get(..first_child)
            .and_then(|before| before.iter().rev().flatten().next())
            .map_or(from, |f| f.end);
        let high = found
            .get(first_child..)
            .and_then(|after| after.iter().flatten().next())
            .map_or(to, |f| f.start);
        if let Some(hit) = reader.find(caption_form, low, high) {
            items.push(Item {
                start: hit.start,
                end: hit.end,
            });
            caption_hits.push((caption, hit));
        }
    }
    items.sort_by_key(|item| item.start);
    let next_start = |end: usize| {
        items
            .iter()
            .find(|item| item.start >= end)
            .map_or(to, |item| item.start)
    };

    let first_start = items.first().map_or(from, |item| item.start);
    let mut table = Table3::new(
        reader
            .folded
            .span(from.min(first_start), from.min(first_start)),
    );
    let mut pending: Vec<Pending> = Vec::new();
    let mut splits: Vec<SplitRow> = Vec::new();
    let rows: Vec<(RowId, Found)> = order
        .iter()
        .zip(&found)
        .filter_map(|(&id, hit)| hit.map(|hit| (id, hit)))
        .collect();
    let labels: Vec<RowLabel> = rows
        .iter()
        .map(|&(_, hit)| RowLabel { hit, cells: 7 })
        .collect();
    let bounds: Vec<(usize, usize)> = items.iter().map(|item| (item.start, item.end)).collect();
    let readings = read_rows(reader, &labels, &bounds, (from, to), 7);
    if numbers_in_a_block(&readings, 7) {
        return not_row_order(to);
    }
    for (&(id, hit), (region, assembly)) in rows.iter().zip(readings) {
        let row = |cells: [Cell; 7]| Table3Row {
            id,
            label: hit.label,
            cells,
        };
        match assembly {
            Assembly::Cells { cells, split } => {
                if let Some(split) = split {
                    splits.push(SplitRow {
                        span: region_of(&cells, region),
                        row: id.name(),
                        split,
                        chosen_from: None,
                    });
                }
                set_row(&mut table, row(to_array(&cells, region)));
            }
            Assembly::Alignments(windows) => pending.push(Pending {
                id,
                label: hit.label,
                region,
                kind: PendingKind::Align(windows),
            }),
            Assembly::Splits {
                candidates,
                rendered,
                span,
            } => {
                pending.push(Pending {
                    id,
                    label: hit.label,
                    region,
                    kind: PendingKind::Split {
                        candidates,
                        rendered,
                        span,
                    },
                });
            }
            Assembly::Unsplittable { span, too_many } => {
                reader
                    .diagnostics
                    .push(diag::unsplittable(span, id.name(), too_many, 7));
                set_row(&mut table, row(unresolved(span)));
            }
            Assembly::WrongCount {
                found: count,
                span,
                merge,
            } => {
                reader
                    .diagnostics
                    .push(diag::wrong_count(span, id.name(), count, 7, merge));
                set_row(&mut table, row(missing(span)));
            }
        }
    }
    positional_fallback(reader, &mut table, layout, &caption_hits, &next_start);
    resolve_alignments(
        reader.source,
        &mut table,
        &mut pending,
        &mut reader.diagnostics,
    );
    resolve_splits(
        &mut table,
        layout,
        pending,
        &mut splits,
        &mut reader.diagnostics,
    );
    reader.diagnostics.extend(diag::digits_split(3, splits));

    // The table ends with its last printed cell or label, not with the blank lines after it.
    let printed_end = table
        .present_rows()
        .flat_map(|(_, row)| {
            row.cells
                .iter()
                .map(|cell| cell.span.end)
                .chain([row.label.span.end])
        })
        .max()
        .unwrap_or(table.span.start);
    let last_end = reader.folded.at_source(printed_end).max(from);
    // Rows still absent.
    for (index, &id) in order.iter().enumerate() {
        if table.row(id).is_some() {
            continue;
        }
        let at = order
            .get(index + 1..)
            .and_then(|after| after.iter().find_map(|next| table.row(*next)))
            .map_or(
                Span::new(
                    reader.folded.source_start(last_end),
                    reader.folded.source_start(last_end),
                ),
                |row| row.label.span,
            );
        reader.diagnostics.push(diag::row_missing(at, id));
    }
    table.span = Span::new(table.span.start, printed_end.max(table.span.start));
    let mut evidence = Vec::new();
    if layout == Template::V2021 {
        for (hit, label) in [
            (
                r21,
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ),
            (
                r22,
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
        ] {
            if let Some(hit) = hit {
                evidence.push((Template::V2021, label, hit.label.span));
            }
        }
    } else if let Some(row) = table.row(RowId::R21_23)
        && row
            .cells
            .iter()
            .any(|cell| cell.value.as_integer().is_some())
    {
        evidence.push((
            Template::V2019,
            crate::detect::SINGLE_OTHER_ROW,
            row.label.span,
        ));
    }
    Table3Outcome::Read(Box::new(Table3Read {
        table,
        layout,
        end: last_end,
        evidence,
    }))
}

fn set_row(table: &mut Table3, row: Table3Row) {
    if let Some(slot) = table.rows.get_mut(row.id.index()) {
        *slot = Some(row);
    }
}

struct Pending {
    id: RowId,
    label: nianbao_model::Label,
    region: Span,
    kind: PendingKind,
}

enum PendingKind {
    Align(Vec<Vec<Cell>>),
    Split {
        candidates: Vec<Vec<Cell>>,
        rendered: Vec<String>,
        span: Span,
    },
}

/// The 2019 fallback (`layouts.md` §4): a caption followed by a bare run of k × 7 values and none
/// of its k sub-labels.
fn positional_fallback(
    reader: &mut Reader,
    table: &mut Table3,
    layout: Template,
    captions: &[(&'static str, Found)],
    next_start: &dyn Fn(usize) -> usize,
) {
    for &(caption, hit) in captions {
        let children: Vec<RowId> = rows_of(layout)
            .into_iter()
            .filter(|id| {
                id.template().caption == Some(caption) && id.template().numbering.ends_with('.')
            })
            .collect();
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
        for (chunk, &id) in trimmed.chunks(7).zip(&children) {
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
fn resolve_alignments(
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
fn resolve_splits(
    table: &mut Table3,
    layout: Template,
    pending: Vec<Pending>,
    splits: &mut Vec<SplitRow>,
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
        match decided.and_then(|pick| candidates.get(pick).map(|cells| (pick, cells))) {
            Some((pick, cells)) => {
                splits.push(SplitRow {
                    span,
                    row: item.id.name(),
                    split: rendered.get(pick).cloned().unwrap_or_default(),
                    chosen_from: Some(rendered.len()),
                });
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

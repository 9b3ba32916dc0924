//! Table 3, 收到和处理政府信息公开申请情况: 25 rows (23 in 2019) of seven cells found by their
//! labels, the captions between them, and a table printed column by column told apart from one
//! printed row by row. What is left open after reading the rows is settled in `table3_resolve`.

use super::sides::{RowLabel, numbers_in_a_block, read_rows};
use super::table3_resolve::{
    Pending, PendingKind, positional_fallback, resolve_alignments, resolve_splits, rows_of, set_row,
};
use super::table4::T4_ANCHOR;
use super::{Item, Reader, Searched, missing, to_array, unresolved};
use crate::cells::Assembly;
use crate::diag;
use crate::labels::{self, Found, LabelForm};
use nianbao_model::template::{RowId, TABLE3_ROWS, Template};
use nianbao_model::{Cell, Table3, Table3Row};
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

/// Where Table 3 starts (its note or its first row label), with the label searches that found
/// it: reading the table would search the same labels again.
pub(crate) struct Table3Anchor {
    pub start: usize,
    /// Rows 1 and 2, and the first caption.
    rows: [Searched; 2],
    caption: Searched,
}

/// Folded text that anchors Table 3 in `[from, to)`.
pub(crate) fn table3_anchor(reader: &Reader, from: usize, to: usize) -> Option<Table3Anchor> {
    let note = reader.folded.find(&T3.note, from, to);
    // The first rows and the 三、本年度办理结果 caption are specific enough to anchor the table
    // when its note and first label were lost.
    let search = |form: Option<&LabelForm>| Searched {
        hit: form.and_then(|form| reader.find(form, from, to)),
    };
    let rows = [search(T3.rows.first()), search(T3.rows.get(1))];
    let caption = search(T3.captions.first().map(|(form, _)| form));
    let labels = rows
        .iter()
        .chain([&caption])
        .filter_map(|searched| searched.hit);
    let start = note
        .into_iter()
        .chain(labels.map(|found| found.start))
        .min()?;
    Some(Table3Anchor {
        start,
        rows,
        caption,
    })
}

fn form(id: RowId) -> Option<&'static LabelForm> {
    T3.rows.get(id.index())
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

/// Reads Table 3 from its anchor to folded `to` (no further than the end of the range the
/// anchor was searched in).
pub(crate) fn table3(reader: &mut Reader, anchor: &Table3Anchor, to: usize) -> Table3Outcome {
    read_table3(reader, anchor, to)
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

fn read_table3(reader: &mut Reader, anchor: &Table3Anchor, to: usize) -> Table3Outcome {
    let from = anchor.start;
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
    // Rows searched already, over ranges that hold `[cursor, to)`: the anchor's from its search
    // start to the text end, the layout's over the whole table.
    let searched = [
        (RowId::new(1), anchor.rows[0]),
        (RowId::new(2), anchor.rows[1]),
        (RowId::new(21), Searched { hit: r21 }),
        (RowId::new(22), Searched { hit: r22 }),
        (Some(RowId::R21_23), Searched { hit: single_other }),
    ];
    let mut cursor = from;
    for (slot, &id) in found.iter_mut().zip(&order) {
        let known = searched
            .iter()
            .find(|(searched_id, _)| *searched_id == Some(id))
            .and_then(|(_, searched)| searched.within(cursor, to));
        let hit = match known {
            Some(hit) => hit,
            None => form(id).and_then(|f| reader.find(f, cursor, to)),
        };
        if let Some(hit) = hit {
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
    // Folded `(start, end)` of every row label and caption found, in document order.
    let mut items: Vec<Item> = Vec::with_capacity(found.len() + T3.captions.len());
    items.extend(found.iter().flatten().map(Item::of));
    let mut caption_hits: Vec<(&'static str, Found)> = Vec::with_capacity(T3.captions.len());
    for (index, (caption_form, caption)) in T3.captions.iter().enumerate() {
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
        // The anchor searched the first caption from before the table to the text end.
        let known = (index == 0)
            .then(|| anchor.caption.within(low, high))
            .flatten();
        let hit = match known {
            Some(hit) => hit,
            None => reader.find(caption_form, low, high),
        };
        if let Some(hit) = hit {
            // The row labels are in document order: a caption goes in its place (sorting the
            // whole list every table cost more than the few moves).
            let item = Item::of(&hit);
            items.insert(items.partition_point(|other| *other < item), item);
            caption_hits.push((caption, hit));
        }
    }
    if !items.is_sorted() {
        items.sort_unstable();
    }
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
    // Sized up front: a collected filter starts small and regrows (a copy each time).
    let mut rows: Vec<(RowId, Found)> = Vec::with_capacity(found.len());
    rows.extend(
        order
            .iter()
            .zip(&found)
            .filter_map(|(&id, hit)| hit.map(|hit| (id, hit))),
    );
    let labels: Vec<RowLabel> = rows
        .iter()
        .map(|&(_, hit)| RowLabel { hit, cells: 7 })
        .collect();
    let readings = read_rows(reader, &labels, &items, (from, to), 7);
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
            Assembly::Cells(stored) => {
                set_row(&mut table, row(to_array(stored.of(&reader.cells), region)))
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
    resolve_splits(&mut table, layout, pending, &mut reader.diagnostics);

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

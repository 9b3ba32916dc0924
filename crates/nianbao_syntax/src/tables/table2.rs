//! Table 2, 主动公开政府信息情况, in the 2021 or the 2019 layout, and the S21/S19 signals it carries.

use super::sides::{RowLabel, read_rows};
use super::{Item, Reader, Searched, column_of};
use crate::cells::Assembly;
use crate::diag;
use crate::labels::{self, Found, LabelForm};
use nianbao_model::template::{Template, table2_rows};
use nianbao_model::{Cell, Provenance, Table2, Table2Header, Table2RowData, Value};
use nianbao_source::Span;
use std::sync::LazyLock;

#[derive(Clone, Copy)]
enum T2Kind {
    Caption,
    Header { row: usize, column: usize },
    Row(usize),
}

struct T2Item {
    form: LabelForm,
    kind: T2Kind,
    /// Its place in [`SIGNALS`] when it is a signal label: searched already over the table.
    signal: Option<usize>,
}

fn signal_index(label: &str) -> Option<usize> {
    S21_LABELS
        .iter()
        .chain(&S19_LABELS)
        .position(|signal| *signal == label)
}

fn table2_items(layout: Template) -> Vec<T2Item> {
    let mut items = Vec::new();
    let mut previous: Option<(&str, &[&str])> = None;
    for (index, row) in table2_rows(layout).iter().enumerate() {
        if previous.is_none_or(|(caption, _)| caption != row.caption) {
            items.push(T2Item {
                form: LabelForm::new("", row.caption),
                kind: T2Kind::Caption,
                signal: signal_index(row.caption),
            });
            items.push(T2Item {
                form: LabelForm::new("", "信息内容"),
                kind: T2Kind::Caption,
                signal: None,
            });
        }
        if previous
            .is_none_or(|(caption, columns)| caption != row.caption || columns != row.columns)
        {
            for (column, header) in row.columns.iter().enumerate() {
                items.push(T2Item {
                    form: LabelForm::new("", header),
                    kind: T2Kind::Header { row: index, column },
                    signal: signal_index(header),
                });
            }
        }
        items.push(T2Item {
            form: LabelForm::new("", row.label),
            kind: T2Kind::Row(index),
            signal: signal_index(row.label),
        });
        previous = Some((row.caption, row.columns));
    }
    items
}

static T2_2021: LazyLock<Vec<T2Item>> = LazyLock::new(|| table2_items(Template::V2021));
static T2_2019: LazyLock<Vec<T2Item>> = LazyLock::new(|| table2_items(Template::V2019));

static T2_ANCHOR: LazyLock<crate::fold::Needle> =
    LazyLock::new(|| crate::fold::Needle::new("第二十条第"));

/// Folded start of Table 2: its first `第二十条第（…）项` caption.
pub(crate) fn table2_anchor(reader: &Reader, from: usize, to: usize) -> Option<usize> {
    reader.folded.find(&T2_ANCHOR, from, to)
}

/// Labels that only one Table 2 layout prints (`versions.md` §3, S21 and S19).
pub(crate) const S21_LABELS: [&str; 4] = [
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额（单位：万元）",
];
pub(crate) const S19_LABELS: [&str; 10] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "政府集中采购",
    "采购项目数量",
    "采购总金额",
];

static SIGNALS: LazyLock<Vec<(Template, &'static str, LabelForm)>> = LazyLock::new(|| {
    S21_LABELS
        .iter()
        .map(|label| (Template::V2021, *label))
        .chain(S19_LABELS.iter().map(|label| (Template::V2019, *label)))
        .map(|(template, label)| (template, label, LabelForm::new("", label)))
        .collect()
});

/// The S21/S19 labels searched over Table 2's range, in [`SIGNALS`] order: Table 2 is read over
/// the same range and searches some of them again.
pub(crate) struct Table2Signals {
    searched: Vec<Searched>,
}

impl Table2Signals {
    /// The labels printed, with their template.
    pub fn printed(&self) -> Vec<(Template, &'static str, Span)> {
        let mut printed = Vec::with_capacity(SIGNALS.len());
        printed.extend(SIGNALS.iter().zip(&self.searched).filter_map(
            |((template, label, _), searched)| {
                searched.hit.map(|hit| (*template, *label, hit.label.span))
            },
        ));
        printed
    }
}

/// Searches the S21/S19 labels in folded `[from, to)`.
pub(crate) fn table2_signals(reader: &Reader, from: usize, to: usize) -> Table2Signals {
    let mut searched = Vec::with_capacity(SIGNALS.len());
    searched.extend(SIGNALS.iter().map(|(_, _, form)| Searched {
        hit: reader.find(form, from, to),
    }));
    Table2Signals { searched }
}

/// Reads Table 2 in the given layout from folded `[from, to)`, the range `signals` were searched
/// in.
pub(crate) fn table2(
    reader: &mut Reader,
    layout: Template,
    signals: &Table2Signals,
    from: usize,
    to: usize,
) -> Option<Table2> {
    let items: &[T2Item] = if layout == Template::V2019 {
        &T2_2019
    } else {
        &T2_2021
    };
    let mut found: Vec<Option<Found>> = Vec::with_capacity(items.len());
    let mut cursor = from;
    for item in items {
        let known = item
            .signal
            .and_then(|index| signals.searched.get(index))
            .and_then(|searched| searched.within(cursor, to));
        let hit = match known {
            Some(hit) => hit,
            None => reader.find(&item.form, cursor, to),
        };
        if let Some(hit) = hit {
            cursor = hit.end;
        }
        found.push(hit);
    }
    for index in 0..items.len() {
        if found.get(index).is_some_and(Option::is_some)
            || matches!(items.get(index).map(|i| &i.kind), Some(T2Kind::Caption))
        {
            continue;
        }
        let (low, high) = labels::gap(&found, index, from, to);
        let variant = items
            .get(index)
            .and_then(|item| labels::find_variant(reader.folded, &item.form, low, high));
        if let (Some(variant), Some(slot)) = (variant, found.get_mut(index)) {
            *slot = Some(variant);
        }
    }
    let mut rows = Vec::with_capacity(items.len());
    let mut headers = Vec::with_capacity(items.len());
    let mut end = from;
    let first = found.iter().flatten().map(|hit| hit.start).min()?;
    let cells_of = |index: usize| {
        table2_rows(layout)
            .get(index)
            .map_or(1, |row| row.cell_ids.len())
    };
    // Sized up front: a collected filter starts small and regrows (a copy each time).
    let mut row_labels: Vec<RowLabel> = Vec::with_capacity(items.len());
    row_labels.extend(
        items
            .iter()
            .zip(&found)
            .filter_map(|(item, hit)| match (item.kind, hit) {
                (T2Kind::Row(index), Some(hit)) => Some(RowLabel {
                    hit: *hit,
                    cells: cells_of(index),
                }),
                _ => None,
            }),
    );
    let mut bounds: Vec<Item> = Vec::with_capacity(found.len());
    bounds.extend(found.iter().flatten().map(Item::of));
    if !bounds.is_sorted() {
        bounds.sort_unstable();
    }
    let mut readings = read_rows(reader, &row_labels, &bounds, (from, to), 0).into_iter();
    for (item, hit) in items.iter().zip(&found) {
        let Some(hit) = hit else { continue };
        end = end.max(hit.end);
        match item.kind {
            T2Kind::Caption => {}
            T2Kind::Header { row, column } => headers.push(Table2Header {
                row,
                column,
                label: hit.label,
            }),
            T2Kind::Row(index) => {
                let n = cells_of(index);
                let Some((region, assembly)) = readings.next() else {
                    continue;
                };
                end = end.max(reader.folded.at_source(region_of_cells_end(
                    &assembly,
                    region,
                    &reader.cells,
                )));
                let name = table2_rows(layout).get(index).map_or("", |row| row.label);
                let cells: Vec<Cell> = match assembly {
                    Assembly::Cells(stored) => stored.of(&reader.cells).to_vec(),
                    Assembly::Alignments(windows)
                        if let Some(cells) = aligned_by_grid(
                            reader.source,
                            hit.label.span,
                            index,
                            &headers,
                            &windows,
                        ) =>
                    {
                        cells
                    }
                    Assembly::Alignments(windows) => {
                        reader.diagnostics.push(diag::ambiguous_alignment(
                            region,
                            name,
                            windows.len(),
                        ));
                        vec![
                            Cell {
                                value: Value::Unresolved,
                                span: region,
                                provenance: Provenance::Exact
                            };
                            n
                        ]
                    }
                    Assembly::Splits { rendered, span, .. } => {
                        reader
                            .diagnostics
                            .push(diag::ambiguous_split(span, name, &rendered));
                        vec![
                            Cell {
                                value: Value::Unresolved,
                                span,
                                provenance: Provenance::Exact
                            };
                            n
                        ]
                    }
                    Assembly::Unsplittable { span, too_many } => {
                        reader
                            .diagnostics
                            .push(diag::unsplittable(span, name, too_many, n));
                        vec![
                            Cell {
                                value: Value::Unresolved,
                                span,
                                provenance: Provenance::Exact
                            };
                            n
                        ]
                    }
                    Assembly::WrongCount {
                        found, span, merge, ..
                    } => {
                        reader
                            .diagnostics
                            .push(diag::wrong_count(span, name, found, n, merge));
                        vec![Cell::missing(span); n]
                    }
                };
                rows.push(Table2RowData {
                    row: index,
                    label: hit.label,
                    cells,
                });
            }
        }
    }
    if rows.is_empty() {
        return None;
    }
    let span = reader.folded.span(first, end);
    for (index, template) in table2_rows(layout).iter().enumerate() {
        if !rows.iter().any(|row| row.row == index) {
            let at = rows
                .iter()
                .find(|row| row.row > index)
                .map_or(Span::new(span.end, span.end), |row| row.label.span);
            reader
                .diagnostics
                .push(diag::table2_row_missing(at, template.label));
        }
    }
    Some(Table2 {
        span,
        layout,
        rows,
        headers,
    })
}

fn region_of_cells_end(assembly: &Assembly, region: Span, buffer: &[Cell]) -> u32 {
    match assembly {
        Assembly::Cells(stored) => stored
            .of(buffer)
            .iter()
            .map(|cell| cell.span.end)
            .max()
            .unwrap_or(region.start),
        _ => region.end,
    }
}

/// When blank cells leave several ways to place a row's values (`政府集中采购\t\t0\t`), the grid
/// decides: in a tab or pipe grid every cell keeps its column, so the one placement whose printed
/// values sit in the columns of their headers (or, without headers, in the columns right after
/// the label's) is the reading. `None` unless exactly one placement fits.
fn aligned_by_grid(
    source: &str,
    label: Span,
    row: usize,
    headers: &[Table2Header],
    windows: &[Vec<Cell>],
) -> Option<Vec<Cell>> {
    let label_column = column_of(source, label.start);
    let expected = |cell_index: usize| {
        headers
            .iter()
            .rev()
            .find(|header| header.row <= row && header.column == cell_index)
            .filter(|header| on_grid_line(source, header.label.span))
            .map_or(label_column + 1 + cell_index, |header| {
                column_of(source, header.label.span.start)
            })
    };
    let fits = |cells: &Vec<Cell>| {
        let mut printed = 0;
        for (index, cell) in cells.iter().enumerate() {
            if cell.value == Value::Blank {
                continue;
            }
            // Columns are counted per line: a value on another line than its label says nothing.
            let same_line = source
                .get(label.start as usize..cell.span.start as usize)
                .is_some_and(|between| !between.contains('\n'));
            if !same_line || column_of(source, cell.span.start) != expected(index) {
                return false;
            }
            printed += 1;
        }
        printed > 0
    };
    let mut fitting = windows.iter().filter(|cells| fits(cells));
    let only = fitting.next()?;
    fitting.next().is_none().then(|| only.clone())
}

/// Whether the text at `span` sits on a line that has tab or pipe separators.
fn on_grid_line(source: &str, span: Span) -> bool {
    let start = source
        .get(..span.start as usize)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |at| at + 1);
    let end = source
        .get(span.start as usize..)
        .and_then(|after| after.find('\n'))
        .map_or(source.len(), |at| span.start as usize + at);
    source
        .get(start..end)
        .is_some_and(|line| line.contains(['\t', '|']))
}

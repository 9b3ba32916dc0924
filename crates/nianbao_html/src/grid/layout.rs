//! A collected table laid out as tab-grid lines within the cell budget: rows placed around the
//! columns merged cells of rows above still cover, each row paid for by its width.

use super::{CellBudget, Collected, DOCUMENT_CELLS, GridCell, GridRow};
use crate::map::{PushChar, Writer};
use crate::warning::{ReadWarning, Warning};
use nianbao_source::Span;

/// Which columns merged cells of rows above cover, per column: the row index each is covered
/// up to (exclusive). Only as long as the widest row written, trailing uncovered columns
/// dropped, so its length is the width rows above still reach.
#[derive(Default)]
struct Coverage {
    until: Vec<u32>,
}

impl Coverage {
    fn covers(&self, column: usize, row: u32) -> bool {
        self.until.get(column).is_some_and(|&until| until > row)
    }

    /// The width covered cells reach on `row`.
    fn width(&mut self, row: u32) -> usize {
        while self.until.last().is_some_and(|&until| until <= row) {
            self.until.pop();
        }
        self.until.len()
    }

    fn cover(&mut self, columns: std::ops::Range<usize>, until: u32) {
        if self.until.len() < columns.end {
            self.until.resize(columns.end, 0);
        }
        for slot in self.until.get_mut(columns).into_iter().flatten() {
            *slot = (*slot).max(until);
        }
    }
}

/// Where each cell of a row starts, or `None` when the row would be wider than `limit` slots.
fn place(cells: &[GridCell], coverage: &Coverage, row: u32, limit: usize) -> Option<Vec<usize>> {
    let mut starts = Vec::with_capacity(cells.len());
    let mut column = 0usize;
    for cell in cells {
        while coverage.covers(column, row) {
            column += 1;
        }
        starts.push(column);
        column = column.saturating_add(cell.colspan);
        if column > limit {
            return None;
        }
    }
    Some(starts)
}

/// Writes the collected table as tab-grid lines, as many as the budget pays for; rows cut here
/// or dropped while collecting are said in one warning, at the first row not written.
pub(super) fn write_table(
    table: &Collected,
    out: &mut Writer,
    end: usize,
    budget: &mut CellBudget,
    warnings: &mut Vec<ReadWarning>,
) {
    if budget.spent {
        return;
    }
    let rows = &table.rows;
    let all_rows = rows.len() + table.dropped;
    let limit = budget.table.min(budget.document_left);
    let mut spent = 0usize;
    let mut coverage = Coverage::default();
    let mut cut: Option<(usize, Warning)> = None;
    for (index, row) in rows.iter().enumerate() {
        let number = u32::try_from(index).unwrap_or(u32::MAX);
        let left = limit - spent;
        let placed = place(&row.cells, &coverage, number, left);
        let covered_width = coverage.width(number);
        let width = placed
            .as_ref()
            .map(|starts| {
                let cells_end = starts
                    .last()
                    .zip(row.cells.last())
                    .map_or(0, |(start, cell)| start + cell.colspan);
                cells_end.max(covered_width)
            })
            .filter(|&width| width <= left);
        let (Some(starts), Some(width)) = (placed, width) else {
            let warning = if limit < budget.table {
                budget.spent = true;
                Warning::TablesTooLarge {
                    limit: DOCUMENT_CELLS,
                }
            } else {
                Warning::TableTooLarge {
                    limit: budget.table,
                    rows_read: index,
                    rows: all_rows,
                }
            };
            cut = Some((row.at, warning));
            break;
        };
        spent += width;
        out.line_break(row.at);
        write_row(out, row, &starts, width);
        for (&start, cell) in starts.iter().zip(&row.cells) {
            if cell.rowspan > 1 {
                let until = number.saturating_add(u32::try_from(cell.rowspan).unwrap_or(0));
                coverage.cover(start..start + cell.colspan, until);
            }
        }
    }
    let cut = cut.or_else(|| {
        table.first_dropped_at.map(|at| {
            let warning = Warning::TableTooLarge {
                limit: budget.table,
                rows_read: rows.len(),
                rows: all_rows,
            };
            (at, warning)
        })
    });
    if let Some((at, warning)) = cut {
        // An empty line of its own, pointing at the row not read, is where the warning is.
        out.line_break(at);
        let start = out.text.len();
        out.push_synthetic("\n", at);
        warnings.push(ReadWarning {
            span: Span::from_range(start..start + 1),
            warning,
        });
    }
    budget.document_left -= spent;
    out.line_break(end);
}

/// One row's `width` slots, each cell's text at its start, TABs between.
fn write_row(out: &mut Writer, row: &GridRow, starts: &[usize], width: usize) {
    let mut next = starts.iter().zip(&row.cells).peekable();
    let mut tab_at = row.at;
    for slot in 0..width {
        let cell = next
            .next_if(|(start, _)| **start == slot)
            .map(|(_, cell)| cell);
        if let Some(cell) = cell {
            tab_at = cell.at;
        }
        if slot > 0 {
            out.push_synthetic("\t", tab_at);
        }
        if let Some(cell) = cell {
            for source in &cell.chars {
                out.push_char(source);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{MAX_COLSPAN, MAX_ROWSPAN, TABLE_CELLS};
    use super::*;
    use crate::map::SourceChar;

    fn cell(text: &str, rowspan: usize, colspan: usize) -> GridCell {
        let mut cell = GridCell::new(0, rowspan, colspan);
        cell.chars = text.chars().map(|ch| SourceChar { ch, at: 0..0 }).collect();
        cell
    }

    fn row(cells: Vec<GridCell>) -> GridRow {
        GridRow { cells, at: 0 }
    }

    fn written(rows: &[GridRow], budget: &mut CellBudget) -> (String, Vec<ReadWarning>) {
        let table = Collected {
            rows: rows
                .iter()
                .map(|row| GridRow {
                    cells: row
                        .cells
                        .iter()
                        .map(|cell| {
                            let mut copy = GridCell::new(cell.at, cell.rowspan, cell.colspan);
                            copy.chars.clone_from(&cell.chars);
                            copy
                        })
                        .collect(),
                    at: row.at,
                })
                .collect(),
            ..Collected::default()
        };
        let mut out = Writer::default();
        let mut warnings = Vec::new();
        write_table(&table, &mut out, 0, budget, &mut warnings);
        (out.finish(0).0, warnings)
    }

    #[test]
    fn rowspan_labels_leave_an_empty_slot_in_the_rows_below() {
        let rows = vec![
            row(vec![
                cell("三、", 3, 1),
                cell("（一）", 1, 2),
                cell("1", 1, 1),
            ]),
            row(vec![cell("（三）", 2, 1), cell("1.", 1, 1), cell("", 1, 1)]),
            row(vec![cell("2.", 1, 1), cell("5", 1, 1)]),
            row(vec![cell("（七）", 1, 3), cell("6", 1, 1)]),
        ];
        let (text, warnings) = written(&rows, &mut CellBudget::default());
        assert_eq!(
            text,
            "三、\t（一）\t\t1\n\t（三）\t1.\t\n\t\t2.\t5\n（七）\t\t\t6\n"
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn a_rowspan_at_the_right_edge_keeps_its_column() {
        let rows = vec![
            row(vec![cell("申请人情况", 1, 2), cell("总计", 2, 1)]),
            row(vec![cell("自然人", 1, 1), cell("法人", 1, 1)]),
        ];
        let (text, _) = written(&rows, &mut CellBudget::default());
        assert_eq!(text, "申请人情况\t\t总计\n自然人\t法人\t\n");
    }

    #[test]
    fn a_table_over_its_budget_is_cut_at_the_row_that_overdraws_it() {
        // Rows of 4 slots, a budget of 10: two rows fit.
        let rows: Vec<GridRow> = (0..5)
            .map(|_| row(vec![cell("甲", 1, 1), cell("1", 1, 3)]))
            .collect();
        let mut budget = CellBudget::new(10, 100);
        let (text, warnings) = written(&rows, &mut budget);
        assert_eq!(text, "甲\t1\t\t\n甲\t1\t\t\n\n");
        assert_eq!(
            warnings[0].warning,
            Warning::TableTooLarge {
                limit: 10,
                rows_read: 2,
                rows: 5
            }
        );
        assert_eq!(warnings[0].span, Span::new(16, 17));
        // The document's budget pays for what was written; the next table that overdraws it
        // ends the document's tables, said once.
        assert_eq!(budget.document_left, 92);
        let mut budget = CellBudget::new(10, 9);
        let (_, warnings) = written(&rows, &mut budget);
        assert!(matches!(
            warnings[0].warning,
            Warning::TablesTooLarge { .. }
        ));
        let (text, warnings) = written(&rows, &mut budget);
        assert_eq!((text.as_str(), warnings.len()), ("", 0));
        assert_eq!(budget.document_left, 1);
    }

    /// Each row costs its width, however many merged cells rows above left: the work is
    /// counted as slots written, which the budget bounds.
    #[test]
    fn tall_and_wide_merged_cells_cost_what_they_write() {
        let rows: Vec<GridRow> = (0..2_000)
            .map(|_| row(vec![cell("1", MAX_ROWSPAN, MAX_COLSPAN)]))
            .collect();
        let mut budget = CellBudget::default();
        let (text, warnings) = written(&rows, &mut budget);
        // Row n is n covered blocks and its own: 1000, 2000, … slots; 13 rows stay within
        // 100,000 (91,000 slots), the 14th would overdraw it.
        assert_eq!(text.lines().filter(|line| !line.is_empty()).count(), 13);
        assert_eq!(
            warnings[0].warning,
            Warning::TableTooLarge {
                limit: TABLE_CELLS,
                rows_read: 13,
                rows: 2_000
            }
        );
        assert_eq!(text.matches('\t').count(), 91_000 - 13);
    }
}

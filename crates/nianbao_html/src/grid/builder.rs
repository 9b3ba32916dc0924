//! A table's rows and cells collected as start and end tags arrive, an unclosed cell or row
//! closed by the next one, as HTML's implied end tags do; then laid out ([`super::layout`]).
//!
//! Each cell fills at least its `colspan` slots, so once the cells collected claim more than
//! the table's budget, no row after them can be written: from there on rows are counted (for
//! the warning), their cells and text dropped as they come. What a table holds is therefore
//! bounded by the budget, not by the file (a Word table of 600,000 merged cells once held them
//! all, with their text, before a single row was written).

use super::layout::write_table;
use super::{CellBudget, Collected, GridCell, GridRow, TABLE_CELLS};
use crate::map::Writer;
use crate::warning::ReadWarning;

/// A table as collected.
#[derive(Debug, Default)]
pub(crate) struct TableBuilder {
    collected: Collected,
    row: Option<GridRow>,
    cell: Option<GridCell>,
    /// Slots the rows kept claim at least (their cells' `colspan`s).
    claimed: usize,
    /// The current row's claim so far.
    row_claim: usize,
}

impl TableBuilder {
    fn full(&self) -> bool {
        self.collected.first_dropped_at.is_some()
    }

    pub fn start_row(&mut self, at: usize) {
        self.finish_row();
        self.row_claim = 0;
        self.row = Some(GridRow {
            cells: Vec::new(),
            at,
        });
    }

    pub fn start_cell(&mut self, cell: GridCell) {
        self.finish_cell();
        if !self.full() {
            self.cell = Some(cell);
        }
    }

    pub fn cell_mut(&mut self) -> Option<&mut GridCell> {
        self.cell.as_mut()
    }

    /// Appends an empty cell to the current row (Word's `w:gridBefore` skipped columns).
    pub fn push_empty(&mut self, at: usize) {
        self.finish_cell();
        self.keep(GridCell::new(at, 1, 1));
    }

    pub fn finish_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            self.keep(cell);
        }
    }

    /// Adds `cell` to the current row, unless the table's budget is claimed already; the row
    /// that claims past it is dropped whole.
    fn keep(&mut self, cell: GridCell) {
        if self.full() {
            return;
        }
        let row = self.row.get_or_insert_with(|| GridRow {
            cells: Vec::new(),
            at: cell.at,
        });
        self.row_claim = self.row_claim.saturating_add(cell.colspan);
        if self.claimed.saturating_add(self.row_claim) > TABLE_CELLS {
            self.collected.first_dropped_at = Some(row.at);
            self.collected.dropped += 1;
            self.row = None;
            return;
        }
        row.cells.push(cell);
    }

    pub fn finish_row(&mut self) {
        self.finish_cell();
        if let Some(row) = self.row.take() {
            if self.full() {
                self.collected.dropped += 1;
            } else {
                self.claimed += self.row_claim;
                self.collected.rows.push(row);
            }
        }
        self.row_claim = 0;
    }

    /// Writes the table within `budget`; a table cut short, or not written at all because the
    /// document's budget is spent, is said in `warnings`.
    pub fn write(
        mut self,
        out: &mut Writer,
        end: usize,
        budget: &mut CellBudget,
        warnings: &mut Vec<ReadWarning>,
    ) {
        self.finish_row();
        write_table(&self.collected, out, end, budget, warnings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::warning::Warning;

    /// 50,000 rows of one 1000-wide cell, each with its text: the table keeps the 100 rows its
    /// budget can pay for and counts the rest, and the warning names them all.
    #[test]
    fn rows_past_the_budget_are_counted_not_kept() {
        let mut table = TableBuilder::default();
        for at in 0..50_000 {
            table.start_row(at);
            let mut cell = GridCell::new(at, 1, 1000);
            cell.chars = "12"
                .chars()
                .map(|ch| crate::map::SourceChar { ch, at: at..at })
                .collect();
            table.start_cell(cell);
            assert!(table.collected.rows.len() <= 100);
        }
        table.finish_row();
        assert_eq!(
            (table.collected.rows.len(), table.collected.dropped),
            (100, 49_900)
        );
        assert_eq!(table.collected.first_dropped_at, Some(100));
        let mut out = Writer::default();
        let mut warnings = Vec::new();
        table.write(&mut out, 0, &mut CellBudget::default(), &mut warnings);
        assert_eq!(
            warnings[0].warning,
            Warning::TableTooLarge {
                limit: TABLE_CELLS,
                rows_read: 100,
                rows: 50_000
            }
        );
        assert_eq!(out.text.matches("12").count(), 100);
    }
}

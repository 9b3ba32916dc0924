//! Tables as the grammar reads them: one row per line, one TAB between cells, merged cells
//! expanded into empty slots so that every value keeps its column.
//!
//! The grammar finds a row by its label and reads the value slots after it, using the tab grid's
//! columns to place blanks. A label merged down over several rows (`rowspan`) must therefore
//! leave an empty slot in each row below it, exactly as a Word table copied as text does;
//! otherwise the blank value cells of those rows would shift left by one.
//!
//! Expansion is where a small file becomes a large text: `<td colspan=1000>` is 17 bytes and a
//! thousand slots. Every slot written is paid from a [`CellBudget`], per table and per document,
//! and a table that would overdraw it is cut at the row that would, with a warning saying so;
//! which columns rows above still cover is kept per column, so placing a row costs its width,
//! never the number of merged cells above it.

use crate::map::{PushChar, SourceChar, Writer};
use crate::warning::{ReadWarning, Warning};
use nianbao_source::Span;

/// Limits from the HTML standard: browsers clamp `colspan` to 1000 and `rowspan` to 65534.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65_534;

/// Slots (cells after merged cells are expanded) one table may fill. The template's largest
/// table, Table 3, is about 28 rows of 10 slots; a page listing every document of a year runs
/// to a few thousand rows of a few columns.
pub const TABLE_CELLS: usize = 100_000;
/// Slots all the tables of one document may fill together: about 17 bytes of text and map each,
/// so the expanded tables of one file stay under 8 MB however the cells are merged.
pub const DOCUMENT_CELLS: usize = 400_000;

/// What the tables of one document may still fill.
#[derive(Debug)]
pub(crate) struct CellBudget {
    table: usize,
    document_left: usize,
    /// Whether the document's budget has run out (said once).
    spent: bool,
}

impl Default for CellBudget {
    fn default() -> Self {
        Self::new(TABLE_CELLS, DOCUMENT_CELLS)
    }
}

impl CellBudget {
    pub fn new(table: usize, document: usize) -> Self {
        Self {
            table,
            document_left: document,
            spent: false,
        }
    }
}

/// One cell as written in the document.
#[derive(Debug, Default)]
pub(crate) struct GridCell {
    /// The cell's visible characters, whitespace already dropped.
    pub chars: Vec<SourceChar>,
    pub rowspan: usize,
    pub colspan: usize,
    /// Original offset of the cell's start tag: where an empty cell and the TAB before it point.
    pub at: usize,
}

impl GridCell {
    pub fn new(at: usize, rowspan: usize, colspan: usize) -> Self {
        Self {
            chars: Vec::new(),
            rowspan: rowspan.clamp(1, MAX_ROWSPAN),
            colspan: colspan.clamp(1, MAX_COLSPAN),
            at,
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct GridRow {
    pub cells: Vec<GridCell>,
    /// Original offset of the row's start tag.
    pub at: usize,
}

/// Collects a table's rows and cells as start and end tags arrive; an unclosed cell or row is
/// closed by the next one, as HTML's implied end tags do.
#[derive(Debug, Default)]
pub(crate) struct TableBuilder {
    rows: Vec<GridRow>,
    row: Option<GridRow>,
    cell: Option<GridCell>,
}

impl TableBuilder {
    pub fn start_row(&mut self, at: usize) {
        self.finish_row();
        self.row = Some(GridRow {
            cells: Vec::new(),
            at,
        });
    }

    pub fn start_cell(&mut self, cell: GridCell) {
        self.finish_cell();
        self.cell = Some(cell);
    }

    pub fn cell_mut(&mut self) -> Option<&mut GridCell> {
        self.cell.as_mut()
    }

    /// Appends an empty cell to the current row (Word's `w:gridBefore` skipped columns).
    pub fn push_empty(&mut self, at: usize) {
        self.finish_cell();
        let row = self.row.get_or_insert_with(|| GridRow {
            cells: Vec::new(),
            at,
        });
        row.cells.push(GridCell::new(at, 1, 1));
    }

    pub fn finish_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            let row = self.row.get_or_insert_with(|| GridRow {
                cells: Vec::new(),
                at: cell.at,
            });
            row.cells.push(cell);
        }
    }

    pub fn finish_row(&mut self) {
        self.finish_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
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
        write_table(&self.rows, out, end, budget, warnings);
    }
}

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

/// Writes `rows` as tab-grid lines, as many as the budget pays for.
fn write_table(
    rows: &[GridRow],
    out: &mut Writer,
    end: usize,
    budget: &mut CellBudget,
    warnings: &mut Vec<ReadWarning>,
) {
    if budget.spent {
        return;
    }
    let limit = budget.table.min(budget.document_left);
    let mut spent = 0usize;
    let mut coverage = Coverage::default();
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
                    rows: rows.len(),
                }
            };
            // An empty line of its own, pointing at the row not read, is where the warning is.
            out.line_break(row.at);
            let at = out.text.len();
            out.push_synthetic("\n", row.at);
            warnings.push(ReadWarning {
                span: Span::from_range(at..at + 1),
                warning,
            });
            break;
        };
        spent += width;
        out.line_break(row.at);
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
        for (&start, cell) in starts.iter().zip(&row.cells) {
            if cell.rowspan > 1 {
                let until = number.saturating_add(u32::try_from(cell.rowspan).unwrap_or(0));
                coverage.cover(start..start + cell.colspan, until);
            }
        }
    }
    budget.document_left -= spent;
    out.line_break(end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, rowspan: usize, colspan: usize) -> GridCell {
        let mut cell = GridCell::new(0, rowspan, colspan);
        cell.chars = text.chars().map(|ch| SourceChar { ch, at: 0..0 }).collect();
        cell
    }

    fn row(cells: Vec<GridCell>) -> GridRow {
        GridRow { cells, at: 0 }
    }

    fn written(rows: &[GridRow], budget: &mut CellBudget) -> (String, Vec<ReadWarning>) {
        let mut out = Writer::default();
        let mut warnings = Vec::new();
        write_table(rows, &mut out, 0, budget, &mut warnings);
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

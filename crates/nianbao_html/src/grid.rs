//! Tables as the grammar reads them: one row per line, one TAB between cells, merged cells
//! expanded into empty slots so that every value keeps its column.
//!
//! The grammar finds a row by its label and reads the value slots after it, using the tab grid's
//! columns to place blanks. A label merged down over several rows (`rowspan`) must therefore
//! leave an empty slot in each row below it, exactly as a Word table copied as text does;
//! otherwise the blank value cells of those rows would shift left by one.

use crate::map::{PushChar, SourceChar, Writer};

/// Limits from the HTML standard: browsers clamp `colspan` to 1000 and `rowspan` to 65534.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65_534;

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

    pub fn write(mut self, out: &mut Writer, end: usize) {
        self.finish_row();
        write_table(&self.rows, out, end);
    }
}

/// A rowspan still covering rows below the one that declared it.
struct Covered {
    column: usize,
    width: usize,
    rows_left: usize,
}

/// Writes `rows` as tab-grid lines.
fn write_table(rows: &[GridRow], out: &mut Writer, end: usize) {
    let mut covered: Vec<Covered> = Vec::new();
    for row in rows {
        out.line_break(row.at);
        let is_covered = |column: usize, covered: &[Covered]| {
            covered
                .iter()
                .any(|span| (span.column..span.column + span.width).contains(&column))
        };
        // Where each cell of this row starts; slots between are covered or colspan filler.
        let mut placed: Vec<(usize, &GridCell)> = Vec::with_capacity(row.cells.len());
        let mut column = 0usize;
        for cell in &row.cells {
            while is_covered(column, &covered) {
                column += 1;
            }
            placed.push((column, cell));
            column += cell.colspan;
        }
        let covered_width = covered
            .iter()
            .map(|span| span.column + span.width)
            .max()
            .unwrap_or(0);
        let width = column.max(covered_width);
        let mut next = placed.iter().peekable();
        let mut tab_at = row.at;
        for slot in 0..width {
            let cell = next
                .next_if(|(start, _)| *start == slot)
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
        for span in &mut covered {
            span.rows_left -= 1;
        }
        covered.retain(|span| span.rows_left > 0);
        for (start, cell) in placed {
            if cell.rowspan > 1 {
                covered.push(Covered {
                    column: start,
                    width: cell.colspan,
                    rows_left: cell.rowspan - 1,
                });
            }
        }
    }
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
        let mut out = Writer::default();
        write_table(&rows, &mut out, 0);
        let (text, _) = out.finish(0);
        assert_eq!(
            text,
            "三、\t（一）\t\t1\n\t（三）\t1.\t\n\t\t2.\t5\n（七）\t\t\t6\n"
        );
    }

    #[test]
    fn a_rowspan_at_the_right_edge_keeps_its_column() {
        let rows = vec![
            row(vec![cell("申请人情况", 1, 2), cell("总计", 2, 1)]),
            row(vec![cell("自然人", 1, 1), cell("法人", 1, 1)]),
        ];
        let mut out = Writer::default();
        write_table(&rows, &mut out, 0);
        let (text, _) = out.finish(0);
        assert_eq!(text, "申请人情况\t\t总计\n自然人\t法人\t\n");
    }
}

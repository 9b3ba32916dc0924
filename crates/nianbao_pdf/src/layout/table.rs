//! A table on the page: its grid with each glyph in its merged cell, stitched to its continuation
//! on the next page, and written out the way the grammar reads tables.
//!
//! Output, one logical table row at a time: every non-numeric cell that spans several rows (a
//! rotated 三、本年度办理结果, a （三）不予公开 caption) becomes a heading line before the first row
//! it spans; the row's other cells follow on one line, separated by TABs, blank cells kept as
//! empty slots so that no value shifts into its neighbour's column.

use super::grid::Grid;
use super::lines::{Line, group, joiner, write_line};
use crate::geom::{Glyph, Rect};
use crate::map::Writer;

/// Column boundaries of two pages' tables closer than this (points) are the same column.
const SAME_COLUMN: f32 = 3.0;

#[derive(Clone, Debug)]
pub(crate) struct TableCell {
    pub r0: usize,
    pub r1: usize,
    pub c0: usize,
    pub c1: usize,
    open_top: bool,
    open_bottom: bool,
    /// The cell's text: one part per page it was printed on.
    parts: Vec<(u32, Vec<Line>)>,
}

impl TableCell {
    /// The cell's characters without any separator, for comparisons.
    fn plain(&self) -> String {
        self.parts
            .iter()
            .flat_map(|(_, lines)| lines)
            .flat_map(|line| &line.glyphs)
            .map(|glyph| &*glyph.text)
            .collect()
    }

    fn is_numeric(&self) -> bool {
        let plain = self.plain();
        !plain.is_empty()
            && plain
                .chars()
                .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '-' | '%'))
    }

    fn is_heading(&self) -> bool {
        self.r1 > self.r0 && !self.plain().is_empty() && !self.is_numeric()
    }

    fn write(&self, writer: &mut Writer) {
        let mut previous: Option<&Line> = None;
        for (page, lines) in &self.parts {
            for line in lines {
                if let Some(before) = previous {
                    writer.synthetic(joiner(before, line));
                }
                write_line(writer, line, *page);
                previous = Some(line);
            }
        }
    }
}

/// A table: its box on the page it starts on, its column boundaries and its cells.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    pub rect: Rect,
    xs: Vec<f32>,
    rows: usize,
    cells: Vec<TableCell>,
}

impl Table {
    /// Places every glyph whose centre lies in `grid` into its cell; returns the table and the
    /// glyphs outside it.
    pub fn new(grid: &Grid, page: u32, glyphs: Vec<Glyph>) -> (Table, Vec<Glyph>) {
        let mut inside: Vec<Vec<Glyph>> = vec![Vec::new(); grid.cells.len()];
        let mut outside = Vec::new();
        for glyph in glyphs {
            let at = grid.cell_at(glyph.rect.center_x(), glyph.rect.center_y());
            match at.and_then(|index| inside.get_mut(index)) {
                Some(cell) => cell.push(glyph),
                None => outside.push(glyph),
            }
        }
        let cells = grid
            .cells
            .iter()
            .zip(inside)
            .map(|(cell, glyphs)| TableCell {
                r0: cell.r0,
                r1: cell.r1,
                c0: cell.c0,
                c1: cell.c1,
                open_top: cell.open_top,
                open_bottom: cell.open_bottom,
                parts: vec![(page, group(glyphs))],
            })
            .collect();
        let table = Table {
            rect: grid.rect(),
            xs: grid.xs.clone(),
            rows: grid.rows(),
            cells,
        };
        (table, outside)
    }

    /// The texts of the cells starting in `row`, by column.
    fn row_signature(&self, row: usize) -> Vec<(usize, usize, String)> {
        let mut cells: Vec<(usize, usize, String)> = self
            .cells
            .iter()
            .filter(|cell| cell.r0 == row)
            .map(|cell| (cell.c0, cell.c1, cell.plain()))
            .collect();
        cells.sort();
        cells
    }

    /// Re-expresses the cells over finer column boundaries `xs` (a superset of ours).
    fn refine(&mut self, xs: &[f32]) {
        let index = |x: f32| xs.iter().position(|bound| (bound - x).abs() <= SAME_COLUMN);
        for cell in &mut self.cells {
            let (left, right) = (self.xs.get(cell.c0), self.xs.get(cell.c1 + 1));
            if let (Some(c0), Some(c1)) =
                (left.and_then(|x| index(*x)), right.and_then(|x| index(*x)))
            {
                cell.c0 = c0;
                cell.c1 = c1.saturating_sub(1).max(c0);
            }
        }
        self.xs = xs.to_vec();
    }

    /// The column boundaries of both tables together, if they have the same outer edges.
    fn common_columns(&self, next: &Table) -> Option<Vec<f32>> {
        let (first, last) = (self.xs.first()?, self.xs.last()?);
        if (first - next.xs.first()?).abs() > SAME_COLUMN
            || (last - next.xs.last()?).abs() > SAME_COLUMN
        {
            return None;
        }
        let mut xs = self.xs.clone();
        for x in &next.xs {
            if !xs.iter().any(|ours| (ours - x).abs() <= SAME_COLUMN) {
                xs.push(*x);
            }
        }
        xs.sort_by(f32::total_cmp);
        Some(xs)
    }

    /// Appends `next`, the same table continued on the next page, if it spans the same width
    /// (the columns of both are refined to the boundaries of either; stitching two different
    /// tables of the same width is harmless, as only identical header rows and cells left open
    /// at the cut are merged): a
    /// header repeated at its top is dropped, and a cell cut by the page break (open at the
    /// bottom here, and at the top there unless a repeated header closes it) is joined with its
    /// other part. Gives `next` back when it is another table.
    pub fn stitch(&mut self, mut next: Table) -> Result<(), Table> {
        let Some(xs) = self.common_columns(&next) else {
            return Err(next);
        };
        self.refine(&xs);
        next.refine(&xs);
        // The repeated header: leading rows identical to ours, without numbers.
        let mut header = 0;
        while header + 1 < next.rows
            && header < self.rows
            && next.row_signature(header) == self.row_signature(header)
            && next
                .cells
                .iter()
                .filter(|cell| cell.r0 == header)
                .all(|cell| !cell.is_numeric())
        {
            header += 1;
        }
        next.cells.retain(|cell| cell.r0 >= header);
        let offset = self.rows - header;
        let last_row = self.rows.saturating_sub(1);
        for mut cell in next.cells {
            let cut = if cell.r0 == header {
                self.cells.iter_mut().find(|ours| {
                    ours.r1 == last_row
                        && ours.c0 == cell.c0
                        && ours.c1 == cell.c1
                        && ours.open_bottom
                        && (cell.open_top || header > 0)
                })
            } else {
                None
            };
            match cut {
                Some(ours) => {
                    ours.r1 = cell.r1 + offset;
                    ours.open_bottom = cell.open_bottom;
                    ours.parts.append(&mut cell.parts);
                }
                None => {
                    cell.r0 += offset;
                    cell.r1 += offset;
                    self.cells.push(cell);
                }
            }
        }
        self.rows = offset + next.rows;
        Ok(())
    }

    /// Writes the table: heading lines for labels spanning rows, one TAB-separated line per row.
    pub fn write(&self, writer: &mut Writer) {
        let mut order: Vec<&TableCell> = self.cells.iter().collect();
        order.sort_by_key(|cell| (cell.r0, cell.c0));
        let mut start = 0;
        for row in 0..self.rows {
            let end = start
                + order
                    .get(start..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|cell| cell.r0 == row)
                    .count();
            let here = order.get(start..end).unwrap_or(&[]);
            start = end;
            for cell in here.iter().filter(|cell| cell.is_heading()) {
                writer.end_line();
                cell.write(writer);
                writer.end_line();
            }
            let cells: Vec<&&TableCell> = here.iter().filter(|cell| !cell.is_heading()).collect();
            if cells.iter().all(|cell| cell.plain().is_empty()) {
                continue;
            }
            writer.end_line();
            for (index, cell) in cells.iter().enumerate() {
                if index > 0 {
                    writer.synthetic("\t");
                }
                cell.write(writer);
            }
            writer.end_line();
        }
    }
}

//! A table drawn on the pages: its columns and row heights, borders, cell text in each style,
//! and the row a page break cuts.

use super::metrics::{BOTTOM, CELL, LEFT, PAD, RIGHT, advance, as_read, width, wrap};
use super::style::PdfStyle;
use super::writer::{Run, Writer};
use crate::markup::MergedCell;

/// A table laid out: column boundaries and each row's height.
struct Geometry {
    xs: Vec<f32>,
    heights: Vec<f32>,
}

fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '-' | ','))
}

/// Where a table's labels end: its first value column and its first row with a value.
#[derive(Clone, Copy)]
struct Shape {
    first_value: usize,
    header: usize,
}

impl Shape {
    fn of(rows: &[Vec<MergedCell>]) -> Shape {
        let columns = rows
            .iter()
            .flatten()
            .map(|cell| cell.column + cell.colspan)
            .max()
            .unwrap_or(1);
        Shape {
            first_value: rows
                .iter()
                .flatten()
                .filter(|cell| is_number(&cell.text))
                .map(|cell| cell.column)
                .min()
                .unwrap_or(columns),
            header: rows
                .iter()
                .take_while(|row| !row.iter().any(|cell| is_number(&cell.text)))
                .count(),
        }
    }

    /// Whether the cell of row `row` is a row label drawn vertically / one character per line.
    fn stacked(self, cell: &MergedCell, row: usize, style: PdfStyle) -> bool {
        matches!(style, PdfStyle::Vertical | PdfStyle::PageBreak)
            && cell.rowspan >= 3
            && row >= self.header
            && cell.column < self.first_value
            && !cell.text.is_empty()
    }
}

fn geometry(rows: &[Vec<MergedCell>], style: PdfStyle) -> Geometry {
    let columns = rows
        .iter()
        .flatten()
        .map(|cell| cell.column + cell.colspan)
        .max()
        .unwrap_or(1);
    let shape = Shape::of(rows);
    let first_value = shape.first_value;
    let value_width = 34.0;
    let values = columns.saturating_sub(first_value) as f32;
    let labels = first_value.max(1) as f32;
    let label_room = match style {
        PdfStyle::Wrapped => ((RIGHT - LEFT) - values * value_width).min(labels * 58.0),
        _ => (RIGHT - LEFT) - values * value_width,
    };
    let mut xs = vec![LEFT];
    for column in 0..columns {
        let step = if column < first_value {
            label_room / labels
        } else {
            value_width
        };
        xs.push(xs[column] + step);
    }
    let line = CELL * 1.25;
    let mut heights = vec![CELL + 2.0 * PAD + 8.0; rows.len()];
    let needed = |cell: &MergedCell, row: usize| -> f32 {
        let room = xs[cell.column + cell.colspan] - xs[cell.column] - 2.0 * PAD;
        if shape.stacked(cell, row, style) {
            as_read(&cell.text).chars().count() as f32 * CELL + 2.0 * PAD
        } else {
            wrap(&as_read(&cell.text), CELL, room).len() as f32 * line + 2.0 * PAD
        }
    };
    for (index, row) in rows.iter().enumerate() {
        for cell in row {
            let span = index + cell.rowspan;
            let have: f32 = heights[index..span.min(rows.len())].iter().sum();
            let want = needed(cell, index);
            if want > have {
                let last = span.min(rows.len()) - 1;
                heights[last] += want - have;
            }
        }
    }
    Geometry { xs, heights }
}

/// What a reader extracts from one cell.
fn read_cell(cell: &MergedCell) -> String {
    as_read(&cell.text)
}

pub(super) fn table(
    writer: &mut Writer,
    rows: &[Vec<MergedCell>],
    tab_lines: &[u32],
    break_at: Option<usize>,
) {
    let style = writer.style;
    let geometry = geometry(rows, style);
    let shape = Shape::of(rows);
    let header = shape.header;
    // Row tops: flowing over pages; a break (forced, or where a row does not fit) repeats the
    // header in the page-break style.
    let mut tops: Vec<(u32, f32)> = Vec::with_capacity(rows.len());
    // Rows that start a page below a repeated header (whose bottom border closes them).
    let mut below_header: Vec<usize> = Vec::new();
    for (index, height) in geometry.heights.iter().enumerate() {
        let forced = break_at == Some(index);
        if forced || writer.y + height > BOTTOM {
            writer.new_page();
            if style == PdfStyle::PageBreak && index >= header {
                below_header.push(index);
                for (row, height) in geometry.heights.iter().enumerate().take(header) {
                    draw_row(writer, rows, &geometry, row, writer.y, *height, shape);
                    writer.y += height;
                }
            }
        }
        tops.push((writer.page_number(), writer.y));
        writer.y += height;
    }
    // Cells: text and borders, one part per page the cell covers.
    let bottom_of = |row: usize| tops[row].1 + geometry.heights[row];
    for (index, row) in rows.iter().enumerate() {
        for cell in row {
            let last = (index + cell.rowspan).min(rows.len()) - 1;
            let (x0, x1) = (
                geometry.xs[cell.column],
                geometry.xs[cell.column + cell.colspan],
            );
            // (page, top, bottom, top border drawn, bottom border drawn)
            let mut parts: Vec<(u32, f32, f32, bool, bool)> = Vec::new();
            for (part_row, &(page, top)) in tops.iter().enumerate().take(last + 1).skip(index) {
                let opens = part_row == index || below_header.contains(&part_row);
                match parts.last_mut() {
                    Some(part) if part.0 == page => part.2 = bottom_of(part_row),
                    _ => parts.push((page, top, bottom_of(part_row), opens, false)),
                }
            }
            if let Some(part) = parts.last_mut() {
                part.4 = true;
            }
            let stacked = shape.stacked(cell, index, style);
            let mut chars: Vec<char> = as_read(&cell.text).chars().collect();
            for &(page, top, bottom, opens, closed) in &parts {
                writer.target = page as usize - 1;
                if opens {
                    writer.rule(x0, top, x1, top);
                }
                if closed {
                    writer.rule(x0, bottom, x1, bottom);
                }
                writer.rule(x0, top, x0, bottom);
                writer.rule(x1, top, x1, bottom);
                let area = Area {
                    x0,
                    x1,
                    top,
                    bottom,
                };
                chars = draw_text(writer, &chars, area, stacked, is_number(&cell.text));
            }
            writer.target = writer.pages.len() - 1;
        }
    }
    // The extracted text: heading lines for labels spanning rows, then the row.
    for (index, row) in rows.iter().enumerate() {
        let headings: Vec<&MergedCell> = row
            .iter()
            .filter(|cell| cell.rowspan > 1 && !cell.text.is_empty() && !is_number(&cell.text))
            .collect();
        for cell in &headings {
            writer.end_line(&read_cell(cell));
        }
        let cells: Vec<String> = row
            .iter()
            .filter(|cell| !headings.contains(cell))
            .map(read_cell)
            .collect();
        if let Some(&tab_line) = tab_lines.get(index) {
            writer.places.insert(tab_line, (writer.line, tops[index].0));
        }
        if cells.iter().any(|text| !text.is_empty()) {
            writer.end_line(&cells.join("\t"));
        }
    }
}

/// Draws the header row `row` again at `top` on the current page.
fn draw_row(
    writer: &mut Writer,
    rows: &[Vec<MergedCell>],
    geometry: &Geometry,
    row: usize,
    top: f32,
    height: f32,
    shape: Shape,
) {
    for cell in &rows[row] {
        let (x0, x1) = (
            geometry.xs[cell.column],
            geometry.xs[cell.column + cell.colspan],
        );
        let bottom = top
            + geometry.heights[row..(row + cell.rowspan).min(rows.len())]
                .iter()
                .sum::<f32>()
                .max(height);
        writer.rule(x0, top, x1, top);
        writer.rule(x0, bottom, x1, bottom);
        writer.rule(x0, top, x0, bottom);
        writer.rule(x1, top, x1, bottom);
        let chars: Vec<char> = as_read(&cell.text).chars().collect();
        let stacked = shape.stacked(cell, row, writer.style);
        draw_text(
            writer,
            &chars,
            Area {
                x0,
                x1,
                top,
                bottom,
            },
            stacked,
            false,
        );
    }
}

/// A cell's part on one page.
#[derive(Clone, Copy)]
struct Area {
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
}

/// Draws as much of `chars` as fits in the box; returns what did not fit (continued on the next
/// part of a cell cut by a page break).
fn draw_text(
    writer: &mut Writer,
    chars: &[char],
    area: Area,
    stacked: bool,
    number: bool,
) -> Vec<char> {
    let Area {
        x0,
        x1,
        top,
        bottom,
    } = area;
    let room = (bottom - top - 2.0 * PAD).max(0.0);
    if stacked {
        let fits = ((room / CELL).floor() as usize).min(chars.len());
        let centre = (x0 + x1) / 2.0;
        for (index, ch) in chars[..fits].iter().enumerate() {
            let y = top + PAD + index as f32 * CELL;
            if writer.style == PdfStyle::Vertical {
                // Identity-V: the glyph's vertical origin is the top centre of its box.
                let run = Run {
                    size: CELL,
                    x: centre,
                    baseline: y,
                    vertical: true,
                    ..Run::default()
                };
                writer.show(&ch.to_string(), run);
            } else {
                let w = advance(*ch, CELL);
                let run = Run {
                    size: CELL,
                    x: centre - w / 2.0,
                    baseline: y + CELL * 0.88,
                    ..Run::default()
                };
                writer.show(&ch.to_string(), run);
            }
        }
        return chars[fits..].to_vec();
    }
    let text: String = chars.iter().collect();
    let lines = wrap(&text, CELL, x1 - x0 - 2.0 * PAD);
    let line_height = CELL * 1.25;
    let fits = (((room + 0.01) / line_height).floor() as usize).min(lines.len());
    for (index, line) in lines[..fits].iter().enumerate() {
        let used = width(line, CELL);
        let x = if number { x1 - PAD - used } else { x0 + PAD };
        let run = Run {
            size: CELL,
            x,
            baseline: top + PAD + index as f32 * line_height + CELL * 0.88,
            ..Run::default()
        };
        writer.show(line, run);
    }
    lines[fits..].concat().chars().collect()
}

/// The row of Table 3 before which the page-break style cuts the page: one or two rows into a
/// label spanning three or more rows, so that the label itself is cut (`（四）无` / `法提供`).
pub(super) fn break_row(rows: &[Vec<MergedCell>], salt: u64) -> Option<usize> {
    let shape = Shape::of(rows);
    let starts: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(index, row)| {
            row.iter()
                .any(|cell| shape.stacked(cell, *index, PdfStyle::PageBreak) && cell.column > 0)
        })
        .map(|(index, _)| index)
        .collect();
    let count = u64::try_from(starts.len())
        .ok()
        .filter(|count| *count > 0)?;
    let start = starts.get(usize::try_from(salt % count).ok()?)?;
    Some(start + 1 + usize::from(salt / count % 2 == 1))
}

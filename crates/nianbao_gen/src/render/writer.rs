//! The grid writer: cells and rows printed in a layout's grid, counting lines as it goes so
//! that every anchored item's line is recorded, not guessed.

use super::glued::{Check, splits};
use super::rendered::Anchor;
use super::style::{Grid, Style};
use crate::report::Val;

/// One table cell as a grid prints it.
#[derive(Clone, Debug)]
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) anchor: Option<Anchor>,
    /// A value slot (as opposed to a label or header).
    pub(super) value: bool,
}

impl Cell {
    pub(super) fn label(text: String, anchor: Option<Anchor>) -> Self {
        Self {
            text,
            anchor,
            value: false,
        }
    }

    pub(super) fn value(value: Val, anchor: Anchor) -> Self {
        Self {
            text: value.text(),
            anchor: Some(anchor),
            value: true,
        }
    }
}

/// A table row in the tab grid's shape: `lead` empty cells, labels, `mid` empty cells, values,
/// `trail` empty cells. Other grids drop the structural empty cells.
#[derive(Clone, Debug, Default)]
pub(super) struct Row {
    pub(super) lead: usize,
    pub(super) labels: Vec<Cell>,
    pub(super) mid: usize,
    pub(super) values: Vec<Cell>,
    pub(super) trail: usize,
    /// Label columns of a Markdown table (rows with fewer labels are padded).
    pub(super) label_width: usize,
    /// For glued digits: which identity recovers the split.
    pub(super) check: Check,
}

pub(super) struct Writer {
    pub(super) style: Style,
    pub(super) out: String,
    pub(super) line: u32,
    pub(super) lines_on_page: u32,
    pub(super) page: u32,
    pub(super) anchors: Vec<(Anchor, u32)>,
    /// `(line, note)`.
    pub(super) notes: Vec<(u32, String)>,
    pub(super) ascii_page_markers: bool,
}

const PAGE_LINES: u32 = 40;

impl Writer {
    pub(super) fn mark(&mut self, anchor: Anchor) {
        if !self
            .anchors
            .iter()
            .any(|(candidate, _)| *candidate == anchor)
        {
            self.anchors.push((anchor, self.line));
        }
    }

    pub(super) fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    pub(super) fn newline(&mut self) {
        self.out.push('\n');
        self.line += 1;
        self.lines_on_page += 1;
        if self.style.page_markers && self.lines_on_page >= PAGE_LINES {
            self.page += 1;
            self.lines_on_page = 0;
            let marker = if self.ascii_page_markers {
                format!("- {} -\n", self.page)
            } else {
                format!("— {} —\n", self.page)
            };
            self.out.push_str(&marker);
            self.line += 1;
        }
    }

    pub(super) fn line(&mut self, text: &str) {
        self.push(text);
        self.newline();
    }

    pub(super) fn cells_line(&mut self, cells: &[Cell]) {
        if self.style.grid == Grid::CellPerLine {
            for cell in cells {
                if let Some(anchor) = cell.anchor {
                    self.mark(anchor);
                }
                if cell.text.is_empty() {
                    self.line("|");
                } else {
                    let text = format!("{} |", cell.text);
                    self.line(&text);
                }
            }
            return;
        }
        for cell in cells {
            if let Some(anchor) = cell.anchor {
                self.mark(anchor);
            }
        }
        let text = match self.style.grid {
            Grid::Spaces => spaced(cells),
            Grid::Markdown => {
                let inner: Vec<&str> = cells.iter().map(|cell| cell.text.as_str()).collect();
                format!("| {} |", inner.join(" | "))
            }
            Grid::Pipes => piped(cells),
            Grid::RunTogether => cells.iter().map(|cell| cell.text.as_str()).collect(),
            Grid::Tab | Grid::CellPerLine => cells
                .iter()
                .map(|cell| cell.text.as_str())
                .collect::<Vec<_>>()
                .join("\t"),
        };
        self.line(&text);
    }

    /// Writes a data row in the grid's shape.
    pub(super) fn row(&mut self, row: &Row) {
        let empty = || Cell::label(String::new(), None);
        match self.style.grid {
            Grid::Tab => {
                let mut cells: Vec<Cell> = (0..row.lead).map(|_| empty()).collect();
                cells.extend(row.labels.iter().cloned());
                cells.extend((0..row.mid).map(|_| empty()));
                cells.extend(row.values.iter().cloned());
                cells.extend((0..row.trail).map(|_| empty()));
                if self.style.broken_labels {
                    self.broken_tab_row(cells);
                } else {
                    self.cells_line(&cells);
                }
            }
            Grid::RunTogether => {
                let mut text: String = row.labels.iter().map(|cell| cell.text.as_str()).collect();
                for cell in &row.labels {
                    if let Some(anchor) = cell.anchor {
                        self.mark(anchor);
                    }
                }
                for cell in &row.values {
                    if let Some(anchor) = cell.anchor {
                        self.mark(anchor);
                    }
                }
                let numbers: Option<Vec<i64>> = row
                    .values
                    .iter()
                    .map(|cell| cell.text.parse::<i64>().ok().filter(|&value| value >= 0))
                    .collect();
                let glued = row.values.len() == 1
                    || numbers.is_some_and(|numbers| splits(&numbers, row.check) == 1);
                let values: Vec<&str> = row.values.iter().map(|cell| cell.text.as_str()).collect();
                if glued {
                    text.push_str(&values.concat());
                } else {
                    let label = row
                        .labels
                        .last()
                        .map_or_else(|| "the Table 4 row".to_owned(), |cell| cell.text.clone());
                    self.notes.push((
                        self.line,
                        format!("{label} printed with spaces, its glued digits would not split back uniquely"),
                    ));
                    text.push_str(&values.join(" "));
                }
                self.line(&text);
            }
            _ => {
                let mut cells = row.labels.clone();
                if self.style.grid == Grid::Markdown {
                    // A Markdown table keeps its column count: pad the label columns.
                    let width = row.label_width.saturating_sub(cells.len());
                    let pads = (0..width).map(|_| empty());
                    if row.lead > 0 {
                        cells.splice(0..0, pads);
                    } else {
                        cells.extend(pads);
                    }
                }
                cells.extend(row.values.iter().cloned());
                self.cells_line(&cells);
            }
        }
    }

    /// A tab row whose longest label holds a line break: the label's first half ends the first
    /// line; its second half starts the next one, followed by the remaining cells.
    fn broken_tab_row(&mut self, cells: Vec<Cell>) {
        let longest = cells
            .iter()
            .enumerate()
            .filter(|(_, cell)| !cell.value && cell.text.chars().count() > 18)
            .max_by_key(|(_, cell)| cell.text.chars().count())
            .map(|(position, _)| position);
        let Some(position) = longest else {
            self.cells_line(&cells);
            return;
        };
        let (before, rest) = cells.split_at(position);
        let Some((label, after)) = rest.split_first() else {
            self.cells_line(&cells);
            return;
        };
        let half = label.text.chars().count() / 2;
        let cut = label
            .text
            .char_indices()
            .nth(half)
            .map_or(label.text.len(), |(offset, _)| offset);
        let (head, tail) = label.text.split_at(cut);
        let mut first = before.to_vec();
        first.push(Cell::label(head.to_owned(), label.anchor));
        self.cells_line(&first);
        let mut second = vec![Cell::label(tail.to_owned(), None)];
        second.extend(after.iter().cloned());
        self.cells_line(&second);
    }
}

/// PDF text: cells separated by at least two spaces, numbers right-aligned in narrow columns.
fn spaced(cells: &[Cell]) -> String {
    let mut out = String::new();
    for cell in cells.iter().filter(|cell| !cell.text.is_empty()) {
        if out.is_empty() {
            out.push_str(&cell.text);
        } else if cell.value {
            let width = cell.text.chars().count();
            out.push_str(&" ".repeat(2 + 4usize.saturating_sub(width)));
            out.push_str(&cell.text);
        } else {
            out.push_str("  ");
            out.push_str(&cell.text);
        }
    }
    out
}

/// `a | b | | c |`: every cell is followed by a bar; an empty cell is a bar alone.
fn piped(cells: &[Cell]) -> String {
    let tokens: Vec<String> = cells
        .iter()
        .map(|cell| {
            if cell.text.is_empty() {
                "|".to_owned()
            } else {
                format!("{} |", cell.text)
            }
        })
        .collect();
    tokens.join(" ")
}

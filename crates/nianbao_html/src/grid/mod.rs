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
//! and a table that would overdraw it is cut at the row that would, with a warning saying so
//! ([`layout`]); which columns rows above still cover is kept per column, so placing a row costs
//! its width, never the number of merged cells above it. A table is held until it ends (its
//! rowspans need every row), so the rows collected are bounded too ([`builder`]): past the
//! table's budget in cells as written, rows are counted, not kept.

mod builder;
mod layout;

pub(crate) use builder::TableBuilder;

use crate::map::SourceChar;

/// Limits from the HTML standard: browsers clamp `colspan` to 1000 and `rowspan` to 65534.
pub(super) const MAX_COLSPAN: usize = 1000;
pub(super) const MAX_ROWSPAN: usize = 65_534;

/// Slots (cells after merged cells are expanded) one table may fill. The template's largest
/// table, Table 3, is about 28 rows of 10 slots; a page listing every document of a year runs
/// to a few thousand rows of a few columns.
pub const TABLE_CELLS: usize = 100_000;
/// Slots all the tables of one document may fill together: about 17 bytes of text and map each,
/// so the expanded tables of one file stay under 8 MB however the cells are merged.
pub const DOCUMENT_CELLS: usize = 400_000;

/// A table's rows as collected ([`builder`]), to be laid out ([`layout`]).
#[derive(Debug, Default)]
pub(super) struct Collected {
    pub rows: Vec<GridRow>,
    /// Rows not kept once the claim passed the budget, and where the first of them starts.
    pub dropped: usize,
    pub first_dropped_at: Option<usize>,
}

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

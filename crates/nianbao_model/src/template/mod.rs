//! The national templates as data: every heading, row label and cell id, exactly as printed.
//!
//! Labels are written here with the template's own full-width punctuation; comparison against a
//! report happens after folding (see `nianbao_syntax`), never against these strings raw.

mod format;
mod sections;
mod table2;
mod table3;
mod table4;

pub use format::Template;
pub use sections::{SECTIONS, SectionTemplate};
pub use table2::{TABLE2_2019, TABLE2_2021, Table2Row, table2_rows};
pub use table3::{
    ROW_SLOTS, RowId, RowTemplate, TABLE3_COLUMN_IDS, TABLE3_COLUMNS, TABLE3_ROWS, outcome_rows,
};
pub use table4::{TABLE4_CELL_IDS, TABLE4_CELLS};

//! A broken hard identity (H01–H06) and the cell its finding points at.

use super::values::row;
use crate::render::rendered::Anchor;
use nianbao_model::template::RowId;

/// A broken hard identity and the cell its finding points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityFailure {
    /// H01 for a row: T3001 at the row's C7 cell.
    RowTotal(RowId),
    /// H02 for a 0-based column: T3002 at that column's R25 cell.
    Balance(usize),
    /// H03 for a 0-based column: T3003 at that column's R24 cell.
    OutcomeTotal(usize),
    /// H04–H06 for block 0–2: T4001 at the block's 总计 cell.
    Table4Total(usize),
}

impl IdentityFailure {
    pub fn code(self) -> &'static str {
        match self {
            Self::RowTotal(_) => "T3001",
            Self::Balance(_) => "T3002",
            Self::OutcomeTotal(_) => "T3003",
            Self::Table4Total(_) => "T4001",
        }
    }

    /// Where the finding points.
    pub fn anchor(self) -> Anchor {
        match self {
            Self::RowTotal(row) => Anchor::Table3Cell(row, 6),
            Self::Balance(column) => Anchor::Table3Cell(row(25), column),
            Self::OutcomeTotal(column) => Anchor::Table3Cell(row(24), column),
            Self::Table4Total(block) => Anchor::Table4Cell(block * 5 + 4),
        }
    }
}

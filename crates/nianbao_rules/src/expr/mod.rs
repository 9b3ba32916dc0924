//! The cell-expression language of identity checks and narrative readings, parsed with nom.
//!
//! ```text
//! identity := [ "for" NAME "in" range ":" ] sum ( "==" | ">=" | "<=" ) sum
//! sum      := term { ("+" | "-") term }
//! term     := "sum(" cells ")" | cell | INTEGER
//! cell     := row "[" col "]" | F1 … F15 | A1 … A10 | B1 … B22
//! cells    := cell, where a row, column or flat id may be a range `R03..R23`, `C1..C6`, `F1..F4`
//! row      := R01 … R25 | R21_23 | NAME     col := C1 … C7 | NAME
//! ```
//!
//! Row ranges are resolved against the report's template when evaluated, so `R03..R23` is the 21
//! outcome rows of a 2021 report and the 19 of a 2019 report (whose single （六）其他处理 row
//! `R21_23` stands for R21–R23).

mod expanded;
mod grammar;
mod parse;

pub(crate) use parse::{parse_expr, parse_identity};

pub(crate) use expanded::{AtomCache, atoms, cells_of};

/// A row selector: a fixed row (number 1–25, or 26 for R21_23), the loop variable, or a range
/// of row numbers (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RowSel {
    Row(u8),
    Var,
    Range(u8, u8),
}

/// A column selector; columns are 0-based (C1 = 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColSel {
    Col(u8),
    Var,
    Range(u8, u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    Table3 {
        row: RowSel,
        col: ColSel,
    },
    /// `A`, `B` (Table 2) or `F` (Table 4) cells `lo..=hi`.
    Flat {
        prefix: char,
        lo: u8,
        hi: u8,
    },
    Int(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    pub negative: bool,
    pub operand: Operand,
    /// Written as `sum(…)`: the term names a set of cells rather than one.
    pub summed: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Expr {
    pub terms: Vec<Term>,
    /// The expression's atoms and cells without a loop binding, per Table 3 row layout
    /// ([`atoms`], [`cells_of`]).
    pub expanded: AtomCache,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Loop {
    Rows(u8, u8),
    Cols(u8, u8),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Identity {
    pub each: Option<Loop>,
    pub lhs: Expr,
    pub relation: Relation,
    pub rhs: Expr,
}

/// How the two sides must compare: `==` for the template's identities, `>=` / `<=` for
/// plausibility bounds such as `A3 >= A1 - A2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Relation {
    Equal,
    AtLeast,
    AtMost,
}

impl Relation {
    /// Whether `left − right = delta` satisfies the relation.
    pub(crate) fn holds(self, delta: i64) -> bool {
        match self {
            Self::Equal => delta == 0,
            Self::AtLeast => delta >= 0,
            Self::AtMost => delta <= 0,
        }
    }
}

/// Why an expression was refused, and the byte offset inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ExprError {
    pub offset: usize,
    pub message: String,
}

//! A compiled cross-report check: which comparison a `[rules.cross]` table asks for, with its
//! parameters (read and validated by [`crate::kinds`]' `cross` kind).

use crate::expr::Expr;
use nianbao_model::template::RowId;

/// A compiled cross-report check.
#[derive(Clone, Debug)]
pub(crate) enum CrossCheck {
    CarryOver {
        this: RowId,
        previous: RowId,
    },
    /// `[stock, added, removed]` cell ids.
    Stock {
        chains: Vec<[String; 3]>,
    },
    Reuse {
        share: f64,
        near_identical: f64,
        min_chars: usize,
        /// Folded boilerplate phrases.
        ignore: Vec<String>,
    },
    Duplicate,
    /// Cell lists compared between a parent body and its children.
    Region {
        cells: Vec<Expr>,
    },
}

//! A table cell and a printed label: the value with its kind kept, where it came from, and how a
//! label compares with the template's.

use nianbao_source::Span;
use serde::Serialize;

/// How a printed label compares with the template's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelMatch {
    /// Character for character.
    Exact,
    /// Equal after folding widths, whitespace, quotes and numbering (`layouts.md` §1): no finding.
    Folded,
    /// A known variant or a near miss (a typo): the label deviates from the template.
    Variant,
}

/// A printed row or cell label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub matched: LabelMatch,
}

/// The value of one table cell, with its kind kept.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Value {
    /// An integer count (signed only in the 2019 `本年增/减` column).
    Number(i64),
    /// A decimal, valid only in A10 (万元) and the 2019 procurement amount.
    Decimal(f64),
    /// An empty cell: not filled in. Not zero.
    Blank,
    /// `/`, `—`, `-` or `无`.
    Placeholder(Placeholder),
    /// Text that is not a number (its text is the cell's span).
    Text,
    /// Digits whose split into cells is ambiguous; the parser lists the candidates.
    Unresolved,
    /// The slot was not found at all (a row with too few values).
    Missing,
}

impl Value {
    /// The integer, if the cell holds one.
    pub fn as_integer(self) -> Option<i64> {
        match self {
            Self::Number(value) => Some(value),
            _ => None,
        }
    }

    /// Blank, placeholder or text: the slot holds no number but was printed.
    pub fn is_blank_like(self) -> bool {
        matches!(self, Self::Blank | Self::Placeholder(_) | Self::Text)
    }
}

/// The placeholders reports print instead of numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placeholder {
    Slash,
    Dash,
    /// `无`.
    None,
}

/// How a cell's value was obtained (`layouts.md` §1 step 8).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// Read from its own cell.
    #[default]
    Exact,
    /// Split out of a run of glued digits, using the template arithmetic.
    Split,
    /// Assigned by position where the row labels were missing.
    Positional,
}

/// One table cell.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub value: Value,
    /// The printed text of the cell; empty (at the cell's position) for a blank cell.
    pub span: Span,
    pub provenance: Provenance,
}

impl Cell {
    pub fn missing(at: Span) -> Self {
        Self {
            value: Value::Missing,
            span: at,
            provenance: Provenance::Exact,
        }
    }
}

/// A cell as the JSON model shows it: a number, `null` for blank or missing, or the printed text
/// for a placeholder, unreadable text or an unresolved run of digits.
pub fn cell_json(cell: &Cell, source: &str) -> serde_json::Value {
    match cell.value {
        Value::Number(value) => serde_json::Value::from(value),
        Value::Decimal(value) => serde_json::Number::from_f64(value)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Blank | Value::Missing => serde_json::Value::Null,
        Value::Placeholder(_) | Value::Text | Value::Unresolved => {
            serde_json::Value::String(cell.span.slice(source).trim().to_owned())
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn number(value: i64, start: u32) -> Cell {
        Cell {
            value: Value::Number(value),
            span: Span::new(start, start + 1),
            provenance: Provenance::Exact,
        }
    }

    #[test]
    fn cell_json_keeps_kinds() {
        let source = "81\t\t/\t无";
        assert_eq!(cell_json(&number(81, 0), source), serde_json::json!(81));
        let blank = Cell {
            value: Value::Blank,
            span: Span::new(3, 3),
            provenance: Provenance::Exact,
        };
        assert_eq!(cell_json(&blank, source), serde_json::Value::Null);
        let slash = Cell {
            value: Value::Placeholder(Placeholder::Slash),
            span: Span::new(4, 5),
            provenance: Provenance::Exact,
        };
        assert_eq!(cell_json(&slash, source), serde_json::json!("/"));
    }
}

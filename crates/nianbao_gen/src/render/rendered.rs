//! What a rendered file is: its bytes and text, and the line of every anchored item in it.

use super::layout::Layout;
use super::style::Encoding;
use crate::report::values::Fact;
use nianbao_model::template::RowId;

/// An item whose line the manifest reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    Title,
    TitleYear,
    /// The 统计期限 sentence.
    Period,
    /// The heading of section 1–6.
    Heading(u8),
    /// A narrative phrase's number (or the phrase, for claims without one).
    Fact(Fact),
    /// A printed label, by its template wording.
    Label(&'static str),
    /// Table 2 cell by position in template order (A1 = 0).
    Table2Cell(usize),
    /// Table 3 cell `(row, column)`, column 0-based.
    Table3Cell(RowId, usize),
    /// Table 4 cell, 0-based (F1 = 0).
    Table4Cell(usize),
    /// In the 2008 format, the number of a total the prose states with its parts.
    Stated(nianbao_model::stated::Measure),
}

/// A rendered report file.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The file's bytes, BOM and encoding included.
    pub bytes: Vec<u8>,
    /// The text the bytes decode to (BOM removed, CRLF kept).
    pub text: String,
    pub layout: Layout,
    pub encoding: Encoding,
    /// The 1-based line of every anchored item, first occurrence first.
    pub anchors: Vec<(Anchor, u32)>,
    /// Deviations the layout forced (e.g. a glued row printed with spaces because its split
    /// would have been ambiguous).
    pub notes: Vec<String>,
}

impl Rendered {
    /// The 1-based line holding `anchor` (first occurrence).
    pub fn line_of(&self, anchor: Anchor) -> Option<u32> {
        self.anchors
            .iter()
            .find(|(candidate, _)| *candidate == anchor)
            .map(|&(_, line)| line)
    }
}

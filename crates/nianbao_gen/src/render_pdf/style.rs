//! The table styles a generated PDF is drawn in.

/// How tables are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PdfStyle {
    /// Stroked border lines, labels on as many lines as their cells need.
    Ruled,
    /// Narrow label columns: labels wrap over several lines; borders as thin filled rectangles.
    Wrapped,
    /// Labels spanning rows written vertically (an Identity-V font), as WPS exports them.
    Vertical,
    /// Table 3 cut by a page break inside a spanning label, its header repeated on the next
    /// page; spanning labels printed one character per line.
    PageBreak,
}

impl PdfStyle {
    pub const ALL: [PdfStyle; 4] = [Self::Ruled, Self::Wrapped, Self::Vertical, Self::PageBreak];

    pub fn name(self) -> &'static str {
        match self {
            Self::Ruled => "ruled",
            Self::Wrapped => "wrapped",
            Self::Vertical => "vertical",
            Self::PageBreak => "page-break",
        }
    }
}

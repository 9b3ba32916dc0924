//! How a plaintext layout prints: its grid, its quirks and the encoding of its bytes.

use serde::Serialize;

/// How the file's bytes encode its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf8Bom => "utf-8-bom",
            Self::Gb18030 => "gb18030",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Grid {
    Tab,
    Spaces,
    CellPerLine,
    Markdown,
    Pipes,
    RunTogether,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Style {
    pub(super) grid: Grid,
    /// Word's merged cells: an empty column inside Table 2's three-value rows, `1、` numbering,
    /// Table 4 under a two-row header.
    pub(super) merged: bool,
    pub(super) half_width: bool,
    pub(super) broken_labels: bool,
    pub(super) page_markers: bool,
    pub(super) one_line: bool,
    pub(super) full_width: bool,
    pub(super) crlf: bool,
    pub(super) encoding: Encoding,
}

//! The plaintext shapes a report can take, by name, and what each one can show.

use super::style::{Encoding, Grid, Style};
use serde::Serialize;

/// A plaintext shape of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Word/HTML table copied as text: TAB-separated, with merged-cell quirks (`layouts.md` §2).
    Tab,
    /// The seed's own shape: the tab grid with half-width bracket labels `(一) 予以公开`.
    HalfWidth,
    /// PDF text: cells separated by runs of spaces; Table 4 header one character per line (§6).
    Spaces,
    /// One cell per line, `x |`, a lone `|` for a blank cell (§4).
    CellPerLine,
    /// Markdown pipe tables with `|---|` rule lines (§5).
    Markdown,
    /// Pipe-delimited rows `a | b | c |` (§3).
    Pipes,
    /// Cells run together without separators (§8); rows whose split would be ambiguous are
    /// printed with single spaces instead, as in the real half-glued reports.
    RunTogether,
    /// The tab grid with CRLF line ends and a UTF-8 BOM.
    CrlfBom,
    /// The tab grid encoded as GB18030.
    Gb18030,
    /// Pipe rows with full-width digits `０-９` everywhere.
    FullWidth,
    /// The tab grid with long labels broken over two lines (a line break inside a Word cell).
    BrokenLabels,
    /// PDF text with page markers `— 4 —` between lines.
    PageMarkers,
    /// A web page's text dump, as in the real 平潭 corpus: the whole report on one line, headings
    /// run into the text, table cells glued.
    OneLine,
    /// `pdftotext -layout` text: space-aligned columns, long labels wrapped around their
    /// numbers, hard-wrapped prose, page numbers and form feeds, the title over two lines
    /// (`render::extraction`).
    PdfLayout,
    /// Plain `pdftotext` reading order: one cell per line, short labels after their numbers,
    /// rotated captions one character per line (`render::extraction`).
    ReadingOrder,
    /// A Word tab grid with merged-cell blanks (`规章\t13\t13\t\t524`), `1、` numbering and
    /// Table 4 as one row under a two-row header.
    TabMerged,
    /// Markdown from a converted PDF: one table per row group under generic headers
    /// (`数据1 … 数据7`), `#` heading marks (`render::groups`).
    MarkdownGroups,
    /// A report in the 2008 format (2008–2018): free prose stating totals with their parts and
    /// a small statistics table of its own, no template tables (`pre2019`). Only a report made
    /// with [`crate::GeneratedReport::into_pre2019`] is printed truthfully in it.
    #[serde(rename = "pre-2019")]
    Pre2019,
}

impl Layout {
    pub const ALL: [Layout; 17] = [
        Self::Tab,
        Self::HalfWidth,
        Self::Spaces,
        Self::CellPerLine,
        Self::Markdown,
        Self::Pipes,
        Self::RunTogether,
        Self::CrlfBom,
        Self::Gb18030,
        Self::FullWidth,
        Self::BrokenLabels,
        Self::PageMarkers,
        Self::OneLine,
        Self::PdfLayout,
        Self::ReadingOrder,
        Self::TabMerged,
        Self::MarkdownGroups,
    ];

    /// Every shape a corpus cycles through: the template's tables in each of [`Layout::ALL`],
    /// and the 2008 format.
    pub const EVERY: [Layout; 18] = {
        let mut every = [Self::Pre2019; 18];
        let mut at = 0;
        while at < Self::ALL.len() {
            every[at] = Self::ALL[at];
            at += 1;
        }
        every
    };

    /// The name used on the command line, in file names and in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Self::Tab => "tab",
            Self::HalfWidth => "half-width",
            Self::Spaces => "spaces",
            Self::CellPerLine => "cell-per-line",
            Self::Markdown => "markdown",
            Self::Pipes => "pipes",
            Self::RunTogether => "run-together",
            Self::CrlfBom => "crlf-bom",
            Self::Gb18030 => "gb18030",
            Self::FullWidth => "full-width",
            Self::BrokenLabels => "broken-labels",
            Self::PageMarkers => "page-markers",
            Self::OneLine => "one-line",
            Self::PdfLayout => "pdf-layout",
            Self::ReadingOrder => "reading-order",
            Self::TabMerged => "tab-merged",
            Self::MarkdownGroups => "markdown-groups",
            Self::Pre2019 => "pre-2019",
        }
    }

    pub fn parse(name: &str) -> Option<Layout> {
        Self::EVERY.into_iter().find(|layout| layout.name() == name)
    }

    /// Whether the layout prints the template's tables (every one but [`Layout::Pre2019`]).
    pub fn has_template_tables(self) -> bool {
        self != Self::Pre2019
    }

    /// Whether a blank cell can be printed at all: PDF text and glued digits lose empty cells.
    pub fn shows_blank_cells(self) -> bool {
        !matches!(self, Self::PdfLayout | Self::ReadingOrder)
            && !matches!(self.style().grid, Grid::Spaces | Grid::RunTogether)
    }

    /// Whether the title is a line of its own; in a one-line dump nothing shows where it ends.
    pub fn has_title_line(self) -> bool {
        !self.style().one_line
    }

    /// Whether a negative number can be printed without merging into its neighbours.
    pub fn separates_cells(self) -> bool {
        self.style().grid != Grid::RunTogether
    }

    pub(super) fn style(self) -> Style {
        let base = Style {
            grid: Grid::Tab,
            merged: false,
            half_width: false,
            broken_labels: false,
            page_markers: false,
            one_line: false,
            full_width: false,
            crlf: false,
            encoding: Encoding::Utf8,
        };
        match self {
            Self::Tab => base,
            Self::HalfWidth => Style {
                half_width: true,
                ..base
            },
            Self::Spaces => Style {
                grid: Grid::Spaces,
                ..base
            },
            Self::CellPerLine => Style {
                grid: Grid::CellPerLine,
                half_width: true,
                ..base
            },
            Self::Markdown => Style {
                grid: Grid::Markdown,
                ..base
            },
            Self::Pipes => Style {
                grid: Grid::Pipes,
                half_width: true,
                ..base
            },
            Self::RunTogether => Style {
                grid: Grid::RunTogether,
                ..base
            },
            Self::CrlfBom => Style {
                crlf: true,
                encoding: Encoding::Utf8Bom,
                ..base
            },
            Self::Gb18030 => Style {
                encoding: Encoding::Gb18030,
                ..base
            },
            Self::FullWidth => Style {
                grid: Grid::Pipes,
                full_width: true,
                ..base
            },
            Self::BrokenLabels => Style {
                broken_labels: true,
                ..base
            },
            Self::PageMarkers => Style {
                grid: Grid::Spaces,
                page_markers: true,
                ..base
            },
            Self::OneLine => Style {
                grid: Grid::RunTogether,
                one_line: true,
                ..base
            },
            Self::TabMerged => Style {
                merged: true,
                ..base
            },
            // Rendered by their own modules; the style only answers the questions above.
            Self::PdfLayout | Self::ReadingOrder => Style {
                grid: Grid::Spaces,
                ..base
            },
            Self::MarkdownGroups => Style {
                grid: Grid::Markdown,
                ..base
            },
            // Half of them a one-line dump: nothing shows where the title ends.
            Self::Pre2019 => Style {
                one_line: true,
                ..base
            },
        }
    }
}

//! Reports as most are published: PDF files, read into the plaintext the grammar already reads,
//! with every character mapped back to the page and the box it was printed in.
//!
//! This crate owns the PDF front end. Like the HTML/Word one there is no second parser:
//! [`extract_pdf`] interprets each page (a pure-Rust interpreter behind a small trait of our
//! own, `backend`), finds the tables from their ruling lines, places every glyph in its cell and
//! writes the tab grid of a Word table copied as text (one row per line, a TAB between cells,
//! blank cells kept as empty slots, a label spanning several rows as a heading line above
//! them), with the prose between tables as lines (wrapped paragraphs joined, headers and footers
//! dropped). `nianbao_syntax::parse` reads that text; spans
//! in its result map back through [`ExtractedPdf::locate`] to `(page, box)`.
//!
//! Bad input is a value, never a panic: [`PdfError`] says whether the file is not a PDF, is
//! encrypted, is damaged, has no text layer (a scan), or asks for more work than
//! [`PdfLimits`] allows.

mod backend;
mod error;
mod geom;
mod layout;
mod map;

pub use backend::PdfLimits;
pub use error::{Budget, PdfError};
pub use geom::Rect;
pub use map::{Location, PageMap};

use backend::{Backend, Hayro};
use nianbao_source::Span;

/// A PDF read into the grammar's plaintext shape.
#[derive(Clone, Debug)]
pub struct ExtractedPdf {
    /// What the grammar reads; all model and diagnostic spans point into it.
    pub text: String,
    /// From `text` to pages and boxes.
    pub map: PageMap,
    /// Pages in the document.
    pub pages: u32,
}

impl ExtractedPdf {
    /// Where the characters of `span` were printed (see [`PageMap::locate`]).
    pub fn locate(&self, span: Span) -> Option<Location> {
        self.map.locate(span)
    }

    /// The 1-based page the character at byte `offset` of [`ExtractedPdf::text`] was printed on.
    pub fn page_of(&self, offset: u32) -> Option<u32> {
        self.map.page_of(offset)
    }
}

/// Whether the bytes are a PDF: `%PDF-` within the first KiB (some writers put junk before it).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = bytes.get(..1024).unwrap_or(bytes);
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// Reads a PDF within `limits`: every page interpreted, laid out into the grammar's text.
pub fn extract_pdf(bytes: &[u8], limits: &PdfLimits) -> Result<ExtractedPdf, PdfError> {
    if !is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    let pages = Hayro.pages(bytes, limits)?;
    let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    let images = pages.iter().map(|page| page.images).sum();
    let unmapped_glyphs = pages.iter().map(|page| page.unmapped_glyphs).sum();
    let (text, map) = layout::layout(pages);
    if text.trim().is_empty() {
        return Err(PdfError::NoTextLayer {
            pages: count,
            images,
            unmapped_glyphs,
        });
    }
    Ok(ExtractedPdf {
        text,
        map,
        pages: count,
    })
}

//! The document front end: a report file as it is published — plain text in any encoding, a
//! saved web page (`.html`, `.htm`, `.shtml`), a Word `.docx`, a PDF — read into the plaintext
//! the grammar reads, with every byte mapped back to the file (for a PDF: every character to the
//! page it was printed on, through `nianbao_pdf`, which this crate dispatches to).
//!
//! This crate owns reading a report file ([`Document::read`]: recognise the format, decode or
//! extract, refuse what is empty or not a document, each failure a [`ReadError`], and say where
//! a file was not read exactly as written, each place a [`ReadWarning`]: damaged bytes replaced,
//! a table cut at the cell budget that bounds what merged cells may expand to) and the way
//! back from the grammar's text to the file ([`Document::to_file`], and [`place_related`] for the
//! locations other reports' findings name in it). It does not parse: there is ONE grammar and
//! ONE model (`nianbao_syntax`), and instead of a second parser for HTML, [`extract_html`] and
//! [`extract_docx`] write the document as the tab grid of a Word table copied as text (one table
//! row per line, one TAB between cells, merged cells expanded into empty slots, blank and
//! `&nbsp;` cells kept as empty slots, the text runs of one cell joined without spaces so
//! `2</span><span>0` reads `20`), which the grammar reads like any other layout. Structure makes
//! this more exact than any text dump: `rowspan` / `colspan` / `w:gridSpan` say where each value
//! sits.
//!
//! Every byte of [`Extracted::text`] maps to a byte of [`Extracted::original`] (the decoded page,
//! or for a `.docx` the text of `word/document.xml`), so a finding's span can be shown either
//! way: on the extracted text (a cell's text with its row label, for people) or, through
//! [`Extracted::to_original`], on the markup an editor opens. A `.docx` has no text an editor
//! opens (a line and column inside the zipped `word/document.xml` is no place a user can find),
//! so its findings stay on the extracted text, one line per paragraph or table row, as `nianbao
//! text` prints it ([`Extracted::placed_on_original`]); the map to the XML remains for tools.
//!
//! ```
//! let page = "<html><body><h1>某局2023年政府信息公开工作年度报告</h1>\
//!     <table><tr><td rowspan=2>规章</td><td>1</td></tr><tr><td><span>1</span><span>2</span></td></tr></table>\
//!     </body></html>";
//! let extracted = nianbao_html::extract_html(page.as_bytes()).expect("a page");
//! assert_eq!(extracted.text, "某局2023年政府信息公开工作年度报告\n规章\t1\n\t12\n");
//! // `12` was written in two spans; its mapped span covers both digits and the tags between.
//! let at = extracted.text.find("12").expect("printed") as u32;
//! let original = extracted.to_original(nianbao_source::Span::new(at, at + 2));
//! assert_eq!(original.slice(&extracted.original), "1</span><span>2");
//! ```

mod charset;
mod document;
mod docx;
mod error;
mod format;
mod grid;
mod html;
mod map;
mod warning;

pub use document::{Content, Document, ReadError, place_related, related_by_file};
pub use docx::DocxLimits;
pub use error::ExtractError;
pub use format::InputFormat;
pub use grid::{DOCUMENT_CELLS, TABLE_CELLS};
pub use map::SourceMap;
pub use nianbao_pdf::{Budget, PageMap, PdfError};
pub use warning::{ReadWarning, Warning};

use nianbao_model::{Diagnostic, LabelledSpan};
use nianbao_source::Span;

/// A document read into the grammar's plaintext shape.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// What the grammar reads; all model and diagnostic spans point into it.
    pub text: String,
    /// From `text` back to `original`.
    pub map: SourceMap,
    /// The decoded page, or the text of a `.docx`'s `word/document.xml`. Mapped spans are byte
    /// offsets into this string (for a GB18030 page: into its UTF-8 decoding, like every span
    /// of the project), so `nianbao_source::LineIndex` over it gives the line and character
    /// column an editor shows. A `.docx`'s findings are not placed on it
    /// ([`Extracted::placed_on_original`]).
    pub original: String,
    pub format: InputFormat,
    /// The encoding the page was decoded from (`UTF-8`, `GB18030`, …); `UTF-8` for a `.docx`.
    pub encoding: &'static str,
    /// What was not read as written (a table cut at the cell budget), spans in `text`.
    pub warnings: Vec<ReadWarning>,
}

impl Extracted {
    /// Whether findings are placed on [`Extracted::original`] (a page, which an editor opens as
    /// text) rather than left on [`Extracted::text`] (a Word file: its lines are the
    /// document's paragraphs and table rows, as `nianbao text` prints them).
    pub fn placed_on_original(&self) -> bool {
        self.format != InputFormat::Docx
    }

    /// The text findings are placed on (see [`Extracted::placed_on_original`]).
    pub fn file_text(&self) -> &str {
        if self.placed_on_original() {
            &self.original
        } else {
            &self.text
        }
    }

    /// A span of [`Extracted::text`] in [`Extracted::file_text`].
    pub fn span_in_file(&self, span: Span) -> Span {
        if self.placed_on_original() {
            self.to_original(span)
        } else {
            span
        }
    }

    /// A finding on [`Extracted::text`] placed on [`Extracted::file_text`].
    pub fn to_file(&self, diagnostic: &Diagnostic) -> Diagnostic {
        if self.placed_on_original() {
            self.remap(diagnostic)
        } else {
            diagnostic.clone()
        }
    }

    /// The original bytes an extracted-text span came from.
    pub fn to_original(&self, span: Span) -> Span {
        self.map.to_original(span)
    }

    /// The same finding pointing into [`Extracted::original`]: its span and every label span
    /// mapped. Use it for output read by editors and tools (concise, JSON, SARIF, GitHub) with
    /// `original` as the source text.
    pub fn remap(&self, diagnostic: &Diagnostic) -> Diagnostic {
        let mut mapped = diagnostic.clone();
        mapped.span = self.to_original(diagnostic.span);
        mapped.labels = diagnostic
            .labels
            .iter()
            .map(|label| LabelledSpan {
                span: self.to_original(label.span),
                message: label.message.clone(),
            })
            .collect();
        mapped
    }
}

/// Reads a saved web page: detects its encoding (BOM, `<meta charset>`, then the bytes), finds
/// the report body, and writes it as the grammar's plaintext.
pub fn extract_html(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let (original, encoding) = charset::decode_html(bytes)?;
    let (text, map, warnings) = html::extract(&original);
    Ok(Extracted {
        text,
        map,
        original,
        format: InputFormat::Html,
        encoding,
        warnings,
    })
}

/// Reads a Word `.docx`: its `word/document.xml`, inflated within `limits`.
pub fn extract_docx(bytes: &[u8], limits: &DocxLimits) -> Result<Extracted, ExtractError> {
    let original = docx::document_xml(bytes, limits)?;
    let (text, map, warnings) = docx::extract(&original)?;
    Ok(Extracted {
        text,
        map,
        original,
        format: InputFormat::Docx,
        encoding: "UTF-8",
        warnings,
    })
}

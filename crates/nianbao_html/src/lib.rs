//! Reports as they are published: saved web pages (`.html`, `.htm`, `.shtml`) and Word `.docx`
//! files, read into the plaintext the grammar already reads, with every byte mapped back.
//!
//! This crate owns the front end for markup. There is ONE grammar and ONE model: instead of a
//! second parser for HTML, [`extract_html`] and [`extract_docx`] write the document as the tab
//! grid of a Word table copied as text (one table row per line, one TAB between cells, merged
//! cells expanded into empty slots, blank and `&nbsp;` cells kept as empty slots, the text runs of
//! one cell joined without spaces so `2</span><span>0` reads `20`), and
//! [`nianbao_syntax::parse`] reads that. Structure makes this more exact than any text dump:
//! `rowspan` / `colspan` / `w:gridSpan` say where each value sits.
//!
//! Every byte of [`Extracted::text`] maps to a byte of [`Extracted::original`] (the decoded page,
//! or for a `.docx` the text of `word/document.xml`), so a finding's span can be shown either
//! way: on the extracted text (a cell's text with its row label, for people) or, through
//! [`Extracted::to_original`], on the markup an editor opens. For a `.docx` the best an editor
//! can do is a line and column inside `word/document.xml`, which is what the mapped span gives.
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
mod docx;
mod grid;
mod html;
mod map;

pub use docx::DocxLimits;
pub use map::SourceMap;

use nianbao_model::{Diagnostic, LabelledSpan, Message};
use nianbao_source::Span;
use nianbao_syntax::Parsed;
use std::fmt;
use std::path::Path;

/// How an input file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputFormat {
    Text,
    Html,
    Docx,
}

impl InputFormat {
    /// The format a file name announces: `.html`, `.htm`, `.shtml`, `.xhtml` are pages, `.docx` is
    /// Word; anything else is read as text.
    pub fn from_path(path: &Path) -> InputFormat {
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("html" | "htm" | "shtml" | "xhtml") => InputFormat::Html,
            Some("docx") => InputFormat::Docx,
            _ => InputFormat::Text,
        }
    }

    /// The format the bytes show, for files whose name says nothing: a zip (`PK\3\4`) is a
    /// `.docx`; text starting with `<!doctype`, `<html` or a `<meta>` is a page.
    pub fn sniff(bytes: &[u8]) -> InputFormat {
        if bytes.starts_with(b"PK\x03\x04") {
            return InputFormat::Docx;
        }
        // A UTF-16 page announces itself with a BOM; read its first characters as text.
        let head: String = match encoding_rs::Encoding::for_bom(bytes) {
            Some((encoding, bom)) => {
                let start = bytes.get(bom..).unwrap_or(&[]);
                let start = start.get(..256).unwrap_or(start);
                encoding.decode_without_bom_handling(start).0.into_owned()
            }
            None => String::from_utf8_lossy(bytes.get(..256).unwrap_or(bytes)).into_owned(),
        };
        let head = head.trim_start().to_ascii_lowercase();
        let markup = [
            "<!doctype html",
            "<html",
            "<head",
            "<meta",
            "<body",
            "<div",
            "<table",
            "<!--",
            "<?xml",
        ];
        if markup.iter().any(|start| head.starts_with(start)) {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }

    /// The file extensions a directory walk should pick up besides text files.
    pub const EXTENSIONS: [&'static str; 5] = ["html", "htm", "shtml", "xhtml", "docx"];
}

/// A document read into the grammar's plaintext shape.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// What [`nianbao_syntax::parse`] reads; all model and diagnostic spans point into it.
    pub text: String,
    /// From `text` back to `original`.
    pub map: SourceMap,
    /// The decoded page, or the text of a `.docx`'s `word/document.xml`. Mapped spans are byte
    /// offsets into this string (for a GB18030 page: into its UTF-8 decoding, like every span
    /// of the project), so `nianbao_source::LineIndex` over it gives the line and character
    /// column an editor shows.
    pub original: String,
    pub format: InputFormat,
    /// The encoding the page was decoded from (`UTF-8`, `GB18030`, …); `UTF-8` for a `.docx`.
    pub encoding: &'static str,
}

impl Extracted {
    /// Parses the extracted text. Spans in the result point into [`Extracted::text`].
    pub fn parse(&self) -> Parsed {
        nianbao_syntax::parse(&self.text)
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

/// Why a document could not be read. Each maps to one of the CLI's input codes
/// ([`ExtractError::code`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtractError {
    /// NUL bytes in what should be a page.
    Binary,
    /// Not decodable in the declared encoding nor as UTF-8 or GB18030.
    Encoding { declared: Option<String> },
    /// The bytes are not a zip archive, or the archive is damaged or cut short; the reason in
    /// both languages.
    NotZip { reason: Message },
    /// A zip without `word/document.xml`: not a Word document.
    NoDocument,
    /// An entry that inflates beyond the size limit.
    TooLarge { limit: u64 },
    /// An entry that inflates far more than documents do: a zip bomb.
    Ratio { limit: u64 },
    /// `word/document.xml` is not well-formed XML.
    Xml { offset: u64, reason: String },
}

impl ExtractError {
    /// The CLI's input code: IO002 binary, IO003 encoding, IO005 too large, IO006 not a report.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Binary => "IO002",
            Self::Encoding { .. } => "IO003",
            Self::TooLarge { .. } | Self::Ratio { .. } => "IO005",
            Self::NotZip { .. } | Self::NoDocument | Self::Xml { .. } => "IO006",
        }
    }

    /// The reason in both languages.
    pub fn message(&self) -> Message {
        match self {
            Self::Binary => Message::new(
                "文件含有二进制数据，不是网页",
                "the file holds binary data, not a web page",
            ),
            Self::Encoding { declared } => Message::new(
                format!(
                    "无法识别网页编码（声明的编码：{}），也不是 UTF-8 或 GB18030",
                    declared.as_deref().unwrap_or("未声明")
                ),
                format!(
                    "the page is neither in its declared encoding ({}) nor in UTF-8 or GB18030",
                    declared.as_deref().unwrap_or("none")
                ),
            ),
            Self::NotZip { reason } => Message::new(
                format!("不是完整的 Word（.docx）文件：{}", reason.zh),
                format!("not a complete Word (.docx) file: {}", reason.en),
            ),
            Self::NoDocument => Message::new(
                "压缩包中没有 word/document.xml，不是 Word 文档",
                "the archive has no word/document.xml: not a Word document",
            ),
            Self::TooLarge { limit } => Message::new(
                format!("Word 文件解压后超过 {limit} 字节，已拒绝"),
                format!("the Word file inflates to more than {limit} bytes; refused"),
            ),
            Self::Ratio { limit } => Message::new(
                format!("Word 文件的压缩比超过 {limit} 倍，疑似压缩炸弹，已拒绝"),
                format!(
                    "the Word file inflates more than {limit} times its compressed size, like a zip bomb; refused"
                ),
            ),
            Self::Xml { offset, reason } => Message::new(
                format!("word/document.xml 在第 {offset} 字节处格式错误：{reason}"),
                format!("word/document.xml is malformed at byte {offset}: {reason}"),
            ),
        }
    }
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ExtractError {}

/// Reads a saved web page: detects its encoding (BOM, `<meta charset>`, then the bytes), finds
/// the report body, and writes it as the grammar's plaintext.
pub fn extract_html(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let (original, encoding) = charset::decode_html(bytes)?;
    let (text, map) = html::extract(&original);
    Ok(Extracted {
        text,
        map,
        original,
        format: InputFormat::Html,
        encoding,
    })
}

/// Reads a Word `.docx`: its `word/document.xml`, inflated within `limits`.
pub fn extract_docx(bytes: &[u8], limits: &DocxLimits) -> Result<Extracted, ExtractError> {
    let original = docx::document_xml(bytes, limits)?;
    let (text, map) = docx::extract(&original)?;
    Ok(Extracted {
        text,
        map,
        original,
        format: InputFormat::Docx,
        encoding: "UTF-8",
    })
}

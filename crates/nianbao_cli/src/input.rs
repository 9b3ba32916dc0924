//! Bytes in, text out: reading a file or standard input within the size limit, recognising
//! plain text, saved web pages and Word files, and decoding them, each failure turned into that
//! file's own input finding.

use crate::catalog::InputProblem;
use nianbao_diagnostics::full::{self, FullOptions};
use nianbao_html::{DocxLimits, Extracted, InputFormat};
use nianbao_model::{Category, Diagnostic, Lang, Message, Severity, Span};
use nianbao_source::{DecodeError, LineIndex};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a report comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    File(PathBuf),
    Stdin,
}

/// A report ready for the grammar.
pub enum Document {
    Text(String),
    /// A web page or Word file, read into the grammar's tab grid with a map back to the markup.
    Markup(Box<Extracted>),
}

impl Document {
    /// What the grammar reads; every model and diagnostic span points into it.
    pub fn text(&self) -> &str {
        match self {
            Self::Text(text) => text,
            Self::Markup(extracted) => &extracted.text,
        }
    }

    /// The finding as the user's file shows it: for a page, mapped from the extracted grid back
    /// onto the markup, so that line and column are those an editor opens.
    pub fn to_file(&self, diagnostic: Diagnostic) -> Diagnostic {
        match self {
            Self::Text(_) => diagnostic,
            Self::Markup(extracted) => extracted.remap(&diagnostic),
        }
    }

    /// A span of [`Document::text`] in the file's text.
    pub fn span_in_file(&self, span: Span) -> Span {
        match self {
            Self::Text(_) => span,
            Self::Markup(extracted) => extracted.to_original(span),
        }
    }

    /// The text findings are shown on (the decoded page, or a `.docx`'s `word/document.xml`).
    pub fn file_text(&self) -> &str {
        match self {
            Self::Text(text) => text,
            Self::Markup(extracted) => &extracted.original,
        }
    }

    /// [`Document::file_text`], without a copy.
    pub fn into_file_text(self) -> String {
        match self {
            Self::Text(text) => text,
            Self::Markup(extracted) => extracted.original,
        }
    }
}

/// The extensions a folder walk picks up: plain text, and what the markup reader reads.
pub fn is_report_file(path: &Path) -> bool {
    // A folder's README, LICENSE or CHANGELOG documents the folder; it is never a report, and
    // a corpus folder with a README must not lint it (named on the command line, it still is).
    let documents_the_folder =
        path.file_stem()
            .and_then(|stem| stem.to_str())
            .is_some_and(|stem| {
                ["readme", "license", "changelog"]
                    .iter()
                    .any(|name| stem.eq_ignore_ascii_case(name))
            });
    !documents_the_folder
        && path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| {
                ["txt", "md"]
                    .iter()
                    .chain(InputFormat::EXTENSIONS.iter())
                    .any(|known| ext.eq_ignore_ascii_case(known))
            })
}

/// Reads and decodes one report; `name` (the path, or `--stdin-filename`) announces its format,
/// and the bytes are sniffed when it announces none, unless `forced` (`--input-format`) decides.
/// Empty or whitespace-only input is refused here, so that the parser only ever sees something
/// that could be a report.
pub fn load(
    origin: &Origin,
    name: &Path,
    max_size: u64,
    forced: Option<InputFormat>,
) -> Result<Document, Box<Diagnostic>> {
    let bytes = match origin {
        Origin::File(path) => read_file(path, max_size)?,
        Origin::Stdin => read_limited(std::io::stdin().lock(), max_size, 0)?,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Box::new(InputProblem::Empty.diagnostic(None)));
    }
    let format = forced.unwrap_or_else(|| match InputFormat::from_path(name) {
        InputFormat::Text => InputFormat::sniff(&bytes),
        announced => announced,
    });
    let extracted = match format {
        InputFormat::Text => return decode_text(&bytes).map(Document::Text),
        InputFormat::Html => nianbao_html::extract_html(&bytes),
        InputFormat::Docx => nianbao_html::extract_docx(&bytes, &DocxLimits::default()),
    };
    extracted
        .map(|extracted| Document::Markup(Box::new(extracted)))
        .map_err(|error| {
            let problem = match error.code() {
                "IO002" => InputProblem::Binary,
                "IO003" => InputProblem::UnknownEncoding,
                "IO005" => InputProblem::TooLarge,
                _ => InputProblem::NotAReport,
            };
            let detail = error.message();
            Box::new(problem.diagnostic(Some((detail.zh, detail.en))))
        })
}

fn decode_text(bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
    let text = nianbao_source::decode(bytes)
        .map_err(|error| match error {
            DecodeError::Binary => InputProblem::Binary.diagnostic(None),
            DecodeError::UnknownEncoding => InputProblem::UnknownEncoding.diagnostic(None),
            DecodeError::InvalidBom { encoding } => {
                let label = encoding.label();
                InputProblem::UnknownEncoding.diagnostic(Some((
                    format!("文件以 {label} 字节顺序标记开头，但内容不是有效的 {label}"),
                    error.to_string(),
                )))
            }
        })?
        .text;
    if text.trim().is_empty() {
        return Err(Box::new(InputProblem::Empty.diagnostic(None)));
    }
    Ok(text)
}

fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, Box<Diagnostic>> {
    let file = std::fs::File::open(path).map_err(|error| unreadable(&error))?;
    let mut expected = 0;
    if let Ok(metadata) = file.metadata() {
        if metadata.len() > max_size {
            return Err(too_large(metadata.len(), max_size));
        }
        expected = metadata.len();
    }
    read_limited(file, max_size, expected)
}

/// Reads at most one byte past the limit, so that a file growing while it is read, or standard
/// input, cannot exhaust memory.
fn read_limited(
    reader: impl Read,
    max_size: u64,
    expected: u64,
) -> Result<Vec<u8>, Box<Diagnostic>> {
    // Sized up front (plus the probe byte): growing the buffer was a tenth of a corpus run.
    let capacity = usize::try_from(expected.min(max_size)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    reader
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| unreadable(&error))?;
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > max_size {
        return Err(too_large(len, max_size));
    }
    Ok(bytes)
}

fn unreadable(error: &std::io::Error) -> Box<Diagnostic> {
    let zh = match error.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        std::io::ErrorKind::NotFound => "文件不存在".to_owned(),
        std::io::ErrorKind::IsADirectory => "这是一个文件夹".to_owned(),
        _ => error.to_string(),
    };
    Box::new(InputProblem::Unreadable.diagnostic(Some((zh, error.to_string()))))
}

fn too_large(len: u64, max_size: u64) -> Box<Diagnostic> {
    Box::new(InputProblem::TooLarge.diagnostic(Some((
        format!("至少 {len} 字节，上限 {max_size} 字节"),
        format!("at least {len} bytes, limit {max_size} bytes"),
    ))))
}

/// A problem inside a file the user handed us (a rule file, a `nianbao.toml`), rendered with the
/// offending line underlined.
pub fn render_file_error(
    path: &Path,
    text: &str,
    span: Option<Span>,
    message: &str,
    lang: Lang,
) -> String {
    let headline = match lang {
        Lang::Zh => format!("无法加载 {}：{message}", path.display()),
        Lang::En => format!("cannot load {}: {message}", path.display()),
    };
    let diagnostic = Diagnostic::new(
        "nianbao",
        "load-error",
        Severity::Error,
        // Not `Input`: that category is for whole-file findings, drawn without a snippet.
        Category::Structure,
        Message::new(headline.clone(), headline),
        span.unwrap_or_default(),
    );
    let text = if span.is_some() { text } else { "" };
    full::render(
        &path.display().to_string(),
        text,
        &LineIndex::new(text),
        &[diagnostic],
        FullOptions {
            lang,
            ..FullOptions::default()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_limit_applies_to_streams() {
        let error = read_limited(&b"0123456789"[..], 4, 0).unwrap_err();
        assert_eq!(error.code, "IO005");
        assert_eq!(read_limited(&b"0123"[..], 4, 4).unwrap(), b"0123");
    }

    #[test]
    fn file_error_points_at_the_span() {
        let text = "[rule]\ncode = 3\n";
        let start = text.find('3').unwrap();
        let out = render_file_error(
            Path::new("rules/t3.toml"),
            text,
            Some(Span::from_range(start..start + 1)),
            "code must be a string",
            Lang::En,
        );
        assert!(out.starts_with("rules/t3.toml:2:8: "), "{out}");
        assert!(out.contains("code must be a string"), "{out}");
    }
}

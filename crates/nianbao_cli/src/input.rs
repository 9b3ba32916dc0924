//! Bytes in, text out: reading a file or standard input within the size limit, recognising
//! plain text, saved web pages and Word files, and decoding them, each failure turned into that
//! file's own input finding.

use crate::catalog::InputProblem;
use nianbao_diagnostics::full::{self, FullOptions};
pub use nianbao_html::Document;
use nianbao_html::{ExtractError, InputFormat, ReadError};
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

/// Reads one report within the size limit and reads it for the grammar
/// ([`Document::read`]); `name` (the path, or `--stdin-filename`) announces its format, unless
/// `forced` (`--input-format`) decides. Each failure is the file's own input finding.
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
    Document::read(&bytes, name, forced).map_err(|error| Box::new(input_problem(&error)))
}

/// The input finding for a file the front end could not read.
fn input_problem(error: &ReadError) -> Diagnostic {
    match error {
        ReadError::Empty => InputProblem::Empty.diagnostic(None),
        ReadError::Decode(DecodeError::Binary) => InputProblem::Binary.diagnostic(None),
        ReadError::Decode(DecodeError::UnknownEncoding) => {
            InputProblem::UnknownEncoding.diagnostic(None)
        }
        ReadError::Decode(error @ DecodeError::InvalidBom { encoding }) => {
            let label = encoding.label();
            InputProblem::UnknownEncoding.diagnostic(Some((
                format!("文件以 {label} 字节顺序标记开头，但内容不是有效的 {label}"),
                error.to_string(),
            )))
        }
        ReadError::Extract(error) => {
            let problem = match error {
                ExtractError::Binary => InputProblem::Binary,
                ExtractError::Encoding { .. } => InputProblem::UnknownEncoding,
                ExtractError::TooLarge { .. } | ExtractError::Ratio { .. } => {
                    InputProblem::TooLarge
                }
                ExtractError::NotZip { .. }
                | ExtractError::NoDocument
                | ExtractError::Xml { .. } => InputProblem::NotAReport,
            };
            let detail = error.message();
            problem.diagnostic(Some((detail.zh, detail.en)))
        }
    }
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

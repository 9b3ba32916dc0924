//! Bytes in, document out: reading a file or standard input within the size limit and handing
//! the bytes to the front end ([`Document::read`]), each failure turned into that file's own
//! input finding. Every file the CLI reads goes through [`load`].

use crate::catalog::{InputFinding, InputProblem};
pub use nianbao_html::Document;
use nianbao_html::{ExtractError, InputFormat, ReadError};
use nianbao_model::Message;
use nianbao_source::DecodeError;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a report comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    File(PathBuf),
    Stdin,
}

/// Reads one report within the size limit and reads it for the grammar; `name` (the path, or
/// `--stdin-filename`) announces its format, unless `forced` (`--input-format`) decides.
pub fn load(
    origin: &Origin,
    name: &Path,
    max_size: u64,
    forced: Option<InputFormat>,
) -> Result<Document, InputFinding> {
    let bytes = match origin {
        Origin::File(path) => read_file(path, max_size)?,
        Origin::Stdin => read_limited(std::io::stdin().lock(), max_size, 0)?,
    };
    Document::read(&bytes, name, forced).map_err(|error| not_read(&error))
}

/// The input finding for a file the front end could not read.
fn not_read(error: &ReadError) -> InputFinding {
    match error {
        ReadError::Empty => InputProblem::Empty.finding(),
        ReadError::Decode(DecodeError::Binary) => InputProblem::Binary.finding(),
        ReadError::Decode(DecodeError::UnknownEncoding) => InputProblem::UnknownEncoding.finding(),
        ReadError::Decode(error @ DecodeError::InvalidBom { encoding }) => {
            let label = encoding.label();
            InputProblem::UnknownEncoding.because(Message::new(
                format!("文件以 {label} 字节顺序标记开头，但内容不是有效的 {label}"),
                error.to_string(),
            ))
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
            problem.because(error.message())
        }
    }
}

fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, InputFinding> {
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
fn read_limited(reader: impl Read, max_size: u64, expected: u64) -> Result<Vec<u8>, InputFinding> {
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

fn unreadable(error: &std::io::Error) -> InputFinding {
    let zh = match error.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        std::io::ErrorKind::NotFound => "文件不存在".to_owned(),
        std::io::ErrorKind::IsADirectory => "这是一个文件夹".to_owned(),
        _ => error.to_string(),
    };
    InputProblem::Unreadable.because(Message::new(zh, error.to_string()))
}

fn too_large(len: u64, max_size: u64) -> InputFinding {
    InputProblem::TooLarge.because(Message::new(
        format!("至少 {len} 字节，上限 {max_size} 字节"),
        format!("at least {len} bytes, limit {max_size} bytes"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_limit_applies_to_streams() {
        let error = read_limited(&b"0123456789"[..], 4, 0).unwrap_err();
        assert_eq!(error.problem, InputProblem::TooLarge);
        assert_eq!(error.diagnostic().code, "IO005");
        assert_eq!(read_limited(&b"0123"[..], 4, 4).unwrap(), b"0123");
    }

    #[test]
    fn front_end_failures_become_input_problems() {
        let problem = |bytes: &[u8], name: &str| {
            Document::read(bytes, Path::new(name), None)
                .map(|_| ())
                .map_err(|error| not_read(&error).problem)
        };
        assert_eq!(problem(b" \n", "a.txt"), Err(InputProblem::Empty));
        assert_eq!(problem(b"a\0\0\0b", "a.txt"), Err(InputProblem::Binary));
        assert_eq!(
            problem(b"<html>\0\0</html>", "a.html"),
            Err(InputProblem::Binary)
        );
        assert_eq!(
            problem(b"PK\x03\x04cut", "a.docx"),
            Err(InputProblem::NotAReport)
        );
        let bom = not_read(&ReadError::Decode(DecodeError::InvalidBom {
            encoding: nianbao_source::SourceEncoding::Utf16Le,
        }));
        assert_eq!(bom.problem, InputProblem::UnknownEncoding);
        assert!(
            bom.diagnostic()
                .message
                .zh
                .contains("UTF-16LE 字节顺序标记")
        );
    }
}

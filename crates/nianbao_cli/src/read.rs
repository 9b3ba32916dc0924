//! Bytes in, document out: opening a file only when it is a regular file, and without
//! blocking; reading it within the size limit, its first block before the rest; handing the
//! bytes to the front end ([`Document::read`]); each failure turned into that file's own input
//! finding, and each place the front end did not read as written into a located one. Every file
//! the CLI reads goes through [`load`]; configuration and baselines are opened with
//! [`open_regular`] too.

use crate::catalog::{InputFinding, InputProblem};
pub use nianbao_html::Document;
use nianbao_html::{ExtractError, InputFormat, PdfError, ReadError, ReadWarning, Warning};
use nianbao_model::{Diagnostic, Message};
use nianbao_source::DecodeError;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// Where a report comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// Boxed: a run holds one per file.
    File(Box<Path>),
    Stdin,
}

/// The largest file read, whatever `--max-file-size` says: every span is a 32-bit byte offset
/// into the decoded text, which decoding GB18030 makes up to half as long again as the file.
pub const MAX_READABLE: u64 = 2 << 30;
/// Read before the rest of a file, to refuse binary data from its first block: a sparse file of
/// 30 GB of NUL bytes is refused after 64 KB, not read.
const HEAD: u64 = 64 * 1024;
/// At most this much is allocated before reading, whatever size a file claims: a buffer sized
/// from the claimed length once aborted the run on a 30 GB file.
const PREALLOCATE: u64 = 64 << 20;

/// A report opened for reading, not yet read.
pub enum Opened {
    File(RegularFile),
    Stdin,
}

impl Opened {
    /// Opens the report `origin` names ([`open_regular`]); `seen` is what the listing saw at
    /// its path.
    pub fn open(origin: &Origin, seen: Seen) -> Result<Opened, InputFinding> {
        match origin {
            Origin::File(path) => open_regular(path, seen)
                .map(Opened::File)
                .map_err(|error| unreadable(&error)),
            Origin::Stdin => Ok(Opened::Stdin),
        }
    }

    /// The size the file claims when it was opened (0 for standard input).
    pub fn claimed_size(&self) -> u64 {
        match self {
            Opened::File(file) => file.len,
            Opened::Stdin => 0,
        }
    }
}

/// Opens and reads one report ([`read_opened`]).
pub fn load(
    origin: &Origin,
    name: &Path,
    max_size: u64,
    forced: Option<InputFormat>,
) -> Result<Document, InputFinding> {
    read_opened(Opened::open(origin, Seen::Unknown)?, name, max_size, forced)
}

/// Reads one report within the size limit and reads it for the grammar; `name` (the path, or
/// `--stdin-filename`) announces its format, unless `forced` (`--input-format`) decides.
pub fn read_opened(
    opened: Opened,
    name: &Path,
    max_size: u64,
    forced: Option<InputFormat>,
) -> Result<Document, InputFinding> {
    let max_size = max_size.min(MAX_READABLE);
    // A page or text whose first block is binary is refused before the rest is read; a Word
    // file (a zip) and a PDF are binary formats, full of NUL bytes.
    let refuse = |head: &[u8]| {
        let format = forced.unwrap_or_else(|| InputFormat::detect(name, head));
        let textual = matches!(format, InputFormat::Text | InputFormat::Html);
        (textual && nianbao_source::looks_binary(head)).then(|| InputProblem::Binary.finding())
    };
    let bytes = match opened {
        Opened::File(RegularFile { file, len }) => {
            if len > max_size {
                return Err(too_large(len, max_size));
            }
            read_limited(file, max_size, len, refuse)?
        }
        Opened::Stdin => read_limited(std::io::stdin().lock(), max_size, 0, refuse)?,
    };
    Document::read(&bytes, name, forced).map_err(|error| not_read(&error))
}

/// The located findings of the places `document` was not read as written (spans in its text).
pub fn warnings(document: &Document) -> Vec<Diagnostic> {
    document
        .warnings
        .iter()
        .map(|ReadWarning { span, warning }| {
            let problem = match warning {
                Warning::Replaced { .. } => InputProblem::BytesReplaced,
                Warning::TableTooLarge { .. } | Warning::TablesTooLarge { .. } => {
                    InputProblem::TableTooLarge
                }
            };
            problem.because(warning.message()).located(*span)
        })
        .collect()
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
                // A Word file that is cut short, damaged, encrypted or in the old format is a
                // report that could not be read, not a stray file.
                ExtractError::NotZip
                | ExtractError::Damaged { .. }
                | ExtractError::Encrypted
                | ExtractError::LegacyWord
                | ExtractError::Xml { .. } => InputProblem::Unreadable,
                ExtractError::NoDocument => InputProblem::NotAReport,
            };
            problem.because(error.message())
        }
        ReadError::Pdf(error) => {
            let problem = match error {
                PdfError::NotPdf => InputProblem::NotAReport,
                PdfError::Encrypted | PdfError::Corrupt { .. } => InputProblem::Unreadable,
                PdfError::OverBudget { .. } => InputProblem::TooLarge,
                PdfError::NoTextLayer { .. } => InputProblem::NoTextLayer,
            };
            match error {
                // The summary already says what the front end's message would; the counts
                // say why.
                PdfError::NoTextLayer {
                    pages,
                    images,
                    unmapped_glyphs,
                } => problem.because(no_text_counts(*pages, *images, *unmapped_glyphs)),
                _ => problem.because(error.message()),
            }
        }
    }
}

/// What a PDF without a text layer holds instead.
fn no_text_counts(pages: u32, images: u32, unmapped_glyphs: u32) -> Message {
    if unmapped_glyphs > 0 {
        Message::new(
            format!("{pages} 页，{unmapped_glyphs} 个字形没有 Unicode 编码"),
            format!("{pages} pages, {unmapped_glyphs} glyphs without Unicode values"),
        )
    } else {
        Message::new(
            format!("{pages} 页，{images} 幅图像"),
            format!("{pages} pages, {images} images"),
        )
    }
}

/// What a path is when it is not a regular file.
#[derive(Debug)]
pub struct NotRegular {
    zh: &'static str,
    en: &'static str,
}

impl std::fmt::Display for NotRegular {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a regular file but {}", self.en)
    }
}

impl std::error::Error for NotRegular {}

/// Why `metadata` is not a regular file's, if it is not.
fn not_regular(metadata: &Metadata) -> Option<NotRegular> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return None;
    }
    let (zh, en) = if kind.is_dir() {
        ("文件夹", "a folder")
    } else {
        special_kind(&kind)
    };
    Some(NotRegular { zh, en })
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> (&'static str, &'static str) {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        ("命名管道（FIFO）", "a named pipe (FIFO)")
    } else if kind.is_socket() {
        ("套接字", "a socket")
    } else if kind.is_char_device() {
        ("字符设备", "a character device")
    } else if kind.is_block_device() {
        ("块设备", "a block device")
    } else {
        ("特殊文件", "a special file")
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> (&'static str, &'static str) {
    ("特殊文件", "a special file")
}

/// A regular file opened for reading.
pub struct RegularFile {
    pub file: File,
    /// Its length when it was opened.
    pub len: u64,
}

/// What the listing saw at a path before it was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// A regular file (not a symbolic link): looked at already.
    Regular,
    /// Not looked at, a link, or something else: to be looked at before it is opened.
    Unknown,
}

/// Opens `path` for reading if it is a regular file. Its type is looked at before it is opened
/// (a named pipe opened for reading waits for a writer forever, a device may never end, opening
/// some has effects) unless the listing saw a regular file there already, and the file is
/// opened without blocking and looked at again, in case it was swapped for something else in
/// between. Anything else is an error naming what it is.
pub fn open_regular(path: &Path, seen: Seen) -> std::io::Result<RegularFile> {
    let refuse = |metadata: &Metadata| match not_regular(metadata) {
        Some(what) => Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, what)),
        None => Ok(()),
    };
    if seen == Seen::Unknown {
        refuse(&std::fs::metadata(path)?)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    refuse(&metadata)?;
    Ok(RegularFile {
        file,
        len: metadata.len(),
    })
}

/// Reads a small file the user named (a configuration, a baseline): a regular file, within
/// [`MAX_READABLE`], as UTF-8.
pub fn read_to_string(path: &Path) -> std::io::Result<String> {
    let RegularFile { file, .. } = open_regular(path, Seen::Unknown)?;
    let mut text = String::new();
    file.take(MAX_READABLE).read_to_string(&mut text)?;
    Ok(text)
}

/// Reads at most one byte past the limit, so that a file growing while it is read, or standard
/// input, cannot exhaust memory; the first block is shown to `refuse` before the rest is read.
fn read_limited(
    reader: impl Read,
    max_size: u64,
    expected: u64,
    refuse: impl Fn(&[u8]) -> Option<InputFinding>,
) -> Result<Vec<u8>, InputFinding> {
    // Sized up front (plus the probe byte) as far as is safe: growing the buffer was a tenth of
    // a corpus run, but a claimed length is only a claim.
    let capacity = usize::try_from(expected.min(max_size).min(PREALLOCATE)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    let mut limited = reader.take(max_size.saturating_add(1));
    let io = |error: std::io::Error| unreadable(&error);
    Read::by_ref(&mut limited)
        .take(HEAD)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if let Some(finding) = refuse(&bytes) {
        return Err(finding);
    }
    // Shorter than the head: the end was reached (asking again cost a read a file).
    if bytes.len() as u64 == HEAD {
        limited.read_to_end(&mut bytes).map_err(io)?;
    }
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > max_size {
        return Err(too_large(len, max_size));
    }
    Ok(bytes)
}

fn unreadable(error: &std::io::Error) -> InputFinding {
    let not_regular = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<NotRegular>());
    let zh = match (not_regular, error.kind()) {
        (Some(what), _) => format!("不是普通文件，而是{}", what.zh),
        (None, std::io::ErrorKind::PermissionDenied) => "没有读取权限".to_owned(),
        (None, std::io::ErrorKind::NotFound) => "文件不存在".to_owned(),
        (None, std::io::ErrorKind::IsADirectory) => "这是一个文件夹".to_owned(),
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
        let keep = |_: &[u8]| None;
        let error = read_limited(&b"0123456789"[..], 4, 0, keep).unwrap_err();
        assert_eq!(error.problem, InputProblem::TooLarge);
        assert_eq!(error.diagnostic().code, "IO005");
        assert_eq!(read_limited(&b"0123"[..], 4, 4, keep).unwrap(), b"0123");
    }

    /// A stream claiming 30 GB allocates at most the preallocation, and a head of NUL bytes is
    /// refused after its first block: the rest is never read.
    #[test]
    fn a_binary_head_is_refused_before_the_rest_is_read() {
        let mut stream = std::io::repeat(0).take(30 << 30);
        let binary = |head: &[u8]| {
            nianbao_source::looks_binary(head).then(|| InputProblem::Binary.finding())
        };
        let error = read_limited(&mut stream, 100 << 30, 30 << 30, binary).unwrap_err();
        assert_eq!(error.problem, InputProblem::Binary);
        assert_eq!(stream.limit(), (30 << 30) - HEAD);
    }

    #[test]
    fn pdf_failures_become_input_problems_by_variant() {
        let problem = |error: PdfError| not_read(&ReadError::Pdf(error));
        let scan = problem(PdfError::NoTextLayer {
            pages: 3,
            images: 3,
            unmapped_glyphs: 0,
        });
        assert_eq!(scan.problem, InputProblem::NoTextLayer);
        assert_eq!(scan.diagnostic().code, "IO011");
        assert_eq!(
            scan.diagnostic().message.zh,
            "无文字层，可能是扫描件，未检查：3 页，3 幅图像"
        );
        assert_eq!(
            problem(PdfError::Encrypted).problem,
            InputProblem::Unreadable
        );
        let corrupt = problem(PdfError::Corrupt {
            reason: "no pages".into(),
        });
        assert_eq!(corrupt.problem, InputProblem::Unreadable);
        assert!(corrupt.diagnostic().message.en.contains("damaged"));
        let over = problem(PdfError::OverBudget {
            budget: nianbao_html::Budget::Pages,
            limit: 500,
        });
        assert_eq!(over.problem, InputProblem::TooLarge);
        assert_eq!(problem(PdfError::NotPdf).problem, InputProblem::NotAReport);
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
            Err(InputProblem::Unreadable)
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

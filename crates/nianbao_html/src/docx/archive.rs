//! `word/document.xml` out of a `.docx`: the zip read and the entry inflated while counting,
//! under [`DocxLimits`]; a file that is not such an archive named for why (damaged, encrypted,
//! an old `.doc`, not a zip at all).

use crate::ExtractError;
use nianbao_model::Message;
use std::io::{Cursor, Read};

/// How much a `.docx` may inflate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocxLimits {
    /// Largest `word/document.xml` accepted, in bytes after inflating.
    pub max_document_bytes: u64,
    /// Largest inflated / compressed ratio accepted once the entry passes
    /// [`DocxLimits::ratio_floor`] bytes. Word XML compresses about 5–20 times; 100 leaves room
    /// for very repetitive tables while refusing bombs, which inflate thousands of times.
    pub max_ratio: u64,
    /// Below this many inflated bytes the ratio is not checked: a small entry cannot hurt.
    pub ratio_floor: u64,
}

impl Default for DocxLimits {
    fn default() -> Self {
        Self {
            max_document_bytes: 64 * 1024 * 1024,
            max_ratio: 100,
            ratio_floor: 1024 * 1024,
        }
    }
}

const DOCUMENT: &str = "word/document.xml";

/// An OLE compound file: what Word writes for a password-protected `.docx` (the encrypted
/// package inside such a container) and for the old binary `.doc`.
const COMPOUND_FILE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const ZIP: &[u8] = b"PK\x03\x04";

/// Why bytes that should be a `.docx` are not a zip archive that can be read.
fn not_zip(bytes: &[u8], error: &zip::result::ZipError) -> ExtractError {
    use zip::result::ZipError;
    if bytes.starts_with(COMPOUND_FILE) {
        // An encrypted package names its stream in UTF-16: "EncryptedPackage".
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let encrypted = bytes.windows(marker.len()).any(|window| window == marker);
        return if encrypted {
            ExtractError::Encrypted
        } else {
            ExtractError::LegacyWord
        };
    }
    if let ZipError::UnsupportedArchive(what) = error {
        if *what == ZipError::PASSWORD_REQUIRED {
            return ExtractError::Encrypted;
        }
    }
    if !bytes.starts_with(ZIP) {
        return ExtractError::NotZip;
    }
    let reason = match error {
        ZipError::InvalidArchive(_) => Message::new(
            "压缩包目录缺失或损坏（文件可能不完整）",
            "the archive's directory is missing or damaged (is the file cut short?)",
        ),
        ZipError::UnsupportedArchive(what) => Message::new(
            format!("不支持的压缩格式：{what}"),
            format!("unsupported archive: {what}"),
        ),
        ZipError::Io(io) => Message::new(
            format!("压缩包无法读取：{io}"),
            format!("the archive could not be read: {io}"),
        ),
        other => Message::new(other.to_string(), other.to_string()),
    };
    ExtractError::Damaged { reason }
}

/// The text of `word/document.xml`, inflated while counting: the sizes the archive declares
/// are not trusted.
pub(crate) fn document_xml(bytes: &[u8], limits: &DocxLimits) -> Result<String, ExtractError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| not_zip(bytes, &error))?;
    let mut entry = match archive.by_name(DOCUMENT) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Err(ExtractError::NoDocument),
        Err(error) => return Err(not_zip(bytes, &error)),
    };
    let compressed = entry
        .compressed_size()
        .min(u64::try_from(bytes.len()).unwrap_or(u64::MAX))
        .max(1);
    let mut inflated = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let read = entry
            .read(&mut chunk)
            .map_err(|error| ExtractError::Damaged {
                reason: Message::new(
                    format!("{DOCUMENT} 无法解压：{error}"),
                    format!("{DOCUMENT} could not be inflated: {error}"),
                ),
            })?;
        if read == 0 {
            break;
        }
        inflated.extend_from_slice(chunk.get(..read).unwrap_or(&[]));
        let total = u64::try_from(inflated.len()).unwrap_or(u64::MAX);
        if total > limits.max_document_bytes {
            return Err(ExtractError::TooLarge {
                limit: limits.max_document_bytes,
            });
        }
        if total > limits.ratio_floor && total / compressed > limits.max_ratio {
            return Err(ExtractError::Ratio {
                limit: limits.max_ratio,
            });
        }
    }
    // Without a copy of the whole entry: the BOM is three bytes at its start.
    if inflated.starts_with(b"\xEF\xBB\xBF") {
        inflated.drain(..3);
    }
    String::from_utf8(inflated).map_err(|_| ExtractError::Encoding {
        declared: Some("UTF-8".to_owned()),
    })
}

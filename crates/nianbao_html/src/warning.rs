//! What a document was read with: a file can be read and still not be read entirely as written
//! (damaged bytes replaced, a table too large to expand). Each such place is a [`ReadWarning`],
//! for the caller to report beside the findings, so that nothing is left out in silence.

use nianbao_model::Message;
use nianbao_source::{Damage, Span};

/// A place where the document was not read exactly as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadWarning {
    /// Where, in [`crate::Document::text`] (the grammar's text).
    pub span: Span,
    pub warning: Warning,
}

/// What was not read as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warning {
    /// Bytes that are not text in the file's encoding (or a NUL), replaced by U+FFFD.
    Replaced {
        damage: Damage,
        encoding: &'static str,
    },
    /// A table whose merged cells expand past `limit` slots: only its first `rows_read` rows
    /// of `rows` were read.
    TableTooLarge {
        limit: usize,
        rows_read: usize,
        rows: usize,
    },
    /// The document's tables together expand past `limit` slots: from this row on, no table
    /// was read.
    TablesTooLarge { limit: usize },
}

impl Warning {
    /// What was not read, in both languages.
    pub fn message(&self) -> Message {
        match *self {
            Self::Replaced {
                damage: Damage::Nul,
                ..
            } => Message::new(
                "此处有 NUL 字节（文件可能在下载或复制中受损），已替换为 U+FFFD 后继续检查",
                "NUL bytes here (the file may have been damaged in a download or copy); \
                 replaced by U+FFFD and checked on",
            ),
            Self::Replaced {
                damage: Damage::Invalid,
                encoding,
            } => Message::new(
                format!("此处的字节不是有效的 {encoding} 文本，已替换为 U+FFFD 后继续检查"),
                format!(
                    "the bytes here are not valid {encoding}; replaced by U+FFFD and checked on"
                ),
            ),
            Self::TableTooLarge {
                limit,
                rows_read,
                rows,
            } => Message::new(
                format!(
                    "合并单元格展开后超过 {limit} 个单元格，只读取了 {rows} 行中的前 {rows_read} \
                     行，其余未检查"
                ),
                format!(
                    "its merged cells expand past {limit} cells; only the first {rows_read} of \
                     its {rows} rows were read, the rest was not checked"
                ),
            ),
            Self::TablesTooLarge { limit } => Message::new(
                format!(
                    "文件中的表格合计展开后超过 {limit} 个单元格：从此行起的表格内容均未读取、未检查"
                ),
                format!(
                    "the file's tables expand past {limit} cells in all: from this row on, no \
                     table was read or checked"
                ),
            ),
        }
    }
}

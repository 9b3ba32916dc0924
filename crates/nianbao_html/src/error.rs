//! Why a page or a Word file could not be read, in both user languages.

use nianbao_model::Message;
use std::fmt;

/// Why a page or a Word file could not be read. What each means for a run (a binary file, a
/// file too large, not a report) is for the caller to say: the CLI maps each to its input codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtractError {
    /// NUL bytes in what should be a page.
    Binary,
    /// Not decodable in the declared encoding nor as UTF-8 or GB18030.
    Encoding { declared: Option<String> },
    /// A `.docx` that is not a zip archive at all (nor a Word container).
    NotZip,
    /// A zip archive that is damaged or cut short; the reason in both languages.
    Damaged { reason: Message },
    /// A password-protected Word file: its package is encrypted.
    Encrypted,
    /// An old binary Word document (`.doc`) under a `.docx` name.
    LegacyWord,
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
            Self::NotZip => Message::new(
                "不是 Word（.docx）文件：内容不是 zip 压缩包",
                "not a Word (.docx) file: the content is not a zip archive",
            ),
            Self::Damaged { reason } => Message::new(
                format!("不是完整的 Word（.docx）文件：{}", reason.zh),
                format!("not a complete Word (.docx) file: {}", reason.en),
            ),
            Self::Encrypted => Message::new(
                "Word 文件设有打开密码（内容已加密），无法读取；请提供未加密的文件",
                "the Word file is password-protected (its content is encrypted) and cannot be \
                 read; provide an unencrypted copy",
            ),
            Self::LegacyWord => Message::new(
                "这是旧版 Word（.doc）格式，不是 .docx；请另存为 .docx 或纯文本",
                "this is an old Word (.doc) file, not a .docx; save it as .docx or plain text",
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

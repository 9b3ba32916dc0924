//! Why a PDF could not be read, one variant per thing a reviewer must be told.

use nianbao_model::Message;
use std::fmt;

/// A limit of [`crate::PdfLimits`] that a document went past.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    Pages,
    Glyphs,
    Paths,
    /// Inflated size of one stream.
    StreamBytes,
    /// Inflated size of all the document's non-image streams.
    DecodedBytes,
}

impl Budget {
    fn name(self) -> (&'static str, &'static str) {
        match self {
            Self::Pages => ("页数", "pages"),
            Self::Glyphs => ("字形数", "glyphs"),
            Self::Paths => ("图形数", "paths"),
            Self::StreamBytes => ("单个数据流解压后字节数", "inflated bytes of one stream"),
            Self::DecodedBytes => ("数据流解压后总字节数", "inflated bytes of all streams"),
        }
    }
}

/// Why [`crate::extract_pdf`] gave no text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// The bytes do not start like a PDF (`%PDF-` within the first KiB).
    NotPdf,
    /// Encrypted with a user password (or an encryption the reader does not support): the text
    /// cannot be read without the password.
    Encrypted,
    /// Damaged or cut short: no page could be read, or the interpreter failed on it.
    Corrupt { reason: String },
    /// Pages were read but hold no text, only images or drawings: a scan, or text whose fonts
    /// carry no Unicode values. Nothing could be checked.
    NoTextLayer {
        pages: u32,
        images: u32,
        unmapped_glyphs: u32,
    },
    /// The document asks for more work than [`crate::PdfLimits`] allows.
    OverBudget { budget: Budget, limit: u64 },
}

impl PdfError {
    /// The reason in both languages.
    pub fn message(&self) -> Message {
        match self {
            Self::NotPdf => Message::new("不是 PDF 文件", "not a PDF file"),
            Self::Encrypted => Message::new(
                "PDF 已加密，需要密码才能打开，未检查",
                "the PDF is encrypted and needs a password to open; not checked",
            ),
            Self::Corrupt { reason } => Message::new(
                format!("PDF 文件已损坏，无法读取：{reason}"),
                format!("the PDF is damaged and cannot be read: {reason}"),
            ),
            Self::NoTextLayer {
                pages,
                images,
                unmapped_glyphs,
            } => {
                if *unmapped_glyphs > 0 {
                    Message::new(
                        format!(
                            "PDF 的文字没有 Unicode 编码（{pages} 页，{unmapped_glyphs} 个字形无法识别），无法提取文字，未检查"
                        ),
                        format!(
                            "the PDF's text has no Unicode values ({pages} pages, {unmapped_glyphs} glyphs unreadable); no text could be extracted, not checked"
                        ),
                    )
                } else {
                    Message::new(
                        format!("无文字层，可能是扫描件，未检查（{pages} 页，{images} 幅图像）"),
                        format!(
                            "no text layer, probably a scan; not checked ({pages} pages, {images} images)"
                        ),
                    )
                }
            }
            Self::OverBudget { budget, limit } => {
                let (zh, en) = budget.name();
                Message::new(
                    format!("PDF 超出处理上限（{zh}上限 {limit}），未检查"),
                    format!("the PDF exceeds a processing limit ({en}: {limit}); not checked"),
                )
            }
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for PdfError {}

//! The encodings a report file is read in, and how much damage a text may carry and still be read.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use serde::Serialize;

/// The encoding a source was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl SourceEncoding {
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 (BOM)",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Gb18030 => "GB18030",
        }
    }

    pub(crate) fn codec(self) -> &'static Encoding {
        match self {
            Self::Utf8 | Self::Utf8Bom => UTF_8,
            Self::Utf16Le => UTF_16LE,
            Self::Utf16Be => UTF_16BE,
            Self::Gb18030 => GB18030,
        }
    }
}

/// A file is read as text with its damage replaced only when at most one byte in this many is
/// damaged (a NUL, or a byte of an invalid sequence): a report of a few kilobytes may carry a
/// dozen stray bytes, while binary data and text in an unknown encoding break far more often.
pub const DAMAGE_RATIO: usize = 500;

/// Whether `damaged` bytes of `len` are few enough to replace.
pub(crate) fn rare(damaged: usize, len: usize) -> bool {
    damaged.saturating_mul(DAMAGE_RATIO) <= len
}

//! Bytes to text, and byte offsets back to what an editor shows.
//!
//! This crate owns everything that happens before parsing: recognising the encoding of a report
//! file (UTF-8 with or without BOM, UTF-16 with or without BOM, GB18030/GBK), refusing binary
//! data while replacing (and locating) the rare damaged byte of a file that is otherwise text,
//! naming the characters that print nothing ([`is_invisible`]), the [`Span`] / [`LineIndex`]
//! pair that every later stage uses to point at text, and the [`SourceMap`] that takes a span
//! of a derived text (extracted from markup, or the parser's logical lines) back to the text the
//! user opened.
//! Spans are byte offsets into the *decoded* text; positions are reported in characters (and in
//! UTF-16 code units for editors that count that way), never in bytes, because one Chinese
//! character is three bytes of UTF-8.

mod binary;
mod decode;
mod encoding;
mod index;
mod map;

pub use binary::looks_binary;
pub use decode::{Damage, DecodeError, Decoded, Replacement, decode};
pub use encoding::{DAMAGE_RATIO, SourceEncoding};
pub use index::{ColumnUnit, LineIndex, Position};
pub use map::{MapWriter, SourceMap};

use serde::Serialize;

/// A half-open byte range `[start, end)` in a decoded source text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// Builds a span from `usize` offsets, saturating at `u32::MAX` (inputs that large are refused
    /// by the size limit long before this matters).
    pub fn from_range(range: std::ops::Range<usize>) -> Self {
        let clamp = |value: usize| u32::try_from(value).unwrap_or(u32::MAX);
        Self::new(clamp(range.start), clamp(range.end))
    }

    pub const fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text under this span, or `""` when the span does not fall on character boundaries
    /// of `text` (which would be a bug upstream, but must never panic a corpus run).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

/// Characters that print nothing and never carry a report's meaning: zero-width space, non-joiner
/// and joiner, word joiner, a byte order mark inside the text (U+FEFF), and the soft hyphen.
/// Copied from a web page or a Word file into a report, one inside `1\u{200B}23` splits the
/// number a reader sees as 123; front ends read past them.
pub fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Whether `text` holds a character [`is_invisible`] says prints nothing. Searched on the bytes,
/// vectorised: each of those characters starts with 0xC2, 0xE2 or 0xEF, which in UTF-8 only
/// ever start a character, so a match of its whole encoding is the character itself. 0xEF also
/// starts the full-width punctuation of every Chinese sentence (`，（）：`), where a search for
/// the three lead bytes stopped again and again: U+FEFF, the one invisible character it leads,
/// is searched for whole instead.
pub fn contains_invisible(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xC2, 0xE2, bytes).any(|at| {
        matches!(
            bytes.get(at..),
            Some([0xC2, 0xAD, ..] | [0xE2, 0x80, 0x8B..=0x8D, ..] | [0xE2, 0x81, 0xA0, ..])
        )
    }) || memchr::memmem::find(bytes, "\u{FEFF}".as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte search agrees with the definition on characters, for text mixing Chinese,
        /// full-width punctuation, dashes and quotes (their bytes start like the invisible
        /// characters'), and the invisible characters themselves.
        #[test]
        fn contains_invisible_matches_its_definition(
            text in "[偃师a-z0-9 ，：（）“”—…\u{00A0}-\u{00B0}\u{2000}-\u{2070}\u{FE00}-\u{FFFF}]{0,40}",
        ) {
            prop_assert_eq!(contains_invisible(&text), text.contains(is_invisible));
        }
    }

    #[test]
    fn span_slice_never_panics() {
        assert_eq!(Span::new(1, 2).slice("总"), "");
        assert_eq!(Span::new(0, 3).slice("总"), "总");
        assert_eq!(Span::new(5, 9).slice("ab"), "");
    }
}

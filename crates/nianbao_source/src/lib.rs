//! Bytes to text, and byte offsets back to what an editor shows.
//!
//! This crate owns everything that happens before parsing: recognising the encoding of a report
//! file (UTF-8 with or without BOM, UTF-16 with or without BOM, GB18030/GBK), refusing binary
//! data, the [`Span`] / [`LineIndex`] pair that every later stage uses to point at text, and the
//! [`SourceMap`] that takes a span of a derived text (extracted from markup, or the parser's
//! logical lines) back to the text the user opened.
//! Spans are byte offsets into the *decoded* text; positions are reported in characters (and in
//! UTF-16 code units for editors that count that way), never in bytes, because one Chinese
//! character is three bytes of UTF-8.

mod map;

pub use map::{MapWriter, SourceMap};

use serde::Serialize;
use std::fmt;

/// A half-open byte range `[start, end)` in a decoded source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
}

/// Why bytes could not be turned into text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or mostly control characters: not a text file at all.
    Binary,
    /// A BOM announced an encoding and the bytes broke it.
    InvalidBom { encoding: SourceEncoding },
    /// Neither UTF-8, UTF-16 nor GB18030.
    UnknownEncoding,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Binary => f.write_str("binary data, not text"),
            Self::InvalidBom { encoding } => {
                write!(
                    f,
                    "the file starts with a {} BOM but is not valid {}",
                    encoding.label(),
                    encoding.label()
                )
            }
            Self::UnknownEncoding => f.write_str("not valid UTF-8, UTF-16 or GB18030 text"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decoded text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: SourceEncoding,
}

/// Decodes a report file. The byte order mark, if any, is removed; line endings are kept as they
/// are so that spans map one to one onto the decoded text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => text_or_binary(text.to_owned(), SourceEncoding::Utf8Bom),
            Err(_) => Err(DecodeError::InvalidBom {
                encoding: SourceEncoding::Utf8Bom,
            }),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, SourceEncoding::Utf16Le)
            .ok_or(DecodeError::InvalidBom {
                encoding: SourceEncoding::Utf16Le,
            })
            .and_then(|text| text_or_binary(text, SourceEncoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, SourceEncoding::Utf16Be)
            .ok_or(DecodeError::InvalidBom {
                encoding: SourceEncoding::Utf16Be,
            })
            .and_then(|text| text_or_binary(text, SourceEncoding::Utf16Be));
    }
    if bytes.contains(&0) {
        // UTF-16 without a BOM is the one text encoding that is full of NUL bytes.
        return match guess_bomless_utf16(bytes) {
            Some(encoding) => decode_utf16(bytes, encoding)
                .ok_or(DecodeError::Binary)
                .and_then(|text| text_or_binary(text, encoding)),
            None => Err(DecodeError::Binary),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text_or_binary(text.to_owned(), SourceEncoding::Utf8);
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::UnknownEncoding);
    }
    text_or_binary(text.into_owned(), SourceEncoding::Gb18030)
}

fn decode_utf16(bytes: &[u8], encoding: SourceEncoding) -> Option<String> {
    let codec = match encoding {
        SourceEncoding::Utf16Be => encoding_rs::UTF_16BE,
        _ => encoding_rs::UTF_16LE,
    };
    if bytes.len() % 2 != 0 {
        return None;
    }
    let (text, had_errors) = codec.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// In UTF-16 text made mostly of ASCII or CJK, one byte of each pair is far more often zero than
/// the other; binary data shows no such regularity.
fn guess_bomless_utf16(bytes: &[u8]) -> Option<SourceEncoding> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let pairs = bytes.len() / 2;
    let (mut zero_even, mut zero_odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        zero_even += usize::from(pair[0] == 0);
        zero_odd += usize::from(pair[1] == 0);
    }
    if zero_odd * 4 >= pairs && zero_even * 8 <= pairs {
        Some(SourceEncoding::Utf16Le)
    } else if zero_even * 4 >= pairs && zero_odd * 8 <= pairs {
        Some(SourceEncoding::Utf16Be)
    } else {
        None
    }
}

/// Valid text can still be binary: a decoded file dominated by control characters (other than
/// tab, line feed, carriage return and form feed) is not a report.
fn text_or_binary(text: String, encoding: SourceEncoding) -> Result<Decoded, DecodeError> {
    let (total, control) = control_share(&text, 8192);
    if total > 0 && control * 10 > total {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded { text, encoding })
}

/// Of the first `sample` characters of `text`: how many there are, and how many are control
/// characters other than tab, line feed, carriage return and form feed. Counted on the bytes
/// (this runs on every file read): a control character is a byte below 0x20, 0x7F, or a C1
/// control, which UTF-8 writes as 0xC2 0x80–0x9F; a character starts at every byte that is not
/// a continuation byte.
fn control_share(text: &str, sample: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let c1 = |at: usize| {
        bytes
            .get(at + 1)
            .is_some_and(|next| (0x80..=0x9F).contains(next))
    };
    if bytes.len() <= sample {
        // The whole text is the sample (a report is a few thousand characters): count with
        // loops the compiler vectorises rather than byte by byte.
        let c0 = bytes
            .iter()
            .filter(|&&byte| {
                (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C)) || byte == 0x7F
            })
            .count();
        let c1 = bytes
            .iter()
            .enumerate()
            .filter(|&(at, &byte)| byte == 0xC2 && c1(at))
            .count();
        return (text.chars().count(), c0 + c1);
    }
    let (mut total, mut control) = (0usize, 0usize);
    for (at, &byte) in bytes.iter().enumerate() {
        if byte & 0xC0 == 0x80 {
            continue;
        }
        if total == sample {
            break;
        }
        total += 1;
        let is_control = match byte {
            b'\t' | b'\n' | b'\r' | 0x0C => false,
            0x00..=0x1F | 0x7F => true,
            0xC2 => bytes
                .get(at + 1)
                .is_some_and(|next| (0x80..=0x9F).contains(next)),
            _ => false,
        };
        if is_control {
            control += 1;
        }
    }
    (total, control)
}

/// A position as editors show it. Lines and columns are 1-based; `column` counts Unicode scalar
/// values (a tab is one column), `utf16_column` counts UTF-16 code units (LSP's default),
/// `byte_column` counts UTF-8 bytes (Vim's `%c`, LSP's `utf-8` encoding).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub utf16_column: u32,
    pub byte_column: u32,
}

impl Position {
    /// The column counted in `unit`.
    pub fn column_in(&self, unit: ColumnUnit) -> u32 {
        match unit {
            ColumnUnit::Char => self.column,
            ColumnUnit::Utf16 => self.utf16_column,
            ColumnUnit::Byte => self.byte_column,
        }
    }
}

/// What a column counts. Every tool agrees on lines and disagrees on columns: people and most
/// of our output count characters, Vim and LSP's `utf-8` encoding count bytes, LSP's default
/// and VS Code count UTF-16 code units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnUnit {
    /// Unicode scalar values: `偃` is one column.
    #[default]
    Char,
    /// UTF-8 bytes: `偃` is three.
    Byte,
    /// UTF-16 code units: `偃` is one, `𠀀` two.
    Utf16,
}

/// Maps byte offsets of one text to lines and character columns.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, byte)| byte == b'\n')
                .map(|(offset, _)| u32::try_from(offset + 1).unwrap_or(u32::MAX)),
        );
        Self { line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 1-based line holding `offset`.
    pub fn line_of(&self, offset: u32) -> u32 {
        let index = self.line_starts.partition_point(|&start| start <= offset);
        u32::try_from(index.max(1)).unwrap_or(u32::MAX)
    }

    /// Byte offset where 1-based `line` starts, if the line exists.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts
            .get((line as usize).checked_sub(1)?)
            .copied()
    }

    /// The editor position of byte `offset` in `text` (the text this index was built from).
    /// An offset inside a multi-byte character is treated as that character's start.
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let offset = offset.min(u32::try_from(text.len()).unwrap_or(u32::MAX));
        let line = self.line_of(offset);
        let start = self.line_start(line).unwrap_or(0) as usize;
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = text.get(start..end).unwrap_or("");
        let column = prefix.chars().count() + 1;
        // A character takes two UTF-16 units exactly when UTF-8 takes four bytes for it, and
        // those start with 0xF0–0xF4: counting bytes vectorises, decoding characters does not.
        // (In chunks of 255 with a byte-wide counter, which vectorises to full-width lanes.)
        let astral: usize = prefix
            .as_bytes()
            .chunks(255)
            .map(|chunk| {
                let in_chunk = chunk.iter().fold(0_u8, |count, &byte| {
                    count.wrapping_add(u8::from(byte >= 0xF0))
                });
                usize::from(in_chunk)
            })
            .sum();
        let utf16_column = column + astral;
        Position {
            line,
            column: u32::try_from(column).unwrap_or(u32::MAX),
            utf16_column: u32::try_from(utf16_column).unwrap_or(u32::MAX),
            byte_column: u32::try_from(prefix.len() + 1).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of 1-based `line` and `column` (counted in `unit`) in `text`: the inverse
    /// of [`LineIndex::position`]. Like LSP, a column past the end of the line means the end of
    /// the line (before its `\n` or `\r\n`), a line past the last means the end of the text,
    /// and a column inside a character (a byte of `偃`, half a surrogate pair) means that
    /// character's start.
    pub fn offset(&self, text: &str, line: u32, column: u32, unit: ColumnUnit) -> u32 {
        let Some(start) = self.line_start(line.max(1)) else {
            return u32::try_from(text.len()).unwrap_or(u32::MAX);
        };
        let rest = text.get(start as usize..).unwrap_or("");
        let content = rest.split('\n').next().unwrap_or("");
        let content = content.strip_suffix('\r').unwrap_or(content);
        let wanted = column.saturating_sub(1) as usize;
        let mut counted = 0usize;
        let mut at = content.len();
        for (offset, ch) in content.char_indices() {
            let width = match unit {
                ColumnUnit::Char => 1,
                ColumnUnit::Byte => ch.len_utf8(),
                ColumnUnit::Utf16 => ch.len_utf16(),
            };
            if counted + width > wanted {
                at = offset;
                break;
            }
            counted += width;
        }
        start.saturating_add(u32::try_from(at).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Columns in characters and in UTF-16 units, as their definitions say, at every
        /// character boundary of text mixing Chinese, ASCII, line breaks and astral characters,
        /// on lines long enough to cross the 255-byte chunks of the UTF-16 count.
        #[test]
        fn positions_match_their_definition(text in "[偃师a-z0-9 \t\n😀𠀀é]{0,200}") {
            let index = LineIndex::new(&text);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let position = index.position(&text, offset as u32);
                let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
                let prefix = &text[line_start..offset];
                prop_assert_eq!(position.line as usize, text[..offset].matches('\n').count() + 1);
                prop_assert_eq!(position.column as usize, prefix.chars().count() + 1);
                prop_assert_eq!(
                    position.utf16_column as usize,
                    prefix.chars().map(char::len_utf16).sum::<usize>() + 1
                );
                prop_assert_eq!(position.byte_column as usize, prefix.len() + 1);
                // And back, in every unit.
                for unit in [ColumnUnit::Char, ColumnUnit::Byte, ColumnUnit::Utf16] {
                    let back = index.offset(&text, position.line, position.column_in(unit), unit);
                    prop_assert_eq!(back as usize, offset);
                }
            }
        }

        /// The byte count agrees with the definition on characters, for text mixing Chinese,
        /// ASCII, C0 and C1 controls and the allowed whitespace, at any sample size.
        #[test]
        fn control_share_matches_its_definition(
            text in "[偃师a-z0-9 \t\n\r\u{0C}\u{00}-\u{1F}\u{7F}\u{80}-\u{A0}é€😀]{0,60}",
            sample in 0_usize..70,
        ) {
            let chars: Vec<char> = text.chars().take(sample).collect();
            let control = chars
                .iter()
                .filter(|&&ch| ch.is_control() && !matches!(ch, '\t' | '\n' | '\r' | '\x0c'))
                .count();
            prop_assert_eq!(control_share(&text, sample), (chars.len(), control));
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "一、总体情况\n偃师区 2024 年\t81 件";
        let index = LineIndex::new(text);
        let offset = text.find("81").unwrap() as u32;
        let position = index.position(text, offset);
        assert_eq!(position.line, 2);
        // 偃 师 区 ␠ 2 0 2 4 ␠ 年 ⇥ → "81" is the 12th character.
        assert_eq!(position.column, 12);
        assert_eq!(position.utf16_column, 12);
        // Vim's byte column: 偃师区年 are three bytes each, ` 2024 ` and the tab one each.
        assert_eq!(position.byte_column, 20);
        assert_eq!(position.column_in(ColumnUnit::Byte), 20);
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "𠀀a";
        let position = LineIndex::new(text).position(text, 4);
        assert_eq!((position.column, position.utf16_column), (2, 3));
    }

    #[test]
    fn offsets_from_columns_clamp_like_lsp() {
        let text = "总计\t81\r\n𠀀a\n";
        let index = LineIndex::new(text);
        // Past the end of a line: its end, before the CR LF.
        assert_eq!(index.offset(text, 1, 99, ColumnUnit::Utf16), 9);
        // Inside a character: its start (the second byte of 总, the low surrogate of 𠀀).
        assert_eq!(index.offset(text, 1, 2, ColumnUnit::Byte), 0);
        assert_eq!(index.offset(text, 2, 2, ColumnUnit::Utf16), 11);
        assert_eq!(index.offset(text, 2, 3, ColumnUnit::Utf16), 15);
        // Past the last line: the end of the text.
        assert_eq!(
            index.offset(text, 9, 1, ColumnUnit::Char),
            text.len() as u32
        );
        assert_eq!(
            index.offset(text, 3, 1, ColumnUnit::Char),
            text.len() as u32
        );
    }

    #[test]
    fn offsets_inside_a_character_snap_back() {
        let text = "总计";
        let position = LineIndex::new(text).position(text, 4);
        assert_eq!(position.column, 2);
    }

    #[test]
    fn crlf_lines() {
        let text = "a\r\nbc\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 4).line, 2);
        assert_eq!(index.position(text, 4).column, 2);
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn decodes_every_supported_encoding() {
        let text = "三、收到和处理政府信息公开申请情况\r\n81\t0";
        let utf8 = decode(text.as_bytes()).unwrap();
        assert_eq!(
            (utf8.text.as_str(), utf8.encoding),
            (text, SourceEncoding::Utf8)
        );

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom).unwrap().encoding, SourceEncoding::Utf8Bom);
        assert_eq!(decode(&bom).unwrap().text, text);

        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let decoded = decode(&gb).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (text, SourceEncoding::Gb18030)
        );

        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut le_bom = b"\xFF\xFE".to_vec();
        le_bom.extend_from_slice(&le);
        assert_eq!(decode(&le_bom).unwrap().text, text);
        assert_eq!(decode(&le_bom).unwrap().encoding, SourceEncoding::Utf16Le);

        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut be_bom = b"\xFE\xFF".to_vec();
        be_bom.extend_from_slice(&be);
        assert_eq!(decode(&be_bom).unwrap().encoding, SourceEncoding::Utf16Be);
    }

    #[test]
    fn bomless_utf16_with_ascii_is_recognised() {
        let text = "2024 report: 81 0 0 0 0 0 81\n一、总体情况";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let decoded = decode(&le).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (text, SourceEncoding::Utf16Le)
        );
    }

    #[test]
    fn binary_and_garbage_are_refused() {
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00\x3e"),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(&[0x80, 0xFF, 0xFE, 0x81]),
            Err(DecodeError::UnknownEncoding)
        );
        assert_eq!(decode(b"\x01\x02\x03\x04\x05abc"), Err(DecodeError::Binary));
        assert_eq!(
            decode(b"\xEF\xBB\xBF\xFF"),
            Err(DecodeError::InvalidBom {
                encoding: SourceEncoding::Utf8Bom
            })
        );
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }

    #[test]
    fn span_slice_never_panics() {
        assert_eq!(Span::new(1, 2).slice("总"), "");
        assert_eq!(Span::new(0, 3).slice("总"), "总");
        assert_eq!(Span::new(5, 9).slice("ab"), "");
    }
}

//! Bytes to text: which encoding a report file is in (UTF-8 with or without BOM, UTF-16 with or
//! without BOM, GB18030/GBK), what is binary data rather than text, and what to do with a few
//! damaged bytes in a file that is otherwise clearly text.
//!
//! A download cut and resumed, a copy through a bad share or a careless editor leaves a stray
//! NUL byte or an invalid UTF-8 sequence in an otherwise good report. Refusing the whole report
//! for one byte would hide every finding it has; so when the damage is rare (at most one byte
//! in [`DAMAGE_RATIO`]), each damaged byte or sequence is replaced by U+FFFD and its place is
//! returned ([`Decoded::replaced`]) for the caller to report. Beyond that share the bytes are
//! binary data or a text in an encoding nianbao does not read, and are refused.

use crate::Span;
use crate::binary::{guess_bomless_utf16, mostly_control};
use crate::encoding::{DAMAGE_RATIO, SourceEncoding, rare};
use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};
use serde::Serialize;
use std::fmt;

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

/// What a replaced character stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Damage {
    /// A NUL byte (U+0000), which no report text holds.
    Nul,
    /// Bytes that are not a character in the file's encoding.
    Invalid,
}

/// A U+FFFD the decoder wrote in place of damaged bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Replacement {
    /// The U+FFFD in the decoded text.
    pub span: Span,
    pub damage: Damage,
}

/// Decoded text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: SourceEncoding,
    /// Where damaged bytes were replaced by U+FFFD, in text order; empty for a sound file.
    pub replaced: Vec<Replacement>,
}

/// Decodes a report file. The byte order mark, if any, is removed; line endings are kept as they
/// are so that spans map one to one onto the decoded text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let boms = [
        (&b"\xEF\xBB\xBF"[..], SourceEncoding::Utf8Bom),
        (&b"\xFF\xFE"[..], SourceEncoding::Utf16Le),
        (&b"\xFE\xFF"[..], SourceEncoding::Utf16Be),
    ];
    for (bom, encoding) in boms {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return read_as(rest, encoding)
                .ok_or(DecodeError::InvalidBom { encoding })
                .and_then(text_or_binary);
        }
    }
    if memchr::memchr(0, bytes).is_some() {
        // UTF-16 without a BOM is the one text encoding that is full of NUL bytes.
        if let Some(encoding) = guess_bomless_utf16(bytes) {
            return read_as(bytes, encoding)
                .ok_or(DecodeError::Binary)
                .and_then(text_or_binary);
        }
        let nul = bytes.iter().filter(|&&byte| byte == 0).count();
        if !rare(nul, bytes.len()) {
            return Err(DecodeError::Binary);
        }
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return text_or_binary(sound(text.to_owned(), SourceEncoding::Utf8));
    }
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return text_or_binary(sound(text.into_owned(), SourceEncoding::Gb18030));
    }
    // Damaged: read with replacement in whichever encoding breaks less, if either breaks
    // rarely enough for the rest to be clearly text.
    let utf8 = lossy(UTF_8, bytes);
    let gb = lossy(GB18030, bytes);
    let (decoded, encoding) = match (utf8, gb) {
        (Some(utf8), Some(gb)) if gb.1.len() < utf8.1.len() => (gb, SourceEncoding::Gb18030),
        (Some(utf8), _) => (utf8, SourceEncoding::Utf8),
        (None, Some(gb)) => (gb, SourceEncoding::Gb18030),
        (None, None) => return Err(DecodeError::UnknownEncoding),
    };
    let (text, invalid) = decoded;
    text_or_binary(with_nuls_replaced(text, encoding, invalid))
}

/// Valid text can still be binary: a decoded file dominated by control characters is not a report.
fn text_or_binary(decoded: Decoded) -> Result<Decoded, DecodeError> {
    if mostly_control(&decoded.text) {
        return Err(DecodeError::Binary);
    }
    Ok(decoded)
}

/// `bytes` in `encoding`, with rare damage replaced; `None` when it is not rare.
fn read_as(bytes: &[u8], encoding: SourceEncoding) -> Option<Decoded> {
    let (text, invalid) = lossy(encoding.codec(), bytes)?;
    let decoded = with_nuls_replaced(text, encoding, invalid);
    rare(decoded.replaced.len(), bytes.len()).then_some(decoded)
}

/// A text decoded without damage, but for the NUL characters it may hold.
fn sound(text: String, encoding: SourceEncoding) -> Decoded {
    with_nuls_replaced(text, encoding, Vec::new())
}

/// Decodes with every invalid sequence replaced by U+FFFD, stopping as soon as the damage is
/// no longer rare: the text and the places replaced.
fn lossy(encoding: &'static Encoding, bytes: &[u8]) -> Option<(String, Vec<Replacement>)> {
    let budget = bytes.len() / DAMAGE_RATIO;
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let mut replaced = Vec::new();
    let mut input = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, true);
        input = input.get(read..).unwrap_or(&[]);
        match result {
            DecoderResult::InputEmpty => return Some((text, replaced)),
            DecoderResult::OutputFull => text.reserve(input.len().saturating_mul(3).max(16)),
            DecoderResult::Malformed(..) => {
                if replaced.len() >= budget {
                    return None;
                }
                let at = text.len();
                text.push(char::REPLACEMENT_CHARACTER);
                replaced.push(Replacement {
                    span: Span::from_range(at..text.len()),
                    damage: Damage::Invalid,
                });
            }
        }
    }
}

/// Replaces the NUL characters of `text` by U+FFFD and merges their places with the invalid
/// sequences already replaced (`invalid`, in text order).
fn with_nuls_replaced(
    text: String,
    encoding: SourceEncoding,
    invalid: Vec<Replacement>,
) -> Decoded {
    if memchr::memchr(0, text.as_bytes()).is_none() {
        return Decoded {
            text,
            encoding,
            replaced: merged(invalid),
        };
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut replaced = Vec::with_capacity(invalid.len() + 1);
    let mut invalid = invalid.into_iter().peekable();
    // Offsets of `text` move by two bytes per NUL replaced before them.
    let mut shift = 0u32;
    for (at, ch) in text.char_indices() {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        while let Some(next) = invalid.next_if(|next| next.span.start < at) {
            replaced.push(Replacement {
                span: Span::new(next.span.start + shift, next.span.end + shift),
                ..next
            });
        }
        if ch == '\0' {
            let start = out.len();
            out.push(char::REPLACEMENT_CHARACTER);
            replaced.push(Replacement {
                span: Span::from_range(start..out.len()),
                damage: Damage::Nul,
            });
            shift += 2;
        } else {
            out.push(ch);
        }
    }
    replaced.extend(invalid.map(|next| Replacement {
        span: Span::new(next.span.start + shift, next.span.end + shift),
        ..next
    }));
    Decoded {
        text: out,
        encoding,
        replaced: merged(replaced),
    }
}

/// Adjacent replacements of one kind are one damaged place: a stray byte inside a character
/// breaks the character's other bytes too, and a run of NULs is one gap.
fn merged(replaced: Vec<Replacement>) -> Vec<Replacement> {
    let mut places: Vec<Replacement> = Vec::with_capacity(replaced.len());
    for next in replaced {
        match places.last_mut() {
            Some(last) if last.span.end == next.span.start && last.damage == next.damage => {
                last.span.end = next.span.end;
            }
            _ => places.push(next),
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The SIMD validator accepts exactly what the standard library's does: sound and
        /// damaged UTF-8, BOMs and NULs alike.
        #[test]
        fn utf8_accepted_as_the_standard_library_does(
            text in "[偃师a-z0-9 \n，]{0,200}",
            damage in proptest::collection::vec((any::<usize>(), prop_oneof![Just(0u8), Just(0xFF), Just(0x80), Just(0xEF), Just(0xBB), Just(0xFE), Just(0xE5)]), 0..3),
        ) {
            let mut bytes = text.into_bytes();
            for (at, byte) in damage {
                bytes.insert(at % (bytes.len() + 1), byte);
            }
            let plain = !bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.contains(&0);
            if let (true, Ok(text)) = (plain, std::str::from_utf8(&bytes)) {
                let decoded = decode(&bytes);
                prop_assert!(decoded.is_ok() || mostly_control(text));
                if let Ok(decoded) = decoded {
                    prop_assert_eq!(decoded.encoding, SourceEncoding::Utf8);
                    prop_assert_eq!(decoded.text, text);
                }
            } else {
                prop_assert!(decode(&bytes).map_or(true, |decoded| decoded.encoding != SourceEncoding::Utf8 || !decoded.replaced.is_empty() || !plain));
            }
        }
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

    /// The seed's first lines, long enough for a few damaged bytes to be rare.
    fn report() -> String {
        "一、总体情况\n本机关全年共受理依申请公开政府信息件 81 件。\n".repeat(40)
    }

    #[test]
    fn one_nul_byte_is_replaced_and_located() {
        let text = report();
        let mut bytes = text.as_bytes().to_vec();
        let at = text.find("81").unwrap();
        bytes.insert(at + 1, 0);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, SourceEncoding::Utf8);
        let [replaced] = decoded.replaced[..] else {
            panic!("{:?}", decoded.replaced)
        };
        assert_eq!(replaced.damage, Damage::Nul);
        assert_eq!(replaced.span.slice(&decoded.text), "\u{FFFD}");
        assert_eq!(replaced.span.start as usize, at + 1);
        assert!(decoded.text.starts_with(&text[..at]));
    }

    #[test]
    fn two_bad_utf8_sequences_are_replaced_where_they_are() {
        let text = report();
        let mut bytes = text.as_bytes().to_vec();
        // A lone continuation byte, and a lead byte cut short before ASCII.
        let first = text.find("总体").unwrap();
        bytes.insert(first, 0x80);
        bytes.insert(bytes.len() - 1, 0xE4);
        bytes.push(0);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, SourceEncoding::Utf8);
        let kinds: Vec<Damage> = decoded.replaced.iter().map(|r| r.damage).collect();
        assert_eq!(kinds, [Damage::Invalid, Damage::Invalid, Damage::Nul]);
        for replaced in &decoded.replaced {
            assert_eq!(replaced.span.slice(&decoded.text), "\u{FFFD}");
        }
        assert_eq!(decoded.replaced[0].span.start as usize, first);
        assert!(
            decoded.text.ends_with("件。\u{FFFD}\n\u{FFFD}"),
            "{:?}",
            &decoded.text[decoded.text.len() - 20..]
        );
    }

    #[test]
    fn a_byte_inside_a_character_is_one_damaged_place() {
        let text = report();
        let mut bytes = text.as_bytes().to_vec();
        // Inside 总 (three bytes): its lead, the byte and its two continuation bytes are each
        // invalid, and one place; so is a run of NULs.
        let nuls = text.find("81").unwrap();
        bytes.splice(nuls..nuls, [0, 0, 0]);
        let at = text.find("总体").unwrap() + 1;
        bytes.insert(at, 0xFF);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.replaced.len(), 2, "{:?}", decoded.replaced);
        assert_eq!(
            decoded.replaced[0].span.slice(&decoded.text),
            "\u{FFFD}".repeat(4)
        );
        assert_eq!(
            decoded.replaced[1].span.slice(&decoded.text),
            "\u{FFFD}".repeat(3)
        );
        assert_eq!(decoded.replaced[1].damage, Damage::Nul);
    }

    #[test]
    fn a_damaged_gbk_report_stays_gbk() {
        let text = report();
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        let mut bytes = gb.into_owned();
        // 0xFF is no GB18030 lead byte.
        bytes.insert(10, 0xFF);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, SourceEncoding::Gb18030);
        assert_eq!(decoded.replaced.len(), 1);
        assert!(decoded.text.contains("本机关全年共受理"));
    }

    #[test]
    fn frequent_damage_is_not_text() {
        let text = report();
        let mut bytes = text.as_bytes().to_vec();
        let damaged = bytes.len() / DAMAGE_RATIO + 2;
        for index in 0..damaged {
            bytes.insert(index * 7, 0);
        }
        assert_eq!(decode(&bytes), Err(DecodeError::Binary));
    }
}

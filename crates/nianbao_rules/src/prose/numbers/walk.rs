//! The walk over a sentence that reads its numbers ([`super::numbers_into`]): it steps through
//! the text a character at a time, stops where a number may start, and on the way notes
//! whitespace and folds the text ([`crate::fold`]) into the report's folded prose.
//!
//! Folding and the number reading look at the same characters — whitespace and the
//! full-width forms are where folding changes the text — so the prose is folded on this walk
//! instead of on a walk of its own for the cross facts and another for `mention`. The places
//! where the narrative phrases may start ([`PhraseStarts`]) are found on it too. Each character
//! is decoded and looked up in one bitmap of the code points any of these may care about
//! ([`PhraseStarts::looked_at`]): most Chinese characters are passed over on that one test,
//! where a test per concern on their first bytes made branches the processor mispredicted.

use super::Gathered;
use crate::fold::fold_append;
use crate::prose::starts::{ASTRAL, PhraseStarts, WORDS};
use crate::utf8::width;

/// Bit per code point below U+10000 that the walk reads for numbers, whitespace and folding:
/// the ASCII digits and whitespace, every other whitespace character (`char::is_whitespace`:
/// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), the Chinese
/// numerals a number starts with (`〇零一二两三四五六七八九十`) and full-width ASCII (U+FF01–U+FF5E, its
/// digits included). Most Chinese characters are none of these.
pub(crate) static NUMBER_CODES: [u64; WORDS] = {
    /// ASCII whitespace, then every other whitespace character.
    const WHITESPACE: [u32; 25] = [
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
        0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
        0x3000,
    ];
    /// 〇 一 七 三 两 九 二 五 八 六 十 四 零
    const NUMERALS: [u32; 13] = [
        0x3007, 0x4E00, 0x4E03, 0x4E09, 0x4E24, 0x4E5D, 0x4E8C, 0x4E94, 0x516B, 0x516D, 0x5341,
        0x56DB, 0x96F6,
    ];
    let mut table = [0_u64; WORDS];
    let mut at = 0;
    while at < WHITESPACE.len() + NUMERALS.len() {
        let code = if at < WHITESPACE.len() {
            WHITESPACE[at]
        } else {
            NUMERALS[at - WHITESPACE.len()]
        };
        table[(code / 64) as usize] |= 1 << (code % 64);
        at += 1;
    }
    let mut code = b'0' as u32;
    while code <= b'9' as u32 {
        table[(code / 64) as usize] |= 1 << (code % 64);
        code += 1;
    }
    let mut code = 0xFF01;
    while code <= 0xFF5E {
        table[(code / 64) as usize] |= 1 << (code % 64);
        code += 1;
    }
    table
};

/// A walk over one text: whether it held whitespace, its folded form so far, and where the
/// phrases may start.
pub(super) struct Walk<'t, 'g> {
    text: &'t str,
    /// Whether whitespace was passed on the way (numbers broken by a space included).
    pub(super) whitespace: bool,
    phrases: &'g PhraseStarts,
    into: Gathered<'g>,
    /// Up to where `text` is folded into `into.folded`.
    copied: usize,
}

impl<'t, 'g> Walk<'t, 'g> {
    /// A walk over `text` that appends its folded form and the starts of `phrases` in it to
    /// `into` (its numbers are the caller's).
    pub(super) fn new(text: &'t str, phrases: &'g PhraseStarts, into: Gathered<'g>) -> Self {
        Walk {
            text,
            whitespace: false,
            phrases,
            into,
            copied: 0,
        }
    }

    /// The first character at or after byte `at` (a character boundary) that starts a number:
    /// an ASCII or full-width digit, or a Chinese numeral that starts one. A character is decoded and passed over on one bit
    /// ([`PhraseStarts::looked_at`]) unless a phrase or a number may start with it, or it is
    /// whitespace or full-width ASCII: whitespace passed on the way is noted and dropped from
    /// the folded text, full-width ASCII other than digits is folded to ASCII, and the phrases
    /// starting there are found. One test for the common character, rather than a test per
    /// concern, each a branch the processor mispredicts on Chinese text.
    pub(super) fn next_start(&mut self, mut at: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        while let Some(&lead) = bytes.get(at) {
            let byte =
                |offset: usize| u32::from(bytes.get(at + offset).copied().unwrap_or(0) & 0x3F);
            let (code, width) = match lead {
                0x00..=0x7F => (u32::from(lead), 1),
                0xE0..=0xEF => (u32::from(lead & 0x0F) << 12 | byte(1) << 6 | byte(2), 3),
                0xC0..=0xDF => (u32::from(lead & 0x1F) << 6 | byte(1), 2),
                _ => (ASTRAL, usize::from(width(lead))),
            };
            if !self.phrases.looked_at(code) {
                at += width;
                continue;
            }
            self.phrases
                .found_code(self.text, at, code, self.into.starts);
            if NUMBER_CODES
                .get((code >> 6) as usize)
                .is_some_and(|word| word >> (code & 63) & 1 == 1)
            {
                if char::from_u32(code).is_some_and(char::is_whitespace) {
                    self.whitespace = true;
                    self.replace(at, width, None);
                } else if (0xFF01..=0xFF5E).contains(&code) && !(0xFF10..=0xFF19).contains(&code) {
                    // Full-width ASCII, 0xFEE0 above ASCII; its digits start numbers.
                    self.replace(at, width, u8::try_from(code - 0xFEE0).ok());
                } else {
                    return Some(at);
                }
            }
            at += width;
        }
        None
    }

    /// The character of `width` bytes at `at` folds to `ascii`, or to nothing.
    fn replace(&mut self, at: usize, width: usize, ascii: Option<u8>) {
        let folded = &mut *self.into.folded;
        folded.push_str(self.text.get(self.copied..at).unwrap_or_default());
        if let Some(ascii) = ascii {
            folded.push(char::from(ascii));
        }
        self.copied = at + width;
    }

    /// The text from `start` (where a number starts, looked at already) to `resume` (where
    /// the walk resumes past it), which the walk did not look at: folded character by
    /// character, and searched for phrase starts after its first character.
    pub(super) fn read_over(&mut self, start: usize, resume: usize) {
        let folded = &mut *self.into.folded;
        folded.push_str(self.text.get(self.copied..start).unwrap_or_default());
        let over = self.text.get(start..resume).unwrap_or_default();
        fold_append(over, folded);
        self.copied = resume;
        let second = start + over.chars().next().map_or(0, char::len_utf8);
        self.phrases
            .find_in(self.text, second..resume, self.into.starts);
    }

    /// The end of the walk: the rest of the text folded; whether it held whitespace.
    pub(super) fn finish(self) -> bool {
        self.into
            .folded
            .push_str(self.text.get(self.copied..).unwrap_or_default());
        self.whitespace
    }
}

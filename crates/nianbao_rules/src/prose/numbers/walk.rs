//! The walk over a sentence that reads its numbers ([`super::numbers_into`]): it steps through
//! the text a character at a time by lead byte, stops where a number may start, and on the way
//! notes whitespace and folds the text ([`crate::fold`]) into the report's folded prose.
//!
//! Folding and the number reading look at the same characters — whitespace and the
//! full-width forms (`EF BC`/`EF BD`) are where folding changes the text, and the walk stops
//! at their lead bytes anyway — so the prose is folded on this walk instead of on a walk of its
//! own for the cross facts and another for `mention`. The places where the narrative phrases
//! may start ([`PhraseStarts`]) are found on it too: both tests read a character's first two
//! bytes, and one walk over the prose costs less than two.

use super::Gathered;
use crate::fold::fold_append;
use crate::prose::starts::PhraseStarts;
use crate::utf8::{whitespace_at, width};

/// Per byte of UTF-8 text: 0 where a number or whitespace may start — ASCII digits and
/// whitespace, the lead bytes of the full-width digits (`EF`) and of the Chinese numerals (`E3`,
/// `E4`, `E5`, `E9`), and of the other whitespace (`C2`, `E1`, `E2`, `E3`) — else the width of
/// the character it leads, so that the text is stepped through a character at a time.
static NUMBER_STEP: [u8; 256] = {
    let mut table = [0_u8; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            b'0'..=b'9' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => 0,
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xE4 | 0xE5 | 0xE9 | 0xEF => 0,
            lead => width(lead),
        };
        byte += 1;
    }
    table
};

/// Per lead byte `E0`–`EE` (by its low four bits): the second bytes, as bits of their low six,
/// of the three-byte characters led by it that may start a number (`〇` `E3 80`, `一三上…` `E4 B8`,
/// `九` `E4 B9`, `二五` `E4 BA`, `八六` `E5 85`, `十` `E5 8D`, `四` `E5 9B`, `零` `E9 9B`): most
/// Chinese characters are ruled out by their first two bytes. (`EF` is told apart whole.)
static NUMBER_SECONDS: [u64; 16] = {
    let mut table = [0_u64; 16];
    table[0x3] = 1 << (0x80 & 0x3F);
    table[0x4] = (1 << (0xB8 & 0x3F)) | (1 << (0xB9 & 0x3F)) | (1 << (0xBA & 0x3F));
    table[0x5] = (1 << (0x85 & 0x3F)) | (1 << (0x8D & 0x3F)) | (1 << (0x9B & 0x3F));
    table[0x9] = 1 << (0x9B & 0x3F);
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

    /// The first character at or after byte `at` (a character boundary) that starts a number
    /// ([`may_start`]). Only the characters whose first two bytes allow one are looked at;
    /// whitespace passed on the way is noted and dropped from the folded text, and full-width
    /// ASCII other than digits is folded to ASCII. Every character passed, and the one
    /// returned, is looked at for a phrase start.
    pub(super) fn next_start(&mut self, mut at: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        while let Some(&lead) = bytes.get(at) {
            let second = bytes.get(at + 1).copied().unwrap_or(0);
            if self.phrases.may_start(lead, second) {
                self.phrases.found(self.text, at, self.into.starts);
            }
            let step = NUMBER_STEP[usize::from(lead)];
            if step != 0 {
                at += usize::from(step);
                continue;
            }
            if matches!(
                lead,
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3
            ) {
                if let Some(width) = whitespace_at(bytes, at) {
                    self.whitespace = true;
                    self.replace(at, width, None);
                    at += width;
                    continue;
                }
                if lead != 0xE3 {
                    at += usize::from(width(lead));
                    continue;
                }
            }
            if lead >= 0x80 {
                if lead == 0xEF {
                    // Full-width ASCII, U+FF01–U+FF5E: `EF BC 81`–`EF BD 9E`, 0xFEE0 above ASCII.
                    let third = bytes.get(at + 2).copied().unwrap_or(0);
                    match (second, third) {
                        (0xBC, 0x90..=0x99) => return Some(at),
                        (0xBC, 0x81..=0xBF) => self.replace(at, 3, Some(third - 0x60)),
                        (0xBD, 0x80..=0x9E) => self.replace(at, 3, Some(third - 0x20)),
                        _ => {}
                    }
                    at += 3;
                    continue;
                }
                let seconds = NUMBER_SECONDS[usize::from(lead & 0x0F)];
                if (seconds >> (second & 0x3F)) & 1 == 0 || !may_start(bytes, at) {
                    at += 3;
                    continue;
                }
            }
            return Some(at);
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

/// Whether the character at byte `at` of `bytes` starts a number, from its bytes: an ASCII
/// digit, a full-width digit (`EF BC 90`–`EF BC 99`), or a Chinese numeral that starts one
/// (`〇零一二两三四五六七八九十`). Nothing else is decoded.
pub(super) fn may_start(bytes: &[u8], at: usize) -> bool {
    let byte = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
    match byte(0) {
        b'0'..=b'9' => true,
        0xE3 => byte(1) == 0x80 && byte(2) == 0x87,
        0xE4 => matches!(
            (byte(1), byte(2)),
            (0xB8, 0x80 | 0x83 | 0x89 | 0xA4) | (0xB9, 0x9D) | (0xBA, 0x8C | 0x94)
        ),
        0xE5 => matches!(
            (byte(1), byte(2)),
            (0x85, 0xAB | 0xAD) | (0x8D, 0x81) | (0x9B, 0x9B)
        ),
        0xE9 => byte(1) == 0x9B && byte(2) == 0xB6,
        0xEF => byte(1) == 0xBC && (0x90..=0x99).contains(&byte(2)),
        _ => false,
    }
}

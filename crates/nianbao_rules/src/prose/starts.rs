//! Where the narrative phrases may start in a sentence: every occurrence of every phrase's first
//! part, overlapping ones included, found on the one walk over the sentence that also reads its
//! numbers and folds it ([`crate::prose::numbers`]; a separate walk for the phrases took 1.3x
//! the time of both together).
//!
//! The sentence is stepped through a character at a time, and a character is looked at only if
//! some first part starts with it (a bit per code point of the Basic Multilingual Plane); that
//! bit is read only for the characters whose first two bytes some first part's first character
//! has (a bit per lead byte and second byte). The built-in rules' 53 first parts start with a
//! few dozen characters, so most of the prose is passed over in a few instructions a character,
//! and nothing is compiled beyond a sorted list and the bits. An Aho–Corasick automaton over the
//! same parts measured about five times the instructions over the prose (its overlapping search
//! steps a state per byte and its DFA costs millions of instructions to build).

use crate::prose::numbers::NUMBER_CODES;
use crate::utf8;
use std::ops::Range;

/// The first parts, by their first character.
#[derive(Clone, Debug)]
pub(crate) struct PhraseStarts {
    /// Per lead byte, a bit per low six bits of the byte after it: set where a character whose
    /// first two bytes these are may start a part. All set for an ASCII or four-byte lead that
    /// may (the byte after it says nothing then), none for a byte that never leads one.
    leads: Box<[u64; 256]>,
    /// Bit per code point below U+10000 that some part starts with.
    firsts: Box<[u64; WORDS]>,
    /// [`Self::firsts`] and the code points the walk over the prose reads for numbers,
    /// whitespace and folding ([`NUMBER_CODES`]): what that walk looks at.
    looked_at: Box<[u64; WORDS]>,
    /// Whether some part starts with a character beyond U+FFFF (every such character is then
    /// looked at).
    astral: bool,
    /// Sorted by first character, then by length: at one position the shorter parts are found
    /// first, as an automaton reports them (they end first).
    parts: Vec<Part>,
}

/// A first part, with its index among the parts as given.
#[derive(Clone, Debug)]
struct Part {
    first: u32,
    text: Box<str>,
    index: usize,
}

/// A first part found: its index among the parts as given, and where it starts in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Start {
    pub part: usize,
    pub at: usize,
}

/// The code point past the BMP that every character beyond U+FFFF is looked up as.
pub(crate) const ASTRAL: u32 = 0x1_0000;
/// Words of bits for the code points below [`ASTRAL`].
pub(crate) const WORDS: usize = (ASTRAL / 64) as usize;

impl Default for PhraseStarts {
    fn default() -> Self {
        Self::new([])
    }
}

impl PhraseStarts {
    /// The starts of `parts` (empty ones are never found).
    pub(crate) fn new<'p>(parts: impl IntoIterator<Item = &'p str>) -> Self {
        let mut firsts = Box::new([0_u64; WORDS]);
        let mut astral = false;
        let mut kept: Vec<Part> = Vec::new();
        for (index, text) in parts.into_iter().enumerate() {
            let Some(c) = text.chars().next() else {
                continue;
            };
            let first = u32::from(c).min(ASTRAL);
            match firsts.get_mut((first / 64) as usize) {
                Some(word) => *word |= 1 << (first % 64),
                None => astral = true,
            }
            kept.push(Part {
                first,
                text: Box::from(text),
                index,
            });
        }
        kept.sort_by_key(|part| (part.first, part.text.len(), part.index));
        let mut leads = Box::new([0_u64; 256]);
        for part in &kept {
            let bytes = part.text.as_bytes();
            let (Some(&lead), second) = (bytes.first(), bytes.get(1)) else {
                continue;
            };
            let bits = match (utf8::width(lead), second) {
                (2 | 3, Some(&second)) => 1 << (second & 0x3F),
                _ => u64::MAX,
            };
            if let Some(word) = leads.get_mut(usize::from(lead)) {
                *word |= bits;
            }
        }
        let mut looked_at = Box::new(NUMBER_CODES);
        for (word, first) in looked_at.iter_mut().zip(firsts.iter()) {
            *word |= first;
        }
        Self {
            leads,
            firsts,
            looked_at,
            astral,
            parts: kept,
        }
    }

    /// Whether the walk over the prose looks at the character `code` ([`ASTRAL`] for any
    /// beyond U+FFFF): a part may start with it, or it may start a number, be whitespace or
    /// fold to ASCII.
    #[inline(always)]
    pub(crate) fn looked_at(&self, code: u32) -> bool {
        match self.looked_at.get((code >> 6) as usize) {
            Some(word) => word >> (code & 63) & 1 == 1,
            None => self.astral,
        }
    }

    /// The parts that occur at byte `at` of `text`, whose character is `code` ([`ASTRAL`] for
    /// any beyond U+FFFF), appended to `out`.
    #[inline(always)]
    pub(crate) fn found_code(&self, text: &str, at: usize, code: u32, out: &mut Vec<Start>) {
        let candidate = match self.firsts.get((code >> 6) as usize) {
            Some(word) => word >> (code & 63) & 1 == 1,
            None => self.astral,
        };
        if candidate {
            self.found_at(text, at, code, out);
        }
    }

    /// Every occurrence of every part in `text` that starts in `range` (character boundaries),
    /// by start and, at one start, shortest first, appended to `out`. The prose is searched on
    /// the walk that reads its numbers ([`crate::prose::numbers`]); this is for the stretches
    /// that walk reads over (the numbers themselves).
    pub(crate) fn find_in(&self, text: &str, range: Range<usize>, out: &mut Vec<Start>) {
        let bytes = text.as_bytes();
        let mut at = range.start;
        while let Some(&lead) = bytes.get(at).filter(|_| at < range.end) {
            let second = bytes.get(at + 1).copied().unwrap_or(0);
            if self.may_start(lead, second) {
                self.found(text, at, out);
            }
            at += usize::from(utf8::width(lead));
        }
    }

    /// Whether a part may start with the character whose first two bytes are these (`second`
    /// whatever follows a one-byte character): most characters are passed over on this alone
    /// ([`Self::leads`]).
    #[inline(always)]
    pub(crate) fn may_start(&self, lead: u8, second: u8) -> bool {
        self.leads[usize::from(lead)] >> (second & 0x3F) & 1 == 1
    }

    /// The parts that occur at byte `at` of `text` (a character boundary), appended to `out`:
    /// the character is decoded and looked up ([`Self::firsts`]), and the parts starting with
    /// it compared.
    #[inline(always)]
    pub(crate) fn found(&self, text: &str, at: usize, out: &mut Vec<Start>) {
        let code = code_at(text.as_bytes(), at);
        let candidate = match self.firsts.get((code >> 6) as usize) {
            Some(word) => word >> (code & 63) & 1 == 1,
            None => self.astral,
        };
        if candidate {
            self.found_at(text, at, code, out);
        }
    }

    /// The parts starting with the character `code` that occur at byte `at` of `text`.
    fn found_at(&self, text: &str, at: usize, code: u32, out: &mut Vec<Start>) {
        let rest = text.get(at..).unwrap_or_default();
        let from = self.parts.partition_point(|part| part.first < code);
        for part in self.parts.get(from..).unwrap_or_default() {
            if part.first != code {
                break;
            }
            if rest.starts_with(&*part.text) {
                out.push(Start {
                    part: part.index,
                    at,
                });
            }
        }
    }
}

/// The code point of the character at byte `at` (a character boundary), [`ASTRAL`] for any
/// beyond U+FFFF.
#[inline(always)]
fn code_at(bytes: &[u8], at: usize) -> u32 {
    let byte = |offset: usize| u32::from(bytes.get(at + offset).copied().unwrap_or(0) & 0x3F);
    let lead = bytes.get(at).copied().unwrap_or(0);
    match utf8::width(lead) {
        1 => u32::from(lead),
        2 => u32::from(lead & 0x1F) << 6 | byte(1),
        3 => u32::from(lead & 0x0F) << 12 | byte(1) << 6 | byte(2),
        _ => ASTRAL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every occurrence by definition: each part at each character boundary.
    fn by_definition(parts: &[&str], text: &str) -> Vec<Start> {
        let mut found = Vec::new();
        for (at, _) in text.char_indices() {
            let mut here: Vec<(usize, usize)> = parts
                .iter()
                .enumerate()
                .filter(|(_, part)| !part.is_empty() && text[at..].starts_with(*part))
                .map(|(index, part)| (part.len(), index))
                .collect();
            here.sort();
            found.extend(here.into_iter().map(|(_, part)| Start { part, at }));
        }
        found
    }

    const PARTS: [&str; 9] = [
        "办结",
        "办理",
        "结转下年度继续办理",
        "下年度",
        "年度",
        "办",
        "",
        "a1",
        "😀办",
    ];

    proptest! {
        /// The starts found agree with the definition on text made of the parts' characters
        /// and their neighbours in code and bytes.
        #[test]
        fn finds_every_occurrence(text in "[办结理转下年度继续功力午a1b😀😁，。 ]{0,30}") {
            let starts = PhraseStarts::new(PARTS);
            let mut found = Vec::new();
            starts.find_in(&text, 0..text.len(), &mut found);
            prop_assert_eq!(found, by_definition(&PARTS, &text));
        }
    }

    #[test]
    fn overlapping_occurrences_are_all_found() {
        let starts = PhraseStarts::new(PARTS);
        let mut found = Vec::new();
        let text = "结转下年度继续办理";
        starts.find_in(text, 0..text.len(), &mut found);
        let parts: Vec<usize> = found.iter().map(|start| start.part).collect();
        assert_eq!(parts, [2, 3, 4, 5, 1]);
    }
}

//! The comparison copy of a text: widths, quotes and enumeration commas folded, whitespace gone,
//! with every folded byte mapped back to the source character it came from.
//!
//! Labels broken by spaces or line breaks, half-width brackets and full-width digits all compare
//! equal in this copy, so label search is a plain substring search. How one character folds is
//! `chars`; near misses of a label are `fuzzy`.

mod build;
mod chars;
mod fuzzy;

pub(crate) use chars::{fold_char, fold_str};
pub(crate) use fuzzy::fuzzy_find;

use memchr::memmem::Finder;
use nianbao_source::Span;

/// A folded search text with its substring searcher built once: labels are searched hundreds of
/// times per report, and building a searcher per search cost more than the searching.
///
/// The searcher looks for the text's first [`PREFIX`] bytes at most, and each place they occur is
/// checked for the rest: `memchr` takes its vectorised pair search only for needles of up to 32
/// bytes and a slower Two-Way search beyond, and most Chinese labels are longer than eleven
/// characters' 33 bytes. A label's first eleven characters seldom occur anywhere but
/// where the label does.
pub(crate) struct Needle {
    text: String,
    /// Finds [`Needle::text`]'s first bytes, up to [`PREFIX`], cut at a character boundary.
    prefix: Finder<'static>,
}

/// The longest needle `memchr` searches with its vectorised pair search.
const PREFIX: usize = 32;

impl Needle {
    /// Folds `text` and prepares its searcher.
    pub fn new(text: &str) -> Self {
        Self::folded(fold_str(text))
    }

    /// Prepares the searcher for text that is folded already.
    pub fn folded(text: String) -> Self {
        let mut cut = text.len().min(PREFIX);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let prefix = Finder::new(text.as_bytes().get(..cut).unwrap_or_default()).into_owned();
        Self { text, prefix }
    }

    /// The first place of the text in `haystack`.
    fn find_in(&self, haystack: &[u8]) -> Option<usize> {
        let prefix = self.prefix.needle().len();
        if prefix == self.text.len() {
            return self.prefix.find(haystack);
        }
        let rest = self.text.as_bytes().get(prefix..)?;
        let mut from = 0;
        while let Some(found) = self.prefix.find(haystack.get(from..)?) {
            let at = from + found;
            if haystack.get(at + prefix..)?.starts_with(rest) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }
}

impl std::ops::Deref for Needle {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

/// Folded bytes per entry of the shift index: a report shifts about once per ten to fifteen
/// folded bytes, so a lookup steps over two or three shifts from its block's first. Lookups are
/// a few hundred a report and the index is filled for every block of the text: 32 costs less
/// in all than 16 (which halves the steps and doubles the index) or 64.
const BLOCK: usize = 32;

/// Where the distance between the folded text and the source changes: from folded byte `folded`
/// to the next shift, folded bytes sit at the same distance from source byte `source` as from
/// `folded`. No fold lengthens a character, so a stretch covers characters copied unchanged and
/// characters folded in place alike; the byte of a shortened character maps to its start, and a
/// byte inside a copied character to a byte inside it.
#[derive(Clone, Copy, Debug)]
struct Shift {
    folded: u32,
    source: u32,
}

/// The folded copy of a whole text.
pub(crate) struct Folded<'a> {
    pub text: String,
    /// The map back to the source as shifts in order: one entry where a dropped or shortened
    /// character changes the distance, not one per character, so folding a report costs a copy
    /// and a few hundred entries, not a map.
    shifts: Vec<Shift>,
    /// For every block of [`BLOCK`] folded bytes, the shift holding its first byte: a lookup
    /// starts there rather than searching all shifts.
    blocks: Vec<u32>,
    source: &'a str,
}

impl<'a> Folded<'a> {
    pub fn new(source: &'a str) -> Self {
        let built = build::build(source);
        Self {
            text: built.text,
            shifts: built.shifts,
            blocks: built.blocks,
            source,
        }
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// The source byte folded byte `at < len` sits at (inside or at the start of its source
    /// character): from its block's first shift, a few steps forward.
    fn source_byte(&self, at: usize) -> Option<usize> {
        let mut index = *self.blocks.get(at / BLOCK)? as usize;
        while self
            .shifts
            .get(index + 1)
            .is_some_and(|next| next.folded as usize <= at)
        {
            index += 1;
        }
        let shift = self.shifts.get(index)?;
        Some(shift.source as usize + (at - shift.folded as usize))
    }

    /// Source offset where the character holding folded byte `at` starts (the source end for
    /// `at >= len`).
    pub fn source_start(&self, at: usize) -> u32 {
        if at >= self.text.len() {
            return self.source.len() as u32;
        }
        let Some(mut source) = self.source_byte(at) else {
            return 0;
        };
        while source > 0 && !self.source.is_char_boundary(source) {
            source -= 1;
        }
        source as u32
    }

    /// Source offset just after the character holding folded byte `end - 1`.
    pub fn source_end(&self, end: usize) -> u32 {
        let Some(last) = end.checked_sub(1) else {
            return 0;
        };
        if last >= self.text.len() {
            return self.source.len() as u32;
        }
        let Some(source) = self.source_byte(last) else {
            return 0;
        };
        // The end of the character holding `source` is the first boundary after it.
        let mut source = source + 1;
        while source < self.source.len() && !self.source.is_char_boundary(source) {
            source += 1;
        }
        source as u32
    }

    /// The source span of folded bytes `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        if end <= start {
            let at = self.source_start(start);
            return Span::new(at, at);
        }
        Span::new(self.source_start(start), self.source_end(end))
    }

    /// The first folded byte whose source character starts at or after `offset`.
    pub fn at_source(&self, offset: u32) -> usize {
        let index = self.shifts.partition_point(|shift| shift.source < offset);
        let next = self
            .shifts
            .get(index)
            .map_or(self.text.len(), |shift| shift.folded as usize);
        let Some(shift) = index.checked_sub(1).and_then(|i| self.shifts.get(i)) else {
            return next;
        };
        // In the stretch of the shift before: the first character boundary at or after
        // `offset`, unless that lies past the stretch's folded bytes (in the rest of a shortened
        // character, or in dropped text).
        let mut source = offset as usize;
        while source < self.source.len() && !self.source.is_char_boundary(source) {
            source += 1;
        }
        let folded = shift.folded as usize + (source - shift.source as usize);
        folded.min(next)
    }

    /// Finds `needle` in folded bytes `[from, to)`.
    pub fn find(&self, needle: &Needle, from: usize, to: usize) -> Option<usize> {
        let haystack = self.text.get(from..to.min(self.text.len()))?;
        needle.find_in(haystack.as_bytes()).map(|at| at + from)
    }

    /// The folded text in `[from, to)`, empty when the bounds are not char boundaries.
    pub fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to.min(self.text.len())).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_needle_is_found_where_the_standard_search_finds_it(
            haystack in "[公开政府信息申请件数,()0-9]{0,60}",
            needle in "[公开政府信息申请件数,()0-9]{1,16}",
        ) {
            let prepared = Needle::folded(needle.clone());
            prop_assert_eq!(prepared.find_in(haystack.as_bytes()), haystack.find(&needle));
            let doubled = format!("{haystack}{needle}{haystack}");
            prop_assert_eq!(prepared.find_in(doubled.as_bytes()), doubled.find(&needle));
        }
    }

    #[test]
    fn folds_widths_and_drops_whitespace() {
        let source = "（二） 部分\n公开１２";
        let folded = Folded::new(source);
        assert_eq!(folded.text, "(二)部分公开12");
        let at = folded.find(&Needle::new("公开"), 0, folded.len()).unwrap();
        let span = folded.span(at, at + "公开".len());
        assert_eq!(span.slice(source), "公开");
        assert_eq!(folded.span(0, 1).slice(source), "（");
    }

    /// The shift map rests on this: a folded character's bytes never outnumber its own.
    #[test]
    fn no_fold_lengthens_a_character() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if let Some(folded) = fold_char(c) {
                assert!(folded.len_utf8() <= c.len_utf8(), "U+{:04X}", c as u32);
            }
        }
    }

    /// Checks `Folded::new(source)` against the fold and map taken one character at a time.
    fn assert_agrees_with_a_per_character_map(source: &str) {
        let folded = Folded::new(source);
        // The reference: every folded byte mapped to its source character's start.
        let mut text = String::new();
        let mut starts = Vec::new();
        for (offset, c) in source.char_indices() {
            if let Some(f) = fold_char(c) {
                text.push(f);
                starts.resize(starts.len() + f.len_utf8(), offset as u32);
            }
        }
        assert_eq!(folded.text, text);
        for at in 0..=text.len() + 1 {
            let expected = starts.get(at).copied().unwrap_or(source.len() as u32);
            assert_eq!(folded.source_start(at), expected, "folded byte {at}");
        }
        for end in 1..=text.len() + 1 {
            let expected = starts.get(end - 1).map_or(source.len() as u32, |&start| {
                let width = source[start as usize..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                start + width as u32
            });
            assert_eq!(folded.source_end(end), expected, "folded end {end}");
        }
        assert_eq!(folded.source_end(0), 0);
        for offset in 0..=source.len() as u32 + 1 {
            let expected = starts.partition_point(|&start| start < offset);
            assert_eq!(folded.at_source(offset), expected, "source byte {offset}");
        }
    }

    #[test]
    fn shift_map_agrees_with_a_per_character_map() {
        let source = "\u{FEFF}标题: 平潭 2021年度\t１２，３\n（二）部分公開 “引” 、a b\r\n\u{200B}末。《条例》\u{3000}é—x\u{A0}y🙂z abcdefghijklmnopq\trstuvwxyz0123456789!~\u{7F}\u{1}ABCDEFGH末";
        assert_agrees_with_a_per_character_map(source);
    }

    proptest::proptest! {
        /// Runs of every length (copied in chunks, indexed in blocks) cut by every kind of
        /// character the fold treats apart.
        #[test]
        fn any_text_agrees_with_a_per_character_map(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "政", "府信息公开", "報", "開", "，", "（", "）", "１", "、", "“", "”", "\u{3000}",
                    " ", "\n", "\r\n", "\t", "\u{A0}", "\u{200B}", "\u{FEFF}", "é", "🙂", "a",
                    "2021", "abcdefghijklmnopqrstu", "本年新收政府信息公开申请数量",
                ]),
                0..80,
            )
        ) {
            assert_agrees_with_a_per_character_map(&parts.concat());
        }
    }
}

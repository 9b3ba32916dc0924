//! The comparison copy of a text: widths, quotes and enumeration commas folded, whitespace gone,
//! with every folded byte mapped back to the source character it came from.
//!
//! Labels broken by spaces or line breaks, half-width brackets and full-width digits all compare
//! equal in this copy, so label search is a plain substring search. How one character folds is
//! `chars`; near misses of a label are `fuzzy`.

mod chars;
mod fuzzy;

pub(crate) use chars::{fold_char, fold_str};
pub(crate) use fuzzy::fuzzy_find;

use chars::{three_byte_folds_to_itself, three_byte_to_ascii};
use memchr::memmem::Finder;
use nianbao_source::Span;

/// A folded search text with its substring searcher built once: labels are searched hundreds of
/// times per report, and building a searcher per search cost more than the searching.
pub(crate) struct Needle {
    text: String,
    finder: Finder<'static>,
}

impl Needle {
    /// Folds `text` and prepares its searcher.
    pub fn new(text: &str) -> Self {
        Self::folded(fold_str(text))
    }

    /// Prepares the searcher for text that is folded already.
    pub fn folded(text: String) -> Self {
        let finder = Finder::new(text.as_bytes()).into_owned();
        Self { text, finder }
    }
}

impl std::ops::Deref for Needle {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}
/// The end of the run of characters from byte `at` that fold to themselves: ASCII other than
/// whitespace, and three-byte characters (ideographs, CJK punctuation) tested by one table
/// lookup each, without decoding them to `char`.
fn identity_run(bytes: &[u8], mut at: usize) -> usize {
    loop {
        // Ideographs come in runs: a tight loop over three-byte characters. In valid UTF-8 the
        // two bytes after a three-byte lead are continuation bytes.
        while let Some(&[lead, second, third]) = bytes.get(at..at + 3)
            && three_byte_folds_to_itself(lead, second, third)
        {
            at += 3;
        }
        match bytes.get(at) {
            Some(&byte) if byte < 0x80 && !(byte <= b' ' && byte.is_ascii_whitespace()) => {
                at += 1;
            }
            _ => return at,
        }
    }
}

/// The character starting at byte `at` and its width: three-byte characters (full-width forms,
/// quotes, Traditional ideographs: most of what does not fold to itself) read off the bytes.
fn char_at(bytes: &[u8], source: &str, at: usize) -> Option<(char, usize)> {
    if let Some(&[lead, second, third]) = bytes.get(at..at + 3)
        && lead & 0xF0 == 0xE0
    {
        let code = (u32::from(lead & 0x0F) << 12)
            | (u32::from(second & 0x3F) << 6)
            | u32::from(third & 0x3F);
        return char::from_u32(code).map(|c| (c, 3));
    }
    let c = source.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Folded bytes per entry of the piece index.
const BLOCK: usize = 64;

/// Where a stretch of the folded text comes from: either bytes copied unchanged from the source
/// (`copied`), or one character folded to another form.
#[derive(Clone, Copy, Debug)]
struct Piece {
    folded: u32,
    source: u32,
    copied: bool,
}

/// The folded copy of a whole text.
pub(crate) struct Folded<'a> {
    pub text: String,
    /// The folded text as pieces in order, each mapping back to the source: one entry per run
    /// of unchanged text rather than one per byte, so folding a report costs a copy, not a map.
    pieces: Vec<Piece>,
    /// For every block of [`BLOCK`] folded bytes, the piece holding its first byte: a lookup
    /// searches only the few pieces of its block.
    blocks: Vec<u32>,
    source: &'a str,
}

impl<'a> Folded<'a> {
    pub fn new(source: &'a str) -> Self {
        let mut text = String::with_capacity(source.len());
        // About one piece per line or punctuation mark: sized so that few reports regrow it.
        let mut pieces = Vec::with_capacity(source.len() / 16 + 1);
        let bytes = source.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Most characters fold to themselves (ASCII other than whitespace, ideographs that
            // are not Traditional, CJK punctuation): copy such runs whole.
            let run_end = identity_run(bytes, at);
            if run_end > at {
                let Some(run) = source.get(at..run_end) else {
                    break;
                };
                pieces.push(Piece {
                    folded: text.len() as u32,
                    source: at as u32,
                    copied: true,
                });
                text.push_str(run);
                at = run_end;
                continue;
            }
            // ASCII whitespace is dropped without a piece: skip the whole run.
            if bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
                while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                    at += 1;
                }
                continue;
            }
            // Full-width punctuation and the enumeration comma: one ASCII byte, read off the
            // bytes.
            if let Some(&[lead, second, third]) = bytes.get(at..at + 3)
                && let Some(ascii) = three_byte_to_ascii(lead, second, third)
            {
                pieces.push(Piece {
                    folded: text.len() as u32,
                    source: at as u32,
                    copied: false,
                });
                text.push(char::from(ascii));
                at += 3;
                continue;
            }
            let offset = at as u32;
            let Some((c, width)) = char_at(bytes, source, at) else {
                break;
            };
            at += width;
            if let Some(folded) = fold_char(c) {
                pieces.push(Piece {
                    folded: text.len() as u32,
                    source: offset,
                    copied: false,
                });
                text.push(folded);
            }
        }
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut piece = 0usize;
        for block_start in (0..text.len()).step_by(BLOCK) {
            while pieces
                .get(piece + 1)
                .is_some_and(|next| next.folded as usize <= block_start)
            {
                piece += 1;
            }
            blocks.push(piece as u32);
        }
        Self {
            text,
            pieces,
            blocks,
            source,
        }
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// The piece holding folded byte `at < len`.
    fn piece_at(&self, at: usize) -> Option<&Piece> {
        let block = at / BLOCK;
        let low = *self.blocks.get(block)? as usize;
        let high = self
            .blocks
            .get(block + 1)
            .map_or(self.pieces.len(), |&next| next as usize + 1);
        let candidates = self.pieces.get(low..high)?;
        let index = candidates
            .partition_point(|piece| piece.folded as usize <= at)
            .checked_sub(1)?;
        candidates.get(index)
    }

    /// Source offset where the character holding folded byte `at` starts (the source end for
    /// `at >= len`).
    pub fn source_start(&self, at: usize) -> u32 {
        if at >= self.text.len() {
            return self.source.len() as u32;
        }
        let Some(piece) = self.piece_at(at) else {
            return 0;
        };
        if !piece.copied {
            return piece.source;
        }
        // Copied bytes sit at the same distance from the piece start in both texts.
        let mut source = piece.source as usize + (at - piece.folded as usize);
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
        let Some(piece) = self.piece_at(last) else {
            return 0;
        };
        if piece.copied {
            // Copied bytes sit at the same distance from the piece start in both texts: the end
            // of the character holding `last` is the first boundary after it.
            let mut source = piece.source as usize + (last - piece.folded as usize) + 1;
            while source < self.source.len() && !self.source.is_char_boundary(source) {
                source += 1;
            }
            return source as u32;
        }
        let width = self
            .source
            .get(piece.source as usize..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        piece.source + width as u32
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
        let index = self.pieces.partition_point(|piece| piece.source < offset);
        let next = self
            .pieces
            .get(index)
            .map_or(self.text.len(), |piece| piece.folded as usize);
        let Some(piece) = index.checked_sub(1).and_then(|i| self.pieces.get(i)) else {
            return next;
        };
        if !piece.copied {
            return next;
        }
        // Inside a copied piece: the first character boundary at or after `offset`.
        let mut source = offset as usize;
        while source < self.source.len() && !self.source.is_char_boundary(source) {
            source += 1;
        }
        let folded = piece.folded as usize + (source - piece.source as usize);
        folded.min(next)
    }

    /// Finds `needle` in folded bytes `[from, to)`.
    pub fn find(&self, needle: &Needle, from: usize, to: usize) -> Option<usize> {
        let haystack = self.text.get(from..to.min(self.text.len()))?;
        needle.finder.find(haystack.as_bytes()).map(|at| at + from)
    }

    /// The folded text in `[from, to)`, empty when the bounds are not char boundaries.
    pub fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to.min(self.text.len())).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn piece_map_agrees_with_a_per_character_map() {
        let source = "\u{FEFF}标题: 平潭 2021年度\t１２，３\n（二）部分公開 “引” 、a b\r\n\u{200B}末。《条例》\u{3000}é—x\u{A0}y🙂z abcdefghijklmnopq\trstuvwxyz0123456789!~\u{7F}\u{1}ABCDEFGH末";
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
}

//! Sentences as the narrative checks read them: cut at `。；！？`, with the line breaks of hard
//! wrapping taken out, and a map back to the source.
//!
//! A paragraph copied out of a PDF is wrapped at the page width (`区政府办代表区政府受理政府` /
//! `信息公开申请 17 件`), may hold a page footer (`-1-`) where it crosses a page, and its lines are
//! indented. Within a paragraph a line break is a wrap — no sentence or clause boundary — unless
//! the line reads as a heading or signature: the next line starts a numbered item (`（二）`,
//! `2.`, `二是`) or is a date, the line is a numbered heading without punctuation, or it is
//! clearly shorter than the next line (a full line of wrapped text never is). A wrap, with the
//! whitespace around it and any blank or page-marker line, is taken out of the sentence's text;
//! positions in that text map back to the source, so findings point at the text's own line and
//! column.

use nianbao_model::Span;
use std::borrow::Cow;
use std::ops::Range;

/// How much shorter than the next line (in display columns) a line may end and still be a full
/// line of wrapped text: justified PDF lines end a few columns apart.
const WRAP_SLACK: usize = 4;

/// Text of one sentence with the wraps taken out: the source text itself when it has none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Joined<'a> {
    text: Cow<'a, str>,
    /// Where the text starts in the source.
    base: usize,
    /// The runs of `text` copied from the source, in order, when wraps were taken out (the
    /// first at `base`); empty when the text is one run.
    pieces: Vec<Piece>,
}

/// A run of the joined text copied from the source: where it starts in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    at: usize,
    source: usize,
}

impl<'a> Joined<'a> {
    /// The source text of `range`, unchanged.
    fn borrow(source: &'a str, range: Range<usize>) -> Joined<'a> {
        Joined {
            text: Cow::Borrowed(source.get(range.clone()).unwrap_or_default()),
            base: range.start,
            pieces: Vec::new(),
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The piece holding byte `at` of the text: for an end offset, the one it ends.
    fn piece(&self, at: usize, end: bool) -> Piece {
        let after = self
            .pieces
            .partition_point(|piece| if end { piece.at < at } else { piece.at <= at });
        after
            .checked_sub(1)
            .and_then(|index| self.pieces.get(index))
            .copied()
            .unwrap_or(Piece {
                at: 0,
                source: self.base,
            })
    }

    /// The source offset of byte `at` of the text.
    pub(crate) fn source(&self, at: usize) -> usize {
        let piece = self.piece(at, false);
        piece.source + (at - piece.at)
    }

    /// The source offset where the text up to byte `at` ends (a wrap after it not included).
    pub(crate) fn source_end(&self, at: usize) -> usize {
        let piece = self.piece(at, true);
        piece.source + (at - piece.at)
    }

    /// The source span of a range of the text.
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        let start = self.source(range.start);
        let end = self.source_end(range.end).max(start);
        Span::from_range(start..end)
    }
}

/// A sentence: its source span (the terminator included, as written) and its text.
#[derive(Clone, Debug)]
pub(crate) struct CutSentence<'a> {
    pub span: Span,
    pub text: Joined<'a>,
}

/// Cuts `span` of `source` into sentences at `。；！？` and at line breaks, handing each to
/// `each`; with `wraps`, a line break that reads as a wrap is taken out instead of cutting.
pub(crate) fn cut<'a>(
    source: &'a str,
    span: Span,
    wraps: bool,
    mut each: impl FnMut(CutSentence<'a>),
) {
    let Some(text) = source.get(span.range()) else {
        return;
    };
    let base = span.start as usize;
    // The sentence being built: where it starts in `text`, and the wraps taken out so far.
    let mut start = 0;
    let mut skipped: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    while let Some((index, c)) = next_break(text.as_bytes(), at) {
        at = index + c.len_utf8();
        // A line break (`\r\n` as one) that reads as a wrap is taken out, not cut at.
        let newline = match c {
            '\n' if wraps => Some(index),
            '\r' if wraps
                && text
                    .get(index + 1..)
                    .is_some_and(|rest| rest.starts_with('\n')) =>
            {
                Some(index + 1)
            }
            _ => None,
        };
        if let Some(next) = newline.and_then(|at| wrap_after(text, at)) {
            let line_end = text
                .get(..index)
                .map_or(index, |line| line.trim_end().len());
            skipped.push(line_end..next);
            at = next;
            continue;
        }
        let end = index + c.len_utf8();
        if has_content(&text[start..index]) {
            each(sentence(source, base, start..end, &skipped));
        }
        skipped.clear();
        start = end;
    }
    if start < text.len() && has_content(&text[start..]) {
        each(sentence(source, base, start..text.len(), &skipped));
    }
}

/// Whether `text` holds something besides whitespace: read up to its first such character, where
/// trimming it would read it from both ends.
fn has_content(text: &str) -> bool {
    text.chars().any(|c| !c.is_whitespace())
}

/// Per byte of UTF-8 text: whether a sentence break may start there — `;!?`, line breaks, and
/// `E3` and `EF`, the lead bytes of `。` and `；！？`. A continuation byte never is one.
static MAY_BREAK: [bool; 256] = {
    let mut table = [false; 256];
    table[b';' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// The first character at or after byte `at` of `bytes` (a character boundary) that may end a
/// sentence — `。；！？;!?` or a line break — with its position. The text is passed over a byte
/// at a time ([`MAY_BREAK`]: a continuation byte is never looked at) and only the candidates
/// are looked at: `。` is `E3 80 82`, `；！？` are `EF BC 9B/81/9F`. Stepping a character at a
/// time by its lead byte's width made each step wait for the load of the one before.
fn next_break(bytes: &[u8], at: usize) -> Option<(usize, char)> {
    let rest = bytes.get(at..)?;
    for (offset, &byte) in rest.iter().enumerate() {
        if !MAY_BREAK[usize::from(byte)] {
            continue;
        }
        let index = at + offset;
        let found = match byte {
            b';' => Some(';'),
            b'!' => Some('!'),
            b'?' => Some('?'),
            b'\n' => Some('\n'),
            b'\r' => Some('\r'),
            0xE3 => (bytes.get(index + 1..index + 3) == Some(&[0x80, 0x82])).then_some('。'),
            _ => match bytes.get(index + 1..index + 3) {
                Some([0xBC, 0x9B]) => Some('；'),
                Some([0xBC, 0x81]) => Some('！'),
                Some([0xBC, 0x9F]) => Some('？'),
                _ => None,
            },
        };
        if let Some(c) = found {
            return Some((index, c));
        }
    }
    None
}

/// A sentence of `range` (in the region text starting at `base`), minus the `skipped` wraps.
fn sentence<'a>(
    source: &'a str,
    base: usize,
    range: Range<usize>,
    skipped: &[Range<usize>],
) -> CutSentence<'a> {
    let span = Span::from_range(base + range.start..base + range.end);
    if skipped.is_empty() {
        return CutSentence {
            span,
            text: Joined::borrow(source, base + range.start..base + range.end),
        };
    }
    let mut text = String::with_capacity(range.len());
    let mut pieces = Vec::with_capacity(skipped.len() + 1);
    let mut from = range.start;
    for gap in skipped.iter().chain([&(range.end..range.end)]) {
        let piece = from..gap.start.max(from);
        pieces.push(Piece {
            at: text.len(),
            source: base + piece.start,
        });
        text.push_str(
            source
                .get(base + piece.start..base + piece.end)
                .unwrap_or_default(),
        );
        from = gap.end;
    }
    CutSentence {
        span,
        text: Joined {
            text: Cow::Owned(text),
            base: base + range.start,
            pieces,
        },
    }
}

/// Where the text resumes when the line break at `at` of `text` is a wrap: the start of the
/// next line's text, past blank and page-marker lines. `None` when it is a boundary.
fn wrap_after(text: &str, at: usize) -> Option<usize> {
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(line_start..at)?.trim_end();
    let content = line.trim_start();
    if content.is_empty() || content.ends_with(['。', '；', '！', '？', ';', '!', '?']) {
        return None;
    }
    let mut next_start = at + 1;
    let next = loop {
        let rest = text.get(next_start..)?;
        let next_end = rest.find('\n').map_or(text.len(), |i| next_start + i);
        let candidate = text.get(next_start..next_end)?;
        let trimmed = candidate.trim();
        if !trimmed.is_empty() && !is_page_marker(trimmed) {
            break candidate;
        }
        if next_end >= text.len() {
            return None;
        }
        next_start = next_end + 1;
    };
    let next_content = next.trim();
    let heading = starts_item(content) && !content.contains(['，', '。', '；', '：', ',', ':']);
    if heading || starts_item(next_content) || is_date(next_content) {
        return None;
    }
    let (this_edge, next_edge) = (width(line), width(next.trim_end()));
    if this_edge + WRAP_SLACK < next_edge {
        return None;
    }
    Some(next_start + (next.len() - next.trim_start().len()))
}

/// Display columns: two for a wide character, one for the rest (ASCII), counted by bytes: a
/// character's lead byte counts, its continuation bytes do not.
fn width(text: &str) -> usize {
    text.bytes()
        .map(|byte| match byte {
            0x00..=0x7F => 1,
            0x80..=0xBF => 0,
            _ => 2,
        })
        .sum()
}

/// A line that is only a page number: `-1-`, `— 2 —`, `- 3 -`, `第 4 页`, `5/12`.
pub(crate) fn is_page_marker(line: &str) -> bool {
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '―') || c.is_whitespace();
    let inner = line.trim_matches(dashes);
    let dashed = inner.len() < line.len();
    let paged = inner
        .strip_prefix('第')
        .and_then(|rest| rest.strip_suffix('页'))
        .map(str::trim);
    let of_total = inner.split_once('/').map(|(page, _)| page.trim());
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (dashed && digits(inner))
        || paged.is_some_and(digits)
        || (of_total.is_some_and(digits)
            && inner
                .split_once('/')
                .is_some_and(|(_, total)| digits(total.trim())))
}

/// A line that starts a numbered item: `（一）`, `(1)`, `一、`, `1.`, `1、`, `一是`, `第一`.
fn starts_item(line: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let mut chars = line.chars();
    match chars.next() {
        Some('（' | '(') => chars.next().is_some_and(numeral),
        Some('第') => chars.next().is_some_and(numeral),
        Some(c) if numeral(c) => {
            let rest: String = line.chars().skip_while(|&c| numeral(c)).take(1).collect();
            matches!(rest.as_str(), "、" | "." | "．" | "是")
        }
        _ => false,
    }
}

/// A line that is a date alone (`2024年1月25日`), as under a signature.
fn is_date(line: &str) -> bool {
    // Whitespace is left out below, so the line must end in `日` before it: most lines do not.
    if !line.trim_end().ends_with('日') {
        return false;
    }
    let folded: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(rest) = folded.strip_suffix('日') else {
        return false;
    };
    let parts: Vec<&str> = rest.split(['年', '月']).collect();
    parts.len() == 3
        && parts.iter().all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        })
}

#[cfg(test)]
mod tests;

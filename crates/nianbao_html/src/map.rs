//! The byte map from the extracted text back to the original markup, and the writer that builds
//! both at once so they can never disagree.

use nianbao_source::Span;
use std::ops::Range;

/// One run of extracted text and the original bytes it came from.
///
/// When both lengths are equal the run was copied byte for byte (plain text between tags) and
/// offsets map one to one. Otherwise the run stands for the whole original range: an entity such
/// as `&nbsp;`, a `\r\n` folded to `\n`, or a TAB / line break the extractor wrote for a cell or a
/// block boundary (original length 0, at the tag that caused it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    text_start: u32,
    text_len: u32,
    original_start: u32,
    original_len: u32,
}

impl Segment {
    fn text_end(self) -> u32 {
        self.text_start.saturating_add(self.text_len)
    }

    fn original_end(self) -> u32 {
        self.original_start.saturating_add(self.original_len)
    }

    fn is_copy(self) -> bool {
        self.text_len == self.original_len
    }
}

/// Maps byte offsets of an extracted text to byte offsets of the original document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// Sorted by `text_start`, contiguous, covering the whole extracted text.
    segments: Vec<Segment>,
}

impl SourceMap {
    /// The original range an extracted-text span came from: from the original position of its
    /// first byte to the end of the original position of its last byte. An empty span maps to an
    /// empty span at the original position of its offset. A span whose characters came from
    /// several text nodes (digits split over `<span>`s) covers the markup in between.
    pub fn to_original(&self, span: Span) -> Span {
        let start = self.start_of(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        let end = self.end_of(span.end.saturating_sub(1)).max(start);
        Span::new(start, end)
    }

    /// The original offset where the extracted byte at `offset` starts.
    pub fn to_original_offset(&self, offset: u32) -> u32 {
        self.start_of(offset)
    }

    fn segment(&self, offset: u32) -> Option<Segment> {
        let index = self
            .segments
            .partition_point(|segment| segment.text_end() <= offset);
        self.segments
            .get(index)
            .or_else(|| self.segments.last())
            .copied()
    }

    fn start_of(&self, offset: u32) -> u32 {
        match self.segment(offset) {
            Some(segment) if offset >= segment.text_end() => segment.original_end(),
            Some(segment) if segment.is_copy() => {
                segment.original_start + offset.saturating_sub(segment.text_start)
            }
            Some(segment) => segment.original_start,
            None => 0,
        }
    }

    /// The original offset just past the extracted byte at `offset`.
    fn end_of(&self, offset: u32) -> u32 {
        match self.segment(offset) {
            Some(segment) if segment.is_copy() && offset < segment.text_end() => {
                segment.original_start + offset.saturating_sub(segment.text_start) + 1
            }
            Some(segment) => segment.original_end(),
            None => 0,
        }
    }
}

/// A character of the original document after entity decoding, with the original bytes it
/// stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SourceChar {
    pub ch: char,
    pub at: Range<usize>,
}

/// Writes the extracted text and its [`SourceMap`] together.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub text: String,
    map: SourceMap,
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl Writer {
    fn push_segment(&mut self, text: &str, original: Range<usize>) {
        let segment = Segment {
            text_start: to_u32(self.text.len()),
            text_len: to_u32(text.len()),
            original_start: to_u32(original.start),
            original_len: to_u32(original.end.saturating_sub(original.start)),
        };
        self.text.push_str(text);
        if let Some(last) = self.map.segments.last_mut() {
            // Consecutive copied runs merge, which keeps the map about as long as the number of
            // text nodes rather than the number of characters.
            if last.is_copy()
                && segment.is_copy()
                && last.text_end() == segment.text_start
                && last.original_end() == segment.original_start
            {
                last.text_len += segment.text_len;
                last.original_len += segment.original_len;
                return;
            }
        }
        self.map.segments.push(segment);
    }

    /// Writes one decoded character of the original.
    pub fn push_char(&mut self, source: &SourceChar) {
        let mut buffer = [0u8; 4];
        self.push_segment(source.ch.encode_utf8(&mut buffer), source.at.clone());
    }

    /// Writes text the extractor made up (a TAB between cells, a line break for a block),
    /// pointing at original offset `at`.
    pub fn push_synthetic(&mut self, text: &str, at: usize) {
        self.push_segment(text, at..at);
    }

    /// Appends everything `other` wrote, with its map.
    pub fn append(&mut self, other: Writer) {
        let shift = to_u32(self.text.len());
        self.text.push_str(&other.text);
        self.map
            .segments
            .extend(other.map.segments.into_iter().map(|segment| Segment {
                text_start: segment.text_start.saturating_add(shift),
                ..segment
            }));
    }

    pub fn ends_line(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    /// Ends the current line unless it is already ended.
    pub fn line_break(&mut self, at: usize) {
        if !self.ends_line() {
            self.push_synthetic("\n", at);
        }
    }

    pub fn finish(mut self, at: usize) -> (String, SourceMap) {
        self.line_break(at);
        (self.text, self.map)
    }
}

/// Pairs every character of `decoded` (a text node after entity decoding and newline
/// normalisation) with the bytes of `raw` (the same node as written in the original, starting at
/// original offset `base`) it came from.
pub(crate) fn align(raw: &str, decoded: &str, base: usize) -> Vec<SourceChar> {
    let mut out = Vec::with_capacity(decoded.len());
    let bytes = raw.as_bytes();
    let mut cursor = 0usize;
    for ch in decoded.chars() {
        let rest = raw.get(cursor..).unwrap_or("");
        let width = ch.len_utf8();
        let at = if rest.starts_with(ch) {
            cursor..cursor + width
        } else if ch == '\n' && rest.starts_with('\r') {
            let end = if rest.starts_with("\r\n") { 2 } else { 1 };
            cursor..cursor + end
        } else if rest.starts_with('&') {
            cursor..cursor + reference_len(bytes.get(cursor..).unwrap_or(&[]))
        } else {
            // A character the decoder made up (an entity expanding to two characters, a
            // replacement for NUL): it belongs to whatever came just before.
            let start = out
                .last()
                .map_or(base + cursor, |previous: &SourceChar| previous.at.start);
            out.push(SourceChar {
                ch,
                at: start..base + cursor,
            });
            continue;
        };
        cursor = at.end;
        out.push(SourceChar {
            ch,
            at: base + at.start..base + at.end,
        });
    }
    out
}

/// The length of the character or entity reference at the start of `bytes` (which starts with
/// `&`): through its `;`, or through the name or digits when the `;` is missing, as HTML allows
/// for legacy names such as `&nbsp`.
fn reference_len(bytes: &[u8]) -> usize {
    let body = bytes.get(1..).unwrap_or(&[]);
    let name_len = body
        .iter()
        .take(40)
        .take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'#')
        .count();
    if body.get(name_len) == Some(&b';') {
        name_len + 2
    } else {
        (name_len + 1).min(bytes.len().max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_line_ends_map_to_their_whole_source() {
        let raw = "a&nbsp;b\r\nc&lt";
        let decoded = "a\u{a0}b\nc<";
        let chars = align(raw, decoded, 100);
        let ranges: Vec<_> = chars.iter().map(|c| c.at.clone()).collect();
        assert_eq!(
            ranges,
            vec![100..101, 101..107, 107..108, 108..110, 110..111, 111..114]
        );
    }

    #[test]
    fn copied_runs_map_byte_for_byte_and_synthetic_text_maps_to_its_tag() {
        let mut writer = Writer::default();
        for source in align("第20条", "第20条", 10) {
            writer.push_char(&source);
        }
        writer.push_synthetic("\t", 40);
        for source in align("&#49;", "1", 50) {
            writer.push_char(&source);
        }
        let (text, map) = writer.finish(60);
        assert_eq!(text, "第20条\t1\n");
        // `20` sits at bytes 3..5 of the text and 13..15 of the original.
        assert_eq!(map.to_original(Span::new(3, 5)), Span::new(13, 15));
        assert_eq!(map.to_original(Span::new(8, 8)), Span::new(40, 40));
        assert_eq!(map.to_original(Span::new(9, 10)), Span::new(50, 55));
        // A span across the synthetic TAB covers the markup in between.
        assert_eq!(map.to_original(Span::new(3, 10)), Span::new(13, 55));
        // Past the end: the end of the original.
        assert_eq!(map.to_original(Span::new(99, 99)), Span::new(60, 60));
    }
}

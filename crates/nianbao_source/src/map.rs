//! A byte map from a derived text back to the text it was made from, and the writer that builds
//! both at once so they can never disagree.
//!
//! Front ends derive the grammar's text from markup (`nianbao_html`), and the parser derives its
//! logical lines from physical ones (`nianbao_syntax`); both point every finding back at what
//! the user opened through a [`SourceMap`].

use crate::Span;
use std::ops::Range;

/// One run of derived text and the original bytes it came from.
///
/// When both lengths are equal the run was copied byte for byte and offsets map one to one.
/// Otherwise the run stands for the whole original range: an HTML entity such as `&nbsp;`, a
/// `\r\n` folded to `\n`, or a TAB / line break the writer made up (original length 0, at the
/// place that caused it).
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

/// Maps byte offsets of a derived text to byte offsets of its original. Runs may come from the
/// original in any order (the parser moves a label's tail before its numbers).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// Sorted by `text_start`, contiguous, covering the whole derived text.
    segments: Vec<Segment>,
}

impl SourceMap {
    /// The original range a derived-text span came from: from the original position of its
    /// first byte to the end of the original position of its last byte (never before the
    /// start). An empty span maps to an empty span at the original position of its offset. A
    /// span whose bytes came from several places covers the original in between.
    pub fn to_original(&self, span: Span) -> Span {
        let start = self.start_of(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        let end = self.end_of(span.end.saturating_sub(1)).max(start);
        Span::new(start, end)
    }

    /// The original offset where the derived byte at `offset` starts.
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

    /// The original offset just past the derived byte at `offset`.
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

/// Writes a derived text and its [`SourceMap`] together.
#[derive(Debug, Default)]
pub struct MapWriter {
    pub text: String,
    map: SourceMap,
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl MapWriter {
    /// Writes `text`, which stands for the original bytes `original`: a copy when the lengths
    /// agree, else a replacement of the whole range.
    pub fn push(&mut self, text: &str, original: Range<usize>) {
        if text.is_empty() {
            return;
        }
        let segment = Segment {
            text_start: to_u32(self.text.len()),
            text_len: to_u32(text.len()),
            original_start: to_u32(original.start),
            original_len: to_u32(original.end.saturating_sub(original.start)),
        };
        self.text.push_str(text);
        if let Some(last) = self.map.segments.last_mut() {
            // Consecutive copied runs merge, which keeps the map about as long as the number of
            // pieces rather than the number of characters.
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

    /// Copies `original[range]` unchanged.
    pub fn copy(&mut self, original: &str, range: Range<usize>) {
        if let Some(text) = original.get(range.clone()) {
            self.push(text, range);
        }
    }

    /// Writes text the writer made up (a TAB between cells, a line break for a block),
    /// pointing at original offset `at`.
    pub fn push_synthetic(&mut self, text: &str, at: usize) {
        self.push(text, at..at);
    }

    /// Appends everything `other` wrote, with its map.
    pub fn append(&mut self, other: MapWriter) {
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

    /// The text and its map, the last line ended.
    pub fn finish(mut self, at: usize) -> (String, SourceMap) {
        self.line_break(at);
        (self.text, self.map)
    }

    /// The text and its map as written.
    pub fn into_parts(self) -> (String, SourceMap) {
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_runs_map_byte_for_byte_and_synthetic_text_maps_to_its_place() {
        let mut writer = MapWriter::default();
        writer.push("第20条", 10..18);
        writer.push_synthetic("\t", 40);
        writer.push("1", 50..55);
        let (text, map) = writer.finish(60);
        assert_eq!(text, "第20条\t1\n");
        // `20` sits at bytes 3..5 of the text and 13..15 of the original.
        assert_eq!(map.to_original(Span::new(3, 5)), Span::new(13, 15));
        assert_eq!(map.to_original(Span::new(8, 8)), Span::new(40, 40));
        assert_eq!(map.to_original(Span::new(9, 10)), Span::new(50, 55));
        // A span across the synthetic TAB covers the original in between.
        assert_eq!(map.to_original(Span::new(3, 10)), Span::new(13, 55));
        // Past the end: the end of the original.
        assert_eq!(map.to_original(Span::new(99, 99)), Span::new(60, 60));
    }

    #[test]
    fn reordered_runs_keep_their_own_places() {
        let original = "标签 12 3 尾巴";
        let mut writer = MapWriter::default();
        let label = 0.."标签".len();
        let tail_start = original.find("尾巴").unwrap_or(0);
        writer.copy(original, label);
        writer.copy(original, tail_start..original.len());
        writer.push_synthetic(" ", tail_start);
        writer.copy(original, 7..11);
        let (text, map) = writer.into_parts();
        assert_eq!(text, "标签尾巴 12 3");
        let at = text.find("12").unwrap_or(0) as u32;
        assert_eq!(map.to_original(Span::new(at, at + 2)).slice(original), "12");
        let tail = text.find("尾巴").unwrap_or(0) as u32;
        assert_eq!(
            map.to_original(Span::new(tail, tail + 6)).slice(original),
            "尾巴"
        );
        // The label and its moved tail cover the numbers between them in the original.
        assert_eq!(
            map.to_original(Span::new(0, tail + 6)).slice(original),
            original
        );
    }
}

//! From the extracted text back to the page: every character the extractor wrote maps to the
//! page and the box it was drawn in, kept as runs (a line's CJK text, a number, a word), so the
//! map holds a few entries per line rather than one per character.

use crate::geom::Rect;
use nianbao_source::Span;
use serde::Serialize;

/// Where something in the extracted text was printed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Location {
    /// 1-based page number.
    pub page: u32,
    /// The box around the characters, in points from the page's top left corner.
    pub rect: Rect,
}

/// Characters drawn next to each other on one page: text bytes `start..end` and their box.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Run {
    start: u32,
    end: u32,
    page: u32,
    rect: Rect,
    /// Whether the run is digits and Latin letters (kept apart from CJK text, so that a number
    /// in a sentence gets its own box).
    ascii: bool,
}

/// Maps byte offsets of the extracted text to pages and boxes. Characters the extractor made up
/// (a TAB between cells, a line break, a space for a gap) belong to the run before them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMap {
    /// Sorted by `start`, not overlapping.
    runs: Vec<Run>,
}

impl PageMap {
    /// The run holding `offset`; text the extractor wrote before any glyph (a row starting
    /// with a blank cell) belongs to the first run.
    fn run_at(&self, offset: u32) -> Option<&Run> {
        let index = self.runs.partition_point(|run| run.start <= offset);
        self.runs.get(index.saturating_sub(1))
    }

    /// The page of the character at byte `offset` (1-based).
    pub fn page_of(&self, offset: u32) -> Option<u32> {
        self.run_at(offset).map(|run| run.page)
    }

    /// Where `span` was printed: its first character's page and the box around its characters
    /// on that page. An empty span gives the box of the run it sits in.
    pub fn locate(&self, span: Span) -> Option<Location> {
        let first = self.run_at(span.start)?;
        let mut rect = None::<Rect>;
        let start = self.runs.partition_point(|run| run.end <= span.start);
        for run in self.runs.get(start..).unwrap_or(&[]) {
            if run.start >= span.end.max(span.start + 1) {
                break;
            }
            if run.page == first.page {
                rect = Some(rect.map_or(run.rect, |rect| rect.union(run.rect)));
            }
        }
        Some(Location {
            page: first.page,
            rect: rect.unwrap_or(first.rect),
        })
    }

    /// The number of runs (for the benchmarks and the size claim in the docs).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }
}

/// Writes the extracted text and its [`PageMap`] together, so they cannot disagree.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub text: String,
    map: PageMap,
    /// Bytes written since the last line break.
    line_len: usize,
}

fn offset(text: &str) -> u32 {
    u32::try_from(text.len()).unwrap_or(u32::MAX)
}

fn is_ascii_word(text: &str) -> bool {
    text.chars()
        .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | ',' | '%' | '-'))
}

impl Writer {
    /// Writes a glyph's text, drawn at `rect` on `page`.
    pub fn glyph(&mut self, text: &str, page: u32, rect: Rect) {
        let start = offset(&self.text);
        self.text.push_str(text);
        self.line_len += text.len();
        let end = offset(&self.text);
        let ascii = is_ascii_word(text);
        if let Some(last) = self.map.runs.last_mut() {
            let touching = last.end == start
                && last.page == page
                && last.ascii == ascii
                && last.rect.overlap_y(rect) > 0.0
                && rect.x0 - last.rect.x1 < rect.height();
            if touching {
                last.end = end;
                last.rect = last.rect.union(rect);
                return;
            }
        }
        self.map.runs.push(Run {
            start,
            end,
            page,
            rect,
            ascii,
        });
    }

    /// Writes text the extractor made up: a space, a TAB, a line break.
    pub fn synthetic(&mut self, text: &str) {
        self.text.push_str(text);
        match text.rfind('\n') {
            Some(at) => self.line_len = text.len() - at - 1,
            None => self.line_len += text.len(),
        }
        if let Some(last) = self.map.runs.last_mut() {
            last.end = offset(&self.text);
        }
    }

    /// Ends the line unless nothing was written on it.
    pub fn end_line(&mut self) {
        if self.line_len > 0 {
            self.synthetic("\n");
        }
    }

    pub fn finish(mut self) -> (String, PageMap) {
        self.end_line();
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_get_their_own_box_and_made_up_text_belongs_to_the_run_before() {
        let mut writer = Writer::default();
        let at = |x: f32| Rect::new(x, 100.0, x + 10.0, 110.0);
        writer.glyph("申", 2, at(0.0));
        writer.glyph("请", 2, at(10.0));
        writer.synthetic(" ");
        writer.glyph("2", 2, Rect::new(24.0, 100.0, 29.0, 110.0));
        writer.glyph("1", 2, Rect::new(29.0, 100.0, 34.0, 110.0));
        writer.synthetic("\t");
        writer.glyph("件", 3, at(40.0));
        let (text, map) = writer.finish();
        assert_eq!(text, "申请 21\t件\n");
        assert_eq!(map.runs(), 3);
        let number = text.find("21").unwrap_or(0) as u32;
        let location = map.locate(Span::new(number, number + 2));
        assert_eq!(
            location,
            Some(Location {
                page: 2,
                rect: Rect::new(24.0, 100.0, 34.0, 110.0)
            })
        );
        // The whole line: the box of the first page's part.
        let line = map.locate(Span::new(0, number + 2)).map(|found| found.rect);
        assert_eq!(line, Some(Rect::new(0.0, 100.0, 34.0, 110.0)));
        assert_eq!(map.page_of(text.find('件').unwrap_or(0) as u32), Some(3));
        assert_eq!(
            map.page_of(text.len() as u32 - 1),
            Some(3),
            "the final line break"
        );
    }
}

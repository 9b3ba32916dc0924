//! The few lines of a report a finding is shown on, kept while the report's text is at hand so
//! that the page can be written at the end of a run without any report's text: each line with
//! the flagged text marked (the finding's own span, and its labels' — for a table, the row with
//! the cell marked). A very long line (a report on one line) is kept as a window around its
//! marks, so an excerpt stays small whatever the file.

use nianbao_model::{Diagnostic, Lang, Span};
use nianbao_source::LineIndex;
use std::collections::BTreeSet;

/// At most this many lines per finding; the labels beyond are listed, not shown.
const MAX_LINES: usize = 6;
/// At most this many lines of one multi-line span (a whole table).
const MAX_LINES_PER_SPAN: u32 = 3;
/// A line longer than this (in characters) is cut to a window around its marks…
const MAX_LINE_CHARS: usize = 90;
/// …starting this many characters before the first mark.
const CONTEXT_CHARS: usize = 30;

/// The lines a finding is shown on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The lines are those of the text extracted from a page or Word file, not of the file.
    pub from_extracted: bool,
    /// In line order; none when there is no text to show.
    pub lines: Vec<ExcerptLine>,
    /// Lines with marks left out (beyond the six an excerpt shows).
    pub more_lines: usize,
}

/// One line of an excerpt, or the window of it around its marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExcerptLine {
    /// 1-based, in the text the excerpt is taken from.
    pub number: u32,
    pub text: String,
    /// Characters of the line left out before and after `text`.
    pub cut_before: bool,
    pub cut_after: bool,
    /// Sorted by start, not overlapping.
    pub marks: Vec<Mark>,
}

/// Flagged characters `start..end` of an [`ExcerptLine::text`] (character indices; empty for a
/// blank cell, shown as a gap).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// The finding's own span, not one of its labels.
    pub primary: bool,
    /// The label's message; empty for the primary span.
    pub note: String,
}

/// A span to mark, before it is cut into lines.
struct Wanted<'d> {
    span: Span,
    primary: bool,
    note: &'d str,
}

impl Excerpt {
    /// The lines of `text` (indexed by `index`) that `diagnostic`'s span and labels are on.
    pub fn of(
        text: &str,
        index: &LineIndex,
        diagnostic: &Diagnostic,
        lang: Lang,
        from_extracted: bool,
    ) -> Excerpt {
        let mut excerpt = Excerpt {
            from_extracted,
            lines: Vec::new(),
            more_lines: 0,
        };
        if text.is_empty() {
            // A file that could not be read: nothing to show.
            return excerpt;
        }
        let wanted = std::iter::once(Wanted {
            span: diagnostic.span,
            primary: true,
            note: "",
        })
        .chain(diagnostic.labels.iter().map(|label| Wanted {
            span: label.span,
            primary: false,
            note: label.message.get(lang),
        }));
        let mut lines: Vec<RawLine<'_>> = Vec::new();
        let mut left_out: BTreeSet<u32> = BTreeSet::new();
        for wanted in wanted {
            let span = clamp(text, wanted.span);
            let first = index.line_of(span.start);
            let last = index.line_of(span.end.saturating_sub(1).max(span.start));
            for number in first..=last.min(first.saturating_add(MAX_LINES_PER_SPAN - 1)) {
                let Some(line) = raw_line(text, index, number) else {
                    continue;
                };
                let start = span.start.clamp(line.start, line.end);
                let mark = RawMark {
                    start: start - line.start,
                    end: span.end.clamp(start, line.end) - line.start,
                    primary: wanted.primary,
                    note: wanted.note,
                };
                if let Some(known) = lines.iter_mut().find(|known| known.number == number) {
                    known.marks.push(mark);
                } else if lines.len() < MAX_LINES {
                    lines.push(RawLine {
                        marks: vec![mark],
                        ..line
                    });
                } else {
                    left_out.insert(number);
                }
            }
        }
        lines.sort_by_key(|line| line.number);
        excerpt.lines = lines.into_iter().map(RawLine::cut).collect();
        excerpt.more_lines = left_out.len();
        excerpt
    }
}

/// A line of the text with its marks in bytes, before it is cut.
struct RawLine<'t> {
    number: u32,
    /// The line without its line break.
    text: &'t str,
    /// Byte offsets of `text` in the whole text.
    start: u32,
    end: u32,
    marks: Vec<RawMark<'t>>,
}

struct RawMark<'t> {
    /// Byte offsets in the line.
    start: u32,
    end: u32,
    primary: bool,
    note: &'t str,
}

/// `span` within `text` and on character boundaries.
fn clamp(text: &str, span: Span) -> Span {
    let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
    let boundary = |mut at: u32| {
        at = at.min(len);
        while at > 0 && !text.is_char_boundary(at as usize) {
            at -= 1;
        }
        at
    };
    let start = boundary(span.start);
    Span::new(start, boundary(span.end).max(start))
}

fn raw_line<'t>(text: &'t str, index: &LineIndex, number: u32) -> Option<RawLine<'t>> {
    let start = index.line_start(number)?;
    let end = index
        .line_start(number.saturating_add(1))
        .map_or(text.len(), |next| next as usize);
    let line = text.get(start as usize..end)?;
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    Some(RawLine {
        number,
        text: line,
        start,
        end: start.saturating_add(u32::try_from(line.len()).unwrap_or(u32::MAX)),
        marks: Vec::new(),
    })
}

impl RawLine<'_> {
    /// Marks in characters, overlaps dropped (the primary span wins), and a long line cut to
    /// the window around its marks.
    fn cut(self) -> ExcerptLine {
        let chars_before = |byte: u32| {
            self.text
                .get(..byte as usize)
                .map_or(0, |before| before.chars().count())
        };
        let mut marks: Vec<Mark> = self
            .marks
            .iter()
            .map(|mark| Mark {
                start: chars_before(mark.start),
                end: chars_before(mark.end),
                primary: mark.primary,
                note: mark.note.to_owned(),
            })
            .collect();
        // Primary first, so that it is the one kept where marks overlap.
        marks.sort_by_key(|mark| (!mark.primary, mark.start, mark.end));
        let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
        for mark in marks {
            let overlaps = kept.iter().any(|other| {
                (mark.start < other.end && other.start < mark.end)
                    || (mark.start == other.start && mark.end == other.end)
            });
            if !overlaps {
                kept.push(mark);
            }
        }
        kept.sort_by_key(|mark| (mark.start, mark.end));
        let length = self.text.chars().count();
        if length <= MAX_LINE_CHARS {
            return ExcerptLine {
                number: self.number,
                text: self.text.to_owned(),
                cut_before: false,
                cut_after: false,
                marks: kept,
            };
        }
        let first = kept.first().map_or(0, |mark| mark.start);
        let from = first.saturating_sub(CONTEXT_CHARS);
        let to = (from + MAX_LINE_CHARS).min(length);
        let marks = kept
            .into_iter()
            .filter(|mark| mark.start >= from && mark.start <= to)
            .map(|mark| Mark {
                start: mark.start - from,
                end: mark.end.min(to) - from,
                ..mark
            })
            .collect();
        ExcerptLine {
            number: self.number,
            text: self.text.chars().skip(from).take(to - from).collect(),
            cut_before: from > 0,
            cut_after: to < length,
            marks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::{Category, Message, Severity};

    fn diagnostic(text: &str, flagged: &str) -> Diagnostic {
        let start = text.find(flagged).unwrap_or(0);
        Diagnostic::new(
            "T3001",
            "table3-row-total",
            Severity::Error,
            Category::Arithmetic,
            Message::new("总计不符", "total differs"),
            Span::from_range(start..start + flagged.len()),
        )
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).unwrap_or(0);
        Span::from_range(start..start + needle.len())
    }

    #[test]
    fn the_row_is_kept_with_the_cell_and_its_labels_marked() {
        let text = "标题\r\n（一）自然人\t81\t0\t12\r\n（二）法人\t1\t2\t3\r\n";
        let found = diagnostic(text, "12").with_label(
            span_of(text, "81"),
            Message::new("自然人 81", "natural persons 81"),
        );
        let excerpt = Excerpt::of(text, &LineIndex::new(text), &found, Lang::Zh, false);
        assert_eq!(excerpt.lines.len(), 1);
        let line = &excerpt.lines[0];
        assert_eq!(
            (line.number, line.text.as_str()),
            (2, "（一）自然人\t81\t0\t12")
        );
        let marked: Vec<(String, bool, &str)> = line
            .marks
            .iter()
            .map(|mark| {
                let text: String = line
                    .text
                    .chars()
                    .skip(mark.start)
                    .take(mark.end - mark.start)
                    .collect();
                (text, mark.primary, mark.note.as_str())
            })
            .collect();
        assert_eq!(
            marked,
            [
                ("81".to_owned(), false, "自然人 81"),
                ("12".to_owned(), true, "")
            ]
        );
    }

    #[test]
    fn a_blank_cell_is_an_empty_mark_and_overlaps_keep_the_primary() {
        let text = "（一）自然人\t\t0\n";
        let at = u32::try_from(text.find('\t').unwrap_or(0) + 1).unwrap_or(0);
        let mut found = diagnostic(text, "");
        found.span = Span::new(at, at);
        let found = found
            .with_label(Span::new(at, at), Message::new("同一处", "same"))
            .with_label(span_of(text, "0"), Message::new("零", "zero"));
        let line = &Excerpt::of(text, &LineIndex::new(text), &found, Lang::Zh, false).lines[0];
        assert_eq!(line.marks.len(), 2);
        assert_eq!((line.marks[0].start, line.marks[0].end), (7, 7));
        assert!(line.marks[0].primary);
    }

    #[test]
    fn a_long_line_is_a_window_and_many_labels_are_capped() {
        let text = format!("{}总计 999{}\n", "甲".repeat(500), "乙".repeat(500));
        let found = diagnostic(&text, "999");
        let line = &Excerpt::of(&text, &LineIndex::new(&text), &found, Lang::Zh, false).lines[0];
        assert!(line.cut_before && line.cut_after);
        assert_eq!(line.text.chars().count(), MAX_LINE_CHARS);
        let mark = &line.marks[0];
        let marked: String = line
            .text
            .chars()
            .skip(mark.start)
            .take(mark.end - mark.start)
            .collect();
        assert_eq!(marked, "999");

        let text: String = (1..=20).map(|row| format!("第{row}行 {row}\n")).collect();
        let mut found = diagnostic(&text, "第1行");
        for row in 2..=20 {
            found = found.with_label(
                span_of(&text, &format!("第{row}行")),
                Message::new("行", "row"),
            );
        }
        let excerpt = Excerpt::of(&text, &LineIndex::new(&text), &found, Lang::En, true);
        assert_eq!(excerpt.lines.len(), MAX_LINES);
        assert_eq!(excerpt.more_lines, 20 - MAX_LINES);
        assert!(excerpt.from_extracted);
    }

    #[test]
    fn spans_out_of_range_or_inside_a_character_do_not_panic() {
        let text = "总计\n";
        let mut found = diagnostic(text, "总计");
        for span in [Span::new(1, 2), Span::new(50, 90), Span::new(5, 1)] {
            found.span = span;
            let excerpt = Excerpt::of(text, &LineIndex::new(text), &found, Lang::Zh, false);
            assert!(excerpt.lines.len() <= 1);
        }
    }
}

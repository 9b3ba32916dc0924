//! The source text as miette reads it: a file's lines answered from its line index, and the
//! excerpts a very long line is shown as.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use nianbao_model::{Category, Diagnostic, Span};
use nianbao_source::LineIndex;

/// The source as miette reads it, answered from the [`LineIndex`]: columns in characters (miette
/// counts bytes), no rescan of the text from its start for every label (miette's own reader is
/// linear in the file per label, quadratic for a long report with many findings), and a line
/// count that is the snippet's own, so that miette only merges labels whose snippets touch
/// (its reader counts every line from the start of the file, which merged nearly everything
/// into one tall snippet).
pub(super) struct Snippet<'a> {
    pub(super) name: &'a str,
    pub(super) text: &'a str,
    pub(super) index: &'a LineIndex,
    /// The line number `text`'s first line has in the file (an [`Excerpt`] is one line of it).
    pub(super) first_line: u32,
}

impl Snippet<'_> {
    fn line_of(&self, offset: usize) -> u32 {
        self.index
            .line_of(u32::try_from(offset).unwrap_or(u32::MAX))
    }

    fn line_start(&self, line: u32) -> Option<usize> {
        self.index.line_start(line).map(|start| start as usize)
    }
}

impl SourceCode for Snippet<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let len = self.text.len();
        let start = span.offset();
        let end = start
            .checked_add(span.len())
            .filter(|&end| end <= len)
            .ok_or(MietteError::OutOfBounds)?;
        let first_line = self.line_of(start);
        let last_line = self.line_of(if end > start { end - 1 } else { start });
        let before = u32::try_from(context_lines_before).unwrap_or(u32::MAX);
        let after = u32::try_from(context_lines_after).unwrap_or(u32::MAX);
        // Like miette's reader: without context the data is the span itself, and the column is
        // the span's; with context it runs from the start of the first context line to the end
        // of the last one, line break included.
        let (data_start, data_line, column) = if before == 0 {
            let position = self
                .index
                .position(self.text, u32::try_from(start).unwrap_or(u32::MAX));
            (
                start,
                first_line,
                position.column.saturating_sub(1) as usize,
            )
        } else {
            let line = first_line.saturating_sub(before).max(1);
            (self.line_start(line).unwrap_or(0), line, 0)
        };
        let data_end = if after == 0 {
            end
        } else {
            self.line_start(last_line.saturating_add(after).saturating_add(1))
                .unwrap_or(len)
        };
        let data = self
            .text
            .get(data_start..data_end)
            .ok_or(MietteError::OutOfBounds)?;
        let line_count = self
            .line_of(data_end)
            .saturating_sub(self.line_of(data_start));
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            data.as_bytes(),
            SourceSpan::new(data_start.into(), data_end - data_start),
            data_line
                .saturating_sub(1)
                .saturating_add(self.first_line.saturating_sub(1)) as usize,
            column,
            line_count as usize,
        )))
    }
}

/// A line longer than this many characters is shown as excerpts around the finding's spans.
const LONG_LINE: usize = 200;
/// Characters of context kept on each side of a span in an excerpt.
const EXCERPT_CONTEXT: usize = 30;

/// A crawler's one-line dump (or any very long line) shown in full would print the whole report
/// for every finding, and again as the underline row. When every span of a finding lies on one
/// such line, the snippet is built from the stretches around the spans instead, joined by `…`,
/// with the diagnostic's spans moved onto it. The heading and the gutter keep the real line
/// and column.
pub(super) struct Excerpt {
    pub(super) text: String,
    pub(super) index: LineIndex,
    pub(super) line: u32,
    pub(super) diagnostic: Diagnostic,
}

impl Excerpt {
    pub(super) fn of(source: &str, index: &LineIndex, diagnostic: &Diagnostic) -> Option<Self> {
        if source.is_empty() || diagnostic.category == Category::Input {
            return None;
        }
        let spans: Vec<Span> = std::iter::once(diagnostic.span)
            .chain(diagnostic.labels.iter().map(|label| label.span))
            .filter_map(|span| clamped_span(source, span))
            .collect();
        let line = index.line_of(spans.first()?.start);
        if spans.iter().any(|span| index.line_of(span.start) != line) {
            return None;
        }
        let line_start = index.line_start(line)? as usize;
        let line_end = index
            .line_start(line.saturating_add(1))
            .map_or(source.len(), |next| next as usize);
        let whole = source
            .get(line_start..line_end)?
            .trim_end_matches(['\n', '\r']);
        if whole.chars().count() <= LONG_LINE {
            return None;
        }
        let line_end = line_start + whole.len();
        // Stretches of the line around each span, merged where they meet.
        let mut windows: Vec<(usize, usize)> = spans
            .iter()
            .map(|span| {
                let before = chars_back(source, span.start as usize, line_start, EXCERPT_CONTEXT);
                let after = chars_forward(source, span.end as usize, line_end, EXCERPT_CONTEXT);
                (before, after)
            })
            .collect();
        windows.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (start, end) in windows {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        let mut text = String::new();
        // (start in the source, end in the source, start in the excerpt)
        let mut moved: Vec<(usize, usize, usize)> = Vec::new();
        for (at, &(start, end)) in merged.iter().enumerate() {
            if at > 0 {
                text.push_str(" … ");
            } else if start > line_start {
                text.push('…');
            }
            moved.push((start, end, text.len()));
            text.push_str(source.get(start..end)?);
        }
        if merged.last().is_some_and(|&(_, end)| end < line_end) {
            text.push('…');
        }
        let place = |span: Span| -> Span {
            let (start, end) = (span.start as usize, span.end as usize);
            moved
                .iter()
                .find(|&&(from, to, _)| from <= start && end <= to)
                .map_or(Span::new(0, 0), |&(from, _, out)| {
                    let at = out + (start - from);
                    Span::from_range(at..at + (end - start))
                })
        };
        let mut shown = diagnostic.clone();
        shown.span = place(clamped_span(source, diagnostic.span)?);
        for label in &mut shown.labels {
            label.span = clamped_span(source, label.span).map_or(Span::new(0, 0), place);
        }
        let index = LineIndex::new(&text);
        Some(Self {
            text,
            index,
            line,
            diagnostic: shown,
        })
    }
}

/// [`clamp`] as a [`Span`].
fn clamped_span(text: &str, span: Span) -> Option<Span> {
    let clamped = clamp(text, span)?;
    Some(Span::from_range(
        clamped.offset()..clamped.offset() + clamped.len(),
    ))
}

/// The byte offset `count` characters before `at`, not before `floor`.
fn chars_back(text: &str, at: usize, floor: usize, count: usize) -> usize {
    text.get(floor..at)
        .and_then(|before| before.char_indices().rev().nth(count.saturating_sub(1)))
        .map_or(floor, |(offset, _)| floor + offset)
}

/// The byte offset `count` characters after `at`, not after `ceiling`.
fn chars_forward(text: &str, at: usize, ceiling: usize, count: usize) -> usize {
    text.get(at..ceiling)
        .and_then(|after| after.char_indices().nth(count))
        .map_or(ceiling, |(offset, _)| at + offset)
}

/// The span as miette can take it: inside the text, on character boundaries. An empty span (a
/// blank cell) is kept empty; miette points at it with a single mark.
pub(super) fn clamp(text: &str, span: Span) -> Option<SourceSpan> {
    let len = text.len();
    let mut start = (span.start as usize).min(len);
    let mut end = (span.end as usize).clamp(start, len);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < len && !text.is_char_boundary(end) {
        end += 1;
    }
    // A span covering a line break would make miette draw a multi-line box around prose.
    let end = text
        .get(start..end)
        .and_then(|flagged| flagged.find('\n'))
        .map_or(end, |newline| start + newline);
    if start == len && len > 0 {
        return None;
    }
    Some(SourceSpan::new(start.into(), end - start))
}

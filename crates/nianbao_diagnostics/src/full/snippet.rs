//! The source text as miette reads it: a file's lines answered from its line index, and spans
//! clamped to what miette can take.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use nianbao_model::{Lang, Span};
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
    /// The page of a PDF each frame names after the file.
    pub(super) page: FramePage<'a>,
    /// The language of the page's name.
    pub(super) lang: Lang,
}

/// The page a frame of a PDF's text was printed on.
#[derive(Clone, Copy)]
pub(super) enum FramePage<'a> {
    /// Not a PDF.
    None,
    /// Every frame is on this page (an excerpt of one line).
    Fixed(u32),
    /// The page of a byte offset of the text.
    Of(&'a (dyn Fn(u32) -> Option<u32> + Sync)),
}

impl Snippet<'_> {
    /// The frame's name: the file, and for a PDF the page of the frame's first flagged
    /// character, `第 4 页` (`page 4`).
    fn frame_name(&self, start: usize) -> String {
        let page = match self.page {
            FramePage::None => None,
            FramePage::Fixed(page) => Some(page),
            FramePage::Of(page_of) => page_of(u32::try_from(start).unwrap_or(u32::MAX)),
        };
        match (page, self.lang) {
            (None, _) => self.name.to_owned(),
            (Some(page), Lang::Zh) => format!("{} 第 {page} 页", self.name),
            (Some(page), Lang::En) => format!("{} page {page}", self.name),
        }
    }
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
            self.frame_name(start),
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

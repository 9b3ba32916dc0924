//! Very long lines shown as excerpts: the stretches around a finding's spans, joined by `…`.
//!
//! A crawler's one-line dump (or any very long line) shown in full would print the whole report
//! for every finding, and again as the underline row. Worse, miette pads an underline to its
//! column with Rust's `{:width$}`, and the standard library refuses a width past 65,535
//! ("Formatting argument out of range", a panic): a label past that column of a line, such as
//! the cell after a 70,000-digit one, took the whole file's findings down with it. So whenever a
//! line the snippet would show is long, the snippet is built from excerpts instead: on each
//! line holding a span, the stretches around the span's ends (a long span keeps its head and
//! tail); on a context line, its start. The diagnostic's spans are moved onto the excerpt, and
//! the heading and the gutter keep the real line and column. Every line miette is handed is
//! then a few hundred characters at most, whatever the file.

use super::snippet::clamp;
use nianbao_model::{Category, Diagnostic, Span};
use nianbao_source::LineIndex;
use std::collections::BTreeSet;

/// A line longer than this many characters is shown as excerpts around the finding's spans.
const LONG_LINE: usize = 200;
/// Characters of context kept on each side of a span's ends in an excerpt.
const EXCERPT_CONTEXT: usize = 30;

/// The text a finding is drawn on when a line it shows is long: the lines from its first to
/// its last span's (with one line of context around them when they are several), each long one
/// cut to excerpts.
pub(super) struct Excerpt {
    pub(super) text: String,
    pub(super) index: LineIndex,
    /// The line number the excerpt's first line has in the file.
    pub(super) line: u32,
    /// The finding with its spans moved onto `text`.
    pub(super) diagnostic: Diagnostic,
}

/// A stretch of the source kept in the excerpt: source byte range, and where it starts in the
/// excerpt.
#[derive(Clone, Copy)]
struct Piece {
    from: usize,
    to: usize,
    at: usize,
}

impl Excerpt {
    pub(super) fn of(source: &str, index: &LineIndex, diagnostic: &Diagnostic) -> Option<Self> {
        if source.is_empty() || is_whole_file(diagnostic) {
            return None;
        }
        let spans: Vec<Span> = std::iter::once(diagnostic.span)
            .chain(diagnostic.labels.iter().map(|label| label.span))
            .filter_map(|span| clamped_span(source, span))
            .collect();
        let span_lines: BTreeSet<u32> =
            spans.iter().map(|span| index.line_of(span.start)).collect();
        let (&first, &last) = (span_lines.first()?, span_lines.last()?);
        // One line is shown alone (a dump's line has no neighbours worth showing); several are
        // shown as miette would, with a line of context around each.
        let context = u32::from(first != last);
        let last_line = u32::try_from(index.line_count()).unwrap_or(u32::MAX);
        let shown: BTreeSet<u32> = span_lines
            .iter()
            .flat_map(|&line| line.saturating_sub(context).max(1)..=(line + context).min(last_line))
            .collect();
        let bounds = |line: u32| line_bounds(source, index, line);
        let is_long = |line: u32| {
            bounds(line)
                .and_then(|(start, end)| source.get(start..end))
                .is_some_and(|text| text.chars().nth(LONG_LINE).is_some())
        };
        if !shown.iter().any(|&line| is_long(line)) {
            return None;
        }
        let (&from, &to) = (shown.first()?, shown.last()?);
        let mut text = String::new();
        let mut pieces: Vec<Piece> = Vec::new();
        for line in from..=to {
            if line > from {
                text.push('\n');
            }
            let Some((start, end)) = bounds(line).filter(|_| shown.contains(&line)) else {
                continue;
            };
            let on_line: Vec<Span> = spans
                .iter()
                .copied()
                .filter(|span| index.line_of(span.start) == line)
                .collect();
            let windows = if is_long(line) {
                windows(source, start, end, &on_line)
            } else {
                vec![(start, end)]
            };
            for (nth, &(window_start, window_end)) in windows.iter().enumerate() {
                if nth > 0 {
                    text.push_str(" … ");
                } else if window_start > start {
                    text.push('…');
                }
                pieces.push(Piece {
                    from: window_start,
                    to: window_end,
                    at: text.len(),
                });
                text.push_str(source.get(window_start..window_end)?);
            }
            if windows
                .last()
                .is_some_and(|&(_, window_end)| window_end < end)
            {
                text.push('…');
            }
        }
        let place = |span: Span| place(&pieces, span);
        let mut shown_diagnostic = diagnostic.clone();
        shown_diagnostic.span = place(clamped_span(source, diagnostic.span)?);
        for label in &mut shown_diagnostic.labels {
            label.span = clamped_span(source, label.span).map_or(Span::new(0, 0), place);
        }
        let index = LineIndex::new(&text);
        Some(Self {
            text,
            index,
            line: from,
            diagnostic: shown_diagnostic,
        })
    }
}

/// A finding about the file as a whole (unreadable, empty, not a report …): nothing to show.
pub(super) fn is_whole_file(diagnostic: &Diagnostic) -> bool {
    diagnostic.category == Category::Input && diagnostic.span.is_empty()
}

/// The byte range of `line`'s content, without its line break.
fn line_bounds(source: &str, index: &LineIndex, line: u32) -> Option<(usize, usize)> {
    let start = index.line_start(line)? as usize;
    let end = index
        .line_start(line.saturating_add(1))
        .map_or(source.len(), |next| next as usize);
    let content = source.get(start..end)?.trim_end_matches(['\n', '\r']);
    Some((start, start + content.len()))
}

/// The stretches of a long line kept: around each span's start and end, merged where they
/// meet; a line with no span (context) keeps its start.
fn windows(source: &str, start: usize, end: usize, spans: &[Span]) -> Vec<(usize, usize)> {
    let around = |at: usize| {
        (
            chars_back(source, at, start, EXCERPT_CONTEXT),
            chars_forward(source, at, end, EXCERPT_CONTEXT),
        )
    };
    let mut windows: Vec<(usize, usize)> = spans
        .iter()
        .flat_map(|span| [around(span.start as usize), around(span.end as usize)])
        .collect();
    if windows.is_empty() {
        windows.push((
            start,
            chars_forward(source, start, end, 2 * EXCERPT_CONTEXT),
        ));
    }
    windows.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (window_start, window_end) in windows {
        match merged.last_mut() {
            Some(last) if window_start <= last.1 => last.1 = last.1.max(window_end),
            _ => merged.push((window_start, window_end)),
        }
    }
    merged
}

/// A source span on the excerpt: each end where its piece put it; an end inside a stretch left
/// out moves to the nearest kept text (a long span keeps its head and tail, and covers the `…`
/// between them).
fn place(pieces: &[Piece], span: Span) -> Span {
    let (start, end) = (span.start as usize, span.end as usize);
    let start_at = pieces
        .iter()
        .find(|piece| start <= piece.to)
        .map_or(0, |piece| piece.at + start.saturating_sub(piece.from));
    let end_at = pieces
        .iter()
        .rev()
        .find(|piece| end >= piece.from)
        .map_or(start_at, |piece| piece.at + end.min(piece.to) - piece.from);
    Span::from_range(start_at..end_at.max(start_at))
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

#[cfg(test)]
mod tests {
    use super::super::{FullOptions, render};
    use nianbao_model::{Category, Diagnostic, Message, Severity, Span};
    use nianbao_source::LineIndex;

    /// Issue 13, case 5: a cell of 70,000 digits, and a finding whose labels lie past it on its
    /// line and on the next line. miette would pad the underline to column 70,000 and the
    /// standard library refuses such a width with a panic; the excerpt keeps every column small.
    #[test]
    fn a_label_past_column_65535_renders() {
        let digits = "9".repeat(70_000);
        let source =
            format!("表三\n（一）本年新收\t{digits}\t1\t0\t81\n（二）上年结转\t1\t0\t0\t1\n");
        let at = |needle: &str, from: usize| {
            let start = source[from..].find(needle).unwrap() + from;
            Span::from_range(start..start + needle.len())
        };
        let digits_at = source.find(&digits).unwrap();
        let after = digits_at + digits.len();
        let diagnostic = Diagnostic::new(
            "T3002",
            "table3-balance",
            Severity::Error,
            Category::Arithmetic,
            Message::new("列不平衡", "column does not balance"),
            at("1", after),
        )
        .with_label(
            Span::from_range(digits_at..after),
            Message::new("巨大的数", "huge"),
        )
        .with_label(at("81", after), Message::new("本行总计", "row total"))
        .with_label(
            at("1\t0\t0\t1", source.find("（二）").unwrap()),
            Message::new("下一行", "next row"),
        );
        let rendered = render(
            "big.txt",
            &source,
            &LineIndex::new(&source),
            &[diagnostic],
            FullOptions::default(),
        );
        // The heading keeps the real column: 本年新收 and a TAB, the digits, a TAB.
        let column = "（一）本年新收\t".chars().count() + 70_000 + 2;
        assert!(
            rendered.starts_with(&format!("big.txt:2:{column}: T3002")),
            "{}",
            &rendered[..200.min(rendered.len())]
        );
        for label in ["巨大的数", "本行总计", "下一行", "列不平衡"] {
            assert!(rendered.contains(label), "{label}: {rendered}");
        }
        // The long span keeps its head and tail; no line drawn is anywhere near its length.
        assert!(rendered.contains("999 … 999"), "{rendered}");
        let widest = rendered
            .lines()
            .map(|line| line.chars().count())
            .max()
            .unwrap();
        assert!(widest < 400, "a line of {widest} characters");
        assert!(rendered.contains(" 3 │ （二）上年结转"), "{rendered}");
    }
}

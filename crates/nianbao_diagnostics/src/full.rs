//! The graphical report for people: miette's snippet with underlines, labels and help.
//!
//! miette already expands tabs to tab stops and measures characters with `unicode-width`, so a
//! Chinese character takes two cells and the underlines line up. Each report is headed by
//! `path:line:column:` of the finding, the column counted in characters like every other
//! format (miette would count bytes), and [`Snippet`] answers miette's reads of the source.

use crate::{Lang, Point};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use nianbao_model::{Category, Diagnostic, Severity, Span};
use nianbao_source::LineIndex;
use std::fmt;

/// Rendering options for the graphical format.
#[derive(Clone, Copy, Debug)]
pub struct FullOptions {
    pub lang: Lang,
    /// ANSI colours; only when writing to a terminal and `NO_COLOR` is unset (the caller decides).
    pub color: bool,
    /// Wrap width for messages; source lines are never wrapped.
    pub width: usize,
}

impl Default for FullOptions {
    fn default() -> Self {
        Self {
            lang: Lang::Zh,
            color: false,
            width: 100,
        }
    }
}

/// Renders every diagnostic of one file, in the order given, each followed by a blank line.
pub fn render<'d>(
    path: &str,
    source: &str,
    index: &LineIndex,
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
    options: FullOptions,
) -> String {
    let shown: Vec<Shown<'_>> = diagnostics
        .into_iter()
        .map(|diagnostic| Shown {
            diagnostic,
            heading: None,
        })
        .collect();
    render_frames(path, path, source, index, &shown, options)
}

/// A finding of a saved page or a Word file: its spans in the text extracted from the file, and
/// where the file itself has it.
#[derive(Clone, Copy, Debug)]
pub struct OnExtracted<'a> {
    pub diagnostic: &'a Diagnostic,
    pub in_file: Point,
}

/// Renders the findings of a saved page or a Word file over the text extracted from it (the
/// cell text with its row label, not markup), while each heading gives the finding's `line:col`
/// in the file itself, so a terminal or editor still jumps to the right place.
pub fn render_extracted(
    path: &str,
    extracted: &str,
    index: &LineIndex,
    findings: &[OnExtracted<'_>],
    options: FullOptions,
) -> String {
    let frame = match options.lang {
        Lang::Zh => format!("{path}（提取的文本）"),
        Lang::En => format!("{path} (extracted text)"),
    };
    let shown: Vec<Shown<'_>> = findings
        .iter()
        .map(|finding| Shown {
            diagnostic: finding.diagnostic,
            heading: Some(finding.in_file),
        })
        .collect();
    render_frames(path, &frame, extracted, index, &shown, options)
}

/// One diagnostic to render, and the position that heads it when the text shown is not the
/// file's own (otherwise the position is read off the text).
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    heading: Option<Point>,
}

fn render_frames(
    path: &str,
    frame: &str,
    source: &str,
    index: &LineIndex,
    shown: &[Shown<'_>],
    options: FullOptions,
) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_context_lines(1)
        // The finding's own position heads the report (see `Report::new`); a snippet frame
        // names only the file, because miette would head each frame with its first label's
        // position, which is not the finding's when the labels lie elsewhere.
        .without_primary_span_start()
        .tab_width(4);
    let snippet = Snippet {
        name: frame,
        text: source,
        index,
        first_line: 1,
    };
    let mut out = String::new();
    for &Shown {
        diagnostic,
        heading: position,
    } in shown
    {
        let mut heading = Heading { path, position };
        let excerpt = Excerpt::of(source, index, diagnostic);
        let excerpt_snippet = excerpt.as_ref().map(|excerpt| {
            // The heading keeps the finding's place in the whole line.
            let position = index.position(source, diagnostic.span.start);
            heading.position = heading.position.or(Some(Point {
                line: position.line,
                column: position.column,
            }));
            Snippet {
                name: frame,
                text: &excerpt.text,
                index: &excerpt.index,
                first_line: excerpt.line,
            }
        });
        let report = match (&excerpt, &excerpt_snippet) {
            (Some(excerpt), Some(snippet)) => {
                Report::new(snippet, &excerpt.diagnostic, options.lang, heading)
            }
            _ => Report::new(&snippet, diagnostic, options.lang, heading),
        };
        let mut rendered = String::new();
        let failed = handler.render_report(&mut rendered, &report).is_err();
        if failed {
            // miette refuses spans it cannot place; the finding must still be shown.
            rendered = format!(
                "{}[{}]: {}\n  --> {}\n",
                diagnostic.severity.as_str(),
                diagnostic.code,
                diagnostic.message.get(options.lang),
                path
            );
        }
        out.push_str(&rendered);
        out.push('\n');
    }
    out
}

/// The source as miette reads it, answered from the [`LineIndex`]: columns in characters (miette
/// counts bytes), no rescan of the text from its start for every label (miette's own reader is
/// linear in the file per label, quadratic for a long report with many findings), and a line
/// count that is the snippet's own, so that miette only merges labels whose snippets touch
/// (its reader counts every line from the start of the file, which merged nearly everything
/// into one tall snippet).
struct Snippet<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a LineIndex,
    /// The line number `text`'s first line has in the file (an [`Excerpt`] is one line of it).
    first_line: u32,
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
struct Excerpt {
    text: String,
    index: LineIndex,
    line: u32,
    diagnostic: Diagnostic,
}

impl Excerpt {
    fn of(source: &str, index: &LineIndex, diagnostic: &Diagnostic) -> Option<Self> {
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

/// One diagnostic as miette sees it.
struct Report<'a> {
    snippet: &'a Snippet<'a>,
    code: String,
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
}

/// What heads a report: the file and, for extracted text, the finding's position in the file.
struct Heading<'a> {
    path: &'a str,
    position: Option<Point>,
}

impl<'a> Report<'a> {
    fn new(
        snippet: &'a Snippet<'a>,
        diagnostic: &Diagnostic,
        lang: Lang,
        heading: Heading<'_>,
    ) -> Self {
        let severity = match diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        };
        let mut labels = Vec::new();
        // A file-level finding (unreadable, empty, not a report …) has no text to point at.
        if !snippet.text.is_empty() && diagnostic.category != Category::Input {
            if let Some(span) = clamp(snippet.text, diagnostic.span) {
                labels.push(LabeledSpan::new_primary_with_span(None, span));
            }
            for label in &diagnostic.labels {
                if let Some(span) = clamp(snippet.text, label.span) {
                    let text = label.message.get(lang);
                    let text = (!text.is_empty()).then(|| text.to_owned());
                    labels.push(LabeledSpan::new_with_span(text, span));
                }
            }
        }
        // `path:line:col:` first, as compilers print it, so terminals and editors can jump there.
        let code = if labels.is_empty() {
            format!("{}: {}({})", heading.path, diagnostic.code, diagnostic.name)
        } else {
            let Point { line, column } = heading.position.unwrap_or_else(|| {
                let position = snippet.index.position(snippet.text, diagnostic.span.start);
                Point {
                    line: position.line,
                    column: position.column,
                }
            });
            format!(
                "{}:{line}:{column}: {}({})",
                heading.path, diagnostic.code, diagnostic.name
            )
        };
        Self {
            snippet,
            code,
            message: diagnostic.message.get(lang).to_owned(),
            severity,
            help: help_with_related(diagnostic, lang),
            labels,
        }
    }
}

/// The help line, followed by the locations in other files (`path:line:col`, so a terminal can
/// jump there): miette can only underline the finding's own file.
fn help_with_related(diagnostic: &Diagnostic, lang: Lang) -> Option<String> {
    let mut lines: Vec<String> = diagnostic
        .help
        .iter()
        .map(|help| help.get(lang).to_owned())
        .collect();
    let see = if lang == Lang::Zh { "另见" } else { "see" };
    lines.extend(diagnostic.related.iter().map(|related| {
        let start = crate::Region::of_related(related).start;
        format!(
            "{see} {}:{}:{}: {}",
            related.path,
            start.line,
            start.column,
            related.message.get(lang)
        )
    }));
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The span as miette can take it: inside the text, on character boundaries. An empty span (a
/// blank cell) is kept empty; miette points at it with a single mark.
fn clamp(text: &str, span: Span) -> Option<SourceSpan> {
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

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        (!self.labels.is_empty()).then_some(self.snippet as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::Message;

    const SOURCE: &str = "三、收到和处理政府信息公开申请情况\n\
        （一）本年新收政府信息公开申请数量\t81\t0\t0\t0\t0\t0\t81\n\
        （二）上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n\
        （七）总计\t82\t0\t0\t0\t0\t0\t83\n\
        结转下年度继续办理\t0\t\t0\t0\t0\t0\t0\n";

    fn span_of(needle: &str, nth: usize) -> Span {
        let start = SOURCE.match_indices(needle).nth(nth).unwrap().0;
        Span::from_range(start..start + needle.len())
    }

    fn render_zh(diagnostics: &[Diagnostic], lang: Lang) -> String {
        let index = LineIndex::new(SOURCE);
        render(
            "报告/偃师.txt",
            SOURCE,
            &index,
            diagnostics,
            FullOptions {
                lang,
                ..FullOptions::default()
            },
        )
    }

    /// A one-line dump: the snippet shows the stretches around the spans, not the whole line,
    /// under the real line number, and the heading keeps the real column (in characters).
    #[test]
    fn a_very_long_line_is_shown_as_excerpts() {
        let source = format!(
            "标题\n{}（七）总计 83 件{}另见 12 件{}\n末行\n",
            "甲".repeat(300),
            "乙".repeat(100),
            "丙".repeat(300)
        );
        let at = |needle: &str| {
            let start = source.find(needle).unwrap();
            Span::from_range(start..start + needle.len())
        };
        let diagnostic = Diagnostic::new(
            "T3003",
            "table3-outcome-total",
            Severity::Error,
            Category::Arithmetic,
            Message::new("总计不符", "total mismatch"),
            at("83"),
        )
        .with_label(at("12"), Message::new("这一项", "this one"));
        let rendered = render(
            "dump.txt",
            &source,
            &LineIndex::new(&source),
            &[diagnostic],
            FullOptions::default(),
        );
        // 300 甲 and `（七）总计 ` before the number: column 307 of line 2.
        assert!(rendered.starts_with("dump.txt:2:307: T3003"), "{rendered}");
        assert!(rendered.contains("2 │ …"), "{rendered}");
        assert!(rendered.contains("83 件"), "{rendered}");
        assert!(rendered.contains("12 件"), "{rendered}");
        assert!(rendered.contains("这一项"), "{rendered}");
        // The two stretches are 100 characters apart: shown apart, joined by an ellipsis.
        assert!(rendered.contains("… 乙"), "{rendered}");
        assert!(rendered.matches('甲').count() <= 30, "{rendered}");
        assert!(rendered.matches('丙').count() <= 30, "{rendered}");
        assert!(!rendered.contains("末行"), "{rendered}");
    }

    fn total_mismatch() -> Diagnostic {
        Diagnostic::new(
            "T3001",
            "table3-row-total",
            Severity::Error,
            Category::Arithmetic,
            Message::new(
                "（七）总计行的总计 83 不等于各列之和 82",
                "row （七）总计: total 83 differs from the sum of its columns, 82",
            ),
            span_of("83", 0),
        )
        .with_label(
            span_of("82", 0),
            Message::new("自然人 82", "natural persons 82"),
        )
        .with_help(Message::new("应为 82（差 1）", "expected 82 (off by 1)"))
    }

    #[test]
    fn chinese_tab_grid_underlines_the_right_cells() {
        let out = render_zh(&[total_mismatch()], Lang::Zh);
        insta::assert_snapshot!(out);
        // The header column counts characters: （七）总计⇥82⇥0⇥0⇥0⇥0⇥0⇥ is 19 characters.
        assert!(
            out.starts_with("报告/偃师.txt:4:20: T3001(table3-row-total)"),
            "{out}"
        );
    }

    #[test]
    fn english_blank_cell_and_warning() {
        let blank_at = SOURCE.find("\t\t").unwrap() + 1;
        let blank = Diagnostic::new(
            "B001",
            "blank-cell",
            Severity::Warning,
            Category::Format,
            Message::new("单元格留空", "blank cell"),
            Span::from_range(blank_at..blank_at),
        );
        let out = render_zh(&[blank, total_mismatch()], Lang::En);
        insta::assert_snapshot!(out);
        // 结转下年度继续办理⇥0⇥ is 12 characters: the blank cell (the second tab) is column 13.
        assert!(out.starts_with("报告/偃师.txt:5:13: B001"), "{out}");
    }

    #[test]
    fn related_locations_in_other_files_are_named() {
        let diagnostic = total_mismatch().with_related(crate::related_at(
            "报告/偃师 2023.txt",
            (76, 12),
            (76, 13),
            Message::new("上年 R25[C7] = 1", "last year R25[C7] = 1"),
        ));
        let out = render_zh(&[diagnostic], Lang::Zh);
        assert!(out.contains("应为 82（差 1）"), "{out}");
        assert!(
            out.contains("另见 报告/偃师 2023.txt:76:12: 上年 R25[C7] = 1"),
            "{out}"
        );
    }

    #[test]
    fn extracted_text_is_shown_with_the_files_own_position() {
        let index = LineIndex::new(SOURCE);
        let finding = total_mismatch();
        let out = render_extracted(
            "报告/偃师.html",
            SOURCE,
            &index,
            &[OnExtracted {
                diagnostic: &finding,
                in_file: Point {
                    line: 412,
                    column: 57,
                },
            }],
            FullOptions::default(),
        );
        // Headed by the position in the page, framed as the extracted text with its labels.
        assert!(
            out.starts_with("报告/偃师.html:412:57: T3001(table3-row-total)"),
            "{out}"
        );
        assert!(out.contains("报告/偃师.html（提取的文本）"), "{out}");
        assert!(out.contains(" 4 │ （七）总计  82"), "{out}");
        assert!(!out.contains("<td"), "{out}");
    }

    #[test]
    fn file_level_findings_have_no_snippet() {
        let diagnostic = Diagnostic::new(
            "IO004",
            "empty-file",
            Severity::Warning,
            Category::Input,
            Message::new("文件为空", "empty file"),
            Span::default(),
        )
        .with_help(Message::new("删除它或填写报告", "delete it or fill it in"));
        let out = render("empty.txt", "", &LineIndex::new(""), &[diagnostic], {
            FullOptions::default()
        });
        insta::assert_snapshot!(out);
        assert!(out.starts_with("empty.txt: IO004(empty-file)"), "{out}");
    }

    #[test]
    fn hostile_spans_still_render() {
        let diagnostic = Diagnostic::new(
            "X",
            "x",
            Severity::Info,
            Category::Format,
            Message::new("中", "mid"),
            Span::new(1, 400),
        )
        .with_label(Span::new(500, 600), Message::default());
        let out = render_zh(&[diagnostic], Lang::Zh);
        assert!(out.contains('中'), "{out}");
    }

    #[test]
    fn colour_is_opt_in() {
        let index = LineIndex::new(SOURCE);
        let plain = render(
            "a",
            SOURCE,
            &index,
            &[total_mismatch()],
            FullOptions::default(),
        );
        let coloured = render(
            "a",
            SOURCE,
            &index,
            &[total_mismatch()],
            FullOptions {
                color: true,
                ..FullOptions::default()
            },
        );
        assert!(!plain.contains('\u{1b}'));
        assert!(coloured.contains('\u{1b}'));
    }
}

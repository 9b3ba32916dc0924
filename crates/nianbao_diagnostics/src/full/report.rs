//! One finding as miette renders it: the heading (`path:line:col: CODE(name)`), the labels on
//! its snippet, and the help line with the locations in other files.

use super::excerpt::is_whole_file;
use super::snippet::{Snippet, clamp};
use crate::{ColumnUnit, Lang, Position};
use miette::{LabeledSpan, SourceCode};
use nianbao_model::{Diagnostic, Severity};
use std::fmt;

/// One diagnostic as miette sees it.
pub(super) struct Report<'a> {
    snippet: &'a Snippet<'a>,
    code: String,
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
}

/// What heads a report: the file and, for extracted text, the finding's position in the file.
pub(super) struct Heading<'a> {
    pub(super) path: &'a str,
    pub(super) position: Option<Position>,
    /// What the columns of the heading and of the locations in other files count.
    pub(super) unit: ColumnUnit,
}

impl<'a> Report<'a> {
    pub(super) fn new(
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
        let mut folded = Vec::new();
        // A file-level finding (unreadable, empty, not a report …) has no text to point at.
        if !snippet.text.is_empty() && !is_whole_file(diagnostic) {
            if let Some(span) = clamp(snippet.text, diagnostic.span) {
                labels.push(LabeledSpan::new_primary_with_span(None, span));
            }
            let drawn = drawn_lines(snippet, diagnostic);
            for label in &diagnostic.labels {
                if let Some(span) = clamp(snippet.text, label.span) {
                    let text = label.message.get(lang);
                    let line = line_of(snippet, label.span.start);
                    if !drawn.contains(&line) {
                        folded.push(format!("{} {text}", line_word(line, lang)));
                        continue;
                    }
                    let text = (!text.is_empty()).then(|| text.to_owned());
                    labels.push(LabeledSpan::new_with_span(text, span));
                }
            }
        }
        // `path:line:col:` first, as compilers print it, so terminals and editors can jump there.
        let code = if labels.is_empty() {
            format!("{}: {}({})", heading.path, diagnostic.code, diagnostic.name)
        } else {
            let position = heading
                .position
                .unwrap_or_else(|| snippet.index.position(snippet.text, diagnostic.span.start));
            let (line, column) = (position.line, position.column_in(heading.unit));
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
            help: help_with_related(diagnostic, lang, heading.unit, &folded),
            labels,
        }
    }
}

/// A finding's labels are drawn on at most this many lines of its snippet apart from lines next to
/// those; the labels of the other lines are listed under it. A cell-per-line table otherwise draws a screen per finding.
const DRAWN_LINES: usize = 3;

/// The line (as the file numbers it) that `offset` of the snippet lies on.
fn line_of(snippet: &Snippet<'_>, offset: u32) -> u32 {
    snippet.index.position(snippet.text, offset).line + snippet.first_line - 1
}

fn line_word(line: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {line} 行"),
        Lang::En => format!("line {line}"),
    }
}

/// The lines whose labels are drawn: the finding's own line, the label lines nearest it, and any
/// line next to one of those.
fn drawn_lines(snippet: &Snippet<'_>, diagnostic: &Diagnostic) -> Vec<u32> {
    let own = line_of(snippet, diagnostic.span.start);
    let mut lines: Vec<u32> = diagnostic
        .labels
        .iter()
        .map(|label| line_of(snippet, label.span.start))
        .filter(|&line| line != own)
        .collect();
    lines.sort_unstable_by_key(|&line| (line.abs_diff(own), line));
    lines.dedup();
    let mut drawn = vec![own];
    for line in lines {
        // A line next to one drawn costs no frame of its own.
        if drawn.len() < DRAWN_LINES || drawn.iter().any(|&kept| kept.abs_diff(line) <= 1) {
            drawn.push(line);
        }
    }
    drawn
}

/// The help line, followed by the locations in other files (`path:line:col`, so a terminal can
/// jump there): miette can only underline the finding's own file.
fn help_with_related(
    diagnostic: &Diagnostic,
    lang: Lang,
    unit: ColumnUnit,
    folded: &[String],
) -> Option<String> {
    let mut lines: Vec<String> = diagnostic
        .help
        .iter()
        .map(|help| help.get(lang).to_owned())
        .collect();
    if !folded.is_empty() {
        lines.push(match lang {
            Lang::Zh => format!("未在上方画出的单元格：{}", folded.join("；")),
            Lang::En => format!("cells not drawn above: {}", folded.join("; ")),
        });
    }
    let see = if lang == Lang::Zh { "另见" } else { "see" };
    lines.extend(diagnostic.related.iter().map(|related| {
        let start = crate::Region::of_related(related).start;
        let page = related.placed.and_then(|placed| placed.page);
        format!(
            "{see} {}:{}:{}: {}{}",
            related.path,
            start.line,
            start.column_in(unit),
            related.message.get(lang),
            crate::machine::page_note(page, lang)
        )
    }));
    (!lines.is_empty()).then(|| lines.join("\n"))
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
    use crate::full::snippet::FramePage;
    use nianbao_model::{Category, Message, Span};
    use nianbao_source::LineIndex;

    /// A row read one cell per line (a reading-order extraction), blank lines between: a total
    /// and its six cells.
    const CELLS: &str = "0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n";

    fn total_of_cells() -> Diagnostic {
        let cell = |nth: usize| Span::from_range(nth * 3..nth * 3 + 1);
        let mut diagnostic = Diagnostic::new(
            "T3001",
            "table3-row-total",
            Severity::Error,
            Category::Arithmetic,
            Message::new("总计 1 不等于各列之和 0", "total 1 differs from 0"),
            cell(6),
        );
        for nth in 0..6 {
            let text = format!("C{} = 0", nth + 1);
            diagnostic = diagnostic.with_label(cell(nth), Message::new(text.clone(), text));
        }
        diagnostic
    }

    #[test]
    fn labels_far_from_the_finding_are_listed_not_drawn() {
        let index = LineIndex::new(CELLS);
        let snippet = Snippet {
            name: "a.txt",
            text: CELLS,
            index: &index,
            first_line: 1,
            page: FramePage::None,
            lang: Lang::Zh,
        };
        let diagnostic = total_of_cells();
        // The finding's line 13 and the two label lines nearest it.
        assert_eq!(drawn_lines(&snippet, &diagnostic), vec![13, 11, 9]);
        let heading = Heading {
            path: "a.txt",
            position: None,
            unit: ColumnUnit::Char,
        };
        let report = Report::new(&snippet, &diagnostic, Lang::Zh, heading);
        // The primary span and two labels drawn; four listed under the help, in the labels' order.
        assert_eq!(report.labels.len(), 3);
        assert_eq!(
            report.help.as_deref(),
            Some(
                "未在上方画出的单元格：第 1 行 C1 = 0；第 3 行 C2 = 0；第 5 行 C3 = 0；第 7 行 C4 = 0"
            )
        );
    }

    /// Labels on lines next to each other (a tab grid's rows) cost no frame: all are drawn.
    #[test]
    fn labels_on_neighbouring_lines_are_all_drawn() {
        let text = "0\n0\n0\n0\n0\n0\n1\n";
        let index = LineIndex::new(text);
        let snippet = Snippet {
            name: "a.txt",
            text,
            index: &index,
            first_line: 1,
            page: FramePage::None,
            lang: Lang::Zh,
        };
        let cell = |nth: usize| Span::from_range(nth * 2..nth * 2 + 1);
        let mut diagnostic = Diagnostic::new(
            "T3001",
            "table3-row-total",
            Severity::Error,
            Category::Arithmetic,
            Message::new("总计", "total"),
            cell(6),
        );
        for nth in 0..6 {
            diagnostic = diagnostic.with_label(cell(nth), Message::new("0", "0"));
        }
        assert_eq!(drawn_lines(&snippet, &diagnostic).len(), 7);
    }
}

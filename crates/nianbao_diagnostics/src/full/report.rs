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
        // A file-level finding (unreadable, empty, not a report …) has no text to point at.
        if !snippet.text.is_empty() && !is_whole_file(diagnostic) {
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
            help: help_with_related(diagnostic, lang, heading.unit),
            labels,
        }
    }
}

/// The help line, followed by the locations in other files (`path:line:col`, so a terminal can
/// jump there): miette can only underline the finding's own file.
fn help_with_related(diagnostic: &Diagnostic, lang: Lang, unit: ColumnUnit) -> Option<String> {
    let mut lines: Vec<String> = diagnostic
        .help
        .iter()
        .map(|help| help.get(lang).to_owned())
        .collect();
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

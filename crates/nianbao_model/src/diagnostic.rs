//! A finding about a report: code, severity, category, message in both languages, the spans it
//! points at and the related locations in other reports.

use nianbao_source::Span;
use serde::Serialize;
use std::borrow::Cow;

/// How serious a finding is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// What a check is about. Selection by category (`--select arithmetic`) uses these names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The file itself: unreadable, binary, mis-encoded, not a report, internal errors.
    Input,
    /// Tables and sections as the parser found them.
    Structure,
    Arithmetic,
    Consistency,
    Narrative,
    Format,
    Metadata,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Input => "input",
            Self::Structure => "structure",
            Self::Arithmetic => "arithmetic",
            Self::Consistency => "consistency",
            Self::Narrative => "narrative",
            Self::Format => "format",
            Self::Metadata => "metadata",
        }
    }
}

/// A text in both user languages. Chinese is the default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The language of messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A secondary location of a finding: a summed cell, the other side of a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LabelledSpan {
    pub span: Span,
    pub message: Message,
}

/// A finding about one report: from the input layer, the parser or a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Stable code (`T3001`, `PA003`); never renamed.
    pub code: Cow<'static, str>,
    /// Stable kebab-case name.
    pub name: Cow<'static, str>,
    pub severity: Severity,
    pub category: Category,
    pub message: Message,
    /// The exact text the finding is about (a total cell, a narrative number, a label).
    pub span: Span,
    /// Cells and text that take part (the summed cells, the other side).
    pub labels: Vec<LabelledSpan>,
    /// What would be right, e.g. the expected value.
    pub help: Option<Message>,
    /// Locations in other files that take part (last year's cell for a cross-report rule).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedLocation>,
}

/// A location in another report. A cross-report rule knows only the span in the text that
/// report's grammar read (a corpus run keeps no text); whoever reads that file again places it
/// on the file as the user opens it with [`RelatedLocation::locate`]. Until then, and when the
/// file could not be read again, it is not placed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RelatedLocation {
    pub path: String,
    /// The span in the text the other report's grammar read.
    pub span: Span,
    pub message: Message,
    /// Where `span` lies in the other file as editors show it, once placed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placed: Option<Placed>,
}

/// A range of a file as editors show it: 1-based lines, columns in characters, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Placed {
    pub start: nianbao_source::Position,
    pub end: nianbao_source::Position,
    /// The 1-based page of a PDF the location was printed on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl RelatedLocation {
    /// A location not yet placed on its file.
    pub fn new(path: impl Into<String>, span: Span, message: Message) -> Self {
        Self {
            path: path.into(),
            span,
            message,
            placed: None,
        }
    }

    /// Places the location on its file: `in_file` is [`RelatedLocation::span`] mapped into
    /// `file_text` (the same span for a plain-text report; for a page, the markup it came from),
    /// and `index` indexes `file_text`.
    pub fn locate(&mut self, file_text: &str, index: &nianbao_source::LineIndex, in_file: Span) {
        self.placed = Some(Placed {
            start: index.position(file_text, in_file.start),
            end: index.position(file_text, in_file.end),
            page: None,
        });
    }
}

impl Diagnostic {
    pub fn new(
        code: impl Into<Cow<'static, str>>,
        name: impl Into<Cow<'static, str>>,
        severity: Severity,
        category: Category,
        message: Message,
        span: Span,
    ) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            severity,
            category,
            message,
            span,
            labels: Vec::new(),
            help: None,
            related: Vec::new(),
        }
    }

    pub fn with_related(mut self, related: RelatedLocation) -> Self {
        self.related.push(related);
        self
    }

    pub fn with_label(mut self, span: Span, message: Message) -> Self {
        self.labels.push(LabelledSpan { span, message });
        self
    }

    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_locations_serialise_only_when_present() {
        let plain = Diagnostic::new(
            "X001",
            "carry-over",
            Severity::Warning,
            Category::Consistency,
            Message::new("甲", "a"),
            Span::new(3, 4),
        );
        let json = serde_json::to_value(&plain).unwrap();
        assert!(json.get("related").is_none(), "{json}");
        let mut related = RelatedLocation::new(
            "2021.txt",
            Span::new(19, 20),
            Message::new("上年", "last year"),
        );
        assert_eq!(related.placed, None);
        // Line 2, after four characters of three bytes each: column 5 (byte 12 of the line).
        let text = "标题\n上年结转1\n";
        let span = related.span;
        related.locate(text, &nianbao_source::LineIndex::new(text), span);
        let placed = related.placed.unwrap();
        assert_eq!((placed.start.line, placed.start.column), (2, 5));
        assert_eq!((placed.end.line, placed.end.column), (2, 6));
        let linked = plain.with_related(related);
        let json = serde_json::to_value(&linked).unwrap();
        assert_eq!(json["related"][0]["path"], "2021.txt");
        assert_eq!(json["related"][0]["placed"]["start"]["line"], 2);
        assert_eq!(json["related"][0]["message"]["en"], "last year");
    }
}

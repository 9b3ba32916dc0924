//! The corpus pass of `nianbao check`: the cross-report rules (X…) compare reports with each
//! other, so they run once every file has been read. The per-file pass hands over only each
//! report's [`CrossFacts`] (body, year, a few cells, sentence hashes); the few files that get a
//! cross-report finding are read again to render it, so no text is held across the run.

use crate::config::Config;
use nianbao_model::Diagnostic;
use nianbao_rules::{CorpusOptions, CrossFacts, RuleSet};
use std::sync::Arc;

/// The facts of every checked report, in output (path) order. Paths are borrowed from the job
/// list, which the run holds anyway, so a report costs only its facts and a job number.
#[derive(Default)]
pub struct Corpus<'j> {
    files: Vec<(&'j str, CrossFacts)>,
    /// The job each entry of `files` came from.
    jobs: Vec<usize>,
}

impl<'j> Corpus<'j> {
    pub fn push(&mut self, job: usize, display: &'j str, facts: CrossFacts) {
        self.files.push((display, facts));
        self.jobs.push(job);
    }

    /// Runs the cross-report rules; returns each affected job with its findings, in job order.
    pub fn check(&self, rules: &RuleSet, options: &CorpusOptions) -> Vec<(usize, Vec<Diagnostic>)> {
        let mut by_job: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
        for (file, diagnostic) in rules.check_corpus(&self.files, options) {
            let Some(&job) = self.jobs.get(file) else {
                continue;
            };
            match by_job.last_mut() {
                Some((last, found)) if *last == job => found.push(diagnostic),
                _ => by_job.push((job, vec![diagnostic])),
            }
        }
        by_job
    }
}

/// The `[aliases]` of every configuration in use; the first configuration (in path order) to
/// name an alias wins.
pub fn options<'c>(configs: impl Iterator<Item = &'c Arc<Config>>) -> CorpusOptions {
    let mut options = CorpusOptions::default();
    let mut seen: Vec<*const Config> = Vec::new();
    for config in configs {
        if seen.contains(&Arc::as_ptr(config)) {
            continue;
        }
        seen.push(Arc::as_ptr(config));
        for (alias, body) in config.aliases() {
            options
                .aliases
                .entry(alias.clone())
                .or_insert_with(|| body.clone());
        }
    }
    options
}

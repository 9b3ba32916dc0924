//! The corpus pass of `nianbao check`: the cross-report rules (X…) compare reports with each
//! other, so they run once every file has been read. The per-file pass streams its findings as
//! usual and hands each report's [`nianbao_rules::CrossFacts`] to a [`CorpusFacts`] store,
//! which keeps them as bytes in an unlinked temporary file; at the end the few files that get a
//! cross-report finding are read again to show it, and so are the files its related locations
//! point into.

use crate::check::Job;
use crate::config::Config;
use crate::input::{Document, load};
use nianbao_model::Diagnostic;
use nianbao_rules::{CorpusFacts, CorpusOptions, RuleSet};
use std::path::Path;
use std::sync::Arc;

/// The `[aliases]` and `[regions]` of every configuration in use; the first configuration (in
/// path order) to name an alias or a parent wins.
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
        for (parent, children) in config.regions() {
            options
                .regions
                .entry(parent.clone())
                .or_insert_with(|| children.clone());
        }
    }
    options
}

/// A store for the run's facts, spilling to an unlinked temporary file (in memory if none can
/// be made).
pub fn store(options: &CorpusOptions) -> CorpusFacts {
    let store = CorpusFacts::new(options);
    match spill_file() {
        Some(file) => store.spill_to(file),
        None => store,
    }
}

fn spill_file() -> Option<std::fs::File> {
    let path = std::env::temp_dir().join(format!("nianbao-facts-{}", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .ok()?;
    // Unlinked at once, so it disappears with the process however the run ends.
    std::fs::remove_file(&path).ok()?;
    Some(file)
}

/// Runs the cross-report rules; returns each affected job with its findings, in job order.
pub fn check(rules: &RuleSet, store: &mut CorpusFacts) -> Vec<(usize, Vec<Diagnostic>)> {
    let mut by_job: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
    for (job, diagnostic) in rules.check_corpus_facts(store) {
        match by_job.last_mut() {
            Some((last, found)) if *last == job => found.push(diagnostic),
            _ => by_job.push((job, vec![diagnostic])),
        }
    }
    by_job
}

/// How to read a file of the run again: the run's jobs, which `collect_jobs` sorts by
/// displayed path (so a path is found by binary search), and the loading options.
pub struct Files<'a> {
    pub jobs: &'a [Job],
    pub max_file_size: u64,
    pub input_format: Option<nianbao_html::InputFormat>,
}

impl Files<'_> {
    fn load(&self, display: &str) -> Option<Document> {
        let at = self
            .jobs
            .binary_search_by(|job| job.display.as_str().cmp(display))
            .ok()?;
        let job = self.jobs.get(at)?;
        load(
            &job.origin,
            Path::new(display),
            self.max_file_size,
            self.input_format,
        )
        .ok()
    }

    /// Places every related location of `diagnostics` on its file (a page's markup, not its
    /// extracted text). A file that can no longer be read leaves its locations unplaced, shown
    /// at its start.
    pub fn locate_related(&self, diagnostics: &mut [Diagnostic]) {
        nianbao_html::place_related(diagnostics, |path| self.load(path));
    }
}

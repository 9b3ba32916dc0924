//! The cross-report pass of `nianbao check`: the cross-report rules (X…) compare reports with
//! each other, so they run once every file has been read. The per-file pass streams its findings
//! as usual and hands each report's [`nianbao_rules::CrossFacts`] to a [`CorpusFacts`] store,
//! which keeps them as bytes in an unlinked temporary file. At the end the rules run over the
//! store a body at a time; each body's findings have their related locations placed (every file
//! they point into read once) and wait on disk ([`Spilled`]) until their file's turn in path
//! order, when the file is read again to show them.

use super::cap::cap_per_rule;
use super::findings::{FileResult, OnFile, Status, finish};
use super::guard;
use super::jobs::{self, Job};
use super::pipeline::{internal_error, place};
use super::settings::{Reading, Settings};
use super::spilled::Spilled;
use super::workers::Workers;
use crate::config::Config;
use crate::read::Origin;
use nianbao_model::{Diagnostic, Lang};
use nianbao_rules::{CorpusFacts, CorpusOptions, RuleSet};
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

/// Whether the run has two files whose reports can be compared. Every cross-report rule
/// compares a report with another (last year's, another of the same year, a region's parts),
/// and standard input takes no part: with fewer, the pass has nothing to find, and a single
/// report (the editor's case) is not made to keep facts for it.
pub fn has_pairs(jobs: &[Job]) -> bool {
    jobs.iter()
        .filter(|job| matches!(job.origin, Origin::File(_)) && job.listing_error.is_none())
        .nth(1)
        .is_some()
}

/// A store for the run's facts, spilling to an unlinked temporary file (in memory if none can
/// be made).
pub fn store(options: &CorpusOptions) -> CorpusFacts {
    let store = CorpusFacts::new(options);
    match spill_file("facts") {
        Some(file) => store.spill_to(file),
        None => store,
    }
}

fn spill_file(what: &str) -> Option<std::fs::File> {
    let path = std::env::temp_dir().join(format!("nianbao-{what}-{}", std::process::id()));
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

/// Runs the cross-report rules over the store a body at a time: `place` places each body's
/// related locations, then they wait on disk. Returns them in path order. Facts the store could
/// not read back are said on stderr. The bodies are checked on `threads` threads while this one
/// reads them back and places what they find.
pub fn check(
    rules: &RuleSet,
    mut store: CorpusFacts,
    threads: usize,
    lang: Lang,
    mut place: impl FnMut(&mut [(usize, Diagnostic)]),
) -> Spilled {
    let mut spilled = Spilled::new(spill_file("cross"));
    rules.check_corpus_facts_by_body(&mut store, threads, |mut found| {
        place(&mut found);
        spilled.extend(found);
    });
    spilled.sort();
    let lost = store.lost();
    close_aside(store);
    if lost > 0 {
        crate::say::line(match lang {
            Lang::Zh => format!(
                "nianbao: 警告：{lost} 份报告的跨报告比对数据无法从临时文件读回，未参与跨报告检查"
            ),
            Lang::En => format!(
                "nianbao: warning: the cross-report facts of {lost} reports could not be read back from the temporary file; they took no part in the cross-report checks"
            ),
        });
    }
    spilled
}

/// Drops the store on a thread of its own, which the run does not wait for: closing its
/// spill file makes the system free every page of it (16 MB for 20,000 reports, 1.4 ms),
/// which the findings' files being read again need not wait for. If no thread can be
/// started, the store is dropped here.
fn close_aside(store: CorpusFacts) {
    let _ = std::thread::Builder::new()
        .name("nianbao-close".into())
        .spawn(move || drop(store));
}

/// Says on stderr how many cross-report findings could not be read back from the temporary
/// file, if any: they are missing from the output.
pub fn say_lost(lost: usize, lang: Lang) {
    if lost == 0 {
        return;
    }
    crate::say::line(match lang {
        Lang::Zh => format!("nianbao: 警告：{lost} 条跨报告检查结果无法从临时文件读回，未能显示"),
        Lang::En => format!(
            "nianbao: warning: {lost} cross-report findings could not be read back from the temporary file and are not shown"
        ),
    });
}

/// Places every related location of `found` (one body's findings) on its file (a page's markup,
/// not its extracted text): each file is read once, however many findings point into it, and
/// files are read in parallel. A file that can no longer be read leaves its locations unplaced,
/// shown at its start.
pub fn place_related(
    found: &mut [(usize, Diagnostic)],
    jobs: &[Job],
    reading: Reading,
    workers: &Workers,
) {
    let groups = nianbao_html::related_by_file(found.iter_mut().map(|(_, diagnostic)| diagnostic));
    workers.for_each(groups, |mut in_one_file| {
        // A bug while reading the file leaves its locations unplaced, like an unreadable file.
        let _ = guard::guarded(|| {
            let document = in_one_file
                .first()
                .and_then(|first| jobs::find(jobs, &first.path))
                .and_then(|job| reading.load(job).ok());
            if let Some(document) = document {
                document.place(&mut in_one_file);
            }
        });
    });
}

/// The cross-report findings of one file, shown like its own: the file is read again for their
/// lines. If it can no longer be read, they are shown without the text.
pub fn result(job: &Job, settings: &Settings<'_>, diagnostics: Vec<Diagnostic>) -> FileResult {
    let diagnostics = cap_per_rule(diagnostics);
    guard::guarded(|| {
        let on_file = match settings.reading.load(job) {
            Ok(document) => place(document, diagnostics, settings),
            Err(_) => OnFile::without_text(diagnostics),
        };
        finish(job, settings, Status::Checked, on_file)
    })
    .unwrap_or_else(|panic| internal_error(job, settings, &panic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_merge_first_config_first() {
        let config = |text: &str| Arc::new(Config::from_toml("/", text));
        let near = config(
            "[regions]\n\"平潭综合实验区\" = [\"平潭综合实验区教育局\", \"平潭综合实验区财政金融局\"]\n",
        );
        let far =
            config("[regions]\n\"平潭综合实验区\" = [\"甲\"]\n\"三明市\" = [\"三明市教育局\"]\n");
        assert_eq!(near.regions()["平潭综合实验区"].len(), 2);
        let options = options([&near, &far, &near].into_iter());
        assert_eq!(
            options.regions["平潭综合实验区"],
            ["平潭综合实验区教育局", "平潭综合实验区财政金融局"]
        );
        assert_eq!(options.regions["三明市"], ["三明市教育局"]);
    }
}

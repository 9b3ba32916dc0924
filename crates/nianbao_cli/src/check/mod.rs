//! `nianbao check`: find the files, check them in parallel, print the findings in order.
//!
//! [`run`] reads as the pipeline: the files ([`jobs`]) → each file read, parsed, checked and
//! its findings placed and made final ([`pipeline`], [`findings`]) → the sink of the chosen
//! format ([`output`], [`sink`]) → the cross-report pass ([`cross`]) → the counts and the exit
//! code ([`totals`]).
//!
//! Files are sorted by path before any work starts and processed in batches: each batch runs
//! in parallel and is printed in path order before the next one starts. The output is therefore
//! identical whatever the thread count, it starts flowing before a 100 000-file corpus is done,
//! and only one batch of results is ever held: a report's text is dropped as soon as it is
//! checked, JSON and SARIF documents are written as results arrive, and only `--write-baseline`
//! keeps something (one compact key per finding) until the end.
//!
//! The cross-report rules (X…) compare reports with each other, so their findings exist only
//! once every file is read. The per-file pass still streams: each report also hands its small
//! [`CrossFacts`](nianbao_rules::CrossFacts) to a store that keeps them on disk, and when every
//! file is done, the cross-report findings follow, file by file in path order, each file read
//! again to show them. `--no-cross` leaves them out.

mod cross;
mod findings;
mod guard;
mod jobs;
mod output;
mod pipeline;
mod settings;
mod sink;
mod totals;

use crate::args::CheckArgs;
use crate::baseline::{self, Baseline};
use crate::catalog::catalogue;
use crate::closest::{self, Wanted};
use crate::policy::unknown_selectors;
use crate::rules_cmd;
use jobs::{Job, Listing};
use nianbao_diagnostics::RuleMeta;
use nianbao_model::{Lang, Severity};
use output::{Ended, Output};
use rayon::ThreadPool;
use rayon::prelude::*;
use settings::Settings;
use std::path::{Path, PathBuf};
use std::sync::PoisonError;
use std::time::Instant;

pub fn run(args: CheckArgs) -> u8 {
    let started = Instant::now();
    let lang: Lang = args.lang.into();
    let rules = match rules_cmd::load(args.rules.as_deref(), lang) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let Some(baseline) = load_baseline(&args, lang) else {
        return 2;
    };
    let catalogue = catalogue(&rules);
    if refuse_unknown_selectors(&args, &catalogue, lang) {
        return 2;
    }

    let Listing { jobs, missing } = match jobs::collect(&args, lang) {
        Ok(listing) => listing,
        Err(code) => return code,
    };
    if jobs.is_empty() && missing.is_empty() {
        // Most likely the wrong folder, or reports saved as PDF: say so, not "0 errors".
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => "nianbao: 警告：没有找到报告文件（.txt、.md、.html、.docx 等）",
                Lang::En => "nianbao: warning: no report files (.txt, .md, .html, .docx …) found",
            }
        );
    }

    let store = (!args.no_cross && rules.has_cross_rules()).then(|| {
        cross::store(&cross::options(
            jobs.iter().filter_map(|job| job.config.as_ref()),
        ))
    });
    let mut settings = Settings::new(&args, &rules, baseline, store);
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(error) => {
            eprintln!("nianbao: {error}");
            return 2;
        }
    };
    guard::install_hook();
    let Some(mut output) = Output::new(args.output_format, &catalogue, lang, settings.column_unit)
    else {
        return 2;
    };
    let batch = pool.current_num_threads().max(1) * 16;

    let keep_going = args.write_baseline.is_some();
    per_file_pass(&pool, &jobs, &settings, batch, &mut output, keep_going);
    if let Some(store) = settings.cross.take() {
        if !output.pipe_closed() {
            let store = store.into_inner().unwrap_or_else(PoisonError::into_inner);
            let found = cross::check(&rules, store, lang);
            cross_pass(&pool, &jobs, &settings, batch, found, &mut output);
        }
    }
    let ended = output.finish(args.statistics);
    end(&args, ended, &missing, lang, started)
}

/// `--baseline`, or an empty one; `None` (said on stderr) when it cannot be read.
fn load_baseline(args: &CheckArgs, lang: Lang) -> Option<Baseline> {
    let Some(path) = &args.baseline else {
        return Some(Baseline::default());
    };
    Baseline::load(path)
        .map_err(|error| {
            let message = about_file(lang, "无法读取基线", "cannot read baseline", path, &error);
            eprintln!("{message}");
        })
        .ok()
}

/// Selectors that match nothing are most likely typos, which would check (or ignore) nothing
/// without a word: each is said with the codes closest to it, and the run does not start.
/// Whether there was one.
fn refuse_unknown_selectors(args: &CheckArgs, catalogue: &[RuleMeta], lang: Lang) -> bool {
    let mut refused = false;
    for (option, selectors) in [("--select", &args.select), ("--ignore", &args.ignore)] {
        for selector in unknown_selectors(selectors, catalogue) {
            let hint = closest::hint(selector, catalogue, Wanted::Selector, lang);
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "nianbao: 错误：{option} 中的 “{selector}” 不是已知的规则代码、名称或类别；{hint}"
                    ),
                    Lang::En => format!(
                        "nianbao: error: {option} {selector:?} is no known rule code, name or category; {hint}"
                    ),
                }
            );
            refused = true;
        }
    }
    refused
}

/// Every file checked and written, a batch at a time. A closed pipe ends the pass, unless the
/// baseline still needs every finding.
fn per_file_pass(
    pool: &ThreadPool,
    jobs: &[Job],
    settings: &Settings<'_>,
    batch: usize,
    output: &mut Output<'_>,
    keep_going: bool,
) {
    let progress = settings.progress.then(|| {
        let bar = indicatif::ProgressBar::new(u64::try_from(jobs.len()).unwrap_or(u64::MAX));
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    for (number, chunk) in jobs.chunks(batch).enumerate() {
        if output.pipe_closed() && !keep_going {
            break;
        }
        let results = pool.install(|| {
            chunk
                .par_iter()
                .enumerate()
                .map(|(offset, job)| {
                    let result = pipeline::check_file(job, number * batch + offset, settings);
                    if let Some(bar) = &progress {
                        bar.inc(1);
                    }
                    result
                })
                .collect()
        });
        // Findings and the bar share the terminal: hide the bar while a batch is printed.
        match &progress {
            Some(bar) => bar.suspend(|| output.write_files(results)),
            None => output.write_files(results),
        }
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
}

/// The cross-report findings, their related locations placed, then a batch of files at a time
/// in parallel, like the per-file pass.
fn cross_pass(
    pool: &ThreadPool,
    jobs: &[Job],
    settings: &Settings<'_>,
    batch: usize,
    mut found: Vec<cross::CrossFindings>,
    output: &mut Output<'_>,
) {
    pool.install(|| cross::place_related(&mut found, jobs, settings.reading));
    let mut found = found.into_iter().peekable();
    while found.peek().is_some() {
        let pending: Vec<cross::CrossFindings> = found.by_ref().take(batch).collect();
        let results = pool.install(|| {
            pending
                .into_par_iter()
                .filter_map(|file| {
                    let job = jobs.get(file.job)?;
                    Some(cross::result(job, settings, file.diagnostics))
                })
                .collect()
        });
        output.write_cross(results);
    }
}

/// The baseline written, missing paths and the summary said, and the exit code.
fn end(args: &CheckArgs, ended: Ended, missing: &[PathBuf], lang: Lang, started: Instant) -> u8 {
    let pipe_closed = ended.pipe_closed();
    let Ended {
        totals,
        baseline_entries,
        write_error,
    } = ended;
    if let Some(path) = &args.write_baseline {
        if let Err(error) = baseline::write(path, baseline_entries) {
            let error = error.to_string();
            let message = about_file(lang, "无法写入基线", "cannot write baseline", path, &error);
            eprintln!("{message}");
            return 2;
        }
    }
    for path in missing {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!("nianbao: 路径不存在：{}", path.display()),
                Lang::En => format!("nianbao: no such file or folder: {}", path.display()),
            }
        );
    }
    if args.output_format.is_human() && !pipe_closed {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!("{}", totals.summary(lang, seconds));
    }
    let write_error = write_error.filter(|_| !pipe_closed);
    if let Some(kind) = write_error {
        eprintln!("nianbao: {}", std::io::Error::from(kind));
    }
    if write_error.is_some() || !missing.is_empty() {
        return 2;
    }
    let fail_on: Severity = args.fail_on.into();
    if !args.exit_zero && totals.worst().is_some_and(|worst| worst >= fail_on) {
        return 1;
    }
    0
}

/// `nianbao: <what> <path>：<error>`, with what went wrong in Chinese (`zh`) and English (`en`).
fn about_file(lang: Lang, zh: &str, en: &str, path: &Path, error: &str) -> String {
    match lang {
        Lang::Zh => format!("nianbao: {zh} {}：{error}", path.display()),
        Lang::En => format!("nianbao: {en} {}: {error}", path.display()),
    }
}

//! `nianbao check`: find the files, check them in parallel, print the findings in order.
//!
//! [`run`] reads as the pipeline: the files ([`jobs`]) → each file read, parsed, checked and
//! its findings placed and made final ([`pipeline`], [`findings`]) → the sink of the chosen
//! format ([`output`], [`sink`]) → the cross-report pass ([`cross`]) → the counts and the exit
//! code ([`totals`]).
//!
//! Files are sorted by path before any work starts and checked in parallel (within a bound on
//! the input bytes checked at once, [`in_flight`]); the main thread prints the results in path
//! order as they come ([`ordered`]), while the workers go on. The output is therefore
//! identical whatever the thread count, it starts flowing before a 100 000-file corpus is done,
//! and only a window of results is ever held: a report's text is dropped as soon as it is
//! checked, JSON and SARIF documents are written as results arrive, and only `--write-baseline`
//! keeps something (one compact key per finding) until the end.
//!
//! The cross-report rules (X…) compare reports with each other, so their findings exist only
//! once every file is read. The per-file pass still streams: each report also hands its small
//! [`CrossFacts`](nianbao_rules::CrossFacts) to a store that keeps them on disk, and when every
//! file is done, the cross-report findings follow, file by file in path order, each file read
//! again to show them. `--no-cross` leaves them out.

mod cap;
mod cross;
mod file_set;
mod findings;
mod guard;
mod in_flight;
mod jobs;
mod names;
mod ordered;
mod output;
mod pipeline;
mod preflight;
mod settings;
mod sink;
mod sleepers;
mod spilled;
mod totals;
mod workers;

pub use cap::cap_per_rule;
pub use names::display;

use crate::args::{CheckArgs, OutputFormat};
use crate::baseline::Target;
use crate::catalog::{Docs, OnDemand};
use crate::project;
use crate::rules_cmd;
use crate::say;
use findings::FileResult;
use jobs::{Job, Listing};
pub use jobs::{STDIN_NAME, is_report_file};
use nianbao_model::{Lang, Severity};
use ordered::{Flow, Window};
use output::{Ended, Output};
use preflight::{
    about_file, baseline_refused, load_baseline, refuse_unknown_config_codes,
    refuse_unknown_selectors, threads, warn_ignored_input,
};
use settings::Settings;
use std::path::PathBuf;
use std::sync::PoisonError;
use std::time::Instant;
use workers::Workers;

/// Results a worker of the per-file pass may be ahead of what is written. The writer is woken
/// every half window: a wake-up takes a core from a worker, so few and large hand-overs.
const WINDOW_PER_WORKER: usize = 128;

/// What the results waiting to be written may weigh (a file's findings, rendered or not), at
/// most: a window of files with thousands of findings each stays within this.
const WINDOW_BYTES: usize = 8 << 20;

pub fn run(mut args: CheckArgs) -> u8 {
    let started = Instant::now();
    if let Err(code) = project::resolve(&mut args) {
        return code;
    }
    let lang: Lang = args.lang.into();
    let rules = match rules_cmd::load(args.rules.as_deref(), lang) {
        // Lives until the process ends, which frees it: dropping it (every rule, automaton and
        // message) cost a third as much as checking a single report.
        Ok(rules) => &*Box::leak(Box::new(rules)),
        Err(code) => return code,
    };
    let Some(baseline) = load_baseline(&args, lang) else {
        return 2;
    };
    // Only SARIF prints the rules' documentation (in `tool.driver.rules`).
    let docs = match args.output_format {
        OutputFormat::Sarif => Docs::Built,
        _ => Docs::Left,
    };
    let catalogue = OnDemand::new(rules, docs);
    if refuse_unknown_selectors(&args, &catalogue, lang) {
        return 2;
    }
    warn_ignored_input(&args, lang);

    let Listing {
        jobs,
        missing,
        bad_configs,
    } = match jobs::collect(&args, lang) {
        Ok(listing) => listing,
        Err(code) => return code,
    };
    if refuse_unknown_config_codes(&jobs, &catalogue, lang) {
        return 2;
    }
    if jobs.is_empty() && missing.is_empty() {
        // Most likely the wrong folder, or reports saved as PDF: say so, not "0 errors".
        say::line(match lang {
            Lang::Zh => "nianbao: 警告：没有找到报告文件（.txt、.md、.html、.docx 等）",
            Lang::En => "nianbao: warning: no report files (.txt, .md, .html, .docx …) found",
        });
    }
    let target = match &args.write_baseline {
        Some(path) => match Target::create(path, jobs.iter().filter_map(Job::file_id)) {
            Ok(target) => Some(target),
            Err(error) => {
                say::line(baseline_refused(lang, path, &error));
                return 2;
            }
        },
        None => None,
    };

    let store = (!args.no_cross && rules.has_cross_rules() && cross::has_pairs(&jobs)).then(|| {
        cross::store(&cross::options(
            jobs.iter().filter_map(|job| job.config.as_ref()),
        ))
    });
    let mut settings = Settings::new(&args, rules, baseline, store);
    let workers = match Workers::new(threads(args.threads, lang), jobs.len()) {
        Ok(workers) => workers,
        Err(error) => {
            say::line(format!("nianbao: {error}"));
            return 2;
        }
    };
    guard::install_hook();
    let cross_follows = settings.cross.is_some();
    let Some(mut output) =
        Output::new(&args, &catalogue, lang, settings.column_unit, cross_follows)
    else {
        return 2;
    };
    // Results held at once: the per-file pass's window, the cross pass's batch.
    let window = Window {
        results: workers.count() * WINDOW_PER_WORKER,
        bytes: WINDOW_BYTES,
    };
    let batch = workers.count() * 16;

    let keep_going = args.write_baseline.is_some();
    per_file_pass(&workers, &jobs, &settings, window, &mut output, keep_going);
    if let Some(store) = settings.cross.take() {
        if !output.pipe_closed() {
            let store = store.into_inner().unwrap_or_else(PoisonError::into_inner);
            let found = cross::check(rules, store, workers.count(), lang, |body| {
                cross::place_related(body, &jobs, settings.reading, &workers);
            });
            cross_pass(&workers, &jobs, &settings, batch, found, lang, &mut output);
        }
    }
    let ended = output.finish(args.statistics, &jobs);
    if args.debug_read_counts {
        for job in &jobs {
            say::line(format!(
                "nianbao: debug: {} reads: {}",
                job.reads(),
                job.display()
            ));
        }
    }
    let ending = Ending {
        target,
        missing: &missing,
        bad_configs,
        lang,
        started,
    };
    end(&args, ended, ending)
}

/// Every file checked and written in path order, as the workers finish them. A closed pipe
/// ends the pass, unless the baseline still needs every finding.
fn per_file_pass(
    workers: &Workers,
    jobs: &[Job],
    settings: &Settings<'_>,
    window: Window,
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
    let check = |at: usize, job: &Job| {
        let result = pipeline::check_file(job, at, settings);
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        result
    };
    workers.stream(jobs, window, FileResult::weight, check, |results| {
        // Findings and the bar share the terminal: hide the bar while they are printed.
        match &progress {
            Some(bar) => bar.suspend(|| output.write_files(results)),
            None => output.write_files(results),
        }
        if output.pipe_closed() && !keep_going {
            Flow::Stop
        } else {
            Flow::More
        }
    });
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
}

/// The cross-report findings, their related locations placed, read back a batch of files at a
/// time and shown in parallel, like the per-file pass.
fn cross_pass(
    workers: &Workers,
    jobs: &[Job],
    settings: &Settings<'_>,
    batch: usize,
    mut found: spilled::Spilled,
    lang: Lang,
    output: &mut Output<'_>,
) {
    loop {
        let pending: Vec<spilled::CrossFindings> = std::iter::from_fn(|| found.next_file())
            .take(batch)
            .collect();
        if pending.is_empty() {
            break;
        }
        let results = workers.map(pending, |file| {
            let job = jobs.get(file.job)?;
            Some(cross::result(job, settings, file.diagnostics))
        });
        output.write_cross(results.into_iter().flatten().collect());
    }
    cross::say_lost(found.lost(), lang);
}

/// What the end of a run needs besides the output's counts.
struct Ending<'a> {
    target: Option<Target>,
    missing: &'a [PathBuf],
    /// Configurations that could not be loaded (said as they were found).
    bad_configs: usize,
    lang: Lang,
    started: Instant,
}

/// The baseline written, missing paths and the summary said, and the exit code. Writing a
/// baseline accepts the findings it records: that run exits 0 unless something failed.
fn end(args: &CheckArgs, ended: Ended, ending: Ending<'_>) -> u8 {
    let Ending {
        target,
        missing,
        bad_configs,
        lang,
        started,
    } = ending;
    let pipe_closed = ended.pipe_closed();
    let Ended {
        totals,
        baseline_entries,
        write_error,
    } = ended;
    let speak = !args.quiet && !pipe_closed;
    if let (Some(target), Some(path)) = (target, &args.write_baseline) {
        let recorded = baseline_entries.len();
        if let Err(error) = target.commit(baseline_entries) {
            let error = error.to_string();
            let message = about_file(lang, "无法写入基线", "cannot write baseline", path, &error);
            say::line(message);
            return 2;
        }
        if speak {
            say::line(match lang {
                Lang::Zh => format!("nianbao: 已将 {recorded} 条发现写入基线 {}", path.display()),
                Lang::En => format!(
                    "nianbao: wrote {recorded} {} to the baseline {}",
                    if recorded == 1 { "finding" } else { "findings" },
                    path.display()
                ),
            });
        }
    }
    // Each missing path is a finding of its own; on the terminal it is shown with the others.
    let shown_with_findings =
        args.output_format.is_human() && !args.statistics_only && args.output_file.is_none();
    for path in missing.iter().filter(|_| !shown_with_findings) {
        let shown = display(path);
        say::line(match lang {
            Lang::Zh => format!("nianbao: 路径不存在：{shown}"),
            Lang::En => format!("nianbao: no such file or folder: {shown}"),
        });
    }
    if speak {
        if let Some(path) = &args.baseline {
            say::line(format!("nianbao: {}", totals.baseline_note(lang, path)));
        }
        if args.output_format.is_human() {
            let seconds = started.elapsed().as_secs_f64();
            say::line(totals.summary(lang, seconds));
        } else if let Some(note) = totals.hidden_note(lang) {
            // GitHub annotations hide infos too, but print no summary: the count is said alone.
            say::line(format!("nianbao: {note}"));
        }
    }
    let write_error = write_error.filter(|_| !pipe_closed);
    if let Some(kind) = write_error {
        say::line(format!("nianbao: {}", std::io::Error::from(kind)));
    }
    if write_error.is_some() || !missing.is_empty() || bad_configs > 0 {
        return 2;
    }
    let fail_on: Severity = args.fail_on.into();
    let accepted = args.exit_zero || args.write_baseline.is_some();
    if !accepted && totals.worst().is_some_and(|worst| worst >= fail_on) {
        return 1;
    }
    0
}

//! `nianbao check`: find the files, check them in parallel, print the findings in order.
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

use crate::baseline::{self, Baseline, Entry};
use crate::catalog::{InputProblem, catalogue};
use crate::config::{CliSelection, Config, Discovery, Policy, unknown_selectors};
use crate::corpus;
use crate::input::{Document, Origin, is_report_file, load, render_file_error};
use crate::{CheckArgs, ColorArg, OutputFormat};
use nianbao_diagnostics::full::{self, FullOptions};
use nianbao_diagnostics::machine::{self, JsonArray};
use nianbao_diagnostics::sarif::{SarifWriter, Tool};
use nianbao_diagnostics::{Finding, RuleMeta};
use nianbao_model::{Diagnostic, Lang, Report, Severity};
use nianbao_rules::{CorpusFacts, CrossFacts, RuleSet};
use nianbao_source::LineIndex;
use rayon::prelude::*;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// One file to check, with the configuration that governs it.
pub(crate) struct Job {
    pub(crate) origin: Origin,
    /// The path as shown in the output.
    pub(crate) display: String,
    config: Option<Arc<Config>>,
    /// A problem found while listing (a folder that could not be read).
    /// Boxed: a run holds a job per file, and most have none.
    listing_error: Option<Box<Diagnostic>>,
}

/// What became of a file; these add up to the files found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Checked,
    /// Empty, too large, or not a report.
    Skipped,
    /// Unreadable, binary or mis-encoded.
    Unreadable,
    Internal,
}

struct FileResult {
    status: Status,
    findings: Vec<Finding>,
    /// Every finding before the baseline was applied, for `--write-baseline`.
    baseline_entries: Vec<Entry>,
    /// The graphical rendering, for the full format.
    rendered: String,
}

/// State shared by the workers: read-only but for the corpus store behind its lock.
struct Context<'a> {
    rules: &'a RuleSet,
    selection: CliSelection,
    baseline: Baseline,
    format: OutputFormat,
    lang: Lang,
    color: bool,
    max_file_size: u64,
    /// `--input-format`: one format for every file, or `None` to decide per file.
    input_format: Option<nianbao_html::InputFormat>,
    record_baseline: bool,
    panic_marker: Option<String>,
    /// When the cross-report rules run (not `--no-cross`, and the rule set has some): the store
    /// each worker hands a report's facts to as soon as it has checked it. The store sorts them
    /// itself, so the order workers finish in does not matter; encoding in the worker keeps
    /// the facts' memory in the thread that made it.
    cross: Option<Mutex<CorpusFacts>>,
}

thread_local! {
    /// Set while a worker processes a file, so that the panic hook stays quiet: the panic is
    /// reported as that file's IO007 finding instead.
    static IN_FILE: Cell<bool> = const { Cell::new(false) };
}

fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_FILE.with(Cell::get) {
            default(info);
        }
    }));
}

pub fn run(args: CheckArgs) -> u8 {
    let started = Instant::now();
    let lang: Lang = args.lang.into();
    let rules = match crate::rules_cmd::load(args.rules.as_deref(), lang) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let baseline = match &args.baseline {
        Some(path) => match Baseline::load(path) {
            Ok(baseline) => baseline,
            Err(error) => {
                eprintln!(
                    "{}",
                    message(lang, "无法读取基线", "cannot read baseline", path, &error)
                );
                return 2;
            }
        },
        None => Baseline::default(),
    };
    let catalogue = catalogue(&rules);
    for (option, selectors) in [("--select", &args.select), ("--ignore", &args.ignore)] {
        for selector in unknown_selectors(selectors, &catalogue) {
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "nianbao: 警告：{option} 中的 “{selector}” 不匹配任何规则代码、名称或类别"
                    ),
                    Lang::En => format!(
                        "nianbao: warning: {option} {selector:?} matches no rule code, name or category"
                    ),
                }
            );
        }
    }
    let (jobs, missing) = match collect_jobs(&args, lang) {
        Ok(found) => found,
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
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    };
    let store = (!args.no_cross && rules.has_cross_rules()).then(|| {
        Mutex::new(corpus::store(&corpus::options(
            jobs.iter().filter_map(|job| job.config.as_ref()),
        )))
    });
    let mut context = Context {
        rules: &rules,
        selection: CliSelection {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
        },
        baseline,
        format: args.output_format,
        lang,
        color,
        max_file_size: args.max_file_size,
        input_format: args.input_format.forced(),
        record_baseline: args.write_baseline.is_some(),
        panic_marker: args.debug_panic_marker.clone(),
        cross: store,
    };
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
    install_panic_hook();

    let progress = (args.output_format.is_human() && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(u64::try_from(jobs.len()).unwrap_or(u64::MAX));
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    });

    let mut totals = Totals::default();
    let mut baseline_entries = Vec::new();
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::new(stdout.lock());
    // The first failed write to stdout. A closed pipe (`nianbao check | head`) ends the run
    // quietly, as in other command-line tools; any other write error is exit code 2.
    let mut write_error: Option<std::io::ErrorKind> = None;
    let mut sink = match Sink::new(out, args.output_format, &catalogue, lang) {
        Ok(sink) => sink,
        Err(_) => return 2,
    };
    let batch = pool.current_num_threads().max(1) * 16;
    for (number, chunk) in jobs.chunks(batch).enumerate() {
        if write_error == Some(std::io::ErrorKind::BrokenPipe) && args.write_baseline.is_none() {
            break;
        }
        let results: Vec<FileResult> = pool.install(|| {
            chunk
                .par_iter()
                .enumerate()
                .map(|(offset, job)| {
                    let result = check_job(job, number * batch + offset, &context);
                    if let Some(bar) = &progress {
                        bar.inc(1);
                    }
                    result
                })
                .collect()
        });
        let write_batch = || {
            let mut written = Ok(());
            for result in results {
                totals.add(&result);
                written = written.and_then(|()| sink.write(&result));
                baseline_entries.extend(result.baseline_entries);
            }
            written.and_then(|()| sink.flush())
        };
        // Findings and the bar share the terminal: hide the bar while a batch is printed.
        let written = match &progress {
            Some(bar) => bar.suspend(write_batch),
            None => write_batch(),
        };
        record(&mut write_error, written);
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let store = context
        .cross
        .take()
        .map(|store| store.into_inner().unwrap_or_else(PoisonError::into_inner));
    if let Some(mut store) = store.filter(|_| write_error != Some(std::io::ErrorKind::BrokenPipe)) {
        let found = corpus::check(&rules, &mut store);
        if store.lost() > 0 {
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "nianbao: 警告：{} 份报告的跨报告比对数据无法从临时文件读回，未参与跨报告检查",
                        store.lost()
                    ),
                    Lang::En => format!(
                        "nianbao: warning: the cross-report facts of {} reports could not be read back from the temporary file; they took no part in the cross-report checks",
                        store.lost()
                    ),
                }
            );
        }
        drop(store);
        let files = corpus::Files {
            jobs: &jobs,
            max_file_size: context.max_file_size,
            input_format: context.input_format,
        };
        // A batch at a time, in parallel, like the per-file pass.
        let mut announced = false;
        let mut found = found.into_iter().peekable();
        while found.peek().is_some() {
            let pending: Vec<(usize, Vec<Diagnostic>)> = found.by_ref().take(batch).collect();
            let results: Vec<FileResult> = pool.install(|| {
                pending
                    .into_par_iter()
                    .filter_map(|(at, diagnostics)| {
                        let job = jobs.get(at)?;
                        Some(cross_result(job, &context, &files, diagnostics))
                    })
                    .collect()
            });
            for result in results {
                totals.add_cross(&result);
                if write_error != Some(std::io::ErrorKind::BrokenPipe) {
                    if !announced && !result.rendered.is_empty() {
                        // In the full format the findings that follow are told apart from the
                        // file-by-file ones above.
                        announced = true;
                        let heading = match lang {
                            Lang::Zh => {
                                "── 跨报告检查（与上年报告、同年其他报告及下级机关报告比对）──\n\n"
                            }
                            Lang::En => {
                                "── cross-report checks (against last year's report, this year's other reports and the parts of a region) ──\n\n"
                            }
                        };
                        record(&mut write_error, sink.write_heading(heading));
                    }
                    record(&mut write_error, sink.write(&result));
                }
                baseline_entries.extend(result.baseline_entries);
            }
            record(&mut write_error, sink.flush());
        }
    }
    if write_error.is_none() {
        match sink.finish() {
            Ok(mut out) => {
                if args.statistics {
                    let text = totals.statistics(lang);
                    if args.output_format.is_human() {
                        record(&mut write_error, out.write_all(text.as_bytes()));
                    } else {
                        eprint!("{text}");
                    }
                }
                record(&mut write_error, out.flush());
            }
            Err(error) => record(&mut write_error, Err(error)),
        }
    }

    if let Some(path) = &args.write_baseline {
        if let Err(error) = baseline::write(path, baseline_entries) {
            eprintln!(
                "{}",
                message(
                    lang,
                    "无法写入基线",
                    "cannot write baseline",
                    path,
                    &error.to_string()
                )
            );
            return 2;
        }
    }
    for path in &missing {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!("nianbao: 路径不存在：{}", path.display()),
                Lang::En => format!("nianbao: no such file or folder: {}", path.display()),
            }
        );
    }
    let broken_pipe = write_error == Some(std::io::ErrorKind::BrokenPipe);
    if args.output_format.is_human() && !broken_pipe {
        eprintln!("{}", totals.summary(lang, started.elapsed().as_secs_f64()));
    }
    if let Some(kind) = write_error.filter(|_| !broken_pipe) {
        eprintln!("nianbao: {}", std::io::Error::from(kind));
    }
    if (write_error.is_some() && !broken_pipe) || !missing.is_empty() {
        return 2;
    }
    let fail_on: Severity = args.fail_on.into();
    if !args.exit_zero && totals.worst.is_some_and(|worst| worst >= fail_on) {
        return 1;
    }
    0
}

/// Keeps the first write error.
fn record(first: &mut Option<std::io::ErrorKind>, result: std::io::Result<()>) {
    if let (None, Err(error)) = (&first, result) {
        *first = Some(error.kind());
    }
}

fn message(lang: Lang, zh: &str, en: &str, path: &Path, error: &str) -> String {
    match lang {
        Lang::Zh => format!("nianbao: {zh} {}：{error}", path.display()),
        Lang::En => format!("nianbao: {en} {}: {error}", path.display()),
    }
}

fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}

/// Lists every file to check, sorted by displayed path, with its configuration. Paths that do
/// not exist are returned separately: they are reported after the others are checked.
fn collect_jobs(args: &CheckArgs, lang: Lang) -> Result<(Vec<Job>, Vec<PathBuf>), u8> {
    let fixed_config = match &args.config {
        Some(path) => match Config::load(path) {
            Ok(config) => Some(Arc::new(config)),
            Err(error) => {
                let out =
                    render_file_error(&error.path, &error.text, error.span, &error.message, lang);
                eprint!("{out}");
                return Err(2);
            }
        },
        None => None,
    };
    let mut discovery = Discovery::default();
    let mut found: Vec<(Origin, String, Option<Box<Diagnostic>>)> = Vec::new();
    let mut missing = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "-".to_owned());
            found.push((Origin::Stdin, name, None));
        } else if path.is_dir() {
            walk(path, &mut found, lang);
        } else if path.exists() || path.symlink_metadata().is_ok() {
            found.push((Origin::File(path.clone()), display(path), None));
        } else {
            missing.push(path.clone());
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    // `seed.txt` and `./seed.txt`, or a file also inside a folder given: checked once.
    found.dedup_by(|a, b| a.1 == b.1);

    let mut jobs = Vec::with_capacity(found.len());
    for (origin, display, listing_error) in found {
        let config = match &fixed_config {
            Some(config) => Some(Arc::clone(config)),
            None => {
                let dir = match &origin {
                    Origin::File(path) => path.parent().map(Path::to_path_buf),
                    Origin::Stdin => args
                        .stdin_filename
                        .as_ref()
                        .and_then(|name| Path::new(name).parent().map(Path::to_path_buf)),
                }
                .filter(|dir| !dir.as_os_str().is_empty())
                .unwrap_or_else(|| PathBuf::from("."));
                match discovery.for_dir(&dir) {
                    Ok(config) => config,
                    Err(error) => {
                        let out = render_file_error(
                            &error.path,
                            &error.text,
                            error.span,
                            &error.message,
                            lang,
                        );
                        eprint!("{out}");
                        return Err(2);
                    }
                }
            }
        };
        jobs.push(Job {
            origin,
            display,
            config,
            listing_error,
        });
    }
    Ok((jobs, missing))
}

/// Walks a folder: report files only (not the folder's README, LICENSE or CHANGELOG), hidden
/// folders skipped, symbolic links followed with loop detection (a loop is reported on stderr
/// and not entered).
fn walk(root: &Path, found: &mut Vec<(Origin, String, Option<Box<Diagnostic>>)>, lang: Lang) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file() && is_report_file(entry.path()) {
                    let path = entry.into_path();
                    let shown = display(&path);
                    found.push((Origin::File(path), shown, None));
                }
            }
            Err(error) => {
                let path = error.path().map(Path::to_path_buf).unwrap_or_default();
                if error.loop_ancestor().is_some() {
                    eprintln!(
                        "{}",
                        match lang {
                            Lang::Zh => format!("nianbao: 跳过符号链接循环：{}", path.display()),
                            Lang::En =>
                                format!("nianbao: skipping symbolic link loop: {}", path.display()),
                        }
                    );
                } else {
                    let shown = display(&path);
                    let reason = error.to_string();
                    // walkdir's text is English: the Chinese message says the same in words.
                    let zh = match error.io_error().map(std::io::Error::kind) {
                        Some(std::io::ErrorKind::PermissionDenied) => "没有读取权限".to_owned(),
                        Some(std::io::ErrorKind::NotFound) => {
                            "文件不存在（可能是指向已删除文件的符号链接）".to_owned()
                        }
                        _ => format!("无法读取（{reason}）"),
                    };
                    let diagnostic = InputProblem::Unreadable.diagnostic(Some((zh, reason)));
                    found.push((Origin::File(path), shown, Some(Box::new(diagnostic))));
                }
            }
        }
    }
}

/// A text with no title, no section heading and no table is not an annual report, and the
/// template rules would only bury that in noise.
fn looks_like_a_report(report: &Report) -> bool {
    report.title.is_some()
        || !report.sections.is_empty()
        || report.table2.is_some()
        || report.table3.is_some()
        || report.table4.is_some()
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

/// Checks one file. A panic anywhere in it (parser, rules, rendering) becomes that file's IO007
/// finding; the finding is then rendered without the text, which may be what broke. While the
/// cross-report rules run, the report's facts go to the corpus store as job number `at`.
fn check_job(job: &Job, at: usize, context: &Context<'_>) -> FileResult {
    IN_FILE.with(|flag| flag.set(true));
    // Standard input cannot be read a second time, so it takes no part in the corpus pass.
    let want_facts = context.cross.is_some() && matches!(job.origin, Origin::File(_));
    let checked = catch_unwind(AssertUnwindSafe(|| {
        let (status, text, diagnostics, facts, shown) = read_and_lint(job, context, want_facts);
        if let (Some(facts), Some(store)) = (facts, &context.cross) {
            store
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(at, &job.display, &facts);
        }
        finish(job, context, status, &text, diagnostics, shown)
    }));
    IN_FILE.with(|flag| flag.set(false));
    checked.unwrap_or_else(|payload| {
        let detail = panic_text(payload.as_ref());
        let diagnostic = InputProblem::Internal.diagnostic(Some((detail.clone(), detail)));
        finish(job, context, Status::Internal, "", vec![diagnostic], None)
    })
}

/// The cross-report findings of one file, shown like its own: the file is read again for their
/// lines (and the files their related locations point into, for theirs). If it can no longer be
/// read, they are shown without the text.
fn cross_result(
    job: &Job,
    context: &Context<'_>,
    files: &corpus::Files<'_>,
    mut diagnostics: Vec<Diagnostic>,
) -> FileResult {
    IN_FILE.with(|flag| flag.set(true));
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        files.locate_related(&mut diagnostics);
        let loaded = load(
            &job.origin,
            Path::new(&job.display),
            context.max_file_size,
            context.input_format,
        );
        match loaded {
            Ok(document) => {
                let (text, diagnostics, shown) = place(document, diagnostics, context);
                finish(job, context, Status::Checked, &text, diagnostics, shown)
            }
            Err(_) => finish(job, context, Status::Checked, "", diagnostics, None),
        }
    }));
    IN_FILE.with(|flag| flag.set(false));
    rendered.unwrap_or_else(|payload| {
        let detail = panic_text(payload.as_ref());
        let diagnostic = InputProblem::Internal.diagnostic(Some((detail.clone(), detail)));
        finish(job, context, Status::Internal, "", vec![diagnostic], None)
    })
}

fn read_and_lint(
    job: &Job,
    context: &Context<'_>,
    want_facts: bool,
) -> (
    Status,
    String,
    Vec<Diagnostic>,
    Option<CrossFacts>,
    Option<Shown>,
) {
    if let Some(error) = &job.listing_error {
        return (
            Status::Unreadable,
            String::new(),
            vec![(**error).clone()],
            None,
            None,
        );
    }
    match load(
        &job.origin,
        Path::new(&job.display),
        context.max_file_size,
        context.input_format,
    ) {
        Err(diagnostic) => {
            let status = match diagnostic.code.as_ref() {
                "IO004" | "IO005" | "IO006" => Status::Skipped,
                _ => Status::Unreadable,
            };
            (status, String::new(), vec![*diagnostic], None, None)
        }
        Ok(document) => {
            let (is_report, diagnostics, facts) = lint(document.text(), context, want_facts);
            let status = if is_report {
                Status::Checked
            } else {
                Status::Skipped
            };
            let (text, diagnostics, shown) = place(document, diagnostics, context);
            (status, text, diagnostics, facts, shown)
        }
    }
}

/// A page or Word file as a person reads it in the full format: the extracted text (cell text
/// with its row label, not markup) and each finding's span in it, in the order of the file's.
struct Shown {
    text: String,
    diagnostics: Vec<Diagnostic>,
}

/// Findings are located where the user's file has them (on the markup of a page), so that
/// editors and `path:line:col` open at the right place; for the full format a page also keeps
/// its extracted text and the findings' spans in it.
fn place(
    document: Document,
    diagnostics: Vec<Diagnostic>,
    context: &Context<'_>,
) -> (String, Vec<Diagnostic>, Option<Shown>) {
    match document {
        Document::Extracted(extracted) if context.format == OutputFormat::Full => {
            let in_file = diagnostics.iter().map(|d| extracted.remap(d)).collect();
            let extracted = *extracted;
            let shown = Shown {
                text: extracted.text,
                diagnostics,
            };
            (extracted.original, in_file, Some(shown))
        }
        document => {
            let in_file = diagnostics
                .into_iter()
                .map(|diagnostic| document.to_file(diagnostic))
                .collect();
            (document.into_file_text(), in_file, None)
        }
    }
}

/// Selection, sorting, positions, baseline and rendering of one file's diagnostics.
fn finish(
    job: &Job,
    context: &Context<'_>,
    status: Status,
    text: &str,
    diagnostics: Vec<Diagnostic>,
    shown: Option<Shown>,
) -> FileResult {
    let policy = Policy::new(
        &context.selection,
        job.config.as_deref(),
        match &job.origin {
            Origin::File(path) => path.as_path(),
            Origin::Stdin => Path::new(&job.display),
        },
    );
    // Each finding travels with its span in the extracted text, if it has one, through selection
    // and sorting, so the two stay paired.
    let (shown_text, shown_spans) = match shown {
        Some(shown) if shown.diagnostics.len() == diagnostics.len() => (
            Some(shown.text),
            shown.diagnostics.into_iter().map(Some).collect(),
        ),
        _ => (None, vec![None; diagnostics.len()]),
    };
    let mut paired: Vec<(Diagnostic, Option<Diagnostic>)> = diagnostics
        .into_iter()
        .zip(shown_spans)
        .filter_map(|(diagnostic, shown)| {
            let diagnostic = policy.adjust(diagnostic)?;
            let shown = shown.map(|shown| Diagnostic {
                severity: diagnostic.severity,
                ..shown
            });
            Some((diagnostic, shown))
        })
        .collect();
    paired.sort_by(|(a, _), (b, _)| {
        (a.span.start, a.span.end, &a.code, &a.message.zh).cmp(&(
            b.span.start,
            b.span.end,
            &b.code,
            &b.message.zh,
        ))
    });
    let (diagnostics, shown): (Vec<Diagnostic>, Vec<Option<Diagnostic>>) =
        paired.into_iter().unzip();
    let index = LineIndex::new(text);
    let mut findings: Vec<Finding> = diagnostics
        .iter()
        .map(|diagnostic| Finding::locate(&job.display, text, &index, diagnostic, context.lang))
        .collect();
    nianbao_diagnostics::assign_fingerprints(&mut findings);
    let baseline_entries = if context.record_baseline {
        findings.iter().map(Entry::of).collect()
    } else {
        Vec::new()
    };
    let keep = context.baseline.keep_mask(&findings);
    let mut kept_diagnostics = Vec::new();
    let mut kept_shown = Vec::new();
    let mut kept_findings = Vec::new();
    for (((diagnostic, shown), finding), keep) in
        diagnostics.into_iter().zip(shown).zip(findings).zip(keep)
    {
        if keep {
            kept_diagnostics.push(diagnostic);
            kept_shown.extend(shown);
            kept_findings.push(finding);
        }
    }
    let options = FullOptions {
        lang: context.lang,
        color: context.color,
        ..FullOptions::default()
    };
    let rendered = match shown_text {
        _ if context.format != OutputFormat::Full => String::new(),
        Some(extracted) if kept_shown.len() == kept_diagnostics.len() => {
            let positions: Vec<(u32, u32)> = kept_findings
                .iter()
                .map(|finding| (finding.region.start.line, finding.region.start.column))
                .collect();
            full::render_extracted(
                &job.display,
                &extracted,
                &LineIndex::new(&extracted),
                &kept_shown,
                &positions,
                options,
            )
        }
        _ => full::render(&job.display, text, &index, &kept_diagnostics, options),
    };
    FileResult {
        status,
        findings: kept_findings,
        baseline_entries,
        rendered,
    }
}

/// Parse, then run the rules, and keep the report's cross-report facts when `facts`; `false`
/// when the text is not a report at all.
fn lint(
    text: &str,
    context: &Context<'_>,
    facts: bool,
) -> (bool, Vec<Diagnostic>, Option<CrossFacts>) {
    if let Some(marker) = &context.panic_marker {
        if text.contains(marker.as_str()) {
            // Unwinds like a panic in the parser would, without the hook's message.
            std::panic::resume_unwind(Box::new(format!("debug panic marker {marker:?} found")));
        }
    }
    let parsed = nianbao_syntax::parse(text);
    if !looks_like_a_report(&parsed.report) {
        return (false, vec![InputProblem::NotAReport.diagnostic(None)], None);
    }
    let mut diagnostics = parsed.diagnostics;
    let facts = if facts {
        let (found, facts) = context.rules.check_with_facts(&parsed.report, text);
        diagnostics.extend(found);
        Some(facts)
    } else {
        diagnostics.extend(context.rules.check(&parsed.report, text));
        None
    };
    (true, diagnostics, facts)
}

/// Where findings go, in the chosen format. Documents (a JSON array, a SARIF log) are written
/// as results arrive; only their closing needs the end of the run.
enum Sink<'a, W: Write> {
    Full(W),
    Concise(W),
    Jsonl(W),
    Github(W),
    Json(JsonArray<W>),
    Sarif(SarifWriter<'a, W>),
}

impl<'a, W: Write> Sink<'a, W> {
    fn new(
        out: W,
        format: OutputFormat,
        catalogue: &[RuleMeta],
        lang: Lang,
    ) -> std::io::Result<Self> {
        Ok(match format {
            OutputFormat::Full => Self::Full(out),
            OutputFormat::Concise => Self::Concise(out),
            OutputFormat::Jsonl => Self::Jsonl(out),
            OutputFormat::Github => Self::Github(out),
            OutputFormat::Json => Self::Json(JsonArray::new(out)),
            OutputFormat::Sarif => Self::Sarif(SarifWriter::new(
                out,
                catalogue,
                Tool {
                    name: "nianbao",
                    version: env!("CARGO_PKG_VERSION"),
                },
                lang,
            )?),
        })
    }

    fn write(&mut self, result: &FileResult) -> std::io::Result<()> {
        let mut findings = result.findings.iter();
        match self {
            Self::Full(out) => out.write_all(result.rendered.as_bytes()),
            Self::Concise(out) => {
                findings.try_for_each(|finding| writeln!(out, "{}", machine::concise(finding)))
            }
            Self::Jsonl(out) => {
                findings.try_for_each(|finding| writeln!(out, "{}", machine::jsonl(finding)))
            }
            Self::Github(out) => {
                findings.try_for_each(|finding| writeln!(out, "{}", machine::github(finding)))
            }
            Self::Json(array) => findings.try_for_each(|finding| array.push(finding)),
            Self::Sarif(log) => findings.try_for_each(|finding| log.push(finding)),
        }
    }

    /// A line between groups of findings, for people: only the full format shows it.
    fn write_heading(&mut self, text: &str) -> std::io::Result<()> {
        match self {
            Self::Full(out) => out.write_all(text.as_bytes()),
            _ => Ok(()),
        }
    }

    /// Pushes printed lines out, so that a batch appears as soon as it is checked. Documents
    /// (JSON, SARIF) are only complete at the end and are left to the buffer.
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Self::Full(out) | Self::Concise(out) | Self::Jsonl(out) | Self::Github(out) => {
                out.flush()
            }
            Self::Json(_) | Self::Sarif(_) => Ok(()),
        }
    }

    fn finish(self) -> std::io::Result<W> {
        match self {
            Self::Full(out) | Self::Concise(out) | Self::Jsonl(out) | Self::Github(out) => Ok(out),
            Self::Json(array) => array.finish(),
            Self::Sarif(log) => log.finish(),
        }
    }
}

/// Counters for the summary line and `--statistics`.
#[derive(Default)]
struct Totals {
    files: usize,
    checked: usize,
    skipped: usize,
    unreadable: usize,
    internal: usize,
    files_with_errors: Vec<String>,
    /// Checked reports (not unreadable or skipped files) with at least one error.
    reports_with_errors: usize,
    by_severity: BTreeMap<Severity, usize>,
    /// code → (name, severity, count).
    by_rule: BTreeMap<String, (String, Severity, usize)>,
    worst: Option<Severity>,
}

impl Totals {
    fn add(&mut self, result: &FileResult) {
        self.files += 1;
        match result.status {
            Status::Checked => self.checked += 1,
            Status::Skipped => self.skipped += 1,
            Status::Unreadable => self.unreadable += 1,
            Status::Internal => self.internal += 1,
        }
        if let Some(first) = result
            .findings
            .iter()
            .find(|finding| finding.severity == Severity::Error)
        {
            self.files_with_errors.push(first.path.clone());
            if result.status == Status::Checked {
                self.reports_with_errors += 1;
            }
        }
        self.count_findings(result);
    }

    /// The cross-report findings of a file already counted by [`Totals::add`]: the file is
    /// not counted again, and listed among those with errors only if it was not already.
    fn add_cross(&mut self, result: &FileResult) {
        if let Some(first) = result
            .findings
            .iter()
            .find(|finding| finding.severity == Severity::Error)
        {
            if !self.files_with_errors.contains(&first.path) {
                self.files_with_errors.push(first.path.clone());
                self.reports_with_errors += 1;
            }
        }
        self.count_findings(result);
    }

    fn count_findings(&mut self, result: &FileResult) {
        for finding in &result.findings {
            *self.by_severity.entry(finding.severity).or_insert(0) += 1;
            let entry = self
                .by_rule
                .entry(finding.code.clone())
                .or_insert_with(|| (finding.name.clone(), finding.severity, 0));
            entry.1 = entry.1.max(finding.severity);
            entry.2 += 1;
            self.worst = self.worst.max(Some(finding.severity));
        }
    }

    fn summary(&self, lang: Lang, seconds: f64) -> String {
        let errors = self.reports_with_errors;
        let mut extra = Vec::new();
        match lang {
            Lang::Zh => {
                if self.unreadable > 0 {
                    extra.push(format!("{} 份无法读取", thousands(self.unreadable)));
                }
                if self.skipped > 0 {
                    extra.push(format!(
                        "{} 份跳过（空文件、过大或不是年报）",
                        thousands(self.skipped)
                    ));
                }
                if self.internal > 0 {
                    extra.push(format!("{} 份内部错误", thousands(self.internal)));
                }
                let mut line = format!(
                    "已检查 {} 份报告，用时 {seconds:.2} 秒：{} 份有错误",
                    thousands(self.checked),
                    thousands(errors)
                );
                if !extra.is_empty() {
                    line.push_str(&format!(
                        "；共 {} 个文件，另有 {}",
                        thousands(self.files),
                        extra.join("、")
                    ));
                }
                line
            }
            Lang::En => {
                if self.unreadable > 0 {
                    extra.push(format!("{} unreadable", thousands(self.unreadable)));
                }
                if self.skipped > 0 {
                    extra.push(format!(
                        "{} skipped (empty, too large or not a report)",
                        thousands(self.skipped)
                    ));
                }
                if self.internal > 0 {
                    extra.push(format!(
                        "{} internal {}",
                        thousands(self.internal),
                        plural(self.internal, "error", "errors")
                    ));
                }
                let mut line = format!(
                    "checked {} {} in {seconds:.2} s: {} with errors",
                    thousands(self.checked),
                    plural(self.checked, "report", "reports"),
                    thousands(errors)
                );
                if !extra.is_empty() {
                    line.push_str(&format!(
                        "; {} {} in all, also {}",
                        thousands(self.files),
                        plural(self.files, "file", "files"),
                        extra.join(", ")
                    ));
                }
                line
            }
        }
    }

    fn statistics(&self, lang: Lang) -> String {
        let (title, severities, with_errors) = match lang {
            Lang::Zh => ("按规则统计：", "按严重程度：", "有错误的文件"),
            Lang::En => ("by rule:", "by severity:", "files with errors"),
        };
        let mut out = format!("{title}\n");
        let name_width = self
            .by_rule
            .values()
            .map(|(name, _, _)| name.len())
            .max()
            .unwrap_or(0);
        for (code, (name, severity, count)) in &self.by_rule {
            out.push_str(&format!(
                "{:>7}  {code:<6} {name:<name_width$} {}\n",
                thousands(*count),
                severity.as_str()
            ));
        }
        out.push_str(severities);
        out.push('\n');
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let count = self.by_severity.get(&severity).copied().unwrap_or(0);
            out.push_str(&format!("{:>7}  {}\n", thousands(count), severity.as_str()));
        }
        out.push_str(&format!(
            "{with_errors} ({}/{}):\n",
            thousands(self.files_with_errors.len()),
            thousands(self.files)
        ));
        // Files listed by their cross-report findings came last: back into path order.
        let mut listed: Vec<&String> = self.files_with_errors.iter().collect();
        listed.sort();
        for path in listed {
            out.push_str(&format!("  {path}\n"));
        }
        out
    }
}

/// `1204` → `1,204`.
fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1204), "1,204");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn report_extensions() {
        assert!(is_report_file(Path::new("a/年报.TXT")));
        assert!(is_report_file(Path::new("a.md")));
        assert!(!is_report_file(Path::new("a.pdf")));
        assert!(is_report_file(Path::new("年报.HTML")));
        assert!(is_report_file(Path::new("年报.docx")));
        assert!(!is_report_file(Path::new("txt")));
        assert!(!is_report_file(Path::new("corpus/README.md")));
        assert!(!is_report_file(Path::new("LICENSE.txt")));
        assert!(is_report_file(Path::new("readme-2024年报.txt")));
    }

    #[test]
    fn summary_adds_up() {
        let totals = Totals {
            files: 4,
            checked: 2,
            skipped: 1,
            unreadable: 1,
            files_with_errors: vec!["a.txt".into(), "unreadable.txt".into()],
            reports_with_errors: 1,
            ..Totals::default()
        };
        assert_eq!(
            totals.summary(Lang::En, 0.5),
            "checked 2 reports in 0.50 s: 1 with errors; 4 files in all, also 1 unreadable, \
             1 skipped (empty, too large or not a report)"
        );
        assert!(
            totals
                .summary(Lang::Zh, 0.5)
                .starts_with("已检查 2 份报告，用时 0.50 秒：1 份有错误；共 4 个文件")
        );
        let single = Totals {
            files: 1,
            internal: 1,
            ..Totals::default()
        };
        assert_eq!(
            single.summary(Lang::En, 0.5),
            "checked 0 reports in 0.50 s: 0 with errors; 1 file in all, also 1 internal error"
        );
    }
}

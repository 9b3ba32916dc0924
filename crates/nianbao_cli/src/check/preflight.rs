//! What is settled before any file is read: the worker count, the baseline to write or read,
//! and the rule codes named on the command line or in a `nianbao.toml` that match nothing.

use super::jobs::Job;
use super::names::display;
use crate::args::CheckArgs;
use crate::baseline::{Baseline, TargetError};
use crate::catalog::OnDemand;
use crate::closest::{self, Wanted};
use crate::config::Config;
use crate::file_error;
use crate::policy::{names_input, unknown_selectors};
use crate::say;
use nianbao_model::Lang;
use std::path::Path;

/// Workers per core at most. Reading files waits on the disk or a network share, so a few
/// workers more than cores keep the cores busy; past that each only adds a thread, a stack and
/// a file's text in memory, and a run of thousands of threads (`--threads 20000`) spent minutes
/// starting and scheduling them.
const THREADS_PER_CORE: usize = 4;

/// The worker count: `--threads`, at most [`THREADS_PER_CORE`] per core (said when capped);
/// 0 or none is one per core.
pub(super) fn threads(asked: Option<usize>, lang: Lang) -> usize {
    // Within the cap on any machine: the cores are not counted (that reads the scheduler's and
    // the control groups' files, a cost a single report notices).
    if asked.is_none_or(|asked| asked <= THREADS_PER_CORE) {
        return asked.unwrap_or(0);
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let most = cores * THREADS_PER_CORE;
    match asked {
        Some(asked) if asked > most => {
            say::line(match lang {
                Lang::Zh => format!(
                    "nianbao: --threads {asked} 过多，按 {most} 个运行（{cores} 个核心，每核至多 {THREADS_PER_CORE} 个）"
                ),
                Lang::En => format!(
                    "nianbao: --threads {asked} is too many; running {most} ({cores} cores, at most {THREADS_PER_CORE} each)"
                ),
            });
            most
        }
        asked => asked.unwrap_or(0),
    }
}

/// Why `--write-baseline PATH` is refused, said before any file is checked.
pub(super) fn baseline_refused(lang: Lang, path: &Path, error: &TargetError) -> String {
    let reason = match (error, lang) {
        (TargetError::IsInput, Lang::Zh) => "它是本次要检查的文件之一，不能覆盖".to_owned(),
        (TargetError::IsInput, Lang::En) => {
            "it is one of the files this run checks; it would be overwritten".to_owned()
        }
        (TargetError::NotAFile, Lang::Zh) => "它不是普通文件".to_owned(),
        (TargetError::NotAFile, Lang::En) => "it is not a regular file".to_owned(),
        (TargetError::Io(error), _) => error.to_string(),
    };
    about_file(lang, "无法写入基线", "cannot write baseline", path, &reason)
}

/// `--baseline`, or an empty one; `None` (said on stderr) when it cannot be read.
pub(super) fn load_baseline(args: &CheckArgs, lang: Lang) -> Option<Baseline> {
    let Some(path) = &args.baseline else {
        return Some(Baseline::default());
    };
    Baseline::load(path)
        .map_err(|error| {
            say::line(about_file(
                lang,
                "无法读取基线",
                "cannot read baseline",
                path,
                &error,
            ));
        })
        .ok()
}

/// Selectors that match nothing are most likely typos, which would check (or ignore) nothing
/// without a word: each is said with the codes closest to it, and the run does not start.
/// Whether there was one.
pub(super) fn refuse_unknown_selectors(
    args: &CheckArgs,
    catalogue: &OnDemand<'_>,
    lang: Lang,
) -> bool {
    let mut refused = false;
    for (option, selectors) in [("--select", &args.select), ("--ignore", &args.ignore)] {
        if selectors.is_empty() {
            continue;
        }
        let catalogue = catalogue.get();
        for selector in unknown_selectors(selectors, catalogue) {
            let hint = closest::hint(selector, catalogue, Wanted::Selector, lang);
            say::line(match lang {
                Lang::Zh => format!(
                    "nianbao: 错误：{option} 中的 “{selector}” 不是已知的规则代码、名称或类别；{hint}"
                ),
                Lang::En => format!(
                    "nianbao: error: {option} {selector:?} is no known rule code, name or category; {hint}"
                ),
            });
            refused = true;
        }
    }
    refused
}

/// Input findings cannot be ignored: an `--ignore` naming them is said, not fatal.
pub(super) fn warn_ignored_input(args: &CheckArgs, lang: Lang) {
    for selector in args.ignore.iter().filter(|selector| names_input(selector)) {
        say::line(match lang {
            Lang::Zh => format!(
                "nianbao: 警告：--ignore 中的 “{selector}” 无效：未能读取或未能完整读取的文件（IO…）总会报告"
            ),
            Lang::En => format!(
                "nianbao: warning: --ignore {selector:?} has no effect: files not read, or not read entirely (IO…), are always reported"
            ),
        });
    }
}

/// The same for the codes a `nianbao.toml` names (`select`, `ignore`, `[per-file-ignores]`,
/// `[severity]`): each unknown one is shown on its line with the closest codes, and the run
/// does not start. Whether there was one.
pub(super) fn refuse_unknown_config_codes(
    jobs: &[Job],
    catalogue: &OnDemand<'_>,
    lang: Lang,
) -> bool {
    let mut seen: Vec<*const Config> = Vec::new();
    let mut refused = false;
    for config in jobs.iter().filter_map(|job| job.config.as_ref()) {
        if seen.contains(&std::sync::Arc::as_ptr(config)) {
            continue;
        }
        seen.push(std::sync::Arc::as_ptr(config));
        for named in config.file().selectors() {
            let selector = [named.selector.to_owned()];
            if unknown_selectors(&selector, catalogue.get()).is_empty() {
                continue;
            }
            let hint = closest::hint(named.selector, catalogue.get(), Wanted::Selector, lang);
            let key = named.key;
            let message = match lang {
                Lang::Zh => format!(
                    "{key} 中的 “{}” 不是已知的规则代码、名称或类别；{hint}",
                    named.selector
                ),
                Lang::En => format!(
                    "{key}: {:?} is no known rule code, name or category; {hint}",
                    named.selector
                ),
            };
            let error = config.error_at(named.span(config.text()), message);
            say::text(&file_error::render(
                &error.path,
                &error.text,
                error.span,
                &error.message,
                lang,
            ));
            refused = true;
        }
    }
    refused
}

/// `nianbao: <what> <path>：<error>`, with what went wrong in Chinese (`zh`) and English (`en`).
pub(super) fn about_file(lang: Lang, zh: &str, en: &str, path: &Path, error: &str) -> String {
    let shown = display(path);
    match lang {
        Lang::Zh => format!("nianbao: {zh} {shown}：{error}"),
        Lang::En => format!("nianbao: {en} {shown}: {error}"),
    }
}

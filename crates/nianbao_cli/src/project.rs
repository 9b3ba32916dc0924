//! The run's project configuration and what it sets: `--config`, else the `nianbao.toml`
//! governing the first path given (the working folder's for standard input without
//! `--stdin-filename`). Its run settings — `fail-on`, `lang`, `output-format`, `column-unit`,
//! `input-format`, `max-file-size`, `show-info`, `exclude`, `respect-gitignore` — fill in what the
//! command line did not say; an option given there wins. Per-file keys (`select`, `ignore`,
//! `[per-file-ignores]`, `[severity]`) are read from each file's nearest configuration as
//! before ([`crate::config`]).

use crate::args::{CheckArgs, ColumnUnitArg, InputFormatArg, LangArg, OutputFormat, SeverityArg};
use crate::config::{CONFIG_FILE, Config, ConfigError};
use crate::file_error;
use crate::say;
use crate::walk::{Excludes, WalkOptions};
use clap::ValueEnum;
use clap::parser::{ArgMatches, ValueSource};
use nianbao_config::Size;
use nianbao_model::{Lang, Severity};
use std::path::{Path, PathBuf};

/// The ids of the options the user gave on the command line.
pub fn given_on_command_line(matches: &ArgMatches) -> Vec<String> {
    matches
        .ids()
        .filter(|id| matches.value_source(id.as_str()) == Some(ValueSource::CommandLine))
        .map(|id| id.as_str().to_owned())
        .collect()
}

/// Fills in the paths (standard input when piped and none given) and the run settings of the
/// project configuration. A value the run cannot take is shown on its line: exit code 2. (A
/// configuration that cannot be loaded at all is left to the listing, which says so.)
pub fn resolve(args: &mut CheckArgs) -> Result<(), u8> {
    if args.paths.is_empty() {
        let path = if stdin_is_piped() { "-" } else { "." };
        args.paths.push(PathBuf::from(path));
    }
    let cwd = PathBuf::from(".");
    let mut walking = WalkOptions {
        excludes: vec![Excludes {
            root: cwd,
            globs: args.exclude.clone(),
        }],
        no_ignore_files: args.no_respect_gitignore,
    };
    let mut format_chosen = args.given.iter().any(|id| id == "output_format");
    let found = match &args.config {
        Some(path) => Some(path.clone()),
        None => nearest(&project_dir(args)),
    };
    if let Some(path) = found {
        let lang: Lang = args.lang.into();
        let stop = |error: ConfigError| {
            say::text(&file_error::render(
                &error.path,
                &error.text,
                error.span,
                &error.message,
                lang,
            ));
            2
        };
        // One that cannot be loaded is said by the listing, once, as it says any malformed
        // configuration (the files it governs get a finding each): its settings are not had.
        let Ok(config) = Config::load(&path) else {
            args.walking = walking;
            args.statistics_only = args.statistics && !format_chosen;
            return Ok(());
        };
        apply(args, &config).map_err(stop)?;
        let file = config.file();
        walking.excludes.push(Excludes {
            root: config.root().to_path_buf(),
            globs: file.exclude.clone(),
        });
        format_chosen |= file.output_format.is_some();
        if file.respect_gitignore == Some(false) {
            walking.no_ignore_files = true;
        }
    }
    args.walking = walking;
    args.statistics_only = args.statistics && !format_chosen;
    Ok(())
}

/// The folder the project configuration is looked for from.
fn project_dir(args: &CheckArgs) -> PathBuf {
    let first = args.paths.first().map(PathBuf::as_path);
    let from = match first {
        Some(path) if path.as_os_str() == "-" => args
            .stdin_filename
            .as_deref()
            .and_then(|name| Path::new(name).parent()),
        Some(path) if path.is_dir() => Some(path),
        Some(path) => path.parent(),
        None => None,
    };
    from.filter(|dir| !dir.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The nearest `nianbao.toml` in `dir` or above it.
fn nearest(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors()
        .map(|folder| folder.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}

/// The run settings `config` holds that the command line did not give.
fn apply(args: &mut CheckArgs, config: &Config) -> Result<(), ConfigError> {
    let file = config.file();
    let given = |id: &str| args.given.iter().any(|given| given == id);
    let unset = |id: &str| !given(id);
    if let (Some(lang), true) = (file.lang, unset("lang")) {
        args.lang = match lang {
            Lang::Zh => LangArg::Zh,
            Lang::En => LangArg::En,
        };
    }
    if let (Some(fail_on), true) = (file.fail_on, unset("fail_on")) {
        args.fail_on = match fail_on {
            Severity::Error => SeverityArg::Error,
            Severity::Warning => SeverityArg::Warning,
            Severity::Info => SeverityArg::Info,
        };
    }
    if let (Some(name), true) = (&file.output_format, unset("output_format")) {
        args.output_format = named::<OutputFormat>(config, name, "output-format")?;
    }
    if let (Some(name), true) = (&file.column_unit, unset("column_unit")) {
        args.column_unit = named::<ColumnUnitArg>(config, name, "column-unit")?;
    }
    if let (Some(name), true) = (&file.input_format, unset("input_format")) {
        args.input_format = named::<InputFormatArg>(config, name, "input-format")?;
    }
    if let (Some(size), true) = (&file.max_file_size, unset("max_file_size")) {
        let span = Some(nianbao_model::Span::from_range(size.span()));
        args.max_file_size = match size.get_ref() {
            Size::Bytes(bytes) => *bytes,
            Size::Text(text) => crate::args::parse_size(text)
                .map_err(|message| config.error_at(span, format!("max-file-size: {message}")))?,
        };
    }
    if file.show_info == Some(true) {
        args.show_info = true;
    }
    Ok(())
}

/// A value named as the command line names it (`concise`, `utf16` …), else an error listing
/// the names there are.
fn named<T: ValueEnum>(
    config: &Config,
    name: &toml::Spanned<String>,
    key: &str,
) -> Result<T, ConfigError> {
    T::from_str(name.get_ref(), true).map_err(|_| {
        let known: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|value| Some(value.to_possible_value()?.get_name().to_owned()))
            .collect();
        config.error_at(
            Some(nianbao_model::Span::from_range(name.span())),
            format!(
                "{key}: {:?} is none of {}",
                name.get_ref(),
                known.join(", ")
            ),
        )
    })
}

/// Whether standard input is a pipe or a file (`cat r.txt | nianbao check`, `< r.txt`), not a
/// terminal or `/dev/null`: then a run given no path reads it.
#[cfg(unix)]
fn stdin_is_piped() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    std::fs::File::from(fd)
        .metadata()
        .is_ok_and(|metadata| metadata.file_type().is_fifo() || metadata.file_type().is_file())
}

/// Whether standard input is piped: elsewhere, whether it is not a terminal.
#[cfg(not(unix))]
fn stdin_is_piped() -> bool {
    use std::io::IsTerminal;
    !std::io::stdin().is_terminal()
}

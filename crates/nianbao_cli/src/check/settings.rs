//! What every file of a run is checked with: the rules, how files are read, the user's selection
//! and baseline, and how findings are shown. Read-only while files are checked, but for the
//! cross-report store behind its lock.

use super::in_flight::InFlight;
use super::jobs::Job;
use crate::args::{CheckArgs, ColorArg, OutputFormat};
use crate::baseline::Baseline;
use crate::catalog::InputFinding;
use crate::policy::CliSelection;
use crate::read::{self, Document, Opened};
use nianbao_html::InputFormat;
use nianbao_model::Lang;
use nianbao_rules::{CorpusFacts, RuleSet};
use nianbao_source::ColumnUnit;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Mutex;

/// How every file of the run is read, checked and shown.
pub struct Settings<'a> {
    pub rules: &'a RuleSet,
    pub reading: Reading,
    pub selection: CliSelection,
    pub baseline: Baseline,
    pub format: OutputFormat,
    /// Info findings are counted but not shown (a person's format without `--show-info`).
    pub hide_infos: bool,
    pub lang: Lang,
    /// What the columns of every format count.
    pub column_unit: ColumnUnit,
    pub color: bool,
    /// A progress bar on standard error (see [`draws_progress`]).
    pub progress: bool,
    /// `--write-baseline`: keep a key for every finding before the baseline hides any.
    pub record_baseline: bool,
    pub panic_marker: Option<String>,
    /// When the cross-report rules run (not `--no-cross`, and the rule set has some): the store
    /// each worker hands a report's facts to as soon as it has checked it. The store sorts them
    /// itself, so the order workers finish in does not matter; encoding in the worker keeps
    /// the facts' memory in the thread that made it.
    pub cross: Option<Mutex<CorpusFacts>>,
    /// The bytes being checked at once, bounded.
    pub in_flight: InFlight,
}

impl<'a> Settings<'a> {
    pub fn new(
        args: &CheckArgs,
        rules: &'a RuleSet,
        baseline: Baseline,
        cross: Option<CorpusFacts>,
    ) -> Self {
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                args.output_file.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
            }
        };
        Settings {
            rules,
            reading: Reading {
                max_file_size: args.max_file_size,
                forced: args.input_format.forced(),
            },
            selection: CliSelection {
                select: args.select.clone(),
                ignore: args.ignore.clone(),
            },
            baseline,
            format: args.output_format,
            hide_infos: args.output_format.hides_infos() && !args.show_info,
            lang: args.lang.into(),
            column_unit: args.column_unit.into(),
            color,
            progress: args.output_format.is_human()
                && !args.quiet
                && draws_progress(
                    std::io::stderr().is_terminal(),
                    std::env::var_os("TERM").as_deref(),
                    std::env::var_os("INSIDE_EMACS").as_deref(),
                ),
            record_baseline: args.write_baseline.is_some(),
            panic_marker: args.debug_panic_marker.clone(),
            cross: cross.map(Mutex::new),
            in_flight: InFlight::default(),
        }
    }
}

/// Whether standard error can take a progress bar: a terminal, but not a dumb one, nor the
/// pseudo-terminal of Emacs' compilation buffer (`INSIDE_EMACS=…,compile`), which shows the
/// bar's cursor codes as text and would read the first finding's path with them.
fn draws_progress(
    stderr_is_terminal: bool,
    term: Option<&std::ffi::OsStr>,
    inside_emacs: Option<&std::ffi::OsStr>,
) -> bool {
    let dumb = term.is_some_and(|term| term == "dumb");
    let compilation = inside_emacs
        .and_then(std::ffi::OsStr::to_str)
        .is_some_and(|value| value.ends_with(",compile"));
    stderr_is_terminal && !dumb && !compilation
}

/// How a job's file is read: within `--max-file-size`, in the format `--input-format` forces or
/// the one its name and bytes show.
#[derive(Clone, Copy, Debug)]
pub struct Reading {
    pub max_file_size: u64,
    pub forced: Option<InputFormat>,
}

impl Reading {
    /// Opens and reads the job's file.
    pub fn load(&self, job: &Job) -> Result<Document, InputFinding> {
        self.read(job, self.open(job)?)
    }

    /// Opens the job's file (counted, for `--debug-read-counts`).
    pub fn open(&self, job: &Job) -> Result<Opened, InputFinding> {
        job.count_read();
        Opened::open(&job.origin, job.seen())
    }

    /// Reads the job's file, `opened`.
    pub fn read(&self, job: &Job, opened: Opened) -> Result<Document, InputFinding> {
        read::read_opened(
            opened,
            Path::new(job.display()),
            self.max_file_size,
            self.forced,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::draws_progress;
    use std::ffi::OsStr;

    #[test]
    fn no_progress_bar_where_its_codes_would_be_read_as_text() {
        let os = |text| Some(OsStr::new(text));
        assert!(draws_progress(true, os("xterm-256color"), None));
        assert!(!draws_progress(false, os("xterm-256color"), None));
        assert!(!draws_progress(true, os("dumb"), None));
        // M-x compile in an Emacs started from a terminal: a pty, TERM inherited.
        assert!(!draws_progress(true, os("xterm"), os("28.2,compile")));
        // Emacs' terminal emulators draw it.
        assert!(draws_progress(
            true,
            os("eterm-color"),
            os("29.1,term:0.96")
        ));
    }
}

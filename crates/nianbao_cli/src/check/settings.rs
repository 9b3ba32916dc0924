//! What every file of a run is checked with: the rules, how files are read, the user's selection
//! and baseline, and how findings are shown. Read-only while files are checked, but for the
//! cross-report store behind its lock.

use super::jobs::Job;
use crate::args::{CheckArgs, ColorArg, OutputFormat};
use crate::baseline::Baseline;
use crate::catalog::InputFinding;
use crate::policy::CliSelection;
use crate::read::{self, Document};
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
    pub lang: Lang,
    /// What the columns of every format count.
    pub column_unit: ColumnUnit,
    pub color: bool,
    /// `--write-baseline`: keep a key for every finding before the baseline hides any.
    pub record_baseline: bool,
    pub panic_marker: Option<String>,
    /// When the cross-report rules run (not `--no-cross`, and the rule set has some): the store
    /// each worker hands a report's facts to as soon as it has checked it. The store sorts them
    /// itself, so the order workers finish in does not matter; encoding in the worker keeps
    /// the facts' memory in the thread that made it.
    pub cross: Option<Mutex<CorpusFacts>>,
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
                std::io::stdout().is_terminal()
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
            lang: args.lang.into(),
            column_unit: args.column_unit.into(),
            color,
            record_baseline: args.write_baseline.is_some(),
            panic_marker: args.debug_panic_marker.clone(),
            cross: cross.map(Mutex::new),
        }
    }
}

/// How a job's file is read: within `--max-file-size`, in the format `--input-format` forces or
/// the one its name and bytes show.
#[derive(Clone, Copy, Debug)]
pub struct Reading {
    pub max_file_size: u64,
    pub forced: Option<InputFormat>,
}

impl Reading {
    pub fn load(&self, job: &Job) -> Result<Document, InputFinding> {
        read::load(
            &job.origin,
            Path::new(&job.display),
            self.max_file_size,
            self.forced,
        )
    }
}

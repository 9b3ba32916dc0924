//! Where results go once checked, in path order: the sink of the chosen format, the totals and
//! the baseline's keys, and the first write error. A closed pipe (`nianbao check | head`) ends
//! the run quietly, as in other command-line tools; any other write error is exit code 2.

use super::findings::FileResult;
use super::jobs::Job;
use super::sink::Sink;
use super::totals::Totals;
use crate::args::{CheckArgs, OutputFormat};
use crate::baseline::Entry;
use crate::catalog::OnDemand;
use nianbao_model::Lang;
use nianbao_source::ColumnUnit;
use std::io::{BufWriter, ErrorKind, Write};

/// Standard output, or the `--output-file`.
type Out = BufWriter<Box<dyn Write>>;

pub struct Output<'c> {
    sink: Sink<'c, Out>,
    /// `--statistics` without an output format: the counts only, no finding.
    statistics_only: bool,
    totals: Totals,
    /// Every finding's key, for `--write-baseline`.
    baseline_entries: Vec<Entry>,
    write_error: Option<ErrorKind>,
    /// Whether the heading above the cross-report findings has been written.
    announced: bool,
    format: OutputFormat,
    lang: Lang,
}

/// What a run leaves once everything is written.
pub struct Ended {
    pub totals: Totals,
    pub baseline_entries: Vec<Entry>,
    pub write_error: Option<ErrorKind>,
}

impl Ended {
    pub fn pipe_closed(&self) -> bool {
        self.write_error == Some(ErrorKind::BrokenPipe)
    }
}

impl<'c> Output<'c> {
    /// The sink of the run's format, on standard output or the `--output-file` (created now;
    /// `None`, said on stderr, if it cannot be); `cross_follows` when a cross-report pass will.
    pub fn new(
        args: &CheckArgs,
        catalogue: &'c OnDemand<'_>,
        lang: Lang,
        unit: ColumnUnit,
        cross_follows: bool,
    ) -> Option<Self> {
        let format = args.output_format;
        let target: Box<dyn Write> = match &args.output_file {
            None => Box::new(std::io::stdout().lock()),
            Some(path) => match std::fs::File::create(path) {
                Ok(file) => Box::new(file),
                Err(error) => {
                    crate::say::line(match lang {
                        Lang::Zh => format!("nianbao: 无法写入 {}：{error}", path.display()),
                        Lang::En => format!("nianbao: cannot write {}: {error}", path.display()),
                    });
                    return None;
                }
            },
        };
        let out = BufWriter::new(target);
        Some(Output {
            sink: Sink::new(out, format, catalogue, lang, unit, cross_follows).ok()?,
            statistics_only: args.statistics_only,
            totals: Totals::default(),
            baseline_entries: Vec::new(),
            write_error: None,
            announced: false,
            format,
            lang,
        })
    }

    /// Whether standard output was closed: nothing more will be shown.
    pub fn pipe_closed(&self) -> bool {
        self.write_error == Some(ErrorKind::BrokenPipe)
    }

    /// The per-file pass's next results in path order (a hand-over of the ordered stream),
    /// pushed out at once so that they appear as soon as they are checked.
    pub fn write_files(&mut self, results: Vec<FileResult>) {
        let mut written = Ok(());
        for result in results {
            self.totals.add(&result);
            if !self.statistics_only {
                written = written.and_then(|()| self.sink.write(&result));
            }
            self.baseline_entries.extend(result.baseline_entries);
        }
        let written = written.and_then(|()| self.sink.flush());
        self.record(written);
    }

    /// One batch of cross-report findings, of files the per-file pass has counted already. In
    /// the full format the first is headed, to tell them from the file-by-file ones above.
    pub fn write_cross(&mut self, results: Vec<FileResult>) {
        for result in results {
            self.totals.add_cross(&result);
            if !self.pipe_closed() && !self.statistics_only {
                if !self.announced && !result.rendered.is_empty() {
                    self.announced = true;
                    let heading = match self.lang {
                        Lang::Zh => {
                            "── 跨报告检查（与上年报告、同年其他报告及下级机关报告比对）──\n\n"
                        }
                        Lang::En => {
                            "── cross-report checks (against last year's report, this year's other reports and the parts of a region) ──\n\n"
                        }
                    };
                    let written = self.sink.write_heading(heading);
                    self.record(written);
                }
                let written = self.sink.write(&result);
                self.record(written);
            }
            self.baseline_entries.extend(result.baseline_entries);
        }
        let flushed = self.sink.flush();
        self.record(flushed);
    }

    /// Closes the document formats and, with `--statistics`, writes the counts: after the
    /// findings for people, on stderr beside a machine format.
    pub fn finish(self, statistics: bool, jobs: &[Job]) -> Ended {
        let Output {
            sink,
            totals,
            baseline_entries,
            mut write_error,
            format,
            lang,
            ..
        } = self;
        if write_error.is_none() {
            let mut finished = sink.finish();
            if let (Ok(out), true) = (&mut finished, statistics) {
                let text =
                    totals.statistics(lang, |file| jobs.get(file).map_or("", |job| job.display()));
                if format.is_human() {
                    record(&mut write_error, out.write_all(text.as_bytes()));
                } else {
                    crate::say::text(&text);
                }
            }
            record(&mut write_error, finished.and_then(|mut out| out.flush()));
        }
        Ended {
            totals,
            baseline_entries,
            write_error,
        }
    }

    fn record(&mut self, result: std::io::Result<()>) {
        record(&mut self.write_error, result);
    }
}

/// Keeps the first write error.
fn record(first: &mut Option<ErrorKind>, result: std::io::Result<()>) {
    if let (None, Err(error)) = (&first, result) {
        *first = Some(error.kind());
    }
}

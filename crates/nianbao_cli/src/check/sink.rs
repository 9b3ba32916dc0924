//! Where findings go: one sink per output format family — the full format's rendering, a line
//! per finding (concise, JSON Lines, GitHub), a document written as results arrive (JSON,
//! SARIF).

use super::findings::FileResult;
use crate::args::OutputFormat;
use nianbao_diagnostics::RuleMeta;
use nianbao_diagnostics::machine::{self, JsonArray};
use nianbao_diagnostics::sarif::{SarifWriter, Tool};
use nianbao_model::Lang;
use nianbao_source::ColumnUnit;
use std::io::Write;

/// Where findings go, in the chosen format. Documents (a JSON array, a SARIF log) are written
/// as results arrive; only their closing needs the end of the run.
pub enum Sink<'a, W: Write> {
    Full(W),
    Concise(W, ColumnUnit),
    Jsonl(W, ColumnUnit),
    Github(W, ColumnUnit),
    Json(JsonArray<W>),
    Sarif(SarifWriter<'a, W>),
}

impl<'a, W: Write> Sink<'a, W> {
    pub fn new(
        out: W,
        format: OutputFormat,
        catalogue: &[RuleMeta],
        lang: Lang,
        unit: ColumnUnit,
    ) -> std::io::Result<Self> {
        Ok(match format {
            // The full format's text is rendered per file, in the unit of the run's settings.
            OutputFormat::Full => Self::Full(out),
            OutputFormat::Concise => Self::Concise(out, unit),
            OutputFormat::Jsonl => Self::Jsonl(out, unit),
            OutputFormat::Github => Self::Github(out, unit),
            OutputFormat::Json => Self::Json(JsonArray::new(out, unit)),
            OutputFormat::Sarif => Self::Sarif(SarifWriter::new(
                out,
                catalogue,
                Tool {
                    name: "nianbao",
                    version: env!("CARGO_PKG_VERSION"),
                },
                lang,
                unit,
            )?),
        })
    }

    pub fn write(&mut self, result: &FileResult) -> std::io::Result<()> {
        let mut findings = result.findings.iter();
        match self {
            Self::Full(out) => out.write_all(result.rendered.as_bytes()),
            Self::Concise(out, unit) => findings
                .try_for_each(|finding| writeln!(out, "{}", machine::concise(finding, *unit))),
            Self::Jsonl(out, unit) => {
                findings.try_for_each(|finding| writeln!(out, "{}", machine::jsonl(finding, *unit)))
            }
            Self::Github(out, unit) => findings
                .try_for_each(|finding| writeln!(out, "{}", machine::github(finding, *unit))),
            Self::Json(array) => findings.try_for_each(|finding| array.push(finding)),
            Self::Sarif(log) => findings.try_for_each(|finding| log.push(finding)),
        }
    }

    /// A line between groups of findings, for people: only the full format shows it.
    pub fn write_heading(&mut self, text: &str) -> std::io::Result<()> {
        match self {
            Self::Full(out) => out.write_all(text.as_bytes()),
            _ => Ok(()),
        }
    }

    /// Pushes printed lines out, so that a batch appears as soon as it is checked. Documents
    /// (JSON, SARIF) are only complete at the end and are left to the buffer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Self::Full(out)
            | Self::Concise(out, _)
            | Self::Jsonl(out, _)
            | Self::Github(out, _) => out.flush(),
            Self::Json(_) | Self::Sarif(_) => Ok(()),
        }
    }

    pub fn finish(self) -> std::io::Result<W> {
        match self {
            Self::Full(out)
            | Self::Concise(out, _)
            | Self::Jsonl(out, _)
            | Self::Github(out, _) => Ok(out),
            Self::Json(array) => array.finish(),
            Self::Sarif(log) => log.finish(),
        }
    }
}

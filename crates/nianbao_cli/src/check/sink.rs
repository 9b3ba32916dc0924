//! Where findings go: one sink per output format family — the full format's rendering, a line
//! per finding (concise, JSON Lines, GitHub), a document written as results arrive (JSON,
//! SARIF), rows as results arrive (CSV), the audit page written at the end from each file's
//! compact record (HTML).

use super::findings::{FileResult, Status};
use crate::args::OutputFormat;
use crate::catalog::OnDemand;
use nianbao_diagnostics::audit::{AuditFinding, AuditPage, FileState, PageOptions, ReportEntry};
use nianbao_diagnostics::csv::CsvWriter;
use nianbao_diagnostics::facts::ReportFacts;
use nianbao_diagnostics::machine::{self, JsonArray};
use nianbao_diagnostics::sarif::{SarifWriter, Tool};
use nianbao_model::Lang;
use nianbao_source::ColumnUnit;
use std::collections::HashMap;
use std::io::Write;

/// Where findings go, in the chosen format. Documents (a JSON array, a SARIF log) are written
/// as results arrive; only their closing needs the end of the run.
pub enum Sink<'a, W: Write> {
    Full(W),
    Concise(W, ColumnUnit, Lang),
    Jsonl(W, ColumnUnit),
    Github(W, ColumnUnit, Lang),
    Json(JsonArray<W>),
    Sarif(SarifWriter<'a, W>),
    /// The page is written when the run ends.
    Html(W, Box<AuditPage>),
    /// A file's cross-report findings come after every file was read, without the report's
    /// facts: when a cross-report pass follows, each file's are kept (by its place in path
    /// order) to name the report on those rows.
    Csv(CsvWriter<W>, Option<HashMap<usize, ReportFacts>>),
}

impl<'a, W: Write> Sink<'a, W> {
    pub fn new(
        out: W,
        format: OutputFormat,
        catalogue: &'a OnDemand<'_>,
        lang: Lang,
        unit: ColumnUnit,
        cross_follows: bool,
    ) -> std::io::Result<Self> {
        Ok(match format {
            // The full format's text is rendered per file, in the unit of the run's settings.
            OutputFormat::Full => Self::Full(out),
            OutputFormat::Concise => Self::Concise(out, unit, lang),
            OutputFormat::Jsonl => Self::Jsonl(out, unit),
            OutputFormat::Github => Self::Github(out, unit, lang),
            OutputFormat::Json => Self::Json(JsonArray::new(out, unit)),
            OutputFormat::Sarif => Self::Sarif(SarifWriter::new(
                out,
                catalogue.get(),
                Tool {
                    name: "nianbao",
                    version: env!("CARGO_PKG_VERSION"),
                },
                lang,
                unit,
            )?),
            OutputFormat::Html => Self::Html(
                out,
                Box::new(AuditPage::new(
                    PageOptions {
                        lang,
                        column_unit: unit,
                        generator: format!("nianbao {}", env!("CARGO_PKG_VERSION")),
                    },
                    catalogue.get(),
                )),
            ),
            OutputFormat::Csv => Self::Csv(
                CsvWriter::new(out, lang, unit)?,
                cross_follows.then(HashMap::new),
            ),
        })
    }

    pub fn write(&mut self, result: &FileResult) -> std::io::Result<()> {
        let mut findings = result.findings.iter();
        match self {
            Self::Full(out) => out.write_all(result.rendered.as_bytes()),
            Self::Concise(out, unit, lang) => findings.try_for_each(|finding| {
                writeln!(out, "{}", machine::concise(finding, *unit, *lang))
            }),
            Self::Jsonl(out, unit) => {
                findings.try_for_each(|finding| machine::write_jsonl(out, finding, *unit))
            }
            Self::Github(out, unit, lang) => findings.try_for_each(|finding| {
                writeln!(out, "{}", machine::github(finding, *unit, *lang))
            }),
            Self::Json(array) => findings.try_for_each(|finding| array.push(finding)),
            Self::Sarif(log) => findings.try_for_each(|finding| log.push(finding)),
            Self::Html(_, page) => {
                page.add(audit_entry(result));
                Ok(())
            }
            Self::Csv(csv, known) => {
                let about = match (&result.about, known) {
                    (Some(about), Some(known)) => {
                        known.insert(result.job, about.clone());
                        Some(about)
                    }
                    (Some(about), None) => Some(about),
                    (None, known) => known.as_ref().and_then(|known| known.get(&result.job)),
                };
                findings.try_for_each(|finding| csv.push(about, finding, finding.page))
            }
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
            | Self::Concise(out, ..)
            | Self::Jsonl(out, _)
            | Self::Github(out, ..) => out.flush(),
            Self::Csv(csv, _) => csv.flush(),
            Self::Json(_) | Self::Sarif(_) | Self::Html(..) => Ok(()),
        }
    }

    pub fn finish(self) -> std::io::Result<W> {
        match self {
            Self::Full(out)
            | Self::Concise(out, ..)
            | Self::Jsonl(out, _)
            | Self::Github(out, ..) => Ok(out),
            Self::Json(array) => array.finish(),
            Self::Sarif(log) => log.finish(),
            Self::Html(mut out, page) => {
                page.write_to(&mut out)?;
                Ok(out)
            }
            Self::Csv(csv, _) => csv.finish(),
        }
    }
}

/// A file's record on the audit page: its findings with their excerpts, nothing of its text.
fn audit_entry(result: &FileResult) -> ReportEntry {
    let state = match result.status {
        Status::Checked => FileState::Checked,
        Status::Skipped => FileState::Skipped,
        Status::Unreadable => FileState::Unreadable,
        Status::Internal => FileState::Internal,
    };
    ReportEntry {
        path: result.path.clone(),
        state,
        facts: result.about.clone(),
        completeness: result.coverage,
        findings: result
            .findings
            .iter()
            .zip(&result.excerpts)
            .map(|(finding, excerpt)| AuditFinding {
                finding: finding.clone(),
                excerpt: excerpt.clone(),
                page: finding.page,
            })
            .collect(),
    }
}

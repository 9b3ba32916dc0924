//! The audit page (`--output-format html`): one self-contained HTML file a reviewer opens in a
//! browser — every report in a table to sort and filter (body, year, template, counts, checked
//! fully or not), per report its findings with the excerpt and the flagged cells marked, and
//! charts of the findings per rule and per body.
//!
//! A run hands each file's compact [`ReportEntry`] to an [`AuditPage`] as it is checked (its
//! findings and the few excerpt lines they are shown on, never its text); the page is written
//! once at the end, since its charts and counts need every report. A file's cross-report
//! findings come later under the same path and join its entry.
//!
//! The page is safe to open whatever the reports hold: every text from a report or a file name
//! goes through [`escape`], the rows are written here and the page's script only sorts and
//! hides them, and a Content-Security-Policy (`csp`) forbids every load and every script but
//! the page's own. Nothing in it depends on the time of the run, so the same findings give the
//! same page.

mod chart;
mod csp;
mod details;
pub mod escape;
mod excerpt;
mod table;
pub(crate) mod words;

use crate::facts::ReportFacts;
use crate::{Finding, RuleMeta};
pub use excerpt::{Excerpt, ExcerptLine, Mark};
use nianbao_model::{Completeness, Lang, Severity};
use nianbao_source::ColumnUnit;
use std::collections::HashMap;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");
/// The page is written in pieces of about this many bytes.
const CHUNK: usize = 64 * 1024;

/// What became of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileState {
    Checked,
    /// Empty, too large, or not a report.
    Skipped,
    Unreadable,
    Internal,
}

/// One file as the page lists it.
#[derive(Clone, Debug)]
pub struct ReportEntry {
    pub path: String,
    pub state: FileState,
    /// `None` for a file that was not read as a report.
    pub facts: Option<ReportFacts>,
    /// How much of the report was checked, as the run's summary counts it.
    pub completeness: Completeness,
    pub findings: Vec<AuditFinding>,
}

/// One finding with what the page shows it on.
#[derive(Clone, Debug)]
pub struct AuditFinding {
    pub finding: Finding,
    pub excerpt: Excerpt,
    /// The page of a PDF the finding is on, shown before its line when there is one.
    pub page: Option<u32>,
}

/// How the page is written.
#[derive(Clone, Debug)]
pub struct PageOptions {
    pub lang: Lang,
    /// What columns count.
    pub column_unit: ColumnUnit,
    /// Named in the page's footer, e.g. `nianbao 0.1.0`.
    pub generator: String,
}

/// The reports of a run, in the order they came (path order), for the page written at the end.
pub struct AuditPage {
    options: PageOptions,
    /// Each rule's one-line summary in the page's language, by code.
    summaries: HashMap<String, String>,
    reports: Vec<ReportEntry>,
    by_path: HashMap<String, usize>,
}

impl AuditPage {
    /// A page naming rules by their summaries in `rules`.
    pub fn new(options: PageOptions, rules: &[RuleMeta]) -> AuditPage {
        let summaries = rules
            .iter()
            .map(|rule| (rule.code.clone(), rule.summary.get(options.lang).to_owned()))
            .collect();
        AuditPage {
            options,
            summaries,
            reports: Vec::new(),
            by_path: HashMap::new(),
        }
    }

    /// What the page calls a rule: its summary, else its name.
    fn rule_title<'a>(&'a self, finding: &'a Finding) -> &'a str {
        self.summaries
            .get(&finding.code)
            .map_or(finding.name.as_str(), String::as_str)
    }

    /// Adds a file; a file already listed (its cross-report findings, after every file was
    /// read) gets the new findings added to its own, and the facts it did not have.
    pub fn add(&mut self, entry: ReportEntry) {
        match self.by_path.get(&entry.path) {
            Some(&at) => {
                let known = &mut self.reports[at];
                known.findings.extend(entry.findings);
                if known.facts.is_none() {
                    known.facts = entry.facts;
                }
            }
            None => {
                self.by_path.insert(entry.path.clone(), self.reports.len());
                self.reports.push(entry);
            }
        }
    }

    /// Writes the whole page to `out`, a report's section at a time (a corpus's page is never
    /// held whole).
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let lang = self.options.lang;
        let words = words::words(lang);
        let mut chunk = String::with_capacity(CHUNK);
        chunk.push_str("<!DOCTYPE html>\n<html lang=\"");
        chunk.push_str(words.html_lang);
        chunk.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
        chunk.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"");
        chunk.push_str(&csp::policy(SCRIPT, STYLE));
        chunk.push_str(
            "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        );
        chunk.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
        chunk.push_str(words.title);
        chunk.push_str("</title>\n<style>");
        chunk.push_str(STYLE);
        chunk.push_str("</style>\n</head>\n<body>\n");
        let summary = Summary::of(&self.reports);
        table::header(&mut chunk, &summary, lang);
        chunk.push_str("<main>\n");
        table::cards(&mut chunk, &summary, lang);
        chart::charts(&mut chunk, self);
        table::reports(&mut chunk, &self.reports, lang);
        details::heading(&mut chunk, lang);
        let mut any = false;
        for (at, report) in self.reports.iter().enumerate() {
            if details::has_section(report) {
                any = true;
                details::section(&mut chunk, at, report, self);
            }
            if chunk.len() >= CHUNK {
                out.write_all(chunk.as_bytes())?;
                chunk.clear();
            }
        }
        if !any {
            details::none(&mut chunk, lang);
        }
        chunk.push_str("</main>\n<footer>");
        chunk.push_str(words.generated_by);
        chunk.push_str(" · ");
        escape::push(&mut chunk, &self.options.generator);
        chunk.push_str("</footer>\n<script>");
        chunk.push_str(SCRIPT);
        chunk.push_str("</script>\n</body>\n</html>\n");
        out.write_all(chunk.as_bytes())
    }
}

/// The counts of the page's head.
struct Summary {
    files: usize,
    with_errors: usize,
    not_fully_checked: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Summary {
    fn of(reports: &[ReportEntry]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            with_errors: 0,
            not_fully_checked: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
        };
        for report in reports {
            let counts = Counts::of(report);
            summary.with_errors += usize::from(counts.errors > 0);
            summary.not_fully_checked += usize::from(report.incomplete());
            summary.errors += counts.errors;
            summary.warnings += counts.warnings;
            summary.infos += counts.infos;
        }
        summary
    }
}

/// A report's findings by severity.
#[derive(Clone, Copy, Default)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn of(report: &ReportEntry) -> Counts {
        let mut counts = Counts::default();
        for found in &report.findings {
            counts.add(found.finding.severity);
        }
        counts
    }

    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

impl ReportEntry {
    /// A report checked in part only, as the run's summary counts them ("未完整检查"); a file
    /// not checked as a report at all says so by its state instead.
    fn incomplete(&self) -> bool {
        self.state == FileState::Checked && self.completeness.is_incomplete()
    }
}

#[cfg(test)]
mod tests;

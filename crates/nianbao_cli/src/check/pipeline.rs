//! One file through the pipeline: admitted among the bytes in flight ([`super::in_flight`]) →
//! read (the front end's document) → parse → check → place the findings on the file → make
//! them final ([`finish`]). All of it runs inside the panic guard, so a bug anywhere becomes
//! that file's finding and the run goes on.

use super::cap::cap_per_rule;
use super::findings::{FileResult, Located, OnFile, Status, finish};
use super::guard;
use super::jobs::Job;
use super::settings::Settings;
use crate::catalog::{InputFinding, InputProblem};
use crate::read::{self, Document, Opened, Origin};
use nianbao_diagnostics::facts::ReportFacts;
use nianbao_html::Content;
use nianbao_model::{Completeness, Diagnostic, Message, Report};
use nianbao_rules::{CorpusFacts, CrossFacts};
use std::sync::{Mutex, PoisonError};

/// Checks one file. While the cross-report rules run, the report's facts go to the corpus store
/// as job number `at`.
pub fn check_file(job: &Job, at: usize, settings: &Settings<'_>) -> FileResult {
    // Standard input cannot be read a second time, so it takes no part in the corpus pass.
    let want_facts = settings.cross.is_some() && matches!(job.origin, Origin::File(_));
    // Opened before it is admitted, its size taken from the open file: one look at it instead
    // of two.
    let opened = job
        .listing_error
        .is_none()
        .then(|| settings.reading.open(job));
    let size = match &opened {
        Some(Ok(opened)) => opened.claimed_size(),
        _ => 0,
    };
    let _admitted = settings
        .in_flight
        .admit(size.min(settings.reading.max_file_size));
    guard::guarded(|| {
        let checked = read_and_check(job, opened, settings, want_facts);
        if let (Some(facts), Some(store)) = (&checked.facts, &settings.cross) {
            keep_facts(store, at, job.display(), facts);
        }
        let mut result = finish(job, settings, checked.status, checked.on_file);
        result.coverage = checked.coverage;
        result.about = checked.about;
        result
    })
    .unwrap_or_else(|panic| internal_error(job, settings, &panic))
}

/// Hands a report's facts to the corpus store as job number `at`. Only the append is done
/// under the store's lock: the other worker waited for the key's normalisation, the record's
/// encoding and every 256 KB the spill file's write, which are done here outside it.
fn keep_facts(store: &Mutex<CorpusFacts>, at: usize, path: &str, facts: &CrossFacts) {
    let lock = || store.lock().unwrap_or_else(PoisonError::into_inner);
    let Some(record) = CorpusFacts::record(at, path, facts) else {
        return;
    };
    let chunk = lock().append(record);
    if let Some(chunk) = chunk {
        let written = chunk.write();
        lock().written(written);
    }
}

/// A panic while `job` was checked, as its finding. It is shown without the text, which may be
/// what broke.
pub fn internal_error(job: &Job, settings: &Settings<'_>, panic: &str) -> FileResult {
    let finding = InputProblem::Internal.because(Message::new(panic, panic));
    let on_file = OnFile::without_text(vec![finding.diagnostic()]);
    finish(job, settings, Status::Internal, on_file)
}

/// What reading and checking one file found.
struct Checked {
    status: Status,
    coverage: Completeness,
    on_file: OnFile,
    facts: Option<CrossFacts>,
    /// What the audit page and the CSV name the report by, when it was read as one.
    about: Option<ReportFacts>,
}

impl Checked {
    fn not_read(finding: &InputFinding) -> Checked {
        // A file that is no report to check is complete as far as coverage goes: its status
        // says what became of it. A report whose text cannot be had (a scanned PDF) is one of
        // the reports, none of it checked: `(Status::Checked, Completeness::Nothing)`.
        let (status, coverage) = match finding.problem {
            InputProblem::Empty
            | InputProblem::TooLarge
            | InputProblem::NotAReport
            | InputProblem::BadConfig => (Status::Skipped, Completeness::Complete),
            InputProblem::Unreadable | InputProblem::Binary | InputProblem::UnknownEncoding => {
                (Status::Unreadable, Completeness::Complete)
            }
            // Warnings of a file that was read, placed beside its findings: never the reason a
            // file was not read. Were one to stand for the whole file, none of it was checked.
            // A PDF with no text layer (a scan) is a report of which nothing was checked.
            InputProblem::BytesReplaced
            | InputProblem::TableTooLarge
            | InputProblem::NoTextLayer => (Status::Checked, Completeness::Nothing),
            InputProblem::Internal => (Status::Internal, Completeness::Complete),
        };
        Checked {
            status,
            coverage,
            on_file: OnFile::without_text(vec![finding.diagnostic()]),
            facts: None,
            about: None,
        }
    }
}

/// `opened` is `None` when the listing already found what becomes of the file.
fn read_and_check(
    job: &Job,
    opened: Option<Result<Opened, InputFinding>>,
    settings: &Settings<'_>,
    want_facts: bool,
) -> Checked {
    let read = match (&job.listing_error, opened) {
        (Some(finding), _) => return Checked::not_read(finding),
        (None, Some(opened)) => opened.and_then(|opened| settings.reading.read(job, opened)),
        (None, None) => settings.reading.load(job),
    };
    match read {
        Err(finding) => Checked::not_read(&finding),
        Ok(document) => {
            let linted = lint(document.text(), settings, want_facts);
            // Where the file was not read as written is said whatever the rest is.
            let mut diagnostics = linted.diagnostics;
            diagnostics.extend(cap_per_rule(read::warnings(&document)));
            Checked {
                status: if linted.is_report {
                    Status::Checked
                } else {
                    Status::Skipped
                },
                coverage: linted.coverage,
                on_file: place(document, diagnostics, settings),
                facts: linted.facts,
                about: linted.about,
            }
        }
    }
}

/// What the grammar and the rules say of one text.
struct Linted {
    /// `false` when the text is not a report at all.
    is_report: bool,
    /// How much of the report could be checked (the parser's coverage).
    coverage: Completeness,
    diagnostics: Vec<Diagnostic>,
    /// The report's cross-report facts, when asked for.
    facts: Option<CrossFacts>,
    about: Option<ReportFacts>,
}

/// Parse, then run the rules, and keep the report's cross-report facts when `want_facts`.
fn lint(text: &str, settings: &Settings<'_>, want_facts: bool) -> Linted {
    if let Some(marker) = &settings.panic_marker {
        if text.contains(marker.as_str()) {
            // Unwinds like a panic in the parser would, without the hook's message.
            std::panic::resume_unwind(Box::new(format!("debug panic marker {marker:?} found")));
        }
    }
    let parsed = nianbao_syntax::parse(text);
    if !looks_like_a_report(&parsed.report) {
        return Linted {
            is_report: false,
            coverage: Completeness::Complete,
            diagnostics: vec![InputProblem::NotAReport.finding().diagnostic()],
            facts: None,
            about: None,
        };
    }
    let about = ReportFacts::of(&parsed.report);
    // Each source capped as it comes (their codes are their own, so the sum stays capped): a
    // file of a million repeated headings holds a million parse findings, which must not be
    // copied or extended further.
    let mut diagnostics = cap_per_rule(parsed.diagnostics);
    let facts = if want_facts {
        let (found, facts) = settings.rules.check_with_facts(&parsed.report, text);
        diagnostics.extend(cap_per_rule(found));
        Some(facts)
    } else {
        diagnostics.extend(cap_per_rule(settings.rules.check(&parsed.report, text)));
        None
    };
    Linted {
        is_report: true,
        coverage: parsed.report.coverage.completeness(),
        diagnostics,
        facts,
        about: Some(about),
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

/// Findings are located where the user's file has them (on the markup of a page), so that
/// editors and `path:line:col` open at the right place; in the full format and on the audit
/// page a page is shown as its extracted text, so each finding also keeps its span there. A
/// Word file's findings stay on its extracted text (its XML is no place a user can find), and
/// so do a PDF's (it has no other), which also know their pages. The
/// findings come capped ([`cap_per_rule`]) from their sources.
pub fn place(document: Document, diagnostics: Vec<Diagnostic>, settings: &Settings<'_>) -> OnFile {
    let shown_extracted = document.is_extracted() && settings.format.shows_extracted();
    match document.content {
        Content::Extracted(extracted) if shown_extracted => {
            let findings = diagnostics
                .into_iter()
                .map(|in_extracted| Located {
                    in_file: extracted.to_file(&in_extracted),
                    in_extracted: Some(in_extracted),
                })
                .collect();
            let extracted = *extracted;
            OnFile {
                text: if extracted.placed_on_original() {
                    extracted.original
                } else {
                    extracted.text.clone()
                },
                findings,
                extracted: Some(extracted.text),
                pages: None,
            }
        }
        content => {
            let document = Document {
                content,
                warnings: Vec::new(),
            };
            let findings = diagnostics
                .into_iter()
                .map(|diagnostic| Located {
                    in_file: document.to_file(diagnostic),
                    in_extracted: None,
                })
                .collect();
            let pages = document.pages().cloned();
            OnFile {
                text: document.into_file_text(),
                findings,
                extracted: None,
                pages,
            }
        }
    }
}

//! Accuracy on generated reports whose right answer is known (`nianbao_gen`): every layout, the
//! 2008 format included, half of them with one injected fault, the narrative written as
//! published reports write it (distractors, lines broken inside phrases). An injected fault must
//! be found at its line; a clean report, and a faulty one apart from its fault's predictable
//! consequences, must give no error; and every printed table cell (in the 2008 format, every
//! total and part the prose states) must be read back exactly. The per-shape extraction figures
//! are printed (`--nocapture`) and recorded in `docs/accuracy.md`.

#![allow(clippy::unwrap_used)]

use nianbao_gen::{CorpusOptions, Layout, Narrative, corpus_file};
use nianbao_model::Severity;
use nianbao_rules::RuleSet;
use nianbao_source::LineIndex;
use std::collections::BTreeMap;

const FILES: u64 = 1200;

/// Cells read exactly, per layout.
#[derive(Clone, Copy, Debug, Default)]
struct Extraction {
    files: u32,
    cells: u64,
    exact: u64,
}

/// What one run over a corpus found.
#[derive(Debug, Default)]
struct Outcome {
    faulty: u64,
    missed: Vec<String>,
    false_errors: Vec<String>,
    per_kind: BTreeMap<&'static str, (u32, u32)>,
    clean_findings: BTreeMap<String, u32>,
    extraction: BTreeMap<Layout, Extraction>,
}

fn run(narrative: Narrative) -> Outcome {
    let rules = RuleSet::builtin().unwrap();
    let options = CorpusOptions {
        seed: 2024,
        fault_percent: 50,
        narrative,
        ..CorpusOptions::default()
    };
    let mut outcome = Outcome::default();
    for index in 0..FILES {
        let file = corpus_file(&options, index, 4);
        let text = &file.rendered.text;
        let parsed = nianbao_syntax::parse(text);
        let found = rules.check(&parsed.report, text);
        let lines = LineIndex::new(text);
        let at = |code: &str| -> Vec<u32> {
            found
                .iter()
                .filter(|d| d.code == code)
                .map(|d| lines.line_of(d.span.start))
                .collect()
        };

        let extraction = outcome.extraction.entry(file.entry.layout).or_default();
        let cells = file.report.printed_fields();
        let wrong = file.report.differences(&parsed.report).len();
        extraction.files += 1;
        extraction.cells += cells as u64;
        extraction.exact += cells.saturating_sub(wrong) as u64;

        let mut allowed: Vec<(&str, u32)> = Vec::new();
        if let Some(fault) = &file.entry.fault {
            outcome.faulty += 1;
            let entry = outcome.per_kind.entry(fault.kind.name()).or_default();
            entry.1 += 1;
            if at(fault.code).contains(&fault.line) {
                entry.0 += 1;
            } else {
                outcome.missed.push(format!(
                    "{} {}: expected {} at line {}, got {:?}",
                    file.entry.path,
                    fault.description,
                    fault.code,
                    fault.line,
                    found
                        .iter()
                        .map(|d| format!(
                            "{}@{} {}",
                            d.code,
                            lines.line_of(d.span.start),
                            d.message.zh
                        ))
                        .collect::<Vec<_>>()
                ));
            }
            allowed.push((fault.code, fault.line));
            allowed.extend(fault.also.iter().map(|also| (also.code, also.line)));
        } else {
            for diagnostic in &found {
                *outcome
                    .clean_findings
                    .entry(diagnostic.code.to_string())
                    .or_default() += 1;
            }
        }
        for diagnostic in found.iter().filter(|d| d.severity == Severity::Error) {
            let line = lines.line_of(diagnostic.span.start);
            if !allowed.contains(&(diagnostic.code.as_ref(), line)) {
                outcome.false_errors.push(format!(
                    "{}: {}@{} {}",
                    file.entry.path, diagnostic.code, line, diagnostic.message.zh
                ));
            }
        }
    }
    outcome
}

/// The per-shape extraction table, as `docs/accuracy.md` records it.
fn extraction_table(extraction: &BTreeMap<Layout, Extraction>) -> String {
    let mut table = String::from(
        "| layout | files | cells | read exactly | accuracy |\n|---|---:|---:|---:|---:|\n",
    );
    let mut total = Extraction::default();
    for (layout, shape) in extraction {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {:.2} % |\n",
            layout.name(),
            shape.files,
            shape.cells,
            shape.exact,
            100.0 * shape.exact as f64 / shape.cells.max(1) as f64
        ));
        total.files += shape.files;
        total.cells += shape.cells;
        total.exact += shape.exact;
    }
    table.push_str(&format!(
        "| all | {} | {} | {} | {:.2} % |\n",
        total.files,
        total.cells,
        total.exact,
        100.0 * total.exact as f64 / total.cells.max(1) as f64
    ));
    table
}

fn assert_sound(outcome: &Outcome) {
    eprintln!(
        "faulty {} of {FILES}; found per fault kind: {:?}",
        outcome.faulty, outcome.per_kind
    );
    eprintln!(
        "findings on clean reports, by code: {:?}",
        outcome.clean_findings
    );
    eprintln!(
        "field-level extraction per shape:\n{}",
        extraction_table(&outcome.extraction)
    );
    assert!(
        outcome.faulty > FILES / 3,
        "only {} faulty files",
        outcome.faulty
    );
    assert!(
        outcome.missed.is_empty() && outcome.false_errors.is_empty(),
        "{} missed:\n{}\n{} false errors:\n{}",
        outcome.missed.len(),
        outcome.missed.join("\n"),
        outcome.false_errors.len(),
        outcome.false_errors.join("\n")
    );
}

#[test]
fn injected_faults_are_found_and_clean_reports_stay_clean() {
    let outcome = run(Narrative::default());
    assert_sound(&outcome);
    // Every layout of the generator is in the corpus (the 2008 format too), and every printed
    // value is read back.
    assert_eq!(outcome.extraction.len(), Layout::EVERY.len());
    for (layout, shape) in &outcome.extraction {
        assert_eq!(
            shape.exact,
            shape.cells,
            "{}: {} of {} cells read exactly",
            layout.name(),
            shape.exact,
            shape.cells
        );
    }
}

/// The narrative without the shapes of published prose (no distractors, lines wrapped only
/// between phrases), as the generator wrote it before issue 12: still read and checked the same.
#[test]
fn plain_narrative_is_read_the_same() {
    assert_sound(&run(Narrative::PLAIN));
}

//! Accuracy on generated reports whose right answer is known (`nianbao_gen`): every layout, half
//! of them with one injected fault. An injected fault must be found at its line; a clean report,
//! and a faulty one apart from its fault's predictable consequences, must give no error.

use nianbao_gen::{CorpusOptions, corpus_file};
use nianbao_model::Severity;
use nianbao_rules::RuleSet;
use nianbao_source::LineIndex;
use std::collections::BTreeMap;

const FILES: u64 = 1200;

#[test]
fn injected_faults_are_found_and_clean_reports_stay_clean() {
    let rules = RuleSet::builtin().unwrap();
    let options = CorpusOptions {
        seed: 2024,
        fault_percent: 50,
        ..CorpusOptions::default()
    };
    let mut missed = Vec::new();
    let mut false_errors = Vec::new();
    let mut per_kind: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    let mut faulty = 0;
    let mut clean_warnings: BTreeMap<String, u32> = BTreeMap::new();
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
        let mut allowed: Vec<(&str, u32)> = Vec::new();
        if let Some(fault) = &file.entry.fault {
            faulty += 1;
            let entry = per_kind.entry(fault.kind.name()).or_default();
            entry.1 += 1;
            if at(fault.code).contains(&fault.line) {
                entry.0 += 1;
            } else {
                missed.push(format!(
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
        }
        if file.entry.fault.is_none() {
            for diagnostic in &found {
                *clean_warnings
                    .entry(diagnostic.code.to_string())
                    .or_default() += 1;
            }
        }
        for diagnostic in found.iter().filter(|d| d.severity == Severity::Error) {
            let line = lines.line_of(diagnostic.span.start);
            if !allowed.contains(&(diagnostic.code.as_ref(), line)) {
                false_errors.push(format!(
                    "{}: {}@{} {}",
                    file.entry.path, diagnostic.code, line, diagnostic.message.zh
                ));
            }
        }
    }
    eprintln!("faulty {faulty} of {FILES}; found per fault kind: {per_kind:?}");
    eprintln!("findings on clean reports, by code: {clean_warnings:?}");
    assert!(faulty > FILES / 3, "only {faulty} faulty files");
    assert!(
        missed.is_empty() && false_errors.is_empty(),
        "{} missed:\n{}\n{} false errors:\n{}",
        missed.len(),
        missed.join("\n"),
        false_errors.len(),
        false_errors.join("\n")
    );
}

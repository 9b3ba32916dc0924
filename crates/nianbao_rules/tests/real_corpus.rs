//! The real published reports in the shared folder's `corpus/real` (beside the checkout, or
//! `$NIANBAO_SHARED`; ignored without `--ignored`): every one is processed without a panic, and
//! its findings — parse diagnostics and rule findings, as a reviewer would read them — match a
//! reviewed snapshot, so any change in what nianbao says about real reports is seen in review.

use nianbao_rules::RuleSet;
use nianbao_source::LineIndex;
use std::path::PathBuf;

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn real_reports_are_checked_and_their_findings_reviewed() {
    let dir = nianbao_testdata::shared("corpus/real");
    let rules = RuleSet::builtin().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "expected the real .txt reports, found {}",
        files.len()
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let decoded = nianbao_source::decode(&bytes).unwrap();
        let text = decoded.text.as_str();
        let outcome = std::panic::catch_unwind(|| {
            let parsed = nianbao_syntax::parse(text);
            let mut findings = parsed.diagnostics;
            findings.extend(rules.check(&parsed.report, text));
            findings
        });
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(mut findings) = outcome else {
            panic!("{name}: processing panicked");
        };
        findings.sort_by(|a, b| (a.span.start, &a.code).cmp(&(b.span.start, &b.code)));
        let lines = LineIndex::new(text);
        let listing: Vec<String> = findings
            .iter()
            .map(|finding| {
                let at = lines.position(text, finding.span.start);
                format!(
                    "{}:{} {}[{}] {}",
                    at.line,
                    at.column,
                    finding.severity.as_str(),
                    finding.code,
                    finding.message.zh
                )
            })
            .collect();
        insta::assert_snapshot!(name, listing.join("\n"));
    }
}

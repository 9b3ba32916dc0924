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

/// Every report of the shared corpus in the 2008 format says it was not fully checked (C001,
/// once), and the only errors its prose gets are the real ones the corpus README lists: each
/// total whose parts, shown complete by the text, add up to something else.
#[test]
#[ignore = "needs ../shared/corpus/real"]
fn pre_2019_reports_say_they_were_not_fully_checked_and_get_only_their_real_errors() {
    let rules = RuleSet::builtin().unwrap();
    // The README's notes: county-2012 "2026 + 46 + 1854 = 3926 ≠ 3978" and "2475 + 1503 = 3978
    // … not the 主动公开 total (2026)"; zone-2012 "1397 + 534 = 1931, not 1913"; zone-2014 "the
    // nine categories add up to 2641, not 2543".
    let real_errors = [
        ("pingtan-county-2012.txt", "3978"),
        ("pingtan-county-2012.txt", "2026"),
        ("pingtan-zone-2012.txt", "1913"),
        ("pingtan-zone-2014.txt", "2543"),
    ];
    let dir = nianbao_testdata::shared("corpus/real");
    let mut old_format = 0;
    let mut errors = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    for name in names {
        let text = nianbao_testdata::real_text(&name);
        let parsed = nianbao_syntax::parse(&text);
        let findings = rules.check(&parsed.report, &text);
        let year: u16 = name
            .trim_end_matches(".txt")
            .rsplit('-')
            .next()
            .and_then(|year| year.parse().ok())
            .unwrap();
        let incomplete = findings.iter().filter(|d| d.code == "C001").count();
        if year < 2019 {
            old_format += 1;
            assert_eq!(
                parsed.report.template.template,
                nianbao_model::template::Template::Pre2019,
                "{name}"
            );
            assert_eq!(incomplete, 1, "{name}: {findings:#?}");
            assert!(!parsed.report.coverage.is_complete(), "{name}");
        }
        for finding in findings
            .iter()
            .filter(|d| d.severity == nianbao_model::Severity::Error)
        {
            errors.push((name.clone(), finding.span.slice(&text).to_owned()));
        }
    }
    assert_eq!(old_format, 11);
    let expected: Vec<(String, String)> = real_errors
        .iter()
        .map(|(name, stated)| ((*name).to_owned(), (*stated).to_owned()))
        .collect();
    assert_eq!(errors, expected);
}

/// The Shuyang page leaves the five legal-person columns of Table 3 blank in every row (125
/// cells): one blank-cell finding lists them all, and no cell is reported twice — the blank
/// （七）总计 cells of those columns have no printed part to add up, so the outcome identity
/// leaves them to the blank-cell rule.
#[test]
#[ignore = "needs ../shared/corpus/real"]
fn shuyang_blank_columns_are_one_finding_per_table() {
    let bytes = nianbao_testdata::real_bytes("shuyang-fgj-2023.html");
    let page = nianbao_html::extract_html(&bytes).unwrap();
    let parsed = nianbao_syntax::parse(&page.text);
    let findings = RuleSet::builtin()
        .unwrap()
        .check(&parsed.report, &page.text);
    let blank: Vec<_> = findings.iter().filter(|d| d.code == "B001").collect();
    let [table3] = blank.as_slice() else {
        panic!("one blank-cell finding, for Table 3: {blank:#?}");
    };
    assert_eq!(
        table3.message.zh,
        "表三有 125 个单元格未填写：R01–R25 C2–C6"
    );
    // One label per row, each naming the row's five blank cells.
    assert_eq!(table3.labels.len(), 25);
    assert_eq!(table3.labels[0].message.zh, "R01 C2–C6 未填");
    // No identity reports a blank cell as well: the blank totals of C2–C6 have blank parts.
    let blanks_elsewhere: Vec<_> = findings
        .iter()
        .filter(|d| d.code != "B001" && d.message.zh.contains("未填"))
        .collect();
    assert!(blanks_elsewhere.is_empty(), "{blanks_elsewhere:#?}");
}

//! Every rule's examples, run through the real parser: a rule whose examples fail fails CI, and
//! what each says on them is snapshotted, so a changed message shows in review. And the seed
//! report yields exactly one finding, the `本年度止件数` label warning.

use nianbao_model::Severity;
use nianbao_rules::RuleSet;
use nianbao_source::LineIndex;

const SEED: &str = include_str!("fixtures/seed.txt");

#[test]
fn every_rule_passes_its_examples() {
    let rules = RuleSet::builtin().unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in rules.rules() {
        for example in &rule.docs().examples {
            count += 1;
            let text = match example.build(SEED) {
                Ok(text) => text,
                Err(error) => {
                    failures.push(format!("{} {}", rule.code, error));
                    continue;
                }
            };
            let parsed = nianbao_syntax::parse(&text);
            let index = LineIndex::new(&text);
            let found: Vec<_> = rules
                .check(&parsed.report, &text)
                .into_iter()
                .filter(|d| d.code == rule.code.as_str())
                .collect();
            let lines: Vec<u32> = found.iter().map(|d| index.line_of(d.span.start)).collect();
            if lines != example.lines {
                failures.push(format!(
                    "{} {:?}: expected lines {:?}, got {:?}: {:#?}",
                    rule.code,
                    example.what,
                    example.lines,
                    lines,
                    found.iter().map(|d| &d.message.zh).collect::<Vec<_>>()
                ));
            }
            if let Some(severity) = example.severity {
                if let Some(other) = found.iter().find(|d| d.severity != severity) {
                    failures.push(format!(
                        "{} {:?}: expected {severity:?}, got {:?}",
                        rule.code, example.what, other.severity
                    ));
                }
            }
        }
    }
    assert!(count > 60, "only {count} examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Per rule, the concise output (`line:column: severity[code] message`, in both languages) of
/// the rule on each of its examples: one snapshot per rule.
#[test]
fn example_findings_are_snapshotted() {
    use std::fmt::Write as _;
    let rules = RuleSet::builtin().unwrap();
    let mut snapshots = 0;
    for rule in rules
        .rules()
        .iter()
        .filter(|rule| !rule.docs().examples.is_empty())
    {
        let mut out = String::new();
        for example in &rule.docs().examples {
            let _ = writeln!(out, "# {}", example.what);
            let text = example.build(SEED).unwrap();
            let parsed = nianbao_syntax::parse(&text);
            let index = LineIndex::new(&text);
            for finding in rules
                .check(&parsed.report, &text)
                .iter()
                .filter(|d| d.code == rule.code.as_str())
            {
                let at = index.position(&text, finding.span.start);
                let _ = writeln!(
                    out,
                    "{}:{}: {}[{}] {}\n    en: {}",
                    at.line,
                    at.column,
                    finding.severity.as_str(),
                    finding.code,
                    finding.message.zh,
                    finding.message.en
                );
            }
        }
        insta::assert_snapshot!(rule.code.as_str(), out);
        snapshots += 1;
    }
    assert!(snapshots > 30, "only {snapshots} rules with examples");
}

#[test]
fn seed_yields_exactly_the_label_warning() {
    let rules = RuleSet::builtin().unwrap();
    let parsed = nianbao_syntax::parse(SEED);
    let found = rules.check(&parsed.report, SEED);
    let summary: Vec<(&str, Severity, &str)> = found
        .iter()
        .map(|d| (d.code.as_ref(), d.severity, d.span.slice(SEED)))
        .collect();
    assert_eq!(
        summary,
        [("L001", Severity::Warning, "本年度止件数")],
        "{found:#?}"
    );
    assert_eq!(LineIndex::new(SEED).line_of(found[0].span.start), 32);
    assert!(found[0].message.zh.contains("本年废止件数"));
}

/// The five-minute recipe in `rules/README.md` must keep working as written.
#[test]
fn readme_recipe_loads_and_passes_its_example() {
    let readme = include_str!("../../../rules/README.md");
    let block = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let rules =
        RuleSet::from_files([(std::path::PathBuf::from("local.toml"), block.to_owned())]).unwrap();
    let rule = &rules.rules()[0];
    assert_eq!(rule.docs().examples.len(), 2);
    for example in &rule.docs().examples {
        let text = example.build(SEED).unwrap();
        let parsed = nianbao_syntax::parse(&text);
        let index = LineIndex::new(&text);
        let lines: Vec<u32> = rules
            .check(&parsed.report, &text)
            .iter()
            .map(|d| index.line_of(d.span.start))
            .collect();
        assert_eq!(lines, example.lines, "{}", example.what);
    }
}

#[test]
fn example_texts_and_edit_errors() {
    let own = nianbao_rules::Example {
        what: "a report of its own".into(),
        edits: Vec::new(),
        text: Some("六、其他需要报告的事项".into()),
        lines: Vec::new(),
        severity: None,
    };
    assert_eq!(own.build(SEED).unwrap(), "六、其他需要报告的事项");
    let ambiguous = nianbao_rules::Example {
        edits: vec![nianbao_rules::Edit {
            from: "\t0\t".into(),
            to: "\t1\t".into(),
        }],
        text: None,
        ..own.clone()
    };
    let error = ambiguous.build(SEED).unwrap_err();
    assert!(error.contains("it must occur once"), "{error}");
    let wildcard = nianbao_rules::Example {
        edits: vec![nianbao_rules::Edit {
            from: "按照《政府信息公开信息处理费管理办法》…".into(),
            to: "无。".into(),
        }],
        text: None,
        ..own
    };
    let built = wildcard.build(SEED).unwrap();
    assert!(
        built.ends_with("六、其他需要报告的事项\n\n无。"),
        "{built:?}"
    );
}

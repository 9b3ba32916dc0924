//! Extraction notes ride on the findings they explain: a report whose table rows lost every
//! separator between their numbers is read by splitting the digits (no finding of its own), and
//! a finding that involves such a cell says on that cell that it was split.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use nianbao_rules::RuleSet;

const SEED: &str = include_str!("fixtures/seed.txt");

/// The seed with every Table 3 and Table 4 row's numbers run together (`…数量810000081`).
fn run_together(text: &str) -> String {
    text.lines()
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let is_number = |c: &str| !c.is_empty() && c.chars().all(|d| d.is_ascii_digit());
            if cells.iter().filter(|c| is_number(c)).count() < 7 {
                return line.to_owned();
            }
            let labels: String = cells
                .iter()
                .filter(|c| !c.is_empty() && !is_number(c))
                .copied()
                .collect();
            let digits: String = cells.iter().filter(|c| is_number(c)).copied().collect();
            format!("{labels}{digits}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_split_cell_is_marked_on_the_finding_that_involves_it() {
    let text = run_together(SEED).replace("共办结 82 件", "共办结 83 件");
    assert!(text.contains("（七）总计820000082") || text.contains("(七) 总计820000082"));
    let parsed = nianbao_syntax::parse(&text);
    // The split is no finding of its own.
    assert!(
        parsed.diagnostics.iter().all(|d| d.code != "PA004"),
        "{:#?}",
        parsed.diagnostics
    );
    let findings = RuleSet::builtin().unwrap().check(&parsed.report, &text);
    let closed = findings
        .iter()
        .find(|d| d.code == "N004")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    let label = closed
        .labels
        .iter()
        .find(|label| label.span.slice(&text) == "82")
        .unwrap();
    assert_eq!(label.message.zh, "R24[C7] = 82（由连写数字拆分得出）");
    assert_eq!(
        label.message.en,
        "R24[C7] = 82 (split from digits run together)"
    );
    // Nothing else mentions a split: the other findings of the seed involve no such cell.
    for finding in findings.iter().filter(|d| d.code != "N004") {
        assert!(
            finding
                .labels
                .iter()
                .all(|l| !l.message.zh.contains("拆分")),
            "{finding:#?}"
        );
    }
}

#[test]
fn read_from_its_own_cells_nothing_is_marked() {
    let text = SEED.replace("共办结 82 件", "共办结 83 件");
    let parsed = nianbao_syntax::parse(&text);
    let findings = RuleSet::builtin().unwrap().check(&parsed.report, &text);
    let closed = findings.iter().find(|d| d.code == "N004").unwrap();
    assert!(
        closed.labels.iter().all(|l| l.message.zh == "R24[C7] = 82"),
        "{closed:#?}"
    );
}

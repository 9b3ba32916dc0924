//! `RuleSet::equations`: every identity on the seed, evaluated with its cells, agreeing with the
//! checks about which ones fail.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use nianbao_rules::RuleSet;

const SEED: &str = include_str!("fixtures/seed.txt");

fn equations(text: &str) -> (Vec<nianbao_rules::Equation>, Vec<nianbao_model::Diagnostic>) {
    let rules = RuleSet::builtin().unwrap();
    let parsed = nianbao_syntax::parse(text);
    (
        rules.equations(&parsed.report),
        rules.check(&parsed.report, text),
    )
}

#[test]
fn the_seed_holds_every_equation_with_its_cells() {
    let (found, _) = equations(SEED);
    // Table 3's 25 row totals, 7 balances and 7 outcome totals at least, and Table 4's.
    assert!(found.len() > 40, "{}", found.len());
    assert!(found.iter().all(|equation| equation.holds));
    let r01 = found
        .iter()
        .find(|equation| {
            equation.code == "T3001"
                && equation.left.terms.first().map(|term| term.cell.as_str()) == Some("R01[C7]")
        })
        .expect("the R01 row total");
    assert!(r01.left.single_cell && !r01.right.single_cell);
    assert_eq!((r01.left.value, r01.right.value), (81, 81));
    assert_eq!(r01.left.terms[0].span.slice(SEED), "81");
    let parts: Vec<&str> = r01.right.terms.iter().map(|t| t.cell.as_str()).collect();
    assert_eq!(
        parts,
        [
            "R01[C1]", "R01[C2]", "R01[C3]", "R01[C4]", "R01[C5]", "R01[C6]"
        ]
    );
    // The balance has sums on both sides: no lone total.
    let balance = found.iter().find(|e| e.code == "T3002").unwrap();
    assert!(!balance.left.single_cell && !balance.right.single_cell);
}

#[test]
fn a_changed_total_fails_the_equations_the_check_reports() {
    let text = SEED.replacen(
        "予以公开\t11\t0\t0\t0\t0\t0\t11",
        "予以公开\t11\t0\t0\t0\t0\t0\t12",
        1,
    );
    assert_ne!(text, SEED);
    let (found, diagnostics) = equations(&text);
    let failing: Vec<(&str, &str)> = found
        .iter()
        .filter(|equation| !equation.holds)
        .map(|equation| {
            let total = if equation.left.single_cell {
                &equation.left
            } else {
                &equation.right
            };
            (equation.code.as_str(), total.terms[0].cell.as_str())
        })
        .collect();
    let reported: Vec<(&str, &str)> = diagnostics
        .iter()
        .filter(|d| d.code.starts_with('T'))
        .map(|d| (d.code.as_ref(), d.span.slice(&text)))
        .collect();
    assert_eq!(failing, [("T3001", "R03[C7]"), ("T3003", "R24[C7]")]);
    assert_eq!(reported, [("T3001", "12"), ("T3003", "82")]);
    let row = found
        .iter()
        .find(|e| !e.holds && e.code == "T3001")
        .unwrap();
    assert_eq!((row.left.value, row.right.value), (12, 11));
}

//! Rule evaluation cost per report: `check()` on the seed and on a real glued dump, parsed once;
//! and loading the built-in rules, which a single report's run pays once.
//! The dump is in the shared folder beside the checkout (`NIANBAO_SHARED`); without it that
//! benchmark is skipped, and says so.

use std::sync::LazyLock;

const GLUED_REPORT: &str = "pingtan-zone-2021.txt";

fn main() {
    let mut divan = divan::Divan::from_args();
    if let Some(reason) = nianbao_testdata::missing_real(GLUED_REPORT) {
        eprintln!("skipping glued_real_2021: {reason}");
        divan = divan.skip_exact("glued_real_2021");
    }
    divan.main();
}

static RULES: LazyLock<nianbao_rules::RuleSet> =
    LazyLock::new(|| nianbao_rules::RuleSet::builtin().unwrap_or_default());
static SEED: LazyLock<String> = LazyLock::new(nianbao_testdata::seed);
static GLUED: LazyLock<String> = LazyLock::new(|| nianbao_testdata::real_text(GLUED_REPORT));

fn bench_text(bencher: divan::Bencher, text: &str) {
    let parsed = nianbao_syntax::parse(text);
    let rules = &*RULES;
    bencher.bench(|| rules.check(divan::black_box(&parsed.report), divan::black_box(text)));
}

#[divan::bench]
fn seed(bencher: divan::Bencher) {
    bench_text(bencher, &SEED);
}

#[divan::bench]
fn glued_real_2021(bencher: divan::Bencher) {
    bench_text(bencher, &GLUED);
}

/// Loading the built-in rules: decoding their build-time trees, compiling every rule, building
/// the phrase automaton's first tier.
#[divan::bench]
fn builtin_rules_load() -> nianbao_rules::RuleSet {
    nianbao_rules::RuleSet::builtin().unwrap_or_default()
}

/// What a corpus run adds per report: `check_with_facts()` (the same checks, plus the facts the
/// cross-report rules keep) against `seed` above.
#[divan::bench]
fn seed_with_cross_facts(bencher: divan::Bencher) {
    let text: &str = &SEED;
    let parsed = nianbao_syntax::parse(text);
    let rules = &*RULES;
    bencher
        .bench(|| rules.check_with_facts(divan::black_box(&parsed.report), divan::black_box(text)));
}

/// The facts alone, with the prose cut into sentences for them (`seed_with_cross_facts` shares
/// that cut with the narrative rules).
#[divan::bench]
fn seed_cross_facts_only(bencher: divan::Bencher) {
    let text: &str = &SEED;
    let parsed = nianbao_syntax::parse(text);
    let rules = &*RULES;
    bencher.bench(|| rules.cross_facts(divan::black_box(&parsed.report), divan::black_box(text)));
}

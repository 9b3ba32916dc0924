//! Rule evaluation cost per report: `check()` on the seed and on a real glued dump, parsed once.

use std::sync::LazyLock;

fn main() {
    divan::main();
}

fn shared(relative: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/").to_owned() + relative;
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        eprintln!("{path} is missing: benchmarking an empty text");
        String::new()
    })
}

static RULES: LazyLock<nianbao_rules::RuleSet> =
    LazyLock::new(|| nianbao_rules::RuleSet::builtin().unwrap_or_default());
static SEED: LazyLock<String> = LazyLock::new(|| shared("seeds/000_19ca39454c16e942.txt"));
static GLUED: LazyLock<String> = LazyLock::new(|| shared("corpus/real/pingtan-zone-2021.txt"));

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

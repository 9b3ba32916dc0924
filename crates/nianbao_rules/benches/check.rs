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

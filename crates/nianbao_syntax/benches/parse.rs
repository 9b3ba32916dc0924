//! Parser throughput on the seed (tab grid) and on a real crawler dump with every cell glued.
//! The dump is in the shared folder beside the checkout (`NIANBAO_SHARED`); without it that
//! benchmark is skipped, and says so.

use divan::counter::BytesCount;
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

static SEED: LazyLock<String> = LazyLock::new(nianbao_testdata::seed);
static GLUED: LazyLock<String> = LazyLock::new(|| nianbao_testdata::real_text(GLUED_REPORT));

#[divan::bench]
fn seed(bencher: divan::Bencher) {
    let text = SEED.as_str();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| nianbao_syntax::parse(divan::black_box(text)));
}

#[divan::bench]
fn glued_real_2021(bencher: divan::Bencher) {
    let text = GLUED.as_str();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| nianbao_syntax::parse(divan::black_box(text)));
}

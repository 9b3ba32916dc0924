//! Parser throughput on the seed (tab grid) and on a real crawler dump with every cell glued.

use divan::counter::BytesCount;
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

static SEED: LazyLock<String> = LazyLock::new(|| shared("seeds/000_19ca39454c16e942.txt"));
static GLUED: LazyLock<String> = LazyLock::new(|| shared("corpus/real/pingtan-zone-2021.txt"));

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

//! Parser throughput on the seed (tab grid) and on a real crawler dump with every cell glued.
//!
//! The seed is the repository's own (`corpus/seed/`); the real dump is read from the shared
//! folder: `$NIANBAO_SHARED`, else `<repo>/../shared`.

use divan::counter::BytesCount;
use std::path::PathBuf;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        eprintln!("{} is missing: benchmarking an empty text", path.display());
        String::new()
    })
}

fn shared(relative: &str) -> String {
    let root =
        std::env::var_os("NIANBAO_SHARED").map_or_else(|| repo().join("../shared"), PathBuf::from);
    read(root.join(relative))
}

static SEED: LazyLock<String> =
    LazyLock::new(|| read(repo().join("corpus/seed/000_19ca39454c16e942.txt")));
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

//! PDF extraction per document, next to parsing the text it yields (the ratio is what the PDF
//! front end costs over text input): a generated report in the ruled and page-break styles, and
//! the real WPS export hongze-2023.pdf when `../shared` (or `NIANBAO_SHARED`) is there.

use nianbao_gen::{Options, PdfStyle, generate, render_pdf};
use nianbao_pdf::{PdfLimits, extract_pdf};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static RULED: LazyLock<Vec<u8>> =
    LazyLock::new(|| render_pdf(&generate(1, 1, &Options::default()), PdfStyle::Ruled).bytes);
static BROKEN: LazyLock<Vec<u8>> =
    LazyLock::new(|| render_pdf(&generate(1, 1, &Options::default()), PdfStyle::PageBreak).bytes);
static HONGZE: LazyLock<Option<Vec<u8>>> = LazyLock::new(|| {
    let root = std::env::var_os("NIANBAO_SHARED").map_or_else(
        || std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
        std::path::PathBuf::from,
    );
    let path = root.join("corpus/real/hongze-2023.pdf");
    let bytes = std::fs::read(&path).ok();
    if bytes.is_none() {
        eprintln!(
            "{} is missing: the hongze benchmarks measure nothing",
            path.display()
        );
    }
    bytes
});

fn text_of(bytes: &[u8]) -> String {
    extract_pdf(bytes, &PdfLimits::default()).map_or_else(|_| String::new(), |found| found.text)
}

#[divan::bench]
fn extract_generated_ruled(bencher: divan::Bencher) {
    bencher.bench(|| extract_pdf(divan::black_box(&RULED), &PdfLimits::default()));
}

#[divan::bench]
fn extract_generated_page_break(bencher: divan::Bencher) {
    bencher.bench(|| extract_pdf(divan::black_box(&BROKEN), &PdfLimits::default()));
}

#[divan::bench]
fn parse_generated_ruled_text(bencher: divan::Bencher) {
    let text = text_of(&RULED);
    bencher.bench(|| nianbao_syntax::parse(divan::black_box(&text)));
}

#[divan::bench]
fn extract_hongze(bencher: divan::Bencher) {
    let bytes = HONGZE.as_deref().unwrap_or_default();
    bencher.bench(|| extract_pdf(divan::black_box(bytes), &PdfLimits::default()));
}

#[divan::bench]
fn parse_hongze_text(bencher: divan::Bencher) {
    let text = HONGZE.as_deref().map(text_of).unwrap_or_default();
    bencher.bench(|| nianbao_syntax::parse(divan::black_box(&text)));
}

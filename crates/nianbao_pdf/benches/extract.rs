//! PDF extraction per document, next to parsing the text it yields (the ratio is what the PDF
//! front end costs over text input): a generated report in the ruled and page-break styles, and
//! the real WPS export hongze-2023.pdf when the shared folder is there
//! (`NIANBAO_SHARED`); without it those benchmarks are skipped, and say so.

use nianbao_gen::{Options, PdfStyle, generate, render_pdf};
use nianbao_pdf::{PdfLimits, extract_pdf};
use std::sync::LazyLock;

const HONGZE_PDF: &str = "hongze-2023.pdf";

fn main() {
    let mut divan = divan::Divan::from_args();
    if let Some(reason) = nianbao_testdata::missing_real(HONGZE_PDF) {
        eprintln!("skipping the hongze benchmarks: {reason}");
        divan = divan
            .skip_exact("extract_hongze")
            .skip_exact("parse_hongze_text");
    }
    divan.main();
}

static RULED: LazyLock<Vec<u8>> =
    LazyLock::new(|| render_pdf(&generate(1, 1, &Options::default()), PdfStyle::Ruled).bytes);
static BROKEN: LazyLock<Vec<u8>> =
    LazyLock::new(|| render_pdf(&generate(1, 1, &Options::default()), PdfStyle::PageBreak).bytes);
static HONGZE: LazyLock<Vec<u8>> = LazyLock::new(|| nianbao_testdata::real_bytes(HONGZE_PDF));

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
    let bytes: &[u8] = &HONGZE;
    bencher.bench(|| extract_pdf(divan::black_box(bytes), &PdfLimits::default()));
}

#[divan::bench]
fn parse_hongze_text(bencher: divan::Bencher) {
    let text = text_of(&HONGZE);
    bencher.bench(|| nianbao_syntax::parse(divan::black_box(&text)));
}

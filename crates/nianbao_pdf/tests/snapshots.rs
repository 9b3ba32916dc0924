//! The extracted text of one generated PDF per table style, as the grammar will read it (TABs
//! shown as `⇥`).
#![allow(clippy::expect_used)]

use nianbao_gen::{Options, PdfStyle, generate, render_pdf};
use nianbao_pdf::{PdfLimits, extract_pdf};

#[test]
fn extracted_text_per_style() {
    let report = generate(2028, 3, &Options::default());
    for style in PdfStyle::ALL {
        let pdf = render_pdf(&report, style);
        let extracted = extract_pdf(&pdf.bytes, &PdfLimits::default()).expect("readable");
        let shown = extracted.text.replace('\t', "⇥");
        insta::assert_snapshot!(format!("text_{}", style.name()), shown);
    }
}

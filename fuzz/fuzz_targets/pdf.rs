//! Any bytes as a PDF: extraction returns text or a typed refusal, never panics nor stalls, and
//! every span of the extracted text locates on a page of the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_pdf::{PdfLimits, extract_pdf};
use nianbao_source::Span;

fuzz_target!(|bytes: &[u8]| {
    // Small budgets keep each run fast; the limits themselves are part of what is fuzzed.
    let limits = PdfLimits {
        max_pages: 50,
        max_glyphs: 200_000,
        max_paths: 200_000,
        max_stream_bytes: 8 << 20,
        max_decoded_bytes: 32 << 20,
    };
    let Ok(extracted) = extract_pdf(bytes, &limits) else {
        return;
    };
    assert!(!extracted.text.trim().is_empty());
    let parsed = nianbao_syntax::parse(&extracted.text);
    for diagnostic in &parsed.diagnostics {
        if let Some(location) = extracted.locate(diagnostic.span) {
            assert!(location.page >= 1 && location.page <= extracted.pages);
        }
    }
    let whole = Span::from_range(0..extracted.text.len());
    let location = extracted.locate(whole).expect("the text has characters from some page");
    assert!(location.page >= 1 && location.page <= extracted.pages);
});

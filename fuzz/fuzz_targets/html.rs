//! Any bytes as a saved page or a Word file: extraction returns text or a plain refusal, never
//! panics, and every span of the extracted text maps back inside the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_html::{DocxLimits, extract_docx, extract_html};
use nianbao_source::Span;

fuzz_target!(|bytes: &[u8]| {
    for extracted in [extract_html(bytes), extract_docx(bytes, &DocxLimits::default())].into_iter().flatten() {
        let parsed = nianbao_syntax::parse(&extracted.text);
        for diagnostic in &parsed.diagnostics {
            let mapped = extracted.to_original(diagnostic.span);
            assert!(mapped.start <= mapped.end && mapped.end as usize <= extracted.original.len());
        }
        let whole = Span::from_range(0..extracted.text.len());
        let mapped = extracted.to_original(whole);
        assert!(mapped.end as usize <= extracted.original.len());
    }
});

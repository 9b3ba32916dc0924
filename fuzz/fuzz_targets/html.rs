//! Any bytes as a saved page, read as the CLI reads it (`Document::read`): a document or a plain
//! refusal, never a panic; the tables' expansion stays within the cell budget however the cells
//! are merged; every warning and every span of the text maps back inside the page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_html::{DOCUMENT_CELLS, Document};
use nianbao_source::Span;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    let Ok(document) = Document::read(bytes, Path::new("page.html"), None) else {
        return;
    };
    check(&document);
});

fn check(document: &Document) {
    let text = document.text();
    // Every slot a table writes is a TAB: the budget bounds them, whatever the markup says.
    assert!(text.matches('\t').count() <= DOCUMENT_CELLS);
    for warning in &document.warnings {
        assert!(warning.span.end as usize <= text.len());
        assert!(text.is_char_boundary(warning.span.start as usize));
        let mapped = document.span_in_file(warning.span);
        assert!(mapped.start <= mapped.end && mapped.end as usize <= document.file_text().len());
    }
    let parsed = nianbao_syntax::parse(text);
    for diagnostic in &parsed.diagnostics {
        let mapped = document.span_in_file(diagnostic.span);
        assert!(mapped.start <= mapped.end && mapped.end as usize <= document.file_text().len());
    }
    let whole = document.span_in_file(Span::from_range(0..text.len()));
    assert!(whole.end as usize <= document.file_text().len());
}

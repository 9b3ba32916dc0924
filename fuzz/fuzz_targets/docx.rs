//! Any bytes as a Word file, two ways: the bytes as the `.docx` itself (damaged, cut, encrypted
//! archives: a typed refusal, never a panic), and the bytes as its `word/document.xml`, stored
//! in a well-formed zip, so that the walker and the table grid see arbitrary XML. Either way the
//! tables' expansion stays within the cell budget and every span maps back inside the XML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_html::{DOCUMENT_CELLS, Document, ReadError};
use nianbao_source::Span;
use std::io::{Cursor, Write};
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    let name = Path::new("report.docx");
    if let Ok(document) = Document::read(bytes, name, None) {
        check(&document);
    }
    match Document::read(&stored(bytes), name, None) {
        Ok(document) => check(&document),
        // A stored entry never trips the ratio, and never fails to inflate.
        Err(ReadError::Extract(error)) => assert!(!matches!(
            error,
            nianbao_html::ExtractError::Damaged { .. } | nianbao_html::ExtractError::NotZip
        ), "{error:?}"),
        Err(_) => {}
    }
});

/// `xml` as the `word/document.xml` of an uncompressed zip.
fn stored(xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    let written = zip
        .start_file("word/document.xml", options)
        .and_then(|()| zip.write_all(xml).map_err(Into::into))
        .and_then(|()| zip.finish());
    written.map(Cursor::into_inner).unwrap_or_default()
}

fn check(document: &Document) {
    let text = document.text();
    assert!(text.matches('\t').count() <= DOCUMENT_CELLS);
    for warning in &document.warnings {
        assert!(warning.span.end as usize <= text.len());
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

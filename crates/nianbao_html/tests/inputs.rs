//! Hostile and unusual inputs: zip bombs, cut-short and damaged files, GB18030 pages, and
//! damaged markup that must never panic nor produce a span outside the original.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use nianbao_gen::{Options, generate, render_docx, render_html};
use nianbao_html::{DocxLimits, ExtractError, InputFormat, extract_docx, extract_html};
use std::io::{Cursor, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_zip_bomb_is_refused_while_inflating() {
    // 16 MiB of one byte deflates to a few kilobytes: a ratio of about a thousand.
    let mut document = b"<w:document><w:body><w:p><w:r><w:t>".to_vec();
    document.resize(16 * 1024 * 1024, b'0');
    let bomb = zip_with(&[("word/document.xml", &document)]);
    assert!(
        bomb.len() < 200 * 1024,
        "compressed to {} bytes",
        bomb.len()
    );
    let error = extract_docx(&bomb, &DocxLimits::default()).unwrap_err();
    assert_eq!(error, ExtractError::Ratio { limit: 100 });
    assert!(
        error.message().zh.contains("压缩炸弹"),
        "{}",
        error.message().zh
    );
    // The same entry under a size limit it exceeds is refused for its size.
    let limits = DocxLimits {
        max_document_bytes: 1024 * 1024,
        ..DocxLimits::default()
    };
    assert_eq!(
        extract_docx(&bomb, &limits).unwrap_err(),
        ExtractError::TooLarge { limit: 1024 * 1024 }
    );
}

#[test]
fn cut_short_damaged_and_foreign_files_give_plain_reasons() {
    let docx = render_docx(&generate(5, 1, &Options::default())).unwrap();
    assert!(extract_docx(&docx, &DocxLimits::default()).is_ok());
    for cut in [docx.len() / 2, docx.len() - 10, 30] {
        let error = extract_docx(&docx[..cut], &DocxLimits::default()).unwrap_err();
        assert!(
            matches!(error, ExtractError::Damaged { .. }),
            "cut at {cut}: {error:?}"
        );
        assert!(
            error
                .to_string()
                .starts_with("not a complete Word (.docx) file")
        );
    }
    let not_zip = extract_docx(b"", &DocxLimits::default()).unwrap_err();
    assert_eq!(not_zip, ExtractError::NotZip);
    // Word keeps a password-protected file's package encrypted inside an OLE compound file,
    // whose directory names the stream in UTF-16; an old .doc is the same container without it.
    let mut compound = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    compound.resize(1024, 0);
    assert_eq!(
        extract_docx(&compound, &DocxLimits::default()).unwrap_err(),
        ExtractError::LegacyWord
    );
    compound.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    compound.resize(4096, 0);
    let encrypted = extract_docx(&compound, &DocxLimits::default()).unwrap_err();
    assert_eq!(encrypted, ExtractError::Encrypted);
    assert!(encrypted.message().zh.contains("密码"));
    let no_document = zip_with(&[("word/styles.xml", b"<w:styles/>")]);
    assert_eq!(
        extract_docx(&no_document, &DocxLimits::default()).unwrap_err(),
        ExtractError::NoDocument
    );
    let malformed = zip_with(&[(
        "word/document.xml",
        b"<w:document><w:body><w:p></w:tbl></w:body></w:document>",
    )]);
    let error = extract_docx(&malformed, &DocxLimits::default()).unwrap_err();
    assert!(matches!(error, ExtractError::Xml { .. }), "{error:?}");
    assert!(error.message().zh.contains("格式错误"));
}

#[test]
fn a_gb18030_page_declaring_gb2312_reads_like_the_utf8_page() {
    let page = render_html(&generate(8, 2, &Options::default()));
    let utf8 = extract_html(page.as_bytes()).unwrap();
    let declared = page.replace("charset=utf-8", "charset=gb2312");
    assert_ne!(declared, page, "the page declares its charset");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&declared);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let gb = extract_html(&bytes).unwrap();
    assert_eq!(gb.encoding, "gb18030");
    assert_eq!(gb.text, utf8.text);
    let first_row = |extracted: &nianbao_html::Extracted| {
        support::row(&nianbao_syntax::parse(&extracted.text).report, 1)
    };
    assert_eq!(first_row(&gb), first_row(&utf8));
    assert!(
        first_row(&gb)
            .iter()
            .all(|value| matches!(value, nianbao_model::Value::Number(_)))
    );
}

#[test]
fn formats_are_told_apart_by_name_and_by_bytes() {
    assert_eq!(
        InputFormat::from_path(Path::new("a/b.SHTML")),
        InputFormat::Html
    );
    assert_eq!(
        InputFormat::from_path(Path::new("b.htm")),
        InputFormat::Html
    );
    assert_eq!(
        InputFormat::from_path(Path::new("b.docx")),
        InputFormat::Docx
    );
    assert_eq!(
        InputFormat::from_path(Path::new("b.txt")),
        InputFormat::Text
    );
    assert_eq!(InputFormat::sniff(b"PK\x03\x04rest"), InputFormat::Docx);
    assert_eq!(
        InputFormat::sniff(b"\xEF\xBB\xBF\n  <!DOCTYPE html><html>"),
        InputFormat::Html
    );
    let mut with_bom = b"\xFF\xFE".to_vec();
    with_bom.extend(
        "<html><body>年度报告</body></html>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    assert_eq!(InputFormat::sniff(&with_bom), InputFormat::Html);
    let page = extract_html(&with_bom).unwrap();
    assert_eq!(page.text, "年度报告\n");
    assert_eq!(
        InputFormat::sniff("某局2023年政府信息公开工作年度报告".as_bytes()),
        InputFormat::Text
    );
}

/// Every span of every finding maps inside the original, on character boundaries.
fn assert_spans_map_inside(extracted: &nianbao_html::Extracted, what: &str) {
    let parsed = nianbao_syntax::parse(&extracted.text);
    for diagnostic in &parsed.diagnostics {
        let mapped = extracted.remap(diagnostic);
        for span in std::iter::once(mapped.span).chain(mapped.labels.iter().map(|l| l.span)) {
            assert!(
                extracted.original.get(span.range()).is_some(),
                "{what}: {} maps to {span:?} outside the original ({} bytes)",
                diagnostic.code,
                extracted.original.len()
            );
        }
    }
}

#[test]
fn damaged_markup_never_panics_and_spans_stay_inside() {
    let report = generate(3, 7, &Options::default());
    let page = render_html(&report).into_bytes();
    let docx = render_docx(&report).unwrap();
    let mut state = 0x2545_F491_u64;
    let mut next = move |bound: usize| {
        // xorshift: deterministic damage, the same on every run.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % u64::try_from(bound.max(1)).unwrap()).unwrap()
    };
    for round in 0..120 {
        let mut damaged = page.clone();
        for _ in 0..1 + round % 8 {
            let at = next(damaged.len());
            match round % 3 {
                0 => damaged[at] = b"<>&\"'=/ \t\n"[next(10)],
                1 => {
                    damaged.truncate(at);
                }
                _ => {
                    let end = (at + next(400)).min(damaged.len());
                    damaged.drain(at..end);
                }
            }
        }
        if let Ok(extracted) = extract_html(&damaged) {
            assert_spans_map_inside(&extracted, &format!("html round {round}"));
        }
        let mut damaged = docx.clone();
        let at = next(damaged.len());
        damaged[at] ^= 0x5A;
        if let Ok(extracted) = extract_docx(&damaged, &DocxLimits::default()) {
            assert_spans_map_inside(&extracted, &format!("docx round {round}"));
        }
    }
    // Markup that is not a report at all still extracts, to text with nothing to find.
    let odd = extract_html(b"<table><tr><td rowspan=99999999 colspan=0>x<td><table><td>y</table></table><p>&#0;&bogus;&#x110000;").unwrap();
    assert!(
        odd.text.contains('x') && odd.text.contains('y'),
        "{:?}",
        odd.text
    );
}

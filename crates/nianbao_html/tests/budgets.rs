//! Tables that expand without bound (issue 13, case 1): every slot a merged cell expands into is
//! paid from the cell budget, so a page or a Word file of a few megabytes yields a bounded text
//! and a warning saying which table was not read, never gigabytes. The work is measured by what
//! is written (the extracted text), not by a clock.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use nianbao_html::{
    DOCUMENT_CELLS, DocxLimits, Extracted, TABLE_CELLS, Warning, extract_docx, extract_html,
};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// The extracted text may hold the document's slots as TABs plus the cells' own text, which a
/// few bytes of markup each wrote: never more than this.
fn assert_bounded(extracted: &Extracted, markup_len: usize) {
    let tabs = extracted.text.matches('\t').count();
    assert!(tabs <= DOCUMENT_CELLS, "{tabs} slots written");
    assert!(
        extracted.text.len() <= DOCUMENT_CELLS * 2 + markup_len,
        "{} bytes of text",
        extracted.text.len()
    );
}

fn page(body: &str) -> Extracted {
    let page = format!("<html><body><p>一、总体情况</p>{body}</body></html>");
    let extracted = extract_html(page.as_bytes()).unwrap();
    assert_bounded(&extracted, page.len());
    extracted
}

#[test]
fn a_row_of_wide_cells_is_cut_at_the_table_budget() {
    // The page at a fifth of its size: once 4 GB and an abort.
    let extracted = page(&format!(
        "<table><tr>{}",
        "<td colspan=1000>".repeat(40_000)
    ));
    let [warning] = &extracted.warnings[..] else {
        panic!("{:?}", extracted.warnings)
    };
    assert_eq!(
        warning.warning,
        Warning::TableTooLarge {
            limit: TABLE_CELLS,
            rows_read: 0,
            rows: 1
        }
    );
    // The warning points at the row not read, in the text and in the markup.
    assert_eq!(warning.span.slice(&extracted.text), "\n");
    let at = extracted.to_original(warning.span);
    assert!(
        extracted.original[at.start as usize..].starts_with("<tr>"),
        "{at:?}"
    );
}

#[test]
fn tall_merged_cells_cost_their_width_not_the_cells_above() {
    // Each row adds a 1000-column block covering every row below: once quadratic in rows and
    // 2.2 GB for 262 KB of markup.
    let rows = "<tr><td rowspan=65534 colspan=1000>x".repeat(5_000);
    let extracted = page(&format!("<table>{rows}</table>"));
    assert!(matches!(
        extracted.warnings[0].warning,
        Warning::TableTooLarge { rows: 5_000, .. }
    ));
    // A single row of cells each merged 65534 rows down: once minutes of scanning.
    let cells = "<td rowspan=65534>1".repeat(12_000);
    let extracted = page(&format!("<table><tr>{cells}<tr><td>2<tr><td>3</table>"));
    assert!(extracted.warnings.is_empty(), "{:?}", extracted.warnings);
    assert_eq!(
        extracted.text.lines().filter(|l| l.contains('\t')).count(),
        3
    );
}

#[test]
fn many_tables_share_the_document_budget() {
    let table = format!("<table><tr>{}</table>", "<td colspan=1000>1".repeat(90));
    let extracted = page(&table.repeat(10));
    // Four tables of 90,000 slots fit in 400,000; the fifth is the first not read, said once.
    let [warning] = &extracted.warnings[..] else {
        panic!("{:?}", extracted.warnings)
    };
    assert_eq!(
        warning.warning,
        Warning::TablesTooLarge {
            limit: DOCUMENT_CELLS
        }
    );
    assert_eq!(extracted.text.matches('1').count(), 4 * 90);
}

#[test]
fn a_word_table_of_wide_grid_spans_is_cut_at_the_budget() {
    // The 6.6 MB .docx inflated to 8 GB; this one is its tenth.
    let cell = "<w:tc><w:tcPr><w:gridSpan w:val=\"1000\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>";
    let xml = format!(
        "<w:document xmlns:w=\"w\"><w:body><w:tbl>{}</w:tbl></w:body></w:document>",
        format!("<w:tr>{}</w:tr>", cell.repeat(20)).repeat(400)
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    let docx = zip.finish().unwrap().into_inner();
    let extracted = extract_docx(&docx, &DocxLimits::default()).unwrap();
    assert_bounded(&extracted, xml.len());
    // Rows of 20,000 slots: five fit in the table's 100,000.
    assert_eq!(
        extracted.warnings[0].warning,
        Warning::TableTooLarge {
            limit: TABLE_CELLS,
            rows_read: 5,
            rows: 400
        }
    );
}

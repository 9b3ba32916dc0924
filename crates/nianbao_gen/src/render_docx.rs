//! A report as a minimal valid Word `.docx`: `[Content_Types].xml`, `_rels/.rels` and
//! `word/document.xml` in a deflated zip. Tables use `w:gridSpan` for merged columns and
//! `w:vMerge` for merged rows, and some numbers are split over two runs, as Word does after
//! an edit.

use crate::markup::{MergedCell, Part, escape, parts};
use crate::report::GeneratedReport;
use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn run(text: &str) -> String {
    format!(
        "<w:r><w:rPr><w:rFonts w:ascii=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"21\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

fn paragraph(text: &str, centered: bool) -> String {
    let properties = if centered {
        "<w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    } else {
        "<w:pPr><w:ind w:firstLine=\"640\"/></w:pPr>"
    };
    format!("<w:p>{properties}{}</w:p>", run(text))
}

/// A cell's paragraph: numbers of two or more digits are sometimes split over two runs.
fn cell_paragraph(text: &str, salt: usize) -> String {
    if text.is_empty() {
        return "<w:p/>".to_owned();
    }
    let is_number = text.chars().all(|ch| ch.is_ascii_digit());
    if is_number && text.len() >= 2 && salt % 3 == 0 {
        let cut = text.len() / 2;
        let (head, tail) = (text.get(..cut).unwrap_or(""), text.get(cut..).unwrap_or(""));
        return format!("<w:p>{}{}</w:p>", run(head), run(tail));
    }
    format!("<w:p>{}</w:p>", run(text))
}

fn cell(properties: &str, content: &str) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"900\" w:type=\"dxa\"/>{properties}</w:tcPr>{content}</w:tc>"
    )
}

fn grid_span(width: usize) -> String {
    if width > 1 {
        format!("<w:gridSpan w:val=\"{width}\"/>")
    } else {
        String::new()
    }
}

fn table(rows: &[Vec<MergedCell>], salt: usize) -> String {
    let columns = rows
        .iter()
        .flat_map(|row| row.iter().map(|cell| cell.column + cell.colspan))
        .max()
        .unwrap_or(0);
    let mut out = String::from(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>",
    );
    for _ in 0..columns {
        out.push_str("<w:gridCol w:w=\"900\"/>");
    }
    out.push_str("</w:tblGrid>");
    // Rowspans still open: (first column, width, rows left).
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for (row_index, row) in rows.iter().enumerate() {
        out.push_str("<w:tr>");
        // Word keeps one `w:tc` per grid position: a merged-over slot is a continuation cell.
        let mut pieces: Vec<(usize, String)> = open
            .iter()
            .map(|&(column, width, _)| {
                (
                    column,
                    cell(&format!("{}<w:vMerge/>", grid_span(width)), "<w:p/>"),
                )
            })
            .collect();
        for (cell_index, merged) in row.iter().enumerate() {
            let restart = if merged.rowspan > 1 {
                "<w:vMerge w:val=\"restart\"/>"
            } else {
                ""
            };
            let properties = format!("{}{restart}", grid_span(merged.colspan));
            let content = cell_paragraph(&merged.text, salt + row_index * 7 + cell_index);
            pieces.push((merged.column, cell(&properties, &content)));
        }
        pieces.sort_by_key(|(column, _)| *column);
        for (_, piece) in pieces {
            out.push_str(&piece);
        }
        out.push_str("</w:tr>");
        for entry in &mut open {
            entry.2 -= 1;
        }
        open.retain(|entry| entry.2 > 0);
        for merged in row.iter().filter(|merged| merged.rowspan > 1) {
            open.push((merged.column, merged.colspan, merged.rowspan - 1));
        }
    }
    out.push_str("</w:tbl>");
    out
}

/// The `word/document.xml` of `report`.
pub fn render_document_xml(report: &GeneratedReport) -> String {
    let salt = usize::from(report.year) + report.organ.chars().count();
    let mut body = String::new();
    for (index, part) in parts(report).iter().enumerate() {
        match part {
            Part::Paragraph(text) => body.push_str(&paragraph(text.trim(), index == 0)),
            Part::Table(rows) => {
                body.push_str(&table(rows, salt + index));
                // Word requires a paragraph after a table before the next one or the end.
                body.push_str("<w:p/>");
            }
        }
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    let _ = write!(
        out,
        "{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    );
    out
}

/// Renders `report` as the bytes of a `.docx`.
pub fn render_docx(report: &GeneratedReport) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let entries = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", RELS.to_owned()),
        ("word/document.xml", render_document_xml(report)),
    ];
    for (name, content) in entries {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(content.as_bytes())?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

//! Word `.docx`: `word/document.xml` out of the zip ([`archive`], inflated under limits), then
//! paragraphs to lines and `w:tbl` to the tab grid.
//!
//! Spans map into the text of `word/document.xml`. Word files have no lines an editor could
//! open at, so a line and column in that XML is the most exact place a finding can name.

mod archive;

pub use archive::DocxLimits;
pub(crate) use archive::document_xml;

use crate::ExtractError;
use crate::grid::{CellBudget, GridCell, TableBuilder};
use crate::map::{PushChar, SourceChar, SourceMap, Writer, align};
use crate::warning::ReadWarning;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

fn val(element: &BytesStart<'_>) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == b"val")
        .map(|attribute| String::from_utf8_lossy(&attribute.value).into_owned())
}

fn number(element: &BytesStart<'_>) -> usize {
    val(element)
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(1)
}

struct Walker {
    out: Writer,
    /// What the document's tables may still expand to, and what was not read for it.
    budget: CellBudget,
    warnings: Vec<ReadWarning>,
    /// Open `mc:Fallback` elements: Word writes a text box twice, once for new readers
    /// (`mc:Choice`) and once for old ones; reading both would print its text twice.
    fallback: usize,
    table: Option<TableBuilder>,
    nested_tables: usize,
    in_text: bool,
    pending_space: bool,
}

impl Walker {
    fn start(&mut self, element: &BytesStart<'_>, at: usize, empty: bool) {
        let in_table = self.table.is_some();
        let name = element.local_name();
        if name.as_ref() == b"Fallback" {
            self.fallback += 1;
        }
        if self.fallback > 0 {
            return;
        }
        match name.as_ref() {
            b"tbl" if in_table => self.nested_tables += 1,
            b"tbl" => {
                self.out.line_break(at);
                self.pending_space = false;
                self.table = Some(TableBuilder::default());
            }
            b"tr" if self.nested_tables == 0 => {
                if let Some(table) = self.table.as_mut() {
                    table.start_row(at);
                }
            }
            b"tc" if self.nested_tables == 0 => {
                if let Some(table) = self.table.as_mut() {
                    table.start_cell(GridCell::new(at, 1, 1));
                }
            }
            b"gridSpan" if self.nested_tables == 0 => {
                if let Some(cell) = self.table.as_mut().and_then(TableBuilder::cell_mut) {
                    *cell = GridCell {
                        chars: std::mem::take(&mut cell.chars),
                        ..GridCell::new(cell.at, 1, number(element))
                    };
                }
            }
            b"gridBefore" if self.nested_tables == 0 => {
                if let Some(table) = self.table.as_mut() {
                    for _ in 0..number(element).min(64) {
                        table.push_empty(at);
                    }
                }
            }
            b"t" => self.in_text = !empty,
            b"p" if !in_table => {
                self.out.line_break(at);
                self.pending_space = false;
            }
            b"br" | b"cr" if !in_table => {
                self.out.line_break(at);
                self.pending_space = false;
            }
            b"tab" if !in_table => self.pending_space = true,
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8], at: usize) {
        if name == b"Fallback" {
            self.fallback = self.fallback.saturating_sub(1);
            return;
        }
        if self.fallback > 0 {
            return;
        }
        match name {
            b"t" => self.in_text = false,
            b"tbl" if self.nested_tables > 0 => self.nested_tables -= 1,
            b"tbl" => {
                if let Some(table) = self.table.take() {
                    table.write(&mut self.out, at, &mut self.budget, &mut self.warnings);
                }
            }
            b"tc" if self.nested_tables == 0 => {
                if let Some(table) = self.table.as_mut() {
                    table.finish_cell();
                }
            }
            b"tr" if self.nested_tables == 0 => {
                if let Some(table) = self.table.as_mut() {
                    table.finish_row();
                }
            }
            b"p" if self.table.is_none() => {
                self.out.line_break(at);
                self.pending_space = false;
            }
            _ => {}
        }
    }

    fn text(&mut self, chars: Vec<SourceChar>) {
        if !self.in_text || self.fallback > 0 {
            return;
        }
        if let Some(table) = self.table.as_mut() {
            if let Some(cell) = table.cell_mut() {
                cell.chars.extend(
                    chars
                        .into_iter()
                        .filter(|source| !source.ch.is_whitespace()),
                );
            }
            return;
        }
        for source in chars {
            if source.ch.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.out.ends_line() {
                self.out.push_synthetic(" ", source.at.start);
            }
            self.pending_space = false;
            self.out.push_char(&source);
        }
    }
}

fn entity(name: &[u8]) -> Option<char> {
    match name {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        _ => None,
    }
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// The extracted text of `word/document.xml`, its map, and what was not read as written
/// (spans in the extracted text).
pub(crate) fn extract(xml: &str) -> Result<(String, SourceMap, Vec<ReadWarning>), ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut walker = Walker {
        out: Writer::default(),
        budget: CellBudget::default(),
        warnings: Vec::new(),
        fallback: 0,
        table: None,
        nested_tables: 0,
        in_text: false,
        pending_space: false,
    };
    loop {
        let before = offset(reader.buffer_position());
        let event = reader.read_event().map_err(|error| ExtractError::Xml {
            offset: reader.error_position(),
            reason: error.to_string(),
        })?;
        let after = offset(reader.buffer_position());
        match event {
            Event::Start(element) => walker.start(&element, before, false),
            Event::Empty(element) => {
                walker.start(&element, before, true);
                walker.end(element.local_name().as_ref(), before);
            }
            Event::End(element) => walker.end(element.local_name().as_ref(), before),
            Event::Text(text) => {
                let raw = xml.get(before..after).unwrap_or("");
                let decoded = String::from_utf8_lossy(&text);
                walker.text(align(raw, &decoded, before));
            }
            Event::GeneralRef(reference) => {
                let ch = if reference.is_char_ref() {
                    reference.resolve_char_ref().ok().flatten()
                } else {
                    entity(&reference)
                };
                if let Some(ch) = ch {
                    walker.text(vec![SourceChar {
                        ch,
                        at: before..after,
                    }]);
                }
            }
            Event::CData(data) => {
                let decoded = String::from_utf8_lossy(&data).into_owned();
                let chars = decoded
                    .chars()
                    .map(|ch| SourceChar {
                        ch,
                        at: before..after,
                    })
                    .collect();
                walker.text(chars);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(table) = walker.table.take() {
        table.write(
            &mut walker.out,
            xml.len(),
            &mut walker.budget,
            &mut walker.warnings,
        );
    }
    let (text, map) = walker.out.finish(xml.len());
    Ok((text, map, walker.warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(xml: &str) -> String {
        let document = format!(
            "<w:document xmlns:w=\"w\" xmlns:mc=\"mc\"><w:body>{xml}</w:body></w:document>"
        );
        extract(&document).expect("well-formed").0
    }

    fn cell(properties: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn merged_cells_keep_every_value_in_its_column() {
        let table = format!(
            "<w:tbl><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell("<w:vMerge w:val=\"restart\"/>", "三、本年度办理结果"),
            cell("<w:gridSpan w:val=\"2\"/>", "（一）予以公开"),
            cell("", "1"),
            cell("", "1.属于国家秘密"),
            cell("<w:gridSpan w:val=\"2\"/>", ""),
            cell("<w:vMerge/>", ""),
            cell("", "2."),
            cell("<w:gridSpan w:val=\"2\"/>", "&#49;&amp;2"),
        );
        assert_eq!(
            body(&table),
            "三、本年度办理结果\t（一）予以公开\t\t1\n\t1.属于国家秘密\t\t\n\t2.\t1&2\t\n"
        );
    }

    #[test]
    fn paragraphs_are_lines_and_text_boxes_are_read_once() {
        let xml = "<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t xml:space=\"preserve\">情况 </w:t></w:r></w:p>\
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>框</w:t></mc:Choice><mc:Fallback><w:t>框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>\
            <w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t><w:delText>gone</w:delText></w:r></w:p>";
        assert_eq!(body(xml), "一、总体情况\n框\na\nb\n");
    }
}

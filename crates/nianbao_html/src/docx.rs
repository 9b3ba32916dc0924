//! Word `.docx`: `word/document.xml` out of the zip (inflated under limits), then paragraphs to
//! lines and `w:tbl` to the tab grid.
//!
//! Spans map into the text of `word/document.xml`. Word files have no lines an editor could
//! open at, so a line and column in that XML is the most exact place a finding can name.

use crate::ExtractError;
use crate::grid::{GridCell, TableBuilder};
use crate::map::{PushChar, SourceChar, SourceMap, Writer, align};
use nianbao_model::Message;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};

/// How much a `.docx` may inflate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocxLimits {
    /// Largest `word/document.xml` accepted, in bytes after inflating.
    pub max_document_bytes: u64,
    /// Largest inflated / compressed ratio accepted once the entry passes
    /// [`DocxLimits::ratio_floor`] bytes. Word XML compresses about 5–20 times; 100 leaves room
    /// for very repetitive tables while refusing bombs, which inflate thousands of times.
    pub max_ratio: u64,
    /// Below this many inflated bytes the ratio is not checked: a small entry cannot hurt.
    pub ratio_floor: u64,
}

impl Default for DocxLimits {
    fn default() -> Self {
        Self {
            max_document_bytes: 64 * 1024 * 1024,
            max_ratio: 100,
            ratio_floor: 1024 * 1024,
        }
    }
}

const DOCUMENT: &str = "word/document.xml";

fn not_zip(error: &zip::result::ZipError) -> ExtractError {
    use zip::result::ZipError;
    let reason = match error {
        ZipError::InvalidArchive(_) => Message::new(
            "压缩包目录缺失或损坏（文件可能不完整）",
            "the archive's directory is missing or damaged (is the file cut short?)",
        ),
        ZipError::UnsupportedArchive(what) => Message::new(
            format!("不支持的压缩格式：{what}"),
            format!("unsupported archive: {what}"),
        ),
        ZipError::Io(io) => Message::new(
            format!("压缩包无法读取：{io}"),
            format!("the archive could not be read: {io}"),
        ),
        other => Message::new(other.to_string(), other.to_string()),
    };
    ExtractError::NotZip { reason }
}

/// The text of `word/document.xml`, inflated while counting: the sizes the archive declares
/// are not trusted.
pub(crate) fn document_xml(bytes: &[u8], limits: &DocxLimits) -> Result<String, ExtractError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_zip(&e))?;
    let mut entry = match archive.by_name(DOCUMENT) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Err(ExtractError::NoDocument),
        Err(error) => return Err(not_zip(&error)),
    };
    let compressed = entry
        .compressed_size()
        .min(u64::try_from(bytes.len()).unwrap_or(u64::MAX))
        .max(1);
    let mut inflated = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let read = entry
            .read(&mut chunk)
            .map_err(|error| ExtractError::NotZip {
                reason: Message::new(
                    format!("{DOCUMENT} 无法解压：{error}"),
                    format!("{DOCUMENT} could not be inflated: {error}"),
                ),
            })?;
        if read == 0 {
            break;
        }
        inflated.extend_from_slice(chunk.get(..read).unwrap_or(&[]));
        let total = u64::try_from(inflated.len()).unwrap_or(u64::MAX);
        if total > limits.max_document_bytes {
            return Err(ExtractError::TooLarge {
                limit: limits.max_document_bytes,
            });
        }
        if total > limits.ratio_floor && total / compressed > limits.max_ratio {
            return Err(ExtractError::Ratio {
                limit: limits.max_ratio,
            });
        }
    }
    let inflated = inflated
        .strip_prefix(b"\xEF\xBB\xBF")
        .map_or(inflated.clone(), <[u8]>::to_vec);
    String::from_utf8(inflated).map_err(|_| ExtractError::Encoding {
        declared: Some("UTF-8".to_owned()),
    })
}

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
                    table.write(&mut self.out, at);
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

/// The extracted text of `word/document.xml` and its map.
pub(crate) fn extract(xml: &str) -> Result<(String, SourceMap), ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut walker = Walker {
        out: Writer::default(),
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
        table.write(&mut walker.out, xml.len());
    }
    Ok(walker.out.finish(xml.len()))
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

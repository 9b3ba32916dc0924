//! The grid layouts (every one but the PDF extractions, the Markdown groups and the 2008
//! format): the report's blocks through the grid writer, then the layout's line ends,
//! digits and encoding applied to the whole text.

use super::layout::Layout;
use super::rendered::Rendered;
use super::style::Encoding;
use super::tables::{table2, table3, table4};
use super::writer::Writer;
use crate::narrative::Block;
use crate::report::GeneratedReport;

/// Renders `report` in `layout`, one of the grid layouts.
pub(super) fn render(report: &GeneratedReport, layout: Layout) -> Rendered {
    let style = layout.style();
    let mut writer = Writer {
        style,
        out: String::with_capacity(12 * 1024),
        line: 1,
        lines_on_page: 0,
        page: 0,
        anchors: Vec::with_capacity(64),
        notes: Vec::new(),
        ascii_page_markers: report.plan.ascii_page_markers,
    };
    for block in report.blocks() {
        let is_table = matches!(block, Block::Table2 | Block::Table3 | Block::Table4);
        match block {
            Block::Blank => writer.newline(),
            Block::Line { text, marks, .. } => {
                for (anchor, _) in marks {
                    writer.mark(anchor);
                }
                writer.line(&text);
            }
            Block::Table2 => table2(report, &mut writer),
            Block::Table3 => table3(report, &mut writer),
            Block::Table4 => table4(report, &mut writer),
        }
        if style.one_line && is_table {
            // The dump keeps one space where a table ends, or Table 4's glued digits would run
            // into the year that opens the next sentence.
            writer.push(" ");
        }
    }
    let mut text = writer.out;
    if style.one_line {
        // A text dump drops every line break: everything sits on line 1.
        text.retain(|c| c != '\n');
        for (_, line) in &mut writer.anchors {
            *line = 1;
        }
        for (line, _) in &mut writer.notes {
            *line = 1;
        }
    }
    if style.full_width {
        text = text
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap_or(c),
                _ => c,
            })
            .collect();
    }
    if style.crlf {
        text = text.replace('\n', "\r\n");
    }
    let bytes = match style.encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => {
            let mut bytes = Vec::with_capacity(text.len() + 3);
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
            bytes.extend_from_slice(text.as_bytes());
            bytes
        }
        Encoding::Gb18030 => encoding_rs::GB18030.encode(&text).0.into_owned(),
    };
    Rendered {
        bytes,
        text,
        layout,
        encoding: style.encoding,
        anchors: writer.anchors,
        notes: writer
            .notes
            .into_iter()
            .map(|(line, note)| format!("line {line}: {note}"))
            .collect(),
    }
}

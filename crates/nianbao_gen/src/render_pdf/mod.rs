//! A report as a PDF, written directly: a CID font referenced by name with a `ToUnicode` map (no
//! font file needed to extract text), Identity-H for text and Identity-V for vertical labels,
//! table borders drawn as paths, `- N -` page footers, in several table styles ([`PdfStyle`]).
//!
//! Besides the bytes it writes the text a PDF reader must get back from them (the tab grid with
//! the reading rules of `nianbao_pdf`: wrapped lines joined, labels spanning rows as heading
//! lines, one TAB row per table row) with the line of every anchored item in that text and the
//! page it is printed on, so a fault's expected finding has both.

mod metrics;
mod serialize;
mod style;
mod table;
mod writer;

pub use style::PdfStyle;

use crate::markup::merge;
use crate::render::{Anchor, Layout, Rendered, render};
use crate::report::GeneratedReport;
use metrics::{TOP, WIDTH, width};
use serialize::serialize;
use std::collections::HashMap;
use table::{break_row, table};
use writer::{Run, Writer};

/// A rendered PDF.
#[derive(Clone, Debug)]
pub struct RenderedPdf {
    pub bytes: Vec<u8>,
    pub style: PdfStyle,
    /// The text a PDF reader must extract, with each anchor's line in it (so that
    /// [`crate::Fault::locate`] gives the expected finding's line).
    pub text: Rendered,
    /// The 1-based page each anchor is printed on.
    pub pages: Vec<(Anchor, u32)>,
}

impl RenderedPdf {
    pub fn page_of(&self, anchor: Anchor) -> Option<u32> {
        self.pages
            .iter()
            .find(|(candidate, _)| *candidate == anchor)
            .map(|&(_, page)| page)
    }
}

/// Renders `report` as a PDF in `style`. The same report and style give the same bytes.
pub fn render_pdf(report: &GeneratedReport, style: PdfStyle) -> RenderedPdf {
    let tab = render(report, Layout::Tab);
    let mut writer = Writer {
        style,
        pages: Vec::new(),
        target: 0,
        y: TOP,
        cids: HashMap::new(),
        chars: Vec::new(),
        text: String::with_capacity(tab.text.len()),
        line: 1,
        places: HashMap::new(),
    };
    writer.new_page();
    let lines: Vec<&str> = tab.text.lines().collect();
    let salt = report.seed.wrapping_mul(31).wrapping_add(report.index);
    let mut index = 0;
    let mut title = true;
    while index < lines.len() {
        if lines[index].contains('\t') {
            let start = index;
            while lines.get(index).is_some_and(|line| line.contains('\t')) {
                index += 1;
            }
            let grid: Vec<Vec<String>> = lines[start..index]
                .iter()
                .map(|line| line.split('\t').map(str::to_owned).collect())
                .collect();
            let rows = merge(&grid);
            let tab_lines: Vec<u32> = (start..index)
                .map(|line| u32::try_from(line + 1).unwrap_or(0))
                .collect();
            let is_table3 = lines[start].contains("勾稽关系");
            let break_at = (style == PdfStyle::PageBreak && is_table3)
                .then(|| break_row(&rows, salt))
                .flatten();
            writer.y += 8.0;
            table(&mut writer, &rows, &tab_lines, break_at);
            writer.y += 12.0;
            continue;
        }
        if !lines[index].trim().is_empty() {
            writer.paragraph(lines[index], u32::try_from(index + 1).unwrap_or(0), title);
            title = false;
        }
        index += 1;
    }
    for page in 0..writer.pages.len() {
        writer.target = page;
        let footer = format!("- {} -", page + 1);
        let x = (WIDTH - width(&footer, 10.5)) / 2.0;
        let run = Run {
            size: 10.5,
            x,
            baseline: 800.0,
            ..Run::default()
        };
        writer.show(&footer, run);
    }
    let place = |line: &u32| writer.places.get(line).copied();
    let anchors: Vec<(Anchor, u32)> = tab
        .anchors
        .iter()
        .filter_map(|(anchor, line)| Some((*anchor, place(line)?.0)))
        .collect();
    let pages: Vec<(Anchor, u32)> = tab
        .anchors
        .iter()
        .filter_map(|(anchor, line)| Some((*anchor, place(line)?.1)))
        .collect();
    let bytes = serialize(&writer);
    RenderedPdf {
        bytes,
        style,
        text: Rendered {
            bytes: writer.text.as_bytes().to_vec(),
            text: writer.text,
            layout: Layout::Tab,
            encoding: tab.encoding,
            anchors,
            notes: Vec::new(),
        },
        pages,
    }
}

//! `markdown-groups`: Markdown converted from a PDF by OCR or a language model, as published
//! reports reach corpora: `#` marks on the title and headings, one pipe table per row group
//! with generic headers (`数据1 … 数据7`), each of Table 3's first rows as a `###` heading above
//! a one-row table, Table 4 as one row under fifteen generic headers.

use crate::narrative::Block;
use crate::render::layout::Layout;
use crate::render::printed::{CHECK_NOTE, printed_label, with_thousands};
use crate::render::rendered::{Anchor, Rendered};
use crate::render::style::Encoding;
use crate::report::{GeneratedReport, Val};
use nianbao_model::template::{RowId, Table2Row, table2_rows};

struct Writer {
    out: String,
    line: u32,
    anchors: Vec<(Anchor, u32)>,
}

impl Writer {
    fn mark(&mut self, anchor: Anchor) {
        if !self.anchors.iter().any(|(known, _)| *known == anchor) {
            self.anchors.push((anchor, self.line));
        }
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
        self.line += 1;
    }

    /// `| a | b |`, anchoring the cells that carry an anchor on this line.
    fn row(&mut self, cells: &[(String, Option<Anchor>)]) {
        for anchor in cells.iter().filter_map(|(_, anchor)| *anchor) {
            self.mark(anchor);
        }
        let inner: Vec<&str> = cells.iter().map(|(text, _)| text.as_str()).collect();
        self.line(&format!("| {} |", inner.join(" | ")));
    }

    /// A generic header of `count` columns and its rule line.
    fn generic_header(&mut self, count: usize) {
        let names: Vec<String> = (1..=count).map(|index| format!("数据{index}")).collect();
        self.line(&format!("| {} |", names.join(" | ")));
        self.line(&format!("|{}", "---|".repeat(count)));
    }
}

/// Renders `report` as `markdown-groups`.
pub(crate) fn render(report: &GeneratedReport) -> Rendered {
    let mut writer = Writer {
        out: String::with_capacity(12 * 1024),
        line: 1,
        anchors: Vec::with_capacity(64),
    };
    let mut titled = false;
    for block in report.blocks() {
        match block {
            Block::Blank => writer.line(""),
            Block::Line { text, marks, .. } => {
                for (anchor, _) in &marks {
                    writer.mark(*anchor);
                }
                let heading = marks
                    .iter()
                    .any(|(anchor, _)| matches!(anchor, Anchor::Heading(_)));
                if !titled {
                    titled = true;
                    writer.line(&format!("# {text}"));
                } else if heading {
                    writer.line(&format!("## {text}"));
                } else {
                    writer.line(&text);
                }
            }
            Block::Table2 => table2(&mut writer, report),
            Block::Table3 => table3(&mut writer, report),
            Block::Table4 => table4(&mut writer, report),
        }
    }
    Rendered {
        bytes: writer.out.as_bytes().to_vec(),
        text: writer.out,
        layout: Layout::MarkdownGroups,
        encoding: Encoding::Utf8,
        anchors: writer.anchors,
        notes: Vec::new(),
    }
}

fn value(report: &GeneratedReport, value: Val, anchor: Anchor) -> (String, Option<Anchor>) {
    let text = match value {
        Val::Int(count @ 10_000..) if report.plan.thousands => with_thousands(count),
        value => value.text(),
    };
    (text, Some(anchor))
}

fn label(report: &GeneratedReport, template: &'static str) -> (String, Option<Anchor>) {
    let (text, anchor) = printed_label(report, template);
    (text.to_owned(), anchor)
}

fn table2(writer: &mut Writer, report: &GeneratedReport) {
    let mut position = 0;
    let mut previous: Option<&Table2Row> = None;
    for row in table2_rows(report.template) {
        if previous.is_none_or(|previous| previous.caption != row.caption) {
            writer.line("");
            writer.line(&format!("### {}", row.caption));
            let mut header = vec![label(report, "信息内容")];
            header.extend(row.columns.iter().map(|&column| label(report, column)));
            writer.row(&header);
            writer.line(&format!("|{}", "---|".repeat(header.len())));
        }
        previous = Some(row);
        let mut cells = vec![label(report, row.label)];
        for offset in 0..row.cell_ids.len() {
            let printed = report
                .table2
                .get(position + offset)
                .copied()
                .unwrap_or(Val::Blank);
            cells.push(value(
                report,
                printed,
                Anchor::Table2Cell(position + offset),
            ));
        }
        position += row.cell_ids.len();
        writer.row(&cells);
    }
    writer.line("");
}

fn values3(report: &GeneratedReport, id: RowId) -> Vec<(String, Option<Anchor>)> {
    (0..7)
        .map(|column| {
            let printed = report.table3_value(id, column).unwrap_or(Val::Blank);
            value(report, printed, Anchor::Table3Cell(id, column))
        })
        .collect()
}

fn row_label(report: &GeneratedReport, id: RowId) -> (String, Option<Anchor>) {
    let template = id.template();
    let (text, anchor) = printed_label(report, template.label);
    (format!("{}{text}", template.numbering), anchor)
}

/// A row as a `###` heading above a one-row table of seven generic columns.
fn heading_row(writer: &mut Writer, report: &GeneratedReport, id: RowId) {
    let (text, anchor) = row_label(report, id);
    if let Some(anchor) = anchor {
        writer.mark(anchor);
    }
    writer.line(&format!("### {text}"));
    writer.generic_header(7);
    writer.row(&values3(report, id));
    writer.line("");
}

fn table3(writer: &mut Writer, report: &GeneratedReport) {
    writer.line(CHECK_NOTE);
    writer.line("");
    let rows = report.rows();
    for id in rows.iter().copied().filter(|id| id.number() <= 2) {
        heading_row(writer, report, id);
    }
    writer.line("### 三、本年度办理结果");
    writer.generic_header(8);
    let mut caption: Option<&str> = None;
    for id in rows
        .iter()
        .copied()
        .filter(|id| !matches!(id.number(), 1 | 2 | 25))
    {
        let template = id.template();
        let sub_caption = template
            .caption
            .filter(|_| template.numbering.ends_with('.'));
        if sub_caption.is_some() && sub_caption != caption {
            let mut cells = vec![(sub_caption.unwrap_or("").to_owned(), None)];
            cells.extend((0..7).map(|_| (String::new(), None)));
            writer.row(&cells);
        }
        caption = sub_caption;
        let mut cells = vec![row_label(report, id)];
        cells.extend(values3(report, id));
        writer.row(&cells);
    }
    writer.line("");
    if let Some(id) = RowId::new(25) {
        heading_row(writer, report, id);
    }
}

fn table4(writer: &mut Writer, report: &GeneratedReport) {
    writer.generic_header(15);
    let cells: Vec<(String, Option<Anchor>)> = (0..15)
        .map(|index| {
            let printed = report.table4_value(index).unwrap_or(Val::Blank);
            value(report, printed, Anchor::Table4Cell(index))
        })
        .collect();
    writer.row(&cells);
}

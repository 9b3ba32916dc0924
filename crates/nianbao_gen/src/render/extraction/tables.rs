//! The three tables as `pdftotext` leaves them, in layout mode and in reading order.

use super::{Mode, Pages, pad};
use crate::render::printed::{CHECK_NOTE, printed_label, with_thousands};
use crate::render::rendered::Anchor;
use crate::report::{GeneratedReport, Val};
use nianbao_model::template::{RowId, TABLE4_CELLS, Table2Row, table2_rows};

/// Characters of a Table 3 label per line before it wraps.
const LABEL_CHARS: usize = 15;

fn value_text(report: &GeneratedReport, value: Val) -> String {
    match value {
        Val::Int(count @ 10_000..) if report.plan.thousands => with_thousands(count),
        value => value.text(),
    }
}

/// Table 2, caption by caption.
pub(super) fn table2(pages: &mut Pages, report: &GeneratedReport) {
    let rows = table2_rows(report.template);
    let mut position = 0;
    let mut previous: Option<&Table2Row> = None;
    for row in rows {
        let first_of_group = previous.is_none_or(|previous| previous.caption != row.caption);
        if first_of_group {
            table2_header(pages, report, row);
        }
        previous = Some(row);
        let values: Vec<(String, Anchor)> = (0..row.cell_ids.len())
            .map(|offset| {
                let value = report
                    .table2
                    .get(position + offset)
                    .copied()
                    .unwrap_or(Val::Blank);
                (
                    value_text(report, value),
                    Anchor::Table2Cell(position + offset),
                )
            })
            .collect();
        position += row.cell_ids.len();
        let (label, anchor) = printed_label(report, row.label);
        match pages.mode {
            Mode::Layout => {
                for (_, value_anchor) in &values {
                    pages.mark(*value_anchor);
                }
                if let Some(anchor) = anchor {
                    pages.mark(anchor);
                }
                let cells: String = values
                    .iter()
                    .map(|(text, _)| format!("{text:>12}"))
                    .collect();
                pages.line(&format!("{}{cells}", pad(label, 16)));
                pages.line("");
            }
            Mode::ReadingOrder => {
                // A single number under its own header comes before its label, as the
                // label cell is vertically centred in a taller row.
                let value_first = values.len() == 1 && first_of_group;
                if !value_first {
                    pages.cell(label, anchor);
                }
                for (text, value_anchor) in &values {
                    pages.cell(text, Some(*value_anchor));
                }
                if value_first {
                    pages.cell(label, anchor);
                }
            }
        }
        pages.boundary();
    }
}

fn table2_header(pages: &mut Pages, report: &GeneratedReport, row: &Table2Row) {
    let (content, content_anchor) = printed_label(report, "信息内容");
    let columns: Vec<(&str, Option<Anchor>)> = row
        .columns
        .iter()
        .map(|&column| printed_label(report, column))
        .collect();
    match pages.mode {
        Mode::Layout => {
            pages.line(&format!("{}{}", " ".repeat(14), row.caption));
            pages.line("");
            if let Some(anchor) = content_anchor {
                pages.mark(anchor);
            }
            for anchor in columns.iter().filter_map(|(_, anchor)| *anchor) {
                pages.mark(anchor);
            }
            let headers: String = columns
                .iter()
                .map(|(text, _)| format!("    {text}"))
                .collect();
            pages.line(&format!("       {content}{headers}"));
            pages.line("");
        }
        Mode::ReadingOrder => {
            pages.line(row.caption);
            pages.cell(content, content_anchor);
            for (text, anchor) in columns {
                pages.cell(text, anchor);
            }
        }
    }
    pages.boundary();
}

/// Table 3 layout-mode header, as `pdftotext -layout` prints the merged header cells.
const LAYOUT_HEADER: [&str; 6] = [
    "                                                              申请人情况",
    "                                                         法人或其他组织",
    "                                             自然人         社会 法律                总计",
    "                                                   商业 科研",
    "                                                         公益 服务 其他",
    "                                                   企业 机构",
];

/// The caption a Table 3 row group prints rotated, and the row it is printed after (layout
/// mode) or before (reading order).
fn rotated_caption(id: RowId) -> Option<&'static str> {
    match id.number() {
        3 => Some("三、本年度办理结果"),
        5 => Some("（三）不予公开"),
        _ => None,
    }
}

pub(super) fn table3(pages: &mut Pages, report: &GeneratedReport) {
    let (note_head, note_tail) = CHECK_NOTE.split_at(CHECK_NOTE.len() / 2 / 3 * 3);
    match pages.mode {
        Mode::Layout => {
            for line in &LAYOUT_HEADER[..2] {
                pages.line(line);
            }
            pages.line(note_head);
            pages.line(note_tail);
            for line in &LAYOUT_HEADER[2..] {
                pages.line(line);
            }
            pages.line("");
            pages.repeat = LAYOUT_HEADER
                .iter()
                .map(|line| (*line).to_owned())
                .collect();
        }
        Mode::ReadingOrder => {
            pages.line("申请人情况");
            pages.line("");
            pages.line(note_head);
            pages.line(note_tail);
            pages.line("");
            for line in [
                "法人或其他组织",
                "自然人",
                "",
                "社会 法律",
                "商业 科研",
                "公益 服务 其他",
                "企业 机构",
                "组织 机构",
                "",
                "总计",
                "",
            ] {
                pages.line(line);
            }
        }
    }
    pages.boundary();
    for id in report.rows() {
        table3_row(pages, report, id);
        pages.boundary();
    }
    pages.repeat.clear();
}

fn table3_row(pages: &mut Pages, report: &GeneratedReport, id: RowId) {
    let template = id.template();
    let (text, anchor) = printed_label(report, template.label);
    let label = format!("{}{text}", template.numbering);
    let values: Vec<(String, Anchor)> = (0..7)
        .map(|column| {
            let value = report.table3_value(id, column).unwrap_or(Val::Blank);
            (value.text(), Anchor::Table3Cell(id, column))
        })
        .collect();
    // Captions printed on a line of their own (the rotated ones spaced out in layout mode).
    let caption = template
        .caption
        .filter(|_| is_first_child(report, id) && id.number() != 3)
        .filter(|caption| !caption.starts_with("三、"));
    match pages.mode {
        Mode::Layout => {
            if let Some(caption) = caption.filter(|_| rotated_caption(id).is_none()) {
                pages.line(&format!("{}{caption}", " ".repeat(18)));
            }
            layout_row(pages, id, &label, anchor, &values);
            if let Some(rotated) = rotated_caption(id) {
                let spaced: String = rotated.chars().map(|c| format!("{c} ")).collect();
                pages.line(&format!(" {}", spaced.trim_end()));
            }
        }
        Mode::ReadingOrder => {
            if let Some(rotated) = rotated_caption(id) {
                for c in rotated.chars() {
                    pages.line(&c.to_string());
                }
            } else if let Some(caption) = caption {
                pages.line(caption);
            }
            let value_first = label.chars().count() <= 16;
            if !value_first {
                pages.cell(&label, anchor);
            }
            for (text, value_anchor) in &values {
                pages.cell(text, Some(*value_anchor));
            }
            if value_first {
                pages.cell(&label, anchor);
            }
        }
    }
}

fn is_first_child(report: &GeneratedReport, id: RowId) -> bool {
    let caption = id.template().caption;
    report
        .rows()
        .into_iter()
        .find(|row| row.template().caption == caption && row.template().numbering.ends_with('.'))
        == Some(id)
}

/// One Table 3 row in layout mode: a label of up to [`LABEL_CHARS`] on one line with its
/// numbers; a longer one over two lines with the numbers on a third, or over three with the
/// numbers on the middle line.
fn layout_row(
    pages: &mut Pages,
    id: RowId,
    label: &str,
    anchor: Option<Anchor>,
    values: &[(String, Anchor)],
) {
    let indent = match id.number() {
        1 | 2 | 25 => 0,
        3 | 4 | 24 | 26 => 18,
        _ => 28,
    };
    let numbers: String = values
        .iter()
        .map(|(text, _)| format!("{text:>6}"))
        .collect();
    let lead = " ".repeat(indent);
    let chars: Vec<char> = label.chars().collect();
    let limit = if indent == 0 { 16 } else { LABEL_CHARS };
    let chunks: Vec<String> = chars
        .chunks(limit)
        .map(|chunk| chunk.iter().collect())
        .collect();
    if let Some(anchor) = anchor {
        pages.mark(anchor);
    }
    let mark_values = |pages: &mut Pages| {
        for (_, value_anchor) in values {
            pages.mark(*value_anchor);
        }
    };
    match chunks.as_slice() {
        [only] => {
            mark_values(pages);
            pages.line(&format!("{}{numbers}", pad(&format!("{lead}{only}"), 60)));
        }
        [first, second] => {
            pages.line(&format!("{lead}{first}"));
            pages.line(&format!("{lead}{second}"));
            mark_values(pages);
            pages.line(&format!("{}{numbers}", " ".repeat(60)));
        }
        [first, second, rest @ ..] => {
            pages.line(&format!("{lead}{first}"));
            mark_values(pages);
            pages.line(&format!("{}{numbers}", pad(&format!("{lead}{second}"), 60)));
            pages.line(&format!("{lead}{}", rest.concat()));
        }
        [] => {}
    }
}

pub(super) fn table4(pages: &mut Pages, report: &GeneratedReport) {
    let values: Vec<(String, Anchor)> = (0..15)
        .map(|index| {
            let value = report.table4_value(index).unwrap_or(Val::Blank);
            (value.text(), Anchor::Table4Cell(index))
        })
        .collect();
    match pages.mode {
        Mode::Layout => {
            for line in [
                "          行政复议                              行政诉讼",
                "",
                "                              未经复议直接起诉                  复议后起诉",
                "",
                "结果   结果     其他   尚未              结果 结果 其他 尚未        结果 结果 其他 尚未",
                "                    总 计                                  总 计",
                "维持   纠正     结果   审结              维持 纠正 结果 审结        维持 纠正 结果 审结",
                "",
            ] {
                pages.line(line);
            }
            for (_, anchor) in &values {
                pages.mark(*anchor);
            }
            let numbers: Vec<String> = values
                .iter()
                .map(|(text, _)| format!("{text:<5}"))
                .collect();
            pages.line(numbers.concat().trim_end());
            pages.line("");
        }
        Mode::ReadingOrder => {
            for header in ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
            {
                pages.cell(header, None);
            }
            for (_, column) in TABLE4_CELLS.iter().take(5) {
                let (head, tail) = column.split_at(column.len() / 2 / 3 * 3);
                pages.line(head);
                pages.line(tail);
                pages.line("");
            }
            for (text, anchor) in &values {
                pages.cell(text, Some(*anchor));
            }
        }
    }
    pages.boundary();
}

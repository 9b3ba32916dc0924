//! Tables 2, 3 and 4 in the grid layouts: headers in each grid's shape, then one row per
//! template row.

use super::glued::Check;
use super::labels::{bracket_style, label};
use super::printed::{CHECK_NOTE, printed_label, with_thousands};
use super::rendered::Anchor;
use super::style::{Grid, Style};
use super::writer::{Cell, Row, Writer};
use crate::report::{GeneratedReport, Val};
use nianbao_model::template::{RowId, TABLE3_COLUMNS, TABLE4_CELLS, Table2Row, table2_rows};

pub(super) fn table2(report: &GeneratedReport, writer: &mut Writer) {
    let style = writer.style;
    let rows = table2_rows(report.template);
    let width = if style.merged { 5 } else { 4 };
    let mut position = 0usize;
    let mut previous: Option<&'static str> = None;
    for template_row in rows {
        if previous != Some(template_row.caption) {
            previous = Some(template_row.caption);
            table2_header(report, writer, template_row, width);
        }
        let mut values = Vec::new();
        for _ in template_row.cell_ids {
            let value = report.table2.get(position).copied().unwrap_or(Val::Blank);
            let mut cell = Cell::value(value, Anchor::Table2Cell(position));
            if let (true, Val::Int(count @ 10_000..)) = (report.plan.thousands, value) {
                cell.text = with_thousands(count);
            }
            values.push(cell);
            position += 1;
        }
        if style.merged && values.len() == 3 {
            // The header's merged cell leaves an empty column before the last value.
            values.insert(2, Cell::label(String::new(), None));
        }
        let trail = width.saturating_sub(1 + values.len());
        let row = Row {
            labels: vec![label(report, style, template_row.label)],
            trail: if style.grid == Grid::Tab { trail } else { 0 },
            label_width: 1,
            values,
            ..Row::default()
        };
        writer.row(&row);
    }
}

fn table2_header(report: &GeneratedReport, writer: &mut Writer, row: &Table2Row, width: usize) {
    let style = writer.style;
    // The seed keeps full-width `第二十条第（一）项` captions next to half-width Table 3 labels.
    let caption = bracket_style(row.caption, style.half_width && style.grid != Grid::Tab);
    let mut header = vec![label(report, style, "信息内容")];
    header.extend(
        row.columns
            .iter()
            .map(|&column| label(report, style, column)),
    );
    if style.merged && header.len() == 4 {
        header.insert(3, Cell::label(String::new(), None));
    }
    match style.grid {
        Grid::Tab => {
            writer.line(&format!("{caption}{}", "\t".repeat(width - 1)));
            let pad = width.saturating_sub(header.len());
            header.extend((0..pad).map(|_| Cell::label(String::new(), None)));
            writer.cells_line(&header);
        }
        Grid::Markdown => {
            writer.line(&caption);
            let rule = format!("|{}", "---|".repeat(header.len()));
            writer.cells_line(&header);
            writer.line(&rule);
        }
        Grid::CellPerLine => {
            writer.line(&format!("{caption} |"));
            writer.line("|||");
            writer.cells_line(&header);
        }
        Grid::Pipes => {
            writer.line(&format!("{caption} | |||"));
            writer.cells_line(&header);
        }
        Grid::Spaces | Grid::RunTogether => {
            writer.line(&caption);
            writer.cells_line(&header);
        }
    }
}

/// The Table 3 label cells of `id` and the caption that shares its line, in the tab grid's shape.
fn table3_row(report: &GeneratedReport, style: Style, id: RowId) -> Row {
    let template = id.template();
    let (text, anchor) = printed_label(report, template.label);
    // Word's automatic numbering copies as `1、` where the template prints `1.`.
    let numbering = match template.numbering.strip_suffix('.') {
        Some(number) if style.merged => format!("{number}、"),
        _ => template.numbering.to_owned(),
    };
    let name = Cell::label(
        bracket_style(&format!("{numbering}{text}"), style.half_width),
        anchor,
    );
    let values = (0..7)
        .map(|column| {
            Cell::value(
                report.table3_value(id, column).unwrap_or(Val::Blank),
                Anchor::Table3Cell(id, column),
            )
        })
        .collect();
    let caption = |text: &str| Cell::label(bracket_style(text, style.half_width), None);
    let number = id.number();
    let first_child = matches!(number, 5 | 13 | 16 | 21);
    let (lead, labels, mid, trail) = match number {
        1 | 2 | 23 | 24 | 25 => (0, vec![name], 1, 1),
        3 => (0, vec![caption("三、本年度办理结果"), name], 0, 1),
        _ if first_child => {
            let parent = template.caption.unwrap_or("");
            (1, vec![caption(parent), name], 0, 0)
        }
        4 | 26 => (1, vec![name], 0, 1),
        _ => (2, vec![name], 0, 0),
    };
    Row {
        lead,
        labels,
        mid,
        values,
        trail,
        label_width: 2,
        check: Check::RowTotal,
    }
}

pub(super) fn table3(report: &GeneratedReport, writer: &mut Writer) {
    let style = writer.style;
    let note = bracket_style(CHECK_NOTE, style.half_width);
    let columns = TABLE3_COLUMNS;
    match style.grid {
        Grid::Tab => {
            let lines = [
                format!("{note}\t\t申请人情况\t\t\t\t\t\t总计\t"),
                format!("\t\t{}\t法人或其他组织\t\t\t\t\t\t", columns[0]),
                format!("\t\t\t{}\t\t", columns[1..6].join("\t")),
            ];
            for (index, line) in lines.iter().enumerate() {
                if index == 0 && style.broken_labels {
                    let cut = note
                        .char_indices()
                        .nth(note.chars().count() / 2)
                        .map_or(0, |(offset, _)| offset);
                    let (head, tail) = note.split_at(cut);
                    writer.line(head);
                    writer.line(&format!("{tail}\t\t申请人情况\t\t\t\t\t\t总计\t"));
                } else {
                    writer.line(line);
                }
            }
        }
        Grid::Spaces => {
            writer.line(&note);
            writer.line("申请人情况");
            writer.line(&format!("{}  法人或其他组织  总计", columns[0]));
            writer.line(&columns[1..6].join("  "));
        }
        Grid::CellPerLine => {
            writer.line(&format!("{note} |"));
            writer.line("申请人情况 |");
            for column in [columns[0], "法人或其他组织"]
                .iter()
                .chain(columns[1..].iter())
            {
                writer.line(&format!("{column} |"));
            }
        }
        Grid::Markdown => {
            writer.line(&format!("| {note} | | {} |", columns.join(" | ")));
            writer.line(&format!("|{}", "---|".repeat(9)));
        }
        Grid::Pipes => {
            writer.line(&format!("{note} | 申请人情况 |"));
            writer.line(&format!("{} | 法人或其他组织 | 总计 |", columns[0]));
            writer.line(&format!("{} |", columns[1..6].join(" | ")));
        }
        Grid::RunTogether => {
            writer.line(&format!(
                "{note}申请人情况{}法人或其他组织总计 {}",
                columns[0],
                columns[1..6].concat()
            ));
        }
    }
    for id in report.rows() {
        let row = table3_row(report, style, id);
        writer.row(&row);
    }
}

pub(super) fn table4(report: &GeneratedReport, writer: &mut Writer) {
    let style = writer.style;
    let values: Vec<Cell> = (0..15)
        .map(|index| {
            Cell::value(
                report.table4_value(index).unwrap_or(Val::Blank),
                Anchor::Table4Cell(index),
            )
        })
        .collect();
    let outcomes: Vec<&str> = TABLE4_CELLS[..5]
        .iter()
        .map(|&(_, column)| column)
        .collect();
    let spaced_outcomes: Vec<String> = outcomes
        .iter()
        .map(|column| {
            let mut chars = column.chars();
            let head: String = chars.by_ref().take(2).collect();
            let tail: String = chars.collect();
            if tail.is_empty() {
                head
            } else {
                format!("{head} {tail}")
            }
        })
        .collect();
    match style.grid {
        Grid::Tab if style.merged => {
            // Two header rows; the outcome columns of the 行政诉讼 blocks are merged away.
            writer.line("行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t");
            writer.line(&format!(
                "{}\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
                outcomes.join("\t")
            ));
        }
        Grid::Tab => {
            writer.line("行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t");
            writer.line(&format!(
                "{}\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
                spaced_outcomes.join("\t")
            ));
            writer.line(&format!(
                "\t\t\t\t\t{}\t{}",
                spaced_outcomes.join("\t"),
                spaced_outcomes.join("\t")
            ));
        }
        Grid::Spaces => {
            // PDF extraction writes narrow header cells one character per line (`layouts.md` §6).
            writer.line("行政复议 行政诉讼");
            writer.line("未经复议直接起诉 复议后起诉");
            writer.line("结 结 其 尚");
            writer.line("结 结 其 尚 结 结 其 尚");
            writer.line("果 果 他 未");
            writer.line("总计 果 果 他 未 总 果 果 他 未 总");
            writer.line("维 纠 结 审");
            writer.line("维 纠 结 审 计 维 纠 结 审 计");
            writer.line("持 正 果 结");
            writer.line("持 正 果 结 持 正 果 结");
        }
        Grid::CellPerLine => {
            for text in ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
            {
                writer.line(&format!("{text} |"));
            }
            for _ in 0..3 {
                for column in &outcomes {
                    writer.line(&format!("{column} |"));
                }
            }
        }
        Grid::Markdown => {
            writer.line("行政复议行政诉讼");
            let mut header = outcomes.join(" | ");
            header = format!("| {header} | {header} | {header} |");
            writer.line(&header);
            writer.line(&format!("|{}", "---|".repeat(15)));
        }
        Grid::Pipes => {
            writer.line("行政复议 | 行政诉讼 |");
            writer.line(&format!(
                "{} | 未经复议直接起诉 | 复议后起诉 |",
                outcomes.join(" | ")
            ));
            writer.line(&format!(
                "{} | {} |",
                outcomes.join(" | "),
                outcomes.join(" | ")
            ));
        }
        Grid::RunTogether => {
            writer.line(&format!(
                "行政复议行政诉讼{}未经复议直接起诉复议后起诉{}{}",
                outcomes.concat(),
                outcomes.concat(),
                outcomes.concat()
            ));
        }
    }
    let row = Row {
        values,
        check: Check::Blocks,
        ..Row::default()
    };
    writer.row(&row);
}

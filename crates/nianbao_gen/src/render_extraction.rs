//! Text as PDF extraction leaves it, modelled on `hongze-2023.pdf` read both ways:
//!
//! - `pdf-layout` (`pdftotext -layout`): space-aligned columns; long row labels wrapped over two
//!   or three lines with the numbers on their own line or on the middle line; prose hard-wrapped
//!   with a first-line indent and no blank lines; a page number `-N-` and a form feed at every
//!   page end, the Table 3 header repeated after a page break inside it; the title over two
//!   lines; rotated captions printed spaced out between the rows of their group.
//! - `reading-order` (plain `pdftotext`): one cell per line; short row labels *after* their
//!   numbers (a label vertically centred in its row starts below them), long ones before;
//!   the rotated captions one character per line; page numbers and form feeds.
//!
//! Page breaks fall between table rows and, unless the narrative may wrap inside phrases,
//! between paragraphs; prose lines break between claims' phrases under the same condition.

use crate::narrative::Block;
use crate::render::{
    Anchor, CHECK_NOTE, Encoding, Layout, Rendered, printed_label, with_thousands,
};
use crate::report::{GeneratedReport, Val};
use nianbao_model::template::{RowId, TABLE4_CELLS, Table2Row, table2_rows};

/// Lines per page before a page break is due: a layout page, and a page of one-cell lines.
const PAGE_LINES: u32 = 46;
const READING_PAGE_LINES: u32 = 90;
/// Prose width in columns (a Chinese character takes two).
const PROSE_COLUMNS: usize = 60;
/// Characters of a Table 3 label per line before it wraps.
const LABEL_CHARS: usize = 15;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Layout,
    ReadingOrder,
}

/// The output, page by page.
struct Pages {
    mode: Mode,
    out: String,
    line: u32,
    on_page: u32,
    page: u32,
    anchors: Vec<(Anchor, u32)>,
    /// The next line starts a page: it begins with a form feed.
    form_feed: bool,
    /// The page is full; it ends at the next boundary.
    due: bool,
    /// While Table 3 is printed (layout mode): its header, repeated after a page break.
    repeat: Vec<String>,
}

impl Pages {
    fn mark(&mut self, anchor: Anchor) {
        if !self.anchors.iter().any(|(known, _)| *known == anchor) {
            self.anchors.push((anchor, self.line));
        }
    }

    fn line(&mut self, text: &str) {
        if std::mem::take(&mut self.form_feed) {
            self.out.push('\u{c}');
        }
        self.out.push_str(text);
        self.out.push('\n');
        self.line += 1;
        self.on_page += 1;
        let page_lines = match self.mode {
            Mode::Layout => PAGE_LINES,
            Mode::ReadingOrder => READING_PAGE_LINES,
        };
        if self.on_page >= page_lines {
            self.due = true;
        }
    }

    /// A place where the page may end (between rows, between paragraphs).
    fn boundary(&mut self) {
        if !std::mem::take(&mut self.due) {
            return;
        }
        self.page += 1;
        self.on_page = 0;
        match self.mode {
            Mode::Layout => {
                self.out.push('\n');
                self.out
                    .push_str(&format!("{}-{}-\n", " ".repeat(43), self.page));
            }
            Mode::ReadingOrder => self.out.push_str(&format!("-{}-\n\n", self.page)),
        }
        self.line += 2;
        self.form_feed = true;
        for header in self.repeat.clone() {
            self.line(&header);
        }
    }

    /// One cell on a line of its own, followed by a blank line (reading order).
    fn cell(&mut self, text: &str, anchor: Option<Anchor>) {
        if let Some(anchor) = anchor {
            self.mark(anchor);
        }
        self.line(text);
        self.line("");
    }
}

/// Display width: Chinese and full-width characters take two columns.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// `text` padded with spaces to `columns` display columns.
fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(width(text))))
}

/// Renders `report` as `layout` (`PdfLayout` or `ReadingOrder`).
pub(crate) fn render(report: &GeneratedReport, layout: Layout) -> Rendered {
    let mode = if layout == Layout::ReadingOrder {
        Mode::ReadingOrder
    } else {
        Mode::Layout
    };
    let mut pages = Pages {
        mode,
        out: String::with_capacity(16 * 1024),
        line: 1,
        on_page: 0,
        page: 0,
        anchors: Vec::with_capacity(64),
        form_feed: false,
        due: false,
        repeat: Vec::new(),
    };
    let blocks = report.blocks();
    let mut titled = false;
    for block in blocks {
        match block {
            Block::Blank => {}
            Block::Line { text, marks, keep } => {
                let heading = marks
                    .iter()
                    .any(|(anchor, _)| matches!(anchor, Anchor::Heading(_)));
                if !titled {
                    titled = true;
                    title(&mut pages, &text, &marks);
                } else if heading {
                    for (anchor, _) in &marks {
                        pages.mark(*anchor);
                    }
                    let indent = if mode == Mode::Layout { "   " } else { "" };
                    pages.line(&format!("{indent}{text}"));
                } else {
                    paragraph(&mut pages, report, &text, &marks, &keep);
                }
                pages.boundary();
            }
            Block::Table2 => table2(&mut pages, report),
            Block::Table3 => table3(&mut pages, report),
            Block::Table4 => table4(&mut pages, report),
        }
    }
    // The last page ends with its number too.
    pages.due = true;
    pages.boundary();
    if pages.form_feed {
        pages.out.push('\u{c}');
    }
    Rendered {
        bytes: pages.out.as_bytes().to_vec(),
        text: pages.out,
        layout,
        encoding: Encoding::Utf8,
        anchors: pages.anchors,
        notes: Vec::new(),
    }
}

/// The title over two lines when it starts with the issuing body (`洪泽区人民政府` /
/// `2023 年政府信息公开工作年度报告`), centred in layout mode.
fn title(pages: &mut Pages, text: &str, marks: &[(Anchor, usize)]) {
    let year_at = marks
        .iter()
        .find(|(anchor, _)| *anchor == Anchor::TitleYear)
        .map_or(0, |&(_, at)| at);
    let (organ, rest) = text.split_at(year_at.min(text.len()));
    let (first_indent, second_indent) = match pages.mode {
        Mode::Layout => ("                ", "      "),
        Mode::ReadingOrder => ("", ""),
    };
    pages.mark(Anchor::Title);
    if !organ.trim().is_empty() {
        pages.line(&format!("{first_indent}{}", organ.trim()));
    }
    pages.mark(Anchor::TitleYear);
    pages.line(&format!("{second_indent}{rest}"));
    if pages.mode == Mode::Layout {
        pages.line("");
    }
}

/// A paragraph hard-wrapped at [`PROSE_COLUMNS`], first line indented in layout mode.
fn paragraph(
    pages: &mut Pages,
    report: &GeneratedReport,
    text: &str,
    marks: &[(Anchor, usize)],
    keep: &[(usize, usize)],
) {
    let indent = if pages.mode == Mode::Layout { 3 } else { 0 };
    let inside = report.plan.wrap_inside_phrases;
    let keep: &[(usize, usize)] = if inside { &[] } else { keep };
    let lines = wrap(text, indent, keep);
    let count = lines.len();
    for (index, (from, to)) in lines.into_iter().enumerate() {
        for &(anchor, at) in marks {
            let last = index + 1 == count;
            if at >= from && (at < to || (last && at == to)) {
                pages.mark(anchor);
            }
        }
        let lead = if index == 0 {
            " ".repeat(indent)
        } else {
            String::new()
        };
        pages.line(&format!("{lead}{}", text.get(from..to).unwrap_or("")));
        if inside {
            // A PDF breaks pages wherever a page is full, mid-paragraph included.
            pages.boundary();
        }
    }
}

/// Byte ranges of the lines of `text` wrapped at [`PROSE_COLUMNS`] (the first line `indent`
/// columns narrower): never inside a `keep` range that fits on a line, never before closing
/// punctuation.
fn wrap(text: &str, indent: usize, keep: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut columns = indent;
    let mut at = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    while let Some(&(offset, c)) = chars.get(at) {
        let next = columns + width(c.encode_utf8(&mut [0; 4]));
        if next > PROSE_COLUMNS && offset > start {
            let mut cut = offset;
            if let Some(&(from, _)) = keep
                .iter()
                .find(|&&(from, to)| from < cut && cut < to && from > start)
            {
                cut = from;
            }
            // A number (`118`, `36.36%`) is never split, as in any typesetting.
            while cut > start && is_numeric_at(text, cut) {
                cut -= text
                    .get(..cut)
                    .and_then(|head| head.chars().next_back())
                    .map_or(1, char::len_utf8);
            }
            while text
                .get(cut..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| "，。；：、）》”！？".contains(c))
            {
                cut += '，'.len_utf8();
            }
            lines.push((start, cut));
            start = cut;
            columns = 0;
            at = chars.partition_point(|&(offset, _)| offset < cut);
            continue;
        }
        columns = next;
        at += 1;
    }
    if start < text.len() {
        lines.push((start, text.len()));
    }
    lines
}

/// Whether byte `at` of `text` falls inside a number: between two of its characters.
fn is_numeric_at(text: &str, at: usize) -> bool {
    let numeric = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '%');
    let before = text.get(..at).and_then(|head| head.chars().next_back());
    let after = text.get(at..).and_then(|tail| tail.chars().next());
    before.is_some_and(numeric) && after.is_some_and(numeric)
}

fn value_text(report: &GeneratedReport, value: Val) -> String {
    match value {
        Val::Int(count @ 10_000..) if report.plan.thousands => with_thousands(count),
        value => value.text(),
    }
}

/// Table 2, caption by caption.
fn table2(pages: &mut Pages, report: &GeneratedReport) {
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

fn table3(pages: &mut Pages, report: &GeneratedReport) {
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

fn table4(pages: &mut Pages, report: &GeneratedReport) {
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

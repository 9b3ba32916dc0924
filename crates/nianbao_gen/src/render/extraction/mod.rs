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

mod tables;

use crate::narrative::Block;
use crate::render::layout::Layout;
use crate::render::rendered::{Anchor, Rendered};
use crate::render::style::Encoding;
use crate::report::GeneratedReport;
use tables::{table2, table3, table4};

/// Lines per page before a page break is due: a layout page, and a page of one-cell lines.
const PAGE_LINES: u32 = 46;
const READING_PAGE_LINES: u32 = 90;
/// Prose width in columns (a Chinese character takes two).
const PROSE_COLUMNS: usize = 60;

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

//! Renderers: one report, every plaintext shape the parser must read (`layouts.md`), with the line
//! of every anchored item recorded while writing, so that fault lines are counted, not guessed.

use crate::narrative::Block;
use crate::report::{Fact, GeneratedReport, Val};
use nianbao_model::template::{RowId, TABLE3_COLUMNS, TABLE4_CELLS, Table2Row, table2_rows};
use serde::Serialize;

/// An item whose line the manifest reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    Title,
    TitleYear,
    /// The 统计期限 sentence.
    Period,
    /// The heading of section 1–6.
    Heading(u8),
    /// A narrative phrase's number (or the phrase, for claims without one).
    Fact(Fact),
    /// A printed label, by its template wording.
    Label(&'static str),
    /// Table 2 cell by position in template order (A1 = 0).
    Table2Cell(usize),
    /// Table 3 cell `(row, column)`, column 0-based.
    Table3Cell(RowId, usize),
    /// Table 4 cell, 0-based (F1 = 0).
    Table4Cell(usize),
    /// In the 2008 format, the number of a total the prose states with its parts.
    Stated(nianbao_model::stated::Measure),
}

/// A plaintext shape of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Word/HTML table copied as text: TAB-separated, with merged-cell quirks (`layouts.md` §2).
    Tab,
    /// The seed's own shape: the tab grid with half-width bracket labels `(一) 予以公开`.
    HalfWidth,
    /// PDF text: cells separated by runs of spaces; Table 4 header one character per line (§6).
    Spaces,
    /// One cell per line, `x |`, a lone `|` for a blank cell (§4).
    CellPerLine,
    /// Markdown pipe tables with `|---|` rule lines (§5).
    Markdown,
    /// Pipe-delimited rows `a | b | c |` (§3).
    Pipes,
    /// Cells run together without separators (§8); rows whose split would be ambiguous are
    /// printed with single spaces instead, as in the real half-glued reports.
    RunTogether,
    /// The tab grid with CRLF line ends and a UTF-8 BOM.
    CrlfBom,
    /// The tab grid encoded as GB18030.
    Gb18030,
    /// Pipe rows with full-width digits `０-９` everywhere.
    FullWidth,
    /// The tab grid with long labels broken over two lines (a line break inside a Word cell).
    BrokenLabels,
    /// PDF text with page markers `— 4 —` between lines.
    PageMarkers,
    /// A web page's text dump, as in the real 平潭 corpus: the whole report on one line, headings
    /// run into the text, table cells glued.
    OneLine,
    /// `pdftotext -layout` text: space-aligned columns, long labels wrapped around their
    /// numbers, hard-wrapped prose, page numbers and form feeds, the title over two lines
    /// (`render_extraction`).
    PdfLayout,
    /// Plain `pdftotext` reading order: one cell per line, short labels after their numbers,
    /// rotated captions one character per line (`render_extraction`).
    ReadingOrder,
    /// A Word tab grid with merged-cell blanks (`规章\t13\t13\t\t524`), `1、` numbering and
    /// Table 4 as one row under a two-row header.
    TabMerged,
    /// Markdown from a converted PDF: one table per row group under generic headers
    /// (`数据1 … 数据7`), `#` heading marks (`render_groups`).
    MarkdownGroups,
    /// A report in the 2008 format (2008–2018): free prose stating totals with their parts and
    /// a small statistics table of its own, no template tables (`pre2019`). Only a report made
    /// with [`crate::GeneratedReport::into_pre2019`] is printed truthfully in it.
    #[serde(rename = "pre-2019")]
    Pre2019,
}

impl Layout {
    pub const ALL: [Layout; 17] = [
        Self::Tab,
        Self::HalfWidth,
        Self::Spaces,
        Self::CellPerLine,
        Self::Markdown,
        Self::Pipes,
        Self::RunTogether,
        Self::CrlfBom,
        Self::Gb18030,
        Self::FullWidth,
        Self::BrokenLabels,
        Self::PageMarkers,
        Self::OneLine,
        Self::PdfLayout,
        Self::ReadingOrder,
        Self::TabMerged,
        Self::MarkdownGroups,
    ];

    /// Every shape a corpus cycles through: the template's tables in each of [`Layout::ALL`],
    /// and the 2008 format.
    pub const EVERY: [Layout; 18] = [
        Self::Tab,
        Self::HalfWidth,
        Self::Spaces,
        Self::CellPerLine,
        Self::Markdown,
        Self::Pipes,
        Self::RunTogether,
        Self::CrlfBom,
        Self::Gb18030,
        Self::FullWidth,
        Self::BrokenLabels,
        Self::PageMarkers,
        Self::OneLine,
        Self::PdfLayout,
        Self::ReadingOrder,
        Self::TabMerged,
        Self::MarkdownGroups,
        Self::Pre2019,
    ];

    /// The name used on the command line, in file names and in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Self::Tab => "tab",
            Self::HalfWidth => "half-width",
            Self::Spaces => "spaces",
            Self::CellPerLine => "cell-per-line",
            Self::Markdown => "markdown",
            Self::Pipes => "pipes",
            Self::RunTogether => "run-together",
            Self::CrlfBom => "crlf-bom",
            Self::Gb18030 => "gb18030",
            Self::FullWidth => "full-width",
            Self::BrokenLabels => "broken-labels",
            Self::PageMarkers => "page-markers",
            Self::OneLine => "one-line",
            Self::PdfLayout => "pdf-layout",
            Self::ReadingOrder => "reading-order",
            Self::TabMerged => "tab-merged",
            Self::MarkdownGroups => "markdown-groups",
            Self::Pre2019 => "pre-2019",
        }
    }

    pub fn parse(name: &str) -> Option<Layout> {
        Self::EVERY.into_iter().find(|layout| layout.name() == name)
    }

    /// Whether the layout prints the template's tables (every one but [`Layout::Pre2019`]).
    pub fn has_template_tables(self) -> bool {
        self != Self::Pre2019
    }

    /// Whether a blank cell can be printed at all: PDF text and glued digits lose empty cells.
    pub fn shows_blank_cells(self) -> bool {
        !matches!(self, Self::PdfLayout | Self::ReadingOrder)
            && !matches!(self.style().grid, Grid::Spaces | Grid::RunTogether)
    }

    /// Whether the title is a line of its own; in a one-line dump nothing shows where it ends.
    pub fn has_title_line(self) -> bool {
        !self.style().one_line
    }

    /// Whether a negative number can be printed without merging into its neighbours.
    pub fn separates_cells(self) -> bool {
        self.style().grid != Grid::RunTogether
    }

    fn style(self) -> Style {
        let base = Style {
            grid: Grid::Tab,
            merged: false,
            half_width: false,
            broken_labels: false,
            page_markers: false,
            one_line: false,
            full_width: false,
            crlf: false,
            encoding: Encoding::Utf8,
        };
        match self {
            Self::Tab => base,
            Self::HalfWidth => Style {
                half_width: true,
                ..base
            },
            Self::Spaces => Style {
                grid: Grid::Spaces,
                ..base
            },
            Self::CellPerLine => Style {
                grid: Grid::CellPerLine,
                half_width: true,
                ..base
            },
            Self::Markdown => Style {
                grid: Grid::Markdown,
                ..base
            },
            Self::Pipes => Style {
                grid: Grid::Pipes,
                half_width: true,
                ..base
            },
            Self::RunTogether => Style {
                grid: Grid::RunTogether,
                ..base
            },
            Self::CrlfBom => Style {
                crlf: true,
                encoding: Encoding::Utf8Bom,
                ..base
            },
            Self::Gb18030 => Style {
                encoding: Encoding::Gb18030,
                ..base
            },
            Self::FullWidth => Style {
                grid: Grid::Pipes,
                full_width: true,
                ..base
            },
            Self::BrokenLabels => Style {
                broken_labels: true,
                ..base
            },
            Self::PageMarkers => Style {
                grid: Grid::Spaces,
                page_markers: true,
                ..base
            },
            Self::OneLine => Style {
                grid: Grid::RunTogether,
                one_line: true,
                ..base
            },
            Self::TabMerged => Style {
                merged: true,
                ..base
            },
            // Rendered by their own modules; the style only answers the questions above.
            Self::PdfLayout | Self::ReadingOrder => Style {
                grid: Grid::Spaces,
                ..base
            },
            Self::MarkdownGroups => Style {
                grid: Grid::Markdown,
                ..base
            },
            // Half of them a one-line dump: nothing shows where the title ends.
            Self::Pre2019 => Style {
                one_line: true,
                ..base
            },
        }
    }
}

/// How the file's bytes encode its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf8Bom => "utf-8-bom",
            Self::Gb18030 => "gb18030",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grid {
    Tab,
    Spaces,
    CellPerLine,
    Markdown,
    Pipes,
    RunTogether,
}

#[derive(Clone, Copy, Debug)]
struct Style {
    grid: Grid,
    /// Word's merged cells: an empty column inside Table 2's three-value rows, `1、` numbering,
    /// Table 4 under a two-row header.
    merged: bool,
    half_width: bool,
    broken_labels: bool,
    page_markers: bool,
    one_line: bool,
    full_width: bool,
    crlf: bool,
    encoding: Encoding,
}

/// A rendered report file.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The file's bytes, BOM and encoding included.
    pub bytes: Vec<u8>,
    /// The text the bytes decode to (BOM removed, CRLF kept).
    pub text: String,
    pub layout: Layout,
    pub encoding: Encoding,
    /// The 1-based line of every anchored item, first occurrence first.
    pub anchors: Vec<(Anchor, u32)>,
    /// Deviations the layout forced (e.g. a glued row printed with spaces because its split
    /// would have been ambiguous).
    pub notes: Vec<String>,
}

impl Rendered {
    /// The 1-based line holding `anchor` (first occurrence).
    pub fn line_of(&self, anchor: Anchor) -> Option<u32> {
        self.anchors
            .iter()
            .find(|(candidate, _)| *candidate == anchor)
            .map(|&(_, line)| line)
    }
}

/// One table cell as a grid prints it.
#[derive(Clone, Debug)]
struct Cell {
    text: String,
    anchor: Option<Anchor>,
    /// A value slot (as opposed to a label or header).
    value: bool,
}

impl Cell {
    fn label(text: String, anchor: Option<Anchor>) -> Self {
        Self {
            text,
            anchor,
            value: false,
        }
    }

    fn value(value: Val, anchor: Anchor) -> Self {
        Self {
            text: value.text(),
            anchor: Some(anchor),
            value: true,
        }
    }
}

/// A table row in the tab grid's shape: `lead` empty cells, labels, `mid` empty cells, values,
/// `trail` empty cells. Other grids drop the structural empty cells.
#[derive(Clone, Debug, Default)]
struct Row {
    lead: usize,
    labels: Vec<Cell>,
    mid: usize,
    values: Vec<Cell>,
    trail: usize,
    /// Label columns of a Markdown table (rows with fewer labels are padded).
    label_width: usize,
    /// For glued digits: which identity recovers the split.
    check: Check,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Check {
    /// No identity: the glued string must have exactly one split.
    #[default]
    None,
    /// Six parts and their total (H01).
    RowTotal,
    /// Three blocks of four parts and a total (H04–H06).
    Blocks,
}

struct Writer {
    style: Style,
    out: String,
    line: u32,
    lines_on_page: u32,
    page: u32,
    anchors: Vec<(Anchor, u32)>,
    /// `(line, note)`.
    notes: Vec<(u32, String)>,
    ascii_page_markers: bool,
}

const PAGE_LINES: u32 = 40;

impl Writer {
    fn mark(&mut self, anchor: Anchor) {
        if !self
            .anchors
            .iter()
            .any(|(candidate, _)| *candidate == anchor)
        {
            self.anchors.push((anchor, self.line));
        }
    }

    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.line += 1;
        self.lines_on_page += 1;
        if self.style.page_markers && self.lines_on_page >= PAGE_LINES {
            self.page += 1;
            self.lines_on_page = 0;
            let marker = if self.ascii_page_markers {
                format!("- {} -\n", self.page)
            } else {
                format!("— {} —\n", self.page)
            };
            self.out.push_str(&marker);
            self.line += 1;
        }
    }

    fn line(&mut self, text: &str) {
        self.push(text);
        self.newline();
    }

    fn cells_line(&mut self, cells: &[Cell]) {
        if self.style.grid == Grid::CellPerLine {
            for cell in cells {
                if let Some(anchor) = cell.anchor {
                    self.mark(anchor);
                }
                if cell.text.is_empty() {
                    self.line("|");
                } else {
                    let text = format!("{} |", cell.text);
                    self.line(&text);
                }
            }
            return;
        }
        for cell in cells {
            if let Some(anchor) = cell.anchor {
                self.mark(anchor);
            }
        }
        let text = match self.style.grid {
            Grid::Spaces => spaced(cells),
            Grid::Markdown => {
                let inner: Vec<&str> = cells.iter().map(|cell| cell.text.as_str()).collect();
                format!("| {} |", inner.join(" | "))
            }
            Grid::Pipes => piped(cells),
            Grid::RunTogether => cells.iter().map(|cell| cell.text.as_str()).collect(),
            Grid::Tab | Grid::CellPerLine => cells
                .iter()
                .map(|cell| cell.text.as_str())
                .collect::<Vec<_>>()
                .join("\t"),
        };
        self.line(&text);
    }

    /// Writes a data row in the grid's shape.
    fn row(&mut self, row: &Row) {
        let empty = || Cell::label(String::new(), None);
        match self.style.grid {
            Grid::Tab => {
                let mut cells: Vec<Cell> = (0..row.lead).map(|_| empty()).collect();
                cells.extend(row.labels.iter().cloned());
                cells.extend((0..row.mid).map(|_| empty()));
                cells.extend(row.values.iter().cloned());
                cells.extend((0..row.trail).map(|_| empty()));
                if self.style.broken_labels {
                    self.broken_tab_row(cells);
                } else {
                    self.cells_line(&cells);
                }
            }
            Grid::RunTogether => {
                let mut text: String = row.labels.iter().map(|cell| cell.text.as_str()).collect();
                for cell in &row.labels {
                    if let Some(anchor) = cell.anchor {
                        self.mark(anchor);
                    }
                }
                for cell in &row.values {
                    if let Some(anchor) = cell.anchor {
                        self.mark(anchor);
                    }
                }
                let numbers: Option<Vec<i64>> = row
                    .values
                    .iter()
                    .map(|cell| cell.text.parse::<i64>().ok().filter(|&value| value >= 0))
                    .collect();
                let glued = row.values.len() == 1
                    || numbers.is_some_and(|numbers| splits(&numbers, row.check) == 1);
                let values: Vec<&str> = row.values.iter().map(|cell| cell.text.as_str()).collect();
                if glued {
                    text.push_str(&values.concat());
                } else {
                    let label = row
                        .labels
                        .last()
                        .map_or_else(|| "the Table 4 row".to_owned(), |cell| cell.text.clone());
                    self.notes.push((
                        self.line,
                        format!("{label} printed with spaces, its glued digits would not split back uniquely"),
                    ));
                    text.push_str(&values.join(" "));
                }
                self.line(&text);
            }
            _ => {
                let mut cells = row.labels.clone();
                if self.style.grid == Grid::Markdown {
                    // A Markdown table keeps its column count: pad the label columns.
                    let width = row.label_width.saturating_sub(cells.len());
                    let pads = (0..width).map(|_| empty());
                    if row.lead > 0 {
                        cells.splice(0..0, pads);
                    } else {
                        cells.extend(pads);
                    }
                }
                cells.extend(row.values.iter().cloned());
                self.cells_line(&cells);
            }
        }
    }

    /// A tab row whose longest label holds a line break: the label's first half ends the first
    /// line; its second half starts the next one, followed by the remaining cells.
    fn broken_tab_row(&mut self, cells: Vec<Cell>) {
        let longest = cells
            .iter()
            .enumerate()
            .filter(|(_, cell)| !cell.value && cell.text.chars().count() > 18)
            .max_by_key(|(_, cell)| cell.text.chars().count())
            .map(|(position, _)| position);
        let Some(position) = longest else {
            self.cells_line(&cells);
            return;
        };
        let (before, rest) = cells.split_at(position);
        let Some((label, after)) = rest.split_first() else {
            self.cells_line(&cells);
            return;
        };
        let half = label.text.chars().count() / 2;
        let cut = label
            .text
            .char_indices()
            .nth(half)
            .map_or(label.text.len(), |(offset, _)| offset);
        let (head, tail) = label.text.split_at(cut);
        let mut first = before.to_vec();
        first.push(Cell::label(head.to_owned(), label.anchor));
        self.cells_line(&first);
        let mut second = vec![Cell::label(tail.to_owned(), None)];
        second.extend(after.iter().cloned());
        self.cells_line(&second);
    }
}

/// PDF text: cells separated by at least two spaces, numbers right-aligned in narrow columns.
fn spaced(cells: &[Cell]) -> String {
    let mut out = String::new();
    for cell in cells.iter().filter(|cell| !cell.text.is_empty()) {
        if out.is_empty() {
            out.push_str(&cell.text);
        } else if cell.value {
            let width = cell.text.chars().count();
            out.push_str(&" ".repeat(2 + 4usize.saturating_sub(width)));
            out.push_str(&cell.text);
        } else {
            out.push_str("  ");
            out.push_str(&cell.text);
        }
    }
    out
}

/// `a | b | | c |`: every cell is followed by a bar; an empty cell is a bar alone.
fn piped(cells: &[Cell]) -> String {
    let tokens: Vec<String> = cells
        .iter()
        .map(|cell| {
            if cell.text.is_empty() {
                "|".to_owned()
            } else {
                format!("{} |", cell.text)
            }
        })
        .collect();
    tokens.join(" ")
}

/// How many ways the concatenated digits of `numbers` split into `numbers.len()` tokens (no
/// leading zeros) that satisfy `check`. Stops counting at 2.
fn splits(numbers: &[i64], check: Check) -> usize {
    let digits: String = numbers.iter().map(i64::to_string).collect();
    let mut tokens = Vec::with_capacity(numbers.len());
    count_splits(digits.as_bytes(), numbers.len(), check, &mut tokens)
}

fn count_splits(rest: &[u8], wanted: usize, check: Check, tokens: &mut Vec<i64>) -> usize {
    if tokens.len() == wanted {
        let ok = rest.is_empty()
            && match check {
                Check::None => true,
                Check::RowTotal => satisfies_blocks(tokens, 7),
                Check::Blocks => satisfies_blocks(tokens, 5),
            };
        return usize::from(ok);
    }
    // Prune: in block mode, a completed block must already add up.
    if check == Check::Blocks && tokens.len() % 5 == 0 {
        if let Some(&[a, b, c, d, total]) = tokens.last_chunk::<5>() {
            if a + b + c + d != total {
                return 0;
            }
        }
    }
    let remaining = wanted - tokens.len();
    if rest.len() < remaining {
        return 0;
    }
    let mut found = 0;
    let longest = if rest.first() == Some(&b'0') {
        1
    } else {
        (rest.len() - (remaining - 1)).min(12)
    };
    for length in 1..=longest {
        let (Some(head), Some(tail)) = (rest.get(..length), rest.get(length..)) else {
            break;
        };
        let Some(value) = std::str::from_utf8(head)
            .ok()
            .and_then(|text| text.parse::<i64>().ok())
        else {
            continue;
        };
        tokens.push(value);
        found += count_splits(tail, wanted, check, tokens);
        tokens.pop();
        if found >= 2 {
            return found;
        }
    }
    found
}

fn satisfies_blocks(tokens: &[i64], block: usize) -> bool {
    tokens.chunks(block).all(|chunk| match chunk.split_last() {
        Some((total, parts)) => parts.iter().sum::<i64>() == *total,
        None => true,
    })
}

/// Renders `report` in `layout`.
pub fn render(report: &GeneratedReport, layout: Layout) -> Rendered {
    match layout {
        Layout::PdfLayout | Layout::ReadingOrder => {
            return crate::render_extraction::render(report, layout);
        }
        Layout::MarkdownGroups => return crate::render_groups::render(report),
        Layout::Pre2019 => return crate::pre2019::render(report),
        _ => {}
    }
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

/// A label as printed: the fault's typo if it targets this label (then anchored), else the
/// template's wording.
pub(crate) fn printed_label(
    report: &GeneratedReport,
    template: &'static str,
) -> (&'static str, Option<Anchor>) {
    match report.edits.label {
        Some((original, typo)) if original == template => (typo, Some(Anchor::Label(template))),
        _ => (template, None),
    }
}

/// A label as printed, in the layout's bracket style.
fn label(report: &GeneratedReport, style: Style, template: &'static str) -> Cell {
    let (text, anchor) = printed_label(report, template);
    Cell::label(bracket_style(text, style.half_width), anchor)
}

/// The seed's half-width style: `(一) 予以公开`, `(区分处理的, 只计这一情形, …)`.
fn bracket_style(text: &str, half_width: bool) -> String {
    if !half_width {
        return text.to_owned();
    }
    let mut out = text
        .replace('（', "(")
        .replace('）', ")")
        .replace('，', ", ");
    // A leading numbering bracket `(一)` is followed by a space in the seed.
    if out.starts_with('(') {
        if let Some(close) = out.find(')') {
            let numbering = out.get(1..close).unwrap_or("");
            if numbering.chars().count() == 1 && close + 1 < out.len() {
                out.insert(close + 1, ' ');
            }
        }
    }
    out
}

fn table2(report: &GeneratedReport, writer: &mut Writer) {
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

/// `12077` as `12,077`.
pub(crate) fn with_thousands(value: i64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position) % 3 == 0 && digit.is_ascii_digit() {
            out.push(',');
        }
        out.push(digit);
    }
    out
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

pub(crate) const CHECK_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

fn table3(report: &GeneratedReport, writer: &mut Writer) {
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

fn table4(report: &GeneratedReport, writer: &mut Writer) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_splits_match_the_documented_examples() {
        // `layouts.md` §8: 平潭 2024's row has exactly one split satisfying H01.
        assert_eq!(splits(&[217, 1, 0, 0, 0, 0, 218], Check::RowTotal), 1);
        // The constructed ambiguous string `0250201037` splits two ways.
        assert_eq!(splits(&[0, 25, 0, 2, 0, 10, 37], Check::RowTotal), 2);
        // Table 4 `21317000001324019` is unique block by block.
        let table4 = [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19];
        assert_eq!(splits(&table4, Check::Blocks), 1);
        // Table 2's `693665` has no identity to choose with.
        assert_eq!(splits(&[69, 3, 665], Check::None), 2);
        assert_eq!(splits(&[0, 0, 0], Check::None), 1);
    }

    #[test]
    fn thousands_separators_group_by_three() {
        assert_eq!(with_thousands(12_077), "12,077");
        assert_eq!(with_thousands(1_234_567), "1,234,567");
        assert_eq!(with_thousands(100_000), "100,000");
    }

    #[test]
    fn half_width_style_follows_the_seed() {
        assert_eq!(bracket_style("（一）予以公开", true), "(一) 予以公开");
        assert_eq!(
            bracket_style(
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                true
            ),
            "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"
        );
        assert_eq!(
            bracket_style("第二十条第（一）项", true),
            "第二十条第(一)项"
        );
        assert_eq!(bracket_style("（一）予以公开", false), "（一）予以公开");
    }
}

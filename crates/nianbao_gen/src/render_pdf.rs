//! A report as a PDF, written directly: a CID font referenced by name with a `ToUnicode` map (no
//! font file needed to extract text), Identity-H for text and Identity-V for vertical labels,
//! table borders drawn as paths, `- N -` page footers, in several table styles ([`PdfStyle`]).
//!
//! Besides the bytes it writes the text a PDF reader must get back from them (the tab grid with
//! the reading rules of `nianbao_pdf`: wrapped lines joined, labels spanning rows as heading
//! lines, one TAB row per table row) with the line of every anchored item in that text and the
//! page it is printed on, so a fault's expected finding has both.

use crate::markup::{MergedCell, merge};
use crate::render::{Anchor, Layout, Rendered, render};
use crate::report::GeneratedReport;
use std::collections::HashMap;
use std::fmt::Write as _;

/// How tables are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PdfStyle {
    /// Stroked border lines, labels on as many lines as their cells need.
    Ruled,
    /// Narrow label columns: labels wrap over several lines; borders as thin filled rectangles.
    Wrapped,
    /// Labels spanning rows written vertically (an Identity-V font), as WPS exports them.
    Vertical,
    /// Table 3 cut by a page break inside a spanning label, its header repeated on the next
    /// page; spanning labels printed one character per line.
    PageBreak,
}

impl PdfStyle {
    pub const ALL: [PdfStyle; 4] = [Self::Ruled, Self::Wrapped, Self::Vertical, Self::PageBreak];

    pub fn name(self) -> &'static str {
        match self {
            Self::Ruled => "ruled",
            Self::Wrapped => "wrapped",
            Self::Vertical => "vertical",
            Self::PageBreak => "page-break",
        }
    }
}

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

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const LEFT: f32 = 60.0;
const RIGHT: f32 = 535.0;
const TOP: f32 = 72.0;
const BOTTOM: f32 = 740.0;
const BODY: f32 = 12.0;
const CELL: f32 = 9.0;
const PAD: f32 = 3.0;

fn advance(ch: char, size: f32) -> f32 {
    if ch.is_ascii() { size / 2.0 } else { size }
}

fn width(text: &str, size: f32) -> f32 {
    text.chars().map(|ch| advance(ch, size)).sum()
}

/// The text as a PDF reader gives it back: a space between two wide characters is not seen.
fn as_read(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &ch) in chars.iter().enumerate() {
        if ch == ' ' {
            let before = out.chars().last();
            let after = chars
                .get(index + 1..)
                .and_then(|rest| rest.iter().find(|c| **c != ' '));
            let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
            if wide(before.as_ref()) && wide(after) || out.ends_with(' ') || before.is_none() {
                continue;
            }
        }
        out.push(ch);
    }
    out.trim_end().to_owned()
}

/// `text` cut into lines no wider than `room`, breaking only between two wide characters (where
/// a reader joins lines without a separator); spaces at a break are not printed.
fn wrap(text: &str, size: f32, room: f32) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut used = 0.0;
        let mut end = start;
        while end < chars.len() && used + advance(chars[end], size) <= room + 0.01 {
            used += advance(chars[end], size);
            end += 1;
        }
        if end < chars.len() {
            let breakable = (start + 1..=end)
                .rev()
                .find(|&at| !chars[at - 1].is_ascii() && !chars[at].is_ascii());
            end = breakable.unwrap_or(end.max(start + 1));
        }
        lines.push(chars[start..end].iter().collect());
        start = end;
    }
    lines
}

/// Where and how a piece of text is drawn: from `(x, baseline)`, `gap` extra points between two
/// wide characters (justification); `vertical` down an Identity-V column whose centre is `x`.
#[derive(Clone, Copy, Default)]
struct Run {
    size: f32,
    x: f32,
    baseline: f32,
    bold: bool,
    gap: f32,
    vertical: bool,
}

/// One page's content stream, in page space with y down (converted when written).
#[derive(Default)]
struct Page {
    ops: String,
}

/// Fonts: F1 is Identity-H, F2 Identity-V, over one CID font whose CIDs are assigned here.
struct Writer {
    style: PdfStyle,
    pages: Vec<Page>,
    /// Index of the page drawn on (an earlier one while a cell cut by a page break is drawn).
    target: usize,
    y: f32,
    cids: HashMap<char, u16>,
    chars: Vec<char>,
    /// The text a reader must extract, and the 1-based line being written.
    text: String,
    line: u32,
    /// Tab-grid line → (extracted line, page).
    places: HashMap<u32, (u32, u32)>,
}

impl Writer {
    /// The page being drawn on.
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[self.target.min(last)]
    }

    fn page_number(&self) -> u32 {
        u32::try_from(self.pages.len().max(1)).unwrap_or(u32::MAX)
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.target = self.pages.len() - 1;
        self.y = TOP;
    }

    fn cid(&mut self, ch: char) -> u16 {
        if let Some(&cid) = self.cids.get(&ch) {
            return cid;
        }
        self.chars.push(ch);
        let cid = u16::try_from(self.chars.len()).unwrap_or(u16::MAX);
        self.cids.insert(ch, cid);
        cid
    }

    /// Draws `text` as `run` says.
    fn show(&mut self, text: &str, run: Run) {
        let Run {
            size,
            x,
            baseline,
            bold,
            gap,
            vertical,
        } = run;
        let mut hex = String::from("[<");
        let chars: Vec<char> = text.chars().collect();
        for (index, &ch) in chars.iter().enumerate() {
            if ch == ' ' {
                let _ = write!(hex, "> {} <", -500);
                continue;
            }
            let cid = self.cid(ch);
            let _ = write!(hex, "{cid:04X}");
            let next_wide = chars
                .get(index + 1)
                .is_some_and(|next| !next.is_ascii() && *next != ' ');
            if gap > 0.0 && !ch.is_ascii() && next_wide {
                let _ = write!(hex, "> {:.1} <", -gap * 1000.0 / size);
            }
        }
        hex.push_str(">] TJ");
        let (mode, font) = (
            if bold { "0.3 w 2 Tr" } else { "0 Tr" },
            if vertical { "F2" } else { "F1" },
        );
        let y = HEIGHT - baseline;
        let op = format!("BT {mode} /{font} {size:.1} Tf 1 0 0 1 {x:.2} {y:.2} Tm {hex} ET\n");
        self.page().ops.push_str(&op);
    }

    /// A border from `(x0, y0)` to `(x1, y1)`, stroked or as a thin filled rectangle.
    fn rule(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        let op = if self.style == PdfStyle::Wrapped {
            let (w, h) = ((x1 - x0).max(0.6), (y1 - y0).max(0.6));
            format!(
                "{:.2} {:.2} {w:.2} {h:.2} re f\n",
                x0 - 0.3,
                HEIGHT - y0 - h + 0.3
            )
        } else {
            format!(
                "0.5 w {x0:.2} {:.2} m {x1:.2} {:.2} l S\n",
                HEIGHT - y0,
                HEIGHT - y1
            )
        };
        self.page().ops.push_str(&op);
    }

    /// Ends an extracted-text line.
    fn end_line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
        self.line += 1;
    }

    /// A paragraph: wrapped and justified, its first line indented two characters (the title
    /// centred, bold). Headings and body alike: each is one extracted line.
    fn paragraph(&mut self, text: &str, tab_line: u32, title: bool) {
        let text = text.trim();
        let size = if title { 15.0 } else { BODY };
        let indent = if title { 0.0 } else { 2.0 * size };
        let room = RIGHT - LEFT;
        let mut lines = wrap(text, size, room - indent);
        if lines.len() > 1 {
            let rest: String = lines[1..].concat();
            lines.truncate(1);
            lines.extend(wrap(&rest, size, room));
        }
        let heading =
            !title && text.chars().count() < 24 && (text.contains('、') || text.starts_with('（'));
        for (index, line) in lines.iter().enumerate() {
            if self.y + size * 1.7 > BOTTOM {
                self.new_page();
            }
            if index == 0 {
                self.places
                    .insert(tab_line, (self.line, self.page_number()));
            }
            let baseline = self.y + size * 0.88;
            let used = width(line, size);
            let x = if title {
                (WIDTH - used) / 2.0
            } else if index == 0 {
                LEFT + indent
            } else {
                LEFT
            };
            let last = index + 1 == lines.len();
            let pairs = line
                .chars()
                .zip(line.chars().skip(1))
                .filter(|(a, b)| !a.is_ascii() && !b.is_ascii() && *b != ' ')
                .count();
            let gap = if last || pairs == 0 {
                0.0
            } else {
                (room - (x - LEFT) - used) / pairs as f32
            };
            let run = Run {
                size,
                x,
                baseline,
                bold: title || heading,
                gap: gap.max(0.0),
                vertical: false,
            };
            self.show(line, run);
            self.y += size * 1.7;
        }
        self.end_line(&as_read(text));
    }
}

/// A table laid out: column boundaries and each row's height.
struct Geometry {
    xs: Vec<f32>,
    heights: Vec<f32>,
}

fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '-' | ','))
}

/// Where a table's labels end: its first value column and its first row with a value.
#[derive(Clone, Copy)]
struct Shape {
    first_value: usize,
    header: usize,
}

impl Shape {
    fn of(rows: &[Vec<MergedCell>]) -> Shape {
        let columns = rows
            .iter()
            .flatten()
            .map(|cell| cell.column + cell.colspan)
            .max()
            .unwrap_or(1);
        Shape {
            first_value: rows
                .iter()
                .flatten()
                .filter(|cell| is_number(&cell.text))
                .map(|cell| cell.column)
                .min()
                .unwrap_or(columns),
            header: rows
                .iter()
                .take_while(|row| !row.iter().any(|cell| is_number(&cell.text)))
                .count(),
        }
    }

    /// Whether the cell of row `row` is a row label drawn vertically / one character per line.
    fn stacked(self, cell: &MergedCell, row: usize, style: PdfStyle) -> bool {
        matches!(style, PdfStyle::Vertical | PdfStyle::PageBreak)
            && cell.rowspan >= 3
            && row >= self.header
            && cell.column < self.first_value
            && !cell.text.is_empty()
    }
}

fn geometry(rows: &[Vec<MergedCell>], style: PdfStyle) -> Geometry {
    let columns = rows
        .iter()
        .flatten()
        .map(|cell| cell.column + cell.colspan)
        .max()
        .unwrap_or(1);
    let shape = Shape::of(rows);
    let first_value = shape.first_value;
    let value_width = 34.0;
    let values = columns.saturating_sub(first_value) as f32;
    let labels = first_value.max(1) as f32;
    let label_room = match style {
        PdfStyle::Wrapped => ((RIGHT - LEFT) - values * value_width).min(labels * 58.0),
        _ => (RIGHT - LEFT) - values * value_width,
    };
    let mut xs = vec![LEFT];
    for column in 0..columns {
        let step = if column < first_value {
            label_room / labels
        } else {
            value_width
        };
        xs.push(xs[column] + step);
    }
    let line = CELL * 1.25;
    let mut heights = vec![CELL + 2.0 * PAD + 8.0; rows.len()];
    let needed = |cell: &MergedCell, row: usize| -> f32 {
        let room = xs[cell.column + cell.colspan] - xs[cell.column] - 2.0 * PAD;
        if shape.stacked(cell, row, style) {
            as_read(&cell.text).chars().count() as f32 * CELL + 2.0 * PAD
        } else {
            wrap(&as_read(&cell.text), CELL, room).len() as f32 * line + 2.0 * PAD
        }
    };
    for (index, row) in rows.iter().enumerate() {
        for cell in row {
            let span = index + cell.rowspan;
            let have: f32 = heights[index..span.min(rows.len())].iter().sum();
            let want = needed(cell, index);
            if want > have {
                let last = span.min(rows.len()) - 1;
                heights[last] += want - have;
            }
        }
    }
    Geometry { xs, heights }
}

/// What a reader extracts from one cell.
fn read_cell(cell: &MergedCell) -> String {
    as_read(&cell.text)
}

fn table(
    writer: &mut Writer,
    rows: &[Vec<MergedCell>],
    tab_lines: &[u32],
    break_at: Option<usize>,
) {
    let style = writer.style;
    let geometry = geometry(rows, style);
    let shape = Shape::of(rows);
    let header = shape.header;
    // Row tops: flowing over pages; a break (forced, or where a row does not fit) repeats the
    // header in the page-break style.
    let mut tops: Vec<(u32, f32)> = Vec::with_capacity(rows.len());
    // Rows that start a page below a repeated header (whose bottom border closes them).
    let mut below_header: Vec<usize> = Vec::new();
    for (index, height) in geometry.heights.iter().enumerate() {
        let forced = break_at == Some(index);
        if forced || writer.y + height > BOTTOM {
            writer.new_page();
            if style == PdfStyle::PageBreak && index >= header {
                below_header.push(index);
                for (row, height) in geometry.heights.iter().enumerate().take(header) {
                    draw_row(writer, rows, &geometry, row, writer.y, *height, shape);
                    writer.y += height;
                }
            }
        }
        tops.push((writer.page_number(), writer.y));
        writer.y += height;
    }
    // Cells: text and borders, one part per page the cell covers.
    let bottom_of = |row: usize| tops[row].1 + geometry.heights[row];
    for (index, row) in rows.iter().enumerate() {
        for cell in row {
            let last = (index + cell.rowspan).min(rows.len()) - 1;
            let (x0, x1) = (
                geometry.xs[cell.column],
                geometry.xs[cell.column + cell.colspan],
            );
            // (page, top, bottom, top border drawn, bottom border drawn)
            let mut parts: Vec<(u32, f32, f32, bool, bool)> = Vec::new();
            for (part_row, &(page, top)) in tops.iter().enumerate().take(last + 1).skip(index) {
                let opens = part_row == index || below_header.contains(&part_row);
                match parts.last_mut() {
                    Some(part) if part.0 == page => part.2 = bottom_of(part_row),
                    _ => parts.push((page, top, bottom_of(part_row), opens, false)),
                }
            }
            if let Some(part) = parts.last_mut() {
                part.4 = true;
            }
            let stacked = shape.stacked(cell, index, style);
            let mut chars: Vec<char> = as_read(&cell.text).chars().collect();
            for &(page, top, bottom, opens, closed) in &parts {
                writer.target = page as usize - 1;
                if opens {
                    writer.rule(x0, top, x1, top);
                }
                if closed {
                    writer.rule(x0, bottom, x1, bottom);
                }
                writer.rule(x0, top, x0, bottom);
                writer.rule(x1, top, x1, bottom);
                let area = Area {
                    x0,
                    x1,
                    top,
                    bottom,
                };
                chars = draw_text(writer, &chars, area, stacked, is_number(&cell.text));
            }
            writer.target = writer.pages.len() - 1;
        }
    }
    // The extracted text: heading lines for labels spanning rows, then the row.
    for (index, row) in rows.iter().enumerate() {
        let headings: Vec<&MergedCell> = row
            .iter()
            .filter(|cell| cell.rowspan > 1 && !cell.text.is_empty() && !is_number(&cell.text))
            .collect();
        for cell in &headings {
            writer.end_line(&read_cell(cell));
        }
        let cells: Vec<String> = row
            .iter()
            .filter(|cell| !headings.contains(cell))
            .map(read_cell)
            .collect();
        if let Some(&tab_line) = tab_lines.get(index) {
            writer.places.insert(tab_line, (writer.line, tops[index].0));
        }
        if cells.iter().any(|text| !text.is_empty()) {
            writer.end_line(&cells.join("\t"));
        }
    }
}

/// Draws the header row `row` again at `top` on the current page.
fn draw_row(
    writer: &mut Writer,
    rows: &[Vec<MergedCell>],
    geometry: &Geometry,
    row: usize,
    top: f32,
    height: f32,
    shape: Shape,
) {
    for cell in &rows[row] {
        let (x0, x1) = (
            geometry.xs[cell.column],
            geometry.xs[cell.column + cell.colspan],
        );
        let bottom = top
            + geometry.heights[row..(row + cell.rowspan).min(rows.len())]
                .iter()
                .sum::<f32>()
                .max(height);
        writer.rule(x0, top, x1, top);
        writer.rule(x0, bottom, x1, bottom);
        writer.rule(x0, top, x0, bottom);
        writer.rule(x1, top, x1, bottom);
        let chars: Vec<char> = as_read(&cell.text).chars().collect();
        let stacked = shape.stacked(cell, row, writer.style);
        draw_text(
            writer,
            &chars,
            Area {
                x0,
                x1,
                top,
                bottom,
            },
            stacked,
            false,
        );
    }
}

/// A cell's part on one page.
#[derive(Clone, Copy)]
struct Area {
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
}

/// Draws as much of `chars` as fits in the box; returns what did not fit (continued on the next
/// part of a cell cut by a page break).
fn draw_text(
    writer: &mut Writer,
    chars: &[char],
    area: Area,
    stacked: bool,
    number: bool,
) -> Vec<char> {
    let Area {
        x0,
        x1,
        top,
        bottom,
    } = area;
    let room = (bottom - top - 2.0 * PAD).max(0.0);
    if stacked {
        let fits = ((room / CELL).floor() as usize).min(chars.len());
        let centre = (x0 + x1) / 2.0;
        for (index, ch) in chars[..fits].iter().enumerate() {
            let y = top + PAD + index as f32 * CELL;
            if writer.style == PdfStyle::Vertical {
                // Identity-V: the glyph's vertical origin is the top centre of its box.
                let run = Run {
                    size: CELL,
                    x: centre,
                    baseline: y,
                    vertical: true,
                    ..Run::default()
                };
                writer.show(&ch.to_string(), run);
            } else {
                let w = advance(*ch, CELL);
                let run = Run {
                    size: CELL,
                    x: centre - w / 2.0,
                    baseline: y + CELL * 0.88,
                    ..Run::default()
                };
                writer.show(&ch.to_string(), run);
            }
        }
        return chars[fits..].to_vec();
    }
    let text: String = chars.iter().collect();
    let lines = wrap(&text, CELL, x1 - x0 - 2.0 * PAD);
    let line_height = CELL * 1.25;
    let fits = (((room + 0.01) / line_height).floor() as usize).min(lines.len());
    for (index, line) in lines[..fits].iter().enumerate() {
        let used = width(line, CELL);
        let x = if number { x1 - PAD - used } else { x0 + PAD };
        let run = Run {
            size: CELL,
            x,
            baseline: top + PAD + index as f32 * line_height + CELL * 0.88,
            ..Run::default()
        };
        writer.show(line, run);
    }
    lines[fits..].concat().chars().collect()
}

/// The row of Table 3 before which the page-break style cuts the page: one or two rows into a
/// label spanning three or more rows, so that the label itself is cut (`（四）无` / `法提供`).
fn break_row(rows: &[Vec<MergedCell>], salt: u64) -> Option<usize> {
    let shape = Shape::of(rows);
    let starts: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(index, row)| {
            row.iter()
                .any(|cell| shape.stacked(cell, *index, PdfStyle::PageBreak) && cell.column > 0)
        })
        .map(|(index, _)| index)
        .collect();
    let count = u64::try_from(starts.len())
        .ok()
        .filter(|count| *count > 0)?;
    let start = starts.get(usize::try_from(salt % count).ok()?)?;
    Some(start + 1 + usize::from(salt / count % 2 == 1))
}

/// The document's objects in order, page objects last.
fn serialize(writer: &Writer) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let pages = writer.pages.len();
    let kids: Vec<String> = (0..pages)
        .map(|page| format!("{} 0 R", 8 + 2 * page))
        .collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
    );
    for encoding in ["Identity-H", "Identity-V"] {
        objects.push(format!("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /{encoding} /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>").into_bytes());
    }
    let mut widths = String::new();
    for (index, ch) in writer.chars.iter().enumerate() {
        if ch.is_ascii() {
            let _ = write!(widths, "{} [500] ", index + 1);
        }
    }
    objects.push(format!("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /W [{widths}] /CIDToGIDMap /Identity >>").into_bytes());
    objects.push(b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>".to_vec());
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    for chunk in writer.chars.chunks(100).enumerate() {
        let (start, chars) = chunk;
        let _ = writeln!(cmap, "{} beginbfchar", chars.len());
        for (offset, ch) in chars.iter().enumerate() {
            let mut units = [0u16; 2];
            let hex: String = ch
                .encode_utf16(&mut units)
                .iter()
                .map(|unit| format!("{unit:04X}"))
                .collect();
            let _ = writeln!(cmap, "<{:04X}> <{hex}>", start * 100 + offset + 1);
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    objects.push(stream(cmap.as_bytes()));
    for (index, page) in writer.pages.iter().enumerate() {
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>", 9 + 2 * index).into_bytes());
        objects.push(stream(page.ops.as_bytes()));
    }
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let _ = write!(
        ByteWriter(&mut out),
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    );
    for offset in offsets {
        let _ = writeln!(ByteWriter(&mut out), "{offset:010} 00000 n ");
    }
    let _ = write!(
        ByteWriter(&mut out),
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out
}

struct ByteWriter<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for ByteWriter<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

fn stream(data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
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

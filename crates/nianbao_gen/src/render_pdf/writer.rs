//! The page writer: text runs and rules drawn on pages, and the text a reader must get back
//! with the page and line of every tab-grid line.

use super::metrics::{BODY, BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, as_read, width, wrap};
use super::style::PdfStyle;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Where and how a piece of text is drawn: from `(x, baseline)`, `gap` extra points between two
/// wide characters (justification); `vertical` down an Identity-V column whose centre is `x`.
#[derive(Clone, Copy, Default)]
pub(super) struct Run {
    pub(super) size: f32,
    pub(super) x: f32,
    pub(super) baseline: f32,
    pub(super) bold: bool,
    pub(super) gap: f32,
    pub(super) vertical: bool,
}

/// One page's content stream, in page space with y down (converted when written).
#[derive(Default)]
pub(super) struct Page {
    pub(super) ops: String,
}

/// Fonts: F1 is Identity-H, F2 Identity-V, over one CID font whose CIDs are assigned here.
pub(super) struct Writer {
    pub(super) style: PdfStyle,
    pub(super) pages: Vec<Page>,
    /// Index of the page drawn on (an earlier one while a cell cut by a page break is drawn).
    pub(super) target: usize,
    pub(super) y: f32,
    pub(super) cids: HashMap<char, u16>,
    pub(super) chars: Vec<char>,
    /// The text a reader must extract, and the 1-based line being written.
    pub(super) text: String,
    pub(super) line: u32,
    /// Tab-grid line → (extracted line, page).
    pub(super) places: HashMap<u32, (u32, u32)>,
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

    pub(super) fn page_number(&self) -> u32 {
        u32::try_from(self.pages.len().max(1)).unwrap_or(u32::MAX)
    }

    pub(super) fn new_page(&mut self) {
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
    pub(super) fn show(&mut self, text: &str, run: Run) {
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
    pub(super) fn rule(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
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
    pub(super) fn end_line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
        self.line += 1;
    }

    /// A paragraph: wrapped and justified, its first line indented two characters (the title
    /// centred, bold). Headings and body alike: each is one extracted line.
    pub(super) fn paragraph(&mut self, text: &str, tab_line: u32, title: bool) {
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

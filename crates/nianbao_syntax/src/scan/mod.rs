//! Table cells from source text: separators, placeholders and numeric tokens.
//!
//! A value region (the text between a row label and the next label) is cut into slots at TAB,
//! `|`, runs of two or more spaces, line breaks, and single spaces between numbers. Blank slots
//! are kept where the separators show an empty cell, because a blank cell is not a zero.
//! Lines are classified in `lines`, a cell's text cut in `words`, and a word read in `number`;
//! `plain_line` cuts the lines of bare numbers and header phrases most rows are, faster, to the
//! same slots, and `spaced_line` the header lines of layout text.

mod lines;
mod number;
mod plain_line;
mod spaced_line;
mod words;

pub(crate) use lines::{is_page_marker, trim};
pub(crate) use number::{classify, digit};

use lines::is_layout_line;
use nianbao_model::Value;
use nianbao_source::Span;
use number::plain_number;
use plain_line::scan_plain_line;
use words::scan_segment;

/// One cell candidate in a value region.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Slot {
    pub span: Span,
    pub value: Value,
    /// Unseparated decimal digits of length ≥ 2: the slot may hold several glued cells.
    pub glued: bool,
}

impl Slot {
    pub fn is_blank(&self) -> bool {
        matches!(self.value, Value::Blank)
    }

    pub fn is_value(&self) -> bool {
        !matches!(self.value, Value::Text)
    }
}

/// Cuts `source[start..end]` into slots, appending to `out`. The region is bounded by labels: the
/// partial cells at its two ends belong to them and are dropped when empty.
pub(crate) fn slots(source: &str, start: usize, end: usize, out: &mut Vec<Slot>) {
    let Some(region) = source.get(start..end) else {
        return;
    };
    let mut line_start = start;
    // Whether the last printed cell is still open: a lone `|` line then closes it (a separator
    // on its own line) instead of being a blank cell. The label's cell starts open.
    let mut open = true;
    let mut rest = region;
    let mut first = true;
    loop {
        let newline = memchr::memchr(b'\n', rest.as_bytes());
        let last = newline.is_none();
        let raw_line = rest.get(..newline.unwrap_or(rest.len())).unwrap_or("");
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let trimmed = trim(line);
        let is_pipe = trimmed == "|" || trimmed == "｜";
        if is_pipe && open {
            open = false;
        } else if !trimmed.is_empty() && !is_layout_line(trimmed) {
            if !scan_plain_line(line, line_start, first, last, out) {
                scan_line(line, trimmed, line_start, first, last, out);
            }
            open = !trimmed.ends_with(['|', '｜']);
        }
        let Some(newline) = newline else {
            break;
        };
        line_start += newline + 1;
        rest = rest.get(newline + 1..).unwrap_or("");
        first = false;
    }
}

/// The cell separators of `line` (`\t`, `|`, `｜`) with their byte offsets. A plain byte loop:
/// grid rows put a separator every few bytes, where a vector search pays its set-up per match.
fn separators(line: &str) -> Separators<'_> {
    Separators {
        bytes: line.as_bytes(),
        at: 0,
    }
}

/// The first bytes of the separators: `\t`, `|` and the lead byte of `｜`.
static SEPARATOR_LEADS: [bool; 256] = {
    let mut leads = [false; 256];
    leads[b'\t' as usize] = true;
    leads[b'|' as usize] = true;
    leads[0xEF] = true;
    leads
};

struct Separators<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for Separators<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            // One table load a byte: the bytes a separator starts with.
            let offset = self
                .bytes
                .get(self.at..)?
                .iter()
                .position(|&byte| SEPARATOR_LEADS[usize::from(byte)])?;
            let at = self.at + offset;
            self.at = at + 1;
            match self.bytes.get(at) {
                Some(b'\t') => return Some((at, '\t')),
                Some(b'|') => return Some((at, '|')),
                Some(0xEF) if self.bytes.get(at + 1..at + 3) == Some(&[0xBD, 0x9C]) => {
                    self.at += 2;
                    return Some((at, '｜'));
                }
                _ => {}
            }
        }
    }
}

/// Whether `line` holds a bar, `|` or `｜` (EF BD 9C).
fn has_bar(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr(b'|', bytes).is_some()
        || memchr::memchr_iter(0xEF, bytes)
            .any(|at| bytes.get(at + 1..at + 3) == Some(&[0xBD, 0x9C]))
}

/// Cuts one line into slots; `trimmed` is the line trimmed, neither empty nor a page marker nor a
/// Markdown rule.
fn scan_line(line: &str, trimmed: &str, base: usize, first: bool, last: bool, out: &mut Vec<Slot>) {
    // A lone `|` line after a closed cell is a blank cell (one cell per line).
    if trimmed == "|" || trimmed == "｜" {
        let at = base + (line.len() - line.trim_start().len());
        out.push(blank(at));
        return;
    }
    if trimmed.chars().all(|c| c == '|' || c == '｜') {
        // Filler `||`, `|||`.
        return;
    }
    // Layout text (spaces between columns, one cell per line) has no separator: one vector
    // search for their first bytes spares the byte loop over the line and the search for bars.
    if memchr::memchr3(b'\t', b'|', 0xEF, line.as_bytes()).is_none() {
        let segment = Segment {
            from: 0,
            to: line.len(),
            before: None,
            after: None,
            index: 0,
        };
        scan_cell(line, base, segment, first, last, false, out);
        return;
    }
    let piped = has_bar(line);
    let mut segment_start = 0;
    let mut before: Option<char> = None;
    let mut index = 0;
    for (offset, c) in separators(line) {
        let segment = Segment {
            from: segment_start,
            to: offset,
            before,
            after: Some(c),
            index,
        };
        scan_cell(line, base, segment, first, last, piped, out);
        before = Some(c);
        segment_start = offset + c.len_utf8();
        index += 1;
    }
    let segment = Segment {
        from: segment_start,
        to: line.len(),
        before,
        after: None,
        index,
    };
    scan_cell(line, base, segment, first, last, piped, out);
}

/// One stretch of a line between separators, with the separators that bound it.
#[derive(Clone, Copy)]
struct Segment {
    from: usize,
    to: usize,
    before: Option<char>,
    after: Option<char>,
    index: usize,
}

fn scan_cell(
    line: &str,
    base: usize,
    segment: Segment,
    first: bool,
    last: bool,
    piped: bool,
    out: &mut Vec<Slot>,
) {
    let text = line.get(segment.from..segment.to).unwrap_or("");
    // Most grid cells are a bare number, padded with spaces between bars (`| 0 |`): read it
    // without the segment machinery, which would cut the same one part out of the padding.
    let (padding, number) = match text.as_bytes() {
        [b' ', ..] | [.., b' '] => {
            let number = text.trim_start_matches(' ');
            (text.len() - number.len(), number.trim_end_matches(' '))
        }
        _ => (0, text),
    };
    if let Some(plain) = plain_number(number) {
        let start = base + segment.from + padding;
        out.push(Slot {
            span: Span::from_range(start..start + number.len()),
            value: Value::Number(plain.value),
            glued: plain.digits >= 2,
        });
        return;
    }
    // Not all whitespace (what trimming it to nothing would say, read from its first end).
    if text.chars().any(|c| !c.is_whitespace()) {
        let grid_cell = segment.before.is_some() || segment.after.is_some();
        scan_segment(text, base + segment.from, grid_cell, out);
        return;
    }
    // The partial cells at the ends of a region belong to the neighbouring labels, and the outer
    // ends of a pipe row are not cells.
    let outer_first = segment.index == 0 && (first || piped);
    let outer_last = segment.after.is_none() && (last || piped);
    if outer_first || outer_last {
        return;
    }
    let between_pipes =
        segment.before.is_some_and(|c| c != '\t') && segment.after.is_some_and(|c| c != '\t');
    if piped && between_pipes && text.is_empty() {
        return;
    }
    out.push(blank(base + segment.from));
}

fn blank(at: usize) -> Slot {
    Slot {
        span: Span::from_range(at..at),
        value: Value::Blank,
        glued: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<Value> {
        let mut out = Vec::new();
        slots(text, 0, text.len(), &mut out);
        out.iter().map(|slot| slot.value).collect()
    }

    #[test]
    fn keeps_blank_cells_shown_by_separators() {
        use Value::{Blank, Number};
        assert_eq!(values("⇥".replace('⇥', "\t").as_str()), Vec::<Value>::new());
        assert_eq!(
            values("\t\t81\t0\t\n"),
            [Blank, Number(81), Number(0), Blank]
        );
        assert_eq!(
            values(" | 0 | | | 0 |"),
            [Number(0), Blank, Blank, Number(0)]
        );
        assert_eq!(values(" |\n|\n|\n0 |\n||\n"), [Blank, Blank, Number(0)]);
        // Separators on lines of their own: `规范性文件` / `|` / `0` / `|` …
        assert_eq!(
            values("\n|\n0\n|\n8\n|\n18\n|\n"),
            [Number(0), Number(8), Number(18)]
        );
        assert_eq!(
            values(" 0 1  2\n— 4 —\n3"),
            [Number(0), Number(1), Number(2), Number(3)]
        );
        assert_eq!(values("|---|---|\n| 3 | 0 |"), [Number(3), Number(0)]);
    }

    #[test]
    fn bars_are_found() {
        assert!(has_bar("a | b") && has_bar("a｜b") && !has_bar("a－b ｛｝"));
    }

    #[test]
    fn generic_headers_of_converted_tables_are_text() {
        use Value::{Number, Text};
        assert_eq!(
            values("\n| 数据1 | 数据 2 | 数据3 |\n|---|---|---|\n| 21 | 0 | 21 |\n"),
            [Text, Text, Text, Number(21), Number(0), Number(21)]
        );
    }

    #[test]
    fn splits_text_from_trailing_digits() {
        let text = "结果 维持总计10203";
        let mut out = Vec::new();
        slots(text, 0, text.len(), &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].value, Value::Text);
        assert_eq!(out[1].span.slice(text), "10203");
        assert!(out[1].glued);
    }
}

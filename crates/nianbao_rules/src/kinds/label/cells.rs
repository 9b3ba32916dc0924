//! A table's text split into cells, as PDF and plain-text tables print them: separated by
//! tabs, pipes, line breaks or runs of two or more spaces; a single space stays inside a cell
//! (`结果 维持`). Only the cells without a digit are wanted (a header is words), which lets the
//! rows of numbers be passed over whole.

use crate::utf8::{whitespace_at, width};
use std::ops::Range;

/// A cell without a digit, with what its bytes told on the way: enough for short words to be
/// passed over without looking at their text again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Cell {
    /// Its bytes in the text, from its first character to its last (no spaces around it).
    pub range: Range<usize>,
    /// Its characters other than whitespace (the single spaces inside it, and any other).
    pub chars: usize,
}

/// Per byte of the text: the width of the character it leads, and whether it is an ASCII
/// digit; [`STOP`] for the bytes a cell may end at or that need a closer look — separators,
/// spaces, the lead bytes of U+3000 (`E3`) and of the full-width digits (`EF`), and those of the
/// other whitespace (`0B`, `0C`, `C2`, `E1`, `E2`), which is no character of the cell's.
static CELL_BYTES: [u8; 256] = {
    let mut table = [0_u8; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            b'\t' | b'|' | b'\n' | b'\r' | b' ' | 0xE3 | 0xEF => STOP,
            0x0B | 0x0C | 0xC2 | 0xE1 | 0xE2 => STOP,
            b'0'..=b'9' => DIGIT | 1,
            lead => width(lead),
        };
        byte += 1;
    }
    table
};
const STOP: u8 = 0x80;
const DIGIT: u8 = 0x40;
const WIDTH: u8 = 0x07;

/// The cell being read.
#[derive(Default)]
struct Open {
    start: Option<usize>,
    end: usize,
    /// Whether it holds a digit of either width (it is then not handed on).
    digit: bool,
    chars: usize,
}

impl Open {
    /// Hands the cell to `each`, if one was started and holds no digit, and starts afresh.
    fn close(&mut self, each: &mut impl FnMut(Cell)) {
        if let Some(start) = self.start.take() {
            if !self.digit {
                each(Cell {
                    range: start..self.end,
                    chars: self.chars,
                });
            }
        }
        self.digit = false;
        self.chars = 0;
    }
}

/// Every cell of `text` without a digit, in order. The text is stepped through a character at a
/// time by lead byte; only separators, spaces and the lead bytes `E3` and `EF` are looked at
/// closer. Between cells, whole lines of numbers are passed over ([`past_numbers`]).
pub(super) fn word_cells(text: &str, mut each: impl FnMut(Cell)) {
    let bytes = text.as_bytes();
    let mut cell = Open::default();
    // Whether the last thing read was one space inside a cell.
    let mut spaced = false;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let next = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
        let space = match byte {
            b'\t' | b'|' | b'\n' | b'\r' => None,
            b' ' => Some(1),
            0xE3 if next(1) == 0x80 && next(2) == 0x80 => Some(3),
            _ => {
                // Text: this character and the plain ones after it.
                cell.start.get_or_insert(at);
                let mut class = CELL_BYTES[usize::from(byte)];
                if class & STOP != 0 {
                    // Not a space: other whitespace, a full-width digit or other text.
                    match whitespace_at(bytes, at) {
                        Some(width) => at += width,
                        None => {
                            cell.digit |= byte == 0xEF
                                && next(1) == 0xBC
                                && (0x90..=0x99).contains(&next(2));
                            cell.chars += 1;
                            at += usize::from(width(byte));
                        }
                    }
                    class = bytes.get(at).map_or(STOP, |&byte| CELL_BYTES[usize::from(byte)]);
                }
                // The classes of the plain characters OR-ed together: whether one is a digit is
                // asked once, after the run.
                let mut seen = 0;
                let mut chars = 0;
                while class & STOP == 0 {
                    seen |= class;
                    chars += 1;
                    at += usize::from(class & WIDTH);
                    class = bytes.get(at).map_or(STOP, |&byte| CELL_BYTES[usize::from(byte)]);
                }
                cell.digit |= seen & DIGIT != 0;
                cell.chars += chars;
                cell.end = at;
                spaced = false;
                continue;
            }
        };
        match space {
            Some(width) if !spaced => {
                spaced = true;
                at += width;
            }
            _ => {
                cell.close(&mut each);
                spaced = false;
                at += space.unwrap_or(1);
                // With no cell open, the separators and spaces that follow change nothing:
                // passed over in a tight loop (PDF text aligns its columns with long runs).
                while let Some(&byte) = bytes.get(at) {
                    match byte {
                        b'\t' | b'|' | b'\n' | b'\r' | b' ' => at += 1,
                        0xE3 if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x80]) => at += 3,
                        _ => break,
                    }
                }
                at = past_numbers(bytes, at);
            }
        }
    }
    cell.close(&mut each);
}

/// ASCII digits and the ASCII separators and spaces: a stretch of only these holds no cell
/// without a digit.
static NUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte as u8, b'0'..=b'9' | b'\t' | b'|' | b'\n' | b'\r' | b' ');
        byte += 1;
    }
    table
};

/// Where reading resumes from `at`, between cells: past the last line break of the stretch of
/// digits, separators and spaces that starts there (to the end of the text if it runs there).
/// The cells in it are numbers, and a line break ends the cell before it, so nothing that
/// [`word_cells`] hands on is skipped; the rows of Tables 3 and 4 after their labels are such
/// stretches, passed over a byte at a time instead of a cell at a time.
fn past_numbers(bytes: &[u8], at: usize) -> usize {
    let rest = bytes.get(at..).unwrap_or_default();
    let run = match rest.iter().position(|&byte| !NUMERIC[usize::from(byte)]) {
        // Text right away (a cell follows its separator): nothing to pass over.
        Some(0) => return at,
        Some(run) => run,
        None => return bytes.len(),
    };
    match memchr::memrchr(b'\n', rest.get(..run).unwrap_or_default()) {
        Some(newline) => at + newline + 1,
        None => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A cell as defined, with whether it holds a digit.
    struct Defined {
        cell: Cell,
        digit: bool,
    }

    /// The cells without a digit as defined, a character at a time.
    fn by_definition(text: &str) -> Vec<Cell> {
        let mut cells = Vec::new();
        let mut current: Option<Defined> = None;
        let mut spaced = false;
        let mut close = |current: &mut Option<Defined>| {
            cells.extend(current.take().filter(|cell| !cell.digit).map(|cell| cell.cell));
        };
        for (at, c) in text.char_indices() {
            match c {
                '\t' | '|' | '\n' | '\r' => {
                    close(&mut current);
                    spaced = false;
                }
                ' ' | '\u{3000}' if spaced => {
                    close(&mut current);
                    spaced = false;
                }
                ' ' | '\u{3000}' => spaced = true,
                c => {
                    let defined = current.get_or_insert(Defined {
                        cell: Cell {
                            range: at..at,
                            chars: 0,
                        },
                        digit: false,
                    });
                    defined.cell.range.end = at + c.len_utf8();
                    defined.digit |= c.is_ascii_digit() || ('０'..='９').contains(&c);
                    defined.cell.chars += usize::from(!c.is_whitespace());
                    spaced = false;
                }
            }
        }
        close(&mut current);
        cells
    }

    fn cells(text: &str) -> Vec<Cell> {
        let mut found = Vec::new();
        word_cells(text, |cell| found.push(cell));
        found
    }

    proptest! {
        /// The byte-level split agrees with the definition on text mixing separators, spaces of
        /// both widths, digits of both widths and characters sharing their lead bytes.
        #[test]
        fn cells_as_defined(text in "[结果维持 \t|\n\r\u{3000}\u{3001}。〇0-9０-９，（）ａ\u{A0}\u{0B}\u{85}\u{1680}\u{2000}\u{2028}\u{205F}“”…é😀]{0,30}") {
            prop_assert_eq!(cells(&text), by_definition(&text));
        }

        /// The same on rows of numbers after words, as tables print them, where whole lines
        /// are passed over.
        #[test]
        fn cells_of_rows_as_defined(text in "([结果维持ab]{1,6}( |  |\t|\u{3000})?[0-9 \n|\r]{0,12}\n?){0,6}") {
            prop_assert_eq!(cells(&text), by_definition(&text));
        }
    }

    #[test]
    fn cells_of_a_pdf_row() {
        let text = "结果 维持  12\t申请人情况 \n其他  3 4  5\n 6  7\n总计 ";
        let found = cells(text);
        let texts: Vec<&str> = found.iter().map(|cell| &text[cell.range.clone()]).collect();
        assert_eq!(texts, ["结果 维持", "申请人情况", "其他", "总计"]);
        assert_eq!(found[0].chars, 4);
    }
}

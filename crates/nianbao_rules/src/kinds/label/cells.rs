//! A table's text split into cells, as PDF and plain-text tables print them: separated by
//! tabs, pipes, line breaks or runs of two or more spaces; a single space stays inside a cell
//! (`结果 维持`).

use std::ops::Range;

/// A cell found, with what its bytes told on the way: enough for most cells (numbers, short
/// words) to be passed over without looking at their text again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Cell {
    /// Its bytes in the text, from its first character to its last (no spaces around it).
    pub range: Range<usize>,
    /// Whether it holds a digit of either width.
    pub digit: bool,
    /// Its characters other than the single spaces inside it (whitespace other than `' '` and
    /// U+3000, rare in a table, counts).
    pub chars: usize,
}

/// Per byte of the text: the width of the character it leads, and whether it is an ASCII
/// digit; [`STOP`] for the bytes a cell may end at or that need a closer look — separators,
/// spaces, and the lead bytes of U+3000 (`E3`) and of the full-width digits (`EF`).
static CELL_BYTES: [u8; 256] = {
    let mut table = [0_u8; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            b'\t' | b'|' | b'\n' | b'\r' | b' ' | 0xE3 | 0xEF => STOP,
            b'0'..=b'9' => DIGIT | 1,
            lead => crate::utf8::width(lead),
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
    digit: bool,
    chars: usize,
}

impl Open {
    /// Hands the cell to `each`, if one was started, and starts afresh.
    fn close(&mut self, each: &mut impl FnMut(Cell)) {
        if let Some(start) = self.start.take() {
            each(Cell {
                range: start..self.end,
                digit: self.digit,
                chars: self.chars,
            });
        }
        self.digit = false;
        self.chars = 0;
    }
}

/// Every cell of `text`, in order. The text is stepped through a character at a time by lead
/// byte; only separators, spaces and the lead bytes `E3` and `EF` are looked at closer.
pub(super) fn cells_of(text: &str, mut each: impl FnMut(Cell)) {
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
                    // `E3` or `EF`, not a space: a full-width digit or other text.
                    cell.digit |= byte == 0xEF && next(1) == 0xBC && (0x90..=0x99).contains(&next(2));
                    cell.chars += 1;
                    at += 3;
                    class = bytes.get(at).map_or(STOP, |&byte| CELL_BYTES[usize::from(byte)]);
                }
                while class & STOP == 0 {
                    cell.digit |= class & DIGIT != 0;
                    cell.chars += 1;
                    at += usize::from(class & WIDTH);
                    class = bytes.get(at).map_or(STOP, |&byte| CELL_BYTES[usize::from(byte)]);
                }
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
            }
        }
    }
    cell.close(&mut each);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The cells as defined, a character at a time.
    fn by_definition(text: &str) -> Vec<Cell> {
        let mut cells = Vec::new();
        let mut current: Option<Cell> = None;
        let mut spaced = false;
        let mut close = |current: &mut Option<Cell>| cells.extend(current.take());
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
                    let cell = current.get_or_insert(Cell {
                        range: at..at,
                        digit: false,
                        chars: 0,
                    });
                    cell.range.end = at + c.len_utf8();
                    cell.digit |= c.is_ascii_digit() || ('０'..='９').contains(&c);
                    cell.chars += 1;
                    spaced = false;
                }
            }
        }
        close(&mut current);
        cells
    }

    fn cells(text: &str) -> Vec<Cell> {
        let mut found = Vec::new();
        cells_of(text, |cell| found.push(cell));
        found
    }

    proptest! {
        /// The byte-level split agrees with the definition on text mixing separators, spaces of
        /// both widths, digits of both widths and characters sharing their lead bytes.
        #[test]
        fn cells_as_defined(text in "[结果维持 \t|\n\r\u{3000}\u{3001}。〇0-9０-９，（）ａ\u{A0}é😀]{0,30}") {
            prop_assert_eq!(cells(&text), by_definition(&text));
        }
    }

    #[test]
    fn cells_of_a_pdf_row() {
        let found = cells("结果 维持  12\t申请人情况 ");
        let texts: Vec<&str> = found
            .iter()
            .map(|cell| &"结果 维持  12\t申请人情况 "[cell.range.clone()])
            .collect();
        assert_eq!(texts, ["结果 维持", "12", "申请人情况"]);
        assert_eq!(found[0].chars, 4);
        assert!(found[1].digit && !found[0].digit);
    }
}

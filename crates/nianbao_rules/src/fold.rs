//! Width folding: full-width ASCII as half-width and no whitespace, so that `（一）` and `(一)`,
//! `８１` and `81` compare equal.

use crate::utf8::{whitespace_at, width};

/// Folds full-width ASCII to half-width and drops whitespace, so that `（一）` and `(一)`,
/// `８１` and `81` compare equal.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// What [`fold`] makes of one character: nothing for whitespace, full-width ASCII (U+FF01–U+FF5E)
/// as ASCII, any other character as itself. The definition the byte-level folds are held to.
pub(crate) fn fold_char(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '\u{FF01}'..='\u{FF5E}' => Some(char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)),
        c => Some(c),
    }
}

/// [`fold`] into a buffer the caller reuses (it is cleared first).
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    fold_append(text, out);
}

/// Per byte of UTF-8 text: 0 where folding may change the character it leads — ASCII
/// whitespace, and the lead bytes of U+0085/U+00A0 (`C2`), U+1680 (`E1`), U+2000–U+205F (`E2`),
/// U+3000 (`E3`) and U+FF01–U+FF5E (`EF`) — else the width of the character it leads.
static FOLD_STEP: [u8; 256] = {
    let mut table = [0_u8; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => 0,
            lead => width(lead),
        };
        byte += 1;
    }
    table
};

/// [`fold`] appended to `out`. The text is passed over a byte at a time up to the next byte
/// that may lead a character folding changes ([`FOLD_STEP`] 0: a continuation byte never is
/// one); runs of characters that folding leaves alone are copied whole, and the few characters
/// it changes are told by their bytes, never decoded: most of a report's text is Chinese
/// characters that pass through. Stepping a character at a time by its lead byte's width made
/// each step wait for the table load of the one before; a byte at a time does not.
pub(crate) fn fold_append(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if FOLD_STEP[usize::from(byte)] != 0 {
            at += 1;
            continue;
        }
        let next = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
        // What the character folds to: nothing (whitespace), an ASCII character (full-width
        // ASCII, U+FF01–U+FF3F and U+FF40–U+FF5E less 0xFEE0), or itself.
        let folded = match (byte, next(1), next(2)) {
            (0xEF, 0xBC, third @ 0x81..=0xBF) => Folded::Ascii(third - 0x60),
            (0xEF, 0xBD, third @ 0x80..=0x9E) => Folded::Ascii(third - 0x20),
            (0xEF, ..) => Folded::Unchanged(3),
            _ => match whitespace_at(bytes, at) {
                Some(width) => Folded::Dropped(width),
                None => Folded::Unchanged(usize::from(width(byte))),
            },
        };
        let width = match folded {
            Folded::Unchanged(width) => {
                at += width;
                continue;
            }
            Folded::Dropped(width) => width,
            Folded::Ascii(_) => 3,
        };
        out.push_str(text.get(run..at).unwrap_or(""));
        if let Folded::Ascii(ascii) = folded {
            out.push(char::from(ascii));
        }
        at += width;
        run = at;
    }
    out.push_str(text.get(run..).unwrap_or(""));
}

/// What folding makes of one character.
enum Folded {
    /// It stays, with its width in bytes.
    Unchanged(usize),
    /// It is whitespace, dropped, with its width in bytes.
    Dropped(usize),
    /// Full-width ASCII: the ASCII character.
    Ascii(u8),
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte-level fold does what its definition says, character by character, on text
        /// mixing Chinese, ASCII, full-width forms and every kind of whitespace.
        #[test]
        fn folding_matches_its_definition(text in "[政府０-９Ａ-ｚ，：（）！～ａ-ｃ0-9a-z \t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{1680}\u{2000}-\u{200B}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{3001}〇\u{1681}\u{2060}\u{A9}\u{FF00}\u{FF5F}“”…é😀]{0,40}") {
            let expected: String = text.chars().filter_map(fold_char).collect();
            prop_assert_eq!(fold(&text), expected);
        }
    }

    #[test]
    fn fold_widths() {
        assert_eq!(fold("（一） 予以公开８１"), "(一)予以公开81");
    }
}

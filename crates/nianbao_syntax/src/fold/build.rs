//! Building the folded copy in one pass over the source: runs of characters that fold to
//! themselves are copied whole, the rest is folded a character at a time, and the map back to the
//! source records only where the distance between the two texts changes ([`Shift`]).
//!
//! This runs once per parse over the whole report, so its costs are counted per byte: the
//! identity test of a three-byte character is one table load ([`three_byte_folds_to_itself`]),
//! and a character folded in place costs no map entry — no fold lengthens a character, so its
//! folded bytes sit at the same distance from the source as the text before it; only the text
//! after a shortened or dropped character starts a new shift. The copy is built as a `String`
//! from whole characters, so it needs no validation afterwards.

use super::chars::{fold_char, three_byte_folds_to_itself, three_byte_to_ascii};
use super::{BLOCK, Shift};

/// The folded text and its map back to the source, as [`build`] leaves them.
pub(super) struct Built {
    pub text: String,
    pub shifts: Vec<Shift>,
    /// For every block of [`BLOCK`] folded bytes, the shift holding its first byte.
    pub blocks: Vec<u32>,
}

/// The end of the run of characters from byte `at` that fold to themselves: ASCII other than
/// whitespace, and three-byte characters (ideographs, CJK punctuation) tested by one table
/// lookup each, without decoding them to `char`.
pub(super) fn identity_run(bytes: &[u8], mut at: usize) -> usize {
    loop {
        // Ideographs come in runs: a tight loop over three-byte characters. In valid UTF-8 the
        // two bytes after a three-byte lead are continuation bytes.
        while let Some(&[lead, second, third]) = bytes.get(at..at + 3)
            && three_byte_folds_to_itself(lead, second, third)
        {
            at += 3;
        }
        match bytes.get(at) {
            Some(&byte) if byte < 0x80 && !(byte <= b' ' && byte.is_ascii_whitespace()) => {
                at += 1;
            }
            _ => return at,
        }
    }
}

/// The folded text being written, with the shifts of its map.
struct Writer {
    text: String,
    shifts: Vec<Shift>,
    /// Source offset minus folded offset since the last shift (`usize::MAX` before the first).
    distance: usize,
}

impl Writer {
    fn new(source_len: usize) -> Self {
        Self {
            // Folding never lengthens a character.
            text: String::with_capacity(source_len),
            // Reports shift about once per ten to fifteen folded bytes (every space, line break,
            // full-width comma): sized so that few regrow it.
            shifts: Vec::with_capacity(source_len / 8 + 1),
            distance: usize::MAX,
        }
    }

    /// Records that the next folded byte comes from source byte `source`: a shift when the
    /// distance between the texts changed since the last one.
    fn at(&mut self, source: usize) {
        let distance = source.wrapping_sub(self.text.len());
        if distance != self.distance {
            self.distance = distance;
            self.shifts.push(Shift {
                folded: self.text.len() as u32,
                source: source as u32,
            });
        }
    }

    fn finish(self) -> Built {
        // The block index in one pass over the shifts.
        let len = self.text.len();
        let mut blocks = Vec::with_capacity(len.div_ceil(BLOCK));
        let mut shift = 0;
        let mut start = 0;
        while start < len {
            while self
                .shifts
                .get(shift + 1)
                .is_some_and(|next| next.folded as usize <= start)
            {
                shift += 1;
            }
            blocks.push(shift as u32);
            start += BLOCK;
        }
        Built {
            text: self.text,
            shifts: self.shifts,
            blocks,
        }
    }
}

/// Folds `source` (see [`super::Folded`]).
pub(super) fn build(source: &str) -> Built {
    let bytes = source.as_bytes();
    let mut writer = Writer::new(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        // Most characters fold to themselves (ASCII other than whitespace, ideographs that
        // are not Traditional, CJK punctuation): copy such runs whole.
        let run_end = identity_run(bytes, at);
        if run_end > at {
            writer.at(at);
            match *bytes.get(at..run_end).unwrap_or_default() {
                // A lone digit between spaces (a table cell): pushed, not copied by a call.
                [ascii] => writer.text.push(char::from(ascii)),
                _ => writer.text.push_str(source.get(at..run_end).unwrap_or("")),
            }
            at = run_end;
        }
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        // ASCII that ends a run is whitespace, dropped: skip the whole run.
        if byte < 0x80 {
            at += 1;
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            continue;
        }
        // Full-width punctuation and the enumeration comma: one ASCII byte, read off the bytes.
        if let Some(&[lead, second, third]) = bytes.get(at..at + 3)
            && let Some(ascii) = three_byte_to_ascii(lead, second, third)
        {
            writer.at(at);
            writer.text.push(char::from(ascii));
            at += 3;
            continue;
        }
        let Some(c) = source.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if let Some(folded) = fold_char(c) {
            writer.at(at);
            writer.text.push(folded);
        }
        at += c.len_utf8();
    }
    writer.finish()
}

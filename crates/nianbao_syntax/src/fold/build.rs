//! Building the folded copy in one pass over the source bytes: runs of characters that fold to
//! themselves are copied whole, the rest is folded a character at a time, and every stretch
//! records where it came from ([`Piece`]).
//!
//! This runs once per parse over the whole report, so its costs are counted per byte: the
//! identity test of a three-byte character is one table load ([`three_byte_folds_to_itself`]),
//! and a run is copied in fixed-size chunks that compile to vector moves instead of a call to
//! `memcpy` per run (a report has hundreds of runs of a dozen bytes, cut by spaces and
//! full-width commas). The copy is built as bytes and validated once at the end, in SIMD blocks.

use super::chars::{fold_char, three_byte_folds_to_itself, three_byte_to_ascii};
use super::{BLOCK, Piece};

/// The folded text and its map back to the source, as [`build`] leaves them.
pub(super) struct Built {
    pub text: String,
    pub pieces: Vec<Piece>,
    /// For every block of [`BLOCK`] folded bytes, the piece holding its first byte.
    pub blocks: Vec<u32>,
}

/// Bytes moved per step when copying a run: the last chunk may overrun the run's end (it stays
/// within the source) and the overrun is cut off, so every copy has a size known at compile time.
const CHUNK: usize = 16;

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

/// The folded bytes being written, with their pieces and block index kept up to date.
struct Writer {
    out: Vec<u8>,
    pieces: Vec<Piece>,
    blocks: Vec<u32>,
}

impl Writer {
    fn new(source_len: usize) -> Self {
        Self {
            // Folding never lengthens a character; the slack takes a chunk's overrun.
            out: Vec::with_capacity(source_len + CHUNK),
            // About one piece per ten bytes in reports: sized so that few regrow it.
            pieces: Vec::with_capacity(source_len / 8 + 1),
            blocks: Vec::with_capacity(source_len / BLOCK + 1),
        }
    }

    /// Copies `bytes[from..to]` (characters that fold to themselves) as one piece.
    fn copy(&mut self, bytes: &[u8], from: usize, to: usize) {
        self.pieces.push(Piece {
            folded: self.out.len() as u32,
            source: from as u32,
            copied: true,
        });
        let mut at = from;
        while at < to {
            if let Some(chunk) = bytes.get(at..at + CHUNK)
                && let Ok(chunk) = <&[u8; CHUNK]>::try_from(chunk)
            {
                self.out.extend_from_slice(chunk);
                at += CHUNK;
            } else {
                self.out.extend_from_slice(bytes.get(at..to).unwrap_or(&[]));
                at = to;
            }
        }
        self.out.truncate(self.out.len() - (at - to));
        self.index_blocks();
    }

    /// Appends `folded`, the folded form of the character at source byte `source`, as a piece.
    fn fold(&mut self, source: usize, folded: &[u8]) {
        self.pieces.push(Piece {
            folded: self.out.len() as u32,
            source: source as u32,
            copied: false,
        });
        self.out.extend_from_slice(folded);
        self.index_blocks();
    }

    /// Points every block starting inside the piece just written at it.
    fn index_blocks(&mut self) {
        let piece = self.pieces.len().saturating_sub(1) as u32;
        while self.blocks.len() * BLOCK < self.out.len() {
            self.blocks.push(piece);
        }
    }

    fn finish(self) -> Built {
        // Valid by construction (whole characters copied or encoded from `char`); checked in
        // SIMD blocks rather than trusted, as the workspace allows no `unsafe`.
        let text = match simdutf8::basic::from_utf8(&self.out) {
            Ok(text) => text.to_owned(),
            Err(_) => String::from_utf8_lossy(&self.out).into_owned(),
        };
        Built {
            text,
            pieces: self.pieces,
            blocks: self.blocks,
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
            writer.copy(bytes, at, run_end);
            at = run_end;
        }
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        // ASCII that ends a run is whitespace, dropped without a piece: skip the whole run.
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
            writer.fold(at, &[ascii]);
            at += 3;
            continue;
        }
        let Some(c) = source.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if let Some(folded) = fold_char(c) {
            let mut buffer = [0u8; 4];
            writer.fold(at, folded.encode_utf8(&mut buffer).as_bytes());
        }
        at += c.len_utf8();
    }
    writer.finish()
}

//! Stepping through UTF-8 text a character at a time by lead byte, without decoding: the scans
//! of the prose and the tables look at a character's bytes only where they may matter.

/// The width in bytes of the UTF-8 character whose first byte is `lead` (1 for a stray
/// continuation byte, which valid text never starts a character with), looked up.
pub(crate) const fn width(lead: u8) -> u8 {
    WIDTHS[lead as usize]
}

const WIDTHS: [u8; 256] = {
    let mut table = [1_u8; 256];
    let mut byte = 0xC0;
    while byte < 256 {
        table[byte] = match byte {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        byte += 1;
    }
    table
};

/// The width of the whitespace character (`char::is_whitespace`) at byte `at` of `bytes`, told
/// by its bytes: the ASCII whitespace, U+0085 and U+00A0 (`C2 85`, `C2 A0`), U+1680
/// (`E1 9A 80`), U+2000–U+200A, U+2028, U+2029, U+202F (`E2 80 …`), U+205F (`E2 81 9F`) and
/// U+3000 (`E3 80 80`). `None` for any other character.
#[inline]
pub(crate) fn whitespace_at(bytes: &[u8], at: usize) -> Option<usize> {
    let byte = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
    match (byte(0), byte(1), byte(2)) {
        (b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ', ..) => Some(1),
        (0xC2, 0x85 | 0xA0, _) => Some(2),
        (0xE1, 0x9A, 0x80)
        | (0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)
        | (0xE2, 0x81, 0x9F)
        | (0xE3, 0x80, 0x80) => Some(3),
        _ => None,
    }
}

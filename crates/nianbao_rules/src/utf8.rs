//! Stepping through UTF-8 text a character at a time by lead byte, without decoding: the scans
//! of the prose and the tables look at a character's bytes only where they may matter.

/// The width in bytes of the UTF-8 character whose first byte is `lead` (1 for a stray
/// continuation byte, which valid text never starts a character with).
pub(crate) const fn width(lead: u8) -> u8 {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

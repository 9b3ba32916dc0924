//! What is binary data rather than text: NUL bytes too many to be damage (unless the bytes are
//! UTF-16, the one text encoding full of them), or decoded text dominated by control characters.

use crate::encoding::{SourceEncoding, rare};

/// In UTF-16 text made mostly of ASCII or CJK, one byte of each pair is far more often zero than
/// the other; binary data shows no such regularity.
pub(crate) fn guess_bomless_utf16(bytes: &[u8]) -> Option<SourceEncoding> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_even = count_bytes(bytes, |at, byte| (at % 2 == 0) & (byte == 0));
    let zero_odd = count_bytes(bytes, |at, byte| (at % 2 == 1) & (byte == 0));
    if zero_odd * 4 >= pairs && zero_even * 8 <= pairs {
        Some(SourceEncoding::Utf16Le)
    } else if zero_even * 4 >= pairs && zero_odd * 8 <= pairs {
        Some(SourceEncoding::Utf16Be)
    } else {
        None
    }
}

/// Whether the first bytes of a file already show it is binary data, so that the rest need not
/// be read: NUL bytes too many to be damage, in bytes that are not UTF-16 text. Callers read a
/// file's head, ask this, and read the rest only when it says no (a sparse file of many
/// gigabytes is refused after one block).
pub fn looks_binary(head: &[u8]) -> bool {
    // Without a NUL byte nothing below can say binary; one vectorised search settles most files.
    if memchr::memchr(0, head).is_none() {
        return false;
    }
    if [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .any(|bom| head.starts_with(bom))
    {
        return false;
    }
    let even = head.get(..head.len() & !1).unwrap_or(head);
    if guess_bomless_utf16(even).is_some() {
        return false;
    }
    let nul = count_bytes(head, |_, byte| byte == 0);
    !rare(nul, head.len())
}

/// How many bytes of `bytes` satisfy `test` (given each byte's offset in a block of 64, and the
/// byte): a branch-free count the compiler vectorises, summed in bytes per block of 64 (at most
/// 64, no overflow) and in `usize` across blocks.
pub(crate) fn count_bytes(bytes: &[u8], test: impl Fn(usize, u8) -> bool) -> usize {
    const BLOCK: usize = 64;
    let blocks = bytes.chunks_exact(BLOCK);
    let tail = blocks.remainder();
    let count_block = |block: &[u8]| -> usize {
        let in_block = block
            .iter()
            .enumerate()
            .fold(0u8, |count, (at, &byte)| count + u8::from(test(at, byte)));
        usize::from(in_block)
    };
    blocks.map(count_block).sum::<usize>() + count_block(tail)
}

/// Whether decoded text is dominated by control characters (other than tab, line feed, carriage
/// return and form feed): more than one in ten of its first 8,192 characters. Most texts hold
/// none at all, which one pass over the bytes settles without counting the characters.
pub(crate) fn mostly_control(text: &str) -> bool {
    if controls(text.as_bytes()) == 0 {
        return false;
    }
    let (total, control) = control_share(text, 8192);
    total > 0 && control * 10 > total
}

/// Of the first `sample` characters of `text`: how many there are, and how many are control
/// characters other than tab, line feed, carriage return and form feed ([`controls`]). A
/// character starts at every byte that is not a continuation byte. The sample's end is found
/// first, then each count is a branch-free sum over the bytes that the compiler vectorises.
fn control_share(text: &str, sample: usize) -> (usize, usize) {
    let total = count_bytes(text.as_bytes(), |_, byte| !is_continuation(byte));
    let (bytes, total) = if total <= sample {
        (text.as_bytes(), total)
    } else {
        let end = text
            .char_indices()
            .nth(sample)
            .map_or(text.len(), |(at, _)| at);
        (text.as_bytes().get(..end).unwrap_or_default(), sample)
    };
    (total, controls(bytes))
}

/// How many control characters other than tab, line feed, carriage return and form feed the
/// UTF-8 `bytes` hold, counted on the bytes (this runs on every file read): a byte below 0x20,
/// 0x7F, or a C1 control, which UTF-8 writes as 0xC2 0x80–0x9F.
fn controls(bytes: &[u8]) -> usize {
    let c0 = count_bytes(bytes, |_, byte| {
        let allowed = (byte == b'\t') | (byte == b'\n') | (byte == b'\r') | (byte == 0x0C);
        ((byte < 0x20) & !allowed) | (byte == 0x7F)
    });
    // C1 controls are rare: each 0xC2 lead byte is looked at on its own.
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&at| {
            bytes
                .get(at + 1)
                .is_some_and(|next| (0x80..=0x9F).contains(next))
        })
        .count();
    c0 + c1
}

/// Whether `byte` continues a UTF-8 character rather than starting one.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte count agrees with the definition on characters, for text mixing Chinese,
        /// ASCII, C0 and C1 controls and the allowed whitespace, at any sample size.
        #[test]
        fn control_share_matches_its_definition(
            text in "[偃师a-z0-9 \t\n\r\u{0C}\u{00}-\u{1F}\u{7F}\u{80}-\u{A0}é€😀]{0,60}",
            sample in 0_usize..70,
        ) {
            let chars: Vec<char> = text.chars().take(sample).collect();
            let control = chars
                .iter()
                .filter(|&&ch| ch.is_control() && !matches!(ch, '\t' | '\n' | '\r' | '\x0c'))
                .count();
            prop_assert_eq!(control_share(&text, sample), (chars.len(), control));
        }

        /// The NUL search, the block counts and the UTF-16 guess agree with their definition
        /// (the byte-at-a-time loops they replace), on bytes rich in NULs and BOM starts.
        #[test]
        fn looks_binary_matches_its_definition(
            bytes in proptest::collection::vec(
                prop_oneof![Just(0u8), Just(0xFF), Just(0xFE), any::<u8>()],
                0..400,
            ),
        ) {
            prop_assert_eq!(looks_binary(&bytes), defined_binary(&bytes));
            let nul = bytes.iter().filter(|&&byte| byte == 0).count();
            prop_assert_eq!(count_bytes(&bytes, |_, byte| byte == 0), nul);
        }
    }

    /// [`looks_binary`] as it is defined, one byte at a time.
    fn defined_binary(head: &[u8]) -> bool {
        let bom = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"];
        if bom.iter().any(|bom| head.starts_with(bom)) {
            return false;
        }
        let even = head.get(..head.len() & !1).unwrap_or(head);
        let pairs = even.len() / 2;
        let (mut zero_even, mut zero_odd) = (0usize, 0usize);
        for pair in even.chunks_exact(2) {
            zero_even += usize::from(pair[0] == 0);
            zero_odd += usize::from(pair[1] == 0);
        }
        let utf16 = (zero_odd * 4 >= pairs && zero_even * 8 <= pairs)
            || (zero_even * 4 >= pairs && zero_odd * 8 <= pairs);
        let nul = head.iter().filter(|&&byte| byte == 0).count();
        !utf16 && !rare(nul, head.len())
    }

    #[test]
    fn a_head_of_nul_bytes_is_binary_and_text_is_not() {
        assert!(looks_binary(&vec![0; 65536]));
        let text = "一、总体情况\n本机关全年共受理依申请公开政府信息件 81 件。\n".repeat(40);
        assert!(!looks_binary(text.as_bytes()));
        let mut wide = vec![0xFF, 0xFE];
        wide.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(!looks_binary(&wide));
        let ascii: Vec<u8> = "81 0 0 0 0 0 81\n"
            .repeat(9)
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(!looks_binary(&ascii));
    }
}

//! Width folding: full-width ASCII as half-width and no whitespace, so that `（一）` and `(一)`,
//! `８１` and `81` compare equal.

/// Folds full-width ASCII to half-width and drops whitespace, so that `（一）` and `(一)`,
/// `８１` and `81` compare equal.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] into a buffer the caller reuses (it is cleared first).
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    fold_append(text, out);
}

/// [`fold`] appended to `out`. Runs of characters that folding leaves alone are copied whole,
/// and only the bytes that can start whitespace or a full-width character are decoded: most of
/// a report's text is Chinese characters that pass through.
pub(crate) fn fold_append(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (width, replacement) = match byte {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => (1, None),
            0x00..=0x7F => {
                at += 1;
                continue;
            }
            // Lead bytes of U+0085/U+00A0, U+1680, U+2000–U+205F, U+3000 and U+FF01–U+FF5E.
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => {
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                match c {
                    '\u{FF01}'..='\u{FF5E}' => {
                        (c.len_utf8(), char::from_u32(u32::from(c) - 0xFEE0))
                    }
                    c if c.is_whitespace() => (c.len_utf8(), None),
                    c => {
                        at += c.len_utf8();
                        continue;
                    }
                }
            }
            0xC0..=0xDF => {
                at += 2;
                continue;
            }
            0xE0..=0xEF => {
                at += 3;
                continue;
            }
            _ => {
                at += 4;
                continue;
            }
        };
        out.push_str(text.get(run..at).unwrap_or(""));
        out.extend(replacement);
        at += width;
        run = at;
    }
    out.push_str(text.get(run..).unwrap_or(""));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte-level fold does what its definition says, character by character, on text
        /// mixing Chinese, ASCII, full-width forms and every kind of whitespace.
        #[test]
        fn folding_matches_its_definition(text in "[政府０-９Ａ-ｚ，：（）！～ａ-ｃ0-9a-z \t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{1680}\u{2000}-\u{200B}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{3001}\u{FF00}\u{FF5F}“”…é😀]{0,40}") {
            let expected: String = text
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match c {
                    '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
                    c => c,
                })
                .collect();
            prop_assert_eq!(fold(&text), expected);
        }
    }

    #[test]
    fn fold_widths() {
        assert_eq!(fold("（一） 予以公开８１"), "(一)予以公开81");
    }
}

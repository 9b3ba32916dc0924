//! Decoded characters paired with the markup bytes they came from; the map and its writer are
//! `nianbao_source`'s (re-exported here so this crate's API stays).

use std::ops::Range;

/// The extracted text and its map, written together (`nianbao_source::MapWriter`).
pub(crate) use nianbao_source::MapWriter as Writer;
pub use nianbao_source::SourceMap;

/// A character of the original document after entity decoding, with the original bytes it
/// stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SourceChar {
    pub ch: char,
    pub at: Range<usize>,
}

/// Writes one decoded character of the original.
pub(crate) trait PushChar {
    fn push_char(&mut self, source: &SourceChar);
}

impl PushChar for Writer {
    fn push_char(&mut self, source: &SourceChar) {
        let mut buffer = [0u8; 4];
        self.push(source.ch.encode_utf8(&mut buffer), source.at.clone());
    }
}

/// Pairs every character of `decoded` (a text node after entity decoding and newline
/// normalisation) with the bytes of `raw` (the same node as written in the original, starting at
/// original offset `base`) it came from.
pub(crate) fn align(raw: &str, decoded: &str, base: usize) -> Vec<SourceChar> {
    let mut out = Vec::with_capacity(decoded.len());
    let bytes = raw.as_bytes();
    let mut cursor = 0usize;
    for ch in decoded.chars() {
        let rest = raw.get(cursor..).unwrap_or("");
        let width = ch.len_utf8();
        let at = if rest.starts_with(ch) {
            cursor..cursor + width
        } else if ch == '\n' && rest.starts_with('\r') {
            let end = if rest.starts_with("\r\n") { 2 } else { 1 };
            cursor..cursor + end
        } else if rest.starts_with('&') {
            cursor..cursor + reference_len(bytes.get(cursor..).unwrap_or(&[]))
        } else {
            // A character the decoder made up (an entity expanding to two characters, a
            // replacement for NUL): it belongs to whatever came just before.
            let start = out
                .last()
                .map_or(base + cursor, |previous: &SourceChar| previous.at.start);
            out.push(SourceChar {
                ch,
                at: start..base + cursor,
            });
            continue;
        };
        cursor = at.end;
        out.push(SourceChar {
            ch,
            at: base + at.start..base + at.end,
        });
    }
    out
}

/// The length of the character or entity reference at the start of `bytes` (which starts with
/// `&`): through its `;`, or through the name or digits when the `;` is missing, as HTML allows
/// for legacy names such as `&nbsp`.
fn reference_len(bytes: &[u8]) -> usize {
    let body = bytes.get(1..).unwrap_or(&[]);
    let name_len = body
        .iter()
        .take(40)
        .take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'#')
        .count();
    if body.get(name_len) == Some(&b';') {
        name_len + 2
    } else {
        (name_len + 1).min(bytes.len().max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_source::Span;

    #[test]
    fn entities_and_line_ends_map_to_their_whole_source() {
        let raw = "a&nbsp;b\r\nc&lt";
        let decoded = "a\u{a0}b\nc<";
        let chars = align(raw, decoded, 100);
        let ranges: Vec<_> = chars.iter().map(|c| c.at.clone()).collect();
        assert_eq!(
            ranges,
            vec![100..101, 101..107, 107..108, 108..110, 110..111, 111..114]
        );
    }

    #[test]
    fn copied_runs_map_byte_for_byte_and_synthetic_text_maps_to_its_tag() {
        let mut writer = Writer::default();
        for source in align("第20条", "第20条", 10) {
            writer.push_char(&source);
        }
        writer.push_synthetic("\t", 40);
        for source in align("&#49;", "1", 50) {
            writer.push_char(&source);
        }
        let (text, map) = writer.finish(60);
        assert_eq!(text, "第20条\t1\n");
        // `20` sits at bytes 3..5 of the text and 13..15 of the original.
        assert_eq!(map.to_original(Span::new(3, 5)), Span::new(13, 15));
        assert_eq!(map.to_original(Span::new(8, 8)), Span::new(40, 40));
        assert_eq!(map.to_original(Span::new(9, 10)), Span::new(50, 55));
        // A span across the synthetic TAB covers the markup in between.
        assert_eq!(map.to_original(Span::new(3, 10)), Span::new(13, 55));
        // Past the end: the end of the original.
        assert_eq!(map.to_original(Span::new(99, 99)), Span::new(60, 60));
    }
}

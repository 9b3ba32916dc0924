//! Which encoding a saved page is in: BOM first, then the page's own `<meta>` declaration, then
//! the bytes themselves (UTF-8 if they are valid UTF-8, otherwise GB18030, the superset of the
//! GB2312 and GBK that older government sites still serve).

use crate::ExtractError;
use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// The HTML standard's prescan looks at the first 1024 bytes; pages exported by Word or a CMS
/// often put a long `<style>` or comment first, so look further.
const PRESCAN: usize = 8 * 1024;

/// Share of U+FFFD replacement characters above which a lossy decode is not a page but noise.
const MAX_BROKEN_PER_MILLE: usize = 10;

/// Decoded page text and the name of the encoding it was read with.
pub(crate) fn decode_html(bytes: &[u8]) -> Result<(String, &'static str), ExtractError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or(&[]);
        let (text, malformed) = encoding.decode_without_bom_handling(rest);
        if malformed {
            return Err(ExtractError::Encoding {
                declared: Some(encoding.name().to_owned()),
            });
        }
        return Ok((text.into_owned(), encoding.name()));
    }
    if looks_binary(bytes) {
        return Err(ExtractError::Binary);
    }
    // Valid UTF-8 with Chinese in it is practically never GBK text by accident, while GB18030
    // accepts almost any byte pairs: so UTF-8 that validates wins even over a declaration (a CMS
    // template saying gb2312 around UTF-8 content is common).
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), UTF_8.name()));
    }
    let declared = declared_encoding(bytes.get(..PRESCAN).unwrap_or(bytes));
    let first = declared
        .filter(|&encoding| encoding != UTF_8)
        .unwrap_or(GB18030);
    if let Some(text) = decode_strict(first, bytes) {
        return Ok((text, first.name()));
    }
    if first != GB18030 {
        if let Some(text) = decode_strict(GB18030, bytes) {
            return Ok((text, GB18030.name()));
        }
    }
    let first = declared.unwrap_or(UTF_8);
    let (text, _) = first.decode_without_bom_handling(bytes);
    let broken = text.chars().filter(|&ch| ch == '\u{FFFD}').count();
    if broken * 1000 > text.chars().count().max(1) * MAX_BROKEN_PER_MILLE {
        return Err(ExtractError::Encoding {
            declared: declared.map(|encoding| encoding.name().to_owned()),
        });
    }
    Ok((text.into_owned(), first.name()))
}

fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// NUL bytes do not occur in HTML text in any ASCII-compatible encoding.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(PRESCAN).any(|&byte| byte == 0)
}

/// The encoding named by `<meta charset=…>` or `<meta http-equiv=Content-Type content="…;
/// charset=…">` in `head`. GB2312 and GBK labels resolve to GB18030, which decodes both.
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0usize;
    while let Some(found) = find(&lower, b"charset", from) {
        from = found + b"charset".len();
        let rest = lower.get(from..).unwrap_or(&[]);
        let value: Vec<u8> = rest
            .iter()
            .skip_while(|byte| byte.is_ascii_whitespace())
            .skip_while(|byte| **byte == b'=')
            .skip_while(|byte| byte.is_ascii_whitespace() || **byte == b'"' || **byte == b'\'')
            .take_while(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b':'))
            .copied()
            .collect();
        if let Some(encoding) = Encoding::for_label(&value) {
            // The standard says a page cannot declare itself UTF-16 in a meta tag it could
            // only have read as ASCII; treat that as UTF-8.
            if encoding == UTF_16LE || encoding == UTF_16BE {
                return Some(UTF_8);
            }
            if encoding == GBK {
                return Some(GB18030);
            }
            return Some(encoding);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|position| position + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_gb2312_reads_as_gb18030() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>年度报告</body></html>";
        let (bytes, _, _) = GB18030.encode(page);
        let (text, name) = decode_html(&bytes).expect("decodes");
        assert_eq!(text, page);
        assert_eq!(name, "gb18030");
    }

    #[test]
    fn undeclared_gbk_bytes_are_recognised_and_nul_bytes_refused() {
        let (bytes, _, _) = GB18030.encode("<p>政府信息公开</p>");
        let (text, _) = decode_html(&bytes).expect("decodes");
        assert_eq!(text, "<p>政府信息公开</p>");
        assert_eq!(decode_html(b"<p>\0\0\0</p>"), Err(ExtractError::Binary));
    }

    #[test]
    fn a_wrong_declaration_loses_to_bytes_that_decode_cleanly() {
        let page = "<meta charset=gbk><p>总体情况</p>";
        let (text, name) = decode_html(page.as_bytes()).expect("decodes");
        assert_eq!(text, page, "{name}");
    }
}

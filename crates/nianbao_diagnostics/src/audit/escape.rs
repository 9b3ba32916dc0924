//! HTML escaping: the one way text from a report or a file name enters the page.
//!
//! Scraped pages carry markup and scripts, and file names may too. Every such text is written
//! through [`push`]: `&`, `<`, `>`, `"` and `'` become character references, which makes it
//! inert in element content and in quoted attribute values alike, so no caller has to know which
//! context it writes into. A NUL (which HTML parsers drop or replace anyway) becomes U+FFFD.

/// Appends `text` to `out`, escaped for HTML element content and quoted attribute values.
pub fn push(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'', '\0']) {
        out.push_str(&rest[..at]);
        // Each of them is one byte.
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => "\u{FFFD}",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// `text` escaped (see [`push`]).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_and_scripts_become_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            escape("\"><svg onload=alert(1)>.txt"),
            "&quot;&gt;&lt;svg onload=alert(1)&gt;.txt"
        );
        assert_eq!(escape("a'b&c\0表三"), "a&#39;b&amp;c\u{FFFD}表三");
    }

    /// The inverse of [`escape`], for the property below.
    fn unescape(text: &str) -> String {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    proptest! {
        #[test]
        fn nothing_that_opens_a_tag_or_leaves_an_attribute_survives(text in any::<String>()) {
            let escaped = escape(&text);
            prop_assert!(!escaped.contains(['<', '>', '"', '\'', '\0']));
            // Every `&` starts one of our references, so the text reads back unchanged.
            prop_assert_eq!(unescape(&escaped), text.replace('\0', "\u{FFFD}"));
        }
    }
}

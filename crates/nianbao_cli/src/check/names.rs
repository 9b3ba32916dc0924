//! How a file's path is shown: faithfully, one way per path, and safe to print.
//!
//! A scraped corpus has names in GBK from a Windows share, names with stray bytes, and names
//! with line breaks or escape sequences that would forge a finding line in the concise output
//! (`a.txt:1:1: error[…]` after a newline) or an annotation in GitHub's. The display is built
//! from the path's components (`./` and doubled separators dropped); a name in UTF-8 is shown as
//! it is, except that control and bidirectional-override characters are `\n`, `\t`, `\r` or
//! `\u{…}` and a backslash is `\\`; a name that is not UTF-8 (GBK from a Windows share, stray
//! bytes) keeps its printable ASCII and shows every other byte as `\xNN`, rather than as the
//! mojibake a UTF-8 reading of some of its bytes would give. Two different paths never share a
//! display, so the display can name a file in every output format and in the cross-report pass.

use std::ffi::OsStr;
use std::fmt::Write;
use std::path::{Component, Path};

/// The path as shown in every output format.
pub fn display(path: &Path) -> String {
    // Most paths (every file of a folder walk) are their own display: taken whole.
    if let Some(text) = path.to_str().filter(|text| shown_as_it_is(text)) {
        return text.to_owned();
    }
    built(path)
}

/// The path as shown ([`display`]) when that is not the path's own text; `None` when it is (a
/// folder walk's paths mostly are, and are then kept once, as paths).
pub fn shown_otherwise(path: &Path) -> Option<String> {
    let text = path.to_str();
    if text.is_some_and(shown_as_it_is) {
        return None;
    }
    Some(built(path)).filter(|shown| Some(shown.as_str()) != text)
}

/// The display built from the path's components.
fn built(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        match component {
            Component::CurDir => continue,
            Component::RootDir => {
                out.push('/');
                continue;
            }
            Component::Prefix(prefix) => escape(prefix.as_os_str(), &mut out),
            Component::ParentDir => out.push_str(".."),
            Component::Normal(name) => escape(name, &mut out),
        }
        out.push('/');
    }
    if out.len() > 1 {
        out.pop();
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// Whether `text`, a path in UTF-8, is its own display: no component the display drops or
/// rewrites (`.`, an empty one from a doubled or trailing separator) and no character it escapes.
/// Asked of every path a walk finds: plain passes over the bytes, without a short cut, so that
/// they are done many bytes at a time.
fn shown_as_it_is(text: &str) -> bool {
    let rest = text.strip_prefix('/').unwrap_or(text).as_bytes();
    let next = rest.get(1..).unwrap_or_default();
    let after = rest.get(2..).unwrap_or_default();
    // An empty component is a separator first, last or after another; a `.` one is the whole
    // text, first, last, or between two separators.
    let doubled = rest
        .iter()
        .zip(next)
        .fold(false, |seen, (&a, &b)| seen | ((a == b'/') & (b == b'/')));
    let dotted = rest
        .iter()
        .zip(next)
        .zip(after)
        .fold(false, |seen, ((&a, &b), &c)| {
            seen | ((a == b'/') & (b == b'.') & (c == b'/'))
        });
    let kept = !rest.is_empty()
        && !doubled
        && !dotted
        && !rest.starts_with(b"/")
        && !rest.ends_with(b"/")
        && !rest.starts_with(b"./")
        && !rest.ends_with(b"/.")
        && rest != b".";
    let printable_ascii = rest.iter().fold(true, |printable, &byte| {
        printable & (byte.wrapping_sub(0x20) < 0x5F) & (byte != b'\\')
    });
    kept && (printable_ascii || !text.chars().any(needs_escape))
}

/// Writes one path component.
#[cfg(unix)]
fn escape(name: &OsStr, out: &mut String) {
    use std::os::unix::ffi::OsStrExt;
    let bytes = name.as_bytes();
    match std::str::from_utf8(bytes) {
        // Most names need no escape: copied whole.
        Ok(text) if !text.chars().any(needs_escape) => out.push_str(text),
        Ok(text) => text.chars().for_each(|ch| escape_char(ch, out)),
        Err(_) => {
            for &byte in bytes {
                if (0x20..0x7F).contains(&byte) {
                    escape_char(char::from(byte), out);
                } else {
                    let _ = write!(out, "\\x{byte:02X}");
                }
            }
        }
    }
}

/// Writes one path component.
#[cfg(not(unix))]
fn escape(name: &OsStr, out: &mut String) {
    for ch in name.to_string_lossy().chars() {
        escape_char(ch, out);
    }
}

/// Whether [`escape_char`] writes `ch` other than as itself.
fn needs_escape(ch: char) -> bool {
    ch == '\\' || ch.is_control() || matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escape_char(ch: char, out: &mut String) {
    match ch {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        // Bidirectional embeddings, overrides and isolates reorder what a terminal shows.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(ch));
        }
        _ if ch.is_control() => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(ch));
        }
        _ => out.push(ch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_path_show_alike() {
        assert_eq!(display(Path::new("./seed.txt")), "seed.txt");
        assert_eq!(display(Path::new("ov//a.txt")), "ov/a.txt");
        assert_eq!(display(Path::new("ov/./a.txt")), "ov/a.txt");
        assert_eq!(display(Path::new("/tmp/年报/a.txt")), "/tmp/年报/a.txt");
        assert_eq!(display(Path::new("../a.txt")), "../a.txt");
        assert_eq!(display(Path::new(".")), ".");
        assert_eq!(display(Path::new("/")), "/");
    }

    proptest::proptest! {
        /// A path taken whole is shown exactly as the components would show it, and is shown
        /// otherwise exactly when that differs from its text.
        #[test]
        fn paths_taken_whole_show_as_built(text in "[/.a年\\\\\n\u{202E}]{0,12}") {
            let path = Path::new(&text);
            proptest::prop_assert_eq!(display(path), built(path));
            let otherwise = shown_otherwise(path);
            proptest::prop_assert_eq!(otherwise.is_none(), built(path) == text);
            proptest::prop_assert_eq!(otherwise.unwrap_or_else(|| text.clone()), built(path));
            // Taken whole whenever it can be (the root and `.` are built).
            if text != "/" && text != "." {
                proptest::prop_assert_eq!(shown_as_it_is(&text), built(path) == text);
            }
        }
    }

    /// The fast path copies a name whole only when no character of it would be escaped.
    #[test]
    fn what_needs_an_escape_is_what_gets_one() {
        for ch in ('\0'..'\u{3000}').chain(['年', '\u{FEFF}', '\u{10000}']) {
            let mut out = String::new();
            escape_char(ch, &mut out);
            assert_eq!(out != ch.to_string(), needs_escape(ch), "{ch:?}");
        }
    }

    #[test]
    fn names_cannot_forge_lines_or_hide_their_bytes() {
        assert_eq!(
            display(Path::new("a.txt:1:1: error[T3001] x\nb.txt")),
            "a.txt:1:1: error[T3001] x\\nb.txt"
        );
        assert_eq!(display(Path::new("\u{1b}[31m.txt")), "\\u{1b}[31m.txt");
        assert_eq!(display(Path::new("a\\nb.txt")), "a\\\\nb.txt");
        assert_eq!(display(Path::new("\u{202E}txt.exe")), "\\u{202e}txt.exe");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            // 年报 in GBK, and bytes ff fe fd: each shown, each different.
            let gbk = Path::new(OsStr::from_bytes(b"\xC4\xEA\xB1\xA8.txt"));
            assert_eq!(display(gbk), "\\xC4\\xEA\\xB1\\xA8.txt");
            let names = [&b"\xFF.txt"[..], b"\xFE.txt", b"\xFD\n\\.txt"];
            let shown: Vec<String> = names
                .iter()
                .map(|name| display(Path::new(OsStr::from_bytes(name))))
                .collect();
            assert_eq!(shown, ["\\xFF.txt", "\\xFE.txt", "\\xFD\\x0A\\\\.txt"]);
            // A folder in UTF-8 above a name in GBK.
            let mixed = Path::new(OsStr::from_bytes(b"\xE5\xB9\xB4/\xC4\xEA.txt"));
            assert_eq!(display(mixed), "年/\\xC4\\xEA.txt");
        }
    }
}

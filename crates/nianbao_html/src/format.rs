//! The formats a report file comes in, told apart by its name or, failing that, its first bytes.

use std::path::Path;

/// How an input file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputFormat {
    Text,
    Html,
    Docx,
    Pdf,
}

impl InputFormat {
    /// The format a file name announces: `.html`, `.htm`, `.shtml`, `.xhtml` are pages, `.docx` is
    /// Word, `.pdf` is PDF; anything else is read as text.
    pub fn from_path(path: &Path) -> InputFormat {
        let Some(extension) = path.extension().and_then(|extension| extension.to_str()) else {
            return InputFormat::Text;
        };
        let is = |name: &str| extension.eq_ignore_ascii_case(name);
        if ["html", "htm", "shtml", "xhtml"].into_iter().any(is) {
            InputFormat::Html
        } else if is("docx") {
            InputFormat::Docx
        } else if is("pdf") {
            InputFormat::Pdf
        } else {
            InputFormat::Text
        }
    }

    /// The format of a file: the one its name announces, or for a name that announces none
    /// (`.txt`, standard input) the one its bytes show.
    pub fn detect(name: &Path, bytes: &[u8]) -> InputFormat {
        match InputFormat::from_path(name) {
            InputFormat::Text => InputFormat::sniff(bytes),
            announced => announced,
        }
    }

    /// The format the bytes show, for files whose name says nothing: `%PDF-` in the first KiB
    /// is a PDF; a zip (`PK\3\4`) is a `.docx`; text starting with `<!doctype`, `<html` or a
    /// `<meta>` is a page.
    pub fn sniff(bytes: &[u8]) -> InputFormat {
        if nianbao_pdf::is_pdf(bytes) {
            return InputFormat::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return InputFormat::Docx;
        }
        // A UTF-16 page announces itself with a BOM; read its first characters as text.
        let page = match encoding_rs::Encoding::for_bom(bytes) {
            Some((encoding, bom)) => {
                let start = bytes.get(bom..).unwrap_or(&[]);
                let start = start.get(..256).unwrap_or(start);
                starts_with_markup(&encoding.decode_without_bom_handling(start).0)
            }
            None => starts_with_markup_lossy(bytes.get(..256).unwrap_or(bytes)),
        };
        if page {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }

    /// The file extensions a directory walk should pick up besides text files.
    pub const EXTENSIONS: [&'static str; 6] = ["html", "htm", "shtml", "xhtml", "docx", "pdf"];
}

/// How a page starts, in lower case, after any white space.
const MARKUP: [&str; 9] = [
    "<!doctype html",
    "<html",
    "<head",
    "<meta",
    "<body",
    "<div",
    "<table",
    "<!--",
    "<?xml",
];

/// Whether `head`, after its white space, starts with [`MARKUP`] in any case.
fn starts_with_markup(head: &str) -> bool {
    let head = head.trim_start().as_bytes();
    MARKUP.iter().any(|start| {
        head.get(..start.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(start.as_bytes()))
    })
}

/// [`starts_with_markup`] of the bytes read as UTF-8 with invalid sequences replaced, without
/// building that text: the first valid run holding more than white space decides, and an
/// invalid sequence before it (a U+FFFD, not white space) is no markup.
fn starts_with_markup_lossy(head: &[u8]) -> bool {
    for chunk in head.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.trim_start().is_empty() {
            return starts_with_markup(valid);
        }
        if !chunk.invalid().is_empty() {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`starts_with_markup_lossy`] as it is defined: the lossy text built, trimmed, lowered.
    fn defined(head: &[u8]) -> bool {
        let head = String::from_utf8_lossy(head)
            .trim_start()
            .to_ascii_lowercase();
        MARKUP.iter().any(|start| head.starts_with(start))
    }

    proptest! {
        /// Without building the text, the answer is the one the built text gives: for markup
        /// in any case after any white space (ASCII, ideographic, no-break), cut anywhere, with
        /// stray bytes.
        #[test]
        fn lossy_markup_matches_its_definition(
            text in "[ \t\n\u{3000}\u{00A0}]{0,3}(<(!DOCTYPE html|!doctype HTML|HtMl|head|meta|body|div|table|!--|\\?xml)|偃|<x|a)?[a-z <>]{0,4}",
            cut in 0_usize..40,
            stray in proptest::option::of((0_usize..40, prop_oneof![Just(0x80u8), Just(0xFF), Just(0xE4)])),
        ) {
            let mut bytes = text.into_bytes();
            if let Some((at, byte)) = stray {
                bytes.insert(at.min(bytes.len()), byte);
            }
            let head = bytes.get(..cut).unwrap_or(&bytes);
            prop_assert_eq!(starts_with_markup_lossy(head), defined(head));
        }
    }

    #[test]
    fn names_and_heads_tell_the_format() {
        assert_eq!(
            InputFormat::from_path(Path::new("a.HTM")),
            InputFormat::Html
        );
        assert_eq!(
            InputFormat::from_path(Path::new("a.Docx")),
            InputFormat::Docx
        );
        assert_eq!(InputFormat::from_path(Path::new("a.pdf")), InputFormat::Pdf);
        assert_eq!(
            InputFormat::from_path(Path::new("a.txt")),
            InputFormat::Text
        );
        assert_eq!(InputFormat::from_path(Path::new("html")), InputFormat::Text);
        assert_eq!(
            InputFormat::sniff(b"\n  <!DOCTYPE HTML>"),
            InputFormat::Html
        );
        assert_eq!(
            InputFormat::sniff("一、总体情况".as_bytes()),
            InputFormat::Text
        );
        assert_eq!(InputFormat::sniff(b"\xEF\xBB\xBF<html>"), InputFormat::Html);
    }
}

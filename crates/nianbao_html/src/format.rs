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
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("html" | "htm" | "shtml" | "xhtml") => InputFormat::Html,
            Some("docx") => InputFormat::Docx,
            Some("pdf") => InputFormat::Pdf,
            _ => InputFormat::Text,
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
        let head: String = match encoding_rs::Encoding::for_bom(bytes) {
            Some((encoding, bom)) => {
                let start = bytes.get(bom..).unwrap_or(&[]);
                let start = start.get(..256).unwrap_or(start);
                encoding.decode_without_bom_handling(start).0.into_owned()
            }
            None => String::from_utf8_lossy(bytes.get(..256).unwrap_or(bytes)).into_owned(),
        };
        let head = head.trim_start().to_ascii_lowercase();
        let markup = [
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
        if markup.iter().any(|start| head.starts_with(start)) {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }

    /// The file extensions a directory walk should pick up besides text files.
    pub const EXTENSIONS: [&'static str; 6] = ["html", "htm", "shtml", "xhtml", "docx", "pdf"];
}

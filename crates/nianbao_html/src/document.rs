//! A report file read for the grammar: its bytes recognised (plain text, a saved page, a Word
//! file), turned into the text the grammar reads, and the way back to the file a finding must
//! point into — for its own findings and for the locations other reports' findings name in it.

use crate::{DocxLimits, ExtractError, Extracted, InputFormat, extract_docx, extract_html};
use nianbao_model::{Diagnostic, RelatedLocation};
use nianbao_source::{DecodeError, LineIndex, Span};
use std::path::Path;

/// A report file read into the grammar's text.
#[derive(Clone, Debug)]
pub enum Document {
    /// Plain text: the grammar reads the file's own decoded text.
    Text(String),
    /// A page or a Word file, read into the grammar's tab grid with a map back to the file.
    Extracted(Box<Extracted>),
}

/// Why a file's bytes are not a report that can be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing but whitespace.
    Empty,
    /// Plain text in no encoding a report is written in.
    Decode(DecodeError),
    /// A page or a Word file that could not be read.
    Extract(ExtractError),
}

impl Document {
    /// Reads one report file. `name` (its path, or the name standard input goes by) announces
    /// the format, and the bytes decide when it announces none ([`InputFormat::detect`]), unless
    /// `forced` decides for every file. Empty or whitespace-only input is refused here, so that
    /// the grammar only ever reads something that could be a report.
    ///
    /// A new front end is a variant of [`InputFormat`] and one more arm here, returning its
    /// text with the map back to the file as an [`Extracted`].
    pub fn read(
        bytes: &[u8],
        name: &Path,
        forced: Option<InputFormat>,
    ) -> Result<Document, ReadError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ReadError::Empty);
        }
        let extracted = match forced.unwrap_or_else(|| InputFormat::detect(name, bytes)) {
            InputFormat::Text => return decode_text(bytes).map(Document::Text),
            InputFormat::Html => extract_html(bytes),
            InputFormat::Docx => extract_docx(bytes, &DocxLimits::default()),
        };
        extracted
            .map(|extracted| Document::Extracted(Box::new(extracted)))
            .map_err(ReadError::Extract)
    }

    /// What the grammar reads; every model and diagnostic span points into it.
    pub fn text(&self) -> &str {
        match self {
            Self::Text(text) => text,
            Self::Extracted(extracted) => &extracted.text,
        }
    }

    /// The text findings are shown on, as the user's editor opens the file: the decoded page,
    /// or a `.docx`'s `word/document.xml`.
    pub fn file_text(&self) -> &str {
        match self {
            Self::Text(text) => text,
            Self::Extracted(extracted) => &extracted.original,
        }
    }

    /// [`Document::file_text`], without a copy.
    pub fn into_file_text(self) -> String {
        match self {
            Self::Text(text) => text,
            Self::Extracted(extracted) => extracted.original,
        }
    }

    /// A span of [`Document::text`] in [`Document::file_text`].
    pub fn span_in_file(&self, span: Span) -> Span {
        match self {
            Self::Text(_) => span,
            Self::Extracted(extracted) => extracted.to_original(span),
        }
    }

    /// Places locations in this file that other reports' findings name (their spans are in
    /// [`Document::text`]) on the file as the user opens it.
    pub fn place(&self, locations: &mut [&mut RelatedLocation]) {
        let index = LineIndex::new(self.file_text());
        for related in locations {
            let in_file = self.span_in_file(related.span);
            related.locate(self.file_text(), &index, in_file);
        }
    }

    /// A finding on [`Document::text`] as the file shows it: its span and its labels' mapped
    /// into [`Document::file_text`], so that line and column are those an editor opens.
    pub fn to_file(&self, diagnostic: Diagnostic) -> Diagnostic {
        match self {
            Self::Text(_) => diagnostic,
            Self::Extracted(extracted) => extracted.remap(&diagnostic),
        }
    }
}

/// Decodes a plain-text report; text that decodes to nothing but whitespace is empty.
fn decode_text(bytes: &[u8]) -> Result<String, ReadError> {
    let text = nianbao_source::decode(bytes)
        .map_err(ReadError::Decode)?
        .text;
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(text)
}

/// The related locations of `diagnostics`, one group per file they point into, in path order:
/// each group is placed with one reading of its file ([`Document::place`]).
pub fn related_by_file<'d>(
    diagnostics: impl IntoIterator<Item = &'d mut Diagnostic>,
) -> Vec<Vec<&'d mut RelatedLocation>> {
    let mut locations: Vec<&mut RelatedLocation> = diagnostics
        .into_iter()
        .flat_map(|diagnostic| diagnostic.related.iter_mut())
        .collect();
    locations.sort_by(|a, b| a.path.cmp(&b.path));
    let mut groups: Vec<Vec<&mut RelatedLocation>> = Vec::new();
    for location in locations {
        match groups.last_mut() {
            Some(group)
                if group
                    .first()
                    .is_some_and(|first| first.path == location.path) =>
            {
                group.push(location);
            }
            _ => groups.push(vec![location]),
        }
    }
    groups
}

/// Places every related location of `diagnostics` on its file as the user opens it (a page's
/// markup, not its extracted text), reading each file once however many locations point into
/// it: `open` reads a file again by the path the locations name. A file `open` cannot read
/// leaves its locations unplaced.
pub fn place_related<'d>(
    diagnostics: impl IntoIterator<Item = &'d mut Diagnostic>,
    mut open: impl FnMut(&str) -> Option<Document>,
) {
    for mut in_one_file in related_by_file(diagnostics) {
        if let Some(document) = in_one_file.first().and_then(|first| open(&first.path)) {
            document.place(&mut in_one_file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::{Category, Message, Severity};

    #[test]
    fn formats_are_told_apart_and_failures_named() {
        let page = b"<html><body><p>\xe6\x9f\x90\xe5\xb1\x80</p></body></html>";
        assert!(matches!(
            Document::read(page, Path::new("a.txt"), None),
            Ok(Document::Extracted(_))
        ));
        assert!(matches!(
            Document::read(page, Path::new("a.txt"), Some(InputFormat::Text)),
            Ok(Document::Text(_))
        ));
        assert_eq!(
            Document::read(b" \n\t", Path::new("a.html"), None).unwrap_err(),
            ReadError::Empty
        );
        assert_eq!(
            Document::read(b"a\0\0\0b", Path::new("a.txt"), None).unwrap_err(),
            ReadError::Decode(DecodeError::Binary)
        );
        assert!(matches!(
            Document::read(b"PK\x03\x04cut", Path::new("a"), None),
            Err(ReadError::Extract(ExtractError::NotZip { .. }))
        ));
    }

    #[test]
    fn related_locations_are_placed_on_the_markup_each_file_read_once() {
        let page = "<html><body><table><tr><td>上年结转</td><td>7</td></tr></table></body></html>";
        let document = Document::read(page.as_bytes(), Path::new("2023.html"), None).unwrap();
        let at = u32::try_from(document.text().find('7').unwrap()).unwrap();
        let finding = |path: &str| {
            Diagnostic::new(
                "X001",
                "carry-over",
                Severity::Warning,
                Category::Consistency,
                Message::new("甲", "a"),
                Span::new(0, 1),
            )
            .with_related(RelatedLocation::new(
                path,
                Span::new(at, at + 1),
                Message::default(),
            ))
        };
        let mut diagnostics = vec![finding("2023.html"), finding("2023.html"), finding("gone")];
        let mut opened = Vec::new();
        place_related(&mut diagnostics, |path| {
            opened.push(path.to_owned());
            (path == "2023.html").then(|| document.clone())
        });
        assert_eq!(opened, ["2023.html", "gone"]);
        let column = u32::try_from(page[..page.find('7').unwrap()].chars().count()).unwrap() + 1;
        for diagnostic in &diagnostics[..2] {
            let placed = diagnostic.related[0].placed.unwrap();
            assert_eq!((placed.start.line, placed.start.column), (1, column));
            assert_eq!(placed.end.column, column + 1);
        }
        assert_eq!(diagnostics[2].related[0].placed, None);
    }
}

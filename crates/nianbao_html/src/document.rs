//! A report file read for the grammar: its bytes recognised (plain text, a saved page, a Word
//! file, a PDF), turned into the text the grammar reads, and the way back to the file a finding must
//! point into — for its own findings and for the locations other reports' findings name in it.

use crate::map::Writer;
use crate::warning::{ReadWarning, Warning};
use crate::{DocxLimits, ExtractError, Extracted, InputFormat, extract_docx, extract_html};
use nianbao_model::{Diagnostic, RelatedLocation};
use nianbao_pdf::{ExtractedPdf, PageMap, PdfError, PdfLimits};
use nianbao_source::{DecodeError, Decoded, LineIndex, Span, contains_invisible, is_invisible};
use std::path::Path;

/// A report file read into the grammar's text, and what of it was not read as written.
#[derive(Clone, Debug)]
pub struct Document {
    pub content: Content,
    /// Places not read exactly as written (damaged bytes replaced, a table cut at the cell
    /// budget), spans in [`Document::text`], in text order per kind.
    pub warnings: Vec<ReadWarning>,
}

/// What the grammar reads, and how it relates to the file.
#[derive(Clone, Debug)]
pub enum Content {
    /// Plain text: the grammar reads the file's own decoded text.
    Text(String),
    /// A page or a Word file read into the grammar's tab grid, or plain text read without the
    /// characters that print nothing ([`is_invisible`]), with a map back to the file.
    Extracted(Box<Extracted>),
    /// A PDF, read into the grammar's tab grid with a map to the page each character was
    /// printed on. A PDF has no text an editor opens, so findings keep the line and column of
    /// the extracted text (what `nianbao text` prints) and add the page ([`Document::page_of`]).
    Pdf(Box<ExtractedPdf>),
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
    /// A PDF that could not be read (encrypted, damaged, a scan with no text, over a budget).
    Pdf(PdfError),
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
            InputFormat::Text => {
                return read_text(nianbao_source::decode(bytes).map_err(ReadError::Decode)?);
            }
            InputFormat::Html => extract_html(bytes),
            InputFormat::Docx => extract_docx(bytes, &DocxLimits::default()),
            InputFormat::Pdf => {
                return nianbao_pdf::extract_pdf(bytes, &PdfLimits::default())
                    .map(|pdf| Document {
                        content: Content::Pdf(Box::new(pdf)),
                        warnings: Vec::new(),
                    })
                    .map_err(ReadError::Pdf);
            }
        };
        let mut extracted = extracted.map_err(ReadError::Extract)?;
        Ok(Document {
            warnings: std::mem::take(&mut extracted.warnings),
            content: Content::Extracted(Box::new(extracted)),
        })
    }

    /// Plain text read as it is, with nothing to warn of (an editor's buffer, a test's text).
    pub fn from_text(text: String) -> Document {
        Document {
            content: Content::Text(text),
            warnings: Vec::new(),
        }
    }

    /// What the grammar reads; every model and diagnostic span points into it.
    pub fn text(&self) -> &str {
        match &self.content {
            Content::Text(text) => text,
            Content::Extracted(extracted) => &extracted.text,
            Content::Pdf(pdf) => &pdf.text,
        }
    }

    /// The 1-based page of a PDF the character at byte `offset` of [`Document::text`] was
    /// printed on; `None` for a document without pages.
    pub fn page_of(&self, offset: u32) -> Option<u32> {
        self.pages().and_then(|pages| pages.page_of(offset))
    }

    /// A PDF's map from [`Document::text`] to its pages.
    pub fn pages(&self) -> Option<&PageMap> {
        match &self.content {
            Content::Pdf(pdf) => Some(&pdf.map),
            Content::Text(_) | Content::Extracted(_) => None,
        }
    }

    /// The text findings are shown on, as the user's editor opens the file: the decoded page;
    /// for a `.docx` and a PDF, which no editor opens as text, the extracted text.
    pub fn file_text(&self) -> &str {
        match &self.content {
            Content::Text(text) => text,
            Content::Extracted(extracted) => extracted.file_text(),
            Content::Pdf(pdf) => &pdf.text,
        }
    }

    /// [`Document::file_text`], without a copy.
    pub fn into_file_text(self) -> String {
        match self.content {
            Content::Text(text) => text,
            Content::Extracted(extracted) if extracted.placed_on_original() => extracted.original,
            Content::Extracted(extracted) => extracted.text,
            Content::Pdf(pdf) => pdf.text,
        }
    }

    /// Whether the grammar's text is a different text from the file's (a page's cells, a Word
    /// file's paragraphs), worth showing in its place; plain text read without its invisible
    /// characters is not.
    pub fn is_extracted(&self) -> bool {
        matches!(&self.content, Content::Extracted(extracted) if extracted.format != InputFormat::Text)
    }

    /// A span of [`Document::text`] in [`Document::file_text`].
    pub fn span_in_file(&self, span: Span) -> Span {
        match &self.content {
            Content::Text(_) | Content::Pdf(_) => span,
            Content::Extracted(extracted) => extracted.span_in_file(span),
        }
    }

    /// Places locations in this file that other reports' findings name (their spans are in
    /// [`Document::text`]) on the file as the user opens it, with their page in a PDF.
    pub fn place(&self, locations: &mut [&mut RelatedLocation]) {
        let index = LineIndex::new(self.file_text());
        for related in locations {
            let in_file = self.span_in_file(related.span);
            related.locate(self.file_text(), &index, in_file);
            if let Some(placed) = &mut related.placed {
                placed.page = self.page_of(related.span.start);
            }
        }
    }

    /// A finding on [`Document::text`] as the file shows it: its span and its labels' mapped
    /// into [`Document::file_text`], so that line and column are those an editor opens.
    pub fn to_file(&self, diagnostic: Diagnostic) -> Diagnostic {
        match &self.content {
            Content::Text(_) | Content::Pdf(_) => diagnostic,
            Content::Extracted(extracted) => extracted.to_file(&diagnostic),
        }
    }
}

/// Reads a plain-text report: decoded, damaged bytes replaced and said, and the characters
/// that print nothing left out of what the grammar reads (a zero-width space inside `1\u{200B}23`
/// must not split the number), with a map back to the file's text. Text that decodes to
/// nothing visible is empty.
fn read_text(decoded: Decoded) -> Result<Document, ReadError> {
    if decoded
        .text
        .chars()
        .all(|ch| ch.is_whitespace() || is_invisible(ch))
    {
        return Err(ReadError::Empty);
    }
    let encoding = decoded.encoding.label();
    let mut warnings: Vec<ReadWarning> = decoded
        .replaced
        .iter()
        .map(|replaced| ReadWarning {
            span: replaced.span,
            warning: Warning::Replaced {
                damage: replaced.damage,
                encoding,
            },
        })
        .collect();
    let text = decoded.text;
    if !contains_invisible(&text) {
        return Ok(Document {
            content: Content::Text(text),
            warnings,
        });
    }
    // Runs between invisible characters are copied; each warning's offsets move back by the
    // invisible bytes before them.
    let mut out = Writer::default();
    let mut removed: Vec<(u32, u32)> = Vec::new();
    let mut run_start = 0usize;
    for (at, ch) in text.char_indices().filter(|&(_, ch)| is_invisible(ch)) {
        out.copy(&text, run_start..at);
        run_start = at + ch.len_utf8();
        let total = removed.last().map_or(0, |&(_, total)| total);
        removed.push((to_u32(at), total + to_u32(ch.len_utf8())));
    }
    out.copy(&text, run_start..text.len());
    let moved = |offset: u32| {
        let before = removed.partition_point(|&(at, _)| at < offset);
        let shift = before
            .checked_sub(1)
            .and_then(|last| removed.get(last))
            .map_or(0, |&(_, total)| total);
        offset - shift
    };
    for warning in &mut warnings {
        warning.span = Span::new(moved(warning.span.start), moved(warning.span.end));
    }
    let (grammar_text, map) = out.into_parts();
    Ok(Document {
        content: Content::Extracted(Box::new(Extracted {
            text: grammar_text,
            map,
            original: text,
            format: InputFormat::Text,
            encoding,
            warnings: Vec::new(),
        })),
        warnings,
    })
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
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
        let read = |forced| Document::read(page, Path::new("a.txt"), forced).map(|d| d.content);
        assert!(matches!(read(None), Ok(Content::Extracted(_))));
        assert!(matches!(
            read(Some(InputFormat::Text)),
            Ok(Content::Text(_))
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
            Err(ReadError::Extract(ExtractError::Damaged { .. }))
        ));
    }

    #[test]
    fn characters_that_print_nothing_do_not_split_a_number() {
        let line = "本年新收政府信息公开申请数量\t8\u{200B}1\t\u{FEFF}0\n";
        let text = line.repeat(60);
        let document = Document::read(text.as_bytes(), Path::new("a.txt"), None).unwrap();
        assert!(
            document
                .text()
                .starts_with("本年新收政府信息公开申请数量\t81\t0\n")
        );
        assert!(
            !document.is_extracted(),
            "shown as the file, not as an extraction"
        );
        // `81` in the grammar's text is `8\u{200B}1` in the file.
        let at = u32::try_from(document.text().find("81").unwrap()).unwrap();
        let in_file = document.span_in_file(Span::new(at, at + 2));
        assert_eq!(in_file.slice(document.file_text()), "8\u{200B}1");
        assert_eq!(document.file_text(), text);
        // Nothing but invisible characters and whitespace is empty.
        let invisible = "\u{200B}\u{FEFF} \n".repeat(9);
        assert_eq!(
            Document::read(invisible.as_bytes(), Path::new("a.txt"), None).unwrap_err(),
            ReadError::Empty
        );
    }

    #[test]
    fn damaged_bytes_are_warnings_at_their_place_in_the_grammars_text() {
        let line = "本年新收政府信息公开申请数量\t8\u{200B}1\n";
        let mut bytes = line.repeat(60).into_bytes();
        let nul_at = bytes.len() - 2;
        bytes.insert(nul_at, 0);
        let document = Document::read(&bytes, Path::new("a.txt"), None).unwrap();
        let [warning] = &document.warnings[..] else {
            panic!("{:?}", document.warnings)
        };
        assert_eq!(warning.span.slice(document.text()), "\u{FFFD}");
        assert!(document.text().ends_with("\t8\u{FFFD}1\n"));
        assert_eq!(
            document
                .span_in_file(warning.span)
                .slice(document.file_text()),
            "\u{FFFD}"
        );
        assert!(warning.warning.message().zh.contains("NUL"));
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

//! The documents the editor has open: their text as of the last change, how each is read, and
//! the analysis of the version last checked.

use crate::analysis::{Analysis, Format};
use crate::convert::Lines;
use crate::uri;
use lsp_types as lsp;
use nianbao_source::{ColumnUnit, LineIndex};
use std::path::PathBuf;

/// One open document.
pub struct Document {
    pub uri: lsp::Uri,
    pub version: i32,
    pub text: String,
    pub format: Format,
    /// The local file, for finding its `nianbao.toml` (`None` for an unsaved buffer).
    pub path: Option<PathBuf>,
    /// The analysis of `text`, or `None` while a change waits to be checked.
    pub analysis: Option<Analysis>,
}

impl Document {
    /// A document the server checks, or `None` for one `nianbao check` would not read as a
    /// report: known by its extension (text, Markdown, web pages), else by the editor's
    /// language. A folder's README, LICENSE or CHANGELOG is never a report.
    pub fn open(item: lsp::TextDocumentItem) -> Option<Document> {
        let path = uri::to_path(item.uri.as_str());
        let name = item
            .uri
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
        if ["readme", "license", "changelog"].contains(&stem) {
            return None;
        }
        let format = match extension {
            "txt" | "md" | "markdown" => Format::Text,
            "html" | "htm" | "shtml" | "xhtml" => Format::Html,
            _ => match item.language_id.as_str() {
                "plaintext" | "text" | "markdown" => Format::Text,
                "html" => Format::Html,
                _ => return None,
            },
        };
        Some(Document {
            uri: item.uri,
            version: item.version,
            text: item.text,
            format,
            path,
            analysis: None,
        })
    }

    /// Applies the changes of one `didChange`, in order: whole texts (the sync the server asks
    /// for) or ranges, in the client's column unit.
    pub fn change(
        &mut self,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        unit: ColumnUnit,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let index = LineIndex::new(&self.text);
                    let lines = Lines {
                        text: &self.text,
                        index: &index,
                        unit,
                    };
                    let start = lines.offset(range.start) as usize;
                    let end = (lines.offset(range.end) as usize).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
        self.version = version;
        self.analysis = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(uri: &str, language: &str) -> lsp::TextDocumentItem {
        lsp::TextDocumentItem {
            uri: uri.parse().unwrap(),
            language_id: language.to_owned(),
            version: 1,
            text: "总计\t81\n".to_owned(),
        }
    }

    #[test]
    fn report_files_by_extension_then_language() {
        let format = |uri, language| Document::open(item(uri, language)).map(|d| d.format);
        assert_eq!(
            format("file:///a/%E5%B9%B4%E6%8A%A5.txt", "plaintext"),
            Some(Format::Text)
        );
        assert_eq!(format("file:///a/b.HTML", "html"), Some(Format::Html));
        assert_eq!(format("file:///a/README.md", "markdown"), None);
        assert_eq!(format("file:///a/b.rs", "rust"), None);
        assert_eq!(
            format("untitled:Untitled-1", "plaintext"),
            Some(Format::Text)
        );
    }

    #[test]
    fn ranged_changes_in_utf16_units() {
        let mut document = Document::open(item("file:///a.txt", "plaintext")).unwrap();
        let range = lsp::Range::new(lsp::Position::new(0, 3), lsp::Position::new(0, 5));
        document.change(
            2,
            vec![lsp::TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text: "82".to_owned(),
            }],
            ColumnUnit::Utf16,
        );
        assert_eq!(
            (document.text.as_str(), document.version),
            ("总计\t82\n", 2)
        );
    }
}

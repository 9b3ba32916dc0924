//! Renders findings for people (miette; the [`audit`] page and the [`csv`] table for reviewers)
//! and for tools (concise, JSON, SARIF, GitHub).
//!
//! This crate owns how a [`Diagnostic`] is shown, and nothing about how it was found. A
//! diagnostic carries byte spans into its decoded source; [`Finding::locate`] resolves them once,
//! while the source is still at hand, into 1-based lines and columns counted every way a tool
//! may count them ([`Position`]: characters, UTF-8 bytes, UTF-16 code units), plus a
//! line-shift-proof fingerprint. Every renderer then shows columns in the [`ColumnUnit`] it is
//! given — characters by default (a Chinese character is three bytes but one column); bytes for
//! Vim, UTF-16 for VS Code and LSP — so a corpus run can drop each report's text as soon as the
//! report is checked. Only the graphical [`full`] renderer needs the source, to show the
//! snippet; the audit page keeps, per finding, only the few lines it shows ([`audit::Excerpt`]),
//! and names each report by its [`facts::ReportFacts`]. A location in another file (a
//! cross-report rule's last-year cell) comes already placed on that file by whoever read it
//! again; one that could not be placed points at the file's start. Within a file, findings are shown in [`output_order`].
//!
//! The machine formats are a contract with editors, CI and scripts: fields are added, never
//! renamed. End positions are exclusive (the column after the last flagged character), as in
//! SARIF and LSP.

pub mod audit;
pub mod csv;
pub mod facts;
pub mod full;
pub mod machine;
pub mod sarif;

pub use nianbao_model::Lang;
use nianbao_model::{Category, Diagnostic, Message, RelatedLocation, Severity, Span};
use nianbao_source::LineIndex;
pub use nianbao_source::{ColumnUnit, Position};
use serde::Serialize;

/// A resolved range: start inclusive, end exclusive, each with its column in every unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Region {
    pub start: Position,
    pub end: Position,
}

impl Region {
    /// A file's first character, where a location in a file that could not be read again
    /// points.
    const FILE_START: Region = Region {
        start: Position {
            line: 1,
            column: 1,
            utf16_column: 1,
            byte_column: 1,
        },
        end: Position {
            line: 1,
            column: 1,
            utf16_column: 1,
            byte_column: 1,
        },
    };

    /// Where a related location lies in its file; the file's start when it could not be placed.
    pub(crate) fn of_related(related: &RelatedLocation) -> Region {
        related.placed.map_or(Region::FILE_START, |placed| Region {
            start: placed.start,
            end: placed.end,
        })
    }

    fn resolve(source: &str, index: &LineIndex, span: Span) -> Region {
        Region {
            start: index.position(source, span.start),
            end: index.position(source, span.end.max(span.start)),
        }
    }
}

/// A secondary location, resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FoundLabel {
    pub region: Region,
    pub message: String,
    /// The page of a PDF the label's text was printed on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A location in another file (last year's report for a cross-report rule), as it was placed on
/// that file (see [`RelatedLocation::locate`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FoundRelated {
    pub path: String,
    pub region: Region,
    pub message: String,
    /// The page of a PDF the location was printed on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A diagnostic resolved against its source, in one language: everything the machine formats
/// print, and nothing that needs the source text any more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub path: String,
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub category: Category,
    pub message: String,
    pub help: Option<String>,
    pub region: Region,
    /// The page of a PDF the flagged text was printed on (lines and columns are those of the
    /// text extracted from it, which `nianbao text` prints).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub labels: Vec<FoundLabel>,
    /// Locations in other files.
    pub related: Vec<FoundRelated>,
    /// The flagged text, whitespace removed; for an empty span (a blank cell), its whole line.
    /// Baselines and fingerprints key on it so that findings survive lines moving.
    pub flagged: String,
    /// Hex digest of path, code and `flagged`; see [`assign_fingerprints`] for duplicates.
    pub fingerprint: String,
}

impl Finding {
    /// Resolves `diagnostic` against `source` (the decoded text its spans point into).
    pub fn locate(
        path: &str,
        source: &str,
        index: &LineIndex,
        diagnostic: &Diagnostic,
        lang: Lang,
    ) -> Finding {
        let flagged = flagged_text(source, index, diagnostic.span);
        let fingerprint = format!(
            "{:016x}",
            fnv1a([path, diagnostic.code.as_ref(), flagged.as_str()])
        );
        Finding {
            path: path.to_owned(),
            code: diagnostic.code.to_string(),
            name: diagnostic.name.to_string(),
            severity: diagnostic.severity,
            category: diagnostic.category,
            message: diagnostic.message.get(lang).to_owned(),
            help: diagnostic
                .help
                .as_ref()
                .map(|help| help.get(lang).to_owned()),
            region: Region::resolve(source, index, diagnostic.span),
            page: None,
            labels: diagnostic
                .labels
                .iter()
                .map(|label| FoundLabel {
                    region: Region::resolve(source, index, label.span),
                    message: label.message.get(lang).to_owned(),
                    page: None,
                })
                .collect(),
            related: diagnostic
                .related
                .iter()
                .map(|related| FoundRelated {
                    path: related.path.clone(),
                    region: Region::of_related(related),
                    message: related.message.get(lang).to_owned(),
                    page: related.placed.and_then(|placed| placed.page),
                })
                .collect(),
            flagged,
            fingerprint,
        }
    }

    /// The finding with the pages of a PDF its span and labels were printed on.
    pub fn with_pages(mut self, pages: &Pages) -> Finding {
        self.page = pages.span;
        for (label, page) in self.labels.iter_mut().zip(&pages.labels) {
            label.page = *page;
        }
        self
    }

    /// Resolves every diagnostic of one file, in [`output_order`], with duplicate fingerprints
    /// made unique.
    pub fn locate_all(
        path: &str,
        source: &str,
        diagnostics: &[Diagnostic],
        lang: Lang,
    ) -> Vec<Finding> {
        let index = LineIndex::new(source);
        let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
        ordered.sort_by(|a, b| output_order(a, b));
        let mut findings: Vec<Finding> = ordered
            .into_iter()
            .map(|diagnostic| Finding::locate(path, source, &index, diagnostic, lang))
            .collect();
        assign_fingerprints(&mut findings);
        findings
    }
}

/// The pages of a PDF a diagnostic's span and its labels were printed on, found while the
/// document's page map is at hand ([`Finding::with_pages`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pages {
    pub span: Option<u32>,
    /// One per label, in the diagnostic's order.
    pub labels: Vec<Option<u32>>,
}

impl Pages {
    /// The pages of `diagnostic`'s spans: `page_of` gives the page of a text offset.
    pub fn of(diagnostic: &Diagnostic, page_of: impl Fn(u32) -> Option<u32>) -> Pages {
        Pages {
            span: page_of(diagnostic.span.start),
            labels: diagnostic
                .labels
                .iter()
                .map(|label| page_of(label.span.start))
                .collect(),
        }
    }
}

/// The order a file's findings are shown in: by position in the file, then code, then message
/// (its Chinese text, so that the order is the same in every output language).
pub fn output_order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (a.span.start, a.span.end, &a.code, &a.message.zh).cmp(&(
        b.span.start,
        b.span.end,
        &b.code,
        &b.message.zh,
    ))
}

/// Two findings with the same path, code and flagged text (two blank cells on one row) would
/// share a digest; the second and later ones get `:2`, `:3` … in output order, which keeps them
/// distinct and still independent of line numbers.
pub fn assign_fingerprints(findings: &mut [Finding]) {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for finding in findings.iter_mut() {
        let count = seen.entry(finding.fingerprint.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            finding.fingerprint = format!("{}:{}", finding.fingerprint, count);
        }
    }
}

fn flagged_text(source: &str, index: &LineIndex, span: Span) -> String {
    let text = span.slice(source);
    let text = if text.trim().is_empty() {
        let line = index.line_of(span.start);
        let start = index.line_start(line).unwrap_or(0);
        let end = index
            .line_start(line.saturating_add(1))
            .unwrap_or(u32::try_from(source.len()).unwrap_or(u32::MAX));
        Span::new(start, end).slice(source)
    } else {
        text
    };
    text.chars().filter(|ch| !ch.is_whitespace()).collect()
}

/// FNV-1a, 64 bits: tiny, dependency-free and stable across releases and platforms, which is all
/// a fingerprint needs (it identifies, it does not protect). Parts are separated by a NUL so that
/// `("ab", "c")` and `("a", "bc")` differ.
fn fnv1a<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// What a renderer needs to know about a rule (SARIF's `tool.driver.rules`, `nianbao rules`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMeta {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub category: Category,
    /// One line.
    pub summary: Message,
    /// Longer documentation, when the rule has any.
    pub doc: Option<Message>,
}

/// A related location placed at `start`..`end` (line, column in characters), for the renderers'
/// tests. Its other columns are those of a line that begins with one character outside the BMP
/// (two UTF-16 units, four bytes) followed by Chinese characters (three bytes each), so that a
/// renderer showing the wrong unit is caught.
#[cfg(test)]
pub(crate) fn related_at(
    path: &str,
    start: (u32, u32),
    end: (u32, u32),
    message: Message,
) -> RelatedLocation {
    let position = |(line, column): (u32, u32)| Position {
        line,
        column,
        utf16_column: column + 1,
        byte_column: 3 * column - 1,
    };
    let mut related = RelatedLocation::new(path, Span::default(), message);
    related.placed = Some(nianbao_model::Placed {
        start: position(start),
        end: position(end),
        page: None,
    });
    related
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(span: Span) -> Diagnostic {
        Diagnostic::new(
            "B001",
            "blank-cell",
            Severity::Warning,
            Category::Format,
            Message::new("空白单元格", "blank cell"),
            span,
        )
    }

    #[test]
    fn columns_are_counted_every_way_and_ends_exclusive() {
        let source = "标题\n（一）𠀀自然人\t81\t0\n";
        let start = source.find("81").unwrap();
        let span = Span::from_range(start..start + 2);
        let findings = Finding::locate_all("a.txt", source, &[diagnostic(span)], Lang::En);
        let Region { start, end } = findings[0].region;
        // （ 一 ） 𠀀 自 然 人 ⇥: "81" starts at character 9 and ends before character 11; 𠀀
        // takes two UTF-16 units and four bytes, each of the others three bytes.
        assert_eq!((start.line, end.line), (2, 2));
        assert_eq!((start.column, end.column), (9, 11));
        assert_eq!((start.utf16_column, end.utf16_column), (10, 12));
        assert_eq!((start.byte_column, end.byte_column), (24, 26));
        assert_eq!(
            start.byte_column as usize,
            start_in_line(source, "81") + 1,
            "the byte column is the 1-based byte offset in the line"
        );
        assert_eq!(findings[0].message, "blank cell");
    }

    fn start_in_line(source: &str, needle: &str) -> usize {
        let at = source.find(needle).unwrap();
        at - source[..at].rfind('\n').map_or(0, |newline| newline + 1)
    }

    #[test]
    fn fingerprints_survive_line_shifts_and_separate_duplicates() {
        let source = "（一）自然人\t\t\t81\n";
        let shifted = format!("\n\n{source}");
        let at = |text: &str| {
            let offset = u32::try_from(text.find('\t').unwrap() + 1).unwrap();
            Span::new(offset, offset)
        };
        let first = Finding::locate_all("a.txt", source, &[diagnostic(at(source))], Lang::Zh);
        let second = Finding::locate_all(
            "a.txt",
            &shifted,
            &[diagnostic(at(&shifted)), diagnostic(at(&shifted))],
            Lang::Zh,
        );
        assert_eq!(first[0].fingerprint, second[0].fingerprint);
        assert_eq!(
            second[1].fingerprint,
            format!("{}:2", second[0].fingerprint)
        );
        // An empty span is keyed on its whole line.
        assert_eq!(first[0].flagged, "（一）自然人81");
        let other_path = Finding::locate_all("b.txt", source, &[diagnostic(at(source))], Lang::Zh);
        assert_ne!(first[0].fingerprint, other_path[0].fingerprint);
    }

    #[test]
    fn out_of_range_spans_do_not_panic() {
        let source = "总计";
        let findings = Finding::locate_all(
            "a.txt",
            source,
            &[diagnostic(Span::new(4, 99)), diagnostic(Span::new(9, 2))],
            Lang::Zh,
        );
        assert_eq!(findings.len(), 2);
        assert!(findings.iter().all(|f| f.region.start.line == 1));
    }
}

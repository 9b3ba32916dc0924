//! `nianbao.toml` as written: every key of the file format, read with spans for its errors. The
//! command line (`nianbao check`) and the language server read the file through this one
//! definition, so a key one of them accepts the other accepts too; each applies what concerns
//! it (the server ignores the run's settings, such as `output-format`, and the cross-report
//! tables).
//!
//! Two kinds of key:
//!
//! - **per file** — `select`, `ignore`, `[per-file-ignores]`, `[severity]`: the nearest
//!   `nianbao.toml` above a report governs its findings.
//! - **per run** — `fail-on`, `lang`, `output-format`, `column-unit`, `input-format`,
//!   `max-file-size`, `show-info`, `exclude`, `respect-gitignore`: read from the run's project
//!   configuration (`--config`, else the `nianbao.toml` governing the first path given); the
//!   command line's own options win over them.
//!
//! `[aliases]` and `[regions]` feed the cross-report rules. Values the command line validates
//! itself (format and unit names, sizes) keep their span, so a wrong one is pointed at.
//! `nianbao.example.toml` at the repository root is an annotated example, loaded by the tests.

use nianbao_model::{Lang, Severity, Span};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The name the file is discovered by.
pub const CONFIG_FILE: &str = "nianbao.toml";

/// `nianbao.toml` as written. Unknown keys are an error, pointed at.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Selectors (codes, code prefixes, rule names, categories, `ALL`) findings must match.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Selectors of findings never shown.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Glob (relative to the file's folder) → selectors ignored in the files it matches.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Selector → the severity its findings take; the most specific selector wins.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Body name → the body it stands for, for the cross-report rules.
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    /// Parent body → the bodies whose reports its report sums up, for the region rule.
    #[serde(default)]
    pub regions: BTreeMap<String, Vec<String>>,
    // The run's settings (see the crate doc), as `--fail-on`, `--lang` … set them.
    #[serde(default)]
    pub fail_on: Option<Severity>,
    #[serde(default)]
    pub lang: Option<Lang>,
    /// A `--output-format` name, checked by the command line.
    #[serde(default)]
    pub output_format: Option<Spanned<String>>,
    /// A `--column-unit` name, checked by the command line.
    #[serde(default)]
    pub column_unit: Option<Spanned<String>>,
    /// A `--input-format` name, checked by the command line.
    #[serde(default)]
    pub input_format: Option<Spanned<String>>,
    #[serde(default)]
    pub max_file_size: Option<Spanned<Size>>,
    #[serde(default)]
    pub show_info: Option<bool>,
    /// Gitignore-style globs, relative to the file's folder, of what folder walks skip.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Whether folder walks honour `.gitignore` and `.ignore` files (default yes).
    #[serde(default)]
    pub respect_gitignore: Option<bool>,
}

/// A size as written: bytes, or text with a unit (`"20M"`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Size {
    Bytes(u64),
    Text(String),
}

/// A file that is not valid TOML or not the format, with where.
#[derive(Clone, Debug)]
pub struct ParseError {
    pub span: Option<Span>,
    pub message: String,
}

impl ConfigFile {
    /// Reads `text` as a `nianbao.toml`.
    pub fn parse(text: &str) -> Result<ConfigFile, ParseError> {
        toml::from_str(text).map_err(|error| ParseError {
            span: error.span().map(Span::from_range),
            message: error.message().to_owned(),
        })
    }

    /// Every selector the file names, with the key it is under (`select`, `ignore`,
    /// `per-file-ignores`, `severity`), to be checked against the rules' codes.
    pub fn selectors(&self) -> impl Iterator<Item = NamedSelector<'_>> {
        fn listed<'f>(key: &'static str, list: &'f [String]) -> Vec<NamedSelector<'f>> {
            list.iter()
                .map(|selector| NamedSelector { key, selector })
                .collect()
        }
        let mut all = listed("select", self.select.as_deref().unwrap_or(&[]));
        all.extend(listed("ignore", &self.ignore));
        for selectors in self.per_file_ignores.values() {
            all.extend(listed("per-file-ignores", selectors));
        }
        all.extend(self.severity.keys().map(|selector| NamedSelector {
            key: "severity",
            selector,
        }));
        all.into_iter()
    }
}

/// A selector as named in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NamedSelector<'f> {
    pub key: &'static str,
    pub selector: &'f str,
}

impl NamedSelector<'_> {
    /// Where the selector is written in `text` (the file it was read from): its first quoted
    /// occurrence after the key, else anywhere; a bare key of `[severity]` at a line's start.
    pub fn span(&self, text: &str) -> Option<Span> {
        let after_key = text.find(self.key).unwrap_or(0);
        let find_after = |needle: &str| {
            text.get(after_key..)
                .and_then(|rest| rest.find(needle))
                .map(|offset| after_key + offset)
        };
        let quoted = format!("\"{}\"", self.selector);
        if let Some(at) = find_after(&quoted) {
            return Some(Span::from_range(at..at + quoted.len()));
        }
        if let Some(at) = find_after(&format!("\n{}", self.selector)) {
            return Some(Span::from_range(at + 1..at + 1 + self.selector.len()));
        }
        let at = text.find(&quoted)?;
        Some(Span::from_range(at..at + quoted.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads() {
        let file = ConfigFile::parse(
            r#"
            select = ["arithmetic"]
            ignore = ["M004"]
            fail-on = "warning"
            lang = "en"
            output-format = "concise"
            column-unit = "byte"
            input-format = "text"
            max-file-size = "5M"
            show-info = true
            exclude = ["drafts/"]
            respect-gitignore = false
            [per-file-ignores]
            "2019/**" = ["M003"]
            [severity]
            B001 = "info"
            "#,
        )
        .unwrap();
        assert_eq!(file.fail_on, Some(Severity::Warning));
        assert_eq!(file.lang, Some(Lang::En));
        assert_eq!(file.output_format.as_ref().unwrap().get_ref(), "concise");
        assert_eq!(
            *file.max_file_size.as_ref().unwrap().get_ref(),
            Size::Text("5M".into())
        );
        assert_eq!(file.exclude, ["drafts/"]);
        let named: Vec<(&str, &str)> = file
            .selectors()
            .map(|named| (named.key, named.selector))
            .collect();
        assert_eq!(
            named,
            [
                ("select", "arithmetic"),
                ("ignore", "M004"),
                ("per-file-ignores", "M003"),
                ("severity", "B001")
            ]
        );
        assert!(matches!(
            ConfigFile::parse("max-file-size = 1024")
                .unwrap()
                .max_file_size
                .map(Spanned::into_inner),
            Some(Size::Bytes(1024))
        ));
    }

    #[test]
    fn unknown_keys_are_pointed_at() {
        let text = "ignore = [\"B001\"]\nselct = 1\n";
        let error = ConfigFile::parse(text).unwrap_err();
        assert_eq!(error.span.unwrap().slice(text), "selct");
        let error = ConfigFile::parse("fail-on = \"fatal\"\n").unwrap_err();
        assert!(error.message.contains("fatal") || error.message.contains("variant"));
    }

    #[test]
    fn a_selector_is_found_after_its_key() {
        let text = "select = [\"B001\"]\nignore = [\"B001\", \"T9\"]\n";
        let file = ConfigFile::parse(text).unwrap();
        let ignored = file.selectors().nth(1).unwrap();
        assert_eq!(ignored.key, "ignore");
        let span = ignored.span(text).unwrap();
        assert_eq!(span.slice(text), "\"B001\"");
        assert!(span.start as usize > text.find("ignore").unwrap());
        let bare = "ignore = [\"B01\"]\n[severity]\nB01 = \"info\"\n";
        let file = ConfigFile::parse(bare).unwrap();
        let severity = file.selectors().nth(1).unwrap();
        let span = severity.span(bare).unwrap();
        assert_eq!((severity.key, span.slice(bare)), ("severity", "B01"));
        assert!(span.start as usize > bare.find("[severity]").unwrap());
    }
}

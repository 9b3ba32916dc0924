//! The nearest `nianbao.toml` above a document, and what it says about the document's findings:
//! `select`, `ignore`, `per-file-ignores` and `[severity]`, read as `nianbao check` reads them.
//! The file format is `nianbao_config`'s, the command line's too, so the server accepts every
//! key `nianbao check` does; `[aliases]` and `[regions]` (the cross-report rules) and the run's
//! settings (`output-format`, `exclude` …) do not concern it. Discovery and matching are still
//! a copy of the command line's, kept small until both move into that library.

use nianbao_model::{Diagnostic, Span};
use std::path::{Path, PathBuf};

pub use nianbao_config::CONFIG_FILE;
use nianbao_config::ConfigFile;

/// The configuration governing one document, with the document's path relative to it.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    file: ConfigFile,
    /// `/`-separated, for `per-file-ignores`.
    relative: Option<String>,
}

/// A `nianbao.toml` that could not be read or parsed.
#[derive(Clone, Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub span: Option<Span>,
    pub message: String,
}

impl Policy {
    /// The policy of the nearest `nianbao.toml` in `document`'s folder or above (none: every
    /// finding as the rules say).
    pub fn for_document(document: &Path) -> Result<Policy, ConfigError> {
        let Some(config) = document.ancestors().skip(1).find_map(|folder| {
            let candidate = folder.join(CONFIG_FILE);
            candidate.is_file().then_some(candidate)
        }) else {
            return Ok(Policy::default());
        };
        let text = std::fs::read_to_string(&config).map_err(|error| ConfigError {
            path: config.clone(),
            text: String::new(),
            span: None,
            message: error.to_string(),
        })?;
        let file = ConfigFile::parse(&text).map_err(|error| ConfigError {
            path: config.clone(),
            span: error.span,
            message: error.message,
            text: text.clone(),
        })?;
        let relative = config.parent().and_then(|root| {
            let relative = document.strip_prefix(root).ok()?;
            Some(
                relative
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        });
        Ok(Policy { file, relative })
    }

    /// One finding under this policy: dropped when not selected, else with its severity
    /// overridden as configured (the most specific selector wins).
    pub fn adjust(&self, mut diagnostic: Diagnostic) -> Option<Diagnostic> {
        if !self.selected(&diagnostic) {
            return None;
        }
        let overridden = self
            .file
            .severity
            .iter()
            .filter(|(selector, _)| matches(selector, &diagnostic))
            .max_by_key(|(selector, _)| {
                (
                    selector.eq_ignore_ascii_case(&diagnostic.code),
                    selector.len(),
                )
            })
            .map(|(_, severity)| *severity);
        if let Some(severity) = overridden {
            diagnostic.severity = severity;
        }
        Some(diagnostic)
    }

    fn selected(&self, diagnostic: &Diagnostic) -> bool {
        let select = self.file.select.as_deref().unwrap_or(&[]);
        if !select.is_empty() && !select.iter().any(|s| matches(s, diagnostic)) {
            return false;
        }
        if self.file.ignore.iter().any(|s| matches(s, diagnostic)) {
            return false;
        }
        let Some(relative) = &self.relative else {
            return true;
        };
        !self
            .file
            .per_file_ignores
            .iter()
            .any(|(pattern, selectors)| {
                glob_matches(pattern, relative) && selectors.iter().any(|s| matches(s, diagnostic))
            })
    }
}

/// Does `selector` (a code, a code prefix, a rule name, a category or `ALL`) cover the finding?
fn matches(selector: &str, diagnostic: &Diagnostic) -> bool {
    let selector = selector.trim();
    selector.eq_ignore_ascii_case("ALL")
        || selector.eq_ignore_ascii_case(diagnostic.category.as_str())
        || selector.eq_ignore_ascii_case(&diagnostic.name)
        || (!selector.is_empty()
            && diagnostic
                .code
                .to_ascii_uppercase()
                .starts_with(&selector.to_ascii_uppercase()))
}

/// `*` and `?` within one path segment, `**` across segments; a pattern without `/` matches the
/// file name in any folder.
fn glob_matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim_start_matches("./");
    if !pattern.contains('/') {
        let name = path.rsplit('/').next().unwrap_or(path);
        return glob(pattern.as_bytes(), name.as_bytes());
    }
    glob(pattern.as_bytes(), path.as_bytes())
}

fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern {
        [] => text.is_empty(),
        [b'*', b'*', rest @ ..] => {
            let rest_after_slash = rest.strip_prefix(b"/").unwrap_or(rest);
            (0..=text.len()).any(|skip| {
                text.get(skip..).is_some_and(|tail| {
                    glob(rest, tail) || (skip == 0 && glob(rest_after_slash, tail))
                })
            })
        }
        [b'*', rest @ ..] => (0..=text.len())
            .take_while(|&skip| skip == 0 || text.get(skip - 1) != Some(&b'/'))
            .any(|skip| text.get(skip..).is_some_and(|tail| glob(rest, tail))),
        [b'?', rest @ ..] => match text {
            [first, tail @ ..] if *first != b'/' => {
                let extra = tail.iter().take_while(|&&byte| byte & 0xC0 == 0x80).count();
                glob(rest, tail.get(extra..).unwrap_or(&[]))
            }
            _ => false,
        },
        [literal, rest @ ..] => match text {
            [first, tail @ ..] if first == literal => glob(rest, tail),
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::{Category, Message, Severity};

    fn finding(code: &'static str, category: Category) -> Diagnostic {
        Diagnostic::new(
            code,
            "name",
            Severity::Error,
            category,
            Message::default(),
            Span::default(),
        )
    }

    #[test]
    fn the_nearest_file_applies_with_its_globs_and_overrides() {
        let root =
            std::env::temp_dir().join(format!("nianbao-server-config-{}", std::process::id()));
        let folder = root.join("2019");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            root.join(CONFIG_FILE),
            "ignore = [\"B001\"]\n[per-file-ignores]\n\"2019/**\" = [\"metadata\"]\n[severity]\nT3 = \"warning\"\nT3002 = \"info\"\n",
        )
        .unwrap();
        let policy = Policy::for_document(&folder.join("偃师区.txt")).unwrap();
        let kept: Vec<(String, Severity)> = [
            finding("B001", Category::Format),
            finding("M001", Category::Metadata),
            finding("T3001", Category::Arithmetic),
            finding("T3002", Category::Arithmetic),
        ]
        .into_iter()
        .filter_map(|d| policy.adjust(d))
        .map(|d| (d.code.into_owned(), d.severity))
        .collect();
        assert_eq!(
            kept,
            [
                ("T3001".to_owned(), Severity::Warning),
                ("T3002".to_owned(), Severity::Info)
            ]
        );
        // Outside 2019/ the metadata finding stays.
        let elsewhere = Policy::for_document(&root.join("a.txt")).unwrap();
        assert!(
            elsewhere
                .adjust(finding("M001", Category::Metadata))
                .is_some()
        );

        // The run's settings are the command line's: accepted, and of no concern here.
        std::fs::write(
            root.join(CONFIG_FILE),
            "ignore = [\"B001\"]\noutput-format = \"concise\"\nexclude = [\"drafts/\"]\nshow-info = true\n",
        )
        .unwrap();
        let run_settings = Policy::for_document(&root.join("a.txt")).unwrap();
        assert!(
            run_settings
                .adjust(finding("B001", Category::Format))
                .is_none()
        );

        std::fs::write(root.join(CONFIG_FILE), "ignore = [\"B001\"]\nselct = 1\n").unwrap();
        let error = Policy::for_document(&root.join("a.txt")).unwrap_err();
        assert_eq!(error.span.unwrap().slice(&error.text), "selct");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn globs() {
        assert!(glob_matches("*.txt", "a/b/报告.txt"));
        assert!(glob_matches("old/**/a.txt", "old/a.txt"));
        assert!(!glob_matches("old/*.txt", "old/2019/a.txt"));
        assert!(glob_matches("年报/?.txt", "年报/甲.txt"));
    }
}

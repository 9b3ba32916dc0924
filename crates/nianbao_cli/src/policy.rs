//! Which findings are shown and how severe they are: `--select`/`--ignore`, and a file's
//! `nianbao.toml` selection, per-file ignores and severity overrides.
//!
//! `--select` replaces the file's `select`; `--ignore` adds to its `ignore`. A selector is a
//! code, a code prefix, a rule name, a category or `ALL`.

use crate::config::Config;
use nianbao_model::{Diagnostic, Severity};
use std::path::Path;

/// Selection and overrides from the command line, merged with a file's config.
#[derive(Clone, Debug, Default)]
pub struct CliSelection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

/// Does `selector` (a code, a code prefix, a category name or `ALL`) cover this finding?
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

/// Every category a selector may name.
pub const CATEGORIES: [&str; 7] = [
    "input",
    "structure",
    "arithmetic",
    "consistency",
    "narrative",
    "format",
    "metadata",
];

/// Selectors that cover no known code, code prefix, rule name or category: most likely typos,
/// which would otherwise silently select nothing (or ignore nothing).
pub fn unknown_selectors<'s>(
    selectors: &'s [String],
    catalogue: &[nianbao_diagnostics::RuleMeta],
) -> Vec<&'s str> {
    selectors
        .iter()
        .map(|selector| selector.trim())
        .filter(|selector| {
            let upper = selector.to_ascii_uppercase();
            !(upper == "ALL"
                || CATEGORIES.iter().any(|c| c.eq_ignore_ascii_case(selector))
                || catalogue.iter().any(|rule| {
                    rule.code.to_ascii_uppercase().starts_with(&upper)
                        || rule.name.eq_ignore_ascii_case(selector)
                }))
        })
        .collect()
}

/// The effective policy for one file.
pub struct Policy<'a> {
    cli: &'a CliSelection,
    config: Option<&'a Config>,
    /// The file's path relative to the config root, `/`-separated, for per-file ignores.
    relative: Option<String>,
}

impl<'a> Policy<'a> {
    pub fn new(cli: &'a CliSelection, config: Option<&'a Config>, file: &Path) -> Self {
        let relative = config.and_then(|config| {
            let file = std::path::absolute(file).ok()?;
            let root = std::path::absolute(config.root()).ok()?;
            let relative = file.strip_prefix(root).ok()?;
            Some(
                relative
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        });
        Self {
            cli,
            config,
            relative,
        }
    }

    /// One finding under this policy: dropped when not selected, else with its severity
    /// overridden as configured.
    pub fn adjust(&self, mut diagnostic: Diagnostic) -> Option<Diagnostic> {
        if !self.selected(&diagnostic) {
            return None;
        }
        if let Some(severity) = self.severity_override(&diagnostic) {
            diagnostic.severity = severity;
        }
        Some(diagnostic)
    }

    fn selected(&self, diagnostic: &Diagnostic) -> bool {
        let config = self.config;
        let select = if self.cli.select.is_empty() {
            config.and_then(Config::select).unwrap_or(&[])
        } else {
            &self.cli.select
        };
        if !select.is_empty() && !select.iter().any(|s| matches(s, diagnostic)) {
            return false;
        }
        let ignored = self
            .cli
            .ignore
            .iter()
            .chain(config.map_or(&[][..], Config::ignore))
            .any(|s| matches(s, diagnostic));
        if ignored {
            return false;
        }
        let (Some(config), Some(relative)) = (config, &self.relative) else {
            return true;
        };
        !config
            .per_file_ignores()
            .iter()
            .any(|(pattern, selectors)| {
                glob_matches(pattern, relative) && selectors.iter().any(|s| matches(s, diagnostic))
            })
    }

    /// The most specific matching override wins: a full code over a prefix over a category.
    fn severity_override(&self, diagnostic: &Diagnostic) -> Option<Severity> {
        self.config?
            .severity()
            .iter()
            .filter(|(selector, _)| matches(selector, diagnostic))
            .max_by_key(|(selector, _)| {
                let exact = selector.eq_ignore_ascii_case(&diagnostic.code);
                (exact, selector.len())
            })
            .map(|(_, severity)| *severity)
    }
}

/// Glob matching for per-file ignores: `*` and `?` stay within one path segment, `**` crosses
/// segments. A pattern without `/` matches the file name in any folder, as in `.gitignore`.
pub fn glob_matches(pattern: &str, path: &str) -> bool {
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
            // `**/` also matches zero folders.
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
                // `?` is one character, which may be several UTF-8 bytes.
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
    use nianbao_model::{Category, Message, Span};

    fn diagnostic(code: &'static str, category: Category) -> Diagnostic {
        Diagnostic::new(
            code,
            "name",
            Severity::Warning,
            category,
            Message::default(),
            Span::default(),
        )
    }

    #[test]
    fn globs() {
        assert!(glob_matches("*.txt", "a/b/报告.txt"));
        assert!(glob_matches("old/**", "old/2019/a.txt"));
        assert!(glob_matches("old/**/a.txt", "old/a.txt"));
        assert!(glob_matches("old/*/a.txt", "old/2019/a.txt"));
        assert!(!glob_matches("old/*.txt", "old/2019/a.txt"));
        assert!(glob_matches("年报/?.txt", "年报/甲.txt"));
        assert!(!glob_matches("new/**", "old/a.txt"));
    }

    #[test]
    fn selectors_by_code_prefix_and_category() {
        let total = diagnostic("T3001", Category::Arithmetic);
        assert!(matches("T3001", &total));
        assert!(matches("t3", &total));
        assert!(matches("arithmetic", &total));
        assert!(matches("ALL", &total));
        assert!(!matches("T4", &total));
        assert!(!matches("", &total));
    }

    #[test]
    fn unknown_selectors_are_found() {
        let catalogue = [nianbao_diagnostics::RuleMeta {
            code: "T3001".into(),
            name: "table3-row-total".into(),
            severity: Severity::Error,
            category: Category::Arithmetic,
            summary: Message::default(),
            doc: None,
        }];
        let selectors: Vec<String> = [
            "T3",
            "t3001",
            "narrative",
            "all",
            "table3-row-total",
            "T9",
            "arith",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(unknown_selectors(&selectors, &catalogue), ["T9", "arith"]);
    }

    #[test]
    fn config_ignores_and_overrides() {
        let config = Config::from_toml(
            "/corpus",
            r#"
            ignore = ["B001"]
            [per-file-ignores]
            "old/**" = ["metadata"]
            [severity]
            T3 = "warning"
            T3002 = "info"
            "#,
        );
        let cli = CliSelection::default();
        let policy = Policy::new(&cli, Some(&config), Path::new("/corpus/old/a.txt"));
        let kept = apply(
            &policy,
            vec![
                diagnostic("B001", Category::Format),
                diagnostic("M001", Category::Metadata),
                Diagnostic {
                    severity: Severity::Error,
                    ..diagnostic("T3001", Category::Arithmetic)
                },
                diagnostic("T3002", Category::Arithmetic),
            ],
        );
        let shown: Vec<_> = kept.iter().map(|d| (d.code.as_ref(), d.severity)).collect();
        assert_eq!(
            shown,
            [("T3001", Severity::Warning), ("T3002", Severity::Info)]
        );
        let elsewhere = Policy::new(&cli, Some(&config), Path::new("/corpus/new/a.txt"));
        assert_eq!(
            apply(&elsewhere, vec![diagnostic("M001", Category::Metadata)]).len(),
            1
        );
    }

    /// The findings a policy keeps, with its severities.
    fn apply(policy: &Policy<'_>, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(|diagnostic| policy.adjust(diagnostic))
            .collect()
    }

    #[test]
    fn cli_select_replaces_config_select() {
        let config = Config::from_toml("/", r#"select = ["B"]"#);
        let cli = CliSelection {
            select: vec!["T".into()],
            ignore: Vec::new(),
        };
        let policy = Policy::new(&cli, Some(&config), Path::new("/a.txt"));
        let kept = apply(
            &policy,
            vec![
                diagnostic("B001", Category::Format),
                diagnostic("T3001", Category::Arithmetic),
            ],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].code, "T3001");
    }
}

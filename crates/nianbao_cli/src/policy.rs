//! Which findings are shown and how severe they are: `--select`/`--ignore`, and a file's
//! `nianbao.toml` selection, per-file ignores and severity overrides.
//!
//! `--select` replaces the file's `select`; `--ignore` adds to its `ignore`. A selector is a
//! code, a code prefix, a rule name, a category or `ALL`.
//!
//! Input findings (IO…: a file not read, or not read entirely as written) are never dropped,
//! whatever the selection, ignores or per-file ignores say: `--select T3` over a folder must not
//! turn a binary file into a silent pass. Their severity can be overridden like any other.

use crate::config::Config;
use nianbao_model::{Category, Diagnostic, Severity};
use std::path::{Path, PathBuf};

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

/// Whether a selector names input findings (`IO…`, `input`): they cannot be ignored, and a
/// user who tries is told so.
pub fn names_input(selector: &str) -> bool {
    let selector = selector.trim();
    selector.eq_ignore_ascii_case(Category::Input.as_str())
        || (selector.len() >= 2 && "IO".eq_ignore_ascii_case(selector.get(..2).unwrap_or("")))
        || selector.eq_ignore_ascii_case("I")
}

/// The effective policy for one file.
pub struct Policy<'a> {
    cli: &'a CliSelection,
    config: Option<&'a Config>,
    /// The file's path relative to the config root, for per-file ignores.
    relative: Option<PathBuf>,
}

impl<'a> Policy<'a> {
    pub fn new(cli: &'a CliSelection, config: Option<&'a Config>, file: &Path) -> Self {
        let relative = config.and_then(|config| {
            let file = std::path::absolute(file).ok()?;
            let root = std::path::absolute(config.root()).ok()?;
            // Components again, so that `a//b` and `./a` match as `a/b`.
            Some(file.strip_prefix(root).ok()?.components().collect())
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
        if diagnostic.category == Category::Input {
            return true;
        }
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
        !config.per_file_ignores().iter().any(|ignore| {
            ignore.matches(relative) && ignore.selectors.iter().any(|s| matches(s, diagnostic))
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

    /// Whether a `[per-file-ignores]` glob matches `path` (relative to the config's folder).
    fn glob_matches(pattern: &str, path: &str) -> bool {
        let config = Config::from_toml(
            "/",
            &format!("[per-file-ignores]\n{:?} = [\"B\"]\n", pattern),
        );
        config.per_file_ignores()[0].matches(Path::new(path))
    }

    #[test]
    fn globs() {
        assert!(glob_matches("*.txt", "a/b/报告.txt"));
        assert!(glob_matches("old/**", "old/2019/a.txt"));
        assert!(glob_matches("old/**/a.txt", "old/a.txt"));
        assert!(glob_matches("old/*/a.txt", "old/2019/a.txt"));
        assert!(!glob_matches("old/*.txt", "old/2019/a.txt"));
        // globset's `?` is one byte: an ASCII character, or a third of a Chinese one.
        assert!(glob_matches("年报/?.txt", "年报/a.txt"));
        assert!(glob_matches("年报/???.txt", "年报/甲.txt"));
        assert!(glob_matches("年报/*.txt", "年报/甲.txt"));
        assert!(!glob_matches("new/**", "old/a.txt"));
        assert!(glob_matches("./old/*.txt", "old/a.txt"));
    }

    /// Issue 13, case 9: a glob that makes a backtracking matcher try every way to split the
    /// name (minutes for 40 letters) is one pass of an automaton; and a non-UTF-8 name is
    /// matched on its bytes.
    #[test]
    fn globs_match_in_linear_time_and_on_bytes() {
        let name = format!("{}.txt", "a".repeat(40));
        assert!(!glob_matches("*a*a*a*a*a*a*a*a*a*a*a*a*b", &name));
        assert!(glob_matches("*a*a*a*a*a*a*a*a*a*a*a*a*", &name));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let config = Config::from_toml("/", "[per-file-ignores]\n\"old/*.txt\" = [\"B\"]\n");
            let bytes = std::ffi::OsStr::from_bytes(b"old/\xC4\xEA\xB1\xA8.txt");
            assert!(config.per_file_ignores()[0].matches(Path::new(bytes)));
        }
    }

    #[test]
    fn input_findings_are_never_dropped_but_take_overrides() {
        let config = Config::from_toml(
            "/corpus",
            "select = [\"T3\"]\nignore = [\"IO\", \"input\"]\n[per-file-ignores]\n\"*\" = [\"ALL\"]\n[severity]\nIO006 = \"info\"\n",
        );
        let cli = CliSelection {
            select: vec!["T3".into()],
            ignore: vec!["IO002".into(), "ALL".into()],
        };
        let policy = Policy::new(&cli, Some(&config), Path::new("/corpus/a.txt"));
        let kept = apply(
            &policy,
            vec![
                Diagnostic {
                    severity: Severity::Error,
                    ..diagnostic("IO002", Category::Input)
                },
                diagnostic("IO006", Category::Input),
                diagnostic("T3001", Category::Arithmetic),
            ],
        );
        let shown: Vec<_> = kept.iter().map(|d| (d.code.as_ref(), d.severity)).collect();
        assert_eq!(
            shown,
            [("IO002", Severity::Error), ("IO006", Severity::Info)]
        );
        assert!(names_input("io002") && names_input("input") && names_input("IO"));
        assert!(!names_input("T3") && !names_input("B001"));
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

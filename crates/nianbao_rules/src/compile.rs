//! From TOML text to compiled rules. A rule file is parsed once, with spans; each rule's check
//! table (`[rules.identity]` …) goes to the kind registered under its key ([`crate::kinds`]),
//! the other fields are read as a [`RuleDef`]; then the rule is validated and compiled. Every
//! failure carries the exact span of the offending text in the rule file.

use crate::example::{Edit, Example};
use crate::kinds::{self, Compiled, KindEntry};
use crate::params::{LoadFailure, MessageDef, RuleText};
use crate::rule::Rule;
use crate::spec::{ExampleDef, RuleDef};
use nianbao_model::Span;
use nianbao_model::template::Template;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// A rule file that could not be loaded: which file, where in it, and why.
#[derive(Clone, Debug)]
pub struct RuleLoadError {
    pub path: PathBuf,
    /// The file's text, for rendering the span.
    pub source_text: String,
    pub span: Option<Span>,
    pub message: String,
}

impl std::fmt::Display for RuleLoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.span {
            Some(span) => {
                let index = nianbao_source::LineIndex::new(&self.source_text);
                let position = index.position(&self.source_text, span.start);
                write!(
                    f,
                    "{}:{}:{}: {}",
                    self.path.display(),
                    position.line,
                    position.column,
                    self.message
                )
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for RuleLoadError {}

/// The shape of a rule file: `[[rules]]` tables and nothing else. Checked with serde first, so
/// a misshapen file gets serde's wording; the tables are then read one by one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    #[expect(dead_code, reason = "only the shape is checked")]
    rules: Vec<IgnoredAny>,
}

/// How much of a rule file's shape to check before compiling it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A user's file: checked with serde first, so a misshapen file gets serde's wording.
    Check,
    /// A built-in file, whose shape the test suite checks
    /// (`every_builtin_file_has_the_shape_of_a_rule_file`): the second TOML parse that the
    /// check costs is a third of a single report's run.
    Trusted,
}

/// Compiles one rule file's text.
pub(crate) fn rule_file(path: &Path, text: &str, shape: Shape) -> Result<Vec<Rule>, RuleLoadError> {
    rule_file_with(path, text, kinds::KINDS, shape)
}

/// Compiles one rule file's text with the kinds of `registry`.
pub(crate) fn rule_file_with(
    path: &Path,
    text: &str,
    registry: &[KindEntry],
    shape: Shape,
) -> Result<Vec<Rule>, RuleLoadError> {
    let error = |span: Option<Range<usize>>, message: String| RuleLoadError {
        path: path.to_path_buf(),
        source_text: text.to_owned(),
        span: span.map(Span::from_range),
        message,
    };
    let toml_error = |e: toml::de::Error| error(e.span(), e.message().to_owned());
    if shape == Shape::Check {
        toml::from_str::<RuleFile>(text).map_err(toml_error)?;
    }
    let mut root = DeTable::parse(text).map_err(toml_error)?.into_inner();
    let tables = match root.remove("rules").map(Spanned::into_inner) {
        Some(DeValue::Array(tables)) => tables,
        _ => return Ok(Vec::new()),
    };
    let file = RuleText { text };
    let mut rules = Vec::new();
    for table in tables {
        let rule = compile(path, file, table, registry)
            .map_err(|failure| error(Some(failure.span), failure.message))?;
        rules.push(rule);
    }
    Ok(rules)
}

/// A rule's check tables, split from its other fields.
struct Split<'i, 'k> {
    fields: Spanned<DeValue<'i>>,
    checks: Vec<CheckTable<'i, 'k>>,
}

/// A check table with the kind registered under its key.
struct CheckTable<'i, 'k> {
    kind: &'k KindEntry,
    table: Spanned<DeValue<'i>>,
}

fn split<'i, 'k>(table: Spanned<DeValue<'i>>, registry: &'k [KindEntry]) -> Split<'i, 'k> {
    let span = table.span();
    let entries = match table.into_inner() {
        DeValue::Table(entries) => entries,
        other => {
            return Split {
                fields: Spanned::new(span, other),
                checks: Vec::new(),
            };
        }
    };
    let mut fields = DeTable::new();
    let mut checks = Vec::new();
    for (key, value) in entries {
        match registry
            .iter()
            .find(|kind| kind.key == key.get_ref().as_ref())
        {
            Some(kind) => checks.push(CheckTable { kind, table: value }),
            None => {
                fields.insert(key, value);
            }
        }
    }
    Split {
        fields: Spanned::new(span, DeValue::Table(fields)),
        checks,
    }
}

/// Every check table a rule may declare, for messages.
fn check_tables(registry: &[KindEntry]) -> String {
    registry
        .iter()
        .map(|kind| format!("[rules.{}]", kind.key))
        .collect::<Vec<_>>()
        .join(", ")
}

fn compile(
    path: &Path,
    file: RuleText<'_>,
    table: Spanned<DeValue<'_>>,
    registry: &[KindEntry],
) -> Result<Rule, LoadFailure> {
    let Split { fields, checks } = split(table, registry);
    let span = fields.span();
    let def = RuleDef::deserialize(ValueDeserializer::from(fields)).map_err(|error| {
        let mut message = error.message().to_owned();
        if message.starts_with("unknown field") {
            message.push_str(&format!(", or a check table: {}", check_tables(registry)));
        }
        LoadFailure::new(error.span().unwrap_or_else(|| span.clone()), message)
    })?;
    let code = def.code.get_ref().clone();
    if !is_code(&code) {
        return Err(LoadFailure::new(
            def.code.span(),
            format!("`{code}` is not a rule code like `T3001`"),
        ));
    }
    let name = def.name.get_ref().clone();
    if !is_kebab(&name) {
        return Err(LoadFailure::new(
            def.name.span(),
            format!("`{name}` is not a kebab-case name"),
        ));
    }
    let mut templates = Vec::new();
    for template in &def.templates {
        templates.push(template_of(template.get_ref()).ok_or_else(|| {
            LoadFailure::new(
                template.span(),
                "templates are \"2021\", \"2019\", \"pre-2019\" or \"unknown\"",
            )
        })?);
    }
    if templates.is_empty() {
        return Err(LoadFailure::new(
            span,
            "`templates` must name at least one template",
        ));
    }
    let mut checks = checks.into_iter();
    let (kind, Compiled { check, definition }) = match (checks.next(), checks.next()) {
        (Some(CheckTable { kind, table }), None) => (kind, (kind.compile)(table, file)?),
        (None, _) => {
            return Err(LoadFailure::new(
                def.code.span(),
                format!(
                    "the rule declares no check; add one of {}",
                    check_tables(registry)
                ),
            ));
        }
        (Some(_), Some(_)) => {
            return Err(LoadFailure::new(
                def.code.span(),
                "a rule declares exactly one check",
            ));
        }
    };
    let allowed = check.placeholders();
    file.check_placeholders(&def.message, allowed)?;
    file.check_placeholders(&def.summary, &[])?;
    if let Some(help) = &def.help {
        file.check_placeholders(help, allowed)?;
    }
    let variants: Vec<&str> = check.variants().iter().map(|v| v.name).collect();
    let mut messages = BTreeMap::new();
    for (variant, message) in &def.messages {
        if !variants.contains(&variant.as_str()) {
            return Err(LoadFailure::new(
                message.zh.span(),
                format!(
                    "unknown message variant `{variant}`; this kind of check has: {}",
                    variants.join(", ")
                ),
            ));
        }
        file.check_placeholders(message, allowed)?;
        messages.insert(variant.clone(), message.message());
    }
    Ok(Rule {
        definition,
        code,
        name,
        category: def.category,
        severity: def.severity,
        summary: def.summary.message(),
        templates,
        description: def.description.message("description")?,
        why: def.why.message("why")?,
        message: def.message.message(),
        help: def.help.as_ref().map(MessageDef::message),
        kind: kind.key,
        examples: def.examples.iter().map(example_of).collect(),
        file: path.to_path_buf(),
        messages,
        check,
        code_span: Span::from_range(def.code.span()),
    })
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_code(code: &str) -> bool {
    let letters = code.chars().take_while(char::is_ascii_uppercase).count();
    let digits = &code[letters..];
    (1..=2).contains(&letters)
        && (3..=4).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
}

fn template_of(name: &str) -> Option<Template> {
    [
        Template::V2021,
        Template::V2019,
        Template::Pre2019,
        Template::Unknown,
    ]
    .into_iter()
    .find(|template| template.as_str() == name)
}

fn example_of(def: &ExampleDef) -> Example {
    Example {
        what: def.what.clone(),
        edits: def
            .edits
            .iter()
            .map(|[from, to]| Edit {
                from: from.clone(),
                to: to.clone(),
            })
            .collect(),
        text: def.text.clone(),
        lines: def.lines.clone(),
        severity: def.severity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_file_has_the_shape_of_a_rule_file() {
        assert!(!crate::BUILTIN_RULES.is_empty());
        for (path, text) in crate::BUILTIN_RULES {
            if let Err(error) = toml::from_str::<RuleFile>(text) {
                panic!("{path}: {error}");
            }
            let checked = rule_file(Path::new(path), text, Shape::Check);
            let trusted = rule_file(Path::new(path), text, Shape::Trusted);
            let codes = |rules: Result<Vec<Rule>, RuleLoadError>| {
                rules
                    .unwrap_or_else(|error| panic!("{error}"))
                    .into_iter()
                    .map(|rule| rule.code)
                    .collect::<Vec<_>>()
            };
            assert_eq!(codes(checked), codes(trusted), "{path}");
        }
    }

    #[test]
    fn a_misshapen_user_file_gets_serdes_wording() {
        let error = rule_file(Path::new("mine.toml"), "rule = 1\n", Shape::Check)
            .err()
            .map(|error| error.message)
            .unwrap_or_default();
        assert!(error.contains("unknown field `rule`"), "{error}");
    }
}

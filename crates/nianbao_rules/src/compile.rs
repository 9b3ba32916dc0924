//! From a rule file's tree ([`crate::tree`]) to compiled rules. Each rule's check table
//! (`[rules.identity]` …) goes to the kind registered under its key ([`crate::kinds`]), the other
//! fields are read as a [`RuleDef`]; then the rule is validated and compiled. Every failure
//! carries the exact span of the offending text in the rule file.

use crate::kinds::{self, KindEntry};
use crate::params::{LoadFailure, MessageDef, RuleText};
use crate::rule::Rule;
use crate::rule_docs::{self, BuiltinTable, Docs};
use crate::spec::RuleDef;
use crate::tree::de::NodeDe;
use crate::tree::{self, Node, TomlError, Tree, Value};
use nianbao_model::Span;
use nianbao_model::template::Template;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

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

/// Whether [`RuleFile`] reads the file without an error, known without serde's walk over every
/// value (that walk took a tenth of the instructions of compiling the built-in rules): the root holds no key but `rules`, that an array, and no value anywhere is one
/// that fails to read whatever reads it (an unreadable number, or one past `i64` whose reading
/// could fail). Otherwise serde reads the file, for its error and wording.
fn well_shaped(tree: &Tree<'_>, root: &Node) -> bool {
    let shape = tree
        .entries(root)
        .all(|(key, value)| tree.str(key) == "rules" && matches!(value.value, Value::Array(_)));
    shape
        && !tree
            .nodes
            .iter()
            .any(|node| matches!(node.value, Value::Invalid(_) | Value::Wide(_)))
}

/// A rule file to compile: its path and text (for errors and the docs), its tree — or why
/// its text is not TOML — and where it comes from.
#[derive(Clone, Debug)]
pub(crate) struct RuleSource<'a> {
    pub path: PathBuf,
    pub text: Cow<'a, str>,
    pub tree: Result<Tree<'a>, TomlError>,
    pub origin: Origin,
}

/// Where a rule file comes from, which decides what loading it reads and checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A user's file: read whole and checked at load, so every error is reported then.
    User,
    /// The built-in file at this index of `BUILTIN_RULES`: its rules' documentation is read on
    /// demand ([`crate::rule_docs`]) and its message placeholders are not checked at load — the
    /// test-suite loads every built-in file as a user's file, so neither can hold an error that
    /// loading would have reported.
    Builtin(usize),
}

impl RuleSource<'static> {
    /// A user's rule file, its TOML parsed into a tree.
    pub(crate) fn parse(path: PathBuf, text: String) -> Self {
        let tree = tree::from_toml::parse(&text);
        RuleSource {
            path,
            text: Cow::Owned(text),
            tree,
            origin: Origin::User,
        }
    }
}

/// Compiles one rule file.
pub(crate) fn rule_file(source: &RuleSource<'_>) -> Result<Vec<Rule>, RuleLoadError> {
    rule_file_with(source, kinds::KINDS)
}

/// Compiles one rule file with the kinds of `registry`.
pub(crate) fn rule_file_with(
    source: &RuleSource<'_>,
    registry: &[KindEntry],
) -> Result<Vec<Rule>, RuleLoadError> {
    let error = |span: Option<Range<usize>>, message: String| RuleLoadError {
        path: source.path.clone(),
        source_text: source.text.clone().into_owned(),
        span: span.map(Span::from_range),
        message,
    };
    let tree = source
        .tree
        .as_ref()
        .map_err(|toml| error(toml.span.clone(), toml.message.clone()))?;
    let Some(root) = tree.root() else {
        return Ok(Vec::new());
    };
    if !well_shaped(tree, root) {
        RuleFile::deserialize(NodeDe::new(tree, root))
            .map_err(|e| error(e.span(), e.message().to_owned()))?;
    }
    let tables = match tree.entries(root).find(|(key, _)| tree.str(key) == "rules") {
        Some((
            _,
            Node {
                value: Value::Array(tables),
                ..
            },
        )) => *tables,
        _ => return Ok(Vec::new()),
    };
    let file = RuleText { text: &source.text };
    let keys: Vec<&str> = registry.iter().map(|kind| kind.key).collect();
    let mut rules = Vec::new();
    for (node, table) in (tables.first as usize..).zip(tree.children(tables)) {
        let read = Read {
            tree,
            table,
            keys: &keys,
        };
        let docs = match source.origin {
            Origin::User => None,
            Origin::Builtin(file) => Some(BuiltinTable { file, node }),
        };
        let rule = compile(&source.path, file, read, registry, docs)
            .map_err(|failure| error(Some(failure.span), failure.message))?;
        rules.push(rule);
    }
    Ok(rules)
}

/// A rule's table in its file's tree, and the keys of the check tables it may hold.
#[derive(Clone, Copy)]
struct Read<'t> {
    tree: &'t Tree<'t>,
    table: &'t Node,
    keys: &'t [&'t str],
}

/// A check table with the kind registered under its key.
struct CheckTable<'t, 'k> {
    kind: &'k KindEntry,
    table: &'t Node,
}

/// The rule's check tables; its other fields are read with these keys hidden.
fn checks<'t, 'k>(read: Read<'t>, registry: &'k [KindEntry]) -> Vec<CheckTable<'t, 'k>> {
    read.tree
        .entries(read.table)
        .filter_map(|(key, table)| {
            let key = read.tree.str(key);
            let kind = registry.iter().find(|kind| kind.key == key)?;
            Some(CheckTable { kind, table })
        })
        .collect()
}

/// Every check table a rule may declare, for messages.
fn check_tables(registry: &[KindEntry]) -> String {
    registry
        .iter()
        .map(|kind| format!("[rules.{}]", kind.key))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Compiles one rule; `builtin` is where a built-in rule's table is, for reading its
/// documentation on demand (a user's rule has it read and checked here).
fn compile(
    path: &Path,
    file: RuleText<'_>,
    read: Read<'_>,
    registry: &[KindEntry],
    builtin: Option<BuiltinTable>,
) -> Result<Rule, LoadFailure> {
    let checks = checks(read, registry);
    let span = read.table.span();
    let fields = NodeDe::new(read.tree, read.table).hiding(read.keys);
    let def = RuleDef::deserialize(fields).map_err(|error| {
        let mut message = error.message().to_owned();
        if message.starts_with("unknown field") {
            message.push_str(&format!(", or a check table: {}", check_tables(registry)));
        }
        LoadFailure::new(error.span().unwrap_or_else(|| span.clone()), message)
    })?;
    // The definition's strings move into the rule; spans are kept for the errors below.
    let code_span = def.code.span();
    let code = def.code.into_inner();
    if !is_code(&code) {
        return Err(LoadFailure::new(
            code_span,
            format!("`{code}` is not a rule code like `T3001`"),
        ));
    }
    let name_span = def.name.span();
    let name = def.name.into_inner();
    if !is_kebab(&name) {
        return Err(LoadFailure::new(
            name_span,
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
    let (kind, check) = match (checks.next(), checks.next()) {
        (Some(CheckTable { kind, table }), None) => {
            (kind, (kind.compile)(NodeDe::new(read.tree, table), file)?)
        }
        (None, _) => {
            return Err(LoadFailure::new(
                code_span,
                format!(
                    "the rule declares no check; add one of {}",
                    check_tables(registry)
                ),
            ));
        }
        (Some(_), Some(_)) => {
            return Err(LoadFailure::new(
                code_span,
                "a rule declares exactly one check",
            ));
        }
    };
    let allowed = check.placeholders();
    if builtin.is_none() {
        file.check_placeholders(&def.message, allowed)?;
        file.check_placeholders(&def.summary, &[])?;
        if let Some(help) = &def.help {
            file.check_placeholders(help, allowed)?;
        }
    }
    let variants: Vec<&str> = check.variants().iter().map(|v| v.name).collect();
    let mut messages = BTreeMap::new();
    for (variant, message) in def.messages {
        if !variants.contains(&variant.as_str()) {
            return Err(LoadFailure::new(
                message.zh.span(),
                format!(
                    "unknown message variant `{variant}`; this kind of check has: {}",
                    variants.join(", ")
                ),
            ));
        }
        if builtin.is_none() {
            file.check_placeholders(&message, allowed)?;
        }
        messages.insert(variant, message.into_message());
    }
    let docs = match builtin {
        Some(table) => Docs::builtin(table),
        None => Docs::Ready(rule_docs::read(read.tree, read.table, kind)?),
    };
    Ok(Rule {
        code,
        name,
        category: def.category,
        severity: def.severity,
        summary: def.summary.into_message(),
        templates,
        message: def.message.into_message(),
        help: def.help.map(MessageDef::into_message),
        kind: kind.key,
        docs,
        file: path.to_path_buf(),
        messages,
        check,
        code_span: Span::from_range(code_span),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Vec<Rule>, RuleLoadError> {
        rule_file(&RuleSource::parse(
            PathBuf::from("mine.toml"),
            text.to_owned(),
        ))
    }

    fn file(path: &str, code: &str) -> (PathBuf, String) {
        let name = code.to_lowercase();
        let text = format!(
            "[[rules]]\ncode = \"{code}\"\nname = \"rule-{name}\"\ncategory = \"arithmetic\"\nseverity = \"error\"\ntemplates = [\"2021\"]\nsummary = {{ zh = \"总\", en = \"sum\" }}\ndescription = {{ zh = \"总计\", en = \"d\" }}\nwhy = {{ zh = \"原因\", en = \"w\" }}\nmessage = {{ zh = \"错\", en = \"wrong\" }}\n[rules.identity]\nchecks = [\"R24[C7] == sum(R03..R23[C7])\"]\n"
        );
        (PathBuf::from(path), text)
    }

    #[test]
    fn rules_come_in_the_order_of_their_files() {
        let files = (0..12).map(|n| file(&format!("{n:02}.toml"), &format!("Z{n:03}")));
        let set = crate::RuleSet::from_files(files).unwrap_or_else(|error| panic!("{error}"));
        let codes: Vec<&str> = set.rules().iter().map(|rule| rule.code.as_str()).collect();
        let expected: Vec<String> = (0..12).map(|n| format!("Z{n:03}")).collect();
        assert_eq!(codes, expected);
    }

    #[test]
    fn the_first_bad_file_in_path_order_is_the_one_reported() {
        let mut files: Vec<_> = (0..6)
            .map(|n| file(&format!("{n:02}.toml"), &format!("Z{n:03}")))
            .collect();
        for at in [2, 4] {
            if let Some((_, text)) = files.get_mut(at) {
                text.push_str("oops = \n");
            }
        }
        let first_error = crate::RuleSet::from_files(files)
            .err()
            .map(|error| error.path);
        assert_eq!(first_error, Some(PathBuf::from("02.toml")));
    }

    #[test]
    fn a_file_is_well_shaped_exactly_when_serde_reads_its_shape() {
        let texts = [
            "",
            "rules = []\n",
            "[[rules]]\ncode = 1\n",
            "rules = [1, \"a\", [true], { a = 1979-05-27 }]\n",
            "rule = 1\n",
            "rules = 1\n",
            "rules = [{ a = 1e999 }]\n",
            "[[rules]]\nx = 18446744073709551615\n",
            "[[rules]]\nx = 1\n[other]\n",
        ];
        let mut shaped = 0;
        for text in texts {
            let tree = tree::from_toml::parse(text).unwrap_or_else(|error| panic!("{error:?}"));
            let Some(root) = tree.root() else {
                continue;
            };
            let by_serde = RuleFile::deserialize(NodeDe::new(&tree, root)).is_ok();
            if well_shaped(&tree, root) {
                shaped += 1;
                assert!(by_serde, "{text}");
            }
        }
        assert_eq!(shaped, 4);
        for (_, text) in crate::BUILTIN_RULES {
            let tree = tree::from_toml::parse(text).unwrap_or_else(|error| panic!("{error:?}"));
            assert!(tree.root().is_some_and(|root| well_shaped(&tree, root)));
        }
    }

    #[test]
    fn a_value_that_cannot_be_read_anywhere_in_the_file_is_reported_at_it() {
        let error = load("[[rules]]\ncode = \"T3001\"\n[rules.identity]\nx = 1e999\n").err();
        let said = error.map(|error| (error.message, error.span));
        assert_eq!(
            said,
            Some((
                "floating-point number overflowed".to_owned(),
                Some(Span::new(46, 51))
            ))
        );
    }

    #[test]
    fn a_misshapen_user_file_gets_serdes_wording_at_the_key() {
        let error = load("rule = 1\n").err();
        let said = error
            .as_ref()
            .map(|error| (error.message.as_str(), error.span));
        assert_eq!(
            said,
            Some((
                "unknown field `rule`, expected `rules`",
                Some(Span::new(0, 4))
            ))
        );
    }

    #[test]
    fn a_text_that_is_not_toml_gets_tomls_wording_and_span() {
        let error = load("[[rules]]\ncode = \n").err();
        let span = error.as_ref().and_then(|error| error.span);
        assert_eq!(span.map(|span| span.start), Some(17), "{error:?}");
        assert!(error.is_some_and(|error| error.message.contains("string")));
    }
}

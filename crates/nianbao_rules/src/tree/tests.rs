//! The tree against toml: the embedded trees are what the sources give, and rules read through the tree's deserializer read exactly
//! as through toml's own — values, spans, and errors with their wording and span — on the
//! built-in files and on mutated copies of their rules.

use super::de::NodeDe;
use super::{Node, Tree, Value, from_toml};
use crate::BUILTIN_RULES;
use crate::builtin_trees::TREES;
use crate::kinds::KINDS;
use crate::rule_docs::DocsDef;
use crate::spec::RuleDef;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

fn parsed(path: &str, text: &str) -> Tree<'static> {
    from_toml::parse(text).unwrap_or_else(|error| panic!("{path}: {error:?}"))
}

#[test]
fn the_embedded_trees_are_what_the_rule_files_give() {
    assert_eq!(TREES.len(), BUILTIN_RULES.len());
    for ((path, text), builtin) in BUILTIN_RULES.iter().zip(&TREES) {
        let tree = builtin.tree();
        assert!(tree.nodes.len() > 10, "{path}");
        assert_eq!(tree, parsed(path, text), "{path}");
    }
}

/// A value read or why not: what both deserializers are compared on.
type Read = Result<String, (String, Option<Range<usize>>)>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "read for the comparison only")]
struct FileShape {
    #[serde(default)]
    rules: Vec<IgnoredAny>,
}

fn printed<T: std::fmt::Debug, E>(
    read: Result<T, E>,
    error: impl Fn(E) -> (String, Option<Range<usize>>),
) -> Read {
    read.map(|value| format!("{value:?}")).map_err(error)
}

/// What a comparison saw.
#[derive(Clone, Copy, Debug, Default)]
struct Seen {
    tables: usize,
    /// Rule fields or check tables that failed to read (the same way both ways).
    errors: usize,
}

/// Reads `text` both ways and asserts every difference away.
fn compare(label: &str, text: &str) -> Seen {
    let (tree, toml) = match (from_toml::parse(text), DeTable::parse(text)) {
        (Ok(tree), Ok(toml)) => (tree, toml),
        (Err(tree), Err(toml)) => {
            assert_eq!(
                (tree.span, tree.message.as_str()),
                (toml.span(), toml.message()),
                "{label}"
            );
            return Seen::default();
        }
        (tree, toml) => panic!("{label}: {tree:?} / {toml:?}"),
    };
    let tree_error = |error: super::de::DeError| (error.message().to_owned(), error.span());
    let toml_error = |error: toml::de::Error| (error.message().to_owned(), error.span());
    let Some(root) = tree.root() else {
        panic!("{label}: no root");
    };
    let shape_tree = printed(FileShape::deserialize(NodeDe::new(&tree, root)), tree_error);
    let shape_toml = printed(toml::from_str::<FileShape>(text), toml_error);
    assert_eq!(shape_tree, shape_toml, "{label}: the file's shape");
    if shape_tree.is_err() {
        // Loading stops here too, before any rule is read: the tree's reader passes over the
        // fields read with the docs, which may hold the value the shape check failed on.
        return Seen {
            tables: 0,
            errors: 1,
        };
    }
    let tree_tables: &[Node] = match tree.entries(root).find(|(key, _)| tree.str(key) == "rules") {
        Some((
            _,
            Node {
                value: Value::Array(tables),
                ..
            },
        )) => tree.children(*tables),
        _ => &[],
    };
    let toml_tables = match toml.get_ref().get("rules").map(Spanned::get_ref) {
        Some(DeValue::Array(tables)) => tables.iter().cloned().collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    assert_eq!(tree_tables.len(), toml_tables.len(), "{label}");
    let keys: Vec<&str> = KINDS.iter().map(|kind| kind.key).collect();
    let mut seen = Seen {
        tables: tree_tables.len(),
        errors: usize::from(shape_tree.is_err()),
    };
    for (tree_table, toml_table) in tree_tables.iter().zip(toml_tables) {
        let span = toml_table.span();
        let mut fields = DeTable::new();
        let mut checks = Vec::new();
        if let DeValue::Table(entries) = toml_table.get_ref() {
            for (key, value) in entries.clone() {
                match KINDS.iter().find(|kind| kind.key == key.get_ref().as_ref()) {
                    Some(kind) => checks.push((kind, value)),
                    None => {
                        fields.insert(key, value);
                    }
                }
            }
        }
        let fields = Spanned::new(span, DeValue::Table(fields));
        let def_tree = printed(
            RuleDef::deserialize(NodeDe::new(&tree, tree_table).hiding(&keys)),
            tree_error,
        );
        let def_toml = printed(
            RuleDef::deserialize(ValueDeserializer::from(fields.clone())),
            toml_error,
        );
        assert_eq!(def_tree, def_toml, "{label}: the rule's fields");
        seen.errors += usize::from(def_tree.is_err());
        let docs_tree = printed(
            DocsDef::deserialize(NodeDe::new(&tree, tree_table)),
            tree_error,
        );
        let docs_toml = printed(
            DocsDef::deserialize(ValueDeserializer::from(fields)),
            toml_error,
        );
        assert_eq!(docs_tree, docs_toml, "{label}: the rule's docs");
        seen.errors += usize::from(docs_tree.is_err());
        for (kind, toml_value) in checks {
            let tree_value = tree
                .entries(tree_table)
                .find(|(key, _)| tree.str(key) == kind.key)
                .map(|(_, value)| value);
            let Some(tree_value) = tree_value else {
                panic!("{label}: no [rules.{}] in the tree", kind.key);
            };
            let [read_tree, read_toml] = (kind.read_both)(
                NodeDe::new(&tree, tree_value),
                ValueDeserializer::from(toml_value),
            );
            assert_eq!(read_tree, read_toml, "{label}: [rules.{}]", kind.key);
            seen.errors += usize::from(read_tree.starts_with("Err"));
        }
    }
    seen
}

#[test]
fn builtin_rules_read_through_the_tree_as_through_toml() {
    let seen: Vec<Seen> = BUILTIN_RULES
        .iter()
        .map(|(path, text)| compare(path, text))
        .collect();
    assert!(
        seen.iter().map(|seen| seen.tables).sum::<usize>() >= 40,
        "{seen:?}"
    );
    assert!(seen.iter().all(|seen| seen.errors == 0), "{seen:?}");
}

/// Each `[[rules]]` of a file as a file of its own.
fn rule_chunks(text: &str) -> Vec<String> {
    let mut chunks: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        match chunks.last_mut() {
            Some(chunk) if line.trim_end() != "[[rules]]" => chunk.push_str(line),
            _ if line.trim_end() == "[[rules]]" => chunks.push(line.to_owned()),
            _ => {}
        }
    }
    chunks
}

/// What a line `key = value` becomes; each line takes the next in turn.
const MUTATIONS: [&str; 14] = [
    "",
    "1",
    "\"x\"",
    "[1]",
    "{ a = 1 }",
    "1979-05-27",
    "1.5",
    "[]",
    "KEY",
    "99999999999999999999",
    "{ order = {} }",
    "1e999",
    "-1",
    "true",
];

#[test]
fn mutated_rules_fail_through_the_tree_as_through_toml() {
    let mut compared = 0;
    let mut errors = 0;
    let mut turn = 0;
    for (path, text) in BUILTIN_RULES {
        for (n, chunk) in rule_chunks(text).iter().enumerate() {
            let lines: Vec<&str> = chunk.split_inclusive('\n').collect();
            for (at, line) in lines.iter().enumerate() {
                let Some((key, _)) = line.split_once(" = ") else {
                    continue;
                };
                if key.contains(' ') || key.contains('"') {
                    continue;
                }
                let mutation = MUTATIONS[turn % MUTATIONS.len()];
                turn += 1;
                let line = match mutation {
                    "" => String::new(),
                    "KEY" => format!("{key}x = 1\n"),
                    value => format!("{key} = {value}\n"),
                };
                let mut mutated = lines.clone();
                if let Some(slot) = mutated.get_mut(at) {
                    *slot = &line;
                }
                let label = format!("{path} rule {n} line {at}: {line:?}");
                errors += compare(&label, &mutated.concat()).errors;
                compared += 1;
            }
        }
    }
    assert!(
        compared > 900 && errors > compared / 2,
        "{compared} {errors}"
    );
}

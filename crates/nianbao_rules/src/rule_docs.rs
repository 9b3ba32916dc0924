//! A rule's documentation — what it checks, why, its check's parameters and its examples — read
//! when something first asks for it.
//!
//! Checking a report needs none of it, and reading it was a third of loading the built-in rules
//! (the examples' texts copied, the parameters formatted as Markdown): a single report, the
//! editor's case, paid for it on every start. A built-in rule keeps where its table sits in the
//! embedded tree and reads its documentation from there on demand; the test-suite reads every
//! built-in rule's documentation the way a user's file is read, so a built-in file cannot hold a
//! documentation error that loading would have reported. A user's rule file is read whole at load,
//! as before, so its errors are reported with their spans then.

use crate::example::{Edit, Example};
use crate::kinds::{self, KindEntry};
use crate::params::{DocDef, LoadFailure};
use crate::spec::ExampleDef;
use crate::tree::builtin::Builtin;
use crate::tree::de::NodeDe;
use crate::tree::{Node, Tree};
use nianbao_model::Message;
use serde::Deserialize;
use std::sync::OnceLock;

/// What the docs say about a rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleDocs {
    /// What the rule checks (Markdown), in Chinese and English.
    pub description: Message,
    /// Why it matters (Markdown), in Chinese and English.
    pub why: Message,
    /// The check's parameters as Markdown list items.
    pub definition: Vec<String>,
    /// The examples the test-suite runs and the docs show.
    pub examples: Vec<Example>,
}

/// The documentation fields of a rule's table, as written; the rule's other fields are read by
/// [`crate::spec::RuleDef`], which checks that these are present.
#[derive(Debug, Deserialize)]
pub(crate) struct DocsDef {
    description: DocDef,
    why: DocDef,
    #[serde(default)]
    examples: Vec<ExampleDef>,
}

/// Reads the documentation of the rule whose table is `table`, its check table read by `kind`.
pub(crate) fn read(
    tree: &Tree<'_>,
    table: &Node,
    kind: &KindEntry,
) -> Result<RuleDocs, LoadFailure> {
    let def = DocsDef::deserialize(NodeDe::new(tree, table))
        .map_err(|error| LoadFailure::unread(&error, table.span()))?;
    let definition = match tree
        .entries(table)
        .find(|(key, _)| tree.str(key) == kind.key)
    {
        Some((_, check)) => (kind.definition)(NodeDe::new(tree, check))?,
        None => Vec::new(),
    };
    Ok(RuleDocs {
        description: def.description.message("description")?,
        why: def.why.message("why")?,
        definition,
        examples: def.examples.into_iter().map(example_of).collect(),
    })
}

fn example_of(def: ExampleDef) -> Example {
    Example {
        what: def.what,
        edits: def
            .edits
            .into_iter()
            .map(|[from, to]| Edit { from, to })
            .collect(),
        text: def.text,
        lines: def.lines,
        severity: def.severity,
    }
}

/// Where a built-in rule's table is: which embedded file, which node of its tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BuiltinTable {
    pub file: usize,
    pub node: usize,
}

impl BuiltinTable {
    /// The rule's documentation, read from the embedded tree. The test-suite reads every
    /// built-in rule's documentation without error; should one fail all the same, the failure is
    /// what its description says, not a panic.
    fn read(self, kind: &str) -> RuleDocs {
        let path = crate::BUILTIN_RULES
            .get(self.file)
            .map_or("?", |(path, _)| *path);
        let tree = crate::builtin_trees::TREES
            .get(self.file)
            .map(Builtin::tree);
        let table = tree
            .as_ref()
            .and_then(|tree| Some((tree, tree.nodes.get(self.node)?)));
        let entry = kinds::KINDS.iter().find(|entry| entry.key == kind);
        let read = match (table, entry) {
            (Some((tree, table)), Some(entry)) => {
                read(tree, table, entry).map_err(|failure| failure.message)
            }
            _ => Err(format!(
                "no rule table at node {} of kind `{kind}`",
                self.node
            )),
        };
        read.unwrap_or_else(|message| {
            let said = format!("{path}: {message}");
            RuleDocs {
                description: Message::new(said.clone(), said),
                ..RuleDocs::default()
            }
        })
    }
}

/// A rule's documentation: read at load (a user's file), or on first use (a built-in rule).
#[derive(Clone, Debug)]
pub(crate) enum Docs {
    Ready(RuleDocs),
    Builtin {
        table: BuiltinTable,
        read: OnceLock<RuleDocs>,
    },
}

impl Docs {
    pub(crate) fn builtin(table: BuiltinTable) -> Self {
        Docs::Builtin {
            table,
            read: OnceLock::new(),
        }
    }

    /// The documentation, `kind` being the rule's check kind.
    pub(crate) fn get(&self, kind: &str) -> &RuleDocs {
        match self {
            Docs::Ready(docs) => docs,
            Docs::Builtin { table, read } => read.get_or_init(|| table.read(kind)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compile::{RuleSource, rule_file};
    use crate::{BUILTIN_RULES, RuleSet};
    use std::path::PathBuf;

    /// Loading a built-in file skips what a user's file is checked for (its documentation and
    /// its placeholders): loaded as a user's file, each must pass, and give the same rules and
    /// documentation as the built-in set reads on demand.
    #[test]
    fn every_builtin_file_passes_the_checks_of_a_users_file_with_the_same_docs() {
        let builtin = RuleSet::builtin().unwrap_or_else(|error| panic!("{error}"));
        let mut checked = 0;
        for (path, text) in BUILTIN_RULES {
            let source = RuleSource::parse(PathBuf::from(path), (*text).to_owned());
            let rules = rule_file(&source).unwrap_or_else(|error| panic!("{error}"));
            for rule in &rules {
                let same = builtin.rules().iter().find(|other| other.code == rule.code);
                let Some(same) = same else {
                    panic!("{} is not in the built-in set", rule.code);
                };
                assert_eq!(
                    (&same.name, &same.message, &same.help, &same.messages),
                    (&rule.name, &rule.message, &rule.help, &rule.messages)
                );
                assert!(
                    matches!(&same.docs, super::Docs::Builtin { read, .. } if read.get().is_none()),
                    "read before it was asked for"
                );
                assert_eq!(same.docs(), rule.docs(), "{}", rule.code);
                assert!(!rule.docs().description.zh.is_empty());
                checked += 1;
            }
        }
        assert_eq!(checked, builtin.rules().len());
    }

    #[test]
    fn a_users_rule_reports_a_documentation_error_at_load_with_its_span() {
        let text = "[[rules]]\ncode = \"Z001\"\nname = \"z\"\ncategory = \"arithmetic\"\n\
                    severity = \"error\"\ntemplates = [\"2021\"]\nsummary = { zh = \"总\", en = \"s\" }\n\
                    description = { zh = \"no Chinese\", en = \"d\" }\nwhy = { zh = \"原因\", en = \"w\" }\n\
                    message = { zh = \"错\", en = \"wrong\" }\n\
                    [rules.identity]\nchecks = [\"R24[C7] == sum(R03..R23[C7])\"]\n";
        let source = RuleSource::parse(PathBuf::from("mine.toml"), text.to_owned());
        let error = rule_file(&source).err();
        let said = error.map(|error| {
            let span = error.span.map(|span| span.slice(text).to_owned());
            (error.message, span)
        });
        assert_eq!(
            said,
            Some((
                "`description.zh` must be written in Chinese".to_owned(),
                Some("\"no Chinese\"".to_owned())
            ))
        );
    }
}

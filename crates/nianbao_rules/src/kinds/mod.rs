//! The check kinds, one file each, and the one list that registers them ([`KINDS`]).
//!
//! A rule picks its kind by the name of its check table (`[rules.identity]`) and parameterises
//! it; no rule has Rust of its own. A kind's file holds everything about it: its parameters as
//! written (deserialised from its own table), how they compile, the placeholders and wording
//! variants of its messages, what it runs, and its line in the README's table of kinds. Adding a
//! kind is a new file implementing [`CheckKind`] and [`Check`], and one line in `registry!`
//! below; nothing else matches on kinds.

use crate::params::{LoadFailure, RuleText};
use crate::rule::{Check, Ctx};
use crate::tree::de::NodeDe;
use nianbao_model::Diagnostic;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::ops::Range;
use std::sync::Arc;

/// How a rule file declares a kind and how it compiles. The type is also the compiled check.
pub(crate) trait CheckKind: Check + Sized + 'static {
    /// The check table's key in a rule (`identity` for `[rules.identity]`): the kind's name.
    const KEY: &'static str;
    /// The kind's line in the README's table of kinds.
    const DOC: KindDoc;
    /// The check table as written (`#[serde(deny_unknown_fields)]`, so a misspelt key is an
    /// error pointing at it).
    type Params: DeserializeOwned + std::fmt::Debug;

    /// The parameters as Markdown list items, for the rule's documentation.
    fn definition(params: &Self::Params) -> Vec<String>;

    /// Validates the parameters and compiles them; `table` is where the check table sits in the
    /// rule file, for errors about the table as a whole.
    fn compile(
        params: Self::Params,
        file: RuleText<'_>,
        table: Range<usize>,
    ) -> Result<Self, LoadFailure>;

    /// Runs once per report after every rule has run (for findings that look at several
    /// rules' results, such as the probable wrong cell of two failed identities).
    fn finish(_ctx: &Ctx<'_>, _out: &mut [Diagnostic]) {}
}

/// What the README says about a kind: its parameters and its placeholders (Markdown).
#[derive(Clone, Copy, Debug)]
pub struct KindDoc {
    pub parameters: &'static str,
    pub placeholders: &'static str,
}

/// A registered kind, its type erased.
pub(crate) struct KindEntry {
    pub key: &'static str,
    pub doc: KindDoc,
    pub compile: fn(NodeDe<'_>, RuleText<'_>) -> Result<Arc<dyn Check>, LoadFailure>,
    /// The check table's parameters as Markdown list items, for the docs (read on demand:
    /// [`crate::rule_docs`]).
    pub definition: fn(NodeDe<'_>) -> Result<Vec<String>, LoadFailure>,
    pub finish: fn(&Ctx<'_>, &mut [Diagnostic]),
    /// The parameters as read from the tree and as toml's own deserializer reads them, each
    /// printed (or its error with its span), for the test that they agree.
    #[cfg(test)]
    pub read_both: fn(NodeDe<'_>, toml::de::ValueDeserializer<'_>) -> [String; 2],
}

pub(crate) const fn entry<K: CheckKind>() -> KindEntry {
    KindEntry {
        key: K::KEY,
        doc: K::DOC,
        compile: compile::<K>,
        definition: definition::<K>,
        finish: K::finish,
        #[cfg(test)]
        read_both: read_both::<K>,
    }
}

#[cfg(test)]
fn read_both<K: CheckKind>(tree: NodeDe<'_>, toml: toml::de::ValueDeserializer<'_>) -> [String; 2] {
    let tree =
        K::Params::deserialize(tree).map_err(|error| (error.message().to_owned(), error.span()));
    let toml =
        K::Params::deserialize(toml).map_err(|error| (error.message().to_owned(), error.span()));
    [format!("{tree:?}"), format!("{toml:?}")]
}

fn params<K: CheckKind>(table: NodeDe<'_>) -> Result<K::Params, LoadFailure> {
    let span = table.span();
    K::Params::deserialize(table).map_err(|error| LoadFailure::unread(&error, span))
}

fn compile<K: CheckKind>(
    table: NodeDe<'_>,
    file: RuleText<'_>,
) -> Result<Arc<dyn Check>, LoadFailure> {
    let span = table.span();
    let check = K::compile(params::<K>(table)?, file, span)?;
    Ok(Arc::new(check))
}

fn definition<K: CheckKind>(table: NodeDe<'_>) -> Result<Vec<String>, LoadFailure> {
    Ok(K::definition(&params::<K>(table)?))
}

/// Declares each kind's module and registers its type, in the order rule-file errors list them.
macro_rules! registry {
    ($($module:ident::$kind:ident,)*) => {
        $(mod $module;)*
        /// Every check kind.
        pub(crate) static KINDS: &[KindEntry] = &[$(entry::<$module::$kind>(),)*];
    };
}

registry! {
    identity::IdentityCheck,
    cell_domain::CellDomainCheck,
    blank_cell::BlankCellCheck,
    label::LabelCheck,
    sections::SectionsCheck,
    section_text::SectionTextCheck,
    narrative::NarrativeCheck,
    percentage::PercentageCheck,
    statement::StatementCheck,
    years::YearsCheck,
    title::TitleCheck,
    missing_number::MissingNumberCheck,
    narrative_sum::NarrativeSumCheck,
    mention::MentionCheck,
    cross::CrossCheck,
    coverage::CoverageCheck,
    stated_sum::StatedSumCheck,
}

/// The worked example of `rules/README.md`, compiled and run here so the guide stays true.
#[cfg(test)]
mod worked_example;

#[cfg(test)]
mod tests {
    use super::worked_example::LeftoverTextCheck;
    use super::*;
    use crate::compile::{RuleSource, rule_file_with};

    const README: &str = include_str!("../../../../rules/README.md");

    #[test]
    fn the_readme_shows_the_worked_example_as_compiled() {
        let file = include_str!("worked_example.rs");
        assert!(
            README.contains(&format!("```rust\n{file}```")),
            "rules/README.md must show src/kinds/worked_example.rs verbatim"
        );
        assert!(README.contains("    leftover_text::LeftoverTextCheck,\n"));
    }

    #[test]
    fn the_worked_example_is_a_working_kind() {
        let block = README
            .split("```toml\n")
            .find(|block| block.contains("leftover-text = {"))
            .and_then(|rest| rest.split("```").next())
            .unwrap_or_default();
        let registry = [entry::<LeftoverTextCheck>()];
        let source = RuleSource::parse("local.toml".into(), block.to_owned());
        let rules = rule_file_with(&source, &registry);
        let rules = rules.unwrap_or_else(|error| panic!("{error}"));
        let [rule] = rules.as_slice() else {
            panic!("one rule, got {}", rules.len());
        };
        assert_eq!(rule.kind, "leftover-text");
        assert_eq!(rule.docs().examples.len(), 2);
        let seed = include_str!("../../tests/fixtures/seed.txt");
        for example in &rule.docs().examples {
            let text = example
                .build(seed)
                .unwrap_or_else(|error| panic!("{error}"));
            let parsed = nianbao_syntax::parse(&text);
            let mut out = Vec::new();
            rule.check
                .run(rule, &Ctx::new(&parsed.report, &text), &mut out);
            let index = nianbao_source::LineIndex::new(&text);
            let lines: Vec<u32> = out.iter().map(|d| index.line_of(d.span.start)).collect();
            assert_eq!(lines, example.lines, "{}", example.what);
            for finding in &out {
                assert_eq!(finding.span.slice(&text), "××");
                assert_eq!(finding.message.zh, "正文留有模板文字“××”");
            }
        }
    }
}

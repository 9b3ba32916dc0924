//! The fields every rule has, exactly as written in TOML. Unknown keys are errors, and every
//! string a later stage may complain about keeps its span so the complaint points into the file.
//! Each rule's check table (`[rules.identity]` …) is read by its kind ([`crate::kinds`]).

use crate::params::{DocDef, MessageDef};
use nianbao_model::{Category, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleDef {
    pub code: Spanned<String>,
    pub name: Spanned<String>,
    pub category: Category,
    pub severity: Severity,
    pub templates: Vec<Spanned<String>>,
    pub summary: MessageDef,
    /// What the rule checks, in Chinese and English (Markdown).
    pub description: DocDef,
    /// Why it matters, in Chinese and English (Markdown).
    pub why: DocDef,
    pub message: MessageDef,
    pub help: Option<MessageDef>,
    /// Wordings for the kind's secondary outcomes (e.g. `total-blank`), overriding its defaults.
    #[serde(default)]
    pub messages: BTreeMap<String, MessageDef>,
    #[serde(default)]
    pub examples: Vec<ExampleDef>,
}

/// One example run by the test-suite: the seed fixture with edits (or a text of its own), and
/// the lines this rule must report on (none: it must stay silent).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExampleDef {
    pub what: String,
    /// `[from, to]` pairs applied to the seed; each `from` must occur exactly once.
    #[serde(default)]
    pub edits: Vec<[String; 2]>,
    /// A whole report instead of the seed.
    pub text: Option<String>,
    /// 1-based lines of this rule's findings, in order.
    #[serde(default)]
    pub lines: Vec<u32>,
    pub severity: Option<Severity>,
}

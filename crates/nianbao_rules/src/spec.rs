//! The fields every rule has, exactly as written in TOML. Unknown keys are errors, and every
//! string a later stage may complain about keeps its span so the complaint points into the file.
//! Each rule's check table (`[rules.identity]` …) is read by its kind ([`crate::kinds`]).

use crate::params::MessageDef;
use crate::tree::de::ELSEWHERE;
use nianbao_model::{Category, Severity};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use std::collections::BTreeMap;
use std::fmt;
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
    /// What the rule checks, in Chinese and English (Markdown): read by [`crate::rule_docs`].
    #[expect(dead_code, reason = "only its presence is checked here")]
    pub description: Elsewhere,
    /// Why it matters, in Chinese and English (Markdown): read by [`crate::rule_docs`].
    #[expect(dead_code, reason = "only its presence is checked here")]
    pub why: Elsewhere,
    pub message: MessageDef,
    pub help: Option<MessageDef>,
    /// Wordings for the kind's secondary outcomes (e.g. `total-blank`), overriding its defaults.
    #[serde(default)]
    pub messages: BTreeMap<String, MessageDef>,
    /// Read by [`crate::rule_docs`].
    #[serde(default)]
    #[expect(dead_code, reason = "read with the docs")]
    pub examples: Elsewhere,
}

/// A field of a rule's table read with its documentation ([`crate::rule_docs`]), not with the
/// rule: here its presence is checked and its value passed over — not walked at all by the
/// tree's reader ([`ELSEWHERE`]), ignored by any other.
#[derive(Debug, Default)]
pub(crate) struct Elsewhere;

impl<'de> Deserialize<'de> for Elsewhere {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(ELSEWHERE, Passed)
    }
}

/// Takes a value read elsewhere: nothing (from the tree's reader), or any value, ignored.
struct Passed;

impl<'de> Visitor<'de> for Passed {
    type Value = Elsewhere;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Elsewhere, E> {
        Ok(Elsewhere)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Elsewhere, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| Elsewhere)
    }
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

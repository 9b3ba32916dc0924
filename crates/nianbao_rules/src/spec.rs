//! The shape of a rule file, exactly as written in TOML. Unknown keys are errors, and every
//! string a later stage may complain about keeps its span so the complaint points into the file.

use nianbao_model::{Category, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleFile {
    #[serde(default)]
    pub rules: Vec<Spanned<RuleDef>>,
}

/// A zh/en pair as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TextDef {
    pub zh: Spanned<String>,
    pub en: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleDef {
    pub code: Spanned<String>,
    pub name: Spanned<String>,
    pub category: Category,
    pub severity: Severity,
    pub templates: Vec<Spanned<String>>,
    pub summary: TextDef,
    pub description: String,
    pub why: String,
    pub message: TextDef,
    pub help: Option<TextDef>,
    /// Wordings for the kind's secondary outcomes (e.g. `total-blank`), overriding its defaults.
    #[serde(default)]
    pub messages: BTreeMap<String, TextDef>,
    pub identity: Option<IdentityDef>,
    pub cell_domain: Option<DomainDef>,
    pub blank_cell: Option<TablesDef>,
    pub label: Option<TablesDef>,
    pub sections: Option<SectionsDef>,
    pub text: Option<TextCheckDef>,
    pub narrative: Option<NarrativeDef>,
    pub percentage: Option<PercentageDef>,
    pub statement: Option<StatementDef>,
    pub years: Option<YearsDef>,
    pub title: Option<TitleDef>,
    pub cross: Option<CrossDef>,
    pub missing_number: Option<MissingNumberDef>,
    pub narrative_sum: Option<NarrativeSumDef>,
    pub mention: Option<MentionDef>,
    #[serde(default)]
    pub examples: Vec<ExampleDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IdentityDef {
    /// One or more identities; each is evaluated on its own.
    pub checks: Vec<Spanned<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TableName {
    Table2,
    Table3,
    Table4,
}

impl TableName {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Table2 => "table2",
            Self::Table3 => "table3",
            Self::Table4 => "table4",
        }
    }
}

/// Table names as written in the rule file, for the docs.
pub(crate) fn table_list(tables: &[TableName]) -> String {
    tables
        .iter()
        .map(|table| table.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DomainDef {
    pub tables: Vec<TableName>,
    /// Cell ids where a decimal is valid (A10, 万元).
    #[serde(default)]
    pub decimal: Vec<String>,
    /// Cell ids where a signed change is valid (the 2019 `本年增/减` column).
    #[serde(default)]
    pub signed: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TablesDef {
    pub tables: Vec<TableName>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SectionCheck {
    Missing,
    Order,
    Heading,
}

impl SectionCheck {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Order => "order",
            Self::Heading => "heading",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SectionsDef {
    pub check: SectionCheck,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TextCheckDef {
    pub section: u8,
    /// The section must mention at least one of these.
    #[serde(default)]
    pub require_any: Vec<String>,
    /// The section must hold at least this many characters once whitespace and `ignore` are gone.
    pub min_chars: Option<usize>,
    /// Boilerplate that does not count as content (sub-headings, `无`).
    #[serde(default)]
    pub ignore: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NarrativeDef {
    pub claims: Vec<ClaimDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimDef {
    /// What the number counts, for messages (`{what}`).
    pub what: TextDef,
    /// Phrases the number follows (`办结 82 件`). `…` matches a short gap inside one clause.
    #[serde(default)]
    pub after: Vec<Spanned<String>>,
    /// Phrases the number precedes (`72件申请…顺延到下年度`).
    #[serde(default)]
    pub before: Vec<Spanned<String>>,
    /// Accepted readings; the claim passes when the number equals any of them.
    pub expect: Vec<Spanned<String>>,
    /// Sections (1–6) the claim is read in; all when empty.
    #[serde(default)]
    pub sections: Vec<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PercentageDef {
    /// Denominators a percentage may be taken of.
    pub bases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatementDef {
    pub claims: Vec<StatementClaimDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatementClaimDef {
    pub what: TextDef,
    pub phrases: Vec<Spanned<String>>,
    /// Cells the statement says are all zero, e.g. `F1..F15` or `R25[C7]`.
    pub zero: Vec<Spanned<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum YearCheck {
    TitlePeriod,
    Body,
    TemplateEra,
}

impl YearCheck {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::TitlePeriod => "title-period",
            Self::Body => "body",
            Self::TemplateEra => "template-era",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct YearsDef {
    pub check: YearCheck,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TitleDef {}

/// A count left out of the prose: a count word, a short stretch without a number, then only
/// whitespace where the number belongs before its unit (`2020 年主动公开信息  条`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct MissingNumberDef {
    /// Words a count follows (`公开`, `受理`).
    pub words: Vec<String>,
    /// Units a count precedes (`条`, `件`).
    pub units: Vec<String>,
    /// Words that start like a unit but are not one (`条例`).
    #[serde(default)]
    pub not_units: Vec<String>,
    /// The most characters between the word and the blank (default 6).
    pub max_gap: Option<usize>,
}

/// A passage that counts every group of a total and the total itself must add up (N016): the
/// counts are the narrative rules' claims, placed by the cells their first reading names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NarrativeSumDef {
    /// The total's cells (`R24[C7]`).
    pub total: Spanned<String>,
    /// The groups it is made of, disjoint (`R03[C7]`, `sum(R05..R12[C7])`, …).
    pub groups: Vec<Spanned<String>>,
}

/// Prose that should mention something when a bound on the tables holds (P05: applications
/// carried over in Table 3 that the text never mentions).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct MentionDef {
    /// A bound on cells (`R02[C7] >= 1`); the check runs only where it holds.
    pub when: Spanned<String>,
    /// The cell the finding points at.
    pub cell: Spanned<String>,
    /// The prose must contain one of these (whitespace and full/half width ignored).
    pub require_any: Vec<String>,
}

/// Which cross-report comparison a rule makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum CrossKind {
    /// Row `this` of Table 3 equals row `previous` of last year's Table 3, column by column.
    CarryOver,
    /// Table 2 stocks: each chain `[stock, added, removed]` of cell ids holds
    /// `stock(Y) = stock(Y−1) + added(Y) − removed(Y)`.
    Stock,
    /// Prose sentences shared with last year's report, as a share of this year's prose.
    Reuse,
    /// Two reports claim the same body and year.
    Duplicate,
    /// A parent body's cells against the sum of its children's (`[regions]` in the config).
    Region,
}

impl CrossKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::CarryOver => "carry-over",
            Self::Stock => "stock",
            Self::Reuse => "reuse",
            Self::Duplicate => "duplicate",
            Self::Region => "region",
        }
    }
}

/// A cross-report check: compares a report with the previous year's report of the same body,
/// with the other reports of the corpus, or with the reports of its parts. Which keys are
/// required depends on `check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CrossDef {
    pub check: Spanned<CrossKind>,
    /// carry-over: this year's Table 3 row (`R02`).
    pub this: Option<Spanned<String>>,
    /// carry-over: last year's Table 3 row (`R25`).
    pub previous: Option<Spanned<String>>,
    /// stock: chains `[stock, added, removed]` of Table 2 cell ids.
    #[serde(default)]
    pub chains: Vec<Spanned<Vec<String>>>,
    /// reuse: fires above this share of this year's prose (0–1).
    pub share: Option<f64>,
    /// reuse: above this share the `near-identical` wording is used.
    pub near_identical: Option<f64>,
    /// reuse: sentences shorter than this (characters) are not counted.
    pub min_chars: Option<usize>,
    /// reuse: sentences containing one of these are boilerplate and not counted.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// region: the compared cells, in the cell syntax (`R01[C7]`, `F5`, `R03..R23[C7]`).
    #[serde(default)]
    pub cells: Vec<Spanned<String>>,
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

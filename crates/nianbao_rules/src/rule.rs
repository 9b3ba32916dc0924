//! A compiled rule and the interface its check runs through: [`Check`] for every kind,
//! [`ProseCheck`] for the kinds that read the prose together, and the per-report [`Ctx`] they
//! run on. The kinds themselves are in [`crate::kinds`].

use crate::cross::check::CrossCheck;
use crate::expr::{Expr, Identity};
use crate::message::{Vars, fill};
use crate::notes::{Inferred, inferred_cells};
use crate::prose::numbers::NumberToken;
use crate::prose::phrase::PhraseUse;
use crate::prose::starts::{PhraseStarts, Start};
use crate::prose::{ClaimedNumber, Prose, Sentence, StatementHit, sentences_of};
use crate::resolve::{CellRef, row_layout};
use crate::rule_docs::{Docs, RuleDocs};
use crate::slots::CellNumbers;
use nianbao_model::template::{RowId, Template};
use nianbao_model::{Category, Diagnostic, Message, Report, Severity, Span};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

/// One rule as declared in a rule file, compiled.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Stable code from the shared scheme (`T3001`).
    pub code: String,
    /// Stable kebab-case name (`table3-row-total`).
    pub name: String,
    pub category: Category,
    /// Severity of the main finding; some outcomes of a kind carry their own (a blank total is a
    /// warning under an error rule).
    pub severity: Severity,
    /// One-line summary, for rule tables and SARIF `shortDescription`.
    pub summary: Message,
    /// Templates the rule runs on.
    pub templates: Vec<Template>,
    /// The finding's message, with `{placeholders}`.
    pub message: Message,
    /// The help line, with `{placeholders}`.
    pub help: Option<Message>,
    /// The check kind (`identity`, `narrative` …).
    pub kind: &'static str,
    /// What the docs say about it ([`Rule::docs`]).
    pub(crate) docs: Docs,
    /// The rule file, relative to the rules folder for built-in rules.
    pub file: PathBuf,
    /// The rule's own wordings of its kind's variants.
    pub(crate) messages: BTreeMap<String, Message>,
    pub(crate) check: Arc<dyn Check>,
    /// Where `code = "…"` sits in the rule file, for load errors found after compiling.
    pub(crate) code_span: Span,
}

impl Rule {
    /// What the docs say about the rule: what it checks, why, its parameters and its examples.
    /// A built-in rule reads them the first time they are asked for.
    pub fn docs(&self) -> &RuleDocs {
        self.docs.get(self.kind)
    }

    pub fn applies_to(&self, template: Template) -> bool {
        self.templates.contains(&template)
    }

    /// The wordings of the kind's secondary outcomes (e.g. `total-blank`), the rule's own where
    /// it overrides the kind's default.
    pub fn variant_messages(&self) -> Vec<(&'static str, Message)> {
        self.check
            .variants()
            .iter()
            .map(|variant| {
                let message = self
                    .messages
                    .get(variant.name)
                    .cloned()
                    .unwrap_or_else(|| variant.message());
                (variant.name, message)
            })
            .collect()
    }

    /// A finding of this rule at `span`: the main message, or a variant's.
    pub(crate) fn emit(&self, variant: Option<&str>, span: Span, vars: &Vars) -> Diagnostic {
        let mut severity = self.severity;
        let message = match variant {
            None => self.message.clone(),
            Some(name) => {
                let default = self.check.variants().iter().find(|v| v.name == name);
                if let Some(fixed) = default.and_then(|variant| variant.severity) {
                    severity = fixed;
                }
                match (self.messages.get(name), default) {
                    (Some(message), _) => message.clone(),
                    (None, Some(variant)) => variant.message(),
                    (None, None) => self.message.clone(),
                }
            }
        };
        let mut diagnostic = Diagnostic::new(
            self.code.clone(),
            self.name.clone(),
            severity,
            self.category,
            fill(&message, vars),
            span,
        );
        if let Some(help) = &self.help {
            diagnostic = diagnostic.with_help(fill(help, vars));
        }
        diagnostic
    }
}

/// A secondary outcome of a kind (`total-blank`): its default wording, which a rule may
/// override under `messages`, and the severity it carries (`None`: the rule's own).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Variant {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub severity: Option<Severity>,
}

impl Variant {
    pub(crate) fn message(&self) -> Message {
        Message::new(self.zh, self.en)
    }
}

/// A compiled check, as the engine runs it. Each kind implements it once
/// ([`crate::kinds::CheckKind`] says how a rule file declares and compiles it).
pub(crate) trait Check: fmt::Debug + Send + Sync + RefUnwindSafe + UnwindSafe {
    /// The placeholders its messages may use.
    fn placeholders(&self) -> &'static [&'static str];

    /// Its secondary outcomes.
    fn variants(&self) -> &'static [Variant] {
        &[]
    }

    /// Runs on one report, in rule order.
    fn run(&self, _rule: &Rule, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}

    /// Whether its messages already name the cells of a finding whose values the parser
    /// inferred (the identity kind lists them), so that [`crate::notes`] only marks the labels.
    fn names_inferred(&self) -> bool {
        false
    }

    /// Whether it runs after every other rule, leaving to a more specific rule what that one
    /// reports (the blank-cell kind skips the blank totals an identity reported, see
    /// [`Ctx::blank_totals`]).
    fn defers(&self) -> bool {
        false
    }

    /// The arithmetic identities it checks, for [`crate::RuleSet::equations`] (only the
    /// `identity` kind has any).
    fn identities(&self) -> &[Identity] {
        &[]
    }

    /// Its part in the joint reading of the prose ([`crate::prose::scan`]), if it has one.
    fn prose(&self) -> Option<&dyn ProseCheck> {
        None
    }

    /// Its comparison between reports ([`crate::cross`]), if it is a cross-report check.
    fn cross(&self) -> Option<&CrossCheck> {
        None
    }
}

/// A check that reads the prose together with the others: the phrases of all of them compete
/// for the same numbers in one scan per report ([`crate::prose::scan`]), which calls these in
/// a fixed order — per sentence the claims, then [`ProseCheck::after_claims`], then the
/// statements; at the end the passages.
pub(crate) trait ProseCheck {
    /// The phrases it reads, each with what it introduces.
    fn phrases(&self) -> Vec<PhraseUse>;

    /// The number read for one of its claims (`Target::Claim`), with its integer value.
    fn claim(
        &self,
        _rule: &Rule,
        _claim: usize,
        _number: &NumberToken,
        _stated: i64,
        _ctx: &Ctx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
    }

    /// The expression whose cells a claim stands for (its first reading), for passage sums.
    fn claim_cells(&self, _claim: usize) -> Option<&Expr> {
        None
    }

    /// A sentence in which some claim read a number; `claimed` are those numbers' spans.
    fn after_claims(
        &self,
        _rule: &Rule,
        _sentence: &Sentence<'_>,
        _claimed: &[Span],
        _ctx: &Ctx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
    }

    /// Its statement phrases found in a sentence, sorted by claim, phrase and position.
    fn statements(
        &self,
        _rule: &Rule,
        _sentence: &Sentence<'_>,
        _found: &[StatementHit],
        _ctx: &Ctx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
    }

    /// Every number the claims of all rules read in the report, in text order.
    fn passages(
        &self,
        _rule: &Rule,
        _claimed: &[ClaimedNumber<'_>],
        _ctx: &Ctx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
    }
}

/// What one evaluation needs: the report, its text, and the prose cut into sentences once.
pub(crate) struct Ctx<'a> {
    pub report: &'a Report,
    pub source: &'a str,
    pub template: Template,
    /// The row layout of Table 3 ([`crate::resolve::row_layout`]): what row ranges expand to.
    pub rows: Template,
    pub sentences: Vec<Sentence<'a>>,
    /// The numbers of every sentence ([`Sentence::numbers_in`]).
    pub numbers: Vec<NumberToken>,
    /// Every sentence folded, a line each ([`crate::prose::Prose::folded`]).
    pub folded: String,
    /// Where the phrases start in every sentence ([`Sentence::starts_in`]).
    pub starts: Vec<Start>,
    /// Failed identity equations, for localising a wrong cell once every rule has run.
    pub failures: RefCell<Vec<FailedEquation>>,
    /// Identity equations skipped for want of a cell the parser could not read (counted only
    /// when the report's coverage has gaps).
    pub skipped: usize,
    /// Blank totals an identity reported with their computed sum (`total-blank`): that finding
    /// owns the cell, and the blank-cell rule, which runs later, leaves it out.
    pub blank_totals: RefCell<Vec<CellRef>>,
    /// The cells whose values the parser inferred, for the notes findings carry about them.
    pub inferred: Vec<Inferred>,
    /// The numbers of Tables 3 and 4, for the identities' sums.
    pub cell_numbers: CellNumbers,
}

impl<'a> Ctx<'a> {
    /// The context of a check that reads no phrases.
    #[cfg(test)]
    pub(crate) fn new(report: &'a Report, source: &'a str) -> Self {
        Self::read(report, source, &PhraseStarts::default())
    }

    /// The context of `report`, its prose read for the first parts of `phrases` too.
    pub(crate) fn read(report: &'a Report, source: &'a str, phrases: &PhraseStarts) -> Self {
        let Prose {
            sentences,
            numbers,
            folded,
            starts,
        } = sentences_of(report, source, phrases);
        Self {
            report,
            source,
            template: report.template.template,
            rows: row_layout(report),
            sentences,
            numbers,
            folded,
            starts,
            failures: RefCell::new(Vec::new()),
            skipped: 0,
            blank_totals: RefCell::new(Vec::new()),
            inferred: inferred_cells(report),
            cell_numbers: CellNumbers::of(report),
        }
    }
}

/// A failed identity equation, kept to localise a single wrong cell afterwards.
pub(crate) struct FailedEquation {
    /// Index of its finding in the output.
    pub index: usize,
    pub row: Option<RowId>,
    pub col: Option<usize>,
    pub delta: i64,
    /// Every cell with its coefficient in `left − right`.
    pub cells: Vec<Coefficient>,
}

/// A cell of an equation with its coefficient in `left − right`.
pub(crate) struct Coefficient {
    pub cell: CellRef,
    pub factor: i64,
}

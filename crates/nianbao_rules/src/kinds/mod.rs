//! The generic check kinds. A rule file picks one kind and parameterises it; no rule has Rust of
//! its own. Each kind declares the placeholders its messages may use and the wording variants of
//! its secondary outcomes (with defaults, so a rule only overrides what it wants to).

mod cells;
mod identity;
mod meta;
mod narrative;
mod structure;

use crate::Rule;
use crate::cross::CrossCheck;
use crate::expr::{Expr, Identity};
use crate::spec::CrossKind;
use crate::spec::{SectionCheck, TableName, YearCheck};
use crate::text::{Vars, fill};
use nianbao_model::template::Template;
use nianbao_model::{Diagnostic, Message, Report, Severity, Span};

pub(crate) use identity::bindings;
pub(crate) use narrative::{Claim, Phrase, PhraseIndex, StatementClaim, prose_regions};

/// A compiled check.
#[derive(Clone, Debug)]
pub(crate) enum Check {
    Identity(Vec<Identity>),
    Domain {
        tables: Vec<TableName>,
        decimal: Vec<String>,
        signed: Vec<String>,
    },
    Blank {
        tables: Vec<TableName>,
    },
    Label {
        tables: Vec<TableName>,
    },
    Sections(SectionCheck),
    Text {
        section: u8,
        require_any: Vec<String>,
        min_chars: Option<usize>,
        ignore: Vec<String>,
    },
    Narrative(Vec<Claim>),
    /// Denominators: (as written, parsed).
    Percentage(Vec<(String, Expr)>),
    Statement(Vec<StatementClaim>),
    Years(YearCheck),
    Title,
    /// N016: the total and its groups, as expressions over cells.
    NarrativeSum {
        total: Expr,
        groups: Vec<Expr>,
    },
    /// P005: where `when` holds, the prose must mention one of `phrases` (folded); the finding
    /// points at `cell`.
    Mention {
        when: Identity,
        cell: Expr,
        phrases: Vec<String>,
    },
    MissingNumber {
        words: Vec<String>,
        units: Vec<String>,
        not_units: Vec<String>,
        max_gap: usize,
    },
    /// Runs over a corpus in [`crate::cross`], never on one report.
    Cross(CrossCheck),
}

pub(crate) fn kind_name(check: &Check) -> &'static str {
    match check {
        Check::Identity(_) => "identity",
        Check::Domain { .. } => "cell-domain",
        Check::Blank { .. } => "blank-cell",
        Check::Label { .. } => "label",
        Check::Sections(_) => "sections",
        Check::Text { .. } => "text",
        Check::Narrative(_) => "narrative",
        Check::Percentage(_) => "percentage",
        Check::Statement(_) => "statement",
        Check::Years(_) => "years",
        Check::Title => "title",
        Check::MissingNumber { .. } => "missing-number",
        Check::NarrativeSum { .. } => "narrative-sum",
        Check::Mention { .. } => "mention",
        Check::Cross(_) => "cross",
    }
}

/// The placeholders a kind fills.
pub(crate) fn placeholders(check: &Check) -> &'static [&'static str] {
    match check {
        Check::Identity(_) => &[
            "row",
            "row_label",
            "column",
            "column_label",
            "total",
            "left",
            "right",
            "delta",
            "expected",
            "blanks",
            "cell",
        ],
        Check::Domain { .. } | Check::Blank { .. } => &["cell", "value"],
        Check::Label { .. } => &["found", "expected"],
        Check::Sections(_) => &["number", "heading", "expected", "previous"],
        Check::Text { .. } => &["heading", "chars", "expected"],
        Check::Narrative(_) => &["what", "stated", "expected", "delta", "readings"],
        Check::Percentage(_) => &["stated", "count", "computed", "base"],
        Check::Statement(_) => &["what", "phrase", "cells"],
        Check::Years(_) => &[
            "year",
            "title_year",
            "period_year",
            "body_year",
            "count",
            "detected",
            "expected",
        ],
        Check::Title => &["title", "expected"],
        Check::MissingNumber { .. } => &["word", "unit", "text"],
        Check::NarrativeSum { .. } => &["stated", "sum", "parts", "delta"],
        Check::Mention { .. } => &["cell", "value"],
        Check::Cross(cross) => match cross.kind() {
            CrossKind::CarryOver => &[
                "column",
                "column_label",
                "this",
                "previous",
                "this_cell",
                "previous_cell",
                "previous_file",
                "previous_year",
                "delta",
            ],
            CrossKind::Stock => &[
                "cell",
                "stock",
                "previous_stock",
                "added",
                "removed",
                "expected",
                "delta",
                "previous_file",
                "previous_year",
            ],
            CrossKind::Reuse => &["share", "reused", "total", "previous_file", "previous_year"],
            CrossKind::Duplicate => &["other_file", "organ", "year"],
            CrossKind::Region => &[
                "cell",
                "cell_label",
                "parent",
                "year",
                "value",
                "sum",
                "children",
                "delta",
                "child_files",
            ],
        },
    }
}

/// Secondary outcomes of a kind, by variant name: their default wording and severity (`None`:
/// the rule's own severity).
fn variant_defaults(
    check: &Check,
) -> &'static [(&'static str, &'static str, &'static str, Option<Severity>)] {
    match check {
        Check::Identity(_) => &[
            (
                "total-blank",
                "总计未填：{total} 为空，各项之和为 {expected}",
                "total not filled in: {total} is blank; its parts sum to {expected}",
                Some(Severity::Warning),
            ),
            (
                "parts-blank",
                "各项均未填：{total} 为 {left}，但相加的单元格全部为空",
                "parts not filled in: {total} is {left} but every cell it sums is blank",
                Some(Severity::Warning),
            ),
        ],
        Check::Domain { .. } => &[
            (
                "decimal",
                "{cell} 为小数 {value}，此处应为整数",
                "{cell} is the decimal {value}; an integer is due here",
                None,
            ),
            (
                "text",
                "{cell} 填写了非数字内容“{value}”",
                "{cell} holds text “{value}” where a number is due",
                None,
            ),
        ],
        Check::Blank { .. } => &[(
            "placeholder",
            "{cell} 以“{value}”代替数字",
            "{cell} holds the placeholder “{value}” instead of a number",
            None,
        )],
        Check::Years(YearCheck::Body) => &[(
            "work-plan",
            "正文引用了 {body_year} 年的工作要点，但报告年度为 {year}",
            "the text cites the work plan of {body_year}, but the report is on {year}",
            None,
        )],
        Check::Years(YearCheck::TemplateEra) => &[
            (
                "newer",
                "{year} 年度报告使用了更新的 {detected} 版格式（应为 {expected} 版），可能是事后重新发布",
                "a report on {year} uses the newer {detected} format (expected {expected}); possibly re-published later",
                Some(Severity::Warning),
            ),
            (
                "mixed",
                "表格混用了两个版本的格式（{detected} 与其他版本）",
                "the tables mix two template versions ({detected} and another)",
                None,
            ),
        ],
        Check::Cross(CrossCheck::Reuse { .. }) => &[(
            "near-identical",
            "本报告与上年度报告（{previous_file}）几乎相同：{share} 的正文句子与上年相同",
            "this report is nearly identical to last year's ({previous_file}): {share} of its prose sentences repeat it",
            None,
        )],
        _ => &[],
    }
}

/// The default wording of each secondary outcome of a kind.
pub(crate) fn variant_messages(check: &Check) -> Vec<(&'static str, Message)> {
    variant_defaults(check)
        .iter()
        .map(|(name, zh, en, _)| (*name, Message::new(*zh, *en)))
        .collect()
}

pub(crate) fn variants(check: &Check) -> Vec<&'static str> {
    variant_defaults(check)
        .iter()
        .map(|(name, ..)| *name)
        .collect()
}

/// What one evaluation needs: the report, its text, and the prose cut into sentences once.
pub(crate) struct Ctx<'a> {
    pub report: &'a Report,
    pub source: &'a str,
    pub template: Template,
    pub sentences: Vec<narrative::Sentence>,
    /// Failed identity equations, for [`localise`].
    pub failures: std::cell::RefCell<Vec<identity::Failure>>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(report: &'a Report, source: &'a str) -> Self {
        Self {
            report,
            source,
            template: report.template.template,
            sentences: narrative::sentences_of(report, source),
            failures: std::cell::RefCell::new(Vec::new()),
        }
    }
}

/// Builds a finding of `rule`: the main message, or a variant's.
pub(crate) fn emit(rule: &Rule, variant: Option<&str>, span: Span, vars: &Vars) -> Diagnostic {
    let mut severity = rule.severity;
    let message = match variant {
        None => rule.message.clone(),
        Some(name) => {
            let default = variant_defaults(&rule.check)
                .iter()
                .find(|(candidate, ..)| *candidate == name);
            if let Some((_, _, _, Some(fixed))) = default {
                severity = *fixed;
            }
            match (rule.messages.get(name), default) {
                (Some(message), _) => message.clone(),
                (None, Some((_, zh, en, _))) => Message::new(*zh, *en),
                (None, None) => rule.message.clone(),
            }
        }
    };
    let mut diagnostic = Diagnostic::new(
        rule.code.clone(),
        rule.name.clone(),
        severity,
        rule.category,
        fill(&message, vars),
        span,
    );
    if let Some(help) = &rule.help {
        diagnostic = diagnostic.with_help(fill(help, vars));
    }
    diagnostic
}

/// Runs the non-narrative rules; narrative kinds run together in [`narrative::run`] because
/// their phrases compete for the same numbers.
pub(crate) fn run(rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    match &rule.check {
        Check::Identity(identities) => {
            for identity in identities {
                identity::run(rule, identity, ctx, out);
            }
        }
        Check::Domain {
            tables,
            decimal,
            signed,
        } => cells::domain(rule, tables, decimal, signed, ctx, out),
        Check::Blank { tables } => cells::blank(rule, tables, ctx, out),
        Check::Label { tables } => cells::label(rule, tables, ctx, out),
        Check::Sections(check) => structure::sections(rule, *check, ctx, out),
        Check::Text {
            section,
            require_any,
            min_chars,
            ignore,
        } => structure::text(rule, *section, require_any, *min_chars, ignore, ctx, out),
        Check::Years(check) => meta::years(rule, *check, ctx, out),
        Check::Title => meta::title(rule, ctx, out),
        Check::MissingNumber {
            words,
            units,
            not_units,
            max_gap,
        } => narrative::missing_numbers(rule, (words, units, not_units), *max_gap, ctx, out),
        Check::Mention {
            when,
            cell,
            phrases,
        } => narrative::mention(rule, (when, cell, phrases), ctx, out),
        Check::Narrative(_)
        | Check::Percentage(_)
        | Check::Statement(_)
        | Check::NarrativeSum { .. }
        | Check::Cross(_) => {}
    }
}

pub(crate) use narrative::run as run_narrative;

/// Names the probable wrong cell when identity failures point at one (see [`identity::localise`]).
pub(crate) fn localise(ctx: &Ctx<'_>, out: &mut [Diagnostic]) {
    identity::localise(&ctx.failures.borrow(), out);
}

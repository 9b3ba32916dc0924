//! From TOML text to compiled rules: deserialisation, validation and compilation, each failure
//! carrying the exact span of the offending text in the rule file.

use crate::cross::CrossCheck;
use crate::expr::{self, Expr, ExprError, Operand};
use crate::kinds::{self, Check, Claim, Phrase, StatementClaim};
use crate::spec::{CrossDef, CrossKind, ExampleDef, RuleDef, RuleFile, TextDef, table_list};
use crate::text::fold;
use crate::text::placeholders;
use crate::{Example, Rule, RuleLoadError};
use nianbao_model::template::{RowId, TABLE2_2019, TABLE2_2021, Template};
use nianbao_model::{Message, Span};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// Loads one rule file's text.
pub(crate) fn load_file(path: &Path, text: &str) -> Result<Vec<Rule>, RuleLoadError> {
    let error = |span: Option<Range<usize>>, message: String| RuleLoadError {
        path: path.to_path_buf(),
        source_text: text.to_owned(),
        span: span.map(Span::from_range),
        message,
    };
    let file: RuleFile =
        toml::from_str(text).map_err(|e| error(e.span(), e.message().to_owned()))?;
    let mut rules = Vec::with_capacity(file.rules.len());
    for def in file.rules {
        let span = def.span();
        rules.push(
            compile(path, text, def.into_inner(), span)
                .map_err(|(at, message)| error(Some(at), message))?,
        );
    }
    Ok(rules)
}

type Failure = (Range<usize>, String);

/// The span of the characters of a string value, given the span of its TOML literal; `offset` is
/// a byte offset into the value. Falls back to the whole literal when escapes make the mapping
/// uncertain.
fn inside(text: &str, literal: &Range<usize>, value: &str, offset: usize) -> Range<usize> {
    let raw = text.get(literal.clone()).unwrap_or("");
    let mut prefix = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    if raw.get(prefix..).is_some_and(|rest| rest.starts_with('\n')) {
        prefix += 1;
    }
    let body = raw.get(prefix..).unwrap_or("");
    if body.starts_with(value) {
        let start = literal.start + prefix + offset.min(value.len());
        let end = (start + 1)
            .min(literal.start + prefix + value.len())
            .max(start);
        let end = (end..=literal.end)
            .find(|&at| text.is_char_boundary(at))
            .unwrap_or(literal.end);
        start..end
    } else {
        literal.clone()
    }
}

fn expr_failure(text: &str, spanned: &Spanned<String>, error: ExprError) -> Failure {
    (
        inside(text, &spanned.span(), spanned.get_ref(), error.offset),
        error.message,
    )
}

fn message_of(def: &TextDef) -> Message {
    Message::new(def.zh.get_ref().clone(), def.en.get_ref().clone())
}

/// Every `{placeholder}` must be one the kind provides.
fn check_placeholders(text: &str, def: &TextDef, allowed: &[&str]) -> Result<(), Failure> {
    for part in [&def.zh, &def.en] {
        for (offset, name) in placeholders(part.get_ref()) {
            if !allowed.contains(&name) {
                return Err((
                    inside(text, &part.span(), part.get_ref(), offset),
                    format!(
                        "unknown placeholder `{{{name}}}`; this kind of check provides: {}",
                        allowed
                            .iter()
                            .map(|name| format!("{{{name}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
    }
    Ok(())
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

fn phrases(defs: &[Spanned<String>]) -> Result<Vec<Phrase>, Failure> {
    defs.iter()
        .map(|def| {
            Phrase::parse(def.get_ref()).ok_or_else(|| {
                (
                    def.span(),
                    "a phrase needs text on both sides of `…`".to_owned(),
                )
            })
        })
        .collect()
}

fn compile(path: &Path, text: &str, def: RuleDef, span: Range<usize>) -> Result<Rule, Failure> {
    let code = def.code.get_ref().clone();
    if !is_code(&code) {
        return Err((
            def.code.span(),
            format!("`{code}` is not a rule code like `T3001`"),
        ));
    }
    let name = def.name.get_ref().clone();
    if !is_kebab(&name) {
        return Err((
            def.name.span(),
            format!("`{name}` is not a kebab-case name"),
        ));
    }
    let mut templates = Vec::new();
    for template in &def.templates {
        templates.push(template_of(template.get_ref()).ok_or_else(|| {
            (
                template.span(),
                "templates are \"2021\", \"2019\", \"pre-2019\" or \"unknown\"".to_owned(),
            )
        })?);
    }
    if templates.is_empty() {
        return Err((span, "`templates` must name at least one template".into()));
    }
    let check = compile_check(text, &def, &span)?;
    let allowed = kinds::placeholders(&check);
    check_placeholders(text, &def.message, allowed)?;
    check_placeholders(text, &def.summary, &[])?;
    if let Some(help) = &def.help {
        check_placeholders(text, help, allowed)?;
    }
    let mut messages = BTreeMap::new();
    for (variant, message) in &def.messages {
        if !kinds::variants(&check).contains(&variant.as_str()) {
            return Err((
                message.zh.span(),
                format!(
                    "unknown message variant `{variant}`; this kind of check has: {}",
                    kinds::variants(&check).join(", ")
                ),
            ));
        }
        check_placeholders(text, message, allowed)?;
        messages.insert(variant.clone(), message_of(message));
    }
    let definition = definition(&def);
    Ok(Rule {
        definition,
        code,
        name,
        category: def.category,
        severity: def.severity,
        summary: message_of(&def.summary),
        templates,
        description: def.description.trim().to_owned(),
        why: def.why.trim().to_owned(),
        message: message_of(&def.message),
        help: def.help.as_ref().map(message_of),
        kind: kinds::kind_name(&check),
        examples: def.examples.iter().map(example_of).collect(),
        file: path.to_path_buf(),
        messages,
        check,
        code_span: Span::from_range(def.code.span()),
    })
}

fn quoted(items: &[Spanned<String>]) -> String {
    items
        .iter()
        .map(|item| format!("`{}`", item.get_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The check's parameters as Markdown lines, for the docs.
fn definition(def: &RuleDef) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(identity) = &def.identity {
        lines.extend(
            identity
                .checks
                .iter()
                .map(|check| format!("- `{}`", check.get_ref())),
        );
    }
    if let Some(domain) = &def.cell_domain {
        lines.push(format!("- tables: {}", table_list(&domain.tables)));
        lines.push(format!(
            "- decimals allowed in: {}",
            domain.decimal.join(", ")
        ));
        lines.push(format!(
            "- signed values allowed in: {}",
            domain.signed.join(", ")
        ));
    }
    if let Some(tables) = def.blank_cell.as_ref().or(def.label.as_ref()) {
        lines.push(format!("- tables: {}", table_list(&tables.tables)));
    }
    if let Some(sections) = &def.sections {
        lines.push(format!("- check: {}", sections.check.as_str()));
    }
    if let Some(text) = &def.text {
        lines.push(format!("- section: {}", text.section));
        if !text.require_any.is_empty() {
            lines.push(format!(
                "- must mention one of: {}",
                text.require_any.join("、")
            ));
        }
        if let Some(min) = text.min_chars {
            lines.push(format!(
                "- at least {min} characters besides: {}",
                text.ignore.join("、")
            ));
        }
    }
    if let Some(mention) = &def.mention {
        lines.push(format!("- when: `{}`", mention.when.get_ref()));
        lines.push(format!("- points at: `{}`", mention.cell.get_ref()));
        lines.push(format!(
            "- the text must mention one of: {}",
            mention.require_any.join("、")
        ));
    }
    if let Some(sum) = &def.narrative_sum {
        lines.push(format!("- total: `{}`", sum.total.get_ref()));
        lines.push(format!(
            "- groups: {}",
            sum.groups
                .iter()
                .map(|group| format!("`{}`", group.get_ref()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(check) = &def.missing_number {
        lines.push(format!("- count words: {}", check.words.join("、")));
        lines.push(format!("- units: {}", check.units.join("、")));
        if !check.not_units.is_empty() {
            lines.push(format!("- not units: {}", check.not_units.join("、")));
        }
        lines.push(format!(
            "- at most {} characters between the word and the blank",
            check.max_gap.unwrap_or(6)
        ));
    }
    if let Some(narrative) = &def.narrative {
        for claim in &narrative.claims {
            let mut line = format!(
                "- {} / {}:",
                claim.what.zh.get_ref(),
                claim.what.en.get_ref()
            );
            if !claim.after.is_empty() {
                line.push_str(&format!(" number after {}", quoted(&claim.after)));
            }
            if !claim.before.is_empty() {
                line.push_str(&format!("; number before {}", quoted(&claim.before)));
            }
            line.push_str(&format!("; must equal {}", quoted(&claim.expect)));
            if !claim.sections.is_empty() {
                line.push_str(&format!(" (sections {:?})", claim.sections));
            }
            lines.push(line);
        }
    }
    if let Some(percentage) = &def.percentage {
        lines.push(format!("- bases: {}", quoted(&percentage.bases)));
    }
    if let Some(statement) = &def.statement {
        for claim in &statement.claims {
            lines.push(format!(
                "- {} / {}: {} requires {} to be 0",
                claim.what.zh.get_ref(),
                claim.what.en.get_ref(),
                quoted(&claim.phrases),
                quoted(&claim.zero)
            ));
        }
    }
    if let Some(years) = &def.years {
        lines.push(format!("- check: {}", years.check.as_str()));
    }
    if def.title.is_some() {
        lines.push("- title against `{机关}{Y}年[度]{机关}政府信息公开工作年度报告`".to_owned());
    }
    if let Some(cross) = &def.cross {
        if *cross.check.get_ref() == CrossKind::Region {
            lines.push(
                "- cross-report check: region (a parent body's report against the sum of its \
                 children's reports of the same year, as `[regions]` in nianbao.toml lists them)"
                    .to_owned(),
            );
            lines.push(format!("- compared cells: {}", quoted(&cross.cells)));
        } else {
            lines.push(format!(
                "- cross-report check: {} (this year's report against the previous year's \
                 report of the same body, or the corpus)",
                cross.check.get_ref().as_str()
            ));
        }
        if let (Some(this), Some(previous)) = (&cross.this, &cross.previous) {
            lines.push(format!(
                "- this year's `{}[C1..C7]` equals last year's `{}[C1..C7]`",
                this.get_ref(),
                previous.get_ref()
            ));
        }
        for chain in &cross.chains {
            if let [stock, added, removed] = chain.get_ref().as_slice() {
                lines.push(format!(
                    "- `{stock}(Y) == {stock}(Y-1) + {added}(Y) - {removed}(Y)`"
                ));
            }
        }
        if let Some(share) = cross.share {
            lines.push(format!(
                "- fires above {:.0}% of this year's prose; near-identical above {:.0}%",
                share * 100.0,
                cross.near_identical.unwrap_or(1.0) * 100.0
            ));
        }
        if let Some(min) = cross.min_chars {
            lines.push(format!(
                "- sentences of at least {min} characters, except those containing: {}",
                cross.ignore.join("、")
            ));
        }
    }
    lines
}

/// A Table 3 row for a carry-over check.
fn cross_row(field: &str, value: Option<&Spanned<String>>) -> Result<RowId, Failure> {
    let Some(value) = value else {
        return Err((
            0..0,
            format!("a carry-over check needs `{field}`, a Table 3 row"),
        ));
    };
    RowId::parse(value.get_ref()).ok_or_else(|| {
        (
            value.span(),
            format!("`{}` is not a Table 3 row (`R01`…`R25`)", value.get_ref()),
        )
    })
}

fn compile_cross(text: &str, def: &CrossDef) -> Result<CrossCheck, Failure> {
    let at = def.check.span();
    let unused = |present: bool, key: &str| -> Result<(), Failure> {
        if present {
            Err((
                at.clone(),
                format!(
                    "`{key}` does not apply to a {} check",
                    def.check.get_ref().as_str()
                ),
            ))
        } else {
            Ok(())
        }
    };
    let reuse_keys = def.share.is_some()
        || def.near_identical.is_some()
        || def.min_chars.is_some()
        || !def.ignore.is_empty();
    if *def.check.get_ref() != CrossKind::Region {
        unused(!def.cells.is_empty(), "cells")?;
    }
    match def.check.get_ref() {
        CrossKind::CarryOver => {
            unused(!def.chains.is_empty(), "chains")?;
            unused(reuse_keys, "share")?;
            let this = cross_row("this", def.this.as_ref())
                .map_err(|(span, m)| (if span.is_empty() { at.clone() } else { span }, m))?;
            let previous = cross_row("previous", def.previous.as_ref())
                .map_err(|(span, m)| (if span.is_empty() { at.clone() } else { span }, m))?;
            Ok(CrossCheck::CarryOver { this, previous })
        }
        CrossKind::Stock => {
            unused(def.this.is_some() || def.previous.is_some(), "this")?;
            unused(reuse_keys, "share")?;
            let mut chains = Vec::new();
            for chain in &def.chains {
                let ids = chain.get_ref();
                let valid = ids.iter().all(|id| {
                    TABLE2_2021
                        .iter()
                        .chain(&TABLE2_2019)
                        .any(|row| row.cell_ids.contains(&id.as_str()))
                });
                match ids.as_slice() {
                    [stock, added, removed] if valid => {
                        chains.push([stock.clone(), added.clone(), removed.clone()]);
                    }
                    _ => {
                        return Err((
                            chain.span(),
                            "a chain is `[stock, added, removed]`, three Table 2 cell ids".into(),
                        ));
                    }
                }
            }
            if chains.is_empty() {
                return Err((at, "a stock check needs at least one chain".into()));
            }
            Ok(CrossCheck::Stock { chains })
        }
        CrossKind::Reuse => {
            unused(def.this.is_some() || def.previous.is_some(), "this")?;
            unused(!def.chains.is_empty(), "chains")?;
            let share = def.share.unwrap_or(0.5);
            let near_identical = def.near_identical.unwrap_or(0.9);
            if !(0.0..=1.0).contains(&share) || !(share..=1.0).contains(&near_identical) {
                return Err((
                    at,
                    "`share` and `near-identical` are shares from 0 to 1, share first".into(),
                ));
            }
            Ok(CrossCheck::Reuse {
                share,
                near_identical,
                min_chars: def.min_chars.unwrap_or(10),
                ignore: def.ignore.iter().map(|phrase| fold(phrase)).collect(),
            })
        }
        CrossKind::Duplicate => {
            unused(def.this.is_some() || def.previous.is_some(), "this")?;
            unused(!def.chains.is_empty(), "chains")?;
            unused(reuse_keys, "share")?;
            Ok(CrossCheck::Duplicate)
        }
        CrossKind::Region => {
            unused(def.this.is_some() || def.previous.is_some(), "this")?;
            unused(!def.chains.is_empty(), "chains")?;
            unused(reuse_keys, "share")?;
            let mut cells = Vec::with_capacity(def.cells.len());
            for written in &def.cells {
                cells.push(region_cells(text, written)?);
            }
            if cells.is_empty() {
                return Err((
                    at,
                    "a region check needs `cells`, the cells it compares".into(),
                ));
            }
            Ok(CrossCheck::Region { cells })
        }
    }
}

/// One entry of a region check's `cells`: a cell or a range of cells (`R01[C7]`, `F5`,
/// `R03..R23[C7]`, `F1..F4`); the parser refuses cells no template prints. Sums and constants
/// are refused too: each listed cell is compared on its own.
fn region_cells(text: &str, written: &Spanned<String>) -> Result<Expr, Failure> {
    let parsed = expr::parse_expr(written.get_ref(), true)
        .map_err(|error| expr_failure(text, written, error))?;
    // A bare range resolves like `sum(…)`, so `sum` is told apart by how it is written.
    let listed = match parsed.terms.as_slice() {
        [term] => {
            !term.negative
                && !matches!(term.operand, Operand::Int(_))
                && !written.get_ref().trim_start().starts_with("sum")
        }
        _ => false,
    };
    if !listed {
        return Err((
            written.span(),
            "a region check lists cells, one per entry (`R01[C7]`, `F5`, `R03..R23[C7]`), not \
             sums or numbers"
                .into(),
        ));
    }
    Ok(parsed)
}

fn example_of(def: &ExampleDef) -> Example {
    Example {
        what: def.what.clone(),
        edits: def
            .edits
            .iter()
            .map(|[from, to]| (from.clone(), to.clone()))
            .collect(),
        text: def.text.clone(),
        lines: def.lines.clone(),
        severity: def.severity,
    }
}

fn compile_check(text: &str, def: &RuleDef, span: &Range<usize>) -> Result<Check, Failure> {
    let mut found = Vec::new();
    if let Some(identity) = &def.identity {
        let mut parsed = Vec::with_capacity(identity.checks.len());
        for check in &identity.checks {
            parsed.push(
                expr::parse_identity(check.get_ref())
                    .map_err(|error| expr_failure(text, check, error))?,
            );
        }
        if parsed.is_empty() {
            return Err((span.clone(), "`checks` lists at least one identity".into()));
        }
        found.push(Check::Identity(parsed));
    }
    if let Some(domain) = &def.cell_domain {
        found.push(Check::Domain {
            tables: domain.tables.clone(),
            decimal: domain.decimal.clone(),
            signed: domain.signed.clone(),
        });
    }
    if let Some(blank) = &def.blank_cell {
        found.push(Check::Blank {
            tables: blank.tables.clone(),
        });
    }
    if let Some(label) = &def.label {
        found.push(Check::Label {
            tables: label.tables.clone(),
        });
    }
    if let Some(sections) = &def.sections {
        found.push(Check::Sections(sections.check));
    }
    if let Some(check) = &def.text {
        if !(1..=6).contains(&check.section) {
            return Err((span.clone(), "`section` is a number from 1 to 6".into()));
        }
        found.push(Check::Text {
            section: check.section,
            require_any: check.require_any.clone(),
            min_chars: check.min_chars,
            ignore: check.ignore.clone(),
        });
    }
    if let Some(mention) = &def.mention {
        let when = expr::parse_identity(mention.when.get_ref())
            .map_err(|error| expr_failure(text, &mention.when, error))?;
        if when.each.is_some() {
            return Err((
                mention.when.span(),
                "`when` is one bound, without `for`".into(),
            ));
        }
        let cell = expr::parse_expr(mention.cell.get_ref(), false)
            .map_err(|error| expr_failure(text, &mention.cell, error))?;
        if mention.require_any.is_empty() || mention.require_any.iter().any(String::is_empty) {
            return Err((span.clone(), "`require-any` lists non-empty phrases".into()));
        }
        found.push(Check::Mention {
            when,
            cell,
            phrases: mention
                .require_any
                .iter()
                .map(|phrase| fold(phrase))
                .collect(),
        });
    }
    if let Some(sum) = &def.narrative_sum {
        let parse = |written: &Spanned<String>| {
            expr::parse_expr(written.get_ref(), false)
                .map_err(|error| expr_failure(text, written, error))
        };
        let total = parse(&sum.total)?;
        let mut groups = Vec::new();
        for group in &sum.groups {
            groups.push(parse(group)?);
        }
        if groups.len() < 2 {
            return Err((
                span.clone(),
                "a narrative sum needs at least two `groups`".into(),
            ));
        }
        found.push(Check::NarrativeSum { total, groups });
    }
    if let Some(check) = &def.missing_number {
        let empty = |list: &[String]| list.is_empty() || list.iter().any(String::is_empty);
        if empty(&check.words) || empty(&check.units) {
            return Err((
                span.clone(),
                "`words` and `units` are lists of non-empty phrases".into(),
            ));
        }
        found.push(Check::MissingNumber {
            words: check.words.clone(),
            units: check.units.clone(),
            not_units: check.not_units.clone(),
            max_gap: check.max_gap.unwrap_or(6),
        });
    }
    if let Some(narrative) = &def.narrative {
        let mut claims = Vec::new();
        for claim in &narrative.claims {
            let mut expect = Vec::new();
            for reading in &claim.expect {
                expect.push(
                    expr::parse_expr(reading.get_ref(), false)
                        .map_err(|error| expr_failure(text, reading, error))?,
                );
            }
            if expect.is_empty() || (claim.after.is_empty() && claim.before.is_empty()) {
                return Err((
                    claim.what.zh.span(),
                    "a claim needs phrases (`after` or `before`) and at least one `expect`".into(),
                ));
            }
            claims.push(Claim {
                what: message_of(&claim.what),
                after: phrases(&claim.after)?,
                before: phrases(&claim.before)?,
                expect,
                readings: claim.expect.iter().map(|e| e.get_ref().clone()).collect(),
                sections: claim.sections.clone(),
            });
        }
        found.push(Check::Narrative(claims));
    }
    if let Some(percentage) = &def.percentage {
        let mut bases = Vec::new();
        for base in &percentage.bases {
            bases.push((
                base.get_ref().clone(),
                expr::parse_expr(base.get_ref(), false)
                    .map_err(|error| expr_failure(text, base, error))?,
            ));
        }
        found.push(Check::Percentage(bases));
    }
    if let Some(statement) = &def.statement {
        let mut claims = Vec::new();
        for claim in &statement.claims {
            let mut zero = Vec::new();
            for cells in &claim.zero {
                zero.push(
                    expr::parse_expr(cells.get_ref(), true)
                        .map_err(|error| expr_failure(text, cells, error))?,
                );
            }
            claims.push(StatementClaim {
                what: message_of(&claim.what),
                phrases: phrases(&claim.phrases)?,
                zero,
            });
        }
        found.push(Check::Statement(claims));
    }
    if let Some(years) = &def.years {
        found.push(Check::Years(years.check));
    }
    if def.title.is_some() {
        found.push(Check::Title);
    }
    if let Some(cross) = &def.cross {
        found.push(Check::Cross(compile_cross(text, cross)?));
    }
    match found.len() {
        1 => found
            .pop()
            .ok_or_else(|| (span.clone(), "no check".to_owned())),
        0 => Err((
            def.code.span(),
            "the rule declares no check; add one of [rules.identity], [rules.cell-domain], \
             [rules.blank-cell], [rules.label], [rules.sections], [rules.text], \
             [rules.narrative], [rules.percentage], [rules.statement], [rules.years], [rules.title], \
             [rules.missing-number], [rules.narrative-sum], [rules.mention], [rules.cross]"
                .into(),
        )),
        _ => Err((def.code.span(), "a rule declares exactly one check".into())),
    }
}

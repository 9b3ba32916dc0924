//! Narrative numbers against the tables (`identities.md` §5): within one sentence, every
//! occurrence, the number inside the phrase's own clause; percentages recomputed; statements
//! such as 均获维持 checked against the cells they deny.
//!
//! All narrative rules run together: their phrases compete for the same numbers (the longest
//! phrase at a position wins, and a number never belongs to a phrase past another phrase), so
//! `结转下年度继续办理 0 件` is never read as `办理 0 件`.

use super::{Check, Ctx, emit};
use crate::Rule;
use crate::cells::{Atom, Binding, CellRef, expand, named_cells};
use crate::expr::{Expr, Identity};
use crate::text::{
    NumberKind, NumberToken, Vars, fold_into, is_clause_break, numbers, sentences, var, var2,
};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use nianbao_model::{Diagnostic, Message, Report, Severity, Span, Value};

/// The most characters between a phrase and its number (`受理依申请公开政府信息件 81 件`).
const MAX_GAP: usize = 20;
/// How far before a percentage its `占` may stand, in bytes (about 85 Chinese characters).
const PERCENT_LOOKBACK: usize = 256;
/// How many numbers before a percentage may hold its numerator.
const NUMERATOR_LOOKBACK: usize = 16;
/// The most characters a `…` in a phrase stands for; it may cross a `、` (`未发生…行政复议、行政诉讼`).
const MAX_ELLIPSIS: usize = 16;

/// One prose sentence with its numbers.
pub(crate) struct Sentence {
    pub span: Span,
    pub section: Option<u8>,
    /// The prose region (paragraph) it belongs to, by position: a passage for N016.
    pub region: usize,
    pub numbers: Vec<NumberToken>,
}

/// Cuts the report's prose into sentences.
pub(crate) fn sentences_of(report: &Report, source: &str) -> Vec<Sentence> {
    prose_regions(report)
        .into_iter()
        .enumerate()
        .flat_map(|(region, (span, section))| {
            sentences(source, span)
                .into_iter()
                .map(move |sentence| Sentence {
                    span: sentence,
                    section,
                    region,
                    numbers: numbers(source, sentence),
                })
        })
        .collect()
}

/// The report's prose with the section of each stretch. Without paragraphs from the parser, the
/// section bodies are read instead, minus the tables.
pub(crate) fn prose_regions(report: &Report) -> Vec<(Span, Option<u8>)> {
    let mut regions: Vec<(Span, Option<u8>)> = report
        .paragraphs
        .iter()
        .map(|paragraph| (paragraph.span, paragraph.section))
        .collect();
    if regions.is_empty() {
        let tables: Vec<Span> = [
            report.table2.as_ref().map(|t| t.span),
            report.table3.as_ref().map(|t| t.span),
            report.table4.as_ref().map(|t| t.span),
        ]
        .into_iter()
        .flatten()
        .collect();
        for section in &report.sections {
            let mut start = section.body.start;
            let mut inside: Vec<Span> = tables
                .iter()
                .copied()
                .filter(|t| t.start >= section.body.start && t.end <= section.body.end)
                .collect();
            inside.sort();
            for table in inside {
                regions.push((Span::new(start, table.start), Some(section.number)));
                start = table.end;
            }
            regions.push((Span::new(start, section.body.end), Some(section.number)));
        }
    }
    regions
}

/// A phrase: literal text, or `A…B` (A, then B after a short gap inside one clause).
#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    parts: Vec<String>,
}

impl Phrase {
    pub(crate) fn parse(text: &str) -> Option<Phrase> {
        let parts: Vec<String> = text.split('…').map(str::to_owned).collect();
        if parts.is_empty() || parts.len() > 2 || parts.iter().any(String::is_empty) {
            return None;
        }
        Some(Phrase { parts })
    }

    /// The end of the phrase when it occurs at byte `at` of `text`.
    fn match_at(&self, text: &str, at: usize) -> Option<usize> {
        let first = self.parts.first()?;
        let rest = text.get(at..)?;
        if !rest.starts_with(first.as_str()) {
            return None;
        }
        let after = at + first.len();
        let Some(second) = self.parts.get(1) else {
            return Some(after);
        };
        let rest = text.get(after..)?;
        // The first occurrence of the second part, looked for only as far as the gap may reach
        // (no searcher is built per call); a later one would be too far anyway.
        let gap = rest
            .char_indices()
            .map(|(at, _)| at)
            .chain([rest.len()])
            .take(MAX_ELLIPSIS + 1)
            .find(|&at| {
                rest.get(at..)
                    .is_some_and(|tail| tail.starts_with(second.as_str()))
            })?;
        let between = rest.get(..gap)?;
        let clean = !between
            .chars()
            .any(|c| (is_clause_break(c) && c != '、') || c.is_ascii_digit());
        clean.then_some(after + gap + second.len())
    }
}

/// What a phrase of the index introduces.
#[derive(Clone, Copy, Debug)]
enum Target {
    /// A narrative claim's number, after or `before` the phrase.
    Claim { claim: usize, before: bool },
    /// A statement's phrase, by its position in the statement's list.
    Statement { claim: usize, phrase: usize },
}

/// Every narrative and statement phrase of a rule set in one Aho–Corasick automaton over their
/// first parts, built when the rules are loaded: a sentence is scanned once, whatever the number
/// of phrases, and no searcher or index is built per report.
#[derive(Clone, Debug, Default)]
pub(crate) struct PhraseIndex {
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: (rule index in the rule set, target, phrase).
    entries: Vec<Vec<(usize, Target, Phrase)>>,
}

impl PhraseIndex {
    pub(crate) fn new(rules: &[Rule]) -> PhraseIndex {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<(usize, Target, Phrase)>> = Vec::new();
        let mut add = |first: &str, entry: (usize, Target, Phrase)| match patterns
            .iter()
            .position(|p| p == first)
        {
            Some(at) => {
                if let Some(list) = entries.get_mut(at) {
                    list.push(entry);
                }
            }
            None => {
                patterns.push(first.to_owned());
                entries.push(vec![entry]);
            }
        };
        for (rule_index, rule) in rules.iter().enumerate() {
            match &rule.check {
                Check::Narrative(claims) => {
                    for (claim, c) in claims.iter().enumerate() {
                        for (phrases, before) in [(&c.after, false), (&c.before, true)] {
                            for phrase in phrases {
                                if let Some(first) = phrase.parts.first() {
                                    let target = Target::Claim { claim, before };
                                    add(first, (rule_index, target, phrase.clone()));
                                }
                            }
                        }
                    }
                }
                Check::Statement(claims) => {
                    for (claim, c) in claims.iter().enumerate() {
                        for (index, phrase) in c.phrases.iter().enumerate() {
                            if let Some(first) = phrase.parts.first() {
                                let target = Target::Statement {
                                    claim,
                                    phrase: index,
                                };
                                add(first, (rule_index, target, phrase.clone()));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        // Phrases are validated non-empty at load; should the automaton still fail to build,
        // the narrative rules stay silent rather than abort.
        let automaton = (!patterns.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    // A few hundred short phrases: the DFA is small and the fastest to scan with.
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        PhraseIndex { automaton, entries }
    }
}

/// A narrative number claim: the phrases that introduce it and the cells it must equal.
#[derive(Clone, Debug)]
pub(crate) struct Claim {
    pub what: Message,
    pub after: Vec<Phrase>,
    pub before: Vec<Phrase>,
    pub expect: Vec<Expr>,
    /// The readings as written, for messages.
    pub readings: Vec<String>,
    pub sections: Vec<u8>,
}

/// A statement that some cells are zero (`均获维持`, `未发生…行政复议`).
#[derive(Clone, Debug)]
pub(crate) struct StatementClaim {
    pub what: Message,
    pub phrases: Vec<Phrase>,
    pub zero: Vec<Expr>,
}

/// A phrase occurrence in a sentence, relative to the sentence start.
#[derive(Clone, Copy, Debug)]
struct Occurrence {
    start: usize,
    end: usize,
    rule: usize,
    claim: usize,
    before: bool,
}

/// The value of an expression for narrative comparison: a blank 总计 cell reads as its row's
/// computed sum (and says so); other blanks read as 0. `None` when a cell is missing or unread.
fn evaluate(
    expr: &Expr,
    ctx: &Ctx<'_>,
    notes: &mut Vec<Message>,
    cells: &mut Vec<(CellRef, Span, i64)>,
) -> Option<i64> {
    let mut total: i64 = 0;
    for atom in expand(expr, Binding::default(), ctx.template) {
        let (negative, value) = match atom {
            Atom::Int(n) => (false, n),
            Atom::Cell { negative, cell } => {
                let found = cell.lookup(ctx.report)?;
                let value = match found.value {
                    Value::Number(n) => n,
                    Value::Unresolved | Value::Missing | Value::Decimal(_) => return None,
                    Value::Blank | Value::Placeholder(_) | Value::Text => match cell {
                        CellRef::Table3(row, 6) => {
                            let table = ctx.report.table3.as_ref()?;
                            let mut sum = 0i64;
                            for col in 0..6 {
                                match table.cell(row, col).map(|c| c.value) {
                                    Some(Value::Number(n)) => sum = sum.checked_add(n)?,
                                    Some(
                                        Value::Unresolved | Value::Missing | Value::Decimal(_),
                                    )
                                    | None => return None,
                                    Some(_) => {}
                                }
                            }
                            notes.push(Message::new(
                                format!("{} 未填，按 C1–C6 之和 {sum} 计", cell.id()),
                                format!(
                                    "{} is blank; its row sum C1–C6 = {sum} is used",
                                    cell.id()
                                ),
                            ));
                            sum
                        }
                        _ => 0,
                    },
                };
                cells.push((cell, found.span, value));
                (negative, value)
            }
        };
        total = if negative {
            total.checked_sub(value)?
        } else {
            total.checked_add(value)?
        };
    }
    Some(total)
}

fn integer(token: &NumberToken) -> Option<i64> {
    (token.decimals == 0 && token.value.fract() == 0.0 && token.value < 1e15)
        .then_some(token.value as i64)
}

/// The number a phrase introduces, if one sits in its clause.
fn number_for<'s>(
    occurrence: &Occurrence,
    previous_end: usize,
    next_start: usize,
    sentence: &'s Sentence,
    text: &str,
) -> Option<&'s NumberToken> {
    let base = sentence.span.start as usize;
    // A character is at most 4 bytes, so a longer gap cannot be within MAX_GAP characters; the
    // byte test keeps each call short however long the sentence is.
    let clean = |from: usize, to: usize| {
        text.get(from..to).is_some_and(|between| {
            between.len() <= MAX_GAP * 4
                && between.chars().count() <= MAX_GAP
                && !between.chars().any(is_clause_break)
        })
    };
    // The numbers are in text order: search from the phrase outwards, and stop where the gap is
    // too wide, so a sentence with thousands of phrases and numbers stays linear.
    let relative = |offset: u32| (offset as usize).saturating_sub(base);
    if occurrence.before {
        let after = sentence
            .numbers
            .partition_point(|token| relative(token.span.end) <= occurrence.start);
        sentence.numbers[..after]
            .iter()
            .rev()
            .take_while(|token| {
                relative(token.span.start) >= previous_end
                    && occurrence.start - relative(token.span.end) <= MAX_GAP * 4
            })
            .find(|token| token.counts_cases() && clean(relative(token.span.end), occurrence.start))
    } else {
        let first = sentence
            .numbers
            .partition_point(|token| relative(token.span.start) < occurrence.end);
        for token in &sentence.numbers[first..] {
            let start = relative(token.span.start);
            if start >= next_start || !clean(occurrence.end, start) {
                return None;
            }
            match token.kind {
                NumberKind::Count if token.counts_cases() => return Some(token),
                // A count of something else, or a percentage, ends the search.
                NumberKind::Count | NumberKind::Percent => return None,
                NumberKind::Other => {}
            }
        }
        None
    }
}

/// Runs every narrative, percentage and statement rule of `rules` that `applies` marks (by the
/// rule's index), finding their phrases through `index`.
pub(crate) fn run(
    rules: &[Rule],
    applies: &[bool],
    index: &PhraseIndex,
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let applicable = |rule: usize| applies.get(rule).copied().unwrap_or(false);
    let percentage_rules: Vec<&Rule> = rules
        .iter()
        .enumerate()
        .filter(|&(at, rule)| applicable(at) && matches!(rule.check, Check::Percentage(_)))
        .map(|(_, rule)| rule)
        .collect();
    let mut occurrences: Vec<Occurrence> = Vec::new();
    let mut accepted: Vec<Occurrence> = Vec::new();
    // Statement phrases found in a sentence: (rule, claim, phrase, start, end).
    let mut stated: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    let mut claimed: Vec<Span> = Vec::new();
    // Every claimed number of the report, for the passage sums: (region, rule, claim, stated, span).
    let mut passage: Vec<(usize, usize, usize, i64, Span)> = Vec::new();
    for sentence in &ctx.sentences {
        let text = sentence.span.slice(ctx.source);
        occurrences.clear();
        stated.clear();
        if let Some(automaton) = &index.automaton {
            for found in automaton.find_overlapping_iter(text) {
                let start = found.start();
                let Some(entries) = index.entries.get(found.pattern().as_usize()) else {
                    continue;
                };
                for (rule_index, target, phrase) in entries {
                    if !applicable(*rule_index) {
                        continue;
                    }
                    let Some(end) = phrase.match_at(text, start) else {
                        continue;
                    };
                    match *target {
                        Target::Claim { claim, before } => {
                            let in_section = rules
                                .get(*rule_index)
                                .and_then(|rule| match &rule.check {
                                    Check::Narrative(claims) => claims.get(claim),
                                    _ => None,
                                })
                                .is_some_and(|claim| {
                                    claim.sections.is_empty()
                                        || sentence
                                            .section
                                            .is_some_and(|s| claim.sections.contains(&s))
                                });
                            if in_section {
                                occurrences.push(Occurrence {
                                    start,
                                    end,
                                    rule: *rule_index,
                                    claim,
                                    before,
                                });
                            }
                        }
                        Target::Statement { claim, phrase } => {
                            stated.push((*rule_index, claim, phrase, start, end));
                        }
                    }
                }
            }
        }
        occurrences.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end), o.rule, o.claim, o.before));
        accepted.clear();
        for occurrence in occurrences.iter().copied() {
            if accepted
                .last()
                .is_none_or(|last| occurrence.start >= last.end)
            {
                accepted.push(occurrence);
            }
        }
        claimed.clear();
        for (at, occurrence) in accepted.iter().enumerate() {
            let previous_end = at
                .checked_sub(1)
                .and_then(|i| accepted.get(i))
                .map_or(0, |o| o.end);
            let next_start = accepted.get(at + 1).map_or(text.len(), |o| o.start);
            let Some(token) = number_for(occurrence, previous_end, next_start, sentence, text)
            else {
                continue;
            };
            let (Some(rule), Some(stated)) = (rules.get(occurrence.rule), integer(token)) else {
                continue;
            };
            let Check::Narrative(claims) = &rule.check else {
                continue;
            };
            let Some(claim) = claims.get(occurrence.claim) else {
                continue;
            };
            claimed.push(token.span);
            passage.push((
                sentence.region,
                occurrence.rule,
                occurrence.claim,
                stated,
                token.span,
            ));
            check_claim(rule, claim, token, stated, ctx, out);
        }
        // A percentage needs a claimed numerator; only sentences with one are read.
        if !claimed.is_empty()
            && sentence
                .numbers
                .iter()
                .any(|t| t.kind == NumberKind::Percent)
        {
            for rule in &percentage_rules {
                if let Check::Percentage(bases) = &rule.check {
                    percentages(rule, bases, sentence, text, &claimed, ctx, out);
                }
            }
        }
        if !stated.is_empty() {
            // In rule order, as the rules are declared.
            stated.sort_by_key(|&(rule, claim, phrase, start, _)| (rule, claim, phrase, start));
            statements(rules, &stated, sentence, ctx, out);
        }
    }
    for (at, rule) in rules.iter().enumerate() {
        if let (true, Check::NarrativeSum { total, groups }) = (applicable(at), &rule.check) {
            passage_sums(rule, (total, groups), rules, &passage, ctx, out);
        }
    }
}

/// Whether two lists of distinct cells name the same cells, in any order.
fn same_cells(a: &[CellRef], b: &[CellRef]) -> bool {
    a.len() == b.len() && a.iter().all(|cell| b.contains(cell))
}

/// N016: a passage that gives a count for every group of `groups` (each once) and the `total`
/// they make up must add up, whatever the table says. Claims are the narrative rules' numbers,
/// placed in a group by the cells their first reading names.
fn passage_sums(
    rule: &Rule,
    (total, groups): (&Expr, &[Expr]),
    rules: &[Rule],
    claimed: &[(usize, usize, usize, i64, Span)],
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let total_cells = named_cells([total], ctx.template);
    let group_cells: Vec<Vec<CellRef>> = groups
        .iter()
        .map(|group| named_cells([group], ctx.template))
        .collect();
    let claim_cells = |rule: usize, claim: usize| -> Option<Vec<CellRef>> {
        let Check::Narrative(claims) = &rules.get(rule)?.check else {
            return None;
        };
        Some(named_cells(claims.get(claim)?.expect.first(), ctx.template))
    };
    for region in claimed.chunk_by(|a, b| a.0 == b.0) {
        let mut total_claim = None;
        // Per group, the claims that count it.
        let mut covered: Vec<Vec<(i64, Span)>> = vec![Vec::new(); groups.len()];
        let mut parts: Vec<(i64, Span)> = Vec::new();
        for &(_, rule_index, claim, stated, span) in region {
            let Some(cells) = claim_cells(rule_index, claim) else {
                continue;
            };
            if same_cells(&cells, &total_cells) {
                total_claim = total_claim.or(Some((stated, span)));
                continue;
            }
            // A part is one group or several whole groups (予以公开及部分公开); a claim on part of
            // a group (本机关不掌握, one of the 无法提供 rows) is not counted.
            let members: Vec<usize> = group_cells
                .iter()
                .enumerate()
                .filter(|(_, group)| !group.is_empty() && group.iter().all(|c| cells.contains(c)))
                .map(|(at, _)| at)
                .collect();
            let union: usize = members
                .iter()
                .filter_map(|&at| group_cells.get(at))
                .map(Vec::len)
                .sum();
            if members.is_empty() || union != cells.len() {
                continue;
            }
            for &at in &members {
                if let Some(list) = covered.get_mut(at) {
                    list.push((stated, span));
                }
            }
            parts.push((stated, span));
        }
        // Every group counted exactly once, and a total to compare with.
        let (Some((stated_total, at)), true) =
            (total_claim, covered.iter().all(|list| list.len() == 1))
        else {
            continue;
        };
        let sum: i64 = parts
            .iter()
            .map(|(stated, _)| *stated)
            .fold(0, i64::saturating_add);
        if sum == stated_total {
            continue;
        }
        let listing = parts
            .iter()
            .map(|(stated, _)| stated.to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        let vars: Vars = vec![
            var("stated", stated_total),
            var("sum", sum),
            var("parts", &listing),
            var("delta", format!("{:+}", stated_total.saturating_sub(sum))),
        ];
        let mut finding = emit(rule, None, at, &vars);
        for (stated, span) in &parts {
            finding = finding.with_label(
                *span,
                Message::new(format!("计入 {stated}"), format!("counted: {stated}")),
            );
        }
        out.push(finding);
    }
}

fn check_claim(
    rule: &Rule,
    claim: &Claim,
    token: &NumberToken,
    stated: i64,
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let mut readings = Vec::new();
    let mut notes = Vec::new();
    let mut cells = Vec::new();
    for (expr, written) in claim.expect.iter().zip(&claim.readings) {
        if let Some(value) = evaluate(expr, ctx, &mut notes, &mut cells) {
            readings.push((written.as_str(), value));
        }
    }
    if readings.is_empty() {
        return;
    }
    let first_part = token
        .first_part
        .filter(|part| part.fract() == 0.0)
        .map(|part| part as i64);
    if readings
        .iter()
        .any(|&(_, value)| value == stated || Some(value) == first_part)
    {
        return;
    }
    let listing = readings
        .iter()
        .map(|(written, value)| format!("{written} = {value}"))
        .collect::<Vec<_>>()
        .join("; ");
    let expected = readings
        .iter()
        .map(|(_, value)| value.to_string())
        .collect::<Vec<_>>();
    let deltas = readings
        .iter()
        .map(|(_, value)| format!("{:+}", stated.saturating_sub(*value)))
        .collect::<Vec<_>>();
    let vars: Vars = vec![
        var2("what", &claim.what),
        var("stated", stated),
        ("expected", expected.join(" 或 "), expected.join(" or ")),
        ("delta", deltas.join(" / "), deltas.join(" / ")),
        var("readings", listing),
    ];
    let mut diagnostic = emit(rule, None, token.span, &vars);
    if let Some(part) = first_part {
        // A doubtful extraction is a warning, never an error (identities.md §5).
        diagnostic.severity = diagnostic.severity.min(Severity::Warning);
        diagnostic.message.zh.push_str(&format!(
            "（数字中间有空格，也可能是 {part}；两种读法均不符）"
        ));
        diagnostic.message.en.push_str(&format!(
            " (the digits are broken by a space and may also read {part}; neither reading fits)"
        ));
    }
    for note in notes {
        diagnostic.message.zh.push_str(&format!("（{}）", note.zh));
        diagnostic.message.en.push_str(&format!(" ({})", note.en));
    }
    cells.sort_by_key(|(_, span, _)| *span);
    cells.dedup_by_key(|(_, span, _)| *span);
    for (cell, span, value) in cells {
        let id = cell.id();
        diagnostic = diagnostic.with_label(
            span,
            Message::new(format!("{id} = {value}"), format!("{id} = {value}")),
        );
    }
    out.push(diagnostic);
}

/// Whether `p` (with `decimals` places) is `x` rounded or truncated to those places.
fn percentage_fits(p: f64, decimals: u32, x: f64) -> bool {
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(6));
    let rounded = (x * scale).round() / scale;
    let truncated = (x * scale + 1e-9).floor() / scale;
    (p - rounded).abs() < 1e-9 || (p - truncated).abs() < 1e-9
}

fn percentages(
    rule: &Rule,
    bases: &[(String, Expr)],
    sentence: &Sentence,
    text: &str,
    claimed: &[Span],
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let base = sentence.span.start as usize;
    for (index, token) in sentence.numbers.iter().enumerate() {
        if token.kind != NumberKind::Percent {
            continue;
        }
        let start = (token.span.start as usize).saturating_sub(base);
        // `占 p%` within its own clause.
        // `占` sits close before its percentage: look back a bounded window, so a sentence of
        // many percentages stays linear.
        let mut window = start.saturating_sub(PERCENT_LOOKBACK);
        while !text.is_char_boundary(window) {
            window += 1;
        }
        let Some(lead) = text.get(..start) else {
            continue;
        };
        let clause_start = lead
            .get(window..)
            .and_then(|near| near.char_indices().rev().find(|&(_, c)| is_clause_break(c)))
            .map_or(window, |(at, c)| window + at + c.len_utf8());
        let Some(at) = lead
            .get(clause_start..)
            .and_then(|clause| clause.find('占'))
        else {
            continue;
        };
        let zhan = clause_start + at;
        // The numerator: the nearest narrative count before `占`, and only one a claim read.
        let Some(numerator) = sentence.numbers.get(..index).and_then(|earlier| {
            earlier
                .iter()
                .rev()
                // The numerator stands just before; a bounded look keeps long sentences linear.
                .take(NUMERATOR_LOOKBACK)
                .find(|t| {
                    t.kind == NumberKind::Count
                        && (t.span.end as usize).saturating_sub(base) <= zhan
                })
        }) else {
            continue;
        };
        if !claimed.contains(&numerator.span) {
            continue;
        }
        let mut computed = Vec::new();
        let mut fits = false;
        for (written, expr) in bases {
            let mut notes = Vec::new();
            let mut cells = Vec::new();
            let Some(denominator) = evaluate(expr, ctx, &mut notes, &mut cells) else {
                continue;
            };
            if denominator <= 0 {
                continue;
            }
            let x = numerator.value / denominator as f64 * 100.0;
            fits |= percentage_fits(token.value, token.decimals, x);
            computed.push((written.clone(), denominator, x));
        }
        let Some((written, denominator, x)) = computed.first() else {
            continue;
        };
        if fits {
            continue;
        }
        let places = usize::try_from(token.decimals).unwrap_or(2) + 1;
        let vars: Vars = vec![
            var("stated", format!("{}%", token.span.slice(ctx.source))),
            var("count", numerator.span.slice(ctx.source)),
            var("computed", format!("{x:.places$}%")),
            var("base", format!("{written} = {denominator}")),
        ];
        let diagnostic = emit(rule, None, token.span, &vars)
            .with_label(numerator.span, Message::new("分子", "numerator"));
        out.push(diagnostic);
    }
}

/// Checks the statements whose phrases occur in the sentence: per claim, the first of its
/// phrases (in declared order) that occurs, at its first occurrence. `found` is sorted by
/// (rule, claim, phrase, start).
fn statements(
    rules: &[Rule],
    found: &[(usize, usize, usize, usize, usize)],
    sentence: &Sentence,
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let base = sentence.span.start as usize;
    let mut last: Option<(usize, usize)> = None;
    for &(rule_index, claim_index, _, start, end) in found {
        if last == Some((rule_index, claim_index)) {
            continue;
        }
        last = Some((rule_index, claim_index));
        let Some(rule) = rules.get(rule_index) else {
            continue;
        };
        let Check::Statement(claims) = &rule.check else {
            continue;
        };
        let Some(claim) = claims.get(claim_index) else {
            continue;
        };
        let mut offending = Vec::new();
        let mut unreadable = false;
        for expr in &claim.zero {
            for atom in expand(expr, Binding::default(), ctx.template) {
                let Atom::Cell { cell, .. } = atom else {
                    continue;
                };
                match cell.lookup(ctx.report).map(|c| (c.value, c.span)) {
                    Some((Value::Number(n), span)) if n != 0 => offending.push((cell, span, n)),
                    Some((Value::Unresolved | Value::Missing, _)) | None => unreadable = true,
                    Some(_) => {}
                }
            }
        }
        if unreadable || offending.is_empty() {
            continue;
        }
        let listing = offending
            .iter()
            .map(|(cell, _, n)| format!("{} = {n}", cell.describe(ctx.template)))
            .collect::<Vec<_>>()
            .join("、");
        let span = Span::from_range(base + start..base + end);
        let vars: Vars = vec![
            var2("what", &claim.what),
            var("phrase", span.slice(ctx.source)),
            var("cells", listing),
        ];
        let mut diagnostic = emit(rule, None, span, &vars);
        for (cell, cell_span, n) in offending {
            let id = cell.id();
            diagnostic = diagnostic.with_label(
                cell_span,
                Message::new(format!("{id} = {n}"), format!("{id} = {n}")),
            );
        }
        out.push(diagnostic);
    }
}

/// P005 and the like: where the bound `when` holds on the tables, the prose must mention one of
/// `phrases` (folded, as the prose is compared folded); otherwise an info at `cell`.
pub(crate) fn mention(
    rule: &Rule,
    (when, cell, phrases): (&Identity, &Expr, &[String]),
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let (mut notes, mut cells) = (Vec::new(), Vec::new());
    let (Some(left), Some(right)) = (
        evaluate(&when.lhs, ctx, &mut notes, &mut cells),
        evaluate(&when.rhs, ctx, &mut notes, &mut cells),
    ) else {
        return;
    };
    if !when.relation.holds(left.saturating_sub(right)) {
        return;
    }
    let mut folded = String::new();
    for sentence in &ctx.sentences {
        fold_into(sentence.span.slice(ctx.source), &mut folded);
        if phrases
            .iter()
            .any(|phrase| folded.contains(phrase.as_str()))
        {
            return;
        }
    }
    let Some(target) = named_cells([cell], ctx.template).into_iter().next() else {
        return;
    };
    let Some(found) = target.lookup(ctx.report) else {
        return;
    };
    let Value::Number(value) = found.value else {
        return;
    };
    let vars: Vars = vec![
        var("cell", target.describe(ctx.template)),
        var("value", value),
    ];
    out.push(emit(rule, None, found.span, &vars));
}

/// Characters that make a stretch of prose a number: digits of either width and Chinese
/// numerals (`三 件` is a count, not a blank).
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "〇零一二两三四五六七八九十百千万亿".contains(c)
}

/// Counts left out of the prose (errors.md E12): a count word, at most `max_gap` characters
/// without a number or a full stop, then only whitespace where the number belongs, then a unit
/// (`2020 年主动公开信息  条`), and no number right after the unit either. The finding covers
/// the word to the unit.
pub(crate) fn missing_numbers(
    rule: &Rule,
    (words, units, not_units): (&[String], &[String], &[String]),
    max_gap: usize,
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for sentence in &ctx.sentences {
        let text = sentence.span.slice(ctx.source);
        let base = sentence.span.start as usize;
        let mut found: Vec<(usize, usize, &str, &str)> = Vec::new();
        for unit in units {
            for (at, _) in text.match_indices(unit.as_str()) {
                let rest = text.get(at..).unwrap_or_default();
                if not_units.iter().any(|not| rest.starts_with(not.as_str())) {
                    continue;
                }
                // `主动公开信息数 条 425`: a pre-2019 statistics table flattened into the prose,
                // its unit column before the figures. The number is there, after the unit.
                let after = rest
                    .get(unit.len()..)
                    .unwrap_or_default()
                    .trim_start_matches(char::is_whitespace);
                if after.chars().next().is_some_and(is_numeral) {
                    continue;
                }
                let before = text.get(..at).unwrap_or_default();
                let blank = before.trim_end_matches(char::is_whitespace);
                if blank.len() == before.len() {
                    continue;
                }
                // Back from the blank over the gap, looking for the word that ends there.
                let mut end = blank.len();
                let mut word = None;
                for step in 0..=max_gap {
                    let head = blank.get(..end).unwrap_or_default();
                    if let Some(hit) = words.iter().find(|word| head.ends_with(word.as_str())) {
                        word = Some((end - hit.len(), hit.as_str()));
                        break;
                    }
                    let Some(c) = head.chars().next_back() else {
                        break;
                    };
                    if step == max_gap || is_numeral(c) || c == '。' {
                        break;
                    }
                    end -= c.len_utf8();
                }
                if let Some((start, word)) = word {
                    found.push((start, at + unit.len(), word, unit.as_str()));
                }
            }
        }
        found.sort_unstable();
        found.dedup_by_key(|(start, ..)| *start);
        for (start, end, word, unit) in found {
            let flagged = text.get(start..end).unwrap_or_default();
            let vars: Vars = vec![var("word", word), var("unit", unit), var("text", flagged)];
            out.push(emit(
                rule,
                None,
                Span::from_range(base + start..base + end),
                &vars,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsis_phrases_stay_in_one_clause() {
        let phrase = Phrase::parse("未发生…行政复议").unwrap();
        let text = "本年度未发生因政府信息公开引起的行政复议、行政诉讼";
        let at = text.find("未发生").unwrap();
        assert_eq!(phrase.match_at(text, at), Some(text.find("、").unwrap()));
        assert_eq!(phrase.match_at("未发生行政诉讼，行政复议1件", 0), None);
        let far = "未发生一二三四五六七八九十一二三四五六七行政复议";
        assert_eq!(phrase.match_at(far, 0), None);
        assert!(Phrase::parse("…行政复议").is_none());
    }

    #[test]
    fn percentages_round_or_truncate() {
        assert!(percentage_fits(4.34, 2, 35.0 / 805.0 * 100.0));
        assert!(percentage_fits(4.35, 2, 35.0 / 805.0 * 100.0));
        assert!(!percentage_fits(33.9, 1, 258.0 / 805.0 * 100.0));
        assert!(percentage_fits(100.0, 0, 100.0));
    }
}

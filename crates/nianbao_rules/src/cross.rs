//! Cross-report rules: a report against the previous year's report of the same body, and the
//! corpus against itself (`[rules.cross]` in the rule files).
//!
//! A corpus run is two passes. The per-file pass keeps a [`CrossFacts`] per report — the body and
//! year, the few cells the cross rules compare (with their positions), and hashes of the prose
//! sentences — so that memory stays flat whatever the corpus size: no text and no model is kept.
//! [`RuleSet::check_corpus`](crate::RuleSet::check_corpus) then groups the facts by body and year
//! and runs the cross rules. Findings point at this year's cell and carry the other report's cell
//! as a [`RelatedLocation`], resolved to line and column while its text was still at hand.

use crate::Rule;
use crate::cells::CellRef;
use crate::kinds::{Check, emit};
use crate::spec::CrossKind;
use crate::text::{Vars, fold, fold_into, sentences, var};
use nianbao_model::template::{RowId, TABLE3_COLUMNS, Template};
use nianbao_model::{Diagnostic, Message, RelatedLocation, Report, Value};
use nianbao_source::{LineIndex, Span};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A compiled cross-report check.
#[derive(Clone, Debug)]
pub(crate) enum CrossCheck {
    CarryOver {
        this: RowId,
        previous: RowId,
    },
    /// `[stock, added, removed]` cell ids.
    Stock {
        chains: Vec<[String; 3]>,
    },
    Reuse {
        share: f64,
        near_identical: f64,
        min_chars: usize,
        /// Folded boilerplate phrases.
        ignore: Vec<String>,
    },
    Duplicate,
}

impl CrossCheck {
    pub(crate) fn kind(&self) -> CrossKind {
        match self {
            Self::CarryOver { .. } => CrossKind::CarryOver,
            Self::Stock { .. } => CrossKind::Stock,
            Self::Reuse { .. } => CrossKind::Reuse,
            Self::Duplicate => CrossKind::Duplicate,
        }
    }
}

/// A span of a report with its editor position, kept so the report's text can be dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    pub span: Span,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Located {
    fn new(positions: &Positions<'_>, span: Span) -> Self {
        let (line, column) = positions.at(span.start);
        let (end_line, end_column) = positions.at(span.end);
        Self {
            span,
            line,
            column,
            end_line,
            end_column,
        }
    }

    fn related(&self, path: &str, message: Message) -> RelatedLocation {
        RelatedLocation {
            path: path.to_owned(),
            line: self.line,
            column: self.column,
            end_line: self.end_line,
            end_column: self.end_column,
            message,
        }
    }
}

/// Line and character column of the few offsets a report's facts keep, counted in one pass:
/// [`LineIndex::position`] counts from the line's start each time, which on a one-line crawler
/// dump is the whole file per cell.
struct Positions<'a> {
    /// Sorted offsets with their (line, column).
    found: Vec<(u32, (u32, u32))>,
    index: &'a LineIndex,
    source: &'a str,
}

impl<'a> Positions<'a> {
    fn new(source: &'a str, index: &'a LineIndex, mut offsets: Vec<u32>) -> Self {
        offsets.sort_unstable();
        offsets.dedup();
        let mut found = Vec::with_capacity(offsets.len());
        // (byte offset reached, its line, its column)
        let mut cursor: Option<(usize, u32, u32)> = None;
        for offset in offsets {
            let target = (offset as usize).min(source.len());
            let line = index.line_of(offset);
            let (from, mut column) = match cursor {
                Some((at, cursor_line, column)) if cursor_line == line && at <= target => {
                    (at, column)
                }
                _ => (index.line_start(line).unwrap_or(0) as usize, 1),
            };
            let mut end = target;
            while end > from && !source.is_char_boundary(end) {
                end -= 1;
            }
            let counted = source.get(from..end).map_or(0, |text| text.chars().count());
            column = column.saturating_add(u32::try_from(counted).unwrap_or(u32::MAX));
            cursor = Some((end, line, column));
            found.push((offset, (line, column)));
        }
        Self {
            found,
            index,
            source,
        }
    }

    fn at(&self, offset: u32) -> (u32, u32) {
        match self.found.binary_search_by_key(&offset, |(at, _)| *at) {
            Ok(at) => self.found.get(at).map_or((1, 1), |(_, found)| *found),
            Err(_) => {
                let position = self.index.position(self.source, offset);
                (position.line, position.column)
            }
        }
    }
}

/// What the cross rules need to know about one report: small, and free of its text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CrossFacts {
    /// The issuing body as printed in the title.
    pub organ: Option<String>,
    pub year: Option<u16>,
    pub template: Template,
    /// Where findings about the whole report point: the title, else the first prose sentence.
    pub anchor: Option<Located>,
    /// The numeric cells the cross rules compare, by id (`R02[C1]`, `A3`).
    cells: Vec<(String, i64, Located)>,
    /// Per reuse rule (by code): prose sentence hashes, sorted, with their characters.
    sentences: Vec<(String, Vec<(u64, u32)>)>,
}

impl CrossFacts {
    fn cell(&self, id: &str) -> Option<(i64, Located)> {
        self.cells
            .iter()
            .find(|(candidate, ..)| candidate == id)
            .map(|&(_, value, at)| (value, at))
    }

    fn sentences(&self, rule: &str) -> &[(u64, u32)] {
        self.sentences
            .iter()
            .find(|(candidate, _)| candidate == rule)
            .map_or(&[][..], |(_, hashes)| hashes.as_slice())
    }
}

/// Options of a corpus run, from the project configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusOptions {
    /// Body name → the name it stands for (`平潭县政府` → `平潭综合实验区`), compared after
    /// normalisation.
    pub aliases: BTreeMap<String, String>,
}

/// The name under which reports of one body are grouped: width-folded, without whitespace,
/// with the abbreviations and office suffixes that name the same body written out the same way
/// (`管委会` = `管理委员会`, `县政府` = `县人民政府`).
pub fn body_key(organ: &str) -> String {
    let mut key = fold(organ);
    for suffix in ["管理委员会办公室", "管委会办公室", "管理委员会", "管委会"]
    {
        if let Some(stem) = key.strip_suffix(suffix) {
            if !stem.is_empty() {
                key = stem.to_owned();
                break;
            }
        }
    }
    if key.ends_with("政府办") {
        key.push_str("公室");
    }
    for short in ["政府办公室", "政府"] {
        if let Some(stem) = key.strip_suffix(short) {
            if !stem.is_empty() && !stem.ends_with("人民") {
                key = format!("{stem}人民{short}");
            }
            break;
        }
    }
    key
}

/// FNV-1a: stable across runs, platforms and thread counts, so findings never depend on them.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |state, byte| {
        (state ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The prose sentences of a report, hashed, for one reuse rule.
fn sentence_hashes(
    report: &Report,
    source: &str,
    min_chars: usize,
    ignore: &[String],
) -> Vec<(u64, u32)> {
    let mut found: Vec<(u64, u32)> = Vec::new();
    let mut folded = String::new();
    for (region, _) in crate::kinds::prose_regions(report) {
        for sentence in sentences(source, region) {
            fold_into(sentence.slice(source), &mut folded);
            let text = folded.trim_end_matches(['。', '；', '！', '？', ';', '!', '?']);
            let chars = text.chars().count();
            if chars < min_chars || ignore.iter().any(|phrase| text.contains(phrase.as_str())) {
                continue;
            }
            found.push((hash(text), u32::try_from(chars).unwrap_or(u32::MAX)));
        }
    }
    found.sort_unstable();
    // A sentence printed twice counts twice for this year's share, once for membership.
    let mut merged: Vec<(u64, u32)> = Vec::with_capacity(found.len());
    for (hash, chars) in found {
        match merged.last_mut() {
            Some((last, total)) if *last == hash => *total = total.saturating_add(chars),
            _ => merged.push((hash, chars)),
        }
    }
    merged
}

/// The cells of a carry-over rule's row, one per column.
fn row_cells(row: RowId) -> impl Iterator<Item = CellRef> {
    (0..TABLE3_COLUMNS.len()).map(move |col| CellRef::Table3(row, col))
}

/// Extracts what `rules`' cross checks need from one report.
pub(crate) fn extract(
    rules: &[Rule],
    report: &Report,
    source: &str,
    index: &LineIndex,
) -> CrossFacts {
    let mut wanted: Vec<CellRef> = Vec::new();
    let mut sentences = Vec::new();
    for rule in rules {
        let Check::Cross(check) = &rule.check else {
            continue;
        };
        match check {
            CrossCheck::CarryOver { this, previous } => {
                wanted.extend(row_cells(*this).chain(row_cells(*previous)));
            }
            CrossCheck::Stock { chains } => {
                wanted.extend(chains.iter().flatten().cloned().map(CellRef::Table2));
            }
            CrossCheck::Reuse {
                min_chars, ignore, ..
            } => sentences.push((
                rule.code.clone(),
                sentence_hashes(report, source, *min_chars, ignore),
            )),
            CrossCheck::Duplicate => {}
        }
    }
    let mut kept: Vec<(String, i64, Span)> = Vec::new();
    for cell in wanted {
        let id = cell.id();
        if kept.iter().any(|(candidate, ..)| *candidate == id) {
            continue;
        }
        if let Some(found) = cell.lookup(report) {
            if let Value::Number(value) = found.value {
                kept.push((id, value, found.span));
            }
        }
    }
    let anchor = report.title.as_ref().map(|title| title.span).or_else(|| {
        crate::kinds::prose_regions(report)
            .into_iter()
            .flat_map(|(region, _)| crate::text::sentences(source, region))
            .next()
    });
    let offsets = kept
        .iter()
        .map(|(.., span)| *span)
        .chain(anchor)
        .flat_map(|span| [span.start, span.end])
        .collect();
    let positions = Positions::new(source, index, offsets);
    let cells = kept
        .into_iter()
        .map(|(id, value, span)| (id, value, Located::new(&positions, span)))
        .collect();
    let anchor = anchor.map(|span| Located::new(&positions, span));
    CrossFacts {
        organ: report.organ().map(str::to_owned),
        year: report.year(),
        template: report.template.template,
        anchor,
        cells,
        sentences,
    }
}

/// The previous year's report and this one, as the checks see them.
struct Pair<'a> {
    this: &'a CrossFacts,
    previous: &'a CrossFacts,
    previous_path: String,
    previous_year: u16,
}

/// Runs the cross rules over the facts of a corpus. `files` are in output order (sorted by path):
/// of two reports of one body and year, the first is the one later years are compared with.
pub(crate) fn check_corpus(
    rules: &[Rule],
    files: &[(PathBuf, CrossFacts)],
    options: &CorpusOptions,
) -> Vec<(usize, Diagnostic)> {
    let aliases: BTreeMap<String, String> = options
        .aliases
        .iter()
        .map(|(alias, body)| (body_key(alias), body_key(body)))
        .collect();
    let key_of = |facts: &CrossFacts| -> Option<(String, u16)> {
        let key = body_key(facts.organ.as_deref()?);
        let key = aliases.get(&key).cloned().unwrap_or(key);
        Some((key, facts.year?))
    };
    let keys: Vec<Option<(String, u16)>> = files.iter().map(|(_, facts)| key_of(facts)).collect();
    let mut groups: BTreeMap<&(String, u16), Vec<usize>> = BTreeMap::new();
    for (file, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            groups.entry(key).or_default().push(file);
        }
    }
    let mut out = Vec::new();
    for (file, ((_, facts), key)) in files.iter().zip(&keys).enumerate() {
        let Some((body, year)) = key else {
            continue;
        };
        let first_of_year = groups.get(&(body.clone(), *year)).and_then(|g| g.first());
        let previous = year
            .checked_sub(1)
            .and_then(|last| groups.get(&(body.clone(), last)))
            .and_then(|group| group.first())
            .and_then(|&at| files.get(at).map(|(path, facts)| (at, path, facts)));
        for rule in rules {
            let Check::Cross(check) = &rule.check else {
                continue;
            };
            if !rule.applies_to(facts.template) {
                continue;
            }
            if let CrossCheck::Duplicate = check {
                if let Some(&first) = first_of_year.filter(|&&first| first != file) {
                    if let Some((path, other)) = files.get(first) {
                        duplicate(rule, facts, other, &path.display().to_string(), *year)
                            .into_iter()
                            .for_each(|d| out.push((file, d)));
                    }
                }
                continue;
            }
            let Some((_, path, previous)) = previous else {
                continue;
            };
            let pair = Pair {
                this: facts,
                previous,
                previous_path: path.display().to_string(),
                previous_year: year.saturating_sub(1),
            };
            let mut found = Vec::new();
            match check {
                CrossCheck::CarryOver { this, previous } => {
                    carry_over(rule, *this, *previous, &pair, &mut found);
                }
                CrossCheck::Stock { chains } => stock(rule, chains, &pair, &mut found),
                CrossCheck::Reuse {
                    share,
                    near_identical,
                    ..
                } => reuse(rule, *share, *near_identical, &pair, &mut found),
                CrossCheck::Duplicate => {}
            }
            out.extend(found.into_iter().map(|d| (file, d)));
        }
    }
    out.sort_by(|(a, x), (b, y)| (a, x.span, &x.code).cmp(&(b, y.span, &y.code)));
    out
}

fn carry_over(
    rule: &Rule,
    this_row: RowId,
    previous_row: RowId,
    pair: &Pair<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for (col, label) in TABLE3_COLUMNS.iter().enumerate() {
        let this_cell = CellRef::Table3(this_row, col).id();
        let previous_cell = CellRef::Table3(previous_row, col).id();
        let (Some((this, at)), Some((previous, there))) = (
            pair.this.cell(&this_cell),
            pair.previous.cell(&previous_cell),
        ) else {
            continue;
        };
        if this == previous {
            continue;
        }
        let vars: Vars = vec![
            var("column", format!("C{}", col + 1)),
            var("column_label", label),
            var("this", this),
            var("previous", previous),
            var("this_cell", &this_cell),
            var("previous_cell", &previous_cell),
            var("previous_file", &pair.previous_path),
            var("previous_year", pair.previous_year),
            var("delta", format!("{:+}", this.saturating_sub(previous))),
        ];
        let message = Message::new(
            format!("{} 年报告 {previous_cell} = {previous}", pair.previous_year),
            format!(
                "{} report: {previous_cell} = {previous}",
                pair.previous_year
            ),
        );
        out.push(
            emit(rule, None, at.span, &vars)
                .with_related(there.related(&pair.previous_path, message)),
        );
    }
}

fn stock(rule: &Rule, chains: &[[String; 3]], pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    for [stock, added, removed] in chains {
        let (Some((now, at)), Some((made, _)), Some((repealed, _)), Some((before, there))) = (
            pair.this.cell(stock),
            pair.this.cell(added),
            pair.this.cell(removed),
            pair.previous.cell(stock),
        ) else {
            continue;
        };
        let Some(expected) = before
            .checked_add(made)
            .and_then(|sum| sum.checked_sub(repealed))
        else {
            continue;
        };
        if now == expected {
            continue;
        }
        let label = CellRef::Table2(stock.clone()).describe(pair.this.template);
        let vars: Vars = vec![
            var("cell", label),
            var("stock", now),
            var("previous_stock", before),
            var("added", made),
            var("removed", repealed),
            var("expected", expected),
            var("delta", format!("{:+}", now.saturating_sub(expected))),
            var("previous_file", &pair.previous_path),
            var("previous_year", pair.previous_year),
        ];
        let message = Message::new(
            format!("{} 年报告 {stock} = {before}", pair.previous_year),
            format!("{} report: {stock} = {before}", pair.previous_year),
        );
        out.push(
            emit(rule, None, at.span, &vars)
                .with_related(there.related(&pair.previous_path, message)),
        );
    }
}

fn reuse(rule: &Rule, share: f64, near_identical: f64, pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let this = pair.this.sentences(&rule.code);
    let previous = pair.previous.sentences(&rule.code);
    let total: u64 = this.iter().map(|&(_, chars)| u64::from(chars)).sum();
    let reused: u64 = this
        .iter()
        .filter(|(hash, _)| previous.binary_search_by_key(hash, |(h, _)| *h).is_ok())
        .map(|&(_, chars)| u64::from(chars))
        .sum();
    if total == 0 {
        return;
    }
    let ratio = reused as f64 / total as f64;
    if ratio <= share {
        return;
    }
    let (Some(at), Some(there)) = (pair.this.anchor, pair.previous.anchor) else {
        return;
    };
    let vars: Vars = vec![
        var("share", format!("{:.0}%", ratio * 100.0)),
        var("reused", reused),
        var("total", total),
        var("previous_file", &pair.previous_path),
        var("previous_year", pair.previous_year),
    ];
    let variant = (ratio > near_identical).then_some("near-identical");
    let message = Message::new(
        format!("{} 年报告", pair.previous_year),
        format!("the {} report", pair.previous_year),
    );
    out.push(
        emit(rule, variant, at.span, &vars)
            .with_related(there.related(&pair.previous_path, message)),
    );
}

fn duplicate(
    rule: &Rule,
    this: &CrossFacts,
    other: &CrossFacts,
    other_path: &str,
    year: u16,
) -> Option<Diagnostic> {
    let (at, there) = (this.anchor?, other.anchor?);
    let organ = this.organ.clone().unwrap_or_default();
    let vars: Vars = vec![
        var("other_file", other_path),
        var("organ", &organ),
        var("year", year),
    ];
    let message = Message::new(
        "同一机关同一年度的另一份报告",
        "the other report of this body and year",
    );
    Some(emit(rule, None, at.span, &vars).with_related(there.related(other_path, message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_positions_agree_with_the_line_index() {
        let source =
            "标题 2024 年\n二、上年结转\t1\t0\n\n一行很长的正文，含数字 12 和英文 abc。\n末行";
        let index = LineIndex::new(source);
        let offsets: Vec<u32> = source
            .char_indices()
            .map(|(at, _)| at as u32)
            .chain([source.len() as u32, 1, 2])
            .rev()
            .collect();
        let positions = Positions::new(source, &index, offsets.clone());
        for offset in offsets {
            let expected = index.position(source, offset);
            assert_eq!(
                positions.at(offset),
                (expected.line, expected.column),
                "offset {offset}"
            );
        }
    }
}

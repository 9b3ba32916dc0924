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
use aho_corasick::AhoCorasick;
use nianbao_model::template::{RowId, TABLE3_COLUMNS, Template};
use nianbao_model::{Diagnostic, Message, RelatedLocation, Report, Value};
use nianbao_source::{LineIndex, Span};
use std::collections::BTreeMap;
use std::path::Path;

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

/// Every cell the cross rules compare, once, in a fixed order: a report's facts name a cell by
/// its position here (a `u16`) instead of carrying its id as a string, and the corpus pass looks
/// the slots up once per rule rather than formatting ids per pair of reports.
#[derive(Clone, Debug, Default)]
pub(crate) struct CrossPlan {
    cells: Vec<CellRef>,
    reuse: Vec<ReusePlan>,
}

/// A reuse rule as the per-file pass runs it: its boilerplate phrases searched in one pass over
/// each sentence rather than once per phrase.
#[derive(Clone, Debug)]
struct ReusePlan {
    /// The rule's index in the rule set.
    rule: u16,
    min_chars: usize,
    ignore: Option<AhoCorasick>,
    /// The phrases themselves, searched one by one if the automaton could not be built.
    phrases: Vec<String>,
}

impl ReusePlan {
    fn ignores(&self, sentence: &str) -> bool {
        match &self.ignore {
            Some(automaton) => automaton.is_match(sentence),
            None => self
                .phrases
                .iter()
                .any(|phrase| sentence.contains(phrase.as_str())),
        }
    }
}

impl CrossPlan {
    pub(crate) fn new(rules: &[Rule]) -> Self {
        let mut cells: Vec<CellRef> = Vec::new();
        let mut reuse = Vec::new();
        for (at, rule) in rules.iter().enumerate() {
            let Check::Cross(check) = &rule.check else {
                continue;
            };
            if let (
                CrossCheck::Reuse {
                    min_chars, ignore, ..
                },
                Ok(at),
            ) = (check, u16::try_from(at))
            {
                reuse.push(ReusePlan {
                    rule: at,
                    min_chars: *min_chars,
                    ignore: AhoCorasick::new(ignore).ok(),
                    phrases: ignore.clone(),
                });
            }
            let wanted: Vec<CellRef> = match check {
                CrossCheck::CarryOver { this, previous } => {
                    row_cells(*this).chain(row_cells(*previous)).collect()
                }
                CrossCheck::Stock { chains } => chains
                    .iter()
                    .flatten()
                    .cloned()
                    .map(CellRef::Table2)
                    .collect(),
                CrossCheck::Reuse { .. } | CrossCheck::Duplicate => Vec::new(),
            };
            for cell in wanted {
                if !cells.contains(&cell) {
                    cells.push(cell);
                }
            }
        }
        // Slots are u16: a rule set naming more cells than that keeps only the first ones.
        cells.truncate(usize::from(u16::MAX));
        Self { cells, reuse }
    }

    fn slot(&self, cell: &CellRef) -> Option<u16> {
        let at = self.cells.iter().position(|candidate| candidate == cell)?;
        u16::try_from(at).ok()
    }
}

/// Prose sentence hashes with their characters, sorted by hash.
type SentenceHashes = Box<[(u32, u32)]>;

/// A compared cell of one report: its slot in the [`CrossPlan`], value and position, packed to
/// 32 bytes (a [`Located`] and the value would take 40): a number cell ends on its own line or
/// a few lines further, so the end line is kept as a distance.
#[derive(Clone, Copy, Debug, PartialEq)]
struct CellFact {
    value: i64,
    span: Span,
    line: u32,
    column: u32,
    end_column: u32,
    end_lines: u16,
    slot: u16,
}

impl CellFact {
    fn new(slot: u16, value: i64, at: Located) -> Self {
        Self {
            value,
            span: at.span,
            line: at.line,
            column: at.column,
            end_column: at.end_column,
            end_lines: u16::try_from(at.end_line.saturating_sub(at.line)).unwrap_or(u16::MAX),
            slot,
        }
    }

    fn located(&self) -> Located {
        Located {
            span: self.span,
            line: self.line,
            column: self.column,
            end_line: self.line.saturating_add(u32::from(self.end_lines)),
            end_column: self.end_column,
        }
    }
}

/// What the cross rules need to know about one report: small, and free of its text. A corpus
/// run keeps one per report until the end, so every field is sized to the few facts it holds
/// (boxed slices, no per-cell strings).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CrossFacts {
    /// The issuing body as printed in the title.
    pub organ: Option<Box<str>>,
    pub year: Option<u16>,
    pub template: Template,
    /// Where findings about the whole report point: the title, else the first prose sentence.
    pub anchor: Option<Located>,
    /// The numeric cells the cross rules compare, sorted by slot.
    cells: Box<[CellFact]>,
    /// Per reuse rule (by index in the rule set): prose sentence hashes with their characters,
    /// sorted by hash.
    sentences: Box<[(u16, SentenceHashes)]>,
}

impl CrossFacts {
    fn cell(&self, slot: Option<u16>) -> Option<(i64, Located)> {
        let slot = slot?;
        let at = self
            .cells
            .binary_search_by_key(&slot, |cell| cell.slot)
            .ok()?;
        self.cells.get(at).map(|cell| (cell.value, cell.located()))
    }

    fn sentences(&self, rule: usize) -> &[(u32, u32)] {
        self.sentences
            .iter()
            .find(|(candidate, _)| usize::from(*candidate) == rule)
            .map_or(&[][..], |(_, hashes)| hashes)
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

/// FNV-1a folded to 32 bits: stable across runs, platforms and thread counts, so findings never
/// depend on them. 32 bits halve the facts kept per sentence; a collision needs two different
/// sentences of the same body's consecutive reports to meet among ~2^32 values.
fn hash(text: &str) -> u32 {
    let full = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |state, byte| {
        (state ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (full ^ (full >> 32)) as u32
}

/// The prose sentences of a report, hashed, for one reuse rule.
fn sentence_hashes(report: &Report, source: &str, rule: &ReusePlan) -> SentenceHashes {
    let mut found: Vec<(u32, u32)> = Vec::new();
    let mut folded = String::new();
    for (region, _) in crate::kinds::prose_regions(report) {
        for sentence in sentences(source, region) {
            fold_into(sentence.slice(source), &mut folded);
            let text = folded.trim_end_matches(['。', '；', '！', '？', ';', '!', '?']);
            let chars = text.chars().count();
            if chars < rule.min_chars || rule.ignores(text) {
                continue;
            }
            found.push((hash(text), u32::try_from(chars).unwrap_or(u32::MAX)));
        }
    }
    found.sort_unstable();
    // A sentence printed twice counts twice for this year's share, once for membership.
    found.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 = kept.1.saturating_add(next.1);
        }
        same
    });
    found.into_boxed_slice()
}

/// The cells of a carry-over rule's row, one per column.
fn row_cells(row: RowId) -> impl Iterator<Item = CellRef> {
    (0..TABLE3_COLUMNS.len()).map(move |col| CellRef::Table3(row, col))
}

/// Extracts what the cross checks of `plan` need from one report.
pub(crate) fn extract(
    plan: &CrossPlan,
    report: &Report,
    source: &str,
    index: &LineIndex,
) -> CrossFacts {
    let sentences: Vec<(u16, SentenceHashes)> = plan
        .reuse
        .iter()
        .map(|rule| (rule.rule, sentence_hashes(report, source, rule)))
        .collect();
    let mut kept: Vec<(u16, i64, Span)> = Vec::new();
    for (slot, cell) in (0..=u16::MAX).zip(&plan.cells) {
        if let Some(found) = cell.lookup(report) {
            if let Value::Number(value) = found.value {
                kept.push((slot, value, found.span));
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
        .map(|(slot, value, span)| CellFact::new(slot, value, Located::new(&positions, span)))
        .collect();
    let anchor = anchor.map(|span| Located::new(&positions, span));
    CrossFacts {
        organ: report.organ().map(Box::from),
        year: report.year(),
        template: report.template.template,
        anchor,
        cells,
        sentences: sentences.into_boxed_slice(),
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
pub(crate) fn check_corpus<P: AsRef<Path>>(
    rules: &[Rule],
    plan: &CrossPlan,
    files: &[(P, CrossFacts)],
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
            .and_then(|&at| {
                files
                    .get(at)
                    .map(|(path, facts)| (at, path.as_ref(), facts))
            });
        for (at, rule) in rules.iter().enumerate() {
            let Check::Cross(check) = &rule.check else {
                continue;
            };
            if !rule.applies_to(facts.template) {
                continue;
            }
            if let CrossCheck::Duplicate = check {
                if let Some(&first) = first_of_year.filter(|&&first| first != file) {
                    if let Some((path, other)) = files.get(first) {
                        duplicate(
                            rule,
                            facts,
                            other,
                            &path.as_ref().display().to_string(),
                            *year,
                        )
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
                    carry_over(rule, plan, *this, *previous, &pair, &mut found);
                }
                CrossCheck::Stock { chains } => stock(rule, plan, chains, &pair, &mut found),
                CrossCheck::Reuse {
                    share,
                    near_identical,
                    ..
                } => reuse(rule, at, *share, *near_identical, &pair, &mut found),
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
    plan: &CrossPlan,
    this_row: RowId,
    previous_row: RowId,
    pair: &Pair<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for (col, label) in TABLE3_COLUMNS.iter().enumerate() {
        let this_cell = CellRef::Table3(this_row, col);
        let previous_cell = CellRef::Table3(previous_row, col);
        let (Some((this, at)), Some((previous, there))) = (
            pair.this.cell(plan.slot(&this_cell)),
            pair.previous.cell(plan.slot(&previous_cell)),
        ) else {
            continue;
        };
        if this == previous {
            continue;
        }
        let (this_cell, previous_cell) = (this_cell.id(), previous_cell.id());
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

fn stock(
    rule: &Rule,
    plan: &CrossPlan,
    chains: &[[String; 3]],
    pair: &Pair<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for [stock, added, removed] in chains {
        let slot = |id: &String| plan.slot(&CellRef::Table2(id.clone()));
        let (Some((now, at)), Some((made, _)), Some((repealed, _)), Some((before, there))) = (
            pair.this.cell(slot(stock)),
            pair.this.cell(slot(added)),
            pair.this.cell(slot(removed)),
            pair.previous.cell(slot(stock)),
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

fn reuse(
    rule: &Rule,
    index: usize,
    share: f64,
    near_identical: f64,
    pair: &Pair<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let this = pair.this.sentences(index);
    let previous = pair.previous.sentences(index);
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
    let organ = this.organ.as_deref().unwrap_or_default();
    let vars: Vars = vec![
        var("other_file", other_path),
        var("organ", organ),
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

    /// Heap and inline bytes one report's facts hold for the whole corpus run.
    fn footprint(facts: &CrossFacts) -> usize {
        std::mem::size_of::<CrossFacts>()
            + facts.organ.as_deref().map_or(0, str::len)
            + std::mem::size_of_val::<[CellFact]>(&facts.cells)
            + std::mem::size_of_val::<[(u16, SentenceHashes)]>(&facts.sentences)
            + facts
                .sentences
                .iter()
                .map(|(_, hashes)| std::mem::size_of_val::<[(u32, u32)]>(hashes))
                .sum::<usize>()
    }

    /// Issue 5 wants memory flat on large corpora: a corpus run keeps these facts for every
    /// report, so a generated report (both carry-over rows, full narrative) must stay
    /// well under a kilobyte, and its facts must still carry every compared cell.
    #[test]
    fn a_reports_facts_stay_under_a_kilobyte() {
        let rules = crate::RuleSet::builtin().expect("builtin rules");
        let plan = CrossPlan::new(rules.rules());
        let reports = nianbao_gen::series(&nianbao_gen::SeriesOptions {
            seed: 3,
            index: 7,
            first_year: 2021,
            years: 3,
            faults: Vec::new(),
        });
        for report in &reports {
            let text = nianbao_gen::render(report, nianbao_gen::Layout::Tab).text;
            let parsed = nianbao_syntax::parse(&text);
            let facts = rules.cross_facts(&parsed.report, &text, &LineIndex::new(&text));
            // Both carry-over rows always; the Table 2 stock cells where the body has them.
            assert!(facts.cells.len() >= 2 * TABLE3_COLUMNS.len(), "{text}");
            assert!(facts.cells.len() <= plan.cells.len());
            assert!(facts.sentences.iter().all(|(_, hashes)| !hashes.is_empty()));
            let bytes = footprint(&facts);
            eprintln!(
                "{} cells, {} sentences: {bytes} bytes",
                facts.cells.len(),
                facts.sentences.iter().map(|(_, h)| h.len()).sum::<usize>()
            );
            assert!(bytes < 1024, "{bytes} bytes of facts");
        }
    }

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

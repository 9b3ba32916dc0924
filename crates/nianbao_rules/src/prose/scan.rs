//! The joint reading of the prose (`identities.md` §5): within one sentence, every occurrence of
//! every narrative phrase, and for each the number inside the phrase's own clause.
//!
//! All prose checks ([`ProseCheck`]) read together because their phrases compete for the same
//! numbers: the longest phrase at a position wins, and a number never belongs to a phrase past
//! another phrase, so `结转下年度继续办理 0 件` is never read as `办理 0 件`.

use super::numbers::{NumberKind, NumberToken};
use super::phrase::{Phrase, Target};
use super::starts::{PhraseStarts, Start};
use super::{ClaimedNumber, StatementHit, is_clause_break};
use crate::rule::{Ctx, ProseCheck, Rule};
use nianbao_model::{Diagnostic, Span};

/// The most characters between a phrase and its number (`受理依申请公开政府信息件 81 件`).
const MAX_GAP: usize = 20;

/// One phrase of the index, with the rule that reads it.
#[derive(Clone, Debug)]
pub(crate) struct PhraseEntry {
    /// The rule's index in the rule set.
    pub rule: usize,
    pub target: Target,
    pub phrase: Phrase,
    pub sections: Vec<u8>,
    pub unless: Vec<String>,
}

impl PhraseEntry {
    /// Whether the phrase is read in a sentence of this section.
    pub(crate) fn reads_in(&self, section: Option<u8>) -> bool {
        self.sections.is_empty() || section.is_some_and(|s| self.sections.contains(&s))
    }

    /// Whether `stretch` holds a word that makes the occurrence mean something else.
    fn qualified(&self, stretch: &str) -> bool {
        self.unless
            .iter()
            .any(|word| stretch.contains(word.as_str()))
    }
}

/// From `start` to the end of its clause (a `、` does not end it: `未发生…行政复议、行政诉讼`).
fn rest_of_clause(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or_default();
    let end = rest
        .char_indices()
        .find(|&(_, c)| is_clause_break(c) && c != '、')
        .map_or(rest.len(), |(at, _)| at);
    rest.get(..end).unwrap_or_default()
}

/// Every narrative and statement phrase of a rule set, by their first parts, found in one pass
/// over a sentence ([`PhraseStarts`], built when the rules are loaded): a sentence is scanned
/// once, whatever the number of phrases, and no searcher or index is built per report.
#[derive(Clone, Debug, Default)]
pub(crate) struct PhraseIndex {
    starts: PhraseStarts,
    /// Per first part: the phrases starting with it.
    entries: Vec<Vec<PhraseEntry>>,
}

impl PhraseIndex {
    /// The phrases' first parts, which the walk over the prose finds ([`crate::prose`]).
    pub(crate) fn starts(&self) -> &PhraseStarts {
        &self.starts
    }

    pub(crate) fn new(rules: &[Rule]) -> PhraseIndex {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<PhraseEntry>> = Vec::new();
        for (rule_index, rule) in rules.iter().enumerate() {
            let Some(prose) = rule.check.prose() else {
                continue;
            };
            for used in prose.phrases() {
                let Some(first) = used.phrase.first() else {
                    continue;
                };
                let entry = PhraseEntry {
                    rule: rule_index,
                    target: used.target,
                    phrase: used.phrase.clone(),
                    sections: used.sections,
                    unless: used.unless,
                };
                match patterns.iter().position(|p| p == first) {
                    Some(at) => {
                        if let Some(list) = entries.get_mut(at) {
                            list.push(entry);
                        }
                    }
                    None => {
                        patterns.push(first.to_owned());
                        entries.push(vec![entry]);
                    }
                }
            }
        }
        let starts = PhraseStarts::new(patterns.iter().map(String::as_str));
        PhraseIndex { starts, entries }
    }
}

/// A claim phrase found in a sentence, relative to the sentence start.
#[derive(Clone, Copy, Debug)]
struct Occurrence<'i> {
    start: usize,
    end: usize,
    rule: usize,
    claim: usize,
    before: bool,
    entry: &'i PhraseEntry,
}

fn integer(token: &NumberToken) -> Option<i64> {
    (token.decimals == 0 && token.value.fract() == 0.0 && token.value < 1e15)
        .then_some(token.value as i64)
}

/// Where the neighbouring claims of an occurrence end and start, relative to the sentence.
#[derive(Clone, Copy, Debug)]
struct Neighbours {
    previous_end: usize,
    next_start: usize,
}

/// The number a phrase introduces, if one sits in its clause.
fn number_for<'s>(
    occurrence: &Occurrence<'_>,
    neighbours: Neighbours,
    numbers: &'s [NumberToken],
    text: &str,
) -> Option<&'s NumberToken> {
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
    if occurrence.before {
        let after = numbers.partition_point(|token| (token.at.end as usize) <= occurrence.start);
        numbers[..after]
            .iter()
            .rev()
            .take_while(|token| {
                (token.at.start as usize) >= neighbours.previous_end
                    && occurrence.start - (token.at.end as usize) <= MAX_GAP * 4
            })
            .find(|token| token.counts_cases() && clean(token.at.end as usize, occurrence.start))
    } else {
        let first = numbers.partition_point(|token| (token.at.start as usize) < occurrence.end);
        for token in &numbers[first..] {
            let start = token.at.start as usize;
            if start >= neighbours.next_start || !clean(occurrence.end, start) {
                return None;
            }
            match token.kind {
                NumberKind::Count if token.counts_cases() => return Some(token),
                // A count of something else, a duration or a percentage ends the search.
                NumberKind::Count | NumberKind::Percent | NumberKind::Measure => return None,
                NumberKind::Other => {}
            }
        }
        None
    }
}

/// A rule that reads the prose, by its index in the rule set.
struct Reader<'r> {
    index: usize,
    rule: &'r Rule,
    prose: &'r dyn ProseCheck,
}

/// Runs every prose check of `rules` that `applies` marks (by the rule's index), finding their
/// phrases through `index`.
pub(crate) fn run(
    rules: &[Rule],
    applies: &[bool],
    index: &PhraseIndex,
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let applicable = |rule: usize| applies.get(rule).copied().unwrap_or(false);
    let readers: Vec<Reader<'_>> = rules
        .iter()
        .enumerate()
        .filter(|&(at, _)| applicable(at))
        .filter_map(|(index, rule)| {
            let prose = rule.check.prose()?;
            Some(Reader { index, rule, prose })
        })
        .collect();
    let reader = |rule: usize| {
        readers
            .binary_search_by_key(&rule, |reader| reader.index)
            .ok()
            .and_then(|at| readers.get(at))
    };
    let mut occurrences: Vec<Occurrence<'_>> = Vec::new();
    let mut accepted: Vec<Occurrence<'_>> = Vec::new();
    // Statement phrases found in a sentence.
    let mut stated: Vec<StatementHit> = Vec::new();
    let mut claimed: Vec<Span> = Vec::new();
    // Every claimed number of the report, for the passage sums.
    let mut passage: Vec<ClaimedNumber<'_>> = Vec::new();
    for sentence in &ctx.sentences {
        let text = sentence.text.text();
        occurrences.clear();
        stated.clear();
        for &Start { part, at: start } in sentence.starts_in(&ctx.starts) {
            let Some(entries) = index.entries.get(part) else {
                continue;
            };
            for entry in entries {
                if !applicable(entry.rule) {
                    continue;
                }
                let Some(end) = entry.phrase.match_at(text, start) else {
                    continue;
                };
                match entry.target {
                    Target::Claim { claim, before } => {
                        if entry.reads_in(sentence.section) {
                            occurrences.push(Occurrence {
                                start,
                                end,
                                rule: entry.rule,
                                claim,
                                before,
                                entry,
                            });
                        }
                    }
                    Target::Statement { claim, phrase } => {
                        if entry.qualified(rest_of_clause(text, start)) {
                            continue;
                        }
                        stated.push(StatementHit {
                            rule: entry.rule,
                            claim,
                            phrase,
                            start,
                            end,
                        });
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
            let neighbours = Neighbours {
                previous_end: at
                    .checked_sub(1)
                    .and_then(|i| accepted.get(i))
                    .map_or(0, |o| o.end),
                next_start: accepted.get(at + 1).map_or(text.len(), |o| o.start),
            };
            let Some(token) = number_for(
                occurrence,
                neighbours,
                sentence.numbers_in(&ctx.numbers),
                text,
            ) else {
                continue;
            };
            let between = if occurrence.before {
                text.get(token.at.end as usize..occurrence.end)
            } else {
                text.get(occurrence.start..token.at.start as usize)
            };
            if occurrence.entry.qualified(between.unwrap_or_default()) {
                continue;
            }
            let (Some(reader), Some(stated)) = (reader(occurrence.rule), integer(token)) else {
                continue;
            };
            claimed.push(token.span);
            passage.push(ClaimedNumber {
                region: sentence.region,
                stated,
                span: token.span,
                cells: reader.prose.claim_cells(occurrence.claim),
            });
            reader
                .prose
                .claim(reader.rule, occurrence.claim, token, stated, ctx, out);
        }
        if !claimed.is_empty() {
            for reader in &readers {
                reader
                    .prose
                    .after_claims(reader.rule, sentence, &claimed, ctx, out);
            }
        }
        if !stated.is_empty() {
            // In rule order, as the rules are declared.
            stated.sort_by_key(|hit| (hit.rule, hit.claim, hit.phrase, hit.start));
            for found in stated.chunk_by(|a, b| a.rule == b.rule) {
                if let Some(reader) = found.first().and_then(|hit| reader(hit.rule)) {
                    reader
                        .prose
                        .statements(reader.rule, sentence, found, ctx, out);
                }
            }
        }
    }
    for reader in &readers {
        reader.prose.passages(reader.rule, &passage, ctx, out);
    }
}

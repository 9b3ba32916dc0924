//! What the cross-report rules keep of one report, and its compact byte form.
//!
//! The per-file pass takes a [`CrossFacts`] from each report while its text and model are at
//! hand — the body and year, the few cells the cross rules compare, hashes of the prose
//! sentences — and hands it to the corpus store, which keeps only its bytes. Positions are byte
//! spans in the report's own text: line and column are worked out at the end for the few that a
//! finding shows, when that file is read again.

use super::CrossPlan;
use super::boilerplate::Boilerplate;
use crate::prose::Sentence;
use nianbao_model::template::Template;
use nianbao_model::{Report, Span, Value};

/// Prose sentence hashes with their characters, sorted by hash.
pub(crate) type SentenceHashes = Vec<(u32, u32)>;

/// A compared cell of one report: its slot in the [`CrossPlan`], value and span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CellFact {
    pub(crate) slot: u16,
    pub(crate) value: i64,
    pub(crate) span: Span,
}

/// What the cross rules need to know about one report, free of its text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CrossFacts {
    /// The issuing body as printed in the title.
    pub organ: Option<Box<str>>,
    pub year: Option<u16>,
    pub template: Template,
    /// Where findings about the whole report point: the title, else the first prose sentence.
    pub anchor: Option<Span>,
    /// The numeric cells the cross rules compare, sorted by slot.
    pub(crate) cells: Vec<CellFact>,
    /// Per reuse rule (by index in the rule set): prose sentence hashes with their characters,
    /// sorted by hash.
    pub(crate) sentences: Vec<(u16, SentenceHashes)>,
}

impl CrossFacts {
    /// The value and span of the cell in `slot`, if the report has a number there.
    pub(crate) fn cell(&self, slot: Option<u16>) -> Option<(i64, Span)> {
        let slot = slot?;
        // A report that has every compared cell has each at its slot: no search.
        let at = match self.cells.get(usize::from(slot)) {
            Some(cell) if cell.slot == slot => usize::from(slot),
            _ => self
                .cells
                .binary_search_by_key(&slot, |cell| cell.slot)
                .ok()?,
        };
        self.cells.get(at).map(|cell| (cell.value, cell.span))
    }

    pub(crate) fn sentences(&self, rule: usize) -> &[(u32, u32)] {
        self.sentences
            .iter()
            .find(|(candidate, _)| usize::from(*candidate) == rule)
            .map_or(&[][..], |(_, hashes)| hashes)
    }
}

/// A reuse rule as the per-file pass runs it.
#[derive(Clone, Debug)]
pub(crate) struct ReusePlan {
    /// The rule's index in the rule set.
    pub(crate) rule: u16,
    min_chars: usize,
    /// The boilerplate phrases (folded), searched for all at once.
    ignore: Boilerplate,
}

impl ReusePlan {
    pub(crate) fn new(rule: u16, min_chars: usize, phrases: &[String]) -> Self {
        Self {
            rule,
            min_chars,
            ignore: Boilerplate::new(phrases),
        }
    }

    /// The prose sentences as this rule compares them — folded (no whitespace, full-width ASCII
    /// as ASCII), without their closing punctuation, long enough and not boilerplate — hashed.
    /// `folded` holds every sentence folded, one per line, at `ranges`.
    fn hashes(&self, folded: &str, ranges: &[std::ops::Range<usize>]) -> SentenceHashes {
        // One search over the whole prose: a phrase cannot run across the line breaks.
        let mut boilerplate = vec![false; ranges.len()];
        self.ignore.for_each_start(folded, |start| {
            let sentence = ranges.partition_point(|range| range.end <= start);
            if let Some(flag) = boilerplate.get_mut(sentence) {
                *flag = true;
            }
        });
        let mut found: SentenceHashes = ranges
            .iter()
            .zip(boilerplate)
            .filter(|(_, boilerplate)| !boilerplate)
            .filter_map(|(range, _)| {
                let text = folded.get(range.clone())?;
                let chars = text.chars().count();
                (chars >= self.min_chars)
                    .then(|| (hash(text), u32::try_from(chars).unwrap_or(u32::MAX)))
            })
            .collect();
        found.sort_unstable();
        // A sentence printed twice counts twice for this year's share, once for membership.
        found.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 = kept.1.saturating_add(next.1);
            }
            same
        });
        found
    }
}

/// Extracts what the cross checks of `plan` need from one report, whose prose `sentences` the
/// caller has cut and folded already (the narrative rules need them too; `prose` is
/// [`crate::prose::Prose::folded`]).
pub(crate) fn extract(
    plan: &CrossPlan,
    report: &Report,
    sentences: &[Sentence<'_>],
    prose: &str,
) -> CrossFacts {
    let mut hashes = Vec::with_capacity(plan.reuse.len());
    if !plan.reuse.is_empty() {
        let mut folded = String::with_capacity(prose.len());
        let mut ranges = Vec::with_capacity(sentences.len());
        for sentence in sentences {
            // Closing punctuation is left out. Folding drops whitespace and makes `；！？`
            // `;!?`, and no other character folds to one of `。;!?`: trimming them off the
            // folded text gives the folded text of the printed one trimmed.
            let text = prose
                .get(sentence.folded.clone())
                .unwrap_or_default()
                .trim_end_matches(['。', ';', '!', '?']);
            let start = folded.len();
            folded.push_str(text);
            ranges.push(start..folded.len());
            folded.push('\n');
        }
        for rule in &plan.reuse {
            hashes.push((rule.rule, rule.hashes(&folded, &ranges)));
        }
    }
    let mut cells = Vec::new();
    for (slot, cell) in (0..=u16::MAX).zip(&plan.cells) {
        if let Some(found) = cell.lookup(report) {
            if let Value::Number(value) = found.value {
                cells.push(CellFact {
                    slot,
                    value,
                    span: found.span,
                });
            }
        }
    }
    let anchor = report
        .title
        .as_ref()
        .map(|title| title.span)
        .or_else(|| sentences.first().map(|sentence| sentence.span));
    CrossFacts {
        organ: report.organ().map(Box::from),
        year: report.year(),
        template: report.template.template,
        anchor,
        cells,
        sentences: hashes,
    }
}

/// A 32-bit hash of a folded sentence, stable across runs, platforms and thread counts, so
/// findings never depend on them: FxHash-style over 8-byte little-endian words (a byte at a time
/// was latency-bound on the multiply), then MurmurHash3's finaliser so every output bit depends
/// on every input bit. 32 bits halve the facts kept per sentence; a collision needs two
/// different sentences of the same body's consecutive reports to meet among ~2^32 values.
fn hash(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut state = 0x243f_6a88_85a3_08d3_u64 ^ bytes.len() as u64;
    let mix =
        |state: u64, word: u64| (state.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0_u8; 8];
        word.copy_from_slice(chunk);
        state = mix(state, u64::from_le_bytes(word));
    }
    // The last few bytes, zero-padded.
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0_u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        state = mix(state, u64::from_le_bytes(word));
    }
    state ^= state >> 33;
    state = state.wrapping_mul(0xff51_afd7_ed55_8ccd);
    state ^= state >> 33;
    state = state.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    state ^= state >> 33;
    state as u32
}

/// The byte form of a report's facts, as the corpus store keeps them: little-endian integers,
/// lengths before their contents. `path` travels with the facts so that findings can name the
/// other file without the store keeping a string per report in memory.
pub(crate) fn encode(path: &str, facts: &CrossFacts, out: &mut Vec<u8>) {
    put_str(out, path);
    put_str(out, facts.organ.as_deref().unwrap_or(""));
    out.push(u8::from(facts.organ.is_some()));
    out.extend_from_slice(&facts.year.unwrap_or(0).to_le_bytes());
    out.push(u8::from(facts.year.is_some()));
    out.push(match facts.template {
        Template::V2021 => 0,
        Template::V2019 => 1,
        Template::Pre2019 => 2,
        Template::Unknown => 3,
    });
    match facts.anchor {
        Some(span) => {
            out.push(1);
            put_span(out, span);
        }
        None => out.push(0),
    }
    put_len(out, facts.cells.len());
    for cell in &facts.cells {
        out.extend_from_slice(&cell.slot.to_le_bytes());
        out.extend_from_slice(&cell.value.to_le_bytes());
        put_span(out, cell.span);
    }
    put_len(out, facts.sentences.len());
    for (rule, hashes) in &facts.sentences {
        out.extend_from_slice(&rule.to_le_bytes());
        put_len(out, hashes.len());
        for (hash, chars) in hashes {
            out.extend_from_slice(&hash.to_le_bytes());
            out.extend_from_slice(&chars.to_le_bytes());
        }
    }
}

/// Reads back what [`encode`] wrote; `None` if the bytes are not such a record.
pub(crate) fn decode(bytes: &[u8]) -> Option<(String, CrossFacts)> {
    let mut input = Reader(bytes);
    let path = input.str()?.to_owned();
    let organ = input.str()?;
    let organ = (input.u8()? == 1).then(|| Box::from(organ));
    let year = input.u16()?;
    let year = (input.u8()? == 1).then_some(year);
    let template = match input.u8()? {
        0 => Template::V2021,
        1 => Template::V2019,
        2 => Template::Pre2019,
        _ => Template::Unknown,
    };
    let anchor = match input.u8()? {
        1 => Some(input.span()?),
        _ => None,
    };
    // The cells and the hashes are read as runs of fixed-size items: the corpus pass decodes
    // every report's record, and reading them a field at a time was most of its decoding.
    let count = input.len()?;
    let cells = input
        .items::<CELL>(count)?
        .map(|item| CellFact {
            slot: u16::from_le_bytes([item[0], item[1]]),
            value: i64::from_le_bytes(item[2..10].try_into().unwrap_or_default()),
            span: Span::new(le_u32(&item[10..14]), le_u32(&item[14..18])),
        })
        .collect();
    let count = input.len()?;
    let mut sentences = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let rule = input.u16()?;
        let hashes = input.len()?;
        let found = input
            .items::<HASH>(hashes)?
            .map(|item| (le_u32(&item[..4]), le_u32(&item[4..])))
            .collect();
        sentences.push((rule, found));
    }
    input.0.is_empty().then_some((
        path,
        CrossFacts {
            organ,
            year,
            template,
            anchor,
            cells,
            sentences,
        },
    ))
}

/// Bytes of a cell in a record: slot, value, span.
const CELL: usize = 2 + 8 + 4 + 4;

/// Bytes of a sentence hash in a record: hash, characters.
const HASH: usize = 4 + 4;

/// A little-endian `u32` of four bytes (of a fixed-size item: never fewer).
fn le_u32(bytes: &[u8]) -> u32 {
    u32::from_le_bytes(bytes.try_into().unwrap_or_default())
}

fn put_len(out: &mut Vec<u8>, len: usize) {
    out.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_len(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

fn put_span(out: &mut Vec<u8>, span: Span) {
    out.extend_from_slice(&span.start.to_le_bytes());
    out.extend_from_slice(&span.end.to_le_bytes());
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[byte]| byte)
    }

    fn u16(&mut self) -> Option<u16> {
        self.take().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    fn len(&mut self) -> Option<usize> {
        self.u32().and_then(|len| usize::try_from(len).ok())
    }

    fn span(&mut self) -> Option<Span> {
        Some(Span::new(self.u32()?, self.u32()?))
    }

    /// The next `count` items of `N` bytes each.
    fn items<const N: usize>(&mut self, count: usize) -> Option<std::slice::ChunksExact<'a, u8>> {
        let len = count.checked_mul(N)?;
        let (items, rest) = (self.0.get(..len)?, self.0.get(len..)?);
        self.0 = rest;
        Some(items.chunks_exact(N))
    }

    fn str(&mut self) -> Option<&'a str> {
        let len = self.len()?;
        let (text, rest) = (self.0.get(..len)?, self.0.get(len..)?);
        self.0 = rest;
        std::str::from_utf8(text).ok()
    }
}

#[cfg(test)]
mod tests;

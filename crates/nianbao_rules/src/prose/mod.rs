//! The report's prose as the narrative checks read it: its regions (paragraphs, or section
//! bodies minus their tables), cut into sentences with their numbers once per report, and the
//! joint scan in which every narrative phrase competes for those numbers ([`scan`]).

pub(crate) mod joined;
pub(crate) mod numbers;
pub(crate) mod phrase;
pub(crate) mod reading;
pub(crate) mod scan;
pub(crate) mod starts;

use crate::expr::Expr;
use joined::{CutSentence, Joined, cut};
use nianbao_model::{Report, Span};
use numbers::{Gathered, NumberToken, numbers_into};
use starts::{PhraseStarts, Start};
use std::ops::Range;

/// A stretch of prose: a paragraph, or a section body between its tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ProseRegion {
    pub span: Span,
    /// The section it sits in (1–6), if known.
    pub section: Option<u8>,
    /// A paragraph the parser found, whose line breaks may be wraps ([`joined`]); a section
    /// body read instead of paragraphs breaks at every line.
    pub wraps: bool,
}

/// One prose sentence with its numbers.
pub(crate) struct Sentence<'a> {
    /// The sentence in the source, terminator included.
    pub span: Span,
    /// Its text with the wraps taken out; numbers and phrases are found in it, and their
    /// positions map back to the source through it.
    pub text: Joined<'a>,
    pub section: Option<u8>,
    /// The prose region (paragraph) it belongs to, by position: a passage for N016.
    pub region: usize,
    /// Where the numbers of `text` are in [`Prose::numbers`] ([`Sentence::numbers_in`]).
    pub numbers: Range<usize>,
    /// Whether `text` holds whitespace (`char::is_whitespace`).
    pub whitespace: bool,
    /// Where `text` folded ([`crate::fold`]) is in [`Prose::folded`].
    pub folded: Range<usize>,
    /// Where the places phrases start in `text` are in [`Prose::starts`].
    pub starts: Range<usize>,
}

impl Sentence<'_> {
    /// The sentence's numbers, out of the report's `all` ([`Prose::numbers`]).
    pub(crate) fn numbers_in<'n>(&self, all: &'n [NumberToken]) -> &'n [NumberToken] {
        all.get(self.numbers.clone()).unwrap_or(&[])
    }

    /// Where the phrases' first parts start in the sentence's text, out of the report's `all`
    /// ([`Prose::starts`]).
    pub(crate) fn starts_in<'s>(&self, all: &'s [Start]) -> &'s [Start] {
        all.get(self.starts.clone()).unwrap_or(&[])
    }
}

/// The report's prose sentences, with the numbers of all of them in one vector (one allocation
/// per report instead of one per sentence that has numbers), and all of them folded in one
/// string, read on the same walk as the numbers.
pub(crate) struct Prose<'a> {
    pub sentences: Vec<Sentence<'a>>,
    /// Every sentence's numbers in text order; a sentence's are [`Sentence::numbers`].
    pub numbers: Vec<NumberToken>,
    /// Every sentence's text folded (full-width ASCII as ASCII, no whitespace), each followed
    /// by a line break; a sentence's is at [`Sentence::folded`]. A folded phrase holds no line
    /// break, so one search of the whole finds it in a sentence or not at all.
    pub folded: String,
    /// Where the phrases' first parts start in every sentence, in text order; a sentence's are
    /// [`Sentence::starts`].
    pub starts: Vec<Start>,
}

/// A number a claim read in the prose.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ClaimedNumber<'r> {
    /// The prose region (paragraph) it sits in.
    pub region: usize,
    pub stated: i64,
    pub span: Span,
    /// The expression whose cells the claim stands for (its first reading).
    pub cells: Option<&'r Expr>,
}

/// A statement phrase found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StatementHit {
    /// The rule's index in the rule set, the statement's in the rule, and the phrase's in the
    /// statement.
    pub rule: usize,
    pub claim: usize,
    pub phrase: usize,
    /// Where the phrase is in the sentence's text.
    pub start: usize,
    pub end: usize,
}

/// Cuts the report's prose into sentences, with their numbers, their folded text and where the
/// first parts of `phrases` start in them: one walk over each sentence reads all three.
pub(crate) fn sentences_of<'a>(
    report: &Report,
    source: &'a str,
    phrases: &PhraseStarts,
) -> Prose<'a> {
    let mut sentences = Vec::with_capacity(report.paragraphs.len() * 2);
    // Every sentence's numbers are read into one vector; a sentence keeps its range.
    // (A report's prose holds some dozens of numbers: sized so that most never grow it.)
    let mut numbers: Vec<NumberToken> = Vec::with_capacity(128);
    let mut folded = String::with_capacity(source.len() / 2);
    let mut starts: Vec<Start> = Vec::with_capacity(128);
    for (region, prose) in prose_regions(report).into_iter().enumerate() {
        cut(
            source,
            prose.span,
            prose.wraps,
            |CutSentence { span, text }| {
                let first = numbers.len();
                let folded_start = folded.len();
                let first_start = starts.len();
                let whitespace = numbers_into(
                    text.text(),
                    &mut numbers,
                    phrases,
                    Gathered {
                        folded: &mut folded,
                        starts: &mut starts,
                    },
                );
                let folded_range = folded_start..folded.len();
                folded.push('\n');
                let read = first..numbers.len();
                for token in numbers.get_mut(read.clone()).unwrap_or(&mut []) {
                    token.span = text.span(token.at.range());
                }
                sentences.push(Sentence {
                    span,
                    text,
                    section: prose.section,
                    region,
                    numbers: read,
                    whitespace,
                    folded: folded_range,
                    starts: first_start..starts.len(),
                });
            },
        );
    }
    Prose {
        sentences,
        numbers,
        folded,
        starts,
    }
}

/// The report's prose with the section of each stretch. Without paragraphs from the parser, the
/// section bodies are read instead, minus the tables.
pub(crate) fn prose_regions(report: &Report) -> Vec<ProseRegion> {
    let mut regions: Vec<ProseRegion> = report
        .paragraphs
        .iter()
        .map(|paragraph| ProseRegion {
            span: paragraph.span,
            section: paragraph.section,
            wraps: true,
        })
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
            let section_number = Some(section.number);
            for table in inside {
                regions.push(ProseRegion {
                    span: Span::new(start, table.start),
                    section: section_number,
                    wraps: false,
                });
                start = table.end;
            }
            regions.push(ProseRegion {
                span: Span::new(start, section.body.end),
                section: section_number,
                wraps: false,
            });
        }
    }
    regions
}

/// Characters that end a clause: a narrative number never belongs to a phrase across them.
pub(crate) fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '、' | '（' | '）' | '(' | ')' | '\n'
    )
}

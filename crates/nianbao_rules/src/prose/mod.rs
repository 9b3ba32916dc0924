//! The report's prose as the narrative checks read it: its regions (paragraphs, or section
//! bodies minus their tables), cut into sentences with their numbers once per report, and the
//! joint scan in which every narrative phrase competes for those numbers ([`scan`]).

pub(crate) mod numbers;
pub(crate) mod phrase;
pub(crate) mod reading;
pub(crate) mod scan;

use crate::expr::Expr;
use nianbao_model::{Report, Span};
use numbers::{NumberToken, numbers};

/// A stretch of prose: a paragraph, or a section body between its tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ProseRegion {
    pub span: Span,
    /// The section it sits in (1–6), if known.
    pub section: Option<u8>,
}

/// One prose sentence with its numbers.
pub(crate) struct Sentence {
    pub span: Span,
    pub section: Option<u8>,
    /// The prose region (paragraph) it belongs to, by position: a passage for N016.
    pub region: usize,
    pub numbers: Vec<NumberToken>,
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
    pub span: Span,
}

/// Cuts the report's prose into sentences.
pub(crate) fn sentences_of(report: &Report, source: &str) -> Vec<Sentence> {
    prose_regions(report)
        .into_iter()
        .enumerate()
        .flat_map(|(region, prose)| {
            sentences(source, prose.span)
                .into_iter()
                .map(move |sentence| Sentence {
                    span: sentence,
                    section: prose.section,
                    region,
                    numbers: numbers(source, sentence),
                })
        })
        .collect()
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
                });
                start = table.end;
            }
            regions.push(ProseRegion {
                span: Span::new(start, section.body.end),
                section: section_number,
            });
        }
    }
    regions
}

/// A sentence: a byte range of the source, cut at `。；！？` and line breaks.
pub(crate) fn sentences(source: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(text) = source.get(span.range()) else {
        return out;
    };
    let base = span.start as usize;
    let mut start = 0;
    for (index, c) in text.char_indices() {
        if matches!(c, '。' | '；' | '！' | '？' | ';' | '!' | '?' | '\n' | '\r') {
            let end = index + c.len_utf8();
            if !text[start..index].trim().is_empty() {
                out.push(Span::from_range(base + start..base + end));
            }
            start = end;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(Span::from_range(base + start..base + text.len()));
    }
    out
}

/// Characters that end a clause: a narrative number never belongs to a phrase across them.
pub(crate) fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '、' | '（' | '）' | '(' | ')' | '\n'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_full_stops_and_lines() {
        let text = "共办结 82 件。其中予以公开 11 件；\n另有";
        let whole = Span::from_range(0..text.len());
        let parts: Vec<&str> = sentences(text, whole)
            .into_iter()
            .map(|span| span.slice(text))
            .collect();
        assert_eq!(parts, ["共办结 82 件。", "其中予以公开 11 件；", "另有"]);
    }
}

//! Top-level section headings `一、总体情况` … `六、其他需要报告的事项` (the prose between them is
//! `paragraphs`).
//!
//! Headings are found in the folded copy wherever a numeral 一–六 is followed by `、`, at a line
//! start or run into prose (`。一、总体情况2021年，…` in crawler dumps). The text after the numeral
//! must match the section's template heading or one of its variants, allowing a few edits; the
//! Table 3 captions (`三、本年度办理结果`, `四、结转下年度继续办理` …) are never headings. Reports
//! older than the 2019 template have their own outline (`outline`).

mod outline;

pub(crate) use outline::outline;

use crate::fold::{Folded, fold_str, fuzzy_find};
use nianbao_model::{LabelMatch, Section, template::SECTIONS};
use nianbao_source::Span;
use std::sync::LazyLock;

/// The folded forms of every section heading: `(number, folded text, is the template heading)`.
static FORMS: LazyLock<Vec<(u8, String, bool)>> = LazyLock::new(|| {
    let mut forms = Vec::new();
    for section in &SECTIONS {
        forms.push((section.number, fold_str(section.heading), true));
        for variant in section.variants {
            forms.push((section.number, fold_str(variant), false));
        }
    }
    forms
});

/// Table 3 texts that start with a section numeral but are captions or row labels.
static TABLE3_CAPTIONS: LazyLock<[String; 4]> = LazyLock::new(|| {
    [
        fold_str("本年新收"),
        fold_str("上年结转"),
        fold_str("本年度办理"),
        fold_str("结转下年度"),
    ]
});

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// How many headings of one number are recorded; a text that repeats a heading beyond this (a
/// hostile or broken file: a million `一、总体情况`) only has its further repeats counted, so the
/// model costs about the size of its text. Real reports repeat a heading once or twice.
pub(crate) const RECORDED_REPEATS: u32 = 64;

/// The headings found: those recorded, and per number how many repeats beyond
/// [`RECORDED_REPEATS`] were only counted.
pub(crate) struct Headings {
    pub sections: Vec<Section>,
    /// Indexed by section number (1–6).
    pub unrecorded: [u32; 7],
}

/// Finds the section headings in `source[body..]`; `folded` is the folded copy of `source`.
pub(crate) fn sections(source: &str, folded: &Folded, body: usize) -> Headings {
    // Six headings, a few repeated: sized so that a report does not regrow it.
    let mut found: Vec<(u8, Span, LabelMatch)> = Vec::with_capacity(16);
    let mut recorded = [0u32; 7];
    let mut unrecorded = [0u32; 7];
    let text = &folded.text;
    let start = folded.at_source(body as u32);
    // Near-miss matching is the costly part; real reports need it for a handful of headings.
    let mut fuzzy_budget = 64u32;
    // Every heading numeral is followed by `、` (folded to `,`) or, in some reports, `．`: scan
    // for those, not every character.
    let tail = text.get(start..).unwrap_or("");
    for comma in memchr::memchr2_iter(b',', b'.', tail.as_bytes()) {
        // Most commas follow prose: the byte before a numeral's comma is the last byte of one
        // of the six numerals, tested before decoding anything.
        if comma == 0
            || !tail
                .as_bytes()
                .get(comma - 1)
                .is_some_and(|&b| is_numeral_end(b))
        {
            continue;
        }
        let after = comma + start;
        let Some(c) = text
            .get(..after)
            .and_then(|before| before.chars().next_back())
        else {
            continue;
        };
        let Some(number) = NUMERALS.iter().position(|&numeral| numeral == c) else {
            continue;
        };
        let at = after - c.len_utf8();
        if at < start {
            continue;
        }
        if text
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_some_and(|previous| {
                matches!(
                    previous,
                    '第' | '('
                        | '十'
                        | '一'
                        | '二'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                )
            })
        {
            continue;
        }
        if !may_start_heading(source, folded.source_start(at) as usize) {
            continue;
        }
        let heading_from = after + 1;
        if let Some((end, conformity)) = match_heading(
            folded,
            source,
            at,
            heading_from,
            number as u8 + 1,
            &mut fuzzy_budget,
        ) {
            let slot = number + 1;
            if recorded[slot] < RECORDED_REPEATS {
                recorded[slot] += 1;
                found.push((number as u8 + 1, folded.span(at, end), conformity));
            } else {
                unrecorded[slot] += 1;
            }
        }
    }
    let sections = sections_at(source, &found);
    Headings {
        sections,
        unrecorded,
    }
}

/// In normal text a heading starts its line (after Markdown or table markers); only in a dump
/// whose lines run for hundreds of bytes can it follow prose on the same line.
pub(super) fn may_start_heading(source: &str, at: usize) -> bool {
    const LONG_LINE: usize = 300;
    let head_start = floor_boundary(source, at.saturating_sub(LONG_LINE));
    let head = source.get(head_start..at).unwrap_or("");
    let line_head = match memchr::memrchr(b'\n', head.as_bytes()) {
        Some(newline) => head.get(newline + 1..).unwrap_or(""),
        // No line break within reach behind: a long line, unless the text starts here.
        None if head_start > 0 => return true,
        None => head,
    };
    if line_head.trim_start_matches(is_marker).is_empty() {
        return true;
    }
    let tail_end = floor_boundary(source, at.saturating_add(LONG_LINE).min(source.len()));
    let tail = source.get(at..tail_end).unwrap_or("");
    !tail.contains('\n') && tail_end < source.len()
}

/// Whether `byte` ends the UTF-8 encoding of one of [`NUMERALS`].
fn is_numeral_end(byte: u8) -> bool {
    static ENDS: [bool; 256] = {
        let mut ends = [false; 256];
        let mut index = 0;
        while index < NUMERALS.len() {
            let mut buffer = [0u8; 4];
            let encoded = NUMERALS[index].encode_utf8(&mut buffer).as_bytes();
            ends[encoded[encoded.len() - 1] as usize] = true;
            index += 1;
        }
        ends
    };
    ENDS[usize::from(byte)]
}

pub(crate) fn is_marker(c: char) -> bool {
    c.is_whitespace() || matches!(c, '#' | '|' | '*' | '>' | '\u{FEFF}')
}

/// Matches the heading text at folded byte `from`; returns the folded end and the conformity.
fn match_heading(
    folded: &Folded,
    source: &str,
    numeral_at: usize,
    from: usize,
    number: u8,
    fuzzy_budget: &mut u32,
) -> Option<(usize, LabelMatch)> {
    let rest = folded.text.get(from..)?;
    if TABLE3_CAPTIONS
        .iter()
        .any(|caption| rest.starts_with(caption.as_str()))
    {
        return None;
    }
    let mut best: Option<(usize, usize, bool)> = None;
    for (_, form, canonical) in FORMS.iter().filter(|(n, _, _)| *n == number) {
        if rest.starts_with(form.as_str()) {
            let candidate = (from + form.len(), 0, *canonical);
            // Prefer the longest exact form (a variant may extend the heading).
            if best.is_none_or(|(end, edits, _)| edits > 0 || candidate.0 > end) {
                best = Some(candidate);
            }
        }
    }
    if best.is_none() && *fuzzy_budget > 0 {
        *fuzzy_budget -= 1;
        for (_, form, _) in FORMS.iter().filter(|(n, _, _)| *n == number) {
            let chars = form.chars().count();
            let allowed = (chars / 4).max(1);
            let window_end = rest
                .char_indices()
                .nth(chars + allowed)
                .map_or(rest.len(), |(at, _)| at);
            let window = rest.get(..window_end).unwrap_or("");
            if let Some((start, end, edits)) = fuzzy_find(window, form, allowed)
                && start <= 3
                && best.is_none_or(|(_, best_edits, _)| edits < best_edits)
            {
                best = Some((from + end, edits, false));
            }
        }
    }
    let (end, edits, canonical) = best?;
    let span = folded.span(numeral_at, end);
    let conformity = if edits == 0 && canonical {
        let printed = span.slice(source);
        let expected = SECTIONS
            .get(usize::from(number) - 1)
            .map(|s| (s.numeral, s.heading));
        match expected {
            Some((numeral, heading))
                if printed
                    .strip_prefix(numeral)
                    .and_then(|r| r.strip_prefix('、'))
                    == Some(heading) =>
            {
                LabelMatch::Exact
            }
            _ => LabelMatch::Folded,
        }
    } else {
        LabelMatch::Variant
    };
    Some((end, conformity))
}

/// A heading alone on its line keeps the whole line (trailing punctuation included); a heading
/// run into prose keeps only the matched text.
/// The sections whose headings were found at these spans, in order: each heading extended to
/// its whole line, each body running to the next heading (the last to the end of the text).
pub(super) fn sections_at(source: &str, found: &[(u8, Span, LabelMatch)]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(found.len());
    for (index, &(number, span, conformity)) in found.iter().enumerate() {
        let body_end = found
            .get(index + 1)
            .map_or(source.len() as u32, |next| next.1.start);
        let heading_span = extend_to_line(source, span);
        sections.push(Section {
            number,
            heading: heading_span.slice(source).trim().to_owned(),
            heading_span,
            conformity,
            body: Span::new(heading_span.end.min(body_end), body_end),
        });
    }
    sections
}

pub(super) fn extend_to_line(source: &str, span: Span) -> Span {
    // Only a short neighbourhood matters: a heading line is short, and scanning whole lines of a
    // one-line dump for every heading would be quadratic.
    const NEAR: usize = 64;
    let range = span.range();
    let tail_end = floor_boundary(source, range.end.saturating_add(NEAR).min(source.len()));
    let tail = source.get(range.end..tail_end).unwrap_or("");
    let line_tail = match memchr::memchr(b'\n', tail.as_bytes()) {
        Some(at) => tail.get(..at).unwrap_or(""),
        None if tail_end == source.len() => tail,
        None => return span,
    };
    let head_start = floor_boundary(source, range.start.saturating_sub(NEAR));
    let head = source.get(head_start..range.start).unwrap_or("");
    let alone = match memchr::memrchr(b'\n', head.as_bytes()) {
        Some(at) => head.get(at + 1..).unwrap_or("").trim().is_empty(),
        None => head_start == 0 && head.trim().is_empty(),
    };
    if alone && line_tail.trim().chars().count() <= 6 && !line_tail.contains(['。', '，']) {
        let trimmed_end = range.end + line_tail.trim_end().len();
        return Span::from_range(range.start..trimmed_end);
    }
    span
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(text: &str) -> Vec<(u8, String, LabelMatch)> {
        let folded = Folded::new(text);
        sections(text, &folded, 0)
            .sections
            .into_iter()
            .map(|section| (section.number, section.heading, section.conformity))
            .collect()
    }

    #[test]
    fn numeral_ends_are_recognised() {
        for numeral in NUMERALS {
            let mut buffer = [0u8; 4];
            let last = *numeral.encode_utf8(&mut buffer).as_bytes().last().unwrap();
            assert!(is_numeral_end(last), "{numeral}");
        }
        assert!(!is_numeral_end(b',') && !is_numeral_end("的".as_bytes()[2]));
    }

    #[test]
    fn headings_at_line_starts_and_run_into_prose() {
        let prose = "正文。".repeat(120);
        let text = format!(
            "一、总体情况\n{prose}二．主动公开政府信息情况第二十条{prose}\n三、本年度办理结果\n四、结转下年度继续办理\n五、 存在的主要问题和改进措施：\n"
        );
        assert_eq!(
            headings(&text),
            [
                (1, "一、总体情况".to_owned(), LabelMatch::Exact),
                (2, "二．主动公开政府信息情况".to_owned(), LabelMatch::Folded),
                (
                    5,
                    "五、 存在的主要问题和改进措施：".to_owned(),
                    LabelMatch::Variant
                ),
            ]
        );
        // In normal text a heading starts its line: a summary sentence naming the parts is prose.
        let summary = "一、总体情况\n本报告包括：一、总体情况；二、主动公开政府信息情况。\n## 二、主动公开政府信息情况\n";
        let numbers: Vec<u8> = headings(summary).iter().map(|h| h.0).collect();
        assert_eq!(numbers, [1, 2]);
    }

    #[test]
    fn near_miss_heading_is_a_variant() {
        let found = headings("六、其它需要报告的事项\n");
        assert_eq!(
            found,
            [(6, "六、其它需要报告的事项".to_owned(), LabelMatch::Variant)]
        );
        assert!(headings("十一、总体情况").is_empty());
    }
}

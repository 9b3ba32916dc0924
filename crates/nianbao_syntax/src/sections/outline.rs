//! The outline of a report written before the 2019 template: its own headings, numbered as
//! written.

use super::{NUMERALS, may_start_heading, sections_at};
use crate::fold::Folded;
use nianbao_model::{LabelMatch, Section};
use nianbao_source::Span;

/// The top-level headings of a report written before the 2019 template (`一、概述`,
/// `三、政府信息依申请公开工作情况`, `七、…政府信息公开情况统计表`), numbered as written. Those reports
/// had no prescribed headings, so a heading is a numeral in sequence followed by a short phrase
/// that ends like a heading (`…情况`, `…措施`, `概述`, `…统计表`); crawler dumps run it into the
/// prose that follows. Conformity is [`LabelMatch::Exact`]: there is no template to deviate from.
pub(crate) fn outline(source: &str, folded: &Folded, body: usize) -> Vec<Section> {
    let text = &folded.text;
    let start = folded.at_source(body as u32);
    let tail = text.get(start..).unwrap_or("");
    let mut found: Vec<(u8, Span, LabelMatch)> = Vec::new();
    let mut last = 0u8;
    for comma in memchr::memchr2_iter(b',', b'.', tail.as_bytes()) {
        let after = comma + start;
        let Some((number, at)) = text
            .get(start..after)
            .and_then(numeral_before)
            .map(|(number, width)| (number, after - width))
        else {
            continue;
        };
        // In sequence: a report may open with its second part, never skip one later.
        let in_sequence = number == last + 1 || (last == 0 && number <= 3);
        if !in_sequence || !may_start_heading(source, folded.source_start(at) as usize) {
            continue;
        }
        let Some(end) = outline_heading_end(source, folded, after + 1) else {
            continue;
        };
        found.push((number, folded.span(at, end), LabelMatch::Exact));
        last = number;
    }
    sections_at(source, &found)
}

/// The numeral that ends `before` (`三`, `十`, `十二`) and its width in bytes, unless it is part of
/// a longer number or an ordinal (`第三`, `（三`).
fn numeral_before(before: &str) -> Option<(u8, usize)> {
    let value = |c: char| match c {
        '十' => Some(10),
        c => NUMERALS
            .iter()
            .chain(&['七', '八', '九'])
            .position(|&numeral| numeral == c)
            .and_then(|index| u8::try_from(index + 1).ok()),
    };
    let mut chars = before.chars().rev();
    let last = chars.next()?;
    let digit = value(last)?;
    let mut width = last.len_utf8();
    let mut number = digit;
    let mut previous = chars.next();
    if digit < 10 && previous == Some('十') {
        number = 10 + digit;
        width += '十'.len_utf8();
        previous = chars.next();
    }
    if previous.is_some_and(|c| c == '第' || c == '(' || value(c).is_some()) {
        return None;
    }
    Some((number, width))
}

/// Folded end of a pre-2019 heading starting at folded `from`: the first heading-like ending
/// within a short window, else the whole source line when it is short.
fn outline_heading_end(source: &str, folded: &Folded, from: usize) -> Option<usize> {
    const WINDOW_CHARS: usize = 40;
    const ENDINGS: [&str; 7] = ["概述", "情况", "措施", "统计表", "事项", "打算", "附表"];
    let rest = folded.text.get(from..)?;
    let window_end = rest
        .char_indices()
        .nth(WINDOW_CHARS)
        .map_or(rest.len(), |(at, _)| at);
    let window = rest.get(..window_end)?;
    let ending = ENDINGS
        .iter()
        .filter_map(|ending| window.find(ending).map(|at| at + ending.len()))
        .min();
    if let Some(end) = ending {
        // `…情况统计表` is one heading.
        let end = if window
            .get(end..)
            .is_some_and(|after| after.starts_with("统计表"))
        {
            end + "统计表".len()
        } else {
            end
        };
        // A clause or sentence break before the ending is prose, not a heading.
        let printed = folded.span(from, from + end).slice(source);
        return (!printed.contains(['。', '，', ',', '；', ';'])).then_some(from + end);
    }
    // No heading-like ending: a short line of its own is still a heading.
    let source_start = folded.source_start(from) as usize;
    let line = source.get(source_start..)?.split('\n').next()?;
    let line_chars = line.trim_end().chars().count();
    (line_chars > 0 && line_chars <= 30 && !line.contains('。'))
        .then(|| folded.at_source((source_start + line.trim_end().len()) as u32))
}

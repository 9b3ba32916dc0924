//! A stretch of pre-2019 prose as the stated counts are read from it: per sentence, its clauses
//! without a count (`其中`, `主动公开的政府信息`) and its counts, each with the words before it
//! (its label), its unit, the words after it up to the clause's end (`…的425条政府信息中`) and the
//! share the next clause gives it (`占71.3%`).
//!
//! Only a number that is plainly a count is read: digits (ASCII or full-width) followed by a
//! count unit (条 件 份 宗 项) or by the end of the clause. Years, dates, durations, visits,
//! amounts and list numbers are not counts. A number touching a line break, or digits broken by
//! a space, may be cut from part of itself: it is read as doubtful, and a breakdown holding a
//! doubtful number is not checked.

use nianbao_source::Span;

/// One event of the prose, in text order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Event<'t> {
    /// A clause with no count in it, trimmed.
    Clause(&'t str),
    Count(Count<'t>),
    /// The end of a sentence (`。`, `！`, `？`, or a line break).
    SentenceEnd,
}

/// A count and the words around it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Count<'t> {
    /// The words from the clause's start (or the previous count) to the number, trimmed.
    pub label: &'t str,
    pub label_span: Span,
    pub value: i64,
    pub span: Span,
    /// The words after the unit up to the clause's end (`政府信息中`), trimmed.
    pub tail: &'t str,
    /// `占71.3%` in the clause after, in percent.
    pub percent: Option<f64>,
    /// Whether a clause without a count came before it in its sentence.
    pub after_clause: bool,
    /// The number may have lost part of itself (a line break or a space next to it).
    pub doubtful: bool,
}

const COUNT_UNITS: [char; 5] = ['条', '件', '份', '宗', '项'];

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '\u{c}')
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':')
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(u32::from(c) - u32::from('０')),
        _ => None,
    }
}

/// Spaces that may sit between a number and its unit (not line breaks).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\u{200b}')
}

/// The events of `text`, which starts at byte `base` of the source.
pub(crate) fn events(text: &str, base: usize) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if is_sentence_end(c) {
            sentence(text, start, at, base, &mut out);
            out.push(Event::SentenceEnd);
            start = at + c.len_utf8();
        }
    }
    sentence(text, start, text.len(), base, &mut out);
    if out.last() != Some(&Event::SentenceEnd) {
        out.push(Event::SentenceEnd);
    }
    out
}

fn sentence<'t>(text: &'t str, from: usize, to: usize, base: usize, out: &mut Vec<Event<'t>>) {
    let mut start = from;
    let mut after_clause = false;
    let mut clauses: Vec<(usize, usize)> = Vec::new();
    for (at, c) in text.get(from..to).unwrap_or("").char_indices() {
        if is_clause_end(c) {
            clauses.push((start, from + at));
            start = from + at + c.len_utf8();
        }
    }
    clauses.push((start, to));
    let mut last_count: Option<usize> = None;
    for (clause_from, clause_to) in clauses {
        let clause = text.get(clause_from..clause_to).unwrap_or("");
        if let Some(percent) = share(clause) {
            // `占71.3%` belongs to the count of the clause before.
            if let Some(Event::Count(count)) = last_count.and_then(|at| out.get_mut(at)) {
                count.percent = Some(percent);
            }
            last_count = None;
            continue;
        }
        let counts = counts_in(text, clause_from, clause_to, base);
        if counts.is_empty() {
            let trimmed = clause.trim();
            if !trimmed.is_empty() {
                out.push(Event::Clause(trimmed));
                after_clause = true;
            }
            last_count = None;
            continue;
        }
        for mut count in counts {
            count.after_clause = after_clause;
            out.push(Event::Count(count));
            last_count = Some(out.len() - 1);
        }
    }
}

/// `占71.3%`, `占 73 ％`: the clause is a share and nothing else.
fn share(clause: &str) -> Option<f64> {
    let rest = clause.trim().strip_prefix('占')?.trim();
    let number = rest
        .strip_suffix('%')
        .or_else(|| rest.strip_suffix('％'))?
        .trim();
    if number.is_empty() || !number.chars().all(|c| digit_value(c).is_some() || c == '.') {
        return None;
    }
    let ascii: String = number
        .chars()
        .map(|c| {
            digit_value(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c)
        })
        .collect();
    ascii.parse().ok()
}

/// The counts of the clause `text[from..to]`.
fn counts_in(text: &str, from: usize, to: usize, base: usize) -> Vec<Count<'_>> {
    let clause = text.get(from..to).unwrap_or("");
    let chars: Vec<(usize, char)> = clause.char_indices().collect();
    let mut out = Vec::new();
    let mut label_from = 0usize;
    let mut index = 0;
    while let Some(&(at, c)) = chars.get(index) {
        if digit_value(c).is_none() {
            index += 1;
            continue;
        }
        let run_start = index;
        let mut value: i64 = 0;
        while let Some(digit) = chars.get(index).and_then(|&(_, c)| digit_value(c)) {
            value = value.saturating_mul(10).saturating_add(i64::from(digit));
            index += 1;
        }
        let run_end = chars.get(index).map_or(clause.len(), |&(at, _)| at);
        let before = chars
            .get(..run_start)
            .and_then(|head| head.last())
            .map(|&(_, c)| c);
        // After the digits: spaces, then a unit, the clause's end, or anything else.
        let mut next = index;
        while chars.get(next).is_some_and(|&(_, c)| is_space(c)) {
            next += 1;
        }
        let follower = chars.get(next).map(|&(_, c)| c);
        let unit = follower.filter(|c| COUNT_UNITS.contains(c));
        let at_end = follower.is_none();
        let part_of_other = before
            .is_some_and(|c| c == '.' || c == '．' || c.is_ascii_alphabetic())
            || follower.is_some_and(|c| c == '.' || c == '．' || c.is_ascii_alphanumeric());
        if (unit.is_none() && !at_end) || part_of_other || value > 1_000_000_000_000 {
            continue;
        }
        let after_unit = if unit.is_some() { next + 1 } else { next };
        let tail_end = chars.get(after_unit).map_or(clause.len(), |&(at, _)| at);
        let label_text = clause.get(label_from..at).unwrap_or("");
        let label_trimmed = label_text.trim_end_matches(is_space);
        let lead = label_trimmed.len() - label_trimmed.trim_start().len();
        let label = label_trimmed.trim_start();
        // Line breaks end sentences, so only the text's edges and spaces can cut a number.
        let touches_break = text
            .get(..from + at)
            .and_then(|head| head.trim_end_matches(is_space).chars().last())
            .is_some_and(|c| c == '\n')
            || text
                .get(from + run_end..)
                .and_then(|rest| rest.trim_start_matches(is_space).chars().next())
                .is_some_and(|c| c == '\n');
        // `1 2 件`: digits broken by a space end the label.
        let doubtful = touches_break
            || label
                .chars()
                .last()
                .is_some_and(|c| digit_value(c).is_some());
        let label_start = from + label_from + lead;
        out.push(Count {
            label,
            label_span: span(base, label_start, label_start + label.len()),
            value,
            span: span(base, from + at, from + run_end),
            tail: clause.get(tail_end..).unwrap_or("").trim(),
            percent: None,
            after_clause: false,
            doubtful,
        });
        label_from = tail_end;
    }
    out
}

fn span(base: usize, start: usize, end: usize) -> Span {
    Span::new((base + start) as u32, (base + end) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Vec<(String, i64, Option<f64>)> {
        events(text, 0)
            .into_iter()
            .filter_map(|event| match event {
                Event::Count(count) => Some((count.label.to_owned(), count.value, count.percent)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn counts_with_labels_units_and_shares() {
        assert_eq!(
            counts("制作、获取政府信息总数1873条，其中主动公开政府信息425条，不予公开信息数1402。"),
            [
                ("制作、获取政府信息总数".to_owned(), 1873, None),
                ("其中主动公开政府信息".to_owned(), 425, None),
                ("不予公开信息数".to_owned(), 1402, None),
            ]
        );
        assert_eq!(
            counts("县直各单位主动公开政府信息1251条，占67.5%。"),
            [("县直各单位主动公开政府信息".to_owned(), 1251, Some(67.5))]
        );
        assert_eq!(
            counts("当面申请18条、电子邮件申请３件"),
            [
                ("当面申请".to_owned(), 18, None),
                ("、电子邮件申请".to_owned(), 3, None),
            ]
        );
    }

    #[test]
    fn years_visits_and_list_numbers_are_no_counts() {
        assert!(counts("2013年政府信息公开专栏访问量达19363人次。1.门户网站").is_empty());
        assert!(counts("邮箱24336240@163.com").is_empty());
    }

    #[test]
    fn the_words_after_a_count_are_its_tail() {
        let events = events("在网站主动公开的425条政府信息中，机构职能类信息148条", 10);
        let Some(Event::Count(first)) = events.first() else {
            panic!("{events:?}");
        };
        assert_eq!(first.tail, "政府信息中");
        assert_eq!(first.label, "在网站主动公开的");
        assert_eq!(first.span, Span::new(10 + 24, 10 + 27));
    }

    #[test]
    fn a_number_at_a_line_break_is_doubtful() {
        let events = events("答复总数2\n1条", 0);
        let doubtful: Vec<bool> = events
            .iter()
            .filter_map(|event| match event {
                Event::Count(count) => Some(count.doubtful),
                _ => None,
            })
            .collect();
        assert_eq!(doubtful, [true, true]);
    }
}

//! A cell's text cut into value slots: runs of two or more spaces always separate, a single
//! space only around numbers, and text glued to a trailing run of digits is split from it.

use super::Slot;
use super::number::{classify, digit, plain_number};
use nianbao_model::Value;
use nianbao_source::Span;

/// Splits one cell's text into value slots: 2+ spaces always separate; a single space separates
/// only around numbers (`0 1 1 0`), not inside words (`结果 维持`). In a grid cell (bounded by
/// TABs or bars) words are never split from digits: `数据1`, `数据 1` are generic column headers
/// of converted tables, not numbers.
pub(super) fn scan_segment(text: &str, base: usize, grid_cell: bool, out: &mut Vec<Slot>) {
    let mut part_start: Option<usize> = None;
    let mut spaces = 0usize;
    let mut space_start = 0usize;
    let mut offset = 0;
    let bytes = text.as_bytes();
    while offset < text.len() {
        // Layout text aligns its columns with runs of spaces: count them without classifying.
        if bytes.get(offset) == Some(&b' ') {
            let run = bytes.get(offset..).map_or(0, |rest| {
                rest.iter().take_while(|&&byte| byte == b' ').count()
            });
            if spaces == 0 {
                space_start = offset;
            }
            spaces += run;
            offset += run;
            continue;
        }
        let (width, whitespace) = char_class(text, offset);
        if let Some(weight) = whitespace {
            if spaces == 0 {
                space_start = offset;
            }
            spaces += weight;
            offset += width;
            continue;
        }
        if spaces >= 2
            && let Some(from) = part_start.take()
        {
            scan_part(text, from, space_start, base, grid_cell, out);
        }
        spaces = 0;
        if part_start.is_none() {
            part_start = Some(offset);
        }
        offset += width;
    }
    if let Some(from) = part_start {
        let end = if spaces > 0 { space_start } else { text.len() };
        scan_part(text, from, end, base, grid_cell, out);
    }
}

/// The width of the character at byte `at` of `text` and, when it is whitespace, its weight (a
/// space 1, other whitespace 2). Only the lead bytes of whitespace outside ASCII (U+0085, U+00A0,
/// U+1680, U+2000–U+205F, U+3000) are decoded; an ideograph is skipped by its lead byte.
fn char_class(text: &str, at: usize) -> (usize, Option<usize>) {
    let Some(&lead) = text.as_bytes().get(at) else {
        return (1, None);
    };
    match lead {
        b' ' => (1, Some(1)),
        b'\t'..=b'\r' => (1, Some(2)),
        0..=0x7F => (1, None),
        0xC2 | 0xE1..=0xE3 => match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) => (c.len_utf8(), c.is_whitespace().then_some(2)),
            None => (1, None),
        },
        0xC0..=0xDF => (2, None),
        0xE0..=0xEF => (3, None),
        _ => (4, None),
    }
}

fn scan_part(
    text: &str,
    from: usize,
    to: usize,
    base: usize,
    grid_cell: bool,
    out: &mut Vec<Slot>,
) {
    let part = text.get(from..to).unwrap_or("");
    // Most parts are a bare number (`1     0     0`): no grammar, no glue test.
    if let Some(number) = plain_number(part) {
        out.push(Slot {
            span: Span::from_range(base + from..base + to),
            value: Value::Number(number.value),
            glued: number.digits >= 2,
        });
        return;
    }
    if is_plain_text(part, grid_cell) {
        out.push(Slot {
            span: Span::from_range(base + from..base + to),
            value: Value::Text,
            glued: false,
        });
        return;
    }
    let glued = is_glued(part);
    if let Some(value) = classify(part).or_else(|| glued.then_some(Value::Text)) {
        out.push(Slot {
            span: Span::from_range(base + from..base + to),
            value,
            glued,
        });
        return;
    }
    if grid_cell && part.chars().any(|c| c >= '\u{4E00}') {
        out.push(Slot {
            span: Span::from_range(base + from..base + to),
            value: Value::Text,
            glued: false,
        });
        return;
    }
    scan_words(part, base + from, out);
}

/// Whether `part` is text that the rules below read as one text slot, told without them (most
/// text in a table is headers): it starts with a CJK ideograph (U+4E00–U+9FFF, not the
/// full-width digits and signs beyond) that is no sign (`增`, `减`) and not the placeholder `无`,
/// so it is neither a number nor glued digits; in a grid cell that makes it text, and outside
/// one it must also be a single word not ending in digits (`总计10203` is split).
fn is_plain_text(part: &str, grid_cell: bool) -> bool {
    let mut chars = part.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !('\u{4E00}'..='\u{9FFF}').contains(&first) || matches!(first, '增' | '减' | '无') {
        return false;
    }
    grid_cell || !part.contains(' ') && chars.next_back().is_none_or(|last| digit(last).is_none())
}

fn scan_words(part: &str, base: usize, out: &mut Vec<Slot>) {
    let mut text_run: Option<(usize, usize)> = None;
    let mut offset = 0;
    for word in part.split(' ') {
        let from = offset;
        let to = offset + word.len();
        offset = to + 1;
        if word.is_empty() {
            continue;
        }
        let glued = is_glued(word);
        if let Some(value) = classify(word).or_else(|| glued.then_some(Value::Text)) {
            flush_text(base, &mut text_run, out);
            out.push(Slot {
                span: Span::from_range(base + from..base + to),
                value,
                glued,
            });
            continue;
        }
        // Text glued to a trailing run of digits (`…总计10203120001200000`).
        let digits_from = trailing_digits(word);
        if digits_from > 0 && digits_from < word.len() {
            let run = text_run.map_or(from, |(start, _)| start);
            text_run = Some((run, from + digits_from));
            flush_text(base, &mut text_run, out);
            let digits = word.get(digits_from..).unwrap_or("");
            if let Some(value) =
                classify(digits).or_else(|| is_glued(digits).then_some(Value::Text))
            {
                out.push(Slot {
                    span: Span::from_range(base + from + digits_from..base + to),
                    value,
                    glued: is_glued(digits),
                });
            }
            continue;
        }
        text_run = Some((text_run.map_or(from, |(start, _)| start), to));
    }
    flush_text(base, &mut text_run, out);
}

fn flush_text(base: usize, run: &mut Option<(usize, usize)>, out: &mut Vec<Slot>) {
    if let Some((from, to)) = run.take() {
        out.push(Slot {
            span: Span::from_range(base + from..base + to),
            value: Value::Text,
            glued: false,
        });
    }
}

/// Byte offset where a word's trailing digits start (the word length when there are none).
fn trailing_digits(word: &str) -> usize {
    let mut start = word.len();
    for (offset, c) in word.char_indices().rev() {
        if digit(c).is_some() {
            start = offset;
        } else {
            // `3.5` or `12,077` are not a label followed by digits.
            if matches!(c, '.' | ',' | '．' | '，') {
                return word.len();
            }
            break;
        }
    }
    start
}

fn is_glued(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| digit(c).is_some())
        && chars.next().is_some_and(|c| digit(c).is_some())
        && chars.all(|c| digit(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_what_the_word_rules_make_of_it() {
        for part in [
            "结果 维持",
            "总计",
            "其他结果",
            "本年度",
            "总计10203",
            "数据1",
            "结果 10",
            "增4",
            "减",
            "无",
            "无法提供",
            "０件",
            "１２",
            "（一）",
            "年 -",
            "未 —",
        ] {
            let mut slow = Vec::new();
            scan_words(part, 0, &mut slow);
            let one_text = matches!(
                slow.as_slice(),
                [slot] if slot.value == Value::Text && slot.span.slice(part) == part
            );
            let grid_text = classify(part).is_none() && !is_glued(part);
            assert!(!is_plain_text(part, false) || one_text, "{part}");
            assert!(!is_plain_text(part, true) || grid_text, "{part}");
        }
        assert!(is_plain_text("结果 维持", true) && is_plain_text("总计", false));
        assert!(!is_plain_text("总计10203", false) && !is_plain_text("无", true));
    }

    #[test]
    fn char_class_agrees_with_char_is_whitespace() {
        for text in [
            "a\u{3000}b",
            "a\u{85}b\u{a0}",
            "\u{2028}\u{205f}x\u{1680}",
            "é ü\t数\u{b}🙂",
        ] {
            let mut at = 0;
            for (offset, c) in text.char_indices() {
                assert_eq!(offset, at);
                let (width, weight) = char_class(text, at);
                assert_eq!(width, c.len_utf8(), "{c:?}");
                assert_eq!(weight.is_some(), c.is_whitespace(), "{c:?}");
                at += width;
            }
        }
    }
}

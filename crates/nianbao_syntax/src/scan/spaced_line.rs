//! Lines of layout text that start with an ideograph and have no separator: columns aligned with
//! spaces (a PDF's headers, `结 结 其 尚`, `自然人  法人或其他组织  总计`). The word rules cut
//! such a line into parts at two spaces or more and read each part's words; here a part of bare
//! numbers gives a number a run of digits, and a part whose words all start with a CJK ideograph
//! (no sign `增`/`减`, not `无`) and do not end in a digit is one text, as those rules make it.
//! Any other line is left to them.

use super::Slot;
use nianbao_model::Value;
use nianbao_source::Span;

/// The longest run of digits read here: longer runs take the checked path of the grammar.
const MAX_DIGITS: usize = 18;

/// Cuts `line` (starting at source byte `base`, no TAB or bar in it) into `out` when its parts
/// are all plain; `false`, with `out` as it was, otherwise.
pub(super) fn scan_spaced_line(line: &str, base: usize, out: &mut Vec<Slot>) -> bool {
    let mark = out.len();
    if parts(line.as_bytes(), base, out) {
        return true;
    }
    out.truncate(mark);
    false
}

fn parts(bytes: &[u8], base: usize, out: &mut Vec<Slot>) -> bool {
    let mut at = 0;
    loop {
        at += bytes.get(at..).map_or(0, |rest| {
            rest.iter().take_while(|&&byte| byte == b' ').count()
        });
        let Some(&first) = bytes.get(at) else {
            return true;
        };
        let Some(end) = part_end(bytes, at) else {
            return false;
        };
        let part = bytes.get(at..end).unwrap_or(&[]);
        let plain = if first.is_ascii_digit() {
            numbers(part, base + at, out)
        } else {
            is_text(part) && {
                out.push(Slot {
                    span: Span::from_range(base + at..base + end),
                    value: Value::Text,
                    glued: false,
                });
                true
            }
        };
        if !plain {
            return false;
        }
        at = end;
    }
}

/// The end of the part starting at byte `at`: two spaces or the line end. `None` at whitespace
/// other than a space (or a byte that may start it: C2, E1, E2 80/81, E3 80 80) and at a
/// full-width bar, which the word rules read otherwise.
fn part_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut offset = at;
    while let Some(&byte) = bytes.get(offset) {
        let next = bytes.get(offset + 1).copied();
        match byte {
            b' ' if next == Some(b' ') || next.is_none() => return Some(offset),
            0x00..=0x1F | b'|' | 0xC2 | 0xE1 => return None,
            0xE2 if matches!(next, Some(0x80 | 0x81)) => return None,
            0xE3 if next == Some(0x80) && bytes.get(offset + 2) == Some(&0x80) => return None,
            0xEF if next == Some(0xBD) && bytes.get(offset + 2) == Some(&0x9C) => return None,
            _ => {}
        }
        offset += 1;
    }
    Some(offset)
}

/// Runs of ASCII digits between single spaces, at source byte `at`: each a number.
fn numbers(part: &[u8], at: usize, out: &mut Vec<Slot>) -> bool {
    for (offset, word) in words(part) {
        if word.is_empty() || word.len() > MAX_DIGITS || !word.iter().all(u8::is_ascii_digit) {
            return false;
        }
        let value = word
            .iter()
            .fold(0i64, |value, &byte| value * 10 + i64::from(byte - b'0'));
        out.push(Slot {
            span: Span::from_range(at + offset..at + offset + word.len()),
            value: Value::Number(value),
            glued: word.len() >= 2,
        });
    }
    true
}

/// Whether every word of `part` starts with a CJK ideograph that is no sign nor `无` and does not
/// end in a digit (ASCII or full-width): text words the word rules join into one.
fn is_text(part: &[u8]) -> bool {
    words(part).all(|(_, word)| {
        let first = word
            .get(..3)
            .and_then(|lead| std::str::from_utf8(lead).ok())
            .and_then(|lead| lead.chars().next());
        let ideograph = first.is_some_and(|c| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) && !matches!(c, '增' | '减' | '无')
        });
        let digit_end = matches!(word, [.., b'0'..=b'9'] | [.., 0xEF, 0xBC, 0x90..=0x99]);
        ideograph && !digit_end
    })
}

/// The words of a part (split at single spaces) with their offsets.
fn words(part: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    part.split(|&byte| byte == b' ').scan(0, |offset, word| {
        let at = *offset;
        *offset += word.len() + 1;
        Some((at, word))
    })
}

#[cfg(test)]
mod tests {
    use super::super::{scan_line, trim};
    use super::*;

    #[test]
    fn spaced_lines_read_as_the_general_rules_read_them() {
        for line in [
            "结 结 其 尚",
            "总计 果 果 他 未 总 果 果 他 未 总",
            "自然人  法人或其他组织  总计",
            "商业企业  科研机构  社会公益组织  法律服务机构  其他",
            "结果  5     0  1 2",
            "申请人情况 ",
            "本年度  ",
            "结果",
        ] {
            let mut fast = Vec::new();
            assert!(scan_spaced_line(line, 7, &mut fast), "{line:?}");
            let mut general = Vec::new();
            scan_line(line, trim(line), 7, false, false, &mut general);
            assert_eq!(fast, general, "{line:?}");
        }
        for line in [
            "结果 5",
            "总计10203",
            "结果  1.5",
            "结果  —",
            "增加  5",
            "无",
            "结果\u{3000}维持",
            "“结果”",
            "三 、 本 年 度",
            "结果  5件",
            "结果  １２",
        ] {
            let mut out = Vec::new();
            assert!(!scan_spaced_line(line, 0, &mut out), "{line:?}");
            assert!(out.is_empty(), "{line:?}");
        }
    }
}

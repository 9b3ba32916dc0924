//! Numbers as written in prose: Arabic and Chinese numerals, full-width digits, thousands
//! separators, percentages, and digits broken by a space; what follows a number decides its kind.

mod walk;

use super::starts::{PhraseStarts, Start};
use nianbao_model::Span;
pub(crate) use walk::NUMBER_CODES;
use walk::Walk;

/// What kind of number a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberKind {
    /// A count (`81 件`, `八十一件`, `67`).
    Count,
    /// Followed by `%`: a percentage.
    Percent,
    /// A date part or year (`2024 年`, `12月`), an id (`30号`), an amount (`380 元`).
    Other,
    /// A duration (`25 分钟`, `3 天`, `15 个工作日`): never a count of anything.
    Measure,
}

/// A number as written in prose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NumberToken {
    /// The digits (without the unit), as bytes of the text they were read in.
    pub at: Span,
    /// The same digits in the source (the caller maps `at` there; [`numbers`] copies it).
    pub span: Span,
    pub value: f64,
    /// Digits after the decimal point, for percentages.
    pub decimals: u32,
    pub kind: NumberKind,
    /// The count unit that follows (`件`, `条` …), if any.
    pub unit: Option<char>,
    /// For digits broken by a space (`1 2 件`, read as 12): the first part alone, the other
    /// possible reading.
    pub first_part: Option<f64>,
}

impl NumberToken {
    /// A count of applications or cases: `件`, `宗`, `起`, or no unit at all
    /// (`部分公开67，占4.61%`). `条`, `个`, `次` count other things (documents, channels, visits).
    pub(crate) fn counts_cases(&self) -> bool {
        self.kind == NumberKind::Count && matches!(self.unit, None | Some('件' | '宗' | '起'))
    }
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(u32::from(c) - u32::from('0')),
        '０'..='９' => Some(u32::from(c) - u32::from('０')),
        _ => None,
    }
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        _ => return None,
    })
}

/// Value of a run of Chinese numerals (`十二`, `一百零五`, `两`).
fn chinese_value(run: &str) -> Option<u64> {
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    for c in run.chars() {
        if let Some(d) = chinese_digit(c) {
            digit = Some(d);
        } else if let Some(unit) = chinese_unit(c) {
            if unit == 10_000 {
                section = (section + digit.take().unwrap_or(0)).checked_mul(unit)?;
                total = total.checked_add(section)?;
                section = 0;
            } else {
                section = section.checked_add(digit.take().unwrap_or(1).checked_mul(unit)?)?;
            }
        } else {
            return None;
        }
    }
    total.checked_add(section)?.checked_add(digit.unwrap_or(0))
}

/// Units that make a number a count.
fn is_count_unit(c: char) -> bool {
    matches!(
        c,
        '件' | '个' | '次' | '宗' | '项' | '人' | '起' | '条' | '篇'
    )
}

/// Units of time after a number: the number is a duration.
const DURATIONS: [&str; 15] = [
    "分钟",
    "分",
    "秒",
    "小时",
    "时",
    "天",
    "周",
    "星期",
    "工作日",
    "自然日",
    "个工作日",
    "个自然日",
    "个月",
    "个小时",
    "个星期",
];

/// Whether `after` (the text after a number) starts with a unit of time.
fn is_duration(after: &str) -> bool {
    DURATIONS.iter().any(|unit| after.starts_with(unit)) && !after.starts_with("分别")
}

/// The character at byte `at` of `text` (a character boundary), if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The byte after the character at `at` (`at` itself at the end of `text`).
fn after(text: &str, at: usize) -> usize {
    at + char_at(text, at).map_or(0, char::len_utf8)
}

/// Whether the character at byte `at` of `text` is a digit.
fn digit_at(text: &str, at: usize) -> bool {
    char_at(text, at).and_then(ascii_digit).is_some()
}

/// Every number in `text`, with what follows it deciding its kind, appended to `out`; and
/// whether the text holds whitespace (`char::is_whitespace`), seen on the same walk (the
/// missing-number rule reads only sentences that do). Positions are byte offsets walked a
/// character at a time, so no per-character table of the text is built.
///
/// On the same walk the text is folded ([`crate::fold`]) into `into.folded`, and the places
/// where `phrases` start in it are appended to `into.starts`.
pub(crate) fn numbers_into(
    text: &str,
    out: &mut Vec<NumberToken>,
    phrases: &PhraseStarts,
    into: Gathered<'_>,
) -> bool {
    let mut walk = Walk::new(text, phrases, into);
    let mut from = 0;
    while let Some(start) = walk.next_start(from) {
        let (token, resume) = number_at(text, start, &mut walk.whitespace);
        out.extend(token);
        walk.read_over(start, resume);
        from = resume;
    }
    walk.finish()
}

/// What the walk that reads a sentence's numbers gathers besides them, appended to the
/// report's: the sentence folded, and where phrases start in it.
pub(crate) struct Gathered<'g> {
    pub folded: &'g mut String,
    pub starts: &'g mut Vec<Start>,
}

/// The number that starts at byte `i` of `text`, if one does, and the byte where the walk
/// resumes past it; `whitespace` is set if reading it read over a space.
fn number_at(text: &str, i: usize, whitespace: &mut bool) -> (Option<NumberToken>, usize) {
    let bytes = text.as_bytes();
    let Some(c) = char_at(text, i) else {
        return (None, text.len());
    };
    let start = i;
    let is_chinese_start = chinese_digit(c).is_some() || (c == '十');
    if ascii_digit(c).is_none() && !is_chinese_start {
        return (None, i + c.len_utf8());
    }
    let mut j = i;
    let mut first_part = None;
    let mut value: f64;
    let mut decimals = 0;
    let arabic = ascii_digit(c).is_some();
    if arabic {
        let mut integer: u64 = 0;
        // The digits of either width, told by their bytes (`０`–`９` are `EF BC 90`–`99`).
        loop {
            let (digit, width) = match bytes.get(j..).unwrap_or_default() {
                [digit @ b'0'..=b'9', ..] => (digit - b'0', 1),
                [0xEF, 0xBC, third @ 0x90..=0x99, ..] => (third - 0x90, 3),
                [b',', ..] if thousands_after(text, j + 1) => {
                    j += 1;
                    continue;
                }
                _ => break,
            };
            integer = integer.saturating_mul(10).saturating_add(u64::from(digit));
            j += width;
        }
        value = integer as f64;
        // `1 2 件`: a number broken by PDF conversion (layouts.md §9). Read it merged, and
        // keep the first part as the other possible reading.
        if char_at(text, j) == Some(' ') && digit_at(text, j + 1) {
            let mut m = j + 1;
            let mut merged = integer;
            while let Some(d) = char_at(text, m).and_then(ascii_digit) {
                merged = merged.saturating_mul(10).saturating_add(u64::from(d));
                m = after(text, m);
            }
            let mut unit = m;
            while char_at(text, unit) == Some(' ') {
                unit += 1;
            }
            if char_at(text, unit).is_some_and(is_count_unit) {
                first_part = Some(value);
                value = merged as f64;
                // The walk resumes past the space it read over.
                *whitespace = true;
                j = m;
            }
        }
        if let Some('.' | '．') = char_at(text, j) {
            let point = after(text, j);
            if digit_at(text, point) {
                j = point;
                let mut fraction = format!("{integer}.");
                while let Some(d) = char_at(text, j).and_then(ascii_digit) {
                    fraction.push(char::from_digit(d, 10).unwrap_or('0'));
                    decimals += 1;
                    j = after(text, j);
                }
                value = fraction.parse().unwrap_or(value);
            }
        }
    } else {
        while let Some(d) =
            char_at(text, j).filter(|&d| chinese_digit(d).is_some() || chinese_unit(d).is_some())
        {
            j += d.len_utf8();
        }
        let run = &text[start..j];
        value = match chinese_value(run) {
            Some(v) => v as f64,
            None => return (None, j.max(after(text, i))),
        };
    }
    let digits_end = j;
    let mut k = j;
    while let Some(s) = char_at(text, k).filter(|&s| matches!(s, ' ' | '\u{3000}' | '\t')) {
        k += s.len_utf8();
    }
    let next = char_at(text, k);
    let previous = text[..i].chars().next_back();
    let kind = match next {
        Some('%' | '％') => NumberKind::Percent,
        Some('分' | '秒' | '小' | '时' | '天' | '周' | '星' | '工' | '自' | '个')
            if is_duration(text.get(k..).unwrap_or_default()) =>
        {
            NumberKind::Measure
        }
        Some(unit) if is_count_unit(unit) => NumberKind::Count,
        _ if !arabic => NumberKind::Other,
        Some(
            '年' | '月' | '日' | '号' | '元' | '万' | '亿' | '届' | '期' | '部' | '.' | '．' | '-'
            | '—' | '〕' | ']' | '】',
        ) => NumberKind::Other,
        // A digit glued to a Latin letter or inside an id is not a count.
        _ if previous.is_some_and(|p| p.is_ascii_alphanumeric() || p == '〔' || p == '[') => {
            NumberKind::Other
        }
        _ => NumberKind::Count,
    };
    let at = Span::from_range(start..digits_end);
    let token = Some(NumberToken {
        at,
        span: at,
        value,
        decimals,
        kind,
        unit: next.filter(|&unit| is_count_unit(unit) && kind == NumberKind::Count),
        first_part,
    });
    (token, j.max(after(text, i)))
}

/// Whether the text at byte `at` (just past a `,`) holds exactly three digits: a thousands
/// separator (`12,077`), not a list (`1,2`) or a longer number (`1,2345`).
fn thousands_after(text: &str, at: usize) -> bool {
    let mut chars = text.get(at..).unwrap_or_default().chars();
    (0..3).all(|_| chars.next().and_then(ascii_digit).is_some())
        && chars.next().and_then(ascii_digit).is_none()
}

#[cfg(test)]
mod tests;

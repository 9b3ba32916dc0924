//! Message templates with named placeholders, and the small text utilities the checks share
//! (width folding, sentences, numbers as written in prose).

use nianbao_model::{Message, Span};

/// Placeholder values for one finding: name, Chinese value, English value.
pub(crate) type Vars = Vec<(&'static str, String, String)>;

/// A value that reads the same in both languages.
pub(crate) fn var(name: &'static str, value: impl ToString) -> (&'static str, String, String) {
    let value = value.to_string();
    (name, value.clone(), value)
}

/// A value with its own wording per language.
pub(crate) fn var2(name: &'static str, value: &Message) -> (&'static str, String, String) {
    (name, value.zh.clone(), value.en.clone())
}

/// The `{name}` placeholders of a template, with their byte offsets.
pub(crate) fn placeholders(template: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = template;
    let mut base = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                found.push((base + open, &after[..close]));
                let consumed = open + 1 + close + 1;
                base += consumed;
                rest = &rest[consumed..];
            }
            None => break,
        }
    }
    found
}

fn fill_one(template: &str, vars: &Vars, english: bool) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let key = &after[..close];
        match vars.iter().find(|(name, _, _)| *name == key) {
            Some((_, zh, en)) => out.push_str(if english { en } else { zh }),
            None => {
                out.push('{');
                out.push_str(key);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Fills both languages of a message.
pub(crate) fn fill(message: &Message, vars: &Vars) -> Message {
    Message::new(
        fill_one(&message.zh, vars, false),
        fill_one(&message.en, vars, true),
    )
}

/// Folds full-width ASCII to half-width and drops whitespace, so that `（一）` and `(一)`,
/// `８１` and `81` compare equal.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] into a buffer the caller reuses (it is cleared first).
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    fold_append(text, out);
}

/// [`fold`] appended to `out`. Runs of characters that folding leaves alone are copied whole,
/// and only the bytes that can start whitespace or a full-width character are decoded: most of
/// a report's text is Chinese characters that pass through.
pub(crate) fn fold_append(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (width, replacement) = match byte {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => (1, None),
            0x00..=0x7F => {
                at += 1;
                continue;
            }
            // Lead bytes of U+0085/U+00A0, U+1680, U+2000–U+205F, U+3000 and U+FF01–U+FF5E.
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => {
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                match c {
                    '\u{FF01}'..='\u{FF5E}' => {
                        (c.len_utf8(), char::from_u32(u32::from(c) - 0xFEE0))
                    }
                    c if c.is_whitespace() => (c.len_utf8(), None),
                    c => {
                        at += c.len_utf8();
                        continue;
                    }
                }
            }
            0xC0..=0xDF => {
                at += 2;
                continue;
            }
            0xE0..=0xEF => {
                at += 3;
                continue;
            }
            _ => {
                at += 4;
                continue;
            }
        };
        out.push_str(text.get(run..at).unwrap_or(""));
        out.extend(replacement);
        at += width;
        run = at;
    }
    out.push_str(text.get(run..).unwrap_or(""));
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

/// What kind of number a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberKind {
    /// A count (`81 件`, `八十一件`, `67`).
    Count,
    /// Followed by `%`: a percentage.
    Percent,
    /// A date part or year (`2024 年`, `12月`), an id (`30号`), an amount (`380 元`).
    Other,
}

/// A number as written in prose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NumberToken {
    /// The digits (without the unit), as bytes of the source.
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

/// Every number in `span` of `source`, with what follows it deciding its kind.
pub(crate) fn numbers(source: &str, span: Span) -> Vec<NumberToken> {
    let mut out = Vec::new();
    let Some(text) = source.get(span.range()) else {
        return out;
    };
    let base = span.start as usize;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        let is_chinese_start = chinese_digit(c).is_some() || (c == '十');
        if ascii_digit(c).is_none() && !is_chinese_start {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut first_part = None;
        let mut value: f64;
        let mut decimals = 0;
        let arabic = ascii_digit(c).is_some();
        if arabic {
            let mut integer: u64 = 0;
            while let Some(&(_, d)) = chars.get(j) {
                if let Some(d) = ascii_digit(d) {
                    integer = integer.saturating_mul(10).saturating_add(u64::from(d));
                    j += 1;
                } else if d == ','
                    && (1..=3).all(|k| {
                        chars
                            .get(j + k)
                            .and_then(|&(_, x)| ascii_digit(x))
                            .is_some()
                    })
                    && chars
                        .get(j + 4)
                        .and_then(|&(_, x)| ascii_digit(x))
                        .is_none()
                {
                    j += 1;
                } else {
                    break;
                }
            }
            value = integer as f64;
            // `1 2 件`: a number broken by PDF conversion (layouts.md §9). Read it merged, and
            // keep the first part as the other possible reading.
            if let (Some(&(_, ' ')), Some(true)) = (
                chars.get(j),
                chars.get(j + 1).map(|&(_, d)| ascii_digit(d).is_some()),
            ) {
                let mut m = j + 1;
                let mut merged = integer;
                while let Some(d) = chars.get(m).and_then(|&(_, d)| ascii_digit(d)) {
                    merged = merged.saturating_mul(10).saturating_add(u64::from(d));
                    m += 1;
                }
                let mut after = m;
                while chars.get(after).is_some_and(|&(_, s)| s == ' ') {
                    after += 1;
                }
                if chars.get(after).is_some_and(|&(_, u)| is_count_unit(u)) {
                    first_part = Some(value);
                    value = merged as f64;
                    j = m;
                }
            }
            if let (Some(&(_, '.' | '．')), Some(&(_, next))) = (chars.get(j), chars.get(j + 1)) {
                if ascii_digit(next).is_some() {
                    j += 1;
                    let mut fraction = format!("{integer}.");
                    while let Some(d) = chars.get(j).and_then(|&(_, d)| ascii_digit(d)) {
                        fraction.push(char::from_digit(d, 10).unwrap_or('0'));
                        decimals += 1;
                        j += 1;
                    }
                    value = fraction.parse().unwrap_or(value);
                }
            }
        } else {
            while chars
                .get(j)
                .is_some_and(|&(_, d)| chinese_digit(d).is_some() || chinese_unit(d).is_some())
            {
                j += 1;
            }
            let run = &text[start..end_of(j)];
            value = match chinese_value(run) {
                Some(v) => v as f64,
                None => {
                    i = j.max(i + 1);
                    continue;
                }
            };
        }
        let digits_end = end_of(j);
        let mut k = j;
        while chars
            .get(k)
            .is_some_and(|&(_, s)| s == ' ' || s == '\u{3000}' || s == '\t')
        {
            k += 1;
        }
        let next = chars.get(k).map(|&(_, s)| s);
        let previous = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, s)| s);
        let kind = match next {
            Some('%' | '％') => NumberKind::Percent,
            Some(unit) if is_count_unit(unit) => NumberKind::Count,
            _ if !arabic => NumberKind::Other,
            Some(
                '年' | '月' | '日' | '号' | '元' | '万' | '亿' | '届' | '期' | '部' | '.' | '．'
                | '-' | '—' | '〕' | ']' | '】',
            ) => NumberKind::Other,
            // A digit glued to a Latin letter or inside an id is not a count.
            _ if previous.is_some_and(|p| p.is_ascii_alphanumeric() || p == '〔' || p == '[') => {
                NumberKind::Other
            }
            _ => NumberKind::Count,
        };
        out.push(NumberToken {
            span: Span::from_range(base + start..base + digits_end),
            value,
            decimals,
            kind,
            unit: next.filter(|&unit| is_count_unit(unit)),
            first_part,
        });
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte-level fold does what its definition says, character by character, on text
        /// mixing Chinese, ASCII, full-width forms and every kind of whitespace.
        #[test]
        fn folding_matches_its_definition(text in "[政府０-９Ａ-ｚ，：（）！～ａ-ｃ0-9a-z \t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{1680}\u{2000}-\u{200B}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{3001}\u{FF00}\u{FF5F}“”…é😀]{0,40}") {
            let expected: String = text
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match c {
                    '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
                    c => c,
                })
                .collect();
            prop_assert_eq!(fold(&text), expected);
        }
    }

    fn whole(text: &str) -> Span {
        Span::from_range(0..text.len())
    }

    #[test]
    fn placeholders_fill_both_languages() {
        let message = Message::new("{row} 差 {delta}", "{row} off by {delta} ({unknown})");
        let filled = fill(
            &message,
            &vec![
                var("row", "R03"),
                var2("delta", &Message::new("负一", "-1")),
            ],
        );
        assert_eq!(filled.zh, "R03 差 负一");
        assert_eq!(filled.en, "R03 off by -1 ({unknown})");
        assert_eq!(placeholders("a {x} b {yy}"), vec![(2, "x"), (8, "yy")]);
    }

    #[test]
    fn sentences_split_at_full_stops_and_lines() {
        let text = "共办结 82 件。其中予以公开 11 件；\n另有";
        let parts: Vec<&str> = sentences(text, whole(text))
            .into_iter()
            .map(|span| span.slice(text))
            .collect();
        assert_eq!(parts, ["共办结 82 件。", "其中予以公开 11 件；", "另有"]);
    }

    #[test]
    fn numbers_in_prose() {
        let text =
            "2024 年全年共受理依申请公开政府信息件 81 件，占４.61％，十二件，12,077件，两件，一是";
        let found: Vec<(f64, NumberKind)> = numbers(text, whole(text))
            .into_iter()
            .map(|token| (token.value, token.kind))
            .collect();
        assert_eq!(
            found,
            vec![
                (2024.0, NumberKind::Other),
                (81.0, NumberKind::Count),
                (4.61, NumberKind::Percent),
                (12.0, NumberKind::Count),
                (12077.0, NumberKind::Count),
                (2.0, NumberKind::Count),
                (1.0, NumberKind::Other),
            ]
        );
        let tokens = numbers(text, whole(text));
        assert_eq!(tokens[1].span.slice(text), "81");
        assert_eq!(tokens[1].unit, Some('件'));
        assert!(tokens[1].counts_cases());
        let split = numbers("予以公开 1 2 件", whole("予以公开 1 2 件"));
        assert_eq!((split[0].value, split[0].first_part), (12.0, Some(1.0)));
        assert_eq!(split[0].span.slice("予以公开 1 2 件"), "1 2");
        let two = numbers("2024 年 81 件", whole("2024 年 81 件"));
        assert_eq!(two.len(), 2);
        let channels = numbers("受理渠道 3 个", whole("受理渠道 3 个"));
        assert!(!channels[0].counts_cases());
        assert_eq!(tokens[2].decimals, 2);
        assert_eq!(chinese_value("一百零五"), Some(105));
        let text = "予以公开及部分公开10件，占13.2%；";
        let kinds: Vec<NumberKind> = numbers(text, whole(text))
            .into_iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(kinds, [NumberKind::Count, NumberKind::Percent]);
        assert_eq!(chinese_value("三万二千"), Some(32_000));
    }

    #[test]
    fn fold_widths() {
        assert_eq!(fold("（一） 予以公开８１"), "(一)予以公开81");
    }
}

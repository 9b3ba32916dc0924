//! Unit tests of [`super`].

use super::walk::Walk;
use super::*;
use crate::fold::fold;
use crate::prose::starts::PhraseStarts;
use proptest::prelude::*;

/// Whether a number starts with `c`, by definition.
fn starts_number(c: char) -> bool {
    ascii_digit(c).is_some() || chinese_digit(c).is_some() || c == '十'
}

proptest! {
    /// Stepping a character at a time, ruling out characters on one bit per code point, finds
    /// every character that starts a number and no other, on text mixing the numerals with
    /// characters that share their lead bytes (`不上下`, `、。`).
    #[test]
    fn next_start_finds_every_start(text in "[〇零一二两三四五六七八九十百千万丁不上下丈乞亍亘亚冀兮六凡北印四因图雨零雷霍、。〈《０-９0-9a-z，Ａｚ￥政府é😀]{0,30}") {
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| starts_number(c))
            .map(|(at, _)| at)
            .collect();
        let mut found = Vec::new();
        let mut from = 0;
        let mut folded = String::new();
        let mut starts = Vec::new();
        let phrases = PhraseStarts::default();
        let into = Gathered { folded: &mut folded, starts: &mut starts };
        let mut walk = Walk::new(&text, &phrases, into);
        while let Some(at) = walk.next_start(from) {
            found.push(at);
            from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        }
        prop_assert_eq!(found, expected);
    }
}

proptest! {
    /// The walk that reads the numbers tells whether the text holds whitespace, numbers broken
    /// by a space (`1 2 件`) included.
    #[test]
    fn whitespace_seen_on_the_way(text in "[一二十政府件 \t\n\u{A0}\u{2000}\u{2028}\u{3000}\u{3001}〇“…0-9０-９，.]{0,24}") {
        prop_assert_eq!(walk(&text, &[]).whitespace, text.contains(char::is_whitespace));
    }

    /// The walk folds the text as [`fold`] does, on text mixing numbers of every form (broken
    /// by a space, with separators and decimals, Chinese), full-width forms and whitespace;
    /// the text it appends to is left as it was before.
    #[test]
    fn the_walk_folds_as_defined(
        before in "[政a，]{0,3}",
        text in "[一二十百两零〇政府件个% \t\n\r\u{A0}\u{85}\u{1680}\u{2000}-\u{200B}\u{2028}\u{205F}\u{3000}\u{3001}“…0-9０-９，,.．％（）：ａ-ｃＡ-Ｃ～\u{FF00}\u{FF5F}￥😀é]{0,40}",
    ) {
        let mut out = Vec::new();
        let mut folded = before.clone();
        let into = Gathered { folded: &mut folded, starts: &mut Vec::new() };
        numbers_into(&text, &mut out, &PhraseStarts::default(), into);
        prop_assert_eq!(folded, format!("{before}{}", fold(&text)));
    }

    /// The walk finds the phrases' starts that a search of the whole text finds, those inside
    /// the numbers it reads over included (parts starting with digits, numerals, whitespace
    /// and full-width forms).
    #[test]
    fn the_walk_finds_the_phrase_starts(text in "[一二十两件是办结，, 0-9０-９.年%]{0,30}") {
        let parts = ["一是", "1件", "件", "办结", " 办", "十", "，", "0", "２", "年", "二十"];
        let mut expected = Vec::new();
        PhraseStarts::new(parts).find_in(&text, 0..text.len(), &mut expected);
        prop_assert_eq!(walk(&text, &parts).starts, expected);
    }
}

/// What the walk over `text` reads, with phrases starting with `parts`.
struct Walked {
    numbers: Vec<NumberToken>,
    whitespace: bool,
    starts: Vec<Start>,
}

fn walk(text: &str, parts: &[&str]) -> Walked {
    let mut numbers = Vec::new();
    let mut starts = Vec::new();
    let into = Gathered {
        folded: &mut String::new(),
        starts: &mut starts,
    };
    let whitespace = numbers_into(
        text,
        &mut numbers,
        &PhraseStarts::new(parts.iter().copied()),
        into,
    );
    Walked {
        numbers,
        whitespace,
        starts,
    }
}

fn numbers(text: &str) -> Vec<NumberToken> {
    walk(text, &[]).numbers
}

#[test]
fn numbers_in_prose() {
    let text =
        "2024 年全年共受理依申请公开政府信息件 81 件，占４.61％，十二件，12,077件，两件，一是";
    let found: Vec<(f64, NumberKind)> = numbers(text)
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
    let tokens = numbers(text);
    assert_eq!(tokens[1].span.slice(text), "81");
    assert_eq!(tokens[1].unit, Some('件'));
    assert!(tokens[1].counts_cases());
    let split = numbers("予以公开 1 2 件");
    assert_eq!((split[0].value, split[0].first_part), (12.0, Some(1.0)));
    assert_eq!(split[0].span.slice("予以公开 1 2 件"), "1 2");
    let two = numbers("2024 年 81 件");
    assert_eq!(two.len(), 2);
    let channels = numbers("受理渠道 3 个");
    assert!(!channels[0].counts_cases());
    assert_eq!(tokens[2].decimals, 2);
    assert_eq!(chinese_value("一百零五"), Some(105));
    let text = "予以公开及部分公开10件，占13.2%；";
    let kinds: Vec<NumberKind> = numbers(text).into_iter().map(|t| t.kind).collect();
    assert_eq!(kinds, [NumberKind::Count, NumberKind::Percent]);
    assert_eq!(chinese_value("三万二千"), Some(32_000));
}

#[test]
fn durations_are_no_counts() {
    let text = "办结时长 25 分钟，平均 3 天，15 个工作日，20 工作日内，三个月，分别 2 分别";
    let kinds: Vec<NumberKind> = numbers(text).into_iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            NumberKind::Measure,
            NumberKind::Measure,
            NumberKind::Measure,
            NumberKind::Measure,
            NumberKind::Measure,
            NumberKind::Count,
        ]
    );
    assert!(
        numbers(text)
            .iter()
            .all(|t| !t.counts_cases() || t.value == 2.0)
    );
}

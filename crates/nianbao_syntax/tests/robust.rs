//! No input may panic, and every span lands on char boundaries: arbitrary strings and arbitrary
//! mutations of the seed (deleted, duplicated and swapped lines, truncation).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use nianbao_syntax::parse;
use proptest::prelude::*;

fn seed_lines() -> Vec<String> {
    support::seed().split('\n').map(str::to_owned).collect()
}

#[derive(Clone, Debug)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text(text in "\\PC*") {
        let parsed = parse(&text);
        support::assert_spans(&parsed, &text);
    }

    #[test]
    fn table_like_noise(text in "[0-9０-９一二三四五六七（）()、.|\t \n总计其他本年新收政府信息公开申请数量行政复议第二十条第项]{0,400}") {
        let parsed = parse(&text);
        support::assert_spans(&parsed, &text);
    }

    #[test]
    fn mutated_seed(edits in proptest::collection::vec(edit(), 0..8), cut in any::<prop::sample::Index>()) {
        let mut lines = seed_lines();
        if lines.is_empty() {
            return Ok(());
        }
        for edit in edits {
            let n = lines.len().max(1);
            match edit {
                Edit::Delete(i) if lines.len() > 1 => { lines.remove(i % n); }
                Edit::Duplicate(i) => { let line = lines[i % n].clone(); lines.insert(i % n, line); }
                Edit::Swap(a, b) => lines.swap(a % n, b % n),
                Edit::Delete(_) => {}
            }
        }
        let text = lines.join("\n");
        let parsed = parse(&text);
        support::assert_spans(&parsed, &text);
        // Truncated at an arbitrary char boundary.
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let end = boundaries[cut.index(boundaries.len())];
        let truncated = &text[..end];
        let parsed = parse(truncated);
        support::assert_spans(&parsed, truncated);
    }
}

#[test]
fn huge_digit_line_is_fast() {
    let mut text = String::from("一、本年新收政府信息公开申请数量");
    text.push_str(&"7".repeat(2_000_000));
    text.push_str("二、上年结转政府信息公开申请数量12345678901234567890123");
    let started = std::time::Instant::now();
    let parsed = parse(&text);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    support::assert_spans(&parsed, &text);
    assert!(parsed.diagnostics.iter().any(|d| d.code == "PA009"));
}

/// Large adversarial texts: every construct the parser searches for, repeated.
#[test]
fn repeated_constructs_stay_linear() {
    let cases = [
        "二、".repeat(300_000),
        "一、总体概况二、主动公开三、".repeat(30_000),
        "一、本年新收政府信息公开申请数量 | | 1 | 2 | 3 | 4 | 5 | | |\n".repeat(20_000),
        "3.其他 其他 总计 (七)总计 行政复议 第二十条第(一)项 规章 1 2 ".repeat(30_000),
        format!(
            "三、收到和处理政府信息公开申请情况{}",
            "1.属于国家秘密0250201037".repeat(20_000)
        ),
    ];
    for text in &cases {
        let started = std::time::Instant::now();
        let parsed = parse(text);
        support::assert_spans(&parsed, text);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{:?} for {}…",
            started.elapsed(),
            &text[..30]
        );
    }
}

/// Character-level damage to the seed: inserted, deleted and replaced digits, separators,
/// numerals and placeholders. Deterministic, so a failure reproduces.
#[test]
fn character_damage_to_the_seed() {
    damage(&[support::seed()]);
}

/// The same damage to real dumps.
#[test]
#[ignore = "needs ../shared/corpus/real"]
fn character_damage_to_real_texts() {
    let texts: Vec<String> = [
        "pingtan-zone-2021.txt",
        "pingtan-zone-2022.txt",
        "pingtan-zone-2015.txt",
    ]
    .into_iter()
    .map(nianbao_testdata::real_text)
    .collect();
    damage(&texts);
}

fn damage(texts: &[String]) {
    let alphabet: Vec<char> = "0123456789０１\t\n |一二三四五六、，.．（）()总计其他—-/无年月日"
        .chars()
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize
    };
    for round in 0..2000 {
        let mut chars: Vec<char> = texts[round % texts.len()].chars().collect();
        for _ in 0..1 + next() % 30 {
            let at = next() % (chars.len() + 1);
            let replacement = alphabet[next() % alphabet.len()];
            match next() % 3 {
                0 => chars.insert(at, replacement),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ if at < chars.len() => chars[at] = replacement,
                _ => {}
            }
        }
        let text: String = chars.into_iter().collect();
        let parsed = parse(&text);
        support::assert_spans(&parsed, &text);
    }
}

#[test]
fn huge_printed_numbers_do_not_overflow_the_identities() {
    let seed = support::seed();
    let big = "9000000000000000000";
    let text = seed
        .replace("(七) 总计\t\t82\t0\t0\t0\t0\t0\t82\t", &format!("(七) 总计\t\t{big}\t{big}\t{big}\t{big}\t{big}\t{big}\t{big}\t"))
        .replace("(一) 予以公开\t11\t0\t0\t0\t0\t0\t11\t", "(一) 予以公开\t0250201037\t")
        .replace("一、本年新收政府信息公开申请数量\t\t81\t0\t0\t0\t0\t0\t81\t", &format!("| | | 一、本年新收政府信息公开申请数量 | | {big} | {big} | {big} | {big} | {big} | | |"))
        .replace("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", &[big; 15].join("\t"));
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    assert!(parsed.diagnostics.iter().any(|d| d.code == "PA005"));
    // R01 sits in a grid column of its own, so its alignment falls to H01 over huge sums.
    assert!(parsed.diagnostics.iter().any(|d| d.code == "PA006"));
}

/// Digit runs short enough to be tried but with too many readings exhaust the split budget: the
/// row is Unresolved with PA009, quickly, and the rest of the table is read.
#[test]
fn split_budget_exhausted() {
    let seed = support::seed();
    let started = std::time::Instant::now();
    let text = seed.replace(
        "\t\t81\t0\t0\t0\t0\t0\t81",
        &format!("\t{}", "1".repeat(40)),
    );
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    let budget = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == "PA009")
        .expect("PA009");
    assert!(budget.message.en.contains("too many possible splits"));
    assert_eq!(budget.span.slice(&text), "1".repeat(40));
    assert_eq!(support::row(&parsed, "R01"), [None; 7]);
    assert_eq!(
        support::row(&parsed, "R02"),
        [1, 0, 0, 0, 0, 0, 1].map(Some)
    );
    // Table 4 as one glued run of ones: no reading satisfies its three block totals.
    let table4 = seed.replace(
        "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
        &"1".repeat(60),
    );
    let parsed = parse(&table4);
    assert!(
        parsed.diagnostics.iter().any(|d| d.code == "PA009"),
        "{:#?}",
        parsed.diagnostics
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// A 10 MB single line of labels and digit runs (a PDF dump gone wrong) parses within seconds.
#[test]
fn ten_megabyte_line_of_labels_and_digits() {
    let unit = "一、本年新收政府信息公开申请数量810000081（一）予以公开5402025行政复议000000000000000第二十条第（一）项规章000 ";
    let text = unit.repeat(10 * 1024 * 1024 / unit.len() + 1);
    assert!(text.len() >= 10 * 1024 * 1024 && !text.contains('\n'));
    let started = std::time::Instant::now();
    let parsed = parse(&text);
    let elapsed = started.elapsed();
    support::assert_spans(&parsed, &text);
    assert!(elapsed < std::time::Duration::from_secs(10), "{elapsed:?}");
    assert_eq!(
        support::row(&parsed, "R01"),
        [81, 0, 0, 0, 0, 0, 81].map(Some)
    );
}

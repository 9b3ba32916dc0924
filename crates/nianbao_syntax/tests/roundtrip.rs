//! parse(render(report)) == report: any generated report, rendered in every plaintext layout the
//! generator knows (tab grid, spaces, one cell per line, Markdown, pipes, run-together digits,
//! CRLF + BOM, GB18030, full-width digits, broken labels, page markers, one-line dumps …), reads
//! back to exactly the numbers it prints, through the same decoding a file goes through.

use nianbao_gen::{Layout, Options, generate, render};
use proptest::prelude::*;

fn differences_in_every_layout(seed: u64, index: u64) -> Vec<String> {
    let report = generate(seed, index, &Options::default());
    let mut problems = Vec::new();
    for layout in Layout::ALL {
        let rendered = render(&report, layout);
        let text = match nianbao_source::decode(&rendered.bytes) {
            Ok(decoded) => decoded.text,
            Err(error) => {
                problems.push(format!("{}: does not decode: {error}", layout.name()));
                continue;
            }
        };
        let parsed = nianbao_syntax::parse(&text).report;
        problems.extend(
            report
                .differences(&parsed)
                .into_iter()
                .map(|difference| format!("{}: {difference}", layout.name())),
        );
        if parsed.year() != Some(report.year) {
            problems.push(format!(
                "{}: year {:?}, printed {}",
                layout.name(),
                parsed.year(),
                report.year
            ));
        }
    }
    problems
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_layout_reads_back_the_printed_numbers(seed in any::<u64>(), index in 0u64..1_000_000) {
        let problems = differences_in_every_layout(seed, index);
        prop_assert!(problems.is_empty(), "seed {seed} index {index}:\n{}", problems.join("\n"));
    }
}

/// A fixed sweep as well, so a regression shows the same reports on every run.
#[test]
fn a_fixed_sweep_reads_back_the_printed_numbers() {
    for index in 0..60 {
        let problems = differences_in_every_layout(7, index);
        assert!(
            problems.is_empty(),
            "index {index}:\n{}",
            problems.join("\n")
        );
    }
}

/// The comparison itself is not vacuous: another report's numbers, or none, do not pass.
#[test]
fn the_comparison_sees_wrong_numbers() {
    let report = generate(7, 1, &Options::default());
    let other = generate(7, 2, &Options::default());
    let parsed_other = nianbao_syntax::parse(&render(&other, Layout::Tab).text).report;
    assert!(!report.differences(&parsed_other).is_empty());
    let nothing = nianbao_syntax::parse("").report;
    assert!(report.differences(&nothing).len() >= 175);
}

/// Every parse diagnostic the parser emits — on whole, truncated and doubled renderings — is
/// one of `PARSE_CODES`, with the catalogued name and severity, so `nianbao rules` and SARIF
/// list exactly what the parser says.
#[test]
fn emitted_codes_are_catalogued() {
    let mut seen = std::collections::BTreeSet::new();
    for index in 0..30 {
        let report = generate(11, index, &Options::default());
        for layout in Layout::ALL {
            let text = render(&report, layout).text;
            let half = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map_or(0, |(at, _)| at);
            let variants = [
                text.clone(),
                text[..half].to_owned(),
                format!("{text}\n{text}"),
            ];
            for variant in &variants {
                for diagnostic in nianbao_syntax::parse(variant).diagnostics {
                    let entry = nianbao_syntax::PARSE_CODES
                        .iter()
                        .find(|entry| entry.code == diagnostic.code);
                    let entry =
                        entry.unwrap_or_else(|| panic!("{} is not catalogued", diagnostic.code));
                    assert_eq!(
                        (entry.name, entry.severity),
                        (diagnostic.name.as_ref(), diagnostic.severity)
                    );
                    seen.insert(entry.code);
                }
            }
        }
    }
    assert!(seen.len() >= 4, "only {seen:?} were exercised");
}

//! The 2008 format: a report on 2008–2018 printed as prose with totals and their parts and a
//! small statistics table, no template tables, every total the sum of its parts; the N030 fault
//! prints one wrong answered total at its line. (The parser's reading of them is tested in
//! `nianbao_syntax`'s `coverage.rs` and the accuracy test.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nianbao_gen::{CorpusOptions, FaultKind, Layout, corpus_file, inject, render};
use nianbao_model::stated::Measure;
use nianbao_model::template::Template;

fn options(fault_percent: u64) -> CorpusOptions {
    CorpusOptions {
        seed: 2008,
        layouts: vec![Layout::Pre2019],
        fault_percent,
        ..CorpusOptions::default()
    }
}

#[test]
fn reports_in_the_2008_format_state_their_counts_and_are_read_back() {
    let mut one_line = 0;
    for index in 0..40 {
        let file = corpus_file(&options(0), index, 4);
        let report = &file.report;
        let text = &file.rendered.text;
        assert_eq!(report.template, Template::Pre2019);
        assert!((2008..=2018).contains(&report.year), "{}", report.year);
        assert_eq!(file.entry.template, "pre-2019");
        assert!(text.contains("政府信息公开情况统计表"));
        assert!(!text.contains("本年新收"), "no template table: {text}");
        one_line += usize::from(!text.contains('\n'));
        let counts = report.stated_counts();
        assert!(
            counts
                .iter()
                .any(|count| count.measure == Measure::Produced)
        );
        for count in &counts {
            let sum: i64 = count.parts.iter().sum();
            assert!(count.parts.is_empty() || sum == count.value, "{count:?}");
            assert!(text.contains(&count.value.to_string()));
        }
        assert_eq!(
            report.printed_fields(),
            counts
                .iter()
                .map(|count| 1 + count.parts.len())
                .sum::<usize>()
        );
    }
    // Both shapes: a web page's one-line dump and a line per paragraph.
    assert!((5..=35).contains(&one_line), "{one_line} of 40 on one line");
}

#[test]
fn a_wrong_total_is_printed_at_its_line() {
    let mut measures = std::collections::BTreeSet::new();
    for index in 0..40 {
        let file = corpus_file(&options(100), index, 4);
        let fault = file
            .entry
            .fault
            .as_ref()
            .expect("every file is faulty at 100%");
        assert_eq!(fault.code, "N030");
        assert_eq!(fault.kind, FaultKind::StatedSum);
        let wrong: Vec<_> = file
            .report
            .stated_counts()
            .into_iter()
            .filter(|count| {
                !count.parts.is_empty() && count.parts.iter().sum::<i64>() != count.value
            })
            .collect();
        let [count] = &wrong[..] else {
            panic!("one wrong total: {wrong:?}");
        };
        measures.insert(count.measure.as_str());
        let line = file
            .rendered
            .text
            .lines()
            .nth(fault.line as usize - 1)
            .unwrap();
        let (before, unit) = match count.measure {
            Measure::Replies => ("办结", "件"),
            _ => ("政府信息总数", "条"),
        };
        assert!(line.contains(before), "{line}");
        assert!(line.contains(&format!("{}{unit}", count.value)), "{line}");
    }
    assert!(measures.contains("replies"), "{measures:?}");
}

#[test]
fn the_template_shapes_take_no_2008_fault_and_the_2008_format_no_other() {
    let file = corpus_file(&options(0), 3, 4);
    for kind in FaultKind::ALL {
        let mut report = file.report.clone();
        let injected = inject(&mut report, kind, Layout::Pre2019);
        assert_eq!(injected.is_some(), kind == FaultKind::StatedSum, "{kind:?}");
        for layout in Layout::ALL {
            assert!(!FaultKind::StatedSum.supported_by(layout));
        }
    }
    // Rendering is a pure function of the report.
    assert_eq!(
        render(&file.report, Layout::Pre2019).bytes,
        file.rendered.bytes
    );
}

//! What the parser could not read is kept as the report's coverage, one gap per cause, each
//! pointing at the text: a table absent, unreadable, or not in row order; rows and cells not
//! read; a report in the 2008 format; a report in no known format. And the counts a pre-2019
//! report's prose states are read with their parts, never from a doubtful number.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use nianbao_model::stated::{Completion, Measure};
use nianbao_model::{Completeness, GapKind};
use nianbao_syntax::{Parsed, parse};

fn gaps(parsed: &Parsed) -> Vec<GapKind> {
    parsed
        .report
        .coverage
        .gaps
        .iter()
        .map(|gap| gap.kind)
        .collect()
}

/// The text a gap points at.
fn pointed<'t>(parsed: &Parsed, text: &'t str) -> Vec<&'t str> {
    parsed
        .report
        .coverage
        .gaps
        .iter()
        .map(|gap| gap.span.slice(text))
        .collect()
}

#[test]
fn the_seed_is_read_whole() {
    let parsed = parse(&support::seed());
    assert_eq!(gaps(&parsed), []);
    assert_eq!(
        parsed.report.coverage.completeness(),
        Completeness::Complete
    );
}

#[test]
fn a_row_with_too_few_values_is_a_row_not_read() {
    let text = support::seed().replace(
        "1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
        "1.属于国家秘密\t0\t0\t0",
    );
    let parsed = parse(&text);
    assert_eq!(
        gaps(&parsed),
        [GapKind::CellsUnread {
            table: 3,
            rows: 1,
            cells: 0
        }]
    );
    // At the values that were there.
    assert_eq!(pointed(&parsed, &text), ["0\t0\t0"]);
    assert!(parsed.diagnostics.iter().any(|d| d.code == "PA009"));
    assert_eq!(parsed.report.coverage.completeness(), Completeness::Partial);
}

#[test]
fn a_table_cut_off_is_missing() {
    let seed = support::seed();
    let cut = seed.find("四、政府信息公开行政复议").unwrap();
    let text = &seed[..cut];
    let parsed = parse(text);
    assert_eq!(gaps(&parsed), [GapKind::TableMissing { table: 4 }]);
}

#[test]
fn a_table_whose_values_are_not_in_the_text_is_unreadable() {
    let seed = support::seed();
    let from = seed.find("\t\t申请人情况").unwrap();
    let to = seed.find("四、政府信息公开行政复议").unwrap();
    let text = format!("{}\n（本表为图片）\n\n{}", &seed[..from], &seed[to..]);
    let parsed = parse(&text);
    assert_eq!(gaps(&parsed), [GapKind::TableUnreadable { table: 3 }]);
    assert!(
        parsed.diagnostics.iter().any(|d| d.code == "PA011"),
        "{:#?}",
        parsed.diagnostics
    );
}

#[test]
fn a_table_printed_column_by_column_is_not_in_row_order() {
    let path = format!(
        "{}/tests/fixtures/messy/column_major.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let parsed = parse(&text);
    assert!(gaps(&parsed).contains(&GapKind::TableNotInRowOrder { table: 3 }));
}

#[test]
fn digits_with_several_splits_are_a_row_not_read() {
    // Table 2's 行政规范性文件 row glued: 5 / 0 / 45 reads several ways.
    let seed = support::seed();
    let row = seed
        .lines()
        .find(|line| line.starts_with("行政规范性文件"))
        .unwrap();
    let glued = format!(
        "行政规范性文件\t{}",
        row.split('\t').skip(1).collect::<String>()
    );
    let text = seed.replace(row, &glued);
    let parsed = parse(&text);
    assert!(
        parsed.diagnostics.iter().any(|d| d.code == "PA005"),
        "{:#?}",
        parsed.diagnostics
    );
    assert_eq!(
        gaps(&parsed),
        [GapKind::CellsUnread {
            table: 2,
            rows: 1,
            cells: 0
        }]
    );
}

#[test]
fn a_report_in_no_known_format_had_no_table_checked() {
    let text = "某局2016年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n";
    let parsed = parse(text);
    assert_eq!(gaps(&parsed), [GapKind::NoTemplate]);
    assert_eq!(
        pointed(&parsed, text),
        ["某局2016年政府信息公开工作年度报告"]
    );
}

/// A 2013 report in the style of the published ones (synthetic): 受理 117, 办结 171, while the
/// outcomes add up to 117.
const REPORT_2013: &str = "\
某市审计局2013年政府信息公开工作年度报告
本报告由概述、主动公开政府信息情况、政府信息依申请公开工作情况、政府信息公开情况统计表共四个部分组成。
一、概述
2013年，我局认真贯彻《中华人民共和国政府信息公开条例》，共受理网上咨询86件。
二、主动公开政府信息情况
2013年制作、获取政府信息总数1873条，其中主动公开政府信息425条，作为依申请公开信息数46条，不予公开信息数1402条。主动公开的政府信息，局机关主动公开政府信息303条，占71.3%。各直属单位主动公开政府信息122条，占28.7%。
三、政府信息依申请公开工作情况
2013年共受理政府信息公开申请117件，其中当面申请60件，网上申请57件；办结171件，其中同意公开89件，同意部分公开16件，不予公开12件。
四、政府信息公开情况统计表
指标名称 计量单位 2013年度 历年累计
主动公开信息数 条 425 1516
";

#[test]
fn a_pre_2019_report_keeps_its_stated_counts() {
    let parsed = parse(REPORT_2013);
    let report = &parsed.report;
    let counts: Vec<(Measure, i64, Vec<i64>, Option<Completion>)> = report
        .statistics
        .iter()
        .map(|count| {
            (
                count.measure,
                count.value,
                count.parts.iter().map(|part| part.value).collect(),
                count.complete,
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            (
                Measure::Produced,
                1873,
                vec![425, 46, 1402],
                Some(Completion::AllKinds)
            ),
            (Measure::Proactive, 425, vec![], None),
            (
                Measure::Proactive,
                425,
                vec![303, 122],
                Some(Completion::Shares)
            ),
            (Measure::Requests, 117, vec![60, 57], None),
            (Measure::Replies, 171, vec![89, 16, 12], None),
        ]
    );
    // The 受理 of 网上咨询 in 概述 is no application; every span is the printed number.
    for count in &report.statistics {
        assert_eq!(
            count.span.slice(REPORT_2013),
            count.value.to_string(),
            "{count:?}"
        );
    }
    assert_eq!(gaps(&parsed), [GapKind::OldFormat { breakdowns: 4 }]);
    // The statistics table itself, not its mention in the introduction.
    let at = parsed.report.coverage.gaps[0].span;
    assert!(REPORT_2013[..at.start as usize].contains("四、"));
}

#[test]
fn units_after_the_kinds_of_information_are_parts_of_the_proactive_total() {
    // `其中，` rather than `主动公开的政府信息，` before the units: still not kinds of information.
    let text = REPORT_2013.replace("主动公开的政府信息，", "其中，");
    let parsed = parse(&text);
    let proactive: Vec<Vec<i64>> = parsed
        .report
        .statistics
        .iter()
        .filter(|count| count.measure != Measure::Requests && count.measure != Measure::Replies)
        .map(|count| count.parts.iter().map(|part| part.value).collect())
        .collect();
    assert_eq!(proactive, [vec![425, 46, 1402], vec![], vec![303, 122]]);
    let phrase = parsed.report.statistics[0].phrase.slice(&text);
    assert_eq!(phrase, "2013年制作、获取政府信息总数");
}

#[test]
fn a_doubtful_number_leaves_its_breakdown_unchecked() {
    // A line break inside 办结 171: the number may be 17 or 171.
    let text = REPORT_2013.replace("办结171件", "办结17\n1件");
    let parsed = parse(&text);
    let replies: Vec<_> = parsed
        .report
        .statistics
        .iter()
        .filter(|count| count.measure == Measure::Replies)
        .collect();
    assert!(replies.is_empty(), "{replies:?}");
    // And a part cut by a space leaves the total without parts.
    let text = REPORT_2013.replace("同意部分公开16件", "同意部分公开1 6件");
    let parsed = parse(&text);
    let replies = parsed
        .report
        .statistics
        .iter()
        .find(|count| count.measure == Measure::Replies)
        .unwrap();
    assert_eq!(replies.value, 171);
    assert!(replies.parts.is_empty());
}

#[test]
fn a_one_line_dump_reads_the_same_counts() {
    // The published dumps: one line, headings run into the text.
    let text = REPORT_2013.replace('\n', "");
    let parsed = parse(&text);
    let values: Vec<(Measure, i64, usize)> = parsed
        .report
        .statistics
        .iter()
        .map(|count| (count.measure, count.value, count.parts.len()))
        .collect();
    assert_eq!(
        values,
        [
            (Measure::Produced, 1873, 3),
            (Measure::Proactive, 425, 0),
            (Measure::Proactive, 425, 2),
            (Measure::Requests, 117, 2),
            (Measure::Replies, 171, 3),
        ]
    );
}

/// Generated reports in the 2008 format, with distractors: every stated count read back as
/// printed, and nothing else read as one.
#[test]
fn generated_pre_2019_reports_read_back_exactly() {
    let options = nianbao_gen::CorpusOptions {
        seed: 19,
        layouts: vec![nianbao_gen::Layout::Pre2019],
        fault_percent: 30,
        ..nianbao_gen::CorpusOptions::default()
    };
    for index in 0..60 {
        let file = nianbao_gen::corpus_file(&options, index, 4);
        let text = &file.rendered.text;
        let parsed = parse(text);
        assert_eq!(
            file.report.differences(&parsed.report),
            Vec::<String>::new(),
            "{text}"
        );
        assert_eq!(
            parsed.report.statistics.len(),
            file.report.stated_counts().len(),
            "{text}"
        );
        assert!(matches!(
            gaps(&parsed)[..],
            [GapKind::OldFormat { breakdowns }] if breakdowns >= 3
        ));
    }
}

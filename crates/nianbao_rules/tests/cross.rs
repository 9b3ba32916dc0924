//! Cross-report rules (X001–X004) over generated multi-year series and the real corpus: every
//! injected break is found in the right file, on the right line, with last year's file and cell
//! as the related location; clean series and the real Pingtan reports raise nothing they should
//! not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use nianbao_gen::{Anchor, Layout, SeriesFault, SeriesOptions, render, series};
use nianbao_model::template::RowId;
use nianbao_rules::{CorpusOptions, RuleSet, body_key};
use nianbao_source::LineIndex;
use std::path::PathBuf;
use support::{File, check, facts, line, related_line};

mod support;

/// `(file name, code, line, related file, related line)` of every cross finding.
fn findings(rules: &RuleSet, files: &[File]) -> Vec<(String, String, u32, String, u32)> {
    check(
        rules,
        files,
        &facts(rules, files),
        &CorpusOptions::default(),
    )
    .into_iter()
    .map(|(at, diagnostic)| {
        let file = &files[at];
        let line = LineIndex::new(&file.text).line_of(diagnostic.span.start);
        let related = diagnostic.related.first().expect("a related location");
        (
            file.path.display().to_string(),
            diagnostic.code.to_string(),
            line,
            related.path.clone(),
            related_line(related),
        )
    })
    .collect()
}

fn series_files(index: u64, layouts: &[Layout], faults: Vec<(u16, SeriesFault)>) -> Vec<File> {
    let reports = series(&SeriesOptions {
        seed: 8,
        index,
        first_year: 2021,
        years: 4,
        faults,
    });
    reports
        .iter()
        .zip(layouts.iter().cycle())
        .map(|(report, layout)| {
            let rendered = render(report, *layout);
            File {
                path: PathBuf::from(format!("body{index:02}/{}.txt", report.year)),
                text: rendered.text,
                anchors: rendered.anchors,
            }
        })
        .collect()
}

#[test]
fn clean_series_raise_nothing() {
    let rules = RuleSet::builtin().unwrap();
    let mut files = Vec::new();
    for (index, layouts) in Layout::ALL.chunks(3).enumerate() {
        files.extend(series_files(index as u64, layouts, Vec::new()));
    }
    assert_eq!(files.len(), Layout::ALL.len().div_ceil(3) * 4);
    let found = findings(&rules, &files);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn injected_breaks_are_found_where_they_are() {
    let rules = RuleSet::builtin().unwrap();
    let layouts = [Layout::Tab, Layout::Markdown, Layout::Spaces, Layout::Pipes];
    let mut files = series_files(
        7,
        &layouts,
        vec![
            (
                2022,
                SeriesFault::CarryOver {
                    column: 0,
                    delta: 3,
                },
            ),
            (2023, SeriesFault::Stock { delta: 4 }),
            (2024, SeriesFault::CopiedProse),
        ],
    );
    // The 2023 report saved a second time under another name.
    let copy = File {
        path: PathBuf::from("body07/2023-copy.txt"),
        text: files[2].text.clone(),
        anchors: files[2].anchors.clone(),
    };
    files.insert(3, copy);
    let [y2021, y2022, y2023, copy, y2024] = files.as_slice() else {
        panic!("five files");
    };
    let r02 = RowId::new(2).unwrap();
    let r25 = RowId::new(25).unwrap();
    let expected = vec![
        // Column C1 and the 总计 column C7 of R02 in 2022, against R25 of 2021.
        (
            "body07/2022.txt".to_owned(),
            "X001".to_owned(),
            line(y2022, Anchor::Table3Cell(r02, 0)),
            "body07/2021.txt".to_owned(),
            line(y2021, Anchor::Table3Cell(r25, 0)),
        ),
        (
            "body07/2022.txt".to_owned(),
            "X001".to_owned(),
            line(y2022, Anchor::Table3Cell(r02, 6)),
            "body07/2021.txt".to_owned(),
            line(y2021, Anchor::Table3Cell(r25, 6)),
        ),
        // A6 (行政规范性文件 现行有效件数) in 2023 against 2022's.
        (
            "body07/2023.txt".to_owned(),
            "X002".to_owned(),
            line(y2023, Anchor::Table2Cell(5)),
            "body07/2022.txt".to_owned(),
            line(y2022, Anchor::Table2Cell(5)),
        ),
        (
            "body07/2023-copy.txt".to_owned(),
            "X004".to_owned(),
            line(copy, Anchor::Title),
            "body07/2023.txt".to_owned(),
            line(y2023, Anchor::Title),
        ),
        // The copy carries the same stock break.
        (
            "body07/2023-copy.txt".to_owned(),
            "X002".to_owned(),
            line(copy, Anchor::Table2Cell(5)),
            "body07/2022.txt".to_owned(),
            line(y2022, Anchor::Table2Cell(5)),
        ),
        (
            "body07/2024.txt".to_owned(),
            "X003".to_owned(),
            line(y2024, Anchor::Title),
            "body07/2023.txt".to_owned(),
            line(y2023, Anchor::Title),
        ),
    ];
    assert_eq!(findings(&rules, &files), expected);
}

#[test]
fn findings_name_both_files_and_both_cells() {
    let rules = RuleSet::builtin().unwrap();
    let files = series_files(
        2,
        &[Layout::Tab],
        vec![(
            2022,
            SeriesFault::CarryOver {
                column: 1,
                delta: 2,
            },
        )],
    );
    let found = check(
        &rules,
        &files,
        &facts(&rules, &files),
        &CorpusOptions::default(),
    );
    let (at, first) = found.first().expect("a carry-over finding");
    assert_eq!(*at, 1);
    assert_eq!(first.code, "X001");
    assert!(first.message.zh.contains("R02[C2]"), "{}", first.message.zh);
    assert!(first.message.zh.contains("R25[C2]"), "{}", first.message.zh);
    assert!(
        first.message.zh.contains("body02/2021.txt"),
        "{}",
        first.message.zh
    );
    assert!(first.message.en.contains("delta"), "{}", first.message.en);
    let related = &first.related[0];
    assert!(related.message.zh.contains("2021"), "{:?}", related.message);
    let placed = related.placed.unwrap();
    assert!(placed.start.column >= 1 && placed.end.column > placed.start.column);
}

#[test]
fn body_names_are_normalised() {
    assert_eq!(body_key("平潭综合实验区管委会"), body_key("平潭综合实验区"));
    assert_eq!(body_key("平潭综合实验区 管理委员会"), "平潭综合实验区");
    assert_eq!(body_key("洛阳市政府"), body_key("洛阳市人民政府"));
    assert_eq!(body_key("偃师区政府办"), "偃师区人民政府办公室");
    assert_eq!(body_key("ＡＢ县人民政府"), "AB县");
    // A government's report titled with the place alone one year, with 人民政府 the next.
    assert_eq!(body_key("三明市"), body_key("三明市人民政府"));
    assert_eq!(body_key("三明市"), body_key("三明市政府"));
    // Nothing is left of a bare 人民政府 or 政府 to stand for a place: kept as it is.
    assert_eq!(body_key("人民政府"), "人民政府");
    assert_eq!(body_key("政府"), "政府");
    assert_ne!(body_key("沭阳县人民政府"), body_key("沭阳县人民政府办公室"));
}

#[test]
fn aliases_join_series_under_another_name() {
    let rules = RuleSet::builtin().unwrap();
    let mut files = series_files(
        4,
        &[Layout::Tab],
        vec![(
            2022,
            SeriesFault::CarryOver {
                column: 0,
                delta: 1,
            },
        )],
    );
    let organ = files[0]
        .text
        .lines()
        .find(|line| line.contains("年度报告"))
        .map(|line| {
            line.split(|c: char| c.is_ascii_digit())
                .next()
                .unwrap_or("")
        })
        .unwrap_or("")
        .trim()
        .to_owned();
    assert!(!organ.is_empty());
    files[1].text = files[1].text.replacen(&organ, "某某机关", 1);
    let facts = facts(&rules, &files);
    assert!(
        rules
            .check_corpus(&facts, &CorpusOptions::default())
            .is_empty()
    );
    let mut options = CorpusOptions::default();
    options.aliases.insert("某某机关".into(), organ.clone());
    let found = rules.check_corpus(&facts, &options);
    assert!(
        found.iter().any(|(at, d)| *at == 1 && d.code == "X001"),
        "{organ}: {found:?}"
    );
}

/// The real reports `names`, from the shared folder beside the checkout.
fn real(names: &[&str]) -> Vec<File> {
    names
        .iter()
        .map(|name| File {
            path: PathBuf::from(name),
            text: nianbao_testdata::real_text(name),
            anchors: Vec::new(),
        })
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn real_pingtan_series() {
    let names = [
        "pingtan-county-2011.txt",
        "pingtan-county-2012.txt",
        "pingtan-county-2013.txt",
        "pingtan-zone-2011.txt",
        "pingtan-zone-2012.txt",
        "pingtan-zone-2013.txt",
        "pingtan-zone-2014.txt",
        "pingtan-zone-2015.txt",
        "pingtan-zone-2016.txt",
        "pingtan-zone-2017.txt",
        "pingtan-zone-2018.txt",
        "pingtan-zone-2021.txt",
        "pingtan-zone-2022.txt",
    ];
    let files = real(&names);
    let rules = RuleSet::builtin().unwrap();
    let facts = facts(&rules, &files);
    // 2021's R25 = 1 0 0 0 0 0 1 and 2022's R02 = 1 0 0 0 0 0 1: the chain holds.
    let zone_2022 = &facts[12].1;
    assert_eq!(zone_2022.year, Some(2022));
    let found = check(&rules, &files, &facts, &CorpusOptions::default());
    let listing: Vec<String> = found
        .iter()
        .map(|(at, d)| {
            format!(
                "{} {} {} ← {}:{}",
                files[*at].path.display(),
                d.code,
                d.message.zh,
                d.related[0].path,
                related_line(&d.related[0])
            )
        })
        .collect();
    assert!(
        !found
            .iter()
            .any(|(_, d)| d.code == "X001" || d.code == "X002"),
        "{listing:#?}"
    );
    insta::assert_snapshot!(listing.join("\n"));
}

/// The reuse share of every zone report against the year before, measured with the threshold at
/// zero so that each share is listed: only 2013 repeats about half of 2012 (its 主要类别 section
/// is empty and much of the rest is 2012's wording); the other years stay under 10%.
#[test]
#[ignore = "needs ../shared/corpus/real"]
fn reuse_shares_on_the_real_series() {
    let names = [
        "pingtan-zone-2011.txt",
        "pingtan-zone-2012.txt",
        "pingtan-zone-2013.txt",
        "pingtan-zone-2014.txt",
        "pingtan-zone-2015.txt",
        "pingtan-zone-2016.txt",
        "pingtan-zone-2017.txt",
        "pingtan-zone-2018.txt",
    ];
    let files = real(&names);
    let text = include_str!("../../../rules/cross.toml").replace("share = 0.5", "share = 0.0");
    let all_shares = RuleSet::from_files([(PathBuf::from("cross.toml"), text)]).unwrap();
    let facts = facts(&all_shares, &files);
    let keys: Vec<_> = facts
        .iter()
        .map(|(_, facts)| body_key(facts.organ.as_deref().unwrap_or("")))
        .collect();
    assert!(keys.iter().all(|key| key == "平潭综合实验区"), "{keys:?}");
    let found = all_shares.check_corpus(&facts, &CorpusOptions::default());
    let listing: Vec<String> = found
        .iter()
        .filter(|(_, d)| d.code == "X003")
        .map(|(at, d)| format!("{}: {}", files[*at].path.display(), d.message.zh))
        .collect();
    assert_eq!(listing.len(), names.len() - 1, "{listing:#?}");
    insta::assert_snapshot!(listing.join("\n"));
}

/// The 2019 format (2019, 2020) counts documents made and published, not documents in force:
/// X002 compares only 2021-format years, so a series across the format change raises it only
/// where a 2021-format stock breaks against a 2021-format year.
#[test]
fn stocks_chain_only_within_the_2021_format() {
    let rules = RuleSet::builtin().unwrap();
    let reports = series(&SeriesOptions {
        seed: 8,
        index: 5,
        first_year: 2019,
        years: 4,
        faults: vec![(2022, SeriesFault::Stock { delta: 3 })],
    });
    let files: Vec<File> = reports
        .iter()
        .map(|report| {
            let rendered = render(report, Layout::Tab);
            File {
                path: PathBuf::from(format!("body05/{}.txt", report.year)),
                text: rendered.text,
                anchors: rendered.anchors,
            }
        })
        .collect();
    assert_eq!(
        files
            .iter()
            .map(|file| nianbao_syntax::parse(&file.text).report.template.template)
            .collect::<Vec<_>>(),
        [
            nianbao_model::template::Template::V2019,
            nianbao_model::template::Template::V2019,
            nianbao_model::template::Template::V2021,
            nianbao_model::template::Template::V2021
        ]
    );
    let stock: Vec<(String, String)> = findings(&rules, &files)
        .into_iter()
        .filter(|found| found.1 == "X002")
        .map(|found| (found.0, found.3))
        .collect();
    assert_eq!(
        stock,
        [("body05/2022.txt".to_owned(), "body05/2021.txt".to_owned())]
    );
}

//! The region rule (X005) over a generated family: a parent body whose Table 3 and Table 4 are
//! rewritten to the sum of three generated children's. The sums raise nothing; one changed
//! parent cell raises exactly one finding there, with every child's cell as a related location;
//! a missing child report, a missing `[regions]` or a child of another year keeps it silent.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use nianbao_gen::{Anchor, Layout, Options, generate, render};
use nianbao_model::template::RowId;
use nianbao_model::{Diagnostic, Report, Severity, Value};
use nianbao_rules::{CorpusOptions, RuleSet};
use nianbao_source::LineIndex;
use std::collections::BTreeMap;
use std::path::PathBuf;
use support::{File, check, facts, line, related_line};

mod support;

const PARENT: &str = "某某区人民政府";
const CHILDREN: [&str; 3] = ["某某区教育局", "某某区财政局", "某某区卫生健康委员会"];

fn generated(index: u64, organ: &str, year: u16) -> File {
    let options = Options {
        first_year: year,
        last_year: year,
        percent_2019: 0,
    };
    let mut report = generate(11, index, &options);
    report.organ = organ.to_owned();
    let rendered = render(&report, Layout::Tab);
    File {
        path: PathBuf::from(format!("{year}/{organ}.txt")),
        text: rendered.text,
        anchors: rendered.anchors,
    }
}

fn parse(file: &File) -> Report {
    nianbao_syntax::parse(&file.text).report
}

/// Every Table 3 cell `(row, column)` and Table 4 cell of a parsed report, as `(key, value,
/// byte range)`; the key is `R01[C7]` or `F5`.
fn cells(report: &Report) -> Vec<(String, i64, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    if let Some(table3) = &report.table3 {
        for (row, cells) in table3.present_rows() {
            for (column, cell) in cells.cells.iter().enumerate() {
                if let Value::Number(value) = cell.value {
                    found.push((
                        format!("{}[C{}]", row.name(), column + 1),
                        value,
                        cell.span.range(),
                    ));
                }
            }
        }
    }
    if let Some(table4) = &report.table4 {
        for (index, cell) in table4.cells.iter().enumerate() {
            if let Value::Number(value) = cell.value {
                found.push((format!("F{}", index + 1), value, cell.span.range()));
            }
        }
    }
    found
}

/// The parent's text with every Table 3 and Table 4 number replaced by the children's sum (plus
/// `bump` on the cell named `bumped`), checked by parsing it again.
fn summed_parent(year: u16, children: &[File], bumped: Option<(&str, i64)>) -> File {
    let mut parent = generated(100, PARENT, year);
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for child in children {
        for (key, value, _) in cells(&parse(child)) {
            *sums.entry(key).or_default() += value;
        }
    }
    if let Some((key, bump)) = bumped {
        *sums.get_mut(key).expect("a summed cell") += bump;
    }
    let mut printed = cells(&parse(&parent));
    assert_eq!(
        printed.len(),
        sums.len(),
        "parent and children print the same cells"
    );
    printed.sort_by_key(|(_, _, range)| std::cmp::Reverse(range.start));
    for (key, _, range) in printed {
        parent.text.replace_range(range, &sums[&key].to_string());
    }
    for (key, value, _) in cells(&parse(&parent)) {
        assert_eq!(sums[&key], value, "{key} reads back as the sum");
    }
    parent
}

fn family(year: u16, bumped: Option<(&str, i64)>) -> Vec<File> {
    let children: Vec<File> = CHILDREN
        .iter()
        .zip(1..)
        .map(|(organ, index)| generated(index, organ, year))
        .collect();
    let parent = summed_parent(year, &children, bumped);
    std::iter::once(parent).chain(children).collect()
}

fn regions(parent: &str, children: &[&str]) -> CorpusOptions {
    let mut options = CorpusOptions::default();
    options.regions.insert(
        parent.to_owned(),
        children.iter().map(|child| (*child).to_owned()).collect(),
    );
    options
}

fn run(files: &[File], options: &CorpusOptions) -> Vec<(usize, Diagnostic)> {
    let rules = RuleSet::builtin().unwrap();
    check(&rules, files, &facts(&rules, files), options)
}

fn all_children() -> CorpusOptions {
    regions(PARENT, &CHILDREN)
}

#[test]
fn a_parent_that_sums_its_parts_raises_nothing() {
    let files = family(2022, None);
    let found = run(&files, &all_children());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn one_changed_parent_cell_is_one_finding_with_every_child() {
    let files = family(2022, Some(("R01[C7]", 5)));
    let found = run(&files, &all_children());
    assert_eq!(found.len(), 1, "{found:#?}");
    let (at, finding) = &found[0];
    assert_eq!(*at, 0, "on the parent's file");
    assert_eq!(finding.code, "X005");
    assert_eq!(finding.severity, Severity::Info);
    let parent = &files[0];
    let r01 = RowId::new(1).unwrap();
    let index = LineIndex::new(&parent.text);
    assert_eq!(
        index.line_of(finding.span.start),
        line(parent, Anchor::Table3Cell(r01, 6))
    );
    let children: Vec<(i64, String, u32)> = files[1..]
        .iter()
        .map(|child| {
            let value = parse(child)
                .table3
                .and_then(|table| table.cell(r01, 6).map(|cell| cell.value));
            let Some(Value::Number(value)) = value else {
                panic!("R01[C7] printed");
            };
            (
                value,
                child.path.display().to_string(),
                line(child, Anchor::Table3Cell(r01, 6)),
            )
        })
        .collect();
    let sum: i64 = children.iter().map(|(value, _, _)| value).sum();
    let zh = &finding.message.zh;
    assert!(zh.contains(&format!("为 {}", sum + 5)), "{zh}");
    assert!(zh.contains(&format!("3 个下级机关之和为 {sum}")), "{zh}");
    assert!(zh.contains("差 +5"), "{zh}");
    assert!(
        finding.message.en.contains("delta +5"),
        "{}",
        finding.message.en
    );
    let help = finding.help.as_ref().expect("help");
    for (_, path, _) in &children {
        assert!(help.zh.contains(path.as_str()), "{}", help.zh);
    }
    let related: Vec<(i64, String, u32)> = finding
        .related
        .iter()
        .zip(&children)
        .map(|(related, (value, _, _))| {
            assert!(
                related.message.zh.ends_with(&format!("R01[C7] = {value}")),
                "{:?}",
                related.message
            );
            (*value, related.path.clone(), related_line(related))
        })
        .collect();
    assert_eq!(related, children);
}

#[test]
fn table4_totals_are_compared_too() {
    let files = family(2023, Some(("F10", -1)));
    let found = run(&files, &all_children());
    let codes: Vec<(&str, u32)> = found
        .iter()
        .map(|(_, d)| {
            (
                d.code.as_ref(),
                LineIndex::new(&files[0].text).line_of(d.span.start),
            )
        })
        .collect();
    assert_eq!(codes, [("X005", line(&files[0], Anchor::Table4Cell(9)))]);
    assert_eq!(found[0].1.related.len(), 3);
}

#[test]
fn a_missing_child_report_keeps_it_silent() {
    let mut files = family(2022, Some(("R01[C7]", 5)));
    files.remove(2);
    assert!(run(&files, &all_children()).is_empty());
    // A child's report of another year does not stand in for this year's.
    files.push(generated(2, CHILDREN[1], 2023));
    assert!(run(&files, &all_children()).is_empty());
}

#[test]
fn without_regions_nothing_is_compared() {
    let files = family(2022, Some(("R01[C7]", 5)));
    assert!(run(&files, &CorpusOptions::default()).is_empty());
}

#[test]
fn names_match_like_the_grouping_and_through_aliases() {
    let files = family(2022, Some(("R25[C7]", 2)));
    // 政府 for 人民政府, the place alone, full-width spaces; a child under another name.
    let mut options = regions(
        "某某区政府",
        &["某某区　教育局", "区财政局", "某某区卫生健康委员会"],
    );
    options
        .aliases
        .insert("区财政局".to_owned(), CHILDREN[1].to_owned());
    let found = run(&files, &options);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1.related.len(), 3);
    // The parent named as its own child is not added to itself.
    let mut options = all_children();
    options
        .regions
        .insert("某某区".to_owned(), vec![PARENT.to_owned()]);
    assert_eq!(run(&files, &options).len(), 1);
}

#[test]
fn only_years_with_every_report_are_compared() {
    let mut files = family(2022, Some(("R24[C7]", 1)));
    let mut later = family(2023, Some(("R24[C7]", 1)));
    later.remove(3);
    for file in &mut later {
        file.path = PathBuf::from(file.path.display().to_string().replace("2023/", "later/"));
    }
    files.extend(later);
    // The two years are unrelated draws, so the year-to-year rules have their say too.
    let found: Vec<usize> = run(&files, &all_children())
        .into_iter()
        .filter(|(_, d)| d.code == "X005")
        .map(|(at, _)| at)
        .collect();
    assert_eq!(found, [0], "the 2022 parent only");
}

fn load(cells: &str) -> Result<RuleSet, nianbao_rules::RuleLoadError> {
    let text = include_str!("../../../rules/cross.toml").replace(
        r#"cells = ["R01[C7]", "R02[C7]", "R24[C7]", "R25[C7]", "F5", "F10", "F15"]"#,
        &format!("cells = {cells}"),
    );
    RuleSet::from_files([(PathBuf::from("cross.toml"), text)])
}

#[test]
fn cell_lists_are_checked_when_loading() {
    let ranges = load(r#"["R03..R23[C7]", "F1..F4", "A1"]"#).unwrap();
    assert!(ranges.rule("X005").is_some());
    for (cells, bad, wanted) in [
        (r#"["R01[C7]", "R26[C7]"]"#, "R26", "a cell"),
        (r#"["F16"]"#, "F16", "a cell"),
        (r#"["R01[C7] + R02[C7]"]"#, "\"R01[C7] + R02[C7]\"", "sums"),
        (r#"["sum(R03..R23[C7])"]"#, "\"sum(R03..R23[C7])\"", "sums"),
        (r#"["A1", "A11"]"#, "A11", "a cell"),
        ("[]", "\"region\"", "needs `cells`"),
    ] {
        let error = load(cells).err().unwrap_or_else(|| panic!("{cells} loads"));
        let span = error.span.expect("a span");
        let pointed = &error.source_text[span.start as usize..];
        assert!(pointed.starts_with(bad), "{cells}: {error}");
        assert!(error.message.contains(wanted), "{cells}: {error}");
    }
    let text = include_str!("../../../rules/cross.toml").replace(
        r#"check = "duplicate" }"#,
        r#"check = "duplicate", cells = ["F5"] }"#,
    );
    let error = RuleSet::from_files([(PathBuf::from("cross.toml"), text)])
        .expect_err("cells refused on another kind");
    assert!(error.message.contains("`cells`"), "{error}");
}

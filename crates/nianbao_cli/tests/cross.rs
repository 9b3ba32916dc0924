//! The corpus pass of `nianbao check`: the seed report for 2024 and a copy re-titled 2025 whose
//! 上年结转 (1) differs from 2024's 结转下年度 (0) and whose prose and 规范性文件 stock are last
//! year's. The cross-report findings follow the per-file ones, carry 2024's cell as a related
//! location in every machine format, follow `--select`/`--ignore`, vanish with `--no-cross`, and do not depend on
//! `--threads`.

#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const SEED: &str = include_str!("fixtures/seed.txt");

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn series(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("nianbao-cross-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("2024.txt"), SEED).unwrap();
    std::fs::write(dir.join("2025.txt"), SEED.replace("2024", "2025")).unwrap();
    Scratch(dir)
}

fn check(dir: &Scratch, args: &[&str]) -> String {
    let output = Command::new(BIN)
        .arg("check")
        .args(args)
        .arg(".")
        .current_dir(&dir.0)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn codes(findings: &[Value]) -> Vec<(String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .filter(|(_, code)| code.starts_with('X'))
        .collect()
}

#[test]
fn carry_over_break_in_every_machine_format() {
    let dir = series("formats");
    let found = jsonl(&check(&dir, &["--output-format", "jsonl"]));
    let carry: Vec<&Value> = found.iter().filter(|f| f["code"] == "X001").collect();
    // Columns C1 (自然人) and C7 (总计) of R02, line 52, against R25 on line 75 of 2024.
    assert_eq!(carry.len(), 2, "{found:#?}");
    for finding in &carry {
        assert_eq!(finding["path"], "2025.txt");
        assert_eq!(finding["line"], 52);
        let related = &finding["related"][0];
        assert_eq!(related["path"], "2024.txt");
        assert_eq!(related["line"], 75);
        for key in ["column", "end_line", "end_column", "message"] {
            assert!(related.get(key).is_some(), "{key} in {related}");
        }
    }
    // The copy repeats all of last year's prose, prints last year's stock of 规范性文件 although it
    // made some this year, and claims nothing twice.
    assert_eq!(
        codes(&found),
        [
            ("2025.txt".to_owned(), "X003".to_owned()),
            ("2025.txt".to_owned(), "X002".to_owned()),
            ("2025.txt".to_owned(), "X001".to_owned()),
            ("2025.txt".to_owned(), "X001".to_owned()),
        ]
    );
    // The per-file findings stream first, sorted by path, then line; the cross-report findings
    // follow once every file is read, sorted the same way.
    let keys: Vec<(bool, String, u64)> = found
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().starts_with('X'),
                f["path"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);

    let sarif: Value = serde_json::from_str(&check(&dir, &["--output-format", "sarif"])).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let result = results.iter().find(|r| r["ruleId"] == "X001").unwrap();
    let elsewhere = result["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["physicalLocation"]["artifactLocation"]["uri"] == "2024.txt")
        .unwrap();
    assert_eq!(elsewhere["physicalLocation"]["region"]["startLine"], 75);

    let full = check(&dir, &["--output-format", "full", "--color", "never"]);
    assert!(full.contains("另见 2024.txt:75:"), "{full}");
}

#[test]
fn selection_no_cross_and_threads() {
    let dir = series("select");
    let ignored = jsonl(&check(
        &dir,
        &["--output-format", "jsonl", "--ignore", "X001"],
    ));
    assert_eq!(
        codes(&ignored),
        [
            ("2025.txt".to_owned(), "X003".to_owned()),
            ("2025.txt".to_owned(), "X002".to_owned())
        ]
    );
    let selected = jsonl(&check(&dir, &["--output-format", "jsonl", "--select", "X"]));
    assert_eq!(selected.len(), 4, "{selected:#?}");
    let off = jsonl(&check(&dir, &["--output-format", "jsonl", "--no-cross"]));
    assert!(codes(&off).is_empty(), "{off:#?}");
    assert!(!off.is_empty());
    let one = check(&dir, &["--output-format", "concise", "--threads", "1"]);
    let two = check(&dir, &["--output-format", "concise", "--threads", "2"]);
    assert_eq!(one, two);
    assert!(one.contains("X001"));
}

/// A region family from the seed: two departments whose reports are the seed re-titled, and a
/// parent whose Table 3 and Table 4 print twice the seed's numbers, except 本年新收 总计 (R01[C7],
/// line 51) one higher. `nianbao.toml` names the family when `regions` is set.
fn region(name: &str, regions: bool) -> Scratch {
    let dir = std::env::temp_dir().join(format!("nianbao-region-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let office = "偃师区人民政府办公室";
    for child in ["偃师区教育局", "偃师区财政局"] {
        std::fs::write(
            dir.join(format!("{child}.txt")),
            SEED.replace(office, child),
        )
        .unwrap();
    }
    let mut in_tables = false;
    let parent: Vec<String> = SEED
        .replace(office, "偃师区人民政府")
        .lines()
        .enumerate()
        .map(|(at, line)| {
            if line.starts_with("三、收到和处理") {
                in_tables = true;
            } else if line.starts_with("五、") {
                in_tables = false;
            }
            if !in_tables {
                return line.to_owned();
            }
            let fields: Vec<String> = line
                .split('\t')
                .enumerate()
                .map(|(column, field)| match field.parse::<i64>() {
                    // R01's 总计 is its ninth field (label, blank, C1–C7).
                    Ok(value) if at + 1 == 51 && column == 8 => (2 * value + 1).to_string(),
                    Ok(value) => (2 * value).to_string(),
                    Err(_) => field.to_owned(),
                })
                .collect();
            fields.join("\t")
        })
        .collect();
    std::fs::write(dir.join("偃师区.txt"), parent.join("\n") + "\n").unwrap();
    if regions {
        std::fs::write(
            dir.join("nianbao.toml"),
            "[regions]\n\"偃师区政府\" = [\"偃师区教育局\", \"偃师区 财政局\"]\n",
        )
        .unwrap();
    }
    Scratch(dir)
}

#[test]
fn region_total_with_every_child_as_related() {
    let dir = region("on", true);
    let found = jsonl(&check(&dir, &["--output-format", "jsonl"]));
    assert_eq!(
        codes(&found),
        [("偃师区.txt".to_owned(), "X005".to_owned())],
        "{found:#?}"
    );
    let finding = found.iter().find(|f| f["code"] == "X005").unwrap();
    assert_eq!(finding["line"], 51);
    assert_eq!(finding["severity"], "info");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("为 163"), "{message}");
    assert!(
        message.contains("2 个下级机关之和为 162（差 +1）"),
        "{message}"
    );
    let related: Vec<(&str, u64, &str)> = finding["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap(),
                r["line"].as_u64().unwrap(),
                r["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        related,
        [
            ("偃师区教育局.txt", 51, "下级 偃师区教育局：R01[C7] = 81"),
            ("偃师区财政局.txt", 51, "下级 偃师区财政局：R01[C7] = 81"),
        ]
    );
}

#[test]
fn no_regions_no_region_findings() {
    let dir = region("off", false);
    let found = jsonl(&check(&dir, &["--output-format", "jsonl"]));
    assert!(!found.is_empty());
    assert!(codes(&found).is_empty(), "{found:#?}");
}

/// A web page's related location is on the page's markup, where an editor opens it: last year's
/// report saved as HTML, this year's as text with a carry-over break.
#[test]
fn related_locations_point_into_a_web_pages_markup() {
    let reports = nianbao_gen::series(&nianbao_gen::SeriesOptions {
        seed: 4,
        index: 2,
        first_year: 2021,
        years: 2,
        faults: vec![(
            2022,
            nianbao_gen::SeriesFault::CarryOver {
                column: 0,
                delta: 3,
            },
        )],
    });
    let dir =
        Scratch(std::env::temp_dir().join(format!("nianbao-cross-html-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&dir.0);
    std::fs::create_dir_all(&dir.0).unwrap();
    let page = nianbao_gen::render_html(&reports[0]);
    std::fs::write(dir.0.join("2021.html"), &page).unwrap();
    let text = nianbao_gen::render(&reports[1], nianbao_gen::Layout::Tab).text;
    std::fs::write(dir.0.join("2022.txt"), &text).unwrap();

    let found = jsonl(&check(
        &dir,
        &["--output-format", "jsonl", "--select", "X001"],
    ));
    assert_eq!(found.len(), 2, "{found:#?}");
    for finding in &found {
        let related = &finding["related"][0];
        assert_eq!(related["path"], "2021.html");
        // The message names last year's value; the related location is that number in the
        // page's source, counted in characters on the page's own lines.
        let message = finding["message"].as_str().unwrap();
        let value = message
            .rsplit("= ")
            .next()
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .unwrap();
        let line = page
            .lines()
            .nth(related["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let at: String = line
            .chars()
            .skip(related["column"].as_u64().unwrap() as usize - 1)
            .collect();
        assert!(
            at.starts_with(value),
            "{at:?} should start with {value} ({message})"
        );
        assert!(line.contains("<td") || line.contains("<span"), "{line}");
    }
}

/// The facts go to a temporary file; where none can be made (a read-only or missing temporary
/// folder), they are kept in memory and the findings are the same.
#[test]
fn without_a_temporary_folder_the_facts_stay_in_memory() {
    let dir = series("no-tmp");
    let usual = check(&dir, &["--output-format", "jsonl"]);
    let output = Command::new(BIN)
        .args(["check", "--output-format", "jsonl", "."])
        .current_dir(&dir.0)
        .env("TMPDIR", dir.0.join("no-such-folder"))
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let without = String::from_utf8(output.stdout).unwrap();
    assert_eq!(codes(&jsonl(&without)).len(), 4, "{without}");
    assert_eq!(without, usual);
}

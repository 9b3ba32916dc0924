//! No silent passes: a report that could not be checked whole is counted apart in the run's
//! summary ("N 份未完整检查" / "N not fully checked"), in both languages, from what the parser
//! could read — so the count stays when the C001 warning itself is ignored or not selected.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed.txt");

/// A report in the 2008 format in the style of the published ones (synthetic): 受理 117,
/// 办结 171 while the outcomes add up to 117.
const PRE_2019: &str = "\
某市审计局2013年政府信息公开工作年度报告
一、概述
2013年，我局认真贯彻《中华人民共和国政府信息公开条例》。
二、主动公开政府信息情况
2013年主动公开政府信息365条。
三、政府信息依申请公开工作情况
2013年共受理政府信息公开申请117件，办结171件，其中同意公开89件，同意部分公开16件，不予公开12件。
四、政府信息公开情况统计表
";

/// A folder of its own, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("nianbao-coverage-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.0.join(name), text).unwrap();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Standard output and the summary line of `nianbao check` in `dir`.
fn check(dir: &Path, args: &[&str]) -> (String, String) {
    let output = Command::new(BIN)
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let summary = stderr
        .lines()
        .find(|line| line.starts_with("已检查") || line.starts_with("checked "))
        .unwrap_or_else(|| panic!("no summary in {stderr}"))
        .to_owned();
    (stdout, summary)
}

/// The summary with its timing taken out.
fn untimed(summary: &str) -> String {
    let mut words: Vec<&str> = summary.split(' ').collect();
    for at in 1..words.len() {
        if words
            .get(at - 1)
            .is_some_and(|word| word.ends_with("用时") || *word == "in")
        {
            words[at] = "T";
        }
    }
    words.join(" ")
}

/// The seed (read whole), the seed with a Table 3 row cut short, and a pre-2019 report.
fn folder(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    let seed = std::fs::read_to_string(SEED).unwrap();
    scratch.write("a-seed.txt", &seed);
    let broken = seed.replace(
        "1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
        "1.属于国家秘密\t0\t0\t0",
    );
    assert_ne!(broken, seed);
    scratch.write("b-row-cut.txt", &broken);
    scratch.write("c-2013.txt", PRE_2019);
    scratch
}

#[test]
fn reports_not_fully_checked_are_counted_in_both_languages() {
    let scratch = folder("languages");
    let (stdout, zh) = check(&scratch.0, &["--output-format", "concise", "."]);
    assert_eq!(
        untimed(&zh),
        "已检查 3 份报告，用时 T 秒：1 份有错误，2 份未完整检查"
    );
    // Each says what was not checked; the 2013 report's contradiction is an error.
    assert!(
        stdout.contains("b-row-cut.txt:55:20: warning[C001] 未完整检查：表三有 1 行未读到"),
        "{stdout}"
    );
    assert!(
        stdout.contains("c-2013.txt:8:3: warning[C001] 未完整检查：2008 年版格式"),
        "{stdout}"
    );
    assert!(stdout.contains("c-2013.txt:7:") && stdout.contains("error[N030]"));
    assert!(
        stdout
            .lines()
            .filter(|line| line.starts_with("a-seed.txt:"))
            .all(|line| !line.contains("C001")),
        "{stdout}"
    );
    let (_, en) = check(
        &scratch.0,
        &["--lang", "en", "--output-format", "concise", "."],
    );
    assert_eq!(
        untimed(&en),
        "checked 3 reports in T s: 1 with errors, 2 not fully checked"
    );
}

#[test]
fn the_count_survives_ignoring_the_warning() {
    let scratch = folder("ignored");
    for selection in [
        &["--ignore", "C001"][..],
        &["--select", "T3001"][..],
        &["--ignore", "structure"][..],
    ] {
        let mut args = vec!["--output-format", "concise"];
        args.extend_from_slice(selection);
        args.push(".");
        let (stdout, summary) = check(&scratch.0, &args);
        assert!(!stdout.contains("C001"), "{selection:?}: {stdout}");
        assert!(
            summary.ends_with("2 份未完整检查"),
            "{selection:?}: {summary}"
        );
    }
}

#[test]
fn a_run_checked_whole_says_nothing_more() {
    let scratch = Scratch::new("whole");
    scratch.write("seed.txt", &std::fs::read_to_string(SEED).unwrap());
    let (_, summary) = check(&scratch.0, &["seed.txt"]);
    assert_eq!(untimed(&summary), "已检查 1 份报告，用时 T 秒：0 份有错误");
}

/// Every report of the shared corpus in the 2008 format is counted as not fully checked.
#[test]
#[ignore = "needs ../shared/corpus/real"]
fn the_real_pre_2019_reports_are_counted() {
    let dir = nianbao_testdata::shared("corpus/real");
    let (stdout, summary) = check(
        &dir,
        &[
            "--lang",
            "en",
            "--output-format",
            "concise",
            "--ignore",
            "C001",
            ".",
        ],
    );
    assert!(!stdout.contains("C001"));
    // 11 reports in the 2008 format, and (today) the 2021 and 2022 text dumps whose glued
    // Table 2 row has several splits.
    let counted: usize = summary
        .split([',', ';'])
        .map(str::trim)
        .find_map(|part| part.strip_suffix(" not fully checked"))
        .and_then(|count| count.rsplit(' ').next())
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("no count in {summary}"));
    assert!(counted >= 13, "{summary}");
    let (stdout, _) = check(&dir, &["--output-format", "concise", "."]);
    let old_format = stdout
        .lines()
        .filter(|line| line.contains("warning[C001] 未完整检查：2008 年版格式"))
        .count();
    assert_eq!(old_format, 11, "{stdout}");
}

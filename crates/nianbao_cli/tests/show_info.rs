//! What a person's formats show by default: the findings a reviewer must act on. Info findings
//! are counted in the summary and shown with `--show-info`; the machine formats, the CSV and the
//! audit page carry them always; `--fail-on info` sees them whether shown or not.
//!
//! The seed's one finding (an L001 label warning) is made an info by a `nianbao.toml`, so the
//! same report shows the behaviour in every format.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed.txt");

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

impl Run {
    fn snapshot(&self) -> String {
        let stderr: String = self
            .stderr
            .lines()
            .map(|line| {
                let line = match (line.find("用时 "), line.find(" 秒")) {
                    (Some(from), Some(to)) => {
                        format!("{}用时 [TIME]{}", &line[..from], &line[to..])
                    }
                    _ => line.to_owned(),
                };
                match (line.find(" in "), line.find(" s:")) {
                    (Some(from), Some(to)) => format!("{} in [TIME]{}", &line[..from], &line[to..]),
                    _ => line,
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        format!(
            "exit code: {}\n----- stdout -----\n{}----- stderr -----\n{stderr}\n",
            self.code, self.stdout
        )
    }
}

/// A folder holding the seed and a `nianbao.toml` that makes its label finding an info.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-info-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(SEED, dir.join("seed.txt")).unwrap();
    std::fs::write(dir.join("nianbao.toml"), "[severity]\nL001 = \"info\"\n").unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        code: output.status.code().unwrap_or(-1),
    }
}

#[test]
fn infos_are_counted_not_shown_in_the_formats_people_read() {
    let dir = folder("people");
    let concise = run(&dir, &["check", "--output-format", "concise", "seed.txt"]);
    insta::assert_snapshot!("hidden_concise", concise.snapshot());
    let english = run(
        &dir,
        &[
            "check",
            "--output-format",
            "concise",
            "--lang",
            "en",
            "seed.txt",
        ],
    );
    insta::assert_snapshot!("hidden_concise_en", english.snapshot());

    let full = run(&dir, &["check", "--color", "never", "seed.txt"]);
    assert!(!full.stdout.contains("L001"), "{}", full.stdout);
    assert!(
        full.stderr.contains("另有 1 条提示，用 --show-info 查看"),
        "{}",
        full.stderr
    );
    // GitHub annotations: no notice, and the count said on stderr (there is no summary).
    let github = run(&dir, &["check", "--output-format", "github", "seed.txt"]);
    assert_eq!(github.stdout, "");
    assert!(github.stderr.contains("另有 1 条提示"), "{}", github.stderr);

    let shown = run(
        &dir,
        &[
            "check",
            "--output-format",
            "concise",
            "--show-info",
            "seed.txt",
        ],
    );
    assert!(
        shown.stdout.contains("seed.txt:32:13: info[L001]"),
        "{}",
        shown.stdout
    );
    assert!(!shown.stderr.contains("--show-info"), "{}", shown.stderr);
    let full_shown = run(
        &dir,
        &["check", "--color", "never", "--show-info", "seed.txt"],
    );
    assert!(full_shown.stdout.contains("L001"), "{}", full_shown.stdout);

    // Hidden is not ignored: `--fail-on info` fails the run, and the statistics count it.
    let strict = run(
        &dir,
        &[
            "check",
            "--output-format",
            "concise",
            "--fail-on",
            "info",
            "seed.txt",
        ],
    );
    assert_eq!(strict.code, 1, "{}", strict.snapshot());
    assert_eq!(concise.code, 0);
    let statistics = run(
        &dir,
        &[
            "check",
            "--output-format",
            "concise",
            "--statistics",
            "seed.txt",
        ],
    );
    assert!(
        statistics.stdout.contains("L001") && statistics.stdout.contains("1  info"),
        "{}",
        statistics.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn machine_formats_keep_every_finding() {
    let dir = folder("machines");
    for format in ["json", "jsonl", "sarif", "csv", "html"] {
        let run = run(&dir, &["check", "--output-format", format, "seed.txt"]);
        assert!(
            run.stdout.contains("L001"),
            "{format} lost the info: {}",
            run.stdout
        );
        assert!(!run.stderr.contains("--show-info"), "{}", run.stderr);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

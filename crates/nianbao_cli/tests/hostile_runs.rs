//! Hostile conditions of a whole run (issue 13): standard error closed or full, a cross-report
//! pass over a large related file, an exponential glob, the baseline written over an input or
//! read by another process, a thread count in the thousands. Each is run through the `nianbao`
//! binary; what must stay bounded is counted (reads, lines, threads), never timed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod matrix;

use matrix::{BIN, Case, GOOD, GOOD_FINDING, run_command, run_in};
use std::collections::HashMap;
use std::process::Command;

/// Issue 13, case 4: a closed or full standard error, or one whose reader left, made the run
/// panic with exit code 101. The messages are dropped and the exit code still tells: 2, for the
/// path that does not exist.
#[cfg(unix)]
#[test]
fn a_closed_or_full_stderr_never_takes_the_run_down() {
    let case = Case::new("stderr");
    for redirect in ["2>/dev/full", "2>&-", "2>&1 | head -1"] {
        let script = format!(
            "set -o pipefail; \"$0\" check --output-format concise . zz-missing {redirect}"
        );
        let run = run_command(
            Command::new("bash")
                .args(["-c", &script, BIN])
                .current_dir(&case.dir),
        );
        assert_eq!(
            run.code,
            Some(2),
            "{redirect}: {}{}",
            run.stdout,
            run.stderr
        );
        assert!(
            run.stdout.starts_with(GOOD_FINDING),
            "{redirect}: {}",
            run.stdout
        );
    }
}

/// How often each file was read (`--debug-read-counts`).
fn reads(stderr: &str) -> HashMap<String, u32> {
    stderr
        .lines()
        .filter_map(|line| line.strip_prefix("nianbao: debug: "))
        .filter_map(|line| {
            let (count, path) = line.split_once(" reads: ")?;
            Some((path.to_owned(), count.parse().ok()?))
        })
        .collect()
}

/// Issue 13, case 7: the cross-report pass read a related file again for every finding pointing
/// into it (a 19 MB report and 300 copies: 27.4 s against 1.1 s with `--no-cross`). Every file
/// is read at most twice however many findings name it: once checked, once to place the
/// locations others' findings name in it, or to show its own cross-report findings.
#[test]
fn the_cross_pass_reads_each_file_a_bounded_number_of_times() {
    let case = Case::new("cross-reads");
    let text = String::from_utf8_lossy(GOOD);
    let padding = "一是部分政府信息发布不够及时，二是政策解读形式不够丰富。".repeat(12_000);
    let big: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(index, line)| {
            if index == 87 {
                format!("{line}{padding}")
            } else {
                line.to_owned()
            }
        })
        .collect();
    case.write("000-big.txt", big.join("\n").as_bytes());
    for index in 0..40 {
        case.write(format!("copy{index:02}.txt"), GOOD);
    }
    let run = case.check(&["--debug-read-counts"]);
    // good.txt and the 40 copies are each this year's second report of the same body.
    let duplicates: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.contains("[X004]"))
        .collect();
    assert_eq!(duplicates.len(), 41, "{}", run.stdout);
    assert!(
        duplicates.iter().all(|line| line.ends_with("000-big.txt")),
        "{duplicates:?}"
    );
    let reads = reads(&run.stderr);
    assert_eq!(reads.len(), 42, "{}", run.stderr);
    assert_eq!(reads["000-big.txt"], 2, "named by 41 findings, read twice");
    assert!(reads.values().all(|&count| count <= 2), "{reads:?}");
    let alone = case.check(&["--debug-read-counts", "--no-cross"]);
    assert!(self::reads(&alone.stderr).values().all(|&count| count == 1));
}

/// Issue 13, case 9: a per-file-ignores glob that a backtracking matcher tries every way to
/// split (minutes against a name of 40 `a`s) is one pass of globset's automaton; the file is
/// checked like any other.
#[test]
fn an_exponential_glob_is_matched_at_once() {
    let case = Case::new("glob");
    let name = format!("{}.txt", "a".repeat(40));
    case.write(format!("c9/{name}"), GOOD);
    case.write(
        "c9/nianbao.toml",
        b"[per-file-ignores]\n\"*a*a*a*a*a*a*a*a*a*a*a*a*b\" = [\"L001\"]\n\"*a*a*a*a*a*a*a*a*a*a*a*a*a\" = [\"B001\"]\n",
    );
    let run = case.check(&[]);
    assert!(
        run.stdout
            .contains(&format!("c9/{name}:32:13: warning[L001]")),
        "{}",
        run.stdout
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[cfg(unix)]
fn inode(path: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

/// Issue 13, case 10: `--write-baseline` wrote in place (a reader saw an empty or cut file),
/// said a write error only after the whole run, and could overwrite an input report. It now
/// refuses an input and a folder it cannot write before any file is read, and renames a
/// finished file over the old one.
#[cfg(unix)]
#[test]
fn the_baseline_is_written_aside_renamed_and_never_over_an_input() {
    let case = Case::new("baseline");
    case.write("empty.txt", b"");
    let over_input = case.check(&["--lang", "en", "--write-baseline", "good.txt"]);
    assert_eq!(over_input.code, Some(2));
    assert!(
        over_input.stdout.is_empty(),
        "refused before any file: {}",
        over_input.stdout
    );
    assert!(
        over_input
            .stderr
            .contains("it is one of the files this run checks"),
        "{}",
        over_input.stderr
    );
    assert_eq!(std::fs::read(case.dir.join("good.txt")).unwrap(), GOOD);
    let nowhere = case.check(&["--write-baseline", "missing/baseline.json"]);
    assert_eq!(nowhere.code, Some(2));
    assert!(nowhere.stdout.is_empty(), "{}", nowhere.stdout);
    assert!(
        nowhere.stderr.contains("无法写入基线"),
        "{}",
        nowhere.stderr
    );

    let target = case.dir.join("baseline.json");
    let first = case.check(&["--write-baseline", "baseline.json"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let before = inode(&target);
    let again = case.check(&["--write-baseline", "baseline.json"]);
    assert_eq!(again.code, Some(0));
    // A new file renamed over the old one, not the old one rewritten; nothing left beside it.
    assert_ne!(inode(&target), before);
    let left: Vec<_> = std::fs::read_dir(&case.dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("nianbao"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // Input findings are not recorded, so the baseline never hides them.
    let baseline: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    let codes: Vec<&str> = baseline["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["L001"]);
    let hidden = case.check(&["--baseline", "baseline.json"]);
    assert_eq!(
        hidden.stdout.trim(),
        "empty.txt:1:1: warning[IO004] 文件为空"
    );
}

/// Issue 13, case 12: `--threads 1000` took 45 s instead of 1 and 20,000 minutes, starting and
/// scheduling threads. The count is capped at four per core, said on stderr, and the output is
/// the same as with one thread.
#[test]
fn thousands_of_threads_are_capped_at_four_per_core() {
    let case = Case::new("threads");
    for index in 0..10 {
        case.write(format!("copy{index}.txt"), GOOD);
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let one = case.check(&["--threads", "1", "--lang", "en", "--no-cross"]);
    for asked in ["1000", "20000"] {
        let many = case.check(&["--threads", asked, "--lang", "en", "--no-cross"]);
        let said = format!(
            "--threads {asked} is too many; running {} ({cores} cores",
            cores * 4
        );
        assert!(many.stderr.contains(&said), "{}", many.stderr);
        assert_eq!(many.stdout, one.stdout);
    }
    let fine = run_in(&case.dir, &["check", "--threads", "2", "."]);
    assert!(!fine.stderr.contains("--threads"), "{}", fine.stderr);
}

//! The harness of the bad-input matrix (`bad_inputs.rs`, issue 6; `hostile_*.rs`, issue 13):
//! a fresh folder holding the good report beside the case's files, the `nianbao` binary run in
//! it under a hang guard, and the summary line's counts.
//!
//! No case is timed: work is counted (findings listed, reads, slots written), and the hang
//! guard only turns a run that never ends into a failure instead of a stuck test suite.
// Helpers outside `#[test]` functions panic on purpose: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
/// The seed report; its one finding (本年度止件数 printed for 本年废止件数) proves it was checked.
pub const GOOD: &[u8] = include_bytes!("../../../../corpus/seed/000_19ca39454c16e942.txt");
pub const GOOD_FINDING: &str = "good.txt:32:13: warning[L001]";
/// A run that has not ended after this long never will: it is killed and the case fails.
const HANG_GUARD: Duration = Duration::from_secs(180);

/// A fresh folder holding `good.txt`, removed when the case ends.
pub struct Case {
    pub dir: PathBuf,
}

impl Case {
    pub fn new(name: &str) -> Case {
        let dir =
            std::env::temp_dir().join(format!("nianbao-bad-inputs-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("good.txt"), GOOD).unwrap();
        Case { dir }
    }

    pub fn write(&self, name: impl AsRef<Path>, bytes: &[u8]) -> PathBuf {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// `nianbao check --output-format concise ARGS .` (another format if ARGS name one) run
    /// inside the case's folder.
    pub fn check(&self, args: &[&str]) -> Run {
        let mut all = vec!["check"];
        if !args.contains(&"--output-format") {
            all.extend(["--output-format", "concise"]);
        }
        all.extend_from_slice(args);
        if !args.contains(&".") {
            all.push(".");
        }
        run_in(&self.dir, &all)
    }
}

impl Drop for Case {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
    pub took: Duration,
    /// The peak resident memory the run reached (Linux; 0 where it cannot be read), in bytes.
    pub peak_rss: u64,
}

impl Run {
    /// The lines of the concise output about `name`.
    pub fn lines_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let prefix = format!("{name}:");
        self.stdout
            .lines()
            .filter(move |line| line.starts_with(&prefix))
    }
}

/// `nianbao ARGS` in `dir`, under the hang guard, its peak memory watched.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_command(Command::new(BIN).args(args).current_dir(dir))
}

/// Runs `command` with its output captured, under the hang guard.
pub fn run_command(command: &mut Command) -> Run {
    let started = Instant::now();
    let mut child = command
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drained on threads, so that a run printing more than a pipe holds does not stall.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || read_all(&mut stdout));
    let err = std::thread::spawn(move || read_all(&mut stderr));
    let mut peak_rss = 0;
    let status = loop {
        peak_rss = peak_rss.max(peak_of(child.id()));
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG_GUARD {
            let _ = child.kill();
            panic!("hung: {command:?} still running after {HANG_GUARD:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
        code: status.code(),
        took: started.elapsed(),
        peak_rss,
    }
}

fn read_all(reader: &mut impl std::io::Read) -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = reader.read_to_end(&mut bytes);
    bytes
}

/// The peak resident memory of a running process so far (`VmHWM`), 0 where it cannot be read.
fn peak_of(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb * 1024)
        })
        .unwrap_or(0)
}

/// The counts of the English summary line on stderr.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub checked: usize,
    /// Checked reports not fully checked (coverage partial or nothing: "N not fully checked").
    pub incomplete: usize,
    pub unreadable: usize,
    pub skipped: usize,
    pub internal: usize,
}

impl Summary {
    pub fn parse(stderr: &str) -> Summary {
        let line = stderr
            .lines()
            .find(|line| line.starts_with("checked "))
            .unwrap_or_else(|| panic!("no summary line in {stderr}"));
        let number = |text: &str| text.replace(',', "").parse::<usize>().unwrap();
        let checked = number(line.split_whitespace().nth(1).unwrap());
        let mut summary = Summary {
            files: checked,
            checked,
            ..Summary::default()
        };
        let (head, rest) = line.split_once("; ").unwrap_or((line, ""));
        let words: Vec<&str> = head.split_whitespace().collect();
        if let Some(at) = words.windows(3).position(|w| w[1..] == ["not", "fully"]) {
            summary.incomplete = number(words[at]);
        }
        if !rest.is_empty() {
            summary.files = number(rest.split_whitespace().next().unwrap());
            let words: Vec<&str> = rest.split_whitespace().collect();
            for pair in words.windows(2) {
                let count = || number(pair[0]);
                match pair[1] {
                    "unreadable" | "unreadable," => summary.unreadable = count(),
                    "skipped" => summary.skipped = count(),
                    "internal" => summary.internal = count(),
                    _ => {}
                }
            }
        }
        summary
    }

    pub fn adds_up(&self) -> bool {
        self.checked + self.unreadable + self.skipped + self.internal == self.files
            && self.incomplete <= self.checked
    }

    /// The same counts with `reports` of the checked reports not fully checked.
    pub fn not_fully_checked(self, reports: usize) -> Summary {
        Summary {
            incomplete: reports,
            ..self
        }
    }
}

/// One bad file next to the good report: the bad file's finding line in Chinese and English,
/// the good report's finding, the counts, and the exit code.
pub struct Expect<'a> {
    /// `name:line:col: severity[CODE]` as the concise format prints it.
    pub at: &'a str,
    pub zh: &'a str,
    pub en: &'a str,
    pub summary: Summary,
    pub code: i32,
}

pub fn assert_matrix_case(case: &Case, args: &[&str], expect: &Expect<'_>) {
    for (lang, text) in [("zh", expect.zh), ("en", expect.en)] {
        let mut all = vec!["--lang", lang];
        all.extend_from_slice(args);
        let run = case.check(&all);
        assert!(
            run.stdout
                .lines()
                .any(|line| line.starts_with(expect.at) && line.contains(text)),
            "{lang}: no `{}` line with {text:?} in\n{}{}",
            expect.at,
            run.stdout,
            run.stderr
        );
        assert!(
            run.stdout.contains(GOOD_FINDING),
            "the good report was not checked:\n{}",
            run.stdout
        );
        assert_eq!(run.code, Some(expect.code), "{}{}", run.stdout, run.stderr);
        if lang == "en" {
            let summary = Summary::parse(&run.stderr);
            assert_eq!(summary, expect.summary, "{}", run.stderr);
            assert!(summary.adds_up(), "{summary:?}");
        }
    }
}

pub fn counts(files: usize, checked: usize, unreadable: usize, skipped: usize) -> Summary {
    Summary {
        files,
        checked,
        incomplete: 0,
        unreadable,
        skipped,
        internal: 0,
    }
}

pub fn utf16le(text: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(text)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// A Word file whose `word/document.xml` holds `body`, stored (not deflated) in a zip.
pub fn docx(body: &str) -> Vec<u8> {
    let xml = format!("<w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

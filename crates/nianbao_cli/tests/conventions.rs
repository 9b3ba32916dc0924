//! Project configuration and command-line conventions (issue 16, item 5): every per-project
//! setting as a `nianbao.toml` key, unknown codes there refused with the closest code, the
//! annotated example loaded, `--exclude` and `.gitignore` in folder walks, `--quiet`,
//! `--output-file`, `--statistics` alone, standard input read when piped, baselines that say
//! what they did.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../nianbao.example.toml");
/// The seed's one finding, in the concise format.
const SEED_FINDING: &str = "seed.txt:32:13: warning[L001]";
/// The faulty fixture's first error, in the concise format.
const FAULTY_FINDING: &str = "faulty.txt:74:22: error[T3001]";

struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!("nianbao-conv-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    /// Copies a fixture to `to` (folders made as needed).
    fn fixture(&self, name: &str, to: &str) -> &Folder {
        let path = self.0.join(to);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(Path::new(FIXTURES).join(name), path).unwrap();
        self
    }

    fn write(&self, to: &str, text: &str) -> &Folder {
        let path = self.0.join(to);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None)
    }

    /// Runs with `stdin` piped in, or `/dev/null` when `None`.
    fn run_with(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        use std::io::Write;
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(&self.0)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(bytes) = stdin {
            child.stdin.take().unwrap().write_all(bytes).unwrap();
        }
        let output = child.wait_with_output().unwrap();
        Run {
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
            code: output.status.code().unwrap_or(-1),
        }
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Debug)]
struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

#[test]
fn run_settings_come_from_nianbao_toml_and_the_command_line_wins() {
    let folder = Folder::new("settings");
    folder.fixture("seed.txt", "seed.txt").write(
        "nianbao.toml",
        "output-format = \"concise\"\nlang = \"en\"\nfail-on = \"warning\"\ncolumn-unit = \"byte\"\n",
    );
    let run = folder.run(&["check"]);
    // Concise, in English, byte columns (the label sits after 3-byte characters), exit 1 on
    // the warning.
    assert!(
        run.stdout
            .contains("seed.txt:32:33: warning[L001] label “本年度止件数”"),
        "{run:?}"
    );
    assert!(run.stderr.starts_with("checked 1 report"), "{run:?}");
    assert_eq!(run.code, 1);
    let overridden = folder.run(&["check", "--lang", "zh", "--fail-on", "error"]);
    assert!(
        overridden.stdout.contains("标签“本年度止件数”"),
        "{overridden:?}"
    );
    assert_eq!(overridden.code, 0);
    let json = folder.run(&["check", "--output-format", "json"]);
    assert!(json.stdout.trim_start().starts_with('['), "{json:?}");

    folder.write("nianbao.toml", "max-file-size = \"1k\"\n");
    let small = folder.run(&["check", "--output-format", "concise"]);
    assert!(
        small.stdout.contains("seed.txt:1:1: error[IO005]"),
        "{small:?}"
    );
    folder.write("nianbao.toml", "max-file-size = \"1T\"\n");
    let bad = folder.run(&["check"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("max-file-size"), "{bad:?}");
    folder.write("nianbao.toml", "output-format = \"concis\"\n");
    let bad = folder.run(&["check"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("\"concis\" is none of"), "{bad:?}");
    assert!(
        bad.stderr.contains("1 │ output-format = \"concis\""),
        "{bad:?}"
    );
}

#[test]
fn unknown_codes_in_nianbao_toml_are_refused_with_the_closest() {
    let folder = Folder::new("codes");
    folder
        .fixture("seed.txt", "seed.txt")
        .write("nianbao.toml", "ignore = [\"T301\"]\n");
    let run = folder.run(&["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    // Drawn on the file, the message wrapped to the terminal's width.
    assert!(
        run.stderr.contains("ignore 中的 “T301” 不是已知的"),
        "{run:?}"
    );
    assert!(run.stderr.contains("是否想用：T3001？"), "{run:?}");
    assert!(run.stderr.contains("nianbao.toml:1:11"), "{run:?}");
    for text in [
        "[per-file-ignores]\n\"old/**\" = [\"B01\"]\n",
        "[severity]\nB01 = \"info\"\n",
        "select = [\"arithmetik\"]\n",
    ] {
        folder.write("nianbao.toml", text);
        let run = folder.run(&["check", "--lang", "en"]);
        assert_eq!(run.code, 2, "{text}: {run:?}");
        assert!(run.stderr.contains("did you mean"), "{run:?}");
    }
}

#[test]
fn the_annotated_example_loads_and_governs_a_run() {
    let folder = Folder::new("example");
    folder.fixture("seed.txt", "seed.txt");
    std::fs::copy(EXAMPLE, folder.0.join("nianbao.toml")).unwrap();
    let run = folder.run(&["check", "--output-format", "concise"]);
    assert!(run.stdout.contains(SEED_FINDING), "{run:?}");
    assert_eq!(run.code, 0, "{run:?}");
    // `--config` takes it from anywhere.
    let other = Folder::new("example-config");
    other.fixture("seed.txt", "seed.txt");
    let run = other.run(&["check", "--config", EXAMPLE, "--output-format", "concise"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn folder_walks_skip_excluded_and_gitignored_files_but_not_named_ones() {
    let folder = Folder::new("walks");
    folder
        .fixture("seed.txt", "seed.txt")
        .fixture("faulty.txt", "drafts/faulty.txt")
        .fixture("faulty.txt", "old/faulty.txt")
        .fixture("faulty.txt", "ignored/faulty.txt")
        .write(".gitignore", "ignored/\n")
        .write("nianbao.toml", "exclude = [\"drafts/\"]\n");
    let run = folder.run(&["check", "--output-format", "concise", "--exclude", "old"]);
    assert!(run.stdout.contains(SEED_FINDING), "{run:?}");
    assert!(!run.stdout.contains("faulty.txt"), "{run:?}");
    let all = folder.run(&[
        "check",
        "--output-format",
        "concise",
        "--no-respect-gitignore",
    ]);
    assert!(all.stdout.contains("ignored/faulty.txt"), "{all:?}");
    assert!(all.stdout.contains("old/faulty.txt"), "{all:?}");
    assert!(!all.stdout.contains("drafts/faulty.txt"), "{all:?}");
    let named = folder.run(&["check", "--output-format", "concise", "drafts/faulty.txt"]);
    assert!(
        named.stdout.contains(&format!("drafts/{FAULTY_FINDING}")),
        "{named:?}"
    );
    folder.write(".ignore", "seed.txt\n");
    let run = folder.run(&["check", "--output-format", "concise", "."]);
    assert!(!run.stdout.contains("seed.txt"), "{run:?}");
}

#[test]
fn quiet_output_file_and_statistics_alone() {
    let folder = Folder::new("outputs");
    folder.fixture("seed.txt", "seed.txt");
    let quiet = folder.run(&["check", "--output-format", "concise", "-q"]);
    assert_eq!(quiet.stdout.lines().count(), 1, "{quiet:?}");
    assert_eq!(quiet.stderr, "");

    let to_file = folder.run(&[
        "check",
        "--output-format",
        "json",
        "--output-file",
        "out.json",
    ]);
    assert_eq!(to_file.stdout, "");
    let written = std::fs::read_to_string(folder.0.join("out.json")).unwrap();
    assert!(written.contains("\"L001\""), "{written}");
    let nowhere = folder.run(&["check", "--output-file", "no/such/folder/out.txt"]);
    assert_eq!(nowhere.code, 2, "{nowhere:?}");

    let statistics = folder.run(&["check", "--statistics"]);
    assert!(
        statistics.stdout.starts_with("按规则统计：\n"),
        "{statistics:?}"
    );
    assert!(!statistics.stdout.contains("seed.txt:32"), "{statistics:?}");
    let both = folder.run(&["check", "--statistics", "--output-format", "concise"]);
    assert!(both.stdout.starts_with(SEED_FINDING), "{both:?}");
    assert!(both.stdout.contains("按规则统计："), "{both:?}");
}

#[test]
fn piped_standard_input_is_read_when_no_path_is_given() {
    let folder = Folder::new("stdin");
    folder.fixture("faulty.txt", "elsewhere/faulty.txt");
    let seed = std::fs::read(Path::new(FIXTURES).join("seed.txt")).unwrap();
    let piped = folder.run_with(&["check", "--output-format", "concise"], Some(&seed));
    assert!(
        piped.stdout.starts_with("<stdin>:32:13: warning[L001]"),
        "{piped:?}"
    );
    assert!(!piped.stdout.contains("faulty"), "{piped:?}");
    let dash = folder.run_with(&["check", "--output-format", "concise", "-"], Some(&seed));
    assert_eq!(dash.stdout, piped.stdout);
    // Not piped (here /dev/null): the working folder, as before.
    let folder_run = folder.run(&["check", "--output-format", "concise"]);
    assert!(
        folder_run.stdout.contains("elsewhere/faulty.txt"),
        "{folder_run:?}"
    );
}

#[test]
fn baselines_say_what_they_wrote_and_what_they_hid() {
    let folder = Folder::new("baseline");
    folder.fixture("faulty.txt", "faulty.txt");
    let wrote = folder.run(&["check", "--write-baseline", "baseline.json"]);
    // Writing a baseline accepts what it records.
    assert_eq!(wrote.code, 0, "{wrote:?}");
    let recorded = wrote
        .stderr
        .lines()
        .find_map(|line| line.strip_prefix("nianbao: 已将 "))
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("{wrote:?}"));
    assert!(recorded.parse::<usize>().unwrap() > 0, "{wrote:?}");
    assert!(
        wrote.stderr.contains("条发现写入基线 baseline.json"),
        "{wrote:?}"
    );
    let hid = folder.run(&["check", "--baseline", "baseline.json", "--lang", "en"]);
    assert_eq!(hid.code, 0, "{hid:?}");
    assert!(
        hid.stderr.contains(&format!(
            "the baseline baseline.json hid {recorded} recorded findings"
        )),
        "{hid:?}"
    );
    assert_eq!(hid.stdout, "");
}

//! `cargo xtask golden --bin PATH (--write FILE | --check FILE) [--save DIR]`: what a `nianbao`
//! binary prints, as one digest per run, so that a refactoring can prove it changed nothing.
//!
//! The binary runs over `corpus/`, a generated corpus in every format (text layouts, saved web
//! pages, Word files) and generated multi-year series (for the cross-report pass and its related
//! locations): each folder in every `check` output format, and each file on its own in the
//! `full`, `concise`, `json` and `sarif` formats and through `parse --output-format json`. A
//! digest covers standard output, the exit code and standard error with the run's timing
//! masked. `--write` records them; `--check` compares and lists every run that differs;
//! `--save DIR` also keeps each run's output, to diff the two binaries' outputs by hand.
//!
//! Typical use: build the old binary, copy it away, `--write` its digests; build the new one,
//! `--check` against them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const USAGE: &str =
    "usage: cargo xtask golden --bin PATH (--write FILE | --check FILE) [--save DIR]";

/// Where the generated inputs go, below the workspace root (rebuilt on every call).
const SCRATCH: &str = "target/golden";

struct Args {
    binary: PathBuf,
    mode: Mode,
    save: Option<PathBuf>,
}

enum Mode {
    Write(PathBuf),
    Check(PathBuf),
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut binary = None;
    let mut mode = None;
    let mut save = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || {
            iter.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--bin" => binary = Some(value()?),
            "--write" => mode = Some(Mode::Write(value()?)),
            "--check" => mode = Some(Mode::Check(value()?)),
            "--save" => save = Some(value()?),
            _ => return Err(format!("unknown argument {arg:?}\n{USAGE}")),
        }
    }
    Ok(Args {
        binary: binary.ok_or_else(|| format!("--bin is required\n{USAGE}"))?,
        mode: mode.ok_or_else(|| format!("--write or --check is required\n{USAGE}"))?,
        save,
    })
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let root = crate::workspace_root()?;
    let binary = std::path::absolute(&args.binary)
        .map_err(|error| format!("{}: {error}", args.binary.display()))?;
    let inputs = prepare_inputs(&root)?;
    let mut digests = BTreeMap::new();
    let started = std::time::Instant::now();
    for run in runs(&root, &inputs)? {
        let output = Command::new(&binary)
            .args(&run.args)
            .current_dir(&root)
            .env_remove("NO_COLOR")
            .output()
            .map_err(|error| format!("cannot run {}: {error}", binary.display()))?;
        let stderr = mask_timing(&String::from_utf8_lossy(&output.stderr));
        let mut record = Vec::with_capacity(output.stdout.len() + stderr.len() + 16);
        record.extend_from_slice(&output.stdout);
        record.extend_from_slice(format!("\n--- exit {:?}\n", output.status.code()).as_bytes());
        record.extend_from_slice(stderr.as_bytes());
        if let Some(dir) = &args.save {
            let path = dir.join(run.label.replace(['/', ' '], "_"));
            std::fs::create_dir_all(dir)
                .and_then(|()| std::fs::write(&path, &record))
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        }
        digests.insert(run.label, format!("{:016x}", fnv1a(&record)));
    }
    eprintln!(
        "golden: {} runs of {} in {:.1}s",
        digests.len(),
        binary.display(),
        started.elapsed().as_secs_f64()
    );
    match args.mode {
        Mode::Write(path) => {
            let mut text = String::new();
            for (label, digest) in &digests {
                let _ = writeln!(text, "{digest}  {label}");
            }
            std::fs::write(&path, text)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))
        }
        Mode::Check(path) => {
            let text = std::fs::read_to_string(&path)
                .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
            compare(&digests, &text)
        }
    }
}

/// Every run that differs from the recorded digests, or is new or gone.
fn compare(digests: &BTreeMap<String, String>, recorded: &str) -> Result<(), String> {
    let recorded: BTreeMap<&str, &str> = recorded
        .lines()
        .filter_map(|line| line.split_once("  "))
        .map(|(digest, label)| (label, digest))
        .collect();
    let mut differ = Vec::new();
    for (label, digest) in digests {
        match recorded.get(label.as_str()) {
            Some(old) if old == digest => {}
            Some(_) => differ.push(format!("differs: {label}")),
            None => differ.push(format!("new:     {label}")),
        }
    }
    for label in recorded.keys() {
        if !digests.contains_key(*label) {
            differ.push(format!("gone:    {label}"));
        }
    }
    if differ.is_empty() {
        eprintln!("golden: all {} runs identical", digests.len());
        Ok(())
    } else {
        Err(format!(
            "{} of {} runs differ:\n{}",
            differ.len(),
            digests.len(),
            differ.join("\n")
        ))
    }
}

/// The folders the runs read, relative to the workspace root.
struct Inputs {
    folders: Vec<String>,
}

fn prepare_inputs(root: &Path) -> Result<Inputs, String> {
    let scratch = root.join(SCRATCH);
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)
            .map_err(|error| format!("cannot clear {}: {error}", scratch.display()))?;
    }
    let generated = format!("{SCRATCH}/generated");
    crate::gen_corpus::run(&[
        "--count".into(),
        "39".into(),
        "--seed".into(),
        "2027".into(),
        "--out".into(),
        root.join(&generated).display().to_string(),
        "--faults".into(),
        "--fault-rate".into(),
        "60".into(),
        "--formats".into(),
        "text,html,docx".into(),
    ])?;
    let series = format!("{SCRATCH}/series");
    write_series(&root.join(&series))?;
    let odd = format!("{SCRATCH}/odd");
    write_odd_files(&root.join(&odd))?;
    Ok(Inputs {
        folders: vec!["corpus".into(), generated, series, odd],
    })
}

/// Files that are not reports, or not readable as one: each must get its own input finding.
fn write_odd_files(dir: &Path) -> Result<(), String> {
    let seed = std::fs::read_to_string(crate::workspace_root()?.join(SEED))
        .map_err(|error| format!("{SEED}: {error}"))?;
    let files: [(&str, Vec<u8>); 7] = [
        ("empty.txt", Vec::new()),
        ("blank.txt", b"  \n\t\n".to_vec()),
        ("binary.txt", b"\x00\x01\x02PK\x00\x00binary".to_vec()),
        ("shopping-list.txt", "牛奶\n鸡蛋\n".as_bytes().to_vec()),
        ("not-a-zip.docx", b"PK\x03\x04 cut short".to_vec()),
        ("nul-page.html", b"<html>\x00\x00</html>".to_vec()),
        (
            "half-a-report.txt",
            seed.as_bytes()[..seed.len() / 2].to_vec(),
        ),
    ];
    std::fs::create_dir_all(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(())
}

const SEED: &str = "corpus/seed/000_19ca39454c16e942.txt";

/// Four bodies' reports over four years, with a carry-over break, a stock break and copied
/// prose, in text and as pages and Word files, plus one report saved twice: every cross-report
/// rule fires, and related locations point into text and markup.
fn write_series(dir: &Path) -> Result<(), String> {
    use nianbao_gen::{Layout, SeriesFault, SeriesOptions};
    std::fs::create_dir_all(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    let write = |name: String, bytes: &[u8]| {
        let path = dir.join(name);
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, bytes))
            .map_err(|error| format!("{}: {error}", path.display()))
    };
    for body in 0..4u16 {
        let options = SeriesOptions {
            seed: 2027,
            index: u64::from(body),
            first_year: 2021,
            years: 4,
            faults: vec![
                (
                    2022,
                    SeriesFault::CarryOver {
                        column: usize::from(body),
                        delta: 3,
                    },
                ),
                (2023, SeriesFault::Stock { delta: -2 }),
                (2024, SeriesFault::CopiedProse),
            ],
        };
        for (offset, report) in nianbao_gen::series(&options).iter().enumerate() {
            let year = 2021 + offset;
            let layout = Layout::ALL[(usize::from(body) * 4 + offset) % Layout::ALL.len()];
            let rendered = nianbao_gen::render(report, layout);
            match body {
                1 => write(
                    format!("body{body}/{year}.html"),
                    nianbao_gen::render_html(report).as_bytes(),
                )?,
                2 => write(
                    format!("body{body}/{year}.docx"),
                    &nianbao_gen::render_docx(report).map_err(|error| error.to_string())?,
                )?,
                _ => write(format!("body{body}/{year}.txt"), &rendered.bytes)?,
            }
            if body == 3 && offset == 1 {
                write(format!("body{body}/{year}-copy.txt"), &rendered.bytes)?;
            }
        }
    }
    Ok(())
}

/// One run of the binary.
struct Run {
    label: String,
    args: Vec<String>,
}

fn runs(root: &Path, inputs: &Inputs) -> Result<Vec<Run>, String> {
    let mut runs = Vec::new();
    let check = |label: String, target: &str, extra: &[&str]| Run {
        label,
        args: ["check", target, "--color", "never"]
            .iter()
            .chain(extra)
            .map(|arg| (*arg).to_owned())
            .collect(),
    };
    for folder in &inputs.folders {
        for format in [
            "full", "concise", "json", "jsonl", "sarif", "github", "html", "csv",
        ] {
            runs.push(check(
                format!("check {format} {folder}/"),
                folder,
                &["--output-format", format],
            ));
        }
        for format in ["full", "concise"] {
            runs.push(check(
                format!("check {format} en {folder}/"),
                folder,
                &["--output-format", format, "--lang", "en", "--statistics"],
            ));
        }
        runs.push(check(
            format!("check json no-cross {folder}/"),
            folder,
            &["--output-format", "json", "--no-cross"],
        ));
        // A panic inside one file's checking becomes that file's internal-error finding.
        runs.push(check(
            format!("check concise panic {folder}/"),
            folder,
            &[
                "--output-format",
                "concise",
                "--debug-panic-marker",
                "二、主动公开",
            ],
        ));
        for file in report_files(&root.join(folder))? {
            let file = file
                .strip_prefix(root)
                .map_err(|_| format!("{} is outside the workspace", file.display()))?
                .display()
                .to_string();
            for format in ["full", "concise", "json", "sarif"] {
                runs.push(check(
                    format!("check {format} {file}"),
                    &file,
                    &["--output-format", format],
                ));
            }
            runs.push(Run {
                label: format!("parse json {file}"),
                args: vec![
                    "parse".into(),
                    file.clone(),
                    "--output-format".into(),
                    "json".into(),
                ],
            });
        }
    }
    Ok(runs)
}

/// The report files below `dir`, sorted (the manifest and READMEs are not reports).
fn report_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|error| error.to_string())?;
        let path = entry.path();
        let report = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| ["txt", "html", "docx"].contains(&extension));
        if entry.file_type().is_file() && report {
            files.push(path.to_path_buf());
        }
    }
    files.sort();
    Ok(files)
}

/// The summary line's time (`用时 0.04 秒`, `in 0.04 s`) is the only output that changes from
/// run to run.
fn mask_timing(stderr: &str) -> String {
    let mut out = String::with_capacity(stderr.len());
    for line in stderr.split_inclusive('\n') {
        let masked = [("用时 ", " 秒"), (" in ", " s:")]
            .iter()
            .find_map(|(before, after)| {
                let start = line.find(before)? + before.len();
                let length = line.get(start..)?.find(after)?;
                let number = line.get(start..start + length)?;
                number
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || ch == '.')
                    .then(|| format!("{}…{}", &line[..start], &line[start + length..]))
            });
        out.push_str(masked.as_deref().unwrap_or(line));
    }
    out
}

/// FNV-1a, 64 bits: stable across toolchains, which `DefaultHasher` does not promise.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_is_masked_and_nothing_else() {
        assert_eq!(
            mask_timing("已检查 66 份报告，用时 0.04 秒：29 份有错误\nx in 3 s: y\n"),
            "已检查 66 份报告，用时 … 秒：29 份有错误\nx in … s: y\n"
        );
        assert_eq!(
            mask_timing("checked 2 reports in 0.50 s: 1 with errors"),
            "checked 2 reports in … s: 1 with errors"
        );
        assert_eq!(mask_timing("in a s: b"), "in a s: b");
    }

    #[test]
    fn comparison_names_what_differs() {
        let digests: BTreeMap<String, String> = [("a".to_owned(), "1".to_owned())].into();
        assert!(compare(&digests, "1  a\n").is_ok());
        let error = compare(&digests, "2  a\n3  b\n").unwrap_err();
        assert!(
            error.contains("differs: a") && error.contains("gone:    b"),
            "{error}"
        );
    }

    #[test]
    fn arguments_are_checked() {
        assert!(parse(&["--bin".into(), "x".into()]).is_err());
        assert!(parse(&["--write".into(), "x".into()]).is_err());
        assert!(parse(&["--bin".into(), "x".into(), "--check".into(), "y".into()]).is_ok());
    }
}

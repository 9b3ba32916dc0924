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

mod digest;
mod inputs;
mod runs;

use digest::{fnv1a, mask_timing};
use inputs::prepare_inputs;
use runs::runs;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

const USAGE: &str =
    "usage: cargo xtask golden --bin PATH (--write FILE | --check FILE) [--save DIR]";

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

#[cfg(test)]
mod tests {
    use super::*;

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

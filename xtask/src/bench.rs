//! `cargo xtask bench [--count N] [--seed S] [--shape series|faults]`: corpus-scale throughput,
//! CPU time per report and memory, in one run, as ratios to the floor of merely walking and
//! reading the same files; and a check that every run printed the same bytes.
//!
//! Figures from one run on a shared machine are noisy; the ratios (to the read floor, 1 thread to
//! all cores, small corpus to large corpus, with and without the cross-report pass) and the CPU
//! time per report (which other processes' load disturbs far less than wall time) are what to
//! quote. The generated corpus is cached in `target/nianbao-bench/` so repeated runs measure the
//! linter, not the generator. Each run's standard output is digested: the runs of one bench must
//! agree (1 thread and all cores; with the pass, and without it), and the digest is kept beside
//! the corpus so that the next bench says whether a change altered any output byte.

mod corpus;
mod measure;

use corpus::Shape;
use measure::{Measured, median, run_check, same_output};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask bench [--count N (default 20000)] [--seed S (default 1)] [--shape series|faults (default series)]";

struct Args {
    count: u64,
    seed: u64,
    shape: Shape,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        count: 20_000,
        seed: 1,
        shape: Shape::Series,
    };
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let mut text = || {
            iter.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        let number = |text: &String| -> Result<u64, String> {
            text.replace('_', "")
                .parse()
                .map_err(|_| format!("{flag} wants a whole number, got {text:?}"))
        };
        match flag.as_str() {
            "--count" => parsed.count = number(text()?)?.max(10),
            "--seed" => parsed.seed = number(text()?)?,
            "--shape" => {
                let value = text()?;
                parsed.shape = Shape::parse(value)
                    .ok_or_else(|| format!("--shape is series or faults, got {value:?}"))?;
            }
            "-h" | "--help" => return Err(USAGE.into()),
            _ => return Err(format!("unknown argument {flag:?}\n{USAGE}")),
        }
    }
    Ok(parsed)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let root = crate::workspace_root()?;
    let binary = build_release(&root)?;
    let large = corpus::cached(&root, args.shape, args.count, args.seed)?;
    let small_count = (args.count / 10).max(10);
    let small = corpus::cached(&root, args.shape, small_count, args.seed)?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);

    let (files, bytes) = corpus::corpus_size(&large)?;
    // The first pass warms the page cache so that every measurement below reads from memory.
    corpus::read_floor(&large)?;
    let floor = corpus::read_floor(&large)?;
    let one = run_check(&binary, &large, 1, &[])?;
    // The cross-report pass is judged on a difference of a few percent, less than the run-to-run
    // noise of a shared machine: with and without it are run in turn, and each keeps its median.
    let mut with_pass = Vec::new();
    let mut without_pass = Vec::new();
    for _ in 0..PAIRED_RUNS {
        with_pass.push(run_check(&binary, &large, cores, &[])?);
        without_pass.push(run_check(&binary, &large, cores, &["--no-cross"])?);
    }
    let identical_with =
        same_output(&with_pass) && with_pass.first().map(|run| run.digest) == Some(one.digest);
    let identical_without = same_output(&without_pass);
    let all = median(with_pass);
    let no_cross = median(without_pass);
    let small_run = run_check(&binary, &small, cores, &[])?;
    let small_no_cross = run_check(&binary, &small, cores, &["--no-cross"])?;
    let single = single_report(&binary, &root.join("corpus/seed/000_19ca39454c16e942.txt"))?;

    let megabytes = bytes as f64 / 1e6;
    let rate = |elapsed: Duration| files as f64 / elapsed.as_secs_f64();
    let mb_rate = |elapsed: Duration| megabytes / elapsed.as_secs_f64();
    let ratio = |elapsed: Duration| elapsed.as_secs_f64() / floor.as_secs_f64();
    let per_report = |cpu: Duration| cpu.as_secs_f64() * 1e6 / files.max(1) as f64;
    println!(
        "corpus: {files} reports, {megabytes:.1} MB, {} shape ({})",
        args.shape.name(),
        large.display()
    );
    println!(
        "read floor (walk + read, 1 thread):             {:>8.3} s  {:>9.0} reports/s  {:>7.1} MB/s  {:>5.1} µs/report",
        floor.as_secs_f64(),
        rate(floor),
        mb_rate(floor),
        per_report(floor),
    );
    let all_label = format!("check, {cores} threads (median of {PAIRED_RUNS})");
    let no_cross_label = format!("check, {cores} threads, --no-cross (median of {PAIRED_RUNS})");
    for (label, measured) in [
        ("check, 1 thread", &one),
        (all_label.as_str(), &all),
        (no_cross_label.as_str(), &no_cross),
    ] {
        println!(
            "{label:<47} {:>8.3} s  {:>9.0} reports/s  {:>7.1} MB/s  {:>5.2}× floor  CPU {:>5.1} µs/report ({:>5.1}× floor)  peak RSS {:>6.1} MB",
            measured.elapsed.as_secs_f64(),
            rate(measured.elapsed),
            mb_rate(measured.elapsed),
            ratio(measured.elapsed),
            per_report(measured.cpu),
            measured.cpu.as_secs_f64() / floor.as_secs_f64(),
            measured.peak_rss_kb as f64 / 1024.0,
        );
    }
    println!(
        "peak RSS, {small_count} reports vs {files}: {:.1} MB vs {:.1} MB (ratio {:.2}); --no-cross {:.1} MB vs {:.1} MB",
        small_run.peak_rss_kb as f64 / 1024.0,
        all.peak_rss_kb as f64 / 1024.0,
        all.peak_rss_kb as f64 / small_run.peak_rss_kb.max(1) as f64,
        small_no_cross.peak_rss_kb as f64 / 1024.0,
        no_cross.peak_rss_kb as f64 / 1024.0,
    );
    println!(
        "speed-up {cores} threads vs 1: {:.2}×",
        one.elapsed.as_secs_f64() / all.elapsed.as_secs_f64()
    );
    println!(
        "cross-report pass: {:+.1}% time, {:+.1}% CPU, {:+.1} MB peak RSS (against --no-cross)",
        (all.elapsed.as_secs_f64() / no_cross.elapsed.as_secs_f64() - 1.0) * 100.0,
        (all.cpu.as_secs_f64() / no_cross.cpu.as_secs_f64().max(1e-9) - 1.0) * 100.0,
        (all.peak_rss_kb as f64 - no_cross.peak_rss_kb as f64) / 1024.0,
    );
    println!(
        "single report end to end (process start to exit, median of 21): {:.2} ms",
        single.as_secs_f64() * 1e3
    );
    report_identity(&large, &all, &no_cross, identical_with && identical_without)?;
    crate::bench_pdf::run(&root, &binary, args.seed)
}

/// Says whether the runs agreed with each other and with the previous bench on this corpus, and
/// keeps this run's digests for the next.
fn report_identity(
    corpus: &Path,
    with_pass: &Measured,
    without_pass: &Measured,
    runs_agree: bool,
) -> Result<(), String> {
    let digests = format!("{:016x} {:016x}\n", with_pass.digest, without_pass.digest);
    let kept = corpus.with_extension("digest");
    let previous = std::fs::read_to_string(&kept).ok();
    let against_previous = match previous.as_deref() {
        None => "no previous bench on this corpus",
        Some(text) if text == digests => "identical to the previous bench on this corpus",
        Some(_) => "DIFFERENT from the previous bench on this corpus",
    };
    println!(
        "output: {} (with the pass {:016x}, without {:016x}), {against_previous}",
        if runs_agree {
            "every run printed the same bytes"
        } else {
            "RUNS DISAGREE"
        },
        with_pass.digest,
        without_pass.digest,
    );
    std::fs::write(&kept, digests)
        .map_err(|error| format!("cannot write {}: {error}", kept.display()))?;
    if runs_agree {
        Ok(())
    } else {
        Err("the runs of this bench printed different outputs".into())
    }
}

fn build_release(root: &Path) -> Result<std::path::PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "-p", "nianbao_cli"])
        .current_dir(root)
        .status()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if !status.success() {
        return Err("building the release binary failed".into());
    }
    Ok(root.join("target/release/nianbao"))
}

/// Runs with and without the cross-report pass, taken in turn.
const PAIRED_RUNS: usize = 5;

fn single_report(binary: &Path, report: &Path) -> Result<Duration, String> {
    let mut times = Vec::with_capacity(21);
    for _ in 0..21 {
        let started = Instant::now();
        let status = Command::new(binary)
            .args(["check", "--output-format", "concise", "--exit-zero"])
            .arg(report)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|error| format!("cannot start {}: {error}", binary.display()))?;
        times.push(started.elapsed());
        if !status.success() {
            return Err(format!("nianbao check failed on {}", report.display()));
        }
    }
    times.sort();
    Ok(times[times.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_checked() {
        let parsed = parse(&["--count".into(), "2_000".into()]).unwrap();
        assert_eq!(
            (parsed.count, parsed.seed, parsed.shape),
            (2000, 1, Shape::Series)
        );
        let faults = parse(&["--shape".into(), "faults".into()]).unwrap();
        assert_eq!(faults.shape, Shape::Faults);
        assert!(parse(&["--shape".into(), "big".into()]).is_err());
        assert!(parse(&["--count".into()]).is_err());
        assert!(parse(&["--fast".into()]).is_err());
    }
}

//! `cargo xtask bench [--count N] [--seed S]`: corpus-scale throughput and memory, in one run,
//! as ratios to the floor of merely walking and reading the same files.
//!
//! Figures from one run on a shared machine are noisy; the ratios (to the read floor, 1 thread to
//! all cores, small corpus to large corpus, with and without the cross-report pass) are what to
//! quote. The generated corpus is cached in `target/nianbao-bench/` so repeated runs measure the
//! linter, not the generator.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask bench [--count N (default 20000)] [--seed S (default 1)]";

struct Args {
    count: u64,
    seed: u64,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        count: 20_000,
        seed: 1,
    };
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let mut value = || -> Result<u64, String> {
            let text = iter
                .next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
            text.replace('_', "")
                .parse()
                .map_err(|_| format!("{flag} wants a whole number, got {text:?}"))
        };
        match flag.as_str() {
            "--count" => parsed.count = value()?.max(10),
            "--seed" => parsed.seed = value()?,
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
    let large = cached_corpus(&root, args.count, args.seed)?;
    let small = cached_corpus(&root, (args.count / 10).max(10), args.seed)?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);

    let (files, bytes) = corpus_size(&large)?;
    // The first pass warms the page cache so that every measurement below reads from memory.
    read_floor(&large)?;
    let floor = read_floor(&large)?;
    let one = run_check(&binary, &large, 1, &[])?;
    // The cross-report pass is judged on a difference of a few percent, less than the run-to-run
    // noise of a shared machine: with and without it are run in turn, and each keeps its median.
    let mut with_pass = Vec::new();
    let mut without_pass = Vec::new();
    for _ in 0..PAIRED_RUNS {
        with_pass.push(run_check(&binary, &large, cores, &[])?);
        without_pass.push(run_check(&binary, &large, cores, &["--no-cross"])?);
    }
    let all = median(with_pass);
    let no_cross = median(without_pass);
    let small_run = run_check(&binary, &small, cores, &[])?;
    let single = single_report(&binary, &root.join("corpus/seed/000_19ca39454c16e942.txt"))?;

    let megabytes = bytes as f64 / 1e6;
    let rate = |elapsed: Duration| files as f64 / elapsed.as_secs_f64();
    let mb_rate = |elapsed: Duration| megabytes / elapsed.as_secs_f64();
    let ratio = |elapsed: Duration| elapsed.as_secs_f64() / floor.as_secs_f64();
    println!(
        "corpus: {files} reports, {megabytes:.1} MB ({})",
        large.display()
    );
    println!(
        "read floor (walk + read, 1 thread):             {:>8.3} s  {:>9.0} reports/s  {:>7.1} MB/s",
        floor.as_secs_f64(),
        rate(floor),
        mb_rate(floor)
    );
    let all_label = format!("check, {cores} threads (median of {PAIRED_RUNS})");
    let no_cross_label = format!("check, {cores} threads, --no-cross (median of {PAIRED_RUNS})");
    for (label, measured) in [
        ("check, 1 thread", &one),
        (all_label.as_str(), &all),
        (no_cross_label.as_str(), &no_cross),
    ] {
        println!(
            "{label:<47} {:>8.3} s  {:>9.0} reports/s  {:>7.1} MB/s  {:>5.2}× floor  peak RSS {:>6.1} MB",
            measured.elapsed.as_secs_f64(),
            rate(measured.elapsed),
            mb_rate(measured.elapsed),
            ratio(measured.elapsed),
            measured.peak_rss_kb as f64 / 1024.0,
        );
    }
    println!(
        "peak RSS, {} reports vs {files}: {:.1} MB vs {:.1} MB (ratio {:.2})",
        (args.count / 10).max(10),
        small_run.peak_rss_kb as f64 / 1024.0,
        all.peak_rss_kb as f64 / 1024.0,
        all.peak_rss_kb as f64 / small_run.peak_rss_kb.max(1) as f64,
    );
    println!(
        "speed-up {cores} threads vs 1: {:.2}×",
        one.elapsed.as_secs_f64() / all.elapsed.as_secs_f64()
    );
    println!(
        "cross-report pass: {:+.1}% time, {:+.1} MB peak RSS (against --no-cross)",
        (all.elapsed.as_secs_f64() / no_cross.elapsed.as_secs_f64() - 1.0) * 100.0,
        (all.peak_rss_kb as f64 - no_cross.peak_rss_kb as f64) / 1024.0,
    );
    println!(
        "single report end to end (process start to exit, median of 21): {:.2} ms",
        single.as_secs_f64() * 1e3
    );
    crate::bench_pdf::run(&root, &binary, args.seed)
}

fn build_release(root: &Path) -> Result<PathBuf, String> {
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

/// A corpus shaped like a country's: distinct bodies, each with a chained series of yearly
/// reports (this year's 上年结转 is last year's 结转下年度), every layout, one report in ten with a
/// fault. Bodies must be distinct, as they are in reality: with names drawn from small lists,
/// unrelated reports would share a body and year and the cross-report pass would compare them.
fn cached_corpus(root: &Path, count: u64, seed: u64) -> Result<PathBuf, String> {
    let dir = root.join(format!("target/nianbao-bench/series-{count}-seed{seed}"));
    let done = dir.join(".complete");
    if done.is_file() {
        return Ok(dir);
    }
    std::fs::create_dir_all(&dir)
        .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    let started = Instant::now();
    let mut written = 0u64;
    let mut bytes = 0usize;
    let mut body = 0u64;
    while written < count {
        let years = u16::try_from((count - written).min(YEARS_PER_BODY)).unwrap_or(1);
        let options = nianbao_gen::SeriesOptions {
            seed,
            index: body,
            first_year: 2021,
            years,
            faults: Vec::new(),
        };
        for mut report in nianbao_gen::series(&options) {
            report.organ = distinct_body(body);
            let layout = nianbao_gen::Layout::ALL
                [(written % nianbao_gen::Layout::ALL.len() as u64) as usize];
            if written % 10 == 9 {
                let kinds = nianbao_gen::FaultKind::ALL;
                let kind = kinds[(written / 10 % kinds.len() as u64) as usize];
                let _ = nianbao_gen::inject(&mut report, kind, layout);
            }
            let rendered = nianbao_gen::render(&report, layout);
            let path = dir.join(format!("{written:06}_{}.txt", layout.name()));
            std::fs::write(&path, &rendered.bytes)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            bytes += rendered.bytes.len();
            written += 1;
        }
        body += 1;
    }
    std::fs::write(&done, b"")
        .map_err(|error| format!("cannot write {}: {error}", done.display()))?;
    eprintln!(
        "wrote {written} reports of {body} bodies ({:.1} MB) to {} in {:.1}s",
        bytes as f64 / 1e6,
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(dir)
}

const YEARS_PER_BODY: u64 = 5;

/// A body name no other index shares: a three-character place name and an office, both read off
/// the index in mixed radix.
fn distinct_body(index: u64) -> String {
    const SYLLABLES: [char; 40] = [
        '安', '宝', '昌', '德', '丰', '阜', '广', '海', '和', '华', '怀', '嘉', '建', '江', '靖',
        '康', '乐', '临', '隆', '宁', '平', '清', '庆', '仁', '瑞', '山', '寿', '泰', '通', '武',
        '西', '祥', '新', '兴', '阳', '宜', '永', '原', '长', '舟',
    ];
    const OFFICES: [&str; 8] = [
        "人民政府办公室",
        "审计局",
        "发展和改革局",
        "自然资源局",
        "生态环境局",
        "交通运输局",
        "市场监督管理局",
        "人民政府",
    ];
    const SUFFIXES: [&str; 3] = ["县", "区", "市"];
    let mut rest = index;
    let mut take = |radix: usize| {
        let digit = (rest % radix as u64) as usize;
        rest /= radix as u64;
        digit
    };
    let office = OFFICES[take(OFFICES.len())];
    let suffix = SUFFIXES[take(SUFFIXES.len())];
    let place: String = (0..3).map(|_| SYLLABLES[take(SYLLABLES.len())]).collect();
    format!("{place}{suffix}{office}")
}

fn report_files(dir: &Path) -> impl Iterator<Item = walkdir::DirEntry> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| {
            entry.file_type().is_file()
                && entry
                    .path()
                    .extension()
                    .is_some_and(|extension| extension == "txt")
        })
}

fn corpus_size(dir: &Path) -> Result<(u64, u64), String> {
    let mut files = 0;
    let mut bytes = 0;
    for entry in report_files(dir) {
        files += 1;
        bytes += entry
            .metadata()
            .map_err(|error| format!("{}: {error}", entry.path().display()))?
            .len();
    }
    Ok((files, bytes))
}

/// The floor: what any linter must spend to walk the folder and read every file.
fn read_floor(dir: &Path) -> Result<Duration, String> {
    let started = Instant::now();
    let mut total = 0usize;
    for entry in report_files(dir) {
        total += std::fs::read(entry.path())
            .map_err(|error| format!("{}: {error}", entry.path().display()))?
            .len();
    }
    std::hint::black_box(total);
    Ok(started.elapsed())
}

struct Measured {
    elapsed: Duration,
    peak_rss_kb: u64,
}

/// Runs with and without the cross-report pass, taken in turn.
const PAIRED_RUNS: usize = 5;

/// The run of median time, with the highest peak RSS of all the runs.
fn median(mut runs: Vec<Measured>) -> Measured {
    let peak_rss_kb = runs.iter().map(|run| run.peak_rss_kb).max().unwrap_or(0);
    runs.sort_by_key(|run| run.elapsed);
    let elapsed = runs
        .get(runs.len() / 2)
        .map_or(Duration::ZERO, |run| run.elapsed);
    Measured {
        elapsed,
        peak_rss_kb,
    }
}

fn run_check(
    binary: &Path,
    dir: &Path,
    threads: usize,
    extra: &[&str],
) -> Result<Measured, String> {
    let started = Instant::now();
    let mut child = Command::new(binary)
        .args([
            "check",
            "--output-format",
            "jsonl",
            "--exit-zero",
            "--threads",
            &threads.to_string(),
        ])
        .args(extra)
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start {}: {error}", binary.display()))?;
    // VmHWM only grows, so sampling it until exit misses at most the last interval's growth.
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_rss_kb = 0;
    let status = loop {
        if let Some(kb) = std::fs::read_to_string(&status_path)
            .ok()
            .as_deref()
            .and_then(high_water_mark_kb)
        {
            peak_rss_kb = peak_rss_kb.max(kb);
        }
        match child.try_wait().map_err(|error| error.to_string())? {
            Some(status) => break status,
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let elapsed = started.elapsed();
    if !status.success() {
        return Err(format!(
            "nianbao check failed on {} ({status})",
            dir.display()
        ));
    }
    Ok(Measured {
        elapsed,
        peak_rss_kb,
    })
}

fn high_water_mark_kb(status: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        line.strip_prefix("VmHWM:")?
            .trim()
            .strip_suffix("kB")?
            .trim()
            .parse()
            .ok()
    })
}

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
    fn median_keeps_the_middle_time_and_the_highest_peak() {
        let run = |millis, peak_rss_kb| Measured {
            elapsed: Duration::from_millis(millis),
            peak_rss_kb,
        };
        let middle = median(vec![run(30, 5), run(10, 9), run(20, 7)]);
        assert_eq!(middle.elapsed, Duration::from_millis(20));
        assert_eq!(middle.peak_rss_kb, 9);
    }

    #[test]
    fn reads_the_high_water_mark() {
        let status = "Name:\tnianbao\nVmPeak:\t  20000 kB\nVmHWM:\t    5123 kB\nVmRSS:\t 5000 kB\n";
        assert_eq!(high_water_mark_kb(status), Some(5123));
        assert_eq!(high_water_mark_kb("Name:\tx\n"), None);
    }

    #[test]
    fn arguments_are_checked() {
        let parsed = parse(&["--count".into(), "2_000".into()]).unwrap();
        assert_eq!((parsed.count, parsed.seed), (2000, 1));
        assert!(parse(&["--count".into()]).is_err());
        assert!(parse(&["--fast".into()]).is_err());
    }
}

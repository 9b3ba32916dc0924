//! The PDF part of `cargo xtask bench`: reports per second on generated PDFs (every table
//! style), and the ratio to the same reports as text, both checked in one run by the same
//! binary with every core. Kept apart from the corpus benchmark so that each can change alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Reports in each folder: enough for the run to last well over process start-up.
const REPORTS: u64 = 400;
/// Each folder is checked this many times in turn; each keeps its median.
const RUNS: usize = 3;

/// Measures and prints PDF throughput against text input.
pub fn run(root: &Path, binary: &Path, seed: u64) -> Result<(), String> {
    let (pdf, text) = cached_folders(root, seed)?;
    let mut pdf_times = Vec::with_capacity(RUNS);
    let mut text_times = Vec::with_capacity(RUNS);
    // A first pass of each warms the page cache.
    check(binary, &pdf)?;
    check(binary, &text)?;
    for _ in 0..RUNS {
        pdf_times.push(check(binary, &pdf)?);
        text_times.push(check(binary, &text)?);
    }
    let pdf_time = median(pdf_times);
    let text_time = median(text_times);
    let rate = |elapsed: Duration| REPORTS as f64 / elapsed.as_secs_f64();
    println!(
        "PDF input, {REPORTS} generated reports (4 table styles), all threads (median of {RUNS}): {:>8.3} s  {:>7.0} reports/s",
        pdf_time.as_secs_f64(),
        rate(pdf_time)
    );
    println!(
        "the same reports as text:                                                 {:>8.3} s  {:>7.0} reports/s  (PDF takes {:.1}× as long)",
        text_time.as_secs_f64(),
        rate(text_time),
        pdf_time.as_secs_f64() / text_time.as_secs_f64()
    );
    Ok(())
}

/// The same generated reports as PDFs (cycling through the table styles) and as text, cached
/// in `target/nianbao-bench/`.
fn cached_folders(root: &Path, seed: u64) -> Result<(PathBuf, PathBuf), String> {
    let base = root.join(format!("target/nianbao-bench/pdf-{REPORTS}-seed{seed}"));
    let (pdf, text) = (base.join("pdf"), base.join("text"));
    let done = base.join(".complete");
    if done.is_file() {
        return Ok((pdf, text));
    }
    for dir in [&pdf, &text] {
        std::fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    }
    let styles = nianbao_gen::PdfStyle::ALL;
    for index in 0..REPORTS {
        let report = nianbao_gen::generate(seed, index, &nianbao_gen::Options::default());
        let style = styles[(index % styles.len() as u64) as usize];
        let rendered = nianbao_gen::render_pdf(&report, style);
        let write = |path: PathBuf, bytes: &[u8]| {
            std::fs::write(&path, bytes)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))
        };
        write(pdf.join(format!("{index:04}.pdf")), &rendered.bytes)?;
        write(
            text.join(format!("{index:04}.txt")),
            rendered.text.text.as_bytes(),
        )?;
    }
    std::fs::write(&done, b"")
        .map_err(|error| format!("cannot write {}: {error}", done.display()))?;
    Ok((pdf, text))
}

fn check(binary: &Path, dir: &Path) -> Result<Duration, String> {
    let started = Instant::now();
    let status = Command::new(binary)
        .args([
            "check",
            "--output-format",
            "jsonl",
            "--exit-zero",
            "--no-cross",
        ])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|error| format!("cannot start {}: {error}", binary.display()))?;
    if !status.success() {
        return Err(format!("nianbao check failed on {}", dir.display()));
    }
    Ok(started.elapsed())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_is_the_middle_time() {
        let ms = Duration::from_millis;
        assert_eq!(median(vec![ms(5), ms(1), ms(3)]), ms(3));
        assert_eq!(median(Vec::new()), Duration::ZERO);
    }
}

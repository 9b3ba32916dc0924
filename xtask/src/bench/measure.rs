//! One measured run of `nianbao check`: wall time, CPU time (user + system, from the kernel's
//! account of reaped children), peak RSS (sampled VmHWM) and a digest of everything it printed,
//! so that every run of a bench can be checked to print the same bytes.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

pub(super) struct Measured {
    pub elapsed: Duration,
    /// User plus system time of the process, in the kernel's ticks turned into time.
    pub cpu: Duration,
    pub peak_rss_kb: u64,
    /// FNV-1a of standard output.
    pub digest: u64,
}

/// The run of median time, with the highest peak RSS of all the runs, the median CPU time and
/// the first run's digest (the caller checks that they agree).
pub(super) fn median(mut runs: Vec<Measured>) -> Measured {
    let peak_rss_kb = runs.iter().map(|run| run.peak_rss_kb).max().unwrap_or(0);
    let digest = runs.first().map_or(0, |run| run.digest);
    let mut cpus: Vec<Duration> = runs.iter().map(|run| run.cpu).collect();
    cpus.sort();
    let cpu = cpus.get(cpus.len() / 2).copied().unwrap_or_default();
    runs.sort_by_key(|run| run.elapsed);
    let elapsed = runs
        .get(runs.len() / 2)
        .map_or(Duration::ZERO, |run| run.elapsed);
    Measured {
        elapsed,
        cpu,
        peak_rss_kb,
        digest,
    }
}

/// Whether every run printed the same bytes.
pub(super) fn same_output(runs: &[Measured]) -> bool {
    runs.windows(2).all(|pair| pair[0].digest == pair[1].digest)
}

pub(super) fn run_check(
    binary: &Path,
    dir: &Path,
    threads: usize,
    extra: &[&str],
) -> Result<Measured, String> {
    let cpu_before = children_cpu()?;
    let started = std::time::Instant::now();
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
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start {}: {error}", binary.display()))?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| "no standard output to read".to_owned())?;
    let reader = std::thread::spawn(move || {
        let mut digest = Fnv::default();
        let mut buffer = vec![0u8; 1 << 16];
        while let Ok(read) = stdout.read(&mut buffer) {
            match buffer.get(..read) {
                Some(bytes) if !bytes.is_empty() => digest.write(bytes),
                _ => break,
            }
        }
        digest.0
    });
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
    let cpu = children_cpu()?.saturating_sub(cpu_before);
    let digest = reader
        .join()
        .map_err(|_| "the output reader failed".to_owned())?;
    if !status.success() {
        return Err(format!(
            "nianbao check failed on {} ({status})",
            dir.display()
        ));
    }
    Ok(Measured {
        elapsed,
        cpu,
        peak_rss_kb,
        digest,
    })
}

/// FNV-1a, 64 bits, fed in pieces.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// User plus system time of every child this process has waited for (`cutime` + `cstime` of
/// `/proc/self/stat`, in USER_HZ ticks of 10 ms).
fn children_cpu() -> Result<Duration, String> {
    let stat = std::fs::read_to_string("/proc/self/stat")
        .map_err(|error| format!("cannot read /proc/self/stat: {error}"))?;
    children_ticks(&stat)
        .map(|ticks| Duration::from_millis(ticks * 10))
        .ok_or_else(|| "cannot read the children's CPU time in /proc/self/stat".to_owned())
}

fn children_ticks(stat: &str) -> Option<u64> {
    // Fields after the command name (which may hold spaces) start at field 3, `state`; `cutime`
    // and `cstime` are fields 16 and 17.
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace().skip(13);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
}

pub(super) fn high_water_mark_kb(status: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        line.strip_prefix("VmHWM:")?
            .trim()
            .strip_suffix("kB")?
            .trim()
            .parse()
            .ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(millis: u64, peak_rss_kb: u64, digest: u64) -> Measured {
        Measured {
            elapsed: Duration::from_millis(millis),
            cpu: Duration::from_millis(millis * 2),
            peak_rss_kb,
            digest,
        }
    }

    #[test]
    fn median_keeps_the_middle_time_and_the_highest_peak() {
        let middle = median(vec![run(30, 5, 1), run(10, 9, 1), run(20, 7, 1)]);
        assert_eq!(middle.elapsed, Duration::from_millis(20));
        assert_eq!(middle.cpu, Duration::from_millis(40));
        assert_eq!(middle.peak_rss_kb, 9);
    }

    #[test]
    fn outputs_are_compared_by_digest() {
        assert!(same_output(&[run(1, 1, 7), run(2, 1, 7)]));
        assert!(!same_output(&[run(1, 1, 7), run(2, 1, 8)]));
    }

    #[test]
    fn reads_the_high_water_mark() {
        let status = "Name:\tnianbao\nVmPeak:\t  20000 kB\nVmHWM:\t    5123 kB\nVmRSS:\t 5000 kB\n";
        assert_eq!(high_water_mark_kb(status), Some(5123));
        assert_eq!(high_water_mark_kb("Name:\tx\n"), None);
    }

    #[test]
    fn reads_the_children_cpu_ticks_past_a_name_with_spaces() {
        let stat = "42 (cargo x) S 1 42 42 0 -1 4194560 100 200 0 0 5 6 70 8 20 0 1 0 1 2 3";
        assert_eq!(children_ticks(stat), Some(78));
        assert_eq!(children_ticks("42 (x) S 1"), None);
    }

    #[test]
    fn digests_in_pieces_equal_one_digest() {
        let mut whole = Fnv::default();
        whole.write(b"abcdef");
        let mut pieces = Fnv::default();
        pieces.write(b"abc");
        pieces.write(b"def");
        assert_eq!(whole.0, pieces.0);
        assert_ne!(whole.0, Fnv::default().0);
    }
}

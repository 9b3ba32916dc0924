//! The bench's corpora, generated once and cached below `target/nianbao-bench/`: the series shape
//! (distinct bodies, chained years) and the `gen-corpus --faults` shape (bodies drawn from small
//! lists, so many reports share a body and year and the cross-report pass finds much).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Which corpus a bench runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Series,
    Faults,
}

impl Shape {
    pub(super) fn parse(text: &str) -> Option<Shape> {
        match text {
            "series" => Some(Shape::Series),
            "faults" => Some(Shape::Faults),
            _ => None,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Shape::Series => "series",
            Shape::Faults => "faults",
        }
    }
}

/// The corpus of `count` reports of `shape`, written on first use.
pub(super) fn cached(root: &Path, shape: Shape, count: u64, seed: u64) -> Result<PathBuf, String> {
    match shape {
        Shape::Series => cached_series(root, count, seed),
        Shape::Faults => cached_faults(root, count, seed),
    }
}

fn cached_faults(root: &Path, count: u64, seed: u64) -> Result<PathBuf, String> {
    let dir = root.join(format!("target/nianbao-bench/faults-{count}-seed{seed}"));
    let done = dir.join(".complete");
    if done.is_file() {
        return Ok(dir);
    }
    let args: Vec<String> = [
        "--count",
        &count.to_string(),
        "--seed",
        &seed.to_string(),
        "--out",
        &dir.display().to_string(),
        "--faults",
    ]
    .map(str::to_owned)
    .to_vec();
    crate::gen_corpus::run(&args)?;
    std::fs::write(&done, b"")
        .map_err(|error| format!("cannot write {}: {error}", done.display()))?;
    Ok(dir)
}

/// A corpus shaped like a country's: distinct bodies, each with a chained series of yearly
/// reports (this year's 上年结转 is last year's 结转下年度), every layout, one report in ten with a
/// fault. Bodies must be distinct, as they are in reality: with names drawn from small lists,
/// unrelated reports would share a body and year and the cross-report pass would compare them.
fn cached_series(root: &Path, count: u64, seed: u64) -> Result<PathBuf, String> {
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

pub(super) fn report_files(dir: &Path) -> impl Iterator<Item = walkdir::DirEntry> {
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

pub(super) fn corpus_size(dir: &Path) -> Result<(u64, u64), String> {
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
pub(super) fn read_floor(dir: &Path) -> Result<Duration, String> {
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

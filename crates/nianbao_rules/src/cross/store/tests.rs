//! Unit tests of [`super`].

use super::*;
use crate::RuleSet;
use nianbao_gen::{Layout, SeriesFault, SeriesOptions, render, series};

/// Twelve bodies over four years, every third with a carry-over break in 2022, as
/// `(path, facts)`.
fn corpus(rules: &RuleSet) -> Vec<(String, CrossFacts)> {
    let mut files = Vec::new();
    for index in 0..12 {
        let faults = if index % 3 == 0 {
            vec![(
                2022,
                SeriesFault::CarryOver {
                    column: 0,
                    delta: 1,
                },
            )]
        } else {
            Vec::new()
        };
        let reports = series(&SeriesOptions {
            seed: 5,
            index,
            first_year: 2021,
            years: 4,
            faults,
        });
        for report in &reports {
            let text = render(report, Layout::Tab).text;
            let parsed = nianbao_syntax::parse(&text);
            files.push((
                format!("body{index:02}/{}.txt", report.year),
                rules.cross_facts(&parsed.report, &text),
            ));
        }
    }
    files
}

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("nianbao-store-{name}-{}", std::process::id()))
}

/// A scratch spill file, opened for reading and writing, and its path (to remove it).
fn scratch_file(name: &str) -> (std::path::PathBuf, std::fs::File) {
    let path = scratch(name);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&path)
        .expect("a scratch file");
    (path, file)
}

fn check(rules: &RuleSet, mut store: CorpusFacts, files: &[(String, CrossFacts)]) -> String {
    for (at, (path, facts)) in files.iter().enumerate() {
        store.push(at, path, facts);
    }
    assert_eq!(store.len(), files.len());
    let found = rules.check_corpus_facts(&mut store);
    assert_eq!(store.lost(), 0);
    format!("{found:?}")
}

#[test]
fn spilled_facts_give_the_same_findings_and_stay_out_of_memory() {
    let rules = RuleSet::builtin().expect("builtin rules");
    let files = corpus(&rules);
    let in_memory = check(&rules, CorpusFacts::new(&CorpusOptions::default()), &files);
    assert_eq!(in_memory.matches("X001").count(), 4 * 2, "{in_memory}");

    let (path, file) = scratch_file("spill");
    let mut store = CorpusFacts::new(&CorpusOptions::default()).spill_to(file);
    store.chunk = 1024;
    for (at, (path, facts)) in files.iter().enumerate() {
        store.push(at, path, facts);
    }
    // Only the index and less than one chunk and one record wait in memory.
    assert!(store.memory.len() < 1024 + 4096, "{}", store.memory.len());
    assert!(store.spilled > 20 * 1024, "{}", store.spilled);
    let spilled = format!("{:?}", rules.check_corpus_facts(&mut store));
    assert_eq!(store.lost(), 0);
    let _ = std::fs::remove_file(&path);
    assert_eq!(spilled, in_memory);
}

#[test]
fn a_spill_file_that_cannot_be_written_keeps_the_facts_in_memory() {
    let rules = RuleSet::builtin().expect("builtin rules");
    let files = corpus(&rules);
    let path = scratch("read-only");
    std::fs::write(&path, b"").expect("a scratch file");
    let read_only = std::fs::File::open(&path).expect("opened for reading");
    let mut store = CorpusFacts::new(&CorpusOptions::default()).spill_to(read_only);
    store.chunk = 1024;
    let found = check(&rules, store, &files);
    let _ = std::fs::remove_file(&path);
    assert_eq!(
        found,
        check(&rules, CorpusFacts::new(&CorpusOptions::default()), &files)
    );
}

#[test]
fn region_families_read_back_alike_from_a_spill_file() {
    let rules = RuleSet::builtin().expect("builtin rules");
    let options = nianbao_gen::Options {
        first_year: 2022,
        last_year: 2022,
        percent_2019: 0,
    };
    let organs = [
        "某县",
        "某县教育局",
        "某县财政局",
        "某县 民政局",
        "他县",
        "他县教育局",
    ];
    let files: Vec<(String, CrossFacts)> = organs
        .iter()
        .zip(0..)
        .map(|(organ, index)| {
            let mut report = nianbao_gen::generate(3, index, &options);
            report.organ = (*organ).to_owned();
            let text = render(&report, Layout::Tab).text;
            let parsed = nianbao_syntax::parse(&text);
            (
                format!("{organ}.txt"),
                rules.cross_facts(&parsed.report, &text),
            )
        })
        .collect();
    let mut regions = CorpusOptions::default();
    regions.regions.insert(
        "某县人民政府".into(),
        vec![
            "某县教育局".into(),
            "某县财政局".into(),
            "某县民政局".into(),
        ],
    );
    // 他县's second child has no report: that family is skipped.
    regions.regions.insert(
        "他县".into(),
        vec!["他县教育局".into(), "他县卫健委".into()],
    );
    let in_memory = check(&rules, CorpusFacts::new(&regions), &files);
    // Independent draws do not sum (these differ in R01, R02, R24, R25 and F10); each
    // finding names the third child in its help (zh and en) and as a related location.
    assert_eq!(in_memory.matches("X005").count(), 5, "{in_memory}");
    assert_eq!(
        in_memory.matches("某县 民政局.txt").count(),
        5 * 3,
        "{in_memory}"
    );
    assert!(!in_memory.contains("他县"), "{in_memory}");

    let (path, file) = scratch_file("regions");
    let mut store = CorpusFacts::new(&regions).spill_to(file);
    store.chunk = 512;
    let spilled = check(&rules, store, &files);
    let _ = std::fs::remove_file(&path);
    assert_eq!(spilled, in_memory);
}

#[test]
fn reports_without_body_or_year_are_not_kept() {
    let mut store = CorpusFacts::new(&CorpusOptions::default());
    store.push(0, "a.txt", &CrossFacts::default());
    let nameless = CrossFacts {
        year: Some(2024),
        ..CrossFacts::default()
    };
    store.push(1, "b.txt", &nameless);
    assert!(store.is_empty());
}

/// Bodies checked on several threads while the store is read give the findings checked on one,
/// each body's in one lot.
#[test]
fn bodies_checked_on_threads_give_the_same_findings() {
    let rules = RuleSet::builtin().expect("builtin rules");
    let files = corpus(&rules);
    let found = |threads: usize| {
        let mut store = CorpusFacts::new(&CorpusOptions::default());
        for (at, (path, facts)) in files.iter().enumerate() {
            store.push(at, path, facts);
        }
        let mut lots = Vec::new();
        rules.check_corpus_facts_by_body(&mut store, threads, |lot| lots.push(lot));
        // A body's lot is for one body's files; bodies come in any order.
        lots.sort_by_key(|lot| lot.first().map(|(file, _)| *file));
        format!("{lots:?}")
    };
    let one = found(1);
    assert!(one.contains("X001"), "{one}");
    assert_eq!(found(2), one);
    assert_eq!(found(3), one);
}

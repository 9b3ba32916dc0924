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
    store.space.chunk = 1024;
    for (at, (path, facts)) in files.iter().enumerate() {
        store.push(at, path, facts);
    }
    // Only the index and less than one chunk and one record wait in memory.
    assert!(
        store.space.memory() < 1024 + 4096,
        "{}",
        store.space.memory()
    );
    assert!(
        store.space.in_file() > 20 * 1024,
        "{}",
        store.space.in_file()
    );
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
    store.space.chunk = 1024;
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
    store.space.chunk = 512;
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

/// Workers write the chunks they are handed after the store's lock is released, in whatever
/// order they get to it, and a chunk whose write fails is kept in memory while later ones are
/// written: the records read back are those pushed, whichever way each chunk went.
#[test]
fn chunks_written_out_of_order_or_kept_read_back_alike() {
    let rules = RuleSet::builtin().expect("builtin rules");
    let files = corpus(&rules);
    let in_memory = check(&rules, CorpusFacts::new(&CorpusOptions::default()), &files);
    let (path, file) = scratch_file("out-of-order");
    let mut store = CorpusFacts::new(&CorpusOptions::default()).spill_to(file);
    store.space.chunk = 1024;
    let mut chunks = Vec::new();
    for (at, (path, facts)) in files.iter().enumerate() {
        let record = CorpusFacts::record(at, path, facts).expect("a body and a year");
        chunks.extend(store.append(record));
    }
    assert!(chunks.len() > 6, "{}", chunks.len());
    // The last chunk first; every third "fails" and is given back.
    for (number, chunk) in chunks.into_iter().rev().enumerate() {
        if number % 3 == 1 {
            store.written(Written(Err(chunk)));
        } else {
            let written = chunk.write();
            assert!(written.0.is_ok());
            store.written(written);
        }
    }
    let found = format!("{:?}", rules.check_corpus_facts(&mut store));
    assert_eq!(store.lost(), 0);
    let _ = std::fs::remove_file(&path);
    assert_eq!(found, in_memory);
}

/// Every entry is in the bucket of its key hash, once, and a bucket comes sorted by key hash,
/// year, file: a body is a run of one bucket.
#[test]
fn buckets_hold_whole_hashes_each_sorted() {
    use buckets::BUCKETS;
    assert_eq!(bucket(0), 0);
    assert_eq!(bucket(1 << 58), 1);
    assert_eq!(bucket(u64::MAX), BUCKETS - 1);
    let rules = RuleSet::builtin().expect("builtin rules");
    let files = corpus(&rules);
    let mut store = CorpusFacts::new(&CorpusOptions::default());
    for (at, (path, facts)) in files.iter().enumerate() {
        store.push(at, path, facts);
    }
    // And entries laid out against the partition: every bucket, last bucket first.
    let mut index = store.take_index();
    for (at, key) in (0..BUCKETS as u64)
        .rev()
        .flat_map(|b| [b << 58, (b << 58) | 5])
        .enumerate()
    {
        index.push(Entry {
            key,
            offset: 0,
            file: u32::try_from(1000 + at).expect("a small number"),
            len: 0,
            year: 0,
        });
    }
    let mut expected: Vec<(u64, u32)> = index.iter().map(|entry| (entry.key, entry.file)).collect();
    expected.sort_unstable();
    let buckets = Buckets::new(&mut index);
    assert_eq!(buckets.len(), BUCKETS);
    let mut seen = Vec::new();
    for at in 0..BUCKETS {
        let entries = buckets.sorted(at).expect("a bucket");
        assert!(entries.iter().all(|entry| bucket(entry.key) == at));
        assert!(entries.is_sorted_by_key(|entry| (entry.key, entry.year, entry.file)));
        seen.extend(entries.iter().map(|entry| (entry.key, entry.file)));
    }
    assert!(buckets.sorted(BUCKETS).is_none());
    seen.sort_unstable();
    assert_eq!(seen, expected);
    assert_eq!(seen.len(), files.len() + 2 * BUCKETS);
}

/// Bodies whose keys share a hash come back as bodies of one key each, in year order, whether
/// or not a body's reports spell its name alike.
#[test]
fn bodies_that_share_a_hash_are_told_apart() {
    let rules = RuleSet::builtin().expect("builtin rules");
    let files = corpus(&rules);
    let mut store = CorpusFacts::new(&CorpusOptions::default());
    for (at, (path, facts)) in files.iter().enumerate() {
        store.push(at, path, facts);
    }
    // Every report under one hash: the names must split them again.
    for entry in &mut store.entries {
        entry.key = 7;
    }
    let mut index = store.take_index();
    let buckets = Buckets::new(&mut index);
    let mut records = store.records();
    let mut bodies = Vec::new();
    records.for_each_body(&buckets.sorted(bucket(7)).expect("a bucket"), |body| {
        let organs: Vec<_> = body
            .iter()
            .map(|report| store.key(report.facts.organ.as_deref().unwrap_or("")))
            .collect();
        let years: Vec<_> = body.iter().map(|report| report.facts.year).collect();
        bodies.push((organs, years));
    });
    assert_eq!(bodies.len(), 12);
    for (organs, years) in bodies {
        assert_eq!(organs.len(), 4);
        assert!(organs.iter().all(|organ| *organ == organs[0]), "{organs:?}");
        assert!(years.is_sorted(), "{years:?}");
    }
}

/// A chunk is handed out before a record would make it outgrow its size, every byte reads
/// back from the file or memory, and the buffers of written chunks take the later ones.
#[test]
fn chunks_keep_their_size_and_their_buffers_are_reused() {
    let (path, file) = scratch_file("space");
    let mut space = spill::Space::default();
    space.chunk = 100;
    space.spill_to(file);
    let mut buffers = Vec::new();
    for n in 0..50_u8 {
        let (at, chunk) = space.append(&[n; 30]);
        assert_eq!(at, u64::from(n) * 30);
        if let Some(chunk) = chunk {
            assert_eq!(chunk.bytes.len(), 90);
            if !buffers.contains(&chunk.bytes.as_ptr()) {
                buffers.push(chunk.bytes.as_ptr());
            }
            let written = chunk.write();
            space.written(written);
        }
    }
    assert!(buffers.len() <= 3, "{}", buffers.len());
    for n in 0..50_u8 {
        let (start, end) = (u64::from(n) * 30, u64::from(n) * 30 + 30);
        let bytes = match space.in_memory(start, end) {
            Some(bytes) => bytes.to_vec(),
            None => {
                let mut bytes = vec![0; 30];
                space.read(start, &mut bytes).expect("spilled");
                bytes
            }
        };
        assert_eq!(bytes, [n; 30]);
    }
    let _ = std::fs::remove_file(&path);
}

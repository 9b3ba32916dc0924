//! The facts of a whole corpus, kept as bytes so that a run's memory does not grow with the
//! corpus: in memory up to a chunk, then written to a temporary file the caller provides
//! ([`spill`]). What stays in memory per report is one [`Entry`] (32 bytes): the hash of its
//! body's key, its year, and where its record is. Workers push reports as they finish them:
//! what takes time (the body's key, the record's bytes, the write to the file) is done outside
//! the store's lock ([`CorpusFacts::record`], [`Chunk::write`]). Records are read back one
//! body at a time for the rules that follow a body across years, on several threads at once
//! ([`Records`]), and one `[regions]` family at a time for the region rules.

mod buckets;
mod read;
mod spill;

use super::facts::{self, CrossFacts};
use super::{CorpusOptions, body_key};
pub(crate) use buckets::Buckets;
use buckets::bucket;
pub(crate) use read::Records;
use spill::Space;
pub use spill::{Chunk, Written};
use std::collections::BTreeMap;

/// One report of the corpus, as the store indexes it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    /// Hash of the report's grouping key; equal keys are confirmed on the decoded records.
    key: u64,
    /// Where the record starts in the store's bytes.
    offset: u64,
    /// The caller's number for the report (its position in the output).
    file: u32,
    len: u32,
    year: u16,
}

/// A report's facts read back from the store.
pub(crate) struct Loaded {
    pub(crate) file: usize,
    pub(crate) path: String,
    pub(crate) facts: CrossFacts,
}

/// A report's facts made ready to be kept ([`CorpusFacts::record`]): its body's key and its
/// bytes, worked out before the store's lock is taken.
#[derive(Debug)]
pub struct Record {
    /// The body's key, before the `[aliases]` (which the store holds).
    key: String,
    year: u16,
    file: u32,
    bytes: Vec<u8>,
}

/// The facts of every report of a corpus run that names its body and year (the others take no
/// part in the cross-report rules), for
/// [`RuleSet::check_corpus_facts`](crate::RuleSet::check_corpus_facts).
#[derive(Debug, Default)]
pub struct CorpusFacts {
    /// Body key → the key it stands for, both normalised.
    aliases: BTreeMap<String, String>,
    /// Parent key → child keys (normalised, aliases applied, each once, never the parent).
    regions: Vec<(String, Vec<String>)>,
    entries: Vec<Entry>,
    /// The records' bytes.
    space: Space,
    /// Records that could not be read back (the spill file failed under us).
    lost: usize,
}

impl CorpusFacts {
    /// A store that keeps every record in memory (a few hundred bytes per report).
    pub fn new(options: &CorpusOptions) -> Self {
        let mut store = Self {
            aliases: options
                .aliases
                .iter()
                .map(|(alias, body)| (body_key(alias), body_key(body)))
                .collect(),
            ..Self::default()
        };
        // Two spellings of one parent (`平潭综合实验区`, `平潭综合实验区管委会`) name one family.
        let mut regions: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (parent, children) in &options.regions {
            let parent = store.key(parent);
            let family = regions.entry(parent.clone()).or_default();
            for child in children {
                let child = store.key(child);
                if child != parent && !family.contains(&child) {
                    family.push(child);
                }
            }
        }
        store.regions = regions
            .into_iter()
            .filter(|(_, children)| !children.is_empty())
            .collect();
        store
    }

    /// Moves records to `file` (best an unlinked temporary file, opened for reading and writing)
    /// a chunk at a time. If writing to it fails, the store keeps the rest in memory.
    pub fn spill_to(mut self, file: std::fs::File) -> Self {
        self.space.spill_to(file);
        self
    }

    /// Number of reports kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reports whose facts could not be read back when the corpus was checked, and so were
    /// left out of the comparison.
    pub fn lost(&self) -> usize {
        self.lost
    }

    /// The key reports of one body share: [`body_key`], then the `[aliases]`.
    pub(crate) fn key(&self, organ: &str) -> String {
        self.aliased(body_key(organ))
    }

    fn aliased(&self, key: String) -> String {
        match self.aliases.get(&key) {
            Some(body) => body.clone(),
            None => key,
        }
    }

    /// The facts of report number `file` (its place in the output), shown as `path`, made
    /// ready for [`CorpusFacts::append`] without the store, so outside its lock. `None` for a
    /// report that does not name its body and year: it takes no part.
    pub fn record(file: usize, path: &str, facts: &CrossFacts) -> Option<Record> {
        let (Some(organ), Some(year), Ok(file)) =
            (facts.organ.as_deref(), facts.year, u32::try_from(file))
        else {
            return None;
        };
        let mut bytes = Vec::with_capacity(1024);
        facts::encode(path, facts, &mut bytes);
        Some(Record {
            key: body_key(organ),
            year,
            file,
            bytes,
        })
    }

    /// Keeps a report's record. Reports are kept in any order (a corpus run's workers push
    /// them as they finish): the check sorts them. When records have filled a chunk of
    /// memory, returns it to be written to the spill file once the store's lock is released
    /// ([`Chunk::write`]), and handed back ([`CorpusFacts::written`]).
    pub fn append(&mut self, record: Record) -> Option<Chunk> {
        let len = u32::try_from(record.bytes.len()).ok()?;
        let key = key_hash(&self.aliased(record.key));
        let (offset, chunk) = self.space.append(&record.bytes);
        self.entries.push(Entry {
            key,
            offset,
            file: record.file,
            len,
            year: record.year,
        });
        chunk
    }

    /// What became of a chunk [`CorpusFacts::append`] handed out ([`Chunk::write`]): its
    /// buffer takes a later chunk; if it could not be written, its records, and all later
    /// ones, stay in memory.
    pub fn written(&mut self, written: Written) {
        self.space.written(written);
    }

    /// Keeps the facts of report number `file` (its place in the output), shown as `path`:
    /// [`CorpusFacts::record`], [`CorpusFacts::append`] and [`CorpusFacts::written`] at once, for a
    /// caller that has the store to itself.
    pub fn push(&mut self, file: usize, path: &str, facts: &CrossFacts) {
        let chunk = Self::record(file, path, facts).and_then(|record| self.append(record));
        if let Some(chunk) = chunk {
            self.written(chunk.write());
        }
    }

    /// The index taken out of the store so that its records can be read while it is walked
    /// ([`Buckets::new`] cuts it); put it back with [`CorpusFacts::restore`].
    pub(crate) fn take_index(&mut self) -> Vec<Entry> {
        std::mem::take(&mut self.entries)
    }

    /// The index back, with the records lost while it was out.
    pub(crate) fn restore(&mut self, entries: Vec<Entry>, lost: usize) {
        self.entries = entries;
        self.lost += lost;
    }

    /// A reader of the records, for one thread.
    pub(crate) fn records(&self) -> Records<'_> {
        Records::new(self)
    }

    /// For each `[regions]` family whose parent has a report: the parent's reports and, per
    /// child in the configured order, that child's reports of the parent's years, each list
    /// sorted by year, then file. A family is skipped when a child has no such report at all.
    /// Only one family's records are in memory at a time.
    pub(crate) fn for_each_family(&mut self, mut visit: impl FnMut(&[Loaded], &[Vec<Loaded>])) {
        if self.regions.is_empty() {
            return;
        }
        let mut index = self.take_index();
        let buckets = Buckets::new(&mut index);
        let mut records = self.records();
        'families: for (parent, children) in &self.regions {
            let parent = self.load_body(&mut records, &buckets, parent, &[]);
            let mut years: Vec<u16> = parent
                .iter()
                .filter_map(|report| report.facts.year)
                .collect();
            if years.is_empty() {
                continue;
            }
            years.dedup();
            let mut loaded = Vec::with_capacity(children.len());
            for child in children {
                let reports = self.load_body(&mut records, &buckets, child, &years);
                if reports.is_empty() {
                    continue 'families;
                }
                loaded.push(reports);
            }
            visit(&parent, &loaded);
        }
        drop(buckets);
        // Unreadable records were counted as lost by the body pass.
        self.restore(index, 0);
    }

    /// The reports of the body `key`, only those of `years` unless it is empty.
    fn load_body(
        &self,
        records: &mut Records<'_>,
        buckets: &Buckets<'_>,
        key: &str,
        years: &[u16],
    ) -> Vec<Loaded> {
        let hash = key_hash(key);
        let Some(order) = buckets.sorted(bucket(hash)) else {
            return Vec::new();
        };
        let start = order.partition_point(|entry| entry.key < hash);
        let end = order.partition_point(|entry| entry.key <= hash);
        let run = order.get(start..end).unwrap_or_default();
        records.prefetch(run);
        run.iter()
            .filter(|entry| years.is_empty() || years.contains(&entry.year))
            .filter_map(|entry| records.load(entry))
            // Not another body whose key shares the hash.
            .filter(|loaded| self.key(loaded.facts.organ.as_deref().unwrap_or("")) == key)
            .collect()
    }
}

/// FNV-1a, 64 bits, of a body key.
fn key_hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |state, byte| {
        (state ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;

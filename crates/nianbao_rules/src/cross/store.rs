//! The facts of a whole corpus, kept as bytes so that a run's memory does not grow with the
//! corpus: in memory up to a chunk, then appended to a temporary file the caller provides.
//! What stays in memory per report is one [`Entry`] (32 bytes): the hash of its body's key,
//! its year, and where its record is. Records are read back one body at a time for the rules
//! that follow a body across years, and one `[regions]` family at a time for the region rules.

use super::facts::{self, CrossFacts};
use super::{CorpusOptions, body_key};
use std::collections::BTreeMap;
use std::io::{Seek, SeekFrom, Write};

/// One body's spilled records are read back at once when they lie within this many bytes.
const WINDOW: usize = 64 << 10;

/// Records are written to the spill file in chunks of about this many bytes.
const CHUNK: usize = 256 << 10;

/// One report of the corpus, as the store indexes it.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// Hash of the report's grouping key; equal keys are confirmed on the decoded records.
    key: u64,
    /// Where the record starts, counting the spilled bytes first, then those in memory.
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
    pub(crate) key: String,
    pub(crate) facts: CrossFacts,
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
    /// Records not (yet) in the spill file.
    memory: Vec<u8>,
    spill: Option<std::fs::File>,
    /// False once a write to the spill file has failed.
    writable: bool,
    /// Bytes of records safely in the spill file.
    spilled: u64,
    /// Records that could not be read back (the spill file failed under us).
    lost: usize,
    /// Records are moved to the spill file once this many bytes wait in memory.
    chunk: usize,
    /// Spilled bytes read ahead from this offset.
    window: (u64, Vec<u8>),
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
            chunk: CHUNK,
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
        self.spill = Some(file);
        self.writable = true;
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
        let key = body_key(organ);
        self.aliases.get(&key).cloned().unwrap_or(key)
    }

    /// Keeps the facts of report number `file` (its place in the output), shown as `path`.
    /// Reports are kept in any order (a corpus run's workers push them as they finish): the
    /// check sorts them.
    pub fn push(&mut self, file: usize, path: &str, facts: &CrossFacts) {
        let (Some(organ), Some(year), Ok(file)) =
            (facts.organ.as_deref(), facts.year, u32::try_from(file))
        else {
            return;
        };
        let key = key_hash(&self.key(organ));
        let start = self.memory.len();
        facts::encode(path, facts, &mut self.memory);
        let Ok(len) = u32::try_from(self.memory.len() - start) else {
            self.memory.truncate(start);
            return;
        };
        self.entries.push(Entry {
            key,
            offset: self.spilled + start as u64,
            file,
            len,
            year,
        });
        if self.memory.len() >= self.chunk {
            self.spill_memory();
        }
    }

    fn spill_memory(&mut self) {
        let Some(file) = self.spill.as_mut().filter(|_| self.writable) else {
            return;
        };
        let written = file
            .seek(SeekFrom::Start(self.spilled))
            .and_then(|_| file.write_all(&self.memory));
        match written {
            Ok(()) => {
                self.spilled += self.memory.len() as u64;
                self.memory.clear();
            }
            // What was written of this chunk is ignored: its records stay in memory, and so
            // do all later ones; the chunks before it are still read from the file.
            Err(_) => self.writable = false,
        }
    }

    /// Every report, grouped by its body's key, each body's sorted by year, then file. Calls
    /// `visit` with each body's records (those that read back).
    pub(crate) fn for_each_group(&mut self, mut visit: impl FnMut(Vec<Loaded>)) {
        let order = self.take_sorted();
        let mut group: Vec<Loaded> = Vec::new();
        for run in order.chunk_by(|a, b| a.key == b.key) {
            self.prefetch(run);
            for entry in run {
                match self.load(entry) {
                    Some(loaded) => group.push(loaded),
                    None => self.lost += 1,
                }
            }
            // Two bodies whose keys share a hash are told apart here; each keeps its order.
            group.sort_by(|a, b| a.key.cmp(&b.key));
            let mut rest = std::mem::take(&mut group);
            while let Some(first) = rest.first() {
                let end = rest
                    .iter()
                    .position(|loaded| loaded.key != first.key)
                    .unwrap_or(rest.len());
                let others = rest.split_off(end);
                visit(rest);
                rest = others;
            }
        }
        self.entries = order;
    }

    /// For each `[regions]` family whose parent has a report: the parent's reports and, per
    /// child in the configured order, that child's reports of the parent's years, each list
    /// sorted by year, then file. A family is skipped when a child has no such report at all.
    /// Only one family's records are in memory at a time.
    pub(crate) fn for_each_family(&mut self, mut visit: impl FnMut(&[Loaded], &[Vec<Loaded>])) {
        if self.regions.is_empty() {
            return;
        }
        let order = self.take_sorted();
        let families = std::mem::take(&mut self.regions);
        'families: for (parent, children) in &families {
            let parent = self.load_body(&order, parent, &[]);
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
                let reports = self.load_body(&order, child, &years);
                if reports.is_empty() {
                    continue 'families;
                }
                loaded.push(reports);
            }
            visit(&parent, &loaded);
        }
        self.regions = families;
        self.entries = order;
    }

    /// The reports of the body `key` in `order` (sorted by key hash, year, file), only those of
    /// `years` unless it is empty. Unreadable records were counted as lost by the body pass.
    fn load_body(&mut self, order: &[Entry], key: &str, years: &[u16]) -> Vec<Loaded> {
        let hash = key_hash(key);
        let start = order.partition_point(|entry| entry.key < hash);
        let end = order.partition_point(|entry| entry.key <= hash);
        let mut found = Vec::new();
        let run = order.get(start..end).unwrap_or_default();
        self.prefetch(run);
        for entry in run {
            if !years.is_empty() && !years.contains(&entry.year) {
                continue;
            }
            // Not another body whose key shares the hash.
            if let Some(loaded) = self.load(entry).filter(|loaded| loaded.key == key) {
                found.push(loaded);
            }
        }
        found
    }

    /// The index sorted by key hash, year, file, taken out of the store so that records can be
    /// read while it is walked (sorting a copy would double the index at the run's peak); the
    /// caller puts it back.
    fn take_sorted(&mut self) -> Vec<Entry> {
        let mut order = std::mem::take(&mut self.entries);
        order.sort_unstable_by_key(|entry| (entry.key, entry.year, entry.file));
        order
    }

    /// A report read back, with the key it is grouped under; `None` if its record cannot be.
    fn load(&mut self, entry: &Entry) -> Option<Loaded> {
        let (path, facts) = self.read(entry)?;
        let key = self.key(facts.organ.as_deref().unwrap_or(""));
        Some(Loaded {
            file: entry.file as usize,
            path,
            key,
            facts,
        })
    }

    fn read(&mut self, entry: &Entry) -> Option<(String, CrossFacts)> {
        let len = usize::try_from(entry.len).ok()?;
        if entry.offset >= self.spilled {
            let start = usize::try_from(entry.offset - self.spilled).ok()?;
            return facts::decode(self.memory.get(start..start.checked_add(len)?)?);
        }
        let end = entry.offset.checked_add(u64::from(entry.len))?;
        let (start, window) = &self.window;
        if entry.offset < *start || end > start + window.len() as u64 {
            self.fill_window(entry.offset, end)?;
        }
        let at = usize::try_from(entry.offset - self.window.0).ok()?;
        facts::decode(self.window.1.get(at..at.checked_add(len)?)?)
    }

    /// Reads the spilled records of `run` (one body's, usually close together in the file: a
    /// corpus is laid out by body or by region) with one read when they lie within [`WINDOW`]
    /// bytes; the others are read one by one.
    fn prefetch(&mut self, run: &[Entry]) {
        let spilled = run.iter().filter(|entry| entry.offset < self.spilled);
        let start = spilled.clone().map(|entry| entry.offset).min();
        let end = spilled
            .map(|entry| entry.offset.saturating_add(u64::from(entry.len)))
            .max();
        if let (Some(start), Some(end)) = (start, end) {
            if end - start <= WINDOW as u64 {
                // A failed read leaves the window empty; the records are then read one by one.
                let _ = self.fill_window(start, end);
            }
        }
    }

    fn fill_window(&mut self, start: u64, end: u64) -> Option<()> {
        let mut bytes = std::mem::take(&mut self.window.1);
        bytes.resize(usize::try_from(end.checked_sub(start)?).ok()?, 0);
        read_at(self.spill.as_mut()?, start, &mut bytes).ok()?;
        self.window = (start, bytes);
        Some(())
    }
}

/// One positioned read (`pread`) where the platform has it: the corpus pass reads every record
/// back in key order, and a seek before each read doubled its system calls.
#[cfg(unix)]
fn read_at(file: &mut std::fs::File, offset: u64, bytes: &mut [u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(not(unix))]
fn read_at(file: &mut std::fs::File, offset: u64, bytes: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(bytes)
}

/// FNV-1a, 64 bits, of a body key.
fn key_hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |state, byte| {
        (state ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;

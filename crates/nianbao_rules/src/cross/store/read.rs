//! Records read back from the store by one thread: its own read-ahead window on the spill file,
//! so that several threads read and decode bodies at once while the store is shared.

use super::super::facts;
use super::{CorpusFacts, Entry, Loaded};

/// One body's spilled records are read back at once when they lie within this many bytes.
const WINDOW: usize = 64 << 10;

/// A reader of the store's records, one per thread.
pub(crate) struct Records<'s> {
    store: &'s CorpusFacts,
    /// Spilled bytes read ahead from this offset.
    start: u64,
    window: Vec<u8>,
    lost: usize,
}

impl<'s> Records<'s> {
    pub(super) fn new(store: &'s CorpusFacts) -> Self {
        Self {
            store,
            start: 0,
            window: Vec::new(),
            lost: 0,
        }
    }

    /// Records that could not be read back (the spill file failed under us).
    pub(crate) fn lost(&self) -> usize {
        self.lost
    }

    /// Calls `visit` with each body of `lot` (entries sorted by key hash, year, file, each hash
    /// whole: a bucket, [`super::Buckets::sorted`]), its reports sorted by year, then file.
    pub(crate) fn for_each_body(&mut self, lot: &[Entry], mut visit: impl FnMut(Vec<Loaded>)) {
        for run in lot.chunk_by(|a, b| a.key == b.key) {
            self.prefetch(run);
            let mut loaded = Vec::with_capacity(run.len());
            for entry in run {
                match self.load(entry) {
                    Some(report) => loaded.push(report),
                    None => self.lost += 1,
                }
            }
            // Equal names make equal keys: the keys are only worked out when they differ.
            let first = loaded.first().map(Loaded::organ);
            if loaded.iter().all(|report| Some(report.organ()) == first) {
                if !loaded.is_empty() {
                    visit(loaded);
                }
                continue;
            }
            // Two bodies whose keys share a hash are told apart here; each keeps its order.
            let mut keyed: Vec<(String, Loaded)> = loaded
                .into_iter()
                .map(|report| (self.store.key(report.organ()), report))
                .collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            let mut body = Vec::new();
            let mut keyed = keyed.into_iter().peekable();
            while let Some((key, report)) = keyed.next() {
                body.push(report);
                if keyed.peek().is_none_or(|(next, _)| *next != key) {
                    visit(std::mem::take(&mut body));
                }
            }
        }
    }

    /// A report read back; `None` if its record cannot be.
    pub(super) fn load(&mut self, entry: &Entry) -> Option<Loaded> {
        let (path, facts) = facts::decode(self.bytes(entry)?)?;
        Some(Loaded {
            file: entry.file as usize,
            path,
            facts,
        })
    }

    fn bytes(&mut self, entry: &Entry) -> Option<&[u8]> {
        let (start, end) = entry.span()?;
        let store = self.store;
        if let Some(bytes) = store.space.in_memory(start, end) {
            return Some(bytes);
        }
        let ahead = self.start + self.window.len() as u64;
        if start < self.start || end > ahead {
            self.fill(start, end)?;
        }
        let from = usize::try_from(start - self.start).ok()?;
        self.window
            .get(from..from + usize::try_from(entry.len).ok()?)
    }

    /// Reads the spilled records of `run` (one body's, usually close together in the file: a
    /// corpus is laid out by body or by region) with one read when they lie within [`WINDOW`]
    /// bytes; the others are read one by one.
    pub(super) fn prefetch(&mut self, run: &[Entry]) {
        let spilled = run
            .iter()
            .filter_map(Entry::span)
            .filter(|&(start, end)| self.store.space.in_memory(start, end).is_none());
        let start = spilled.clone().map(|(start, _)| start).min();
        let end = spilled.map(|(_, end)| end).max();
        if let (Some(start), Some(end)) = (start, end) {
            if end - start <= WINDOW as u64 {
                // A failed read leaves the window empty; the records are then read one by one.
                let _ = self.fill(start, end);
            }
        }
    }

    fn fill(&mut self, start: u64, end: u64) -> Option<()> {
        // Overwritten whole by the read: only bytes the window never had are zeroed first.
        let len = usize::try_from(end.checked_sub(start)?).ok()?;
        self.window.truncate(len);
        self.window.resize(len, 0);
        if self.store.space.read(start, &mut self.window).is_err() {
            self.window.clear();
            return None;
        }
        self.start = start;
        Some(())
    }
}

impl Loaded {
    fn organ(&self) -> &str {
        self.facts.organ.as_deref().unwrap_or("")
    }
}

impl Entry {
    /// Where the record lies in the store's bytes.
    fn span(&self) -> Option<(u64, u64)> {
        Some((self.offset, self.offset.checked_add(u64::from(self.len))?))
    }
}

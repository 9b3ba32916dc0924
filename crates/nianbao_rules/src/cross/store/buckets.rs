//! The store's index cut into buckets by the top bits of the key hash for the end phase: a
//! body's reports share a bucket, and each checker sorts the bucket it takes, instead of one
//! thread sorting the whole index while the others wait. The index stays one vector while
//! reports are pushed (64 growing vectors left about 0.6 MB of freed buffers behind); it is
//! partitioned in place, in one pass, when the end phase begins.

use super::Entry;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Buckets of the index.
pub(super) const BUCKETS: usize = 64;

/// The bucket of a key hash.
pub(super) fn bucket(key: u64) -> usize {
    (key >> (u64::BITS - BUCKETS.trailing_zeros())) as usize
}

/// The index cut into [`BUCKETS`] buckets, each sorted by the thread that takes it.
pub(crate) struct Buckets<'e>(Vec<Mutex<&'e mut [Entry]>>);

impl<'e> Buckets<'e> {
    /// Partitions `entries` in place by bucket (each entry moved at most once, as the
    /// "American flag" sort does).
    pub(crate) fn new(entries: &'e mut [Entry]) -> Self {
        let mut ends = [0_usize; BUCKETS];
        for entry in entries.iter() {
            ends[bucket(entry.key)] += 1;
        }
        let mut total = 0;
        for end in &mut ends {
            total += *end;
            *end = total;
        }
        // `next[b]`: the first place of bucket `b` not yet known to hold one of its entries.
        let mut next = [0_usize; BUCKETS];
        next[1..].copy_from_slice(&ends[..BUCKETS - 1]);
        for at in 0..BUCKETS {
            while next[at] < ends[at] {
                let belongs = bucket(entries[next[at]].key);
                if belongs != at {
                    entries.swap(next[at], next[belongs]);
                }
                next[belongs] += 1;
            }
        }
        let mut buckets = Vec::with_capacity(BUCKETS);
        let mut rest = entries;
        let mut start = 0;
        for end in ends {
            let (bucket, tail) = rest.split_at_mut(end - start);
            buckets.push(Mutex::new(bucket));
            rest = tail;
            start = end;
        }
        Self(buckets)
    }

    /// Bucket `at` sorted by key hash, year, file, so that each body is a run of it; `None`
    /// past the last.
    pub(crate) fn sorted(&self, at: usize) -> Option<MutexGuard<'_, &'e mut [Entry]>> {
        let mut bucket = self
            .0
            .get(at)?
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        bucket.sort_unstable_by_key(|entry| (entry.key, entry.year, entry.file));
        Some(bucket)
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

//! How many bytes of input are being checked at once. A file's memory while it is read, parsed
//! and checked grows with its size (a hostile 19 MB file of repeated headings makes the parser
//! hold half a gigabyte), so what bounds a run's memory is not the number of threads but the
//! bytes in flight: a worker waits before starting a file that would take them past
//! [`IN_FLIGHT_BYTES`], and a file larger than that runs alone. Reports are a few hundred
//! kilobytes, so a corpus of them never waits.

use super::sleepers::Sleepers;
use std::sync::{Mutex, PoisonError};

/// Input bytes checked at once, at most (a larger file runs alone).
pub const IN_FLIGHT_BYTES: u64 = 16 << 20;

/// The bytes of the files being checked now.
pub struct InFlight {
    limit: u64,
    /// Bytes of the files admitted and not yet done.
    used: Mutex<u64>,
    freed: Sleepers,
}

/// A file's place among those in flight, given back when dropped (a panic included).
pub struct Admitted<'a> {
    in_flight: &'a InFlight,
    weight: u64,
}

impl Default for InFlight {
    fn default() -> Self {
        Self::new(IN_FLIGHT_BYTES)
    }
}

impl InFlight {
    pub fn new(limit: u64) -> Self {
        Self {
            limit,
            used: Mutex::new(0),
            freed: Sleepers::default(),
        }
    }

    /// Waits until a file of `size` bytes fits beside those in flight (or nothing else is in
    /// flight), and counts it in.
    pub fn admit(&self, size: u64) -> Admitted<'_> {
        let weight = size.min(self.limit);
        let used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let mut used = self
            .freed
            .wait_while(used, |&used| used > 0 && used + weight > self.limit);
        *used += weight;
        Admitted {
            in_flight: self,
            weight,
        }
    }
}

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        let mut used = self
            .in_flight
            .used
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *used -= self.weight;
        self.in_flight.freed.wake();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Eight workers admitting files of 6 units under a limit of 10: never more than one such
    /// file at once, and every file is admitted. Counted, not timed.
    #[test]
    fn large_files_take_turns_and_small_ones_share() {
        let in_flight = InFlight::new(10);
        let now = AtomicU64::new(0);
        let most = AtomicU64::new(0);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    for _ in 0..50 {
                        let _admitted = in_flight.admit(6);
                        let current = now.fetch_add(6, Ordering::SeqCst) + 6;
                        most.fetch_max(current, Ordering::SeqCst);
                        std::thread::yield_now();
                        now.fetch_sub(6, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 6);
        // A file larger than the limit is admitted alone; small ones fit together.
        let big = in_flight.admit(1 << 40);
        drop(big);
        let (_a, _b) = (in_flight.admit(5), in_flight.admit(5));
        assert_eq!(*in_flight.used.lock().unwrap(), 10);
    }
}

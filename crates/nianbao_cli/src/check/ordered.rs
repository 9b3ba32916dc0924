//! Work done on a pool while the calling thread takes the results in the items' order, as they
//! come. Checking a corpus in batches (each batch in parallel, then written) made every batch
//! wait for its slowest file and left the workers idle while the batch was written: on two
//! threads a run was 1.72× one thread's speed. Here the workers take the next item as soon as
//! they are free, and the caller writes whatever is ready, in order, while they go on.
//!
//! Memory stays bounded as with batches: a worker does not start an item more than `window`
//! places past the first one not yet handed over, so at most `window` results wait beside
//! those the caller is writing.
//!
//! A first version handed each result over through a channel: the caller was woken for every
//! file (a system call and a context switch each), which cost more CPU than the batches'
//! barriers did.

use super::sleepers::Sleepers;
use rayon::ThreadPool;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Whether the caller wants more results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    More,
    /// Items not yet started are left alone.
    Stop,
}

/// `work` applied to each of `items` on `pool`'s threads; `sink` is given the results in the
/// items' order, on the calling thread, at least `window / 2` at a time (but for the last):
/// a hand-over wakes the caller, a system call, so it is not done for each result.
pub fn stream<T: Sync, R: Send>(
    pool: &ThreadPool,
    items: &[T],
    window: usize,
    work: impl Fn(usize, &T) -> R + Sync,
    mut sink: impl FnMut(Vec<R>) -> Flow,
) {
    let workers = pool.current_num_threads().max(1);
    let shared = Shared::new(window.max(2), workers);
    let next = AtomicUsize::new(0);
    pool.in_place_scope(|scope| {
        for _ in 0..workers {
            let (next, shared, work) = (&next, &shared, &work);
            scope.spawn(move |_| {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(at) else { break };
                    if !shared.wait_until_near(at) {
                        break;
                    }
                    shared.put(at, work(at, item));
                }
                shared.worker_done();
            });
        }
        while let Some(ready) = shared.take_ready() {
            if sink(ready) == Flow::Stop {
                shared.stop();
                break;
            }
        }
    });
}

/// What the workers and the caller share, under one lock.
struct Shared<R> {
    window: usize,
    workers: usize,
    state: Mutex<State<R>>,
    /// Workers waiting for the window to move.
    moved: Sleepers,
    /// The caller, waiting for enough results to be ready, or all.
    ready: Sleepers,
}

struct State<R> {
    /// The place of the first result not yet handed over.
    first: usize,
    /// Result slots from `first` on.
    slots: VecDeque<Option<R>>,
    /// How many slots from the front are filled.
    ready: usize,
    workers_done: usize,
    stopped: bool,
}

impl<R> Shared<R> {
    fn new(window: usize, workers: usize) -> Self {
        Self {
            window,
            workers,
            state: Mutex::new(State {
                first: 0,
                slots: VecDeque::new(),
                ready: 0,
                workers_done: 0,
                stopped: false,
            }),
            moved: Sleepers::default(),
            ready: Sleepers::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until item `at` is within the window of the first not handed over; `false`
    /// when the caller stopped. The worker holding that first item never waits, so the
    /// caller always gets it.
    fn wait_until_near(&self, at: usize) -> bool {
        let state = self.moved.wait_while(self.lock(), |state| {
            !state.stopped && at >= state.first + self.window
        });
        !state.stopped
    }

    fn put(&self, at: usize, result: R) {
        let mut state = self.lock();
        let slot = at - state.first;
        if state.slots.len() <= slot {
            state.slots.resize_with(slot + 1, || None);
        }
        state.slots[slot] = Some(result);
        while state.slots.get(state.ready).is_some_and(Option::is_some) {
            state.ready += 1;
        }
        if state.ready >= self.window / 2 {
            self.ready.wake();
        }
    }

    fn worker_done(&self) {
        let mut state = self.lock();
        state.workers_done += 1;
        if state.workers_done == self.workers {
            self.ready.wake();
        }
    }

    /// The next results in order, once half a window of them is ready or every worker is
    /// done; `None` when nothing is left.
    fn take_ready(&self) -> Option<Vec<R>> {
        let mut state = self.ready.wait_while(self.lock(), |state| {
            state.ready < self.window / 2 && state.workers_done < self.workers
        });
        let count = state.ready;
        if count == 0 {
            return None;
        }
        let ready: Vec<R> = state.slots.drain(..count).flatten().collect();
        state.first += count;
        state.ready = 0;
        self.moved.wake();
        Some(ready)
    }

    fn stop(&self) {
        let mut state = self.lock();
        state.stopped = true;
        self.moved.wake();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(threads: usize) -> ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    /// Items of uneven cost come back in order, each once, and no worker runs more than the
    /// window ahead of what the caller has taken (counted, not timed).
    #[test]
    fn results_come_in_order_within_the_window() {
        let items: Vec<u64> = (0..500).map(|i| (i * 7919) % 13).collect();
        let handed_over = AtomicUsize::new(0);
        let furthest_ahead = AtomicUsize::new(0);
        let mut seen = Vec::new();
        stream(
            &pool(3),
            &items,
            8,
            |at, cost| {
                let first = handed_over.load(Ordering::SeqCst);
                furthest_ahead.fetch_max(at.saturating_sub(first), Ordering::SeqCst);
                for _ in 0..*cost * 100 {
                    std::hint::black_box(at);
                }
                at
            },
            |ready| {
                seen.extend(ready);
                handed_over.store(seen.len(), Ordering::SeqCst);
                Flow::More
            },
        );
        assert_eq!(seen, (0..500).collect::<Vec<_>>());
        // A window waiting, beside the hand-over the caller is still taking.
        assert!(furthest_ahead.load(Ordering::SeqCst) < 2 * 8);
    }

    /// A sink that says stop gets nothing more, and items far past it are never started.
    #[test]
    fn stop_leaves_the_rest_unstarted() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let mut seen = 0;
        stream(
            &pool(2),
            &items,
            4,
            |at, _| {
                started.fetch_add(1, Ordering::SeqCst);
                at
            },
            |ready| {
                seen += ready.len();
                if seen >= 10 { Flow::Stop } else { Flow::More }
            },
        );
        assert!(seen >= 10);
        assert!(started.load(Ordering::SeqCst) < 100);
    }
}

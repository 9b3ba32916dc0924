//! Work done on a pool while the calling thread takes the results in the items' order, as they
//! come. Checking a corpus in batches (each batch in parallel, then written) made every batch
//! wait for its slowest file and left the workers idle while the batch was written: on two
//! threads a run was 1.72× one thread's speed. Here the workers take the next item as soon as
//! they are free, and the caller writes whatever is ready, in order, while they go on.
//!
//! Memory stays bounded as with batches: a worker does not start an item more than
//! [`Window::results`] places past the first one not yet handed over, nor while the results
//! waiting weigh [`Window::bytes`] or more (the one holding the first item always goes on), so
//! little more than a window waits beside what the caller is writing.
//!
//! A first version handed each result over through a channel: the caller was woken for every
//! file (a system call and a context switch each), which cost more CPU than the batches'
//! barriers did. A window of 16 results a worker still woke the caller every 16 files: with
//! two workers on two cores each wake-up took a core from a worker (1,250 wake-ups, ~2,500
//! context switches and 1.08 s for 20,000 reports; 128 a worker: ~800 switches, 0.93 s).

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

/// How much of the results may wait to be handed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Results waiting, at most (beside those of items being worked on).
    pub results: usize,
    /// What the waiting results weigh (see `weigh` in [`stream`]), at most, but for one.
    pub bytes: usize,
}

impl Window {
    /// Whether what waits, `results` weighing `bytes`, is half a window: enough to hand over.
    pub fn half_full(&self, results: usize, bytes: usize) -> bool {
        results >= self.results / 2 || bytes >= self.bytes / 2
    }
}

/// `work` applied to each of `items` on `pool`'s threads; `sink` is given the results in the
/// items' order, on the calling thread, half a `window` at a time (but for the last): a
/// hand-over wakes the caller, a system call, so it is not done for each result. `weigh` says
/// about how many bytes a result holds.
pub fn stream<T: Sync, R: Send>(
    pool: &ThreadPool,
    items: &[T],
    window: Window,
    weigh: impl Fn(&R) -> usize + Sync,
    work: impl Fn(usize, &T) -> R + Sync,
    mut sink: impl FnMut(Vec<R>) -> Flow,
) {
    let workers = pool.current_num_threads().max(1);
    let window = Window {
        results: window.results.max(2),
        bytes: window.bytes.max(2),
    };
    let shared = Shared::new(window, workers);
    let next = AtomicUsize::new(0);
    pool.in_place_scope(|scope| {
        for _ in 0..workers {
            let (next, shared, work, weigh) = (&next, &shared, &work, &weigh);
            scope.spawn(move |_| {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(at) else { break };
                    if !shared.wait_until_near(at) {
                        break;
                    }
                    let result = work(at, item);
                    let weight = weigh(&result);
                    shared.put(at, result, weight);
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
    window: Window,
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
    /// Result slots from `first` on, with their weights.
    slots: VecDeque<Option<(R, usize)>>,
    /// How many slots from the front are filled.
    ready: usize,
    /// What those `ready` results weigh.
    ready_bytes: usize,
    /// What every filled slot weighs.
    held_bytes: usize,
    workers_done: usize,
    stopped: bool,
}

impl<R> Shared<R> {
    fn new(window: Window, workers: usize) -> Self {
        Self {
            window,
            workers,
            state: Mutex::new(State {
                first: 0,
                slots: VecDeque::new(),
                ready: 0,
                ready_bytes: 0,
                held_bytes: 0,
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

    /// Waits until item `at` is within the window of the first not handed over, and what
    /// waits weighs less than the window allows; `false` when the caller stopped. When the
    /// weight holds the workers back and the results ready are too few to wake the caller,
    /// the worker holding the first item not yet done goes on, so the caller always gets more.
    fn wait_until_near(&self, at: usize) -> bool {
        let state = self.moved.wait_while(self.lock(), |state| {
            let unblocks = at == state.first + state.ready
                && !self.window.half_full(state.ready, state.ready_bytes);
            !state.stopped
                && (at >= state.first + self.window.results
                    || (state.held_bytes >= self.window.bytes && !unblocks))
        });
        !state.stopped
    }

    fn put(&self, at: usize, result: R, weight: usize) {
        let mut state = self.lock();
        let slot = at - state.first;
        if state.slots.len() <= slot {
            state.slots.resize_with(slot + 1, || None);
        }
        state.slots[slot] = Some((result, weight));
        state.held_bytes += weight;
        let was_ready = state.ready;
        while let Some(Some((_, weight))) = state.slots.get(state.ready) {
            let weight = *weight;
            state.ready_bytes += weight;
            state.ready += 1;
        }
        if self.window.half_full(state.ready, state.ready_bytes) {
            self.ready.wake();
        }
        // The first item not done has moved on: its worker may be waiting on the weight.
        if state.ready > was_ready && state.held_bytes >= self.window.bytes {
            self.moved.wake();
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
            !self.window.half_full(state.ready, state.ready_bytes)
                && state.workers_done < self.workers
        });
        let count = state.ready;
        if count == 0 {
            return None;
        }
        let ready: Vec<R> = state
            .slots
            .drain(..count)
            .flatten()
            .map(|(result, _)| result)
            .collect();
        state.first += count;
        state.ready = 0;
        state.held_bytes -= state.ready_bytes;
        state.ready_bytes = 0;
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
        let window = Window {
            results: 8,
            bytes: usize::MAX,
        };
        stream(
            &pool(3),
            &items,
            window,
            |_| 0,
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

    /// Heavy results are handed over by weight, not count: with room for 1,000 results but
    /// 100 bytes, results of 10 bytes never run far ahead of what the caller has taken.
    #[test]
    fn heavy_results_are_bounded_by_weight() {
        let items: Vec<usize> = (0..2_000).collect();
        let handed_over = AtomicUsize::new(0);
        let furthest_ahead = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let window = Window {
            results: 1_000,
            bytes: 100,
        };
        stream(
            &pool(3),
            &items,
            window,
            |_| 10,
            |at, _| {
                let first = handed_over.load(Ordering::SeqCst);
                furthest_ahead.fetch_max(at.saturating_sub(first), Ordering::SeqCst);
                at
            },
            |ready| {
                seen.extend(ready);
                handed_over.store(seen.len(), Ordering::SeqCst);
                Flow::More
            },
        );
        assert_eq!(seen, items);
        // Ten results waiting, as many taken and not yet counted, an item or two a worker.
        let ahead = furthest_ahead.load(Ordering::SeqCst);
        assert!(ahead < 2 * 10 + 2 * 3, "{ahead}");
    }

    /// A sink that says stop gets nothing more, and items far past it are never started.
    #[test]
    fn stop_leaves_the_rest_unstarted() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let mut seen = 0;
        let window = Window {
            results: 4,
            bytes: usize::MAX,
        };
        stream(
            &pool(2),
            &items,
            window,
            |_| 0,
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

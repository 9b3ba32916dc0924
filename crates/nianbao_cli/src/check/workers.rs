//! Who checks the files: a pool of worker threads, or, when a run has one worker's worth of
//! work (one file, or `--threads 1`), the main thread itself. Starting a pool for a single
//! report (the editor's case) spawned threads that only waited for the main thread to hand
//! them the file and then for each other to stop.

use super::ordered::{self, Flow, Window};
use rayon::ThreadPool;
use rayon::prelude::*;

pub enum Workers {
    Pool(ThreadPool),
    /// Everything runs on the calling thread, in order.
    Here,
}

impl Workers {
    /// `threads` workers (0: one per core, as rayon counts them) for `files` files; the main
    /// thread alone when there is one file or one worker.
    pub fn new(threads: usize, files: usize) -> Result<Workers, rayon::ThreadPoolBuildError> {
        if files <= 1 || threads == 1 {
            return Ok(Workers::Here);
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map(Workers::Pool)
    }

    /// How many files are checked at once.
    pub fn count(&self) -> usize {
        match self {
            Workers::Pool(pool) => pool.current_num_threads().max(1),
            Workers::Here => 1,
        }
    }

    /// `work` applied to each of `items`, the results in the items' order.
    pub fn map<I, R>(
        &self,
        items: I,
        work: impl Fn(<I as IntoParallelIterator>::Item) -> R + Sync + Send,
    ) -> Vec<R>
    where
        I: IntoParallelIterator + IntoIterator<Item = <I as IntoParallelIterator>::Item> + Send,
        R: Send,
    {
        match self {
            Workers::Pool(pool) => pool.install(|| items.into_par_iter().map(work).collect()),
            Workers::Here => items.into_iter().map(work).collect(),
        }
    }

    /// `work` applied to each of `items`, the results handed to `sink` in the items' order,
    /// half a `window` at a time (`weigh` says about how many bytes a result holds): on a
    /// pool, as they come ([`ordered`]); here, as they are made.
    pub fn stream<T: Sync, R: Send>(
        &self,
        items: &[T],
        window: Window,
        weigh: impl Fn(&R) -> usize + Sync,
        work: impl Fn(usize, &T) -> R + Sync,
        mut sink: impl FnMut(Vec<R>) -> Flow,
    ) {
        match self {
            Workers::Pool(pool) => ordered::stream(pool, items, window, weigh, work, sink),
            Workers::Here => {
                let mut results = Vec::new();
                let mut bytes = 0;
                for (at, item) in items.iter().enumerate() {
                    let result = work(at, item);
                    bytes += weigh(&result);
                    results.push(result);
                    if window.half_full(results.len(), bytes) || at + 1 == items.len() {
                        bytes = 0;
                        if sink(std::mem::take(&mut results)) == Flow::Stop {
                            break;
                        }
                    }
                }
            }
        }
    }

    /// `work` done on each of `items`.
    pub fn for_each<I>(
        &self,
        items: I,
        work: impl Fn(<I as IntoParallelIterator>::Item) + Sync + Send,
    ) where
        I: IntoParallelIterator + IntoIterator<Item = <I as IntoParallelIterator>::Item> + Send,
    {
        match self {
            Workers::Pool(pool) => pool.install(|| items.into_par_iter().for_each(work)),
            Workers::Here => items.into_iter().for_each(work),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_or_one_worker_runs_here_and_results_keep_their_order() {
        assert!(matches!(Workers::new(4, 1), Ok(Workers::Here)));
        assert!(matches!(Workers::new(1, 50), Ok(Workers::Here)));
        let Ok(pool) = Workers::new(2, 50) else {
            panic!("no pool");
        };
        assert_eq!(pool.count(), 2);
        let items: Vec<u32> = (0..100).collect();
        for workers in [pool, Workers::Here] {
            let on: Vec<bool> = workers.map(&items, |_| rayon::current_thread_index().is_some());
            assert!(
                on.iter()
                    .all(|&pooled| pooled == matches!(workers, Workers::Pool(_)))
            );
            assert_eq!(
                workers.map(&items, |item| item * 2),
                items.iter().map(|i| i * 2).collect::<Vec<_>>()
            );
        }
    }
}

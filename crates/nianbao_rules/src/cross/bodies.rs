//! The corpus pass a body at a time, on several threads: the store's records are read back on
//! the calling thread (one file, read in order) while the bodies already read are checked on
//! `threads` others, and their findings handed to the caller on the calling thread as they come.
//! This pass runs once every file is checked, so whatever it does on one thread the whole run
//! waits for.

use super::regions;
use super::store::{CorpusFacts, Loaded};
use super::{CrossPlan, check_body};
use crate::rule::Rule;
use nianbao_model::Diagnostic;
use std::sync::{Mutex, mpsc};

/// Lots of bodies read and waiting for a checker, at most: what is held while the reading runs
/// ahead.
const QUEUED: usize = 8;

/// Reports handed to a checker at once: a lot of several bodies, so that checkers are woken
/// once per lot rather than once per body (a body has a few reports).
const LOT: usize = 64;

/// [`super::check_corpus`] unsorted, handed over as each body's findings are complete (then the
/// regions' in one lot), so a caller need not hold them all. Each body's findings come in one
/// lot, in the order [`super::check_corpus`] sorts stably; bodies come in any order (a report
/// belongs to one body, so their order never decides a tie of the sort).
pub(crate) fn check_corpus_by_body(
    rules: &[Rule],
    plan: &CrossPlan,
    corpus: &mut CorpusFacts,
    threads: usize,
    mut emit: impl FnMut(Vec<(usize, Diagnostic)>),
) {
    if threads <= 1 {
        corpus.for_each_group(|body| {
            let mut out = Vec::new();
            check_body(rules, plan, &body, &mut out);
            if !out.is_empty() {
                emit(out);
            }
        });
    } else {
        on_threads(rules, plan, corpus, threads, &mut emit);
    }
    let mut out = Vec::new();
    regions::check(rules, plan, corpus, &mut out);
    if !out.is_empty() {
        emit(out);
    }
}

/// The bodies read here and checked on `threads` scoped threads. A checker that panics ends
/// the scope with its panic, as checking on this thread would have.
fn on_threads(
    rules: &[Rule],
    plan: &CrossPlan,
    corpus: &mut CorpusFacts,
    threads: usize,
    emit: &mut impl FnMut(Vec<(usize, Diagnostic)>),
) {
    let (to_check, queue) = mpsc::sync_channel::<Vec<Vec<Loaded>>>(QUEUED);
    let queue = Mutex::new(queue);
    let (checked, found) = mpsc::channel::<Vec<(usize, Diagnostic)>>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let queue = &queue;
            let checked = checked.clone();
            scope.spawn(move || {
                // One checker waits on the queue at a time; the others wait for the lock.
                while let Ok(lot) = queue
                    .lock()
                    .map_err(drop)
                    .and_then(|queue| queue.recv().map_err(drop))
                {
                    for body in lot {
                        let mut out = Vec::new();
                        check_body(rules, plan, &body, &mut out);
                        if !out.is_empty() && checked.send(out).is_err() {
                            return;
                        }
                    }
                }
            });
        }
        drop(checked);
        let mut lot = Vec::new();
        let mut reports = 0;
        corpus.for_each_group(|body| {
            reports += body.len();
            lot.push(body);
            if reports >= LOT {
                reports = 0;
                // Refused only once the checkers are gone, by a panic the scope will raise.
                let _ = to_check.send(std::mem::take(&mut lot));
                while let Ok(out) = found.try_recv() {
                    emit(out);
                }
            }
        });
        if !lot.is_empty() {
            let _ = to_check.send(lot);
        }
        drop(to_check);
        // Ends when every checker has finished the queue.
        for out in found {
            emit(out);
        }
    });
}

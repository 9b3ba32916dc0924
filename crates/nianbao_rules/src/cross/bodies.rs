//! The corpus pass a body at a time, on several threads: `threads` checkers (the calling
//! thread one of them) take the store's buckets in turn, each sorting its bucket, then reading
//! back, decoding and checking its bodies; the calling thread hands every finding over as it
//! comes, between its buckets. This pass runs once every file is checked, so whatever it does
//! on one thread the whole run waits for: no thread waits for another's reading.

use super::CrossPlan;
use super::body::{BodyRule, check_body};
use super::regions;
use super::store::{Buckets, CorpusFacts, Entry, Records};
use crate::rule::Rule;
use nianbao_model::Diagnostic;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Bodies' findings waiting to be handed over, at most: the other checkers wait beyond.
const QUEUED: usize = 32;

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
    let body_rules = BodyRule::all(rules, plan);
    let mut index = corpus.take_index();
    let buckets = Buckets::new(&mut index);
    let lost = if threads <= 1 {
        let mut records = corpus.records();
        for at in 0..buckets.len() {
            if let Some(bucket) = buckets.sorted(at) {
                check_lot(&body_rules, &mut records, &bucket, &mut emit);
            }
        }
        records.lost()
    } else {
        on_threads(&body_rules, corpus, &buckets, threads, &mut emit)
    };
    drop(buckets);
    corpus.restore(index, lost);
    let mut out = Vec::new();
    regions::check(rules, plan, corpus, &mut out);
    if !out.is_empty() {
        emit(out);
    }
}

/// The bodies of one lot read back and checked, each body's findings emitted at once.
fn check_lot(
    rules: &[BodyRule<'_>],
    records: &mut Records<'_>,
    lot: &[Entry],
    emit: &mut impl FnMut(Vec<(usize, Diagnostic)>),
) {
    records.for_each_body(lot, |body| {
        let mut out = Vec::new();
        check_body(rules, &body, &mut out);
        if !out.is_empty() {
            emit(out);
        }
    });
}

/// The buckets checked on this thread and `threads - 1` scoped others, their findings
/// emitted here between buckets; returns the records lost. This thread checks too: its
/// allocator is warm, where a fresh thread's decoding grew the peak RSS. A checker that
/// panics ends the scope with its panic, as checking on this thread would have.
fn on_threads(
    rules: &[BodyRule<'_>],
    corpus: &CorpusFacts,
    buckets: &Buckets<'_>,
    threads: usize,
    emit: &mut impl FnMut(Vec<(usize, Diagnostic)>),
) -> usize {
    let next = AtomicUsize::new(0);
    let lost = AtomicUsize::new(0);
    // Bounded: where most reports have findings, handing them over (their related files
    // read, written to disk) is slower than checking, and an unbounded queue held them all.
    let (checked, found) = mpsc::sync_channel::<Vec<(usize, Diagnostic)>>(QUEUED);
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let checked = checked.clone();
            let (next, lost) = (&next, &lost);
            scope.spawn(move || {
                let mut records = corpus.records();
                let mut send = |out| {
                    // Refused only once this thread's scope is ending by a panic.
                    let _ = checked.send(out);
                };
                while let Some(bucket) = buckets.sorted(next.fetch_add(1, Ordering::Relaxed)) {
                    check_lot(rules, &mut records, &bucket, &mut send);
                }
                lost.fetch_add(records.lost(), Ordering::Relaxed);
            });
        }
        drop(checked);
        let mut records = corpus.records();
        while let Some(bucket) = buckets.sorted(next.fetch_add(1, Ordering::Relaxed)) {
            check_lot(rules, &mut records, &bucket, emit);
            while let Ok(out) = found.try_recv() {
                emit(out);
            }
        }
        lost.fetch_add(records.lost(), Ordering::Relaxed);
        // Ends when every other checker has finished.
        for out in found {
            emit(out);
        }
    });
    lost.into_inner()
}

//! A condition variable that counts who sleeps on it, so that a change of state wakes them only
//! when someone does: a wake-up is a system call, and made for every file it was one more a
//! file (the bytes in flight, the results handed to the writer).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Condvar, MutexGuard, PoisonError};

#[derive(Default)]
pub struct Sleepers {
    condvar: Condvar,
    /// Changed and read only with the state's lock held, which orders the accesses.
    sleeping: AtomicU32,
}

impl Sleepers {
    /// Sleeps while `blocked` holds of the state `guard` locks.
    pub fn wait_while<'a, T>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut blocked: impl FnMut(&T) -> bool,
    ) -> MutexGuard<'a, T> {
        while blocked(&guard) {
            self.sleeping.fetch_add(1, Ordering::Relaxed);
            guard = self
                .condvar
                .wait(guard)
                .unwrap_or_else(PoisonError::into_inner);
            self.sleeping.fetch_sub(1, Ordering::Relaxed);
        }
        guard
    }

    /// Wakes the sleepers, if there are any. Called with the lock held, after the state
    /// changed.
    pub fn wake(&self) {
        if self.sleeping.load(Ordering::Relaxed) > 0 {
            self.condvar.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_sleeper_is_woken_by_the_change_it_waits_for() {
        let state = Mutex::new(0u32);
        let sleepers = Sleepers::default();
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| {
                let guard = sleepers.wait_while(state.lock().unwrap(), |count| *count < 3);
                *guard
            });
            for _ in 0..3 {
                let mut guard = state.lock().unwrap();
                *guard += 1;
                sleepers.wake();
            }
            assert_eq!(waiter.join().unwrap(), 3);
        });
        assert_eq!(sleepers.sleeping.load(Ordering::Relaxed), 0);
    }
}

//! The one panic guard of a run: a panic while one file is checked (parser, rules, rendering)
//! becomes that file's internal-error finding, the panic hook stays quiet about it, and the run
//! goes on with the other files.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    /// Set while a worker runs [`guarded`] work, so that the panic hook stays quiet: the panic
    /// is reported as that file's finding instead.
    static IN_FILE: Cell<bool> = const { Cell::new(false) };
}

/// Keeps the default hook for panics outside [`guarded`] work (a bug of the run itself).
pub fn install_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_FILE.with(Cell::get) {
            default(info);
        }
    }));
}

/// Runs one file's work; a panic in it comes back as its message.
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    IN_FILE.with(|flag| flag.set(true));
    let outcome = catch_unwind(AssertUnwindSafe(work));
    IN_FILE.with(|flag| flag.set(false));
    outcome.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_comes_back_as_its_message() {
        assert_eq!(guarded(|| 7), Ok(7));
        let message = guarded(|| std::panic::resume_unwind(Box::new("broken".to_owned())));
        assert_eq!(message, Err::<(), _>("broken".to_owned()));
        assert!(!IN_FILE.with(Cell::get));
    }
}

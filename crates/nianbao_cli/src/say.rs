//! Messages on standard error that can never take a run down. `eprintln!` panics when the write
//! fails: standard error closed (`2>&-`), full (`2>/dev/full`) or a pipe whose reader has gone
//! (`nianbao check … 2>&1 | head -1`), which once ended runs with exit code 101. Here a message
//! that cannot be written is dropped, and the exit code still tells how the run went.

use std::fmt::Display;
use std::io::Write;

/// `message` and a line break on standard error, if it can be written.
pub fn line(message: impl Display) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{message}");
}

/// `text` as it is on standard error, if it can be written.
pub fn text(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

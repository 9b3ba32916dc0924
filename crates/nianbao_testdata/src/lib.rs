//! The test data every crate's tests share: the seed report in the repository, and the folder of
//! real published reports and the spec that lives beside the checkout.
//!
//! The seed (`corpus/seed/`) is in the repository, so every test that reads it runs everywhere.
//! The shared folder is not (its reports may not be copied into the repository): it is found at
//! `$NIANBAO_SHARED` (absolute, or relative to the repository root) or, by default, at
//! `../shared` beside the repository root — right for the main checkout, while a git worktree
//! elsewhere sets the variable. A test that needs it is marked
//! `#[ignore = "needs ../shared/corpus/real"]`, so a fresh clone reports it as ignored, never
//! as a silent pass; CI runs the ignored tests on their own (`cargo test -- --ignored`), and
//! there [`shared`] fails the test, naming the folder it looked for, when the folder is absent.

// Test support: a file a test needs that is missing is that test's failure, said plainly.
#![allow(clippy::panic)]

use std::path::{Path, PathBuf};

/// The variable that names the shared folder.
pub const SHARED_VARIABLE: &str = "NIANBAO_SHARED";

/// The seed report's path below the repository root.
pub const SEED: &str = "corpus/seed/000_19ca39454c16e942.txt";

/// The repository root (this crate is `crates/nianbao_testdata`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed report: 偃师区人民政府办公室's 2024 report as a tab grid (see `corpus/README.md`).
pub fn seed() -> String {
    let path = repo_root().join(SEED);
    std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "the seed {} is part of the repository: {error}",
            path.display()
        )
    })
}

/// Where the shared folder is looked for: `$NIANBAO_SHARED`, or `../shared` beside the
/// repository root.
pub fn shared_root() -> PathBuf {
    match std::env::var_os(SHARED_VARIABLE) {
        Some(dir) if !dir.is_empty() => repo_root().join(dir),
        _ => repo_root().join("../shared"),
    }
}

/// Why `relative` cannot be read from the shared folder, or `None` when it is there.
fn missing(relative: &str) -> Option<String> {
    let path = shared_root().join(relative);
    (!path.exists()).then(|| {
        format!(
            "{} is missing: the shared folder is not beside the checkout; set {SHARED_VARIABLE} to where it is",
            path.display()
        )
    })
}

/// Why the real report `name` cannot be read, or `None` when it is there: for benchmarks, which
/// skip (and say so) what they cannot measure.
pub fn missing_real(name: &str) -> Option<String> {
    missing(&format!("corpus/real/{name}"))
}

/// `relative` inside the shared folder, for a test marked
/// `#[ignore = "needs ../shared/corpus/real"]`: a missing file fails the test with where it was
/// looked for and how to point at it.
pub fn shared(relative: &str) -> PathBuf {
    if let Some(reason) = missing(relative) {
        panic!("{reason}");
    }
    shared_root().join(relative)
}

/// A real published report of `shared/corpus/real`, as bytes.
pub fn real_bytes(name: &str) -> Vec<u8> {
    let path = shared(&format!("corpus/real/{name}"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// A real published plain-text report of `shared/corpus/real`, decoded as UTF-8.
pub fn real_text(name: &str) -> String {
    String::from_utf8(real_bytes(name))
        .unwrap_or_else(|error| panic!("corpus/real/{name} is not UTF-8: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_is_in_the_repository() {
        assert!(seed().contains("年政府信息公开工作年度报告"));
    }

    #[test]
    fn a_missing_shared_file_is_named() {
        assert!(missing_real("no-such-report.txt").is_some());
        let message = std::panic::catch_unwind(|| shared("no/such/file.txt"))
            .unwrap_err()
            .downcast::<String>()
            .unwrap();
        assert!(message.contains("no/such/file.txt") && message.contains(SHARED_VARIABLE));
    }
}

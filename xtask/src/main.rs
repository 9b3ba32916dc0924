//! `cargo xtask`: project chores that are code, not shell scripts.
//!
//! - `cargo xtask docs [--check]`: rule docs in `docs/rules/`, generated from `rules/*.toml`.
//! - `cargo xtask gen-corpus --count N --seed S --out DIR [--faults]`: a generated corpus.
//! - `cargo xtask bench`: corpus-scale throughput and memory against the read floor, and PDF
//!   throughput against text input.
//! - `cargo xtask golden --bin PATH (--write FILE | --check FILE)`: one digest per output of a
//!   `nianbao` binary over the corpora, to prove a refactoring changed no byte of output.

mod bench;
mod bench_pdf;
mod docs;
mod gen_corpus;
mod golden;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The workspace root: the folder above this crate's.
fn workspace_root() -> Result<PathBuf, String> {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| "cannot locate the workspace root".into())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let result = match command.as_str() {
        "docs" => docs::run(&rest),
        "gen-corpus" => gen_corpus::run(&rest),
        "bench" => bench::run(&rest),
        "golden" => golden::run(&rest),
        _ => Err(format!(
            "usage: cargo xtask <docs [--check] | gen-corpus --count N --seed S --out DIR [--faults] [--formats text,html,docx] … | bench [--count N] [--seed S] | golden --bin PATH (--write FILE | --check FILE) [--save DIR]>\nunknown command: {command:?}"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

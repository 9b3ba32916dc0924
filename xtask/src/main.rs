//! `cargo xtask`: project chores that are code, not shell scripts.
//!
//! - `cargo xtask docs [--check]`: rule docs in `docs/rules/`, generated from `rules/*.toml`.
//! - `cargo xtask gen-corpus --count N --seed S --out DIR [--faults]`: a generated corpus.
//! - `cargo xtask bench`: corpus-scale throughput and memory against the read floor.

mod bench;
mod docs;
mod gen_corpus;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let result = match command.as_str() {
        "docs" => docs::run(&rest),
        "gen-corpus" => gen_corpus::run(&rest),
        "bench" => bench::run(&rest),
        _ => Err(format!(
            "usage: cargo xtask <docs [--check] | gen-corpus --count N --seed S --out DIR [--faults] [--formats text,html,docx] … | bench [--count N] [--seed S]>\nunknown command: {command:?}"
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

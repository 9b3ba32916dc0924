//! `cargo xtask docs [--check]`: writes the generated documentation — the code reference in
//! `docs/rules/` and the table of check kinds in `rules/README.md` — from the rule set and the
//! CLI's catalogue of the other codes (PA…, IO…, read from `nianbao rules --output-format json`)
//! ([`nianbao_rules::docs::DocsStatus`], which the test-suite checks too); with `--check`,
//! changes nothing and fails when it is stale.

use nianbao_rules::docs::{CodeDoc, other_codes};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err(format!("usage: cargo xtask docs [--check]; got {args:?}")),
    };
    let rules = nianbao_rules::RuleSet::builtin().map_err(|error| error.to_string())?;
    let codes = other_codes(catalogue(&root())?, &rules);
    let status = nianbao_rules::docs::DocsStatus::read(&root(), &rules, &codes)?;
    if check {
        return if status.is_current() {
            Ok(())
        } else {
            Err(status.to_string())
        };
    }
    status.write()?;
    eprintln!(
        "docs: {} files, {} written, {} removed",
        status.files().len(),
        status.stale.len(),
        status.obsolete.len()
    );
    Ok(())
}

/// Every code the CLI knows, with its documentation, from the CLI itself (built if needed): the
/// codes of the parser and the input layer are declared there, not in the rule files.
fn catalogue(root: &Path) -> Result<Vec<CodeDoc>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["run", "--quiet", "-p", "nianbao_cli", "--"])
        .args(["rules", "--output-format", "json"])
        .current_dir(root)
        .output()
        .map_err(|error| format!("cannot run the CLI for its catalogue: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "`nianbao rules --output-format json` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("the CLI's catalogue does not read: {error}"))
}

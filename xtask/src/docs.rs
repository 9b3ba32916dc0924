//! `cargo xtask docs [--check]`: writes the generated documentation — the rule reference in
//! `docs/rules/` and the table of check kinds in `rules/README.md` — from the rule set
//! ([`nianbao_rules::docs::DocsStatus`], which the test-suite checks too); with `--check`,
//! changes nothing and fails when it is stale.

use std::path::{Path, PathBuf};

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
    let status = nianbao_rules::docs::DocsStatus::read(&root(), &rules)?;
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

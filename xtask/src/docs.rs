//! `cargo xtask docs [--check]`: writes the rule reference in `docs/rules/` from the rule set
//! (`nianbao_rules::docs`); with `--check`, changes nothing and fails when the files are stale.

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
    let files = nianbao_rules::docs::render(&rules);
    let dir = root().join("docs/rules");
    let mut stale = Vec::new();
    for (name, contents) in &files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            stale.push(name.clone());
        }
    }
    let existing = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".md"))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let orphans: Vec<String> = existing
        .into_iter()
        .filter(|name| !files.iter().any(|(generated, _)| generated == name))
        .collect();
    if check {
        if stale.is_empty() && orphans.is_empty() {
            return Ok(());
        }
        return Err(format!(
            "docs/rules is stale (run `cargo xtask docs`): changed {stale:?}, obsolete {orphans:?}"
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    for name in &stale {
        if let Some((_, contents)) = files.iter().find(|(generated, _)| generated == name) {
            let path = dir.join(name);
            std::fs::write(&path, contents)
                .map_err(|error| format!("{}: {error}", path.display()))?;
        }
    }
    for name in &orphans {
        let path = dir.join(name);
        std::fs::remove_file(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    eprintln!(
        "docs/rules: {} files, {} written, {} removed",
        files.len(),
        stale.len(),
        orphans.len()
    );
    Ok(())
}

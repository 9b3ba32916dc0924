//! Embeds the repository's `rules/` folder so that `RuleSet::builtin()` works from any directory,
//! and parses it here: each file's TOML becomes a tree (`src/tree/`), written out as Rust statics
//! (`src/tree/emit.rs`), so a run borrows the built-in rules' trees as compiled instead of
//! parsing TOML or decoding anything. A file that is not TOML fails the build, with its place.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The tree's types, its reading from TOML and its encoding: the crate's own modules.
#[path = "src/tree/emit.rs"]
mod emit;
#[path = "src/tree/from_toml.rs"]
mod from_toml;
#[path = "src/tree/node.rs"]
mod node;

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let rules = manifest.join("../../rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    println!("cargo:rerun-if-changed=src/tree");
    let mut files = Vec::new();
    collect(&rules, &rules, &mut files)?;
    files.sort();
    let mut emitted = emit::Emitted::default();
    let mut listing = String::from("pub(crate) const BUILTIN_RULES: &[(&str, &str)] = &[\n");
    for (relative, absolute) in &files {
        println!("cargo:rerun-if-changed={}", absolute.display());
        let text = std::fs::read_to_string(absolute)?;
        match from_toml::parse(&text) {
            Ok(tree) => emitted.tree(&tree)?,
            Err(error) => return Err(not_toml(relative, &text, &error).into()),
        }
        writeln!(
            listing,
            "    ({relative:?}, include_str!({:?})),",
            absolute.display().to_string()
        )?;
    }
    listing.push_str("];\n");
    listing.push_str(&emitted.source());
    std::fs::write(out.join("builtin_rules.rs"), listing)?;
    Ok(())
}

/// Why a built-in file is not TOML, at its line and column.
fn not_toml(relative: &str, text: &str, error: &from_toml::TomlError) -> String {
    let place = error.span.as_ref().map_or_else(String::new, |span| {
        let before = text.get(..span.start).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        format!(":{line}:{column}")
    });
    format!("{relative}{place}: not TOML: {}", error.message)
}

/// Every `*.toml` below `dir`, as (path relative to the rules folder, absolute path).
fn collect(
    root: &Path,
    dir: &Path,
    files: &mut Vec<(String, PathBuf)>,
) -> Result<(), Box<dyn Error>> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            let relative = path
                .strip_prefix(root)?
                .to_string_lossy()
                .replace('\\', "/");
            files.push((format!("rules/{relative}"), path.canonicalize()?));
        }
    }
    Ok(())
}

//! `docs/rules/` must be what `cargo xtask docs` would write from the current rules.

use std::path::Path;

#[test]
fn generated_rule_docs_are_current() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules"));
    let rules = nianbao_rules::RuleSet::builtin().unwrap();
    let files = nianbao_rules::docs::render(&rules);
    assert_eq!(files.len(), rules.rules().len() + 1);
    let mut stale = Vec::new();
    for (name, contents) in &files {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(contents.as_str()) {
            stale.push(name.clone());
        }
    }
    let obsolete: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !files.iter().any(|(generated, _)| generated == name))
        .collect();
    assert!(
        stale.is_empty() && obsolete.is_empty(),
        "docs/rules is stale; run `cargo xtask docs` (changed: {stale:?}, obsolete: {obsolete:?})"
    );
}

//! The generated documentation must be what `cargo xtask docs` would write from the current
//! rules and kinds, and the crate doc must name every kind.

use nianbao_rules::docs::{DocsStatus, kind_names};
use std::path::Path;

#[test]
fn generated_docs_are_current() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let rules = nianbao_rules::RuleSet::builtin().unwrap();
    let status = DocsStatus::read(root, &rules).unwrap();
    assert_eq!(status.files().len(), rules.rules().len() + 2);
    assert!(status.is_current(), "{status}");
}

#[test]
fn the_crate_doc_names_every_kind() {
    let doc: String = include_str!("../src/lib.rs")
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .collect::<Vec<_>>()
        .join(" ");
    let names = kind_names();
    assert!(names.contains(&"identity"), "{names:?}");
    for name in names {
        assert!(
            doc.contains(&format!("`{name}`")),
            "lib.rs does not name `{name}`"
        );
    }
}

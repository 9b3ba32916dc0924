//! The generated documentation's inputs and links: the crate doc names every kind, every rule's
//! citations are links into `docs/spec/`, and every relative link of the reference and the spec
//! resolves to a file and an anchor that exist. (That `docs/rules/` is what `cargo xtask docs`
//! would write is checked by the CLI's tests, which have the catalogue of the codes that are not
//! rules: `crates/nianbao_cli/tests/rule_docs.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nianbao_rules::docs::kind_names;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
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

/// Markdown without its code spans and fenced blocks, where brackets are not links.
fn without_code(markdown: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            out.push('\n');
            continue;
        }
        if fenced {
            out.push('\n');
            continue;
        }
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
            } else if !in_code {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// The targets of the `[text](target)` links of some Markdown.
fn links(markdown: &str) -> Vec<String> {
    let text = without_code(markdown);
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        match after.find(')') {
            Some(end) => {
                found.push(after[..end].to_owned());
                rest = &after[end..];
            }
            None => break,
        }
    }
    found
}

/// The anchors a Markdown file offers: explicit `id="…"` and the slugs of its headings.
fn anchors(markdown: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = markdown;
    while let Some(at) = rest.find("id=\"") {
        let after = &rest[at + 4..];
        let end = after.find('"').unwrap_or(0);
        found.push(after[..end].to_owned());
        rest = &after[end..];
    }
    for line in markdown.lines() {
        if let Some(heading) = line.strip_prefix('#') {
            let heading = heading.trim_start_matches('#').trim();
            let slug: String = heading
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect();
            found.push(slug);
        }
    }
    found
}

/// Every relative link of `text` that does not resolve, the text standing in `file` (a
/// Markdown file path, which need not exist: a rule's text is checked as on its page).
fn broken_links(text: &str, file: &Path) -> Vec<String> {
    let dir = file.parent().unwrap();
    let mut broken = Vec::new();
    for target in links(text) {
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (path, anchor) = match target.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (target.as_str(), None),
        };
        let contents = if path.is_empty() {
            Some(text.to_owned())
        } else {
            std::fs::read_to_string(dir.join(path)).ok()
        };
        let Some(contents) = contents else {
            if !dir.join(path).is_dir() {
                broken.push(format!("{target}: no such file"));
            }
            continue;
        };
        if let Some(anchor) = anchor {
            if !anchors(&contents).iter().any(|a| a == anchor) {
                broken.push(format!("{target}: no anchor `{anchor}`"));
            }
        }
    }
    broken
}

fn read(file: &Path) -> String {
    std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    files
}

/// Issue 16: rule pages cite documents that exist in the repository. Every relative link of
/// the spec, the code reference and the rules guide resolves to a file and an anchor.
#[test]
fn every_link_of_the_reference_and_the_spec_resolves() {
    let root = root();
    let mut files = markdown_files(&root.join("docs/spec"));
    let spec = files.len();
    files.extend(markdown_files(&root.join("docs/rules")));
    files.push(root.join("rules/README.md"));
    assert!(spec >= 6, "the spec files are in docs/spec");
    assert!(files.len() > 60, "the code pages are in docs/rules");
    let broken: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let name = file.strip_prefix(&root).unwrap().display().to_string();
            broken_links(&read(file), file)
                .into_iter()
                .map(move |link| format!("{name}: {link}"))
        })
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
}

/// Each rule cites the spec by links into `docs/spec/` that resolve from its generated page —
/// never by a bare file name a reader cannot follow — and the IDs it cites (H01, E06, P05 …)
/// are anchors there.
#[test]
fn rules_cite_the_spec_by_links_that_resolve() {
    let root = root();
    let pages = root.join("docs/rules");
    let rules = nianbao_rules::RuleSet::builtin().unwrap();
    let mut problems = Vec::new();
    let mut cited = 0;
    for rule in rules.rules() {
        for text in [
            &rule.docs().description.zh,
            &rule.docs().description.en,
            &rule.docs().why.zh,
            &rule.docs().why.en,
        ] {
            let targets = links(text);
            for target in &targets {
                cited += 1;
                if !target.starts_with("../spec/") {
                    problems.push(format!(
                        "{}: {target} is not a link into docs/spec",
                        rule.code
                    ));
                }
            }
            // A file name outside a link is a citation a reader cannot follow.
            let mut bare = without_code(text);
            for target in &targets {
                bare = bare.replace(target.as_str(), "");
            }
            if bare.contains(".md") {
                problems.push(format!(
                    "{}: cites a file without a link: {text}",
                    rule.code
                ));
            }
        }
    }
    // The links resolve from the page they are rendered on.
    for rule in rules.rules() {
        let page = pages.join(format!("{}.md", rule.code));
        for message in [&rule.docs().description, &rule.docs().why] {
            for text in [&message.zh, &message.en] {
                for link in broken_links(text, &page) {
                    problems.push(format!("{}: {link}", rule.code));
                }
            }
        }
    }
    assert!(cited > 60, "only {cited} citations");
    assert!(problems.is_empty(), "{problems:#?}");
}

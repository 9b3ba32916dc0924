//! What the cross-report tests share: a corpus file with its text and the generator's anchors,
//! the facts the per-file pass keeps, and the corpus check with related locations placed on
//! the other file's lines by the front end's placing, as the CLI places them.

#![allow(dead_code, clippy::expect_used)]

use nianbao_gen::Anchor;
use nianbao_html::Document;
use nianbao_model::{Diagnostic, RelatedLocation};
use nianbao_rules::{CorpusOptions, CrossFacts, RuleSet};
use std::path::PathBuf;

/// One generated or real file: its name, text and (for a generated one) where its parts are.
pub struct File {
    pub path: PathBuf,
    pub text: String,
    pub anchors: Vec<(Anchor, u32)>,
}

/// The line of a generated report's part.
pub fn line(file: &File, anchor: Anchor) -> u32 {
    file.anchors
        .iter()
        .find(|(candidate, _)| *candidate == anchor)
        .map(|&(_, line)| line)
        .expect("anchored")
}

/// Each file's path with the facts the per-file pass keeps of it.
pub fn facts(rules: &RuleSet, files: &[File]) -> Vec<(PathBuf, CrossFacts)> {
    files
        .iter()
        .map(|file| {
            let parsed = nianbao_syntax::parse(&file.text);
            (
                file.path.clone(),
                rules.cross_facts(&parsed.report, &file.text),
            )
        })
        .collect()
}

/// The cross findings over `files` (`facts` of them), their related locations placed on the
/// other file's lines.
pub fn check(
    rules: &RuleSet,
    files: &[File],
    facts: &[(PathBuf, CrossFacts)],
    options: &CorpusOptions,
) -> Vec<(usize, Diagnostic)> {
    let mut found = rules.check_corpus(facts, options);
    nianbao_html::place_related(found.iter_mut().map(|(_, diagnostic)| diagnostic), |path| {
        let file = files
            .iter()
            .find(|file| file.path.display().to_string() == path)
            .expect("the related file is one of the corpus");
        Some(Document::from_text(file.text.clone()))
    });
    found
}

/// The line a related location was placed on.
pub fn related_line(related: &RelatedLocation) -> u32 {
    related.placed.expect("placed on its file").start.line
}

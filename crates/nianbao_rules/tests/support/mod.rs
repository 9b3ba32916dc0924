//! What the cross-report tests share: a corpus file with its text and the generator's anchors,
//! the facts the per-file pass keeps, and the corpus check with related locations placed on
//! the other file's lines as the CLI places them.

#![allow(dead_code, clippy::expect_used)]

use nianbao_gen::Anchor;
use nianbao_model::Diagnostic;
use nianbao_rules::{CorpusOptions, CrossFacts, RuleSet};
use nianbao_source::LineIndex;
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
    for (_, diagnostic) in &mut found {
        for related in &mut diagnostic.related {
            let file = files
                .iter()
                .find(|file| file.path.display().to_string() == related.path)
                .expect("the related file is one of the corpus");
            related.locate(&file.text, &LineIndex::new(&file.text));
        }
    }
    found
}

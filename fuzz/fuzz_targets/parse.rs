//! Any bytes: decode, parse and check must return, never panic, and keep spans on character
//! boundaries of the decoded text — the cross-report rules too, with the report compared
//! against a copy of itself claiming the next year and the same year.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<Option<nianbao_rules::RuleSet>> = LazyLock::new(|| nianbao_rules::RuleSet::builtin().ok());

fuzz_target!(|bytes: &[u8]| {
    let Ok(decoded) = nianbao_source::decode(bytes) else { return };
    let text = decoded.text.as_str();
    let parsed = nianbao_syntax::parse(text);
    let mut diagnostics = parsed.diagnostics;
    if let Some(rules) = RULES.as_ref() {
        let (found, facts) = rules.check_with_facts(&parsed.report, text);
        diagnostics.extend(found);
        let mut corpus = nianbao_rules::CorpusFacts::new(&nianbao_rules::CorpusOptions::default());
        corpus.push(0, "a.txt", &facts);
        corpus.push(1, "b.txt", &facts);
        let mut next_year = facts;
        next_year.year = next_year.year.and_then(|year| year.checked_add(1));
        corpus.push(2, "c.txt", &next_year);
        for (_, diagnostic) in rules.check_corpus_facts(&mut corpus) {
            for related in &diagnostic.related {
                let span = related.span;
                assert!(span.start <= span.end && span.end as usize <= text.len(), "related span out of range: {span:?}");
            }
            diagnostics.push(diagnostic);
        }
    }
    for diagnostic in &diagnostics {
        for span in std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|label| label.span)) {
            assert!(span.start <= span.end && span.end as usize <= text.len(), "span out of range: {span:?}");
            assert!(text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize));
        }
    }
});

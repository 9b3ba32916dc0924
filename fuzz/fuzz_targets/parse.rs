//! Any bytes: decode, parse and check must return, never panic, and keep spans on character
//! boundaries of the decoded text.
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
        diagnostics.extend(rules.check(&parsed.report, text));
    }
    for diagnostic in &diagnostics {
        for span in std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|label| label.span)) {
            assert!(span.start <= span.end && span.end as usize <= text.len(), "span out of range: {span:?}");
            assert!(text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize));
        }
    }
});

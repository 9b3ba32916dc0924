//! Any text as a rule file: loading returns rules or a located error, never panics, and an error's
//! span lies inside the text on character boundaries (the CLI renders it with miette).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Err(error) = nianbao_rules::RuleSet::from_files([(PathBuf::from("fuzz.toml"), text.to_owned())]) {
        if let Some(span) = error.span {
            assert!(span.start <= span.end && span.end as usize <= text.len(), "span out of range: {span:?}");
            assert!(text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize));
        }
    }
});

//! At most [`PER_RULE`] findings of each rule per file, applied to each source of findings as
//! it comes, before anything else is done with them.

use nianbao_diagnostics::output_order;
use nianbao_model::{Diagnostic, Message};
use std::collections::HashMap;

/// Findings of one rule listed per file. The template's largest table has 175 cells, so a rule
/// that fires once per cell stays under it on any real report; a hostile file (a heading
/// repeated a million times) would otherwise list a million findings, each held until printed.
pub const PER_RULE: usize = 200;

/// Keeps the first [`PER_RULE`] findings of each rule (in text order) and replaces the rest of
/// each by one finding at the first left out, saying how many were. Applied once to each
/// source of findings as it comes (the parser, the rules, the reading, the cross-report pass;
/// each has codes of its own), so that nothing later (placing, sorting, rendering) grows with a
/// file's findings. Not idempotent: a list holding a left-out finding is not capped again.
pub fn cap_per_rule(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for diagnostic in &diagnostics {
        *counts.entry(diagnostic.code.as_ref()).or_insert(0) += 1;
    }
    if counts.values().all(|&count| count <= PER_RULE) {
        return diagnostics;
    }
    let over: HashMap<String, usize> = counts
        .into_iter()
        .filter(|&(_, count)| count > PER_RULE)
        .map(|(code, count)| (code.to_owned(), count - PER_RULE))
        .collect();
    // In place: a stable sort would allocate half the vector again.
    diagnostics.sort_unstable_by(output_order);
    let mut listed: HashMap<String, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(diagnostics.len().min(over.len() * PER_RULE + 64));
    for diagnostic in diagnostics {
        let Some(&left_out) = over.get(diagnostic.code.as_ref()) else {
            kept.push(diagnostic);
            continue;
        };
        let count = listed.entry(diagnostic.code.to_string()).or_insert(0);
        *count += 1;
        if *count <= PER_RULE {
            kept.push(diagnostic);
        } else if *count == PER_RULE + 1 {
            kept.push(left_out_finding(diagnostic, left_out));
        }
    }
    kept
}

/// The finding standing for `left_out` findings of `first`'s rule not listed, at `first`.
fn left_out_finding(first: Diagnostic, left_out: usize) -> Diagnostic {
    let code = first.code.clone();
    Diagnostic {
        message: Message::new(
            format!(
                "本文件另有 {left_out} 条 {code} 发现未逐条列出（每条规则每个文件最多列出 {PER_RULE} 条），从此处起"
            ),
            format!(
                "{left_out} more {code} findings in this file are not listed (at most {PER_RULE} per rule and file), from here on"
            ),
        ),
        labels: Vec::new(),
        help: None,
        related: Vec::new(),
        ..first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::{Category, Severity, Span};

    fn finding(code: &'static str, at: u32) -> Diagnostic {
        Diagnostic::new(
            code,
            "name",
            Severity::Warning,
            Category::Structure,
            Message::new("甲", "a"),
            Span::new(at, at + 1),
        )
    }

    #[test]
    fn each_rule_keeps_its_first_findings_and_one_more_says_how_many() {
        let mut all: Vec<Diagnostic> = (0..250).rev().map(|at| finding("PA008", at)).collect();
        all.extend((0..3).map(|at| finding("B001", at)));
        let kept = cap_per_rule(all);
        let pa008: Vec<&Diagnostic> = kept.iter().filter(|d| d.code == "PA008").collect();
        assert_eq!(pa008.len(), PER_RULE + 1);
        assert_eq!(
            pa008[PER_RULE - 1].span.start,
            199,
            "the first in text order are kept"
        );
        let left_out = pa008[PER_RULE];
        assert_eq!(left_out.span.start, 200);
        assert!(
            left_out.message.en.starts_with("50 more PA008 findings"),
            "{}",
            left_out.message.en
        );
        assert_eq!(kept.iter().filter(|d| d.code == "B001").count(), 3);
        let few: Vec<Diagnostic> = (0..5).map(|at| finding("B001", at)).collect();
        assert_eq!(cap_per_rule(few.clone()), few);
    }
}

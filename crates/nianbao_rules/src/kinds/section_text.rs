//! `text`: what a section's text must contain — one of some words, or a least amount of content
//! besides boilerplate (Section 五's fees, Section 六's other matters).

use super::{CheckKind, KindDoc};
use crate::fold::{fold, fold_char};
use crate::message::var;
use crate::params::{LoadFailure, RuleText};
use crate::rule::{Check, Ctx, Rule};
use memchr::memmem::Finder;
use nianbao_model::Diagnostic;
use serde::Deserialize;
use std::borrow::Cow;
use std::ops::Range;

/// `[rules.text]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Params {
    section: u8,
    /// The section must mention at least one of these.
    #[serde(default)]
    require_any: Vec<String>,
    /// The section must hold at least this many characters once whitespace and `ignore` are gone.
    min_chars: Option<usize>,
    /// Boilerplate that does not count as content (sub-headings, `无`).
    #[serde(default)]
    ignore: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct SectionTextCheck {
    section: u8,
    require_any: Vec<String>,
    /// Searchers for `require_any` folded, as the section's text is compared folded; built
    /// once, not per report.
    require_folded: Vec<Finder<'static>>,
    min_chars: Option<usize>,
    /// Searchers for the boilerplate folded, but an empty one: taking it out changes nothing.
    ignore: Vec<Finder<'static>>,
    /// Every character of the boilerplate folded: taking the boilerplate out removes only these
    /// ([`SectionTextCheck::passes_quickly`]).
    ignore_chars: Vec<char>,
}

impl CheckKind for SectionTextCheck {
    const KEY: &'static str = "text";
    const DOC: KindDoc = KindDoc {
        parameters: "`section`, `require-any`, `min-chars`, `ignore`",
        placeholders: "`heading`, `chars`, `expected`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        let mut lines = vec![format!("- section: {}", params.section)];
        if !params.require_any.is_empty() {
            lines.push(format!(
                "- must mention one of: {}",
                params.require_any.join("、")
            ));
        }
        if let Some(min) = params.min_chars {
            lines.push(format!(
                "- at least {min} characters besides: {}",
                params.ignore.join("、")
            ));
        }
        lines
    }

    fn compile(params: Params, _: RuleText<'_>, table: Range<usize>) -> Result<Self, LoadFailure> {
        if !(1..=6).contains(&params.section) {
            return Err(LoadFailure::new(table, "`section` is a number from 1 to 6"));
        }
        let mut ignore_chars: Vec<char> = params
            .ignore
            .iter()
            .flat_map(|word| word.chars().filter_map(fold_char))
            .collect();
        ignore_chars.sort_unstable();
        ignore_chars.dedup();
        Ok(Self {
            section: params.section,
            require_folded: params.require_any.iter().map(|word| finder(word)).collect(),
            require_any: params.require_any,
            min_chars: params.min_chars,
            ignore: params
                .ignore
                .iter()
                .filter(|word| !fold(word).is_empty())
                .map(|word| finder(word))
                .collect(),
            ignore_chars,
        })
    }
}

impl Check for SectionTextCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["heading", "chars", "expected"]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        run(self, rule, ctx, out);
    }
}

fn run(check: &SectionTextCheck, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(section) = ctx.report.section(check.section) else {
        return;
    };
    let body = section.body.slice(ctx.source);
    if check.passes_quickly(body) {
        return;
    }
    if let Some(chars) = check.failure(body) {
        let vars = vec![
            var("heading", &section.heading),
            var("chars", chars),
            var("expected", check.require_any.join("、")),
        ];
        out.push(rule.emit(None, section.heading_span, &vars));
    }
}

impl SectionTextCheck {
    /// Whether the section's text plainly passes, told without folding it (most reports): it
    /// names a required word as the rule folds it (folding the text keeps that occurrence), and
    /// it holds `min_chars` characters that are neither whitespace nor in any boilerplate, which
    /// taking the boilerplate out cannot remove. `false` says nothing: [`Self::failure`] decides.
    fn passes_quickly(&self, body: &str) -> bool {
        let named = self.require_folded.is_empty()
            || self
                .require_folded
                .iter()
                .any(|word| word.find(body.as_bytes()).is_some());
        named && self.min_chars.is_none_or(|min| self.has_content(body, min))
    }

    /// Whether `body` holds at least `min` characters that folding keeps and that are in no
    /// boilerplate, counted only as far as `min`.
    fn has_content(&self, body: &str, min: usize) -> bool {
        if min == 0 {
            return true;
        }
        let mut content = 0;
        for folded in body.chars().filter_map(fold_char) {
            if self.ignore_chars.binary_search(&folded).is_err() {
                content += 1;
                if content >= min {
                    return true;
                }
            }
        }
        false
    }

    /// The rule's definition: the section's text folded, the boilerplate taken out; `Some` with
    /// the characters counted when the text fails.
    fn failure(&self, body: &str) -> Option<usize> {
        let SectionTextCheck {
            require_folded,
            min_chars,
            ignore,
            ..
        } = self;
        let body = fold(body);
        let mut failed = false;
        let chars = match *min_chars {
            Some(min) => {
                let mut content = Cow::Borrowed(body.as_str());
                for boilerplate in ignore {
                    if boilerplate.find(content.as_bytes()).is_some() {
                        content = Cow::Owned(without(&content, boilerplate));
                    }
                }
                let chars = content.chars().count();
                failed |= chars < min;
                chars
            }
            None => body.chars().count(),
        };
        if !require_folded.is_empty() {
            failed |= !require_folded
                .iter()
                .any(|word| word.find(body.as_bytes()).is_some());
        }
        failed.then_some(chars)
    }
}

/// A searcher for `word` folded.
fn finder(word: &str) -> Finder<'static> {
    Finder::new(fold(word).as_bytes()).into_owned()
}

/// `text` with every occurrence of `word` taken out, as `str::replace` with nothing does: the
/// occurrences found left to right, without overlapping. (A match of a word, which is UTF-8,
/// starts and ends on character boundaries.)
fn without(text: &str, word: &Finder<'_>) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut from = 0;
    for at in word.find_iter(text.as_bytes()) {
        kept.push_str(text.get(from..at).unwrap_or_default());
        from = at + word.needle().len();
    }
    kept.push_str(text.get(from..).unwrap_or_default());
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A check as a rule file would compile it.
    fn check(require_any: &[&str], min_chars: Option<usize>, ignore: &[&str]) -> SectionTextCheck {
        let mut ignore_chars: Vec<char> = ignore.iter().flat_map(|word| fold(word).chars().collect::<Vec<_>>()).collect();
        ignore_chars.sort_unstable();
        ignore_chars.dedup();
        SectionTextCheck {
            section: 5,
            require_any: require_any.iter().map(|word| (*word).to_owned()).collect(),
            require_folded: require_any.iter().map(|word| finder(word)).collect(),
            min_chars,
            ignore: ignore.iter().filter(|word| !fold(word).is_empty()).map(|word| finder(word)).collect(),
            ignore_chars,
        }
    }

    proptest! {
        /// Whatever the quick look passes, the rule's definition passes too, on text mixing the
        /// boilerplate's characters, whitespace of both widths and full-width forms.
        #[test]
        fn passing_quickly_is_passing(
            body in "[无暂改进情况措施存在的主要问题。（）()一二 \t\n\u{3000}ａ-ｃa-c信息处理费政府]{0,40}",
            require in proptest::collection::vec("[信息处理费ａa (（]{0,4}", 0..3),
            min in proptest::option::of(0_usize..12),
            ignore in proptest::collection::vec("[无暂改进情况（）(一 。]{0,4}", 0..5),
        ) {
            let require: Vec<&str> = require.iter().map(String::as_str).collect();
            let ignore: Vec<&str> = ignore.iter().map(String::as_str).collect();
            let check = check(&require, min, &ignore);
            if check.passes_quickly(&body) {
                prop_assert_eq!(check.failure(&body), None);
            }
        }

        /// Taking a word out agrees with `str::replace`, overlapping occurrences included.
        #[test]
        fn without_is_replace_with_nothing(text in "[无暂改进。a]{0,24}", word in "[无暂。a]{1,3}") {
            let finder = Finder::new(word.as_bytes());
            prop_assert_eq!(without(&text, &finder), text.replace(&word, ""));
        }
    }

    #[test]
    fn the_built_in_sections_pass_quickly() {
        let five = check(
            &[],
            Some(10),
            &["（一）存在的主要问题", "（二）改进情况", "存在的主要问题", "改进情况", "暂无", "无", "。"],
        );
        let text = "（一）存在的主要问题\n\n公开内容与群众需求的契合度不够高。\n（二）改进情况\n无";
        assert!(five.passes_quickly(text));
        assert_eq!(five.failure(text), None);
        let bare = "（一）存在的主要问题\n暂无。\n（二）改进情况\n无。";
        assert!(!five.passes_quickly(bare));
        assert_eq!(five.failure(bare), Some(0));
        let six = check(&["信息处理费"], None, &[]);
        assert!(six.passes_quickly("本年度未收取信息处理费。"));
        assert!(!six.passes_quickly("本年度未收取信息 处理费。"));
        assert_eq!(six.failure("本年度未收取信息 处理费。"), None);
        assert_eq!(six.failure("无。"), Some(2));
    }

    #[test]
    fn without_takes_out_every_occurrence() {
        let finder = Finder::new("无".as_bytes());
        assert_eq!(without("无（一）无无。", &finder), "（一）。");
    }
}

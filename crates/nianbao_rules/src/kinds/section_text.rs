//! `text`: what a section's text must contain — one of some words, or a least amount of content
//! besides boilerplate (Section 五's fees, Section 六's other matters).

use super::{CheckKind, KindDoc};
use crate::fold::fold;
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
    let SectionTextCheck {
        section: number,
        require_any,
        require_folded,
        min_chars,
        ignore,
    } = check;
    let Some(section) = ctx.report.section(*number) else {
        return;
    };
    let body = fold(section.body.slice(ctx.source));
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
    if failed {
        let vars = vec![
            var("heading", &section.heading),
            var("chars", chars),
            var("expected", require_any.join("、")),
        ];
        out.push(rule.emit(None, section.heading_span, &vars));
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

    proptest! {
        /// Taking a word out agrees with `str::replace`, overlapping occurrences included.
        #[test]
        fn without_is_replace_with_nothing(text in "[无暂改进。a]{0,24}", word in "[无暂。a]{1,3}") {
            let finder = Finder::new(word.as_bytes());
            prop_assert_eq!(without(&text, &finder), text.replace(&word, ""));
        }
    }

    #[test]
    fn without_takes_out_every_occurrence() {
        let finder = Finder::new("无".as_bytes());
        assert_eq!(without("无（一）无无。", &finder), "（一）。");
    }
}

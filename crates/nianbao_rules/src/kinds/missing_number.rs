//! `missing-number` (errors.md E12): a count left out of the prose — a count word, a short
//! stretch without a number, then only whitespace where the number belongs before its unit
//! (`2020 年主动公开信息  条`).

use super::{CheckKind, KindDoc};
use crate::message::{Vars, var};
use crate::params::{LoadFailure, RuleText};
use crate::rule::{Check, Ctx, Rule};
use nianbao_model::Diagnostic;
use memchr::memmem::Finder;
use serde::Deserialize;
use std::ops::Range;

/// `[rules.missing-number]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Params {
    /// Words a count follows (`公开`, `受理`).
    words: Vec<String>,
    /// Units a count precedes (`条`, `件`).
    units: Vec<String>,
    /// Words that start like a unit but are not one (`条例`).
    #[serde(default)]
    not_units: Vec<String>,
    /// The most characters between the word and the blank (default 6).
    max_gap: Option<usize>,
}

const DEFAULT_GAP: usize = 6;

#[derive(Debug)]
pub(crate) struct MissingNumberCheck {
    words: Vec<String>,
    units: Vec<String>,
    /// A searcher per unit, built once (not per sentence).
    finders: Vec<Finder<'static>>,
    not_units: Vec<String>,
    max_gap: usize,
}

impl CheckKind for MissingNumberCheck {
    const KEY: &'static str = "missing-number";
    const DOC: KindDoc = KindDoc {
        parameters: "`words`, `units`, `not-units`, `max-gap`",
        placeholders: "`word`, `unit`, `text`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        let mut lines = vec![
            format!("- count words: {}", params.words.join("、")),
            format!("- units: {}", params.units.join("、")),
        ];
        if !params.not_units.is_empty() {
            lines.push(format!("- not units: {}", params.not_units.join("、")));
        }
        lines.push(format!(
            "- at most {} characters between the word and the blank",
            params.max_gap.unwrap_or(DEFAULT_GAP)
        ));
        lines
    }

    fn compile(params: Params, _: RuleText<'_>, table: Range<usize>) -> Result<Self, LoadFailure> {
        let empty = |list: &[String]| list.is_empty() || list.iter().any(String::is_empty);
        if empty(&params.words) || empty(&params.units) {
            return Err(LoadFailure::new(
                table,
                "`words` and `units` are lists of non-empty phrases",
            ));
        }
        let finders = params
            .units
            .iter()
            .map(|unit| Finder::new(unit.as_bytes()).into_owned())
            .collect();
        Ok(Self {
            words: params.words,
            units: params.units,
            finders,
            not_units: params.not_units,
            max_gap: params.max_gap.unwrap_or(DEFAULT_GAP),
        })
    }
}

impl Check for MissingNumberCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["word", "unit", "text"]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        run(self, rule, ctx, out);
    }
}

/// Characters that make a stretch of prose a number: digits of either width and Chinese
/// numerals (`三 件` is a count, not a blank).
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "〇零一二两三四五六七八九十百千万亿".contains(c)
}

/// A count word found before a blank, at a byte offset of the sentence.
struct Word<'w> {
    start: usize,
    text: &'w str,
}

/// A blank where a count belongs: from its word to its unit, in bytes of the sentence. Ordered
/// by position first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Blank<'w> {
    start: usize,
    end: usize,
    word: &'w str,
    unit: &'w str,
}

/// Counts left out of the prose (errors.md E12): a count word, at most `max_gap` characters
/// without a number or a full stop, then only whitespace where the number belongs, then a unit
/// (`2020 年主动公开信息  条`), and no number right after the unit either. The finding covers
/// the word to the unit.
fn run(check: &MissingNumberCheck, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let MissingNumberCheck {
        words,
        units,
        finders,
        not_units,
        max_gap,
    } = check;
    let max_gap = *max_gap;
    for sentence in &ctx.sentences {
        let text = sentence.text.text();
        // A blank is whitespace right before a unit: a sentence without any has none.
        if !sentence.whitespace {
            continue;
        }
        let mut found: Vec<Blank<'_>> = Vec::new();
        for (unit, finder) in units.iter().zip(finders) {
            for at in finder.find_iter(text.as_bytes()) {
                let rest = text.get(at..).unwrap_or_default();
                if not_units.iter().any(|not| rest.starts_with(not.as_str())) {
                    continue;
                }
                // `主动公开信息数 条 425`: a pre-2019 statistics table flattened into the prose,
                // its unit column before the figures. The number is there, after the unit.
                let after = rest
                    .get(unit.len()..)
                    .unwrap_or_default()
                    .trim_start_matches(char::is_whitespace);
                if after.chars().next().is_some_and(is_numeral) {
                    continue;
                }
                let before = text.get(..at).unwrap_or_default();
                let blank = before.trim_end_matches(char::is_whitespace);
                if blank.len() == before.len() {
                    continue;
                }
                // Back from the blank over the gap, looking for the word that ends there.
                let mut end = blank.len();
                let mut word = None;
                for step in 0..=max_gap {
                    let head = blank.get(..end).unwrap_or_default();
                    if let Some(hit) = words.iter().find(|word| head.ends_with(word.as_str())) {
                        word = Some(Word {
                            start: end - hit.len(),
                            text: hit.as_str(),
                        });
                        break;
                    }
                    let Some(c) = head.chars().next_back() else {
                        break;
                    };
                    if step == max_gap || is_numeral(c) || c == '。' {
                        break;
                    }
                    end -= c.len_utf8();
                }
                if let Some(word) = word {
                    found.push(Blank {
                        start: word.start,
                        end: at + unit.len(),
                        word: word.text,
                        unit: unit.as_str(),
                    });
                }
            }
        }
        found.sort_unstable();
        found.dedup_by_key(|blank| blank.start);
        for blank in found {
            let flagged = text.get(blank.start..blank.end).unwrap_or_default();
            let vars: Vars = vec![
                var("word", blank.word),
                var("unit", blank.unit),
                var("text", flagged),
            ];
            let span = sentence.text.span(blank.start..blank.end);
            out.push(rule.emit(None, span, &vars));
        }
    }
}


//! `leftover-text`: wording of a drafting template left in the report (`××局`, `【请填写】`).

use super::{CheckKind, KindDoc};
use crate::message::var;
use crate::params::{LoadFailure, RuleText};
use crate::rule::{Check, Ctx, Rule};
use nianbao_model::Diagnostic;
use serde::Deserialize;
use std::ops::Range;

/// `[rules.leftover-text]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Text only a drafting template contains.
    phrases: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct LeftoverTextCheck {
    phrases: Vec<String>,
}

impl CheckKind for LeftoverTextCheck {
    const KEY: &'static str = "leftover-text";
    const DOC: KindDoc = KindDoc {
        parameters: "`phrases`",
        placeholders: "`phrase`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        vec![format!("- phrases: {}", params.phrases.join("、"))]
    }

    fn compile(params: Params, _: RuleText<'_>, table: Range<usize>) -> Result<Self, LoadFailure> {
        if params.phrases.is_empty() || params.phrases.iter().any(String::is_empty) {
            return Err(LoadFailure::new(table, "`phrases` lists non-empty text"));
        }
        Ok(Self {
            phrases: params.phrases,
        })
    }
}

impl Check for LeftoverTextCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["phrase"]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for sentence in &ctx.sentences {
            // The sentence's text, hard-wrapped lines joined; `span` maps back to the source.
            let text = sentence.text.text();
            for phrase in &self.phrases {
                for (at, _) in text.match_indices(phrase.as_str()) {
                    let span = sentence.text.span(at..at + phrase.len());
                    out.push(rule.emit(None, span, &vec![var("phrase", phrase)]));
                }
            }
        }
    }
}

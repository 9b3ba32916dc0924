//! `text`: what a section's text must contain — one of some words, or a least amount of content
//! besides boilerplate (Section 五's fees, Section 六's other matters).

use super::{CheckKind, KindDoc};
use crate::fold::fold;
use crate::message::var;
use crate::params::{LoadFailure, RuleText};
use crate::rule::{Check, Ctx, Rule};
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
    /// `require_any` folded once, as the section's text is compared folded.
    require_folded: Vec<String>,
    min_chars: Option<usize>,
    /// The boilerplate, folded once.
    ignore: Vec<String>,
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
            require_folded: params.require_any.iter().map(|word| fold(word)).collect(),
            require_any: params.require_any,
            min_chars: params.min_chars,
            ignore: params.ignore.iter().map(|word| fold(word)).collect(),
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
                if content.contains(boilerplate.as_str()) {
                    content = Cow::Owned(content.replace(boilerplate.as_str(), ""));
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
            .any(|needle| body.contains(needle.as_str()));
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

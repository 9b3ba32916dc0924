//! `sections`: the six sections are present, in order, with the template's headings.

use super::{CheckKind, KindDoc};
use crate::message::var;
use crate::params::{LoadFailure, RuleText};
use crate::rule::{Check, Ctx, Rule};
use nianbao_model::template::SECTIONS;
use nianbao_model::{Diagnostic, LabelMatch, Span};
use serde::Deserialize;
use std::ops::Range;

/// What a sections rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SectionCheck {
    Missing,
    Order,
    Heading,
}

impl SectionCheck {
    fn as_str(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Order => "order",
            Self::Heading => "heading",
        }
    }
}

/// `[rules.sections]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    check: SectionCheck,
}

#[derive(Debug)]
pub(crate) struct SectionsCheck {
    check: SectionCheck,
}

impl CheckKind for SectionsCheck {
    const KEY: &'static str = "sections";
    const DOC: KindDoc = KindDoc {
        parameters: "`check = \"missing\" \\| \"order\" \\| \"heading\"`",
        placeholders: "`number`, `heading`, `expected`, `previous`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        vec![format!("- check: {}", params.check.as_str())]
    }

    fn compile(params: Params, _: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        Ok(Self {
            check: params.check,
        })
    }
}

impl Check for SectionsCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["number", "heading", "expected", "previous"]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        run(rule, self.check, ctx, out);
    }
}

fn numeral(number: u8) -> &'static str {
    SECTIONS
        .iter()
        .find(|section| section.number == number)
        .map_or("?", |section| section.numeral)
}

fn template_heading(number: u8) -> String {
    SECTIONS
        .iter()
        .find(|section| section.number == number)
        .map_or_else(String::new, |section| {
            format!("{}、{}", section.numeral, section.heading)
        })
}

/// The last non-empty line of the text, where a finding about something missing at the end goes.
fn last_line(source: &str) -> Span {
    let trimmed = source.trim_end();
    let start = trimmed.rfind('\n').map_or(0, |at| at + 1);
    let line = &trimmed[start..];
    let lead = line.len() - line.trim_start().len();
    Span::from_range(start + lead..trimmed.len())
}

fn run(rule: &Rule, check: SectionCheck, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let sections = &ctx.report.sections;
    match check {
        SectionCheck::Missing => {
            for template in &SECTIONS {
                if sections.iter().any(|s| s.number == template.number) {
                    continue;
                }
                let anchor = sections
                    .iter()
                    .find(|s| s.number > template.number)
                    .map_or_else(|| last_line(ctx.source), |s| s.heading_span);
                let vars = vec![
                    var("number", template.numeral),
                    var("expected", template_heading(template.number)),
                    var("heading", anchor.slice(ctx.source)),
                    var("previous", ""),
                ];
                out.push(rule.emit(None, anchor, &vars));
            }
        }
        SectionCheck::Order => {
            let mut highest = 0u8;
            for section in sections {
                if section.number < highest {
                    let vars = vec![
                        var("number", numeral(section.number)),
                        var("heading", &section.heading),
                        var("expected", template_heading(section.number)),
                        var("previous", numeral(highest)),
                    ];
                    out.push(rule.emit(None, section.heading_span, &vars));
                }
                highest = highest.max(section.number);
            }
        }
        SectionCheck::Heading => {
            for section in sections {
                if section.conformity != LabelMatch::Variant {
                    continue;
                }
                let vars = vec![
                    var("number", numeral(section.number)),
                    var("heading", &section.heading),
                    var("expected", template_heading(section.number)),
                    var("previous", ""),
                ];
                out.push(rule.emit(None, section.heading_span, &vars));
            }
        }
    }
}


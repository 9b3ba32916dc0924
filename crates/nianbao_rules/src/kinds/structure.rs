//! The six sections: present, in order, with the template's headings; and what a section's text
//! must contain.

use super::{Ctx, emit};
use crate::Rule;
use crate::spec::SectionCheck;
use crate::text::{fold, var};
use nianbao_model::template::SECTIONS;
use nianbao_model::{Diagnostic, LabelMatch, Span};

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

pub(super) fn sections(rule: &Rule, check: SectionCheck, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
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
                out.push(emit(rule, None, anchor, &vars));
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
                    out.push(emit(rule, None, section.heading_span, &vars));
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
                out.push(emit(rule, None, section.heading_span, &vars));
            }
        }
    }
}

pub(super) fn text(
    rule: &Rule,
    number: u8,
    require_any: &[String],
    min_chars: Option<usize>,
    ignore: &[String],
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(section) = ctx.report.section(number) else {
        return;
    };
    let body = fold(section.body.slice(ctx.source));
    let mut failed = false;
    let mut chars = body.chars().count();
    if let Some(min) = min_chars {
        let mut content = body.clone();
        for boilerplate in ignore {
            content = content.replace(&fold(boilerplate), "");
        }
        chars = content.chars().count();
        failed |= chars < min;
    }
    if !require_any.is_empty() {
        failed |= !require_any
            .iter()
            .any(|needle| body.contains(&fold(needle)));
    }
    if failed {
        let vars = vec![
            var("heading", &section.heading),
            var("chars", chars),
            var("expected", require_any.join("、")),
        ];
        out.push(emit(rule, None, section.heading_span, &vars));
    }
}

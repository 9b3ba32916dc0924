//! Report metadata: the year the title, the 统计期限 and the narrative speak of, the template era
//! that year calls for, and the title's form (`deadlines.md` §3).

use super::{Ctx, emit};
use crate::Rule;
use crate::spec::YearCheck;
use crate::text::{fold, var};
use nianbao_model::template::Template;
use nianbao_model::{Diagnostic, Span};

fn era(template: Template) -> Option<u8> {
    match template {
        Template::Pre2019 => Some(0),
        Template::V2019 => Some(1),
        Template::V2021 => Some(2),
        Template::Unknown => None,
    }
}

/// Sentence-initial `YYYY年，` / `YYYY 年度，`: the year a sentence says it is about.
fn leading_year(source: &str, span: Span) -> Option<(u16, Span)> {
    let text = span.slice(source);
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let rest = fold(&trimmed[digits.len()..]);
    let rest = rest.strip_prefix('年')?;
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    if !rest.starts_with(',') {
        return None;
    }
    let year = digits.parse().ok()?;
    let start = span.start as usize + lead;
    Some((year, Span::from_range(start..start + digits.len())))
}

/// The year of a cited work plan, `《…2022年政务公开工作要点》`, with the span of its digits.
fn work_plan_year(source: &str, span: Span) -> Option<(u16, Span)> {
    let text = span.slice(source);
    let plan = text.find("工作要点")?;
    let open = text.get(..plan)?.rfind('《')?;
    let title = text.get(open..plan)?;
    let bytes = title.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|at| {
        let digits = title.get(at..at + 4)?;
        let is_year = digits.bytes().all(|b| b.is_ascii_digit())
            && (digits.starts_with("19") || digits.starts_with("20"))
            && title.get(at + 4..)?.trim_start().starts_with('年')
            && !title.get(..at)?.ends_with(|c: char| c.is_ascii_digit());
        let year = digits.parse().ok().filter(|_| is_year)?;
        let start = span.start as usize + open + at;
        Some((year, Span::from_range(start..start + 4)))
    })
}

pub(super) fn years(rule: &Rule, check: YearCheck, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    match check {
        YearCheck::TitlePeriod => {
            let (Some(title), Some(period)) = (&report.title, &report.period) else {
                return;
            };
            let Some(title_year) = title.year else {
                return;
            };
            let period_year = period.start_year;
            if title_year == period_year {
                return;
            }
            let vars = vec![
                var("title_year", title_year),
                var("period_year", period_year),
                var("year", title_year),
            ];
            let span = title.year_span.unwrap_or(title.span);
            let diagnostic = emit(rule, None, span, &vars).with_label(
                period.span,
                nianbao_model::Message::new(
                    format!("统计期限为 {period_year} 年"),
                    format!("the statistical period is {period_year}"),
                ),
            );
            out.push(diagnostic);
        }
        YearCheck::Body => {
            let Some(year) = report.year() else {
                return;
            };
            let mut counts: Vec<(u16, usize, Span)> = Vec::new();
            for sentence in &ctx.sentences {
                // Later years are plans (`2025年，我们将…`), not stale text.
                if let Some((found, span)) =
                    leading_year(ctx.source, sentence.span).filter(|&(found, _)| found <= year)
                {
                    match counts.iter_mut().find(|(y, ..)| *y == found) {
                        Some(entry) => entry.1 += 1,
                        None => counts.push((found, 1, span)),
                    }
                }
            }
            for sentence in &ctx.sentences {
                if let Some((cited, span)) = work_plan_year(ctx.source, sentence.span) {
                    if cited < year {
                        let vars =
                            vec![var("year", year), var("body_year", cited), var("count", 1)];
                        out.push(emit(rule, Some("work-plan"), span, &vars));
                    }
                }
            }
            let Some(&(_, best, _)) = counts.iter().max_by_key(|(_, count, _)| *count) else {
                return;
            };
            let leaders: Vec<&(u16, usize, Span)> = counts
                .iter()
                .filter(|(_, count, _)| *count == best)
                .collect();
            if leaders.iter().any(|(y, ..)| *y == year) {
                return;
            }
            if let [(body_year, count, span)] = leaders.as_slice() {
                let vars = vec![
                    var("year", year),
                    var("body_year", body_year),
                    var("count", count),
                ];
                out.push(emit(rule, None, *span, &vars));
            }
        }
        YearCheck::TemplateEra => {
            let Some(year) = report.year() else {
                return;
            };
            let detected = report.template.template;
            let expected = Template::expected_for_year(year);
            let span = match (&report.title, &report.period) {
                (Some(title), _) => title.span,
                (None, Some(period)) => period.span,
                (None, None) => return,
            };
            let vars = vec![
                var("year", year),
                var("detected", detected.as_str()),
                var("expected", expected.as_str()),
            ];
            if report.template.mixed {
                out.push(emit(rule, Some("mixed"), span, &vars));
                return;
            }
            let (Some(found), Some(wanted)) = (era(detected), era(expected)) else {
                return;
            };
            if found < wanted {
                out.push(emit(rule, None, span, &vars));
            } else if found > wanted {
                out.push(emit(rule, Some("newer"), span, &vars));
            }
        }
    }
}

const SUFFIX: &str = "政府信息公开工作年度报告";

/// `{机关}{Y}年[度]{机关}政府信息公开工作年度报告`, with an issuer on at least one side.
fn canonical(title: &str) -> bool {
    let folded = fold(title);
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    for (index, window) in chars.windows(5).enumerate() {
        let digits: String = window.iter().take(4).map(|&(_, c)| c).collect();
        let is_year = (digits.starts_with("19") || digits.starts_with("20"))
            && digits.chars().all(|c| c.is_ascii_digit())
            && window.get(4).is_some_and(|&(_, c)| c == '年');
        if !is_year {
            continue;
        }
        let Some(&(start, _)) = chars.get(index) else {
            continue;
        };
        let org = &folded[..start];
        let after = &folded[start + 4 + '年'.len_utf8()..];
        let after = after.strip_prefix('度').unwrap_or(after);
        let Some(org2) = after.strip_suffix(SUFFIX) else {
            return false;
        };
        return !(org.is_empty() && org2.is_empty());
    }
    false
}

pub(super) fn title(rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(title) = &ctx.report.title else {
        return;
    };
    let text = title.span.slice(ctx.source).trim();
    if text.is_empty() || canonical(text) {
        return;
    }
    let expected = match (ctx.report.organ(), title.year) {
        (Some(organ), Some(year)) => format!("{organ}{year}年{SUFFIX}"),
        _ => format!("{{机关}}{{年份}}年{SUFFIX}"),
    };
    let vars = vec![var("title", text), var("expected", expected)];
    out.push(emit(rule, None, title.span, &vars));
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn canonical_titles() {
        assert!(canonical(
            "偃师区人民政府办公室 2024 年政府信息公开工作年度报告"
        ));
        assert!(canonical("2022年上海市政府信息公开工作年度报告"));
        assert!(canonical("兴安盟审计局2025年度政府信息公开工作年度报告"));
        assert!(!canonical("2022年度 政府信息公开工作年度报告"));
        assert!(!canonical("舒兰市2016年政务信息公开年度报告"));
        assert!(!canonical("漳平市2025年政府信息公开工作的年度报告"));
        assert!(!canonical("某局政府信息公开工作年度报告"));
    }
}

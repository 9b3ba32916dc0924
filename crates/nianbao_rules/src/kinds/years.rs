//! `years`: the year the title, the 统计期限 and the text speak of, and the template era that
//! year calls for (`deadlines.md` §3).

use super::{CheckKind, KindDoc};
use crate::fold::{fold, fold_char};
use crate::message::{var, var2};
use crate::params::{LoadFailure, RuleText};
use crate::prose::Sentence;
use crate::rule::{Check, Ctx, Rule, Variant};
use nianbao_model::template::Template;
use nianbao_model::{Diagnostic, Message, Severity, Span};
use memchr::memmem;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

/// Which year a years rule compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum YearCheck {
    TitlePeriod,
    Body,
    TemplateEra,
}

impl YearCheck {
    fn as_str(self) -> &'static str {
        match self {
            Self::TitlePeriod => "title-period",
            Self::Body => "body",
            Self::TemplateEra => "template-era",
        }
    }
}

/// `[rules.years]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    check: YearCheck,
}

#[derive(Debug)]
pub(crate) struct YearsCheck {
    check: YearCheck,
}

impl CheckKind for YearsCheck {
    const KEY: &'static str = "years";
    const DOC: KindDoc = KindDoc {
        parameters: "`check = \"title-period\" \\| \"body\" \\| \"template-era\"`",
        placeholders: "`year`, `title_year`, `period_year`, `body_year`, `count`, `detected`, `expected`, `label`, `found`, `deviation`",
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

impl Check for YearsCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &[
            "year",
            "title_year",
            "period_year",
            "body_year",
            "count",
            "detected",
            "expected",
            "label",
            "found",
            "deviation",
        ]
    }

    fn variants(&self) -> &'static [Variant] {
        match self.check {
            YearCheck::TitlePeriod => &[],
            YearCheck::Body => &[Variant {
                name: "work-plan",
                zh: "正文引用了 {body_year} 年的工作要点，但报告年度为 {year}",
                en: "the text cites the work plan of {body_year}, but the report is on {year}",
                severity: None,
            }],
            YearCheck::TemplateEra => &[
                Variant {
                    name: "newer",
                    zh: "{year} 年度报告使用了更新的 {detected} 版格式（应为 {expected} 版），可能是事后重新发布",
                    en: "a report on {year} uses the newer {detected} format (expected {expected}); possibly re-published later",
                    severity: Some(Severity::Warning),
                },
                Variant {
                    name: "mixed",
                    zh: "表格混用了两个版本的格式（{detected} 与其他版本）",
                    en: "the tables mix two template versions ({detected} and another)",
                    severity: None,
                },
                Variant {
                    name: "deviates",
                    zh: "“{label}”沿用了 {found} 版格式：{deviation}",
                    en: "“{label}” follows the {found} format: {deviation}",
                    severity: Some(Severity::Warning),
                },
            ],
        }
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        run(rule, self.check, ctx, out);
    }
}

fn era(template: Template) -> Option<u8> {
    match template {
        Template::Pre2019 => Some(0),
        Template::V2019 => Some(1),
        Template::V2021 => Some(2),
        Template::Unknown => None,
    }
}

/// A year written in the text, with the span of its digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct YearAt {
    year: u16,
    span: Span,
}

/// Sentence-initial `YYYY年，` / `YYYY 年度，` (spaces allowed, digits of either width): the
/// year a sentence says it is about.
fn leading_year(sentence: &Sentence<'_>) -> Option<YearAt> {
    let text = sentence.text.text();
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let is_digit = |c: &char| c.is_ascii_digit() || ('０'..='９').contains(c);
    let digits_len: usize = trimmed
        .chars()
        .take_while(is_digit)
        .map(char::len_utf8)
        .sum();
    let digits = &trimmed[..digits_len];
    if digits.chars().count() != 4 {
        return None;
    }
    // What follows, folded (no whitespace, full-width ASCII as ASCII) a character at a time:
    // only its first three characters matter.
    let mut rest = trimmed[digits_len..].chars().filter_map(fold_char).peekable();
    if rest.next() != Some('年') {
        return None;
    }
    rest.next_if_eq(&'度');
    if rest.next() != Some(',') {
        return None;
    }
    let year = fold(digits).parse().ok()?;
    Some(YearAt {
        year,
        span: sentence.text.span(lead..lead + digits.len()),
    })
}

/// The year of a cited work plan, `《…2022年政务公开工作要点》`, with the span of its digits.
fn work_plan_year(sentence: &Sentence<'_>) -> Option<YearAt> {
    let text = sentence.text.text();
    static PLAN: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("工作要点"));
    let plan = PLAN.find(text.as_bytes())?;
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
        let start = open + at;
        Some(YearAt {
            year,
            span: sentence.text.span(start..start + 4),
        })
    })
}

fn run(rule: &Rule, check: YearCheck, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    match check {
        YearCheck::TitlePeriod => title_period(rule, ctx, out),
        YearCheck::Body => body(rule, ctx, out),
        YearCheck::TemplateEra => template_era(rule, ctx, out),
    }
}

/// The title's year against the 统计期限's.
fn title_period(rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
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
    let diagnostic = rule.emit(None, span, &vars).with_label(
        period.span,
        Message::new(
            format!("统计期限为 {period_year} 年"),
            format!("the statistical period is {period_year}"),
        ),
    );
    out.push(diagnostic);
}

/// How often sentences open with one year, and where the first of them does.
#[derive(Clone, Copy, Debug)]
struct YearCount {
    year: u16,
    count: usize,
    first: Span,
}

/// The sentence-initial years of some stretch of text.
#[derive(Debug, Default)]
struct YearCounts(Vec<YearCount>);

impl YearCounts {
    fn add(&mut self, found: YearAt) {
        match self.0.iter_mut().find(|entry| entry.year == found.year) {
            Some(entry) => entry.count += 1,
            None => self.0.push(YearCount {
                year: found.year,
                count: 1,
                first: found.span,
            }),
        }
    }

    fn count(&self, year: u16) -> usize {
        self.0
            .iter()
            .find(|entry| entry.year == year)
            .map_or(0, |entry| entry.count)
    }

    /// The most frequent years.
    fn leaders(&self) -> Vec<YearCount> {
        let best = self.0.iter().map(|entry| entry.count).max().unwrap_or(0);
        self.0
            .iter()
            .copied()
            .filter(|entry| entry.count == best)
            .collect()
    }
}

/// The year the text speaks of against the report's year (errors.md E06): Section 一's
/// sentence-initial years decide, the whole report only breaks their ties (or decides when
/// Section 一 names none). Cited work plans of past years are reported too.
fn body(rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(year) = ctx.report.year() else {
        return;
    };
    let mut whole = YearCounts::default();
    let mut section_one = YearCounts::default();
    for sentence in &ctx.sentences {
        // Later years are plans (`2025年，我们将…`), not stale text.
        if let Some(found) = leading_year(sentence).filter(|f| f.year <= year) {
            whole.add(found);
            if sentence.section == Some(1) {
                section_one.add(found);
            }
        }
    }
    for sentence in &ctx.sentences {
        if let Some(cited) = work_plan_year(sentence) {
            if cited.year < year {
                let vars = vec![
                    var("year", year),
                    var("body_year", cited.year),
                    var("count", 1),
                ];
                out.push(rule.emit(Some("work-plan"), cited.span, &vars));
            }
        }
    }
    let deciding = if section_one.0.is_empty() {
        &whole
    } else {
        &section_one
    };
    let mut leaders = deciding.leaders();
    if leaders.len() > 1 {
        let best = leaders.iter().map(|l| whole.count(l.year)).max();
        leaders.retain(|l| Some(whole.count(l.year)) == best);
    }
    if leaders.iter().any(|entry| entry.year == year) {
        return;
    }
    if let [leader] = leaders.as_slice() {
        // The message counts the year's sentences in the whole text; the finding sits on the
        // first of those that decided.
        let vars = vec![
            var("year", year),
            var("body_year", leader.year),
            var("count", whole.count(leader.year)),
        ];
        out.push(rule.emit(None, leader.first, &vars));
    }
}

/// The template the tables follow against the one the report's year calls for; and, in tables
/// of one format, an entry printed the way of another (the 2019 single （六）其他处理 row in a
/// 2021 table), at that entry.
fn template_era(rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    deviations(rule, ctx, out);
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
        out.push(rule.emit(Some("mixed"), span, &vars));
        return;
    }
    let (Some(found), Some(wanted)) = (era(detected), era(expected)) else {
        return;
    };
    if found < wanted {
        out.push(rule.emit(None, span, &vars));
    } else if found > wanted {
        out.push(rule.emit(Some("newer"), span, &vars));
    }
}

/// Evidence of another template than the one detected, when the tables are not mixed: a row
/// printed the old way inside a table of the new format. The finding names the entry and says
/// what deviates.
fn deviations(rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let detection = &ctx.report.template;
    let detected = detection.template;
    if detection.mixed || era(detected).is_none() {
        return;
    }
    for evidence in &detection.evidence {
        if evidence.template == detected || era(evidence.template).is_none() {
            continue;
        }
        let deviation = if ctx.rows == Template::V2019 && detected == Template::V2021 {
            Message::new(
                "2021 版在此分为 R21–R23 三行（逾期不补正、逾期未按收费通知缴费、其他），此处只印一行，勾稽关系按这一行核对",
                "the 2021 format has three rows here, R21–R23 (no correction in time, fee not paid, other); it is printed as one row, which the identities use",
            )
        } else {
            Message::new(
                format!("报告的其余表格按 {} 版格式填报", detected.as_str()),
                format!("the rest of the tables follow the {} format", detected.as_str()),
            )
        };
        let vars = vec![
            var("label", evidence.label),
            var("found", evidence.template.as_str()),
            var("detected", detected.as_str()),
            var2("deviation", &deviation),
        ];
        out.push(rule.emit(Some("deviates"), evidence.span, &vars));
    }
}

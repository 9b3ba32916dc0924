//! Faults in the words: the narrative's numbers and claims, section headings, the 统计期限,
//! label typos and the title.

use super::tables::set4;
use crate::render::{Anchor, Layout};
use crate::report::{Fact, GeneratedReport, Heading, row};
use crate::rng::Rng;
use nianbao_model::template::{SECTIONS, Template};

/// Template labels, a typo of each as reviewers find them (the first is the seed's own
/// `本年度止件数`; the last drop characters, as in a published 2023 report), and whether the
/// label is a 2021 Table 2 column header. Only labels that occur once in a report, so the
/// finding's place is unambiguous.
const TYPOS: &[(&str, &str, bool)] = &[
    ("本年废止件数", "本年度止件数", true),
    ("本年制发件数", "本年制法件数", true),
    ("现行有效件数", "现行有郊件数", true),
    ("属于行政执法案卷", "属于行政执法案券", false),
    (
        "没有现成信息需要另行制作",
        "没有现成信息需要另行制做",
        false,
    ),
    ("信访举报投诉类申请", "信访举报投拆类申请", false),
    ("保护第三方合法权益", "保护第三方合法权利", false),
    ("要求提供公开出版物", "要求提供公开出版务", false),
    // Misprints that drop characters, as published (`hongze-2023.pdf`).
    ("其他法律行政法规禁止公开", "其他法律行政止公开", false),
    ("无正当理由大量反复申请", "无正当理由大量申请", false),
];

/// Facts a narrative fault may change: those whose rule compares one unambiguous phrase with one
/// cell set.
const CHANGEABLE: &[Fact] = &[
    Fact::New,
    Fact::Carried,
    Fact::Closed,
    Fact::Disclosed,
    Fact::Partial,
    Fact::Refused,
    Fact::Unavailable,
    Fact::NotHeld,
    Fact::NotHandled,
    Fact::OtherHandled,
    Fact::CarryNext,
    Fact::Reconsideration,
    Fact::Litigation,
    Fact::NormativeDocs,
    Fact::DisclosedPercent,
];

/// N001…: a number the narrative states, changed from its cell.
pub(super) fn narrative_number(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    let present: Vec<Fact> = report
        .narrative_facts()
        .into_iter()
        .filter(|fact| CHANGEABLE.contains(fact))
        .collect();
    let fact = *rng.pick(&present)?;
    let value = report.fact_value(fact);
    let (stated, shown, truth) = if fact == Fact::DisclosedPercent {
        // Whole points off, so neither rounding nor truncation can explain it.
        let points = rng.range(1, 5) * 100;
        let stated = if value > points {
            value - points
        } else {
            value + points
        };
        (stated, percent(stated), percent(value))
    } else {
        let delta = rng.range(1, 5);
        let stated = if value > delta && rng.chance(40) {
            value - delta
        } else {
            value + delta
        };
        (stated, stated.to_string(), value.to_string())
    };
    report.edits.narrative = Some((fact, stated));
    Some((
        fact.code(),
        Anchor::Fact(fact),
        format!("narrative states {shown} for {fact:?}, the table gives {truth}"),
    ))
}

/// S001: section 五 removed, or the heading of section 一 lost.
pub(super) fn missing_section(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    if rng.chance(50) {
        set_heading(report, 5, Heading::Removed);
        Some((
            "S001",
            Anchor::Heading(6),
            "section 五 (heading and body) removed".to_owned(),
        ))
    } else {
        set_heading(report, 1, Heading::Lost);
        Some((
            "S001",
            Anchor::Heading(2),
            "heading 一、总体情况 lost; its body stays".to_owned(),
        ))
    }
}

/// S003: a section heading in a non-template wording.
pub(super) fn renamed_section(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    let choices: Vec<(u8, &'static str)> = SECTIONS
        .iter()
        .filter(|section| section.number > 1)
        .flat_map(|section| {
            section
                .variants
                .iter()
                .filter(|variant| !variant.contains("行政法"))
                .map(move |&variant| (section.number, variant))
        })
        .collect();
    let &(number, variant) = rng.pick(&choices)?;
    set_heading(report, number, Heading::Variant(variant));
    Some((
        "S003",
        Anchor::Heading(number),
        format!("heading of section {number} printed as the non-template wording {variant}"),
    ))
}

/// M001: the 统计期限 names another year than the title.
pub(super) fn period_year(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    let year = if rng.chance(70) {
        report.year - 1
    } else {
        report.year + 1
    };
    report.edits.period_year = Some(year);
    Some((
        "M001",
        Anchor::TitleYear,
        format!("统计期限 says {year}, the title says {}", report.year),
    ))
}

/// L001: a template label misprinted.
pub(super) fn label_typo(
    report: &mut GeneratedReport,
    rng: &mut Rng,
    layout: Layout,
) -> Option<(&'static str, Anchor, String)> {
    let choices: Vec<&(&str, &str, bool)> = TYPOS
        .iter()
        // A header typo needs the header split into cells; glued headers cannot show
        // which label is wrong.
        .filter(|(_, _, header)| {
            !header || (report.template == Template::V2021 && layout.separates_cells())
        })
        .collect();
    let &&(original, typo, _) = rng.pick(&choices)?;
    report.edits.label = Some((original, typo));
    Some((
        "L001",
        Anchor::Label(original),
        format!("label {original} printed as {typo}"),
    ))
}

/// N014: `所有申请均已按时办结` while requests are carried over.
pub(super) fn all_closed_claim(
    report: &mut GeneratedReport,
) -> Option<(&'static str, Anchor, String)> {
    if report.table3(row(25), 6) == 0 {
        for id in [row(25), row(2)] {
            report.add3(id, 0, 1);
            report.add3(id, 6, 1);
        }
    }
    report.edits.claim = Some(Fact::AllClosed);
    Some((
        "N014",
        Anchor::Fact(Fact::AllClosed),
        format!(
            "narrative says 所有申请均已按时办结 while R25 总计 is {}",
            report.table3(row(25), 6)
        ),
    ))
}

/// N012 or N013: a claim about 行政复议/行政诉讼 that Table 4 contradicts.
pub(super) fn cases_claim(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    let pending_or_corrected = [1, 2, 3, 6, 7, 8, 11, 12, 13];
    if rng.chance(50) {
        if (0..15).all(|index| report.table4(index) == 0) {
            set4(report, 0, 1);
            set4(report, 4, 1);
        }
        report.edits.claim = Some(Fact::NoCases);
        Some((
            "N012",
            Anchor::Fact(Fact::NoCases),
            format!(
                "narrative says no 行政复议/行政诉讼 while F5 = {}, F10 + F15 = {}",
                report.table4(4),
                report.table4(9) + report.table4(14)
            ),
        ))
    } else {
        if pending_or_corrected
            .iter()
            .all(|&index| report.table4(index) == 0)
        {
            // One 行政复议 still pending (F4), its total kept right.
            set4(report, 3, 1);
            set4(report, 4, 1);
        }
        report.edits.claim = Some(Fact::AllUpheld);
        Some((
            "N013",
            Anchor::Fact(Fact::AllUpheld),
            "narrative says 均获维持 while a case is pending or was corrected".to_owned(),
        ))
    }
}

/// M004: a title ending in a non-standard wording.
pub(super) fn title_nonstandard(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    let suffixes = [
        "政府信息公开年度报告",
        "政务信息公开年度报告",
        "政府信息公开工作的年度报告",
    ];
    let suffix = *rng.pick(&suffixes)?;
    report.edits.title_suffix = Some(suffix);
    Some((
        "M004",
        Anchor::Title,
        format!("title ends in {suffix} instead of 政府信息公开工作年度报告"),
    ))
}

/// Hundredths of a percent as printed: `13.41%`.
fn percent(hundredths: i64) -> String {
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

fn set_heading(report: &mut GeneratedReport, number: u8, heading: Heading) {
    if let Some(slot) = report
        .edits
        .headings
        .get_mut(usize::from(number).saturating_sub(1))
    {
        *slot = Some(heading);
    }
}

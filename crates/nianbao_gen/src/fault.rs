//! Fault injection: one known defect per faulty report, and the finding it must produce.

use crate::generate::FAULTS;
use crate::render::{Anchor, Layout, Rendered};
use crate::report::{Fact, GeneratedReport, Heading, IdentityFailure, Val, row};
use crate::rng::Rng;
use nianbao_model::template::{RowId, SECTIONS, Template, outcome_rows};
use serde::Serialize;

/// A class of defect the rules cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FaultKind {
    /// T3001: a row's 总计 differs from the sum of its six applicant columns.
    RowTotal,
    /// T3002: R25 of one column and of 总计 both +1; every row total still holds.
    Balance,
    /// T3003: （七）总计 differs from its outcome rows; its own row total and the balance hold.
    OutcomeTotal,
    /// T4001: a Table 4 block total differs from its four parts.
    Table4Total,
    /// N001/N003–N009/N011/N015: a number in the narrative differs from its cell.
    NarrativeNumber,
    /// S001: a section is missing.
    MissingSection,
    /// S003: a section heading in a non-template wording.
    RenamedSection,
    /// M001: the 统计期限 names another year than the title.
    PeriodYear,
    /// B001: a blank cell.
    BlankCell,
    /// L001: a template label misprinted (one character changed, or characters dropped).
    LabelTypo,
    /// V001: a negative count, or a decimal where an integer is due.
    BadValue,
    /// N014: `所有申请均已办结` while R25 > 0.
    AllClosedClaim,
    /// N012: `未发生…行政复议、行政诉讼` while Table 4 has cases; or N013: `均获维持` while a case
    /// is pending or was corrected.
    CasesClaim,
    /// M003: a 2021-or-later report printed with the 2019 trial format's tables (E04).
    TemplateEra,
    /// M004: a title ending in a non-standard wording (`…政府信息公开年度报告`, E14).
    TitleNonstandard,
    /// N030: in the 2008 format, a total printed wrong while its parts, shown complete, still
    /// add up to the true one: the answered total (`受理117件，办结171件`), or with nothing
    /// answered the information produced.
    StatedSum,
}

impl FaultKind {
    pub const ALL: [FaultKind; 16] = [
        Self::RowTotal,
        Self::Balance,
        Self::OutcomeTotal,
        Self::Table4Total,
        Self::NarrativeNumber,
        Self::MissingSection,
        Self::RenamedSection,
        Self::PeriodYear,
        Self::BlankCell,
        Self::LabelTypo,
        Self::BadValue,
        Self::AllClosedClaim,
        Self::CasesClaim,
        Self::TemplateEra,
        Self::TitleNonstandard,
        Self::StatedSum,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::RowTotal => "row-total",
            Self::Balance => "balance",
            Self::OutcomeTotal => "outcome-total",
            Self::Table4Total => "table4-total",
            Self::NarrativeNumber => "narrative-number",
            Self::MissingSection => "missing-section",
            Self::RenamedSection => "renamed-section",
            Self::PeriodYear => "period-year",
            Self::BlankCell => "blank-cell",
            Self::LabelTypo => "label-typo",
            Self::BadValue => "bad-value",
            Self::AllClosedClaim => "all-closed-claim",
            Self::CasesClaim => "cases-claim",
            Self::TemplateEra => "template-era",
            Self::TitleNonstandard => "title-nonstandard",
            Self::StatedSum => "stated-sum",
        }
    }

    /// Whether `layout` can show this fault. PDF text and glued digits lose empty cells, so a
    /// blank cell cannot be printed in them; a one-line dump has no title line to judge or to
    /// compare with the 统计期限. ([`inject`] may still decline a fault that does not
    /// fit the report, e.g. [`FaultKind::TemplateEra`] on a report already in the 2019 format.)
    pub fn supported_by(self, layout: Layout) -> bool {
        // The 2008 format has none of the template's tables, sections or claims: only its own
        // totals and parts can be wrong there.
        if self == Self::StatedSum || !layout.has_template_tables() {
            return self == Self::StatedSum && !layout.has_template_tables();
        }
        match self {
            Self::BlankCell => layout.shows_blank_cells(),
            Self::TitleNonstandard | Self::PeriodYear => layout.has_title_line(),
            _ => true,
        }
    }
}

/// An injected fault: the finding it must produce, where, and what else it predictably causes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub kind: FaultKind,
    /// The expected finding's code (shared code scheme).
    pub code: &'static str,
    /// Where the expected finding points.
    pub anchor: Anchor,
    /// The same place in words: `T3[R25][C7]`, `F10`, `A7`, `heading 六`, `title`, …
    pub target: String,
    pub description: String,
    /// Other findings the same fault causes, with where they point.
    pub also: Vec<(&'static str, Anchor)>,
}

/// A fault located in a rendered file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExpectedFinding {
    pub code: &'static str,
    pub kind: FaultKind,
    /// 1-based line of the finding's primary span.
    pub line: u32,
    /// What the finding points at: `T3[R25][C7]`, `F10`, `A7`, `heading 六`, `title`, …
    pub target: String,
    pub description: String,
    pub also: Vec<AlsoFinding>,
}

/// A further finding the fault causes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AlsoFinding {
    pub code: &'static str,
    pub line: u32,
}

impl Fault {
    /// The expected finding with its line in `rendered`; `None` if the anchor was not printed
    /// (a bug: every fault anchors something the renderer prints).
    pub fn locate(&self, rendered: &Rendered) -> Option<ExpectedFinding> {
        Some(ExpectedFinding {
            code: self.code,
            kind: self.kind,
            line: rendered.line_of(self.anchor)?,
            target: self.target.clone(),
            description: self.description.clone(),
            also: self
                .also
                .iter()
                .filter_map(|&(code, anchor)| {
                    Some(AlsoFinding {
                        code,
                        line: rendered.line_of(anchor)?,
                    })
                })
                .collect(),
        })
    }
}

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

/// Injects one fault of `kind` into `report`, choosing its place deterministically from the
/// report's seed. `None` when `layout` cannot show it (see [`FaultKind::supported_by`]).
pub fn inject(report: &mut GeneratedReport, kind: FaultKind, layout: Layout) -> Option<Fault> {
    if !kind.supported_by(layout) {
        return None;
    }
    let mut rng = Rng::derive(report.seed, report.index, FAULTS);
    let (code, anchor, description) = match kind {
        FaultKind::RowTotal => {
            let rows = report.rows();
            let id = *rng.pick(&rows)?;
            let total = report.table3(id, 6);
            if rng.chance(50) {
                let delta = if total > 0 && rng.chance(30) {
                    -1
                } else {
                    rng.range(1, 3)
                };
                report.add3(id, 6, delta);
                (
                    "T3001",
                    Anchor::Table3Cell(id, 6),
                    format!(
                        "{id} 总计 printed {}, its six applicant columns sum to {total}",
                        total + delta
                    ),
                )
            } else {
                // A wrong part rather than a wrong total: the row and its column both break.
                let column = usize::try_from(rng.below(6)).unwrap_or(0);
                let delta = rng.range(1, 3);
                report.add3(id, column, delta);
                (
                    "T3001",
                    Anchor::Table3Cell(id, 6),
                    format!(
                        "{id} C{} raised by {delta}: the row's parts sum to {}, its 总计 says {total}",
                        column + 1,
                        total + delta
                    ),
                )
            }
        }
        FaultKind::Balance => {
            let column = usize::try_from(rng.below(6)).unwrap_or(0);
            report.add3(row(25), column, 1);
            report.add3(row(25), 6, 1);
            (
                "T3002",
                Anchor::Table3Cell(row(25), 6),
                format!(
                    "R25 raised by 1 in C{} and in C7: row totals hold, 一+二 ≠ 三+四 in both columns",
                    column + 1
                ),
            )
        }
        FaultKind::OutcomeTotal => {
            let column = usize::try_from(rng.below(6)).unwrap_or(0);
            let delta = rng.range(1, 3);
            for id in [row(24), row(1)] {
                report.add3(id, column, delta);
                report.add3(id, 6, delta);
            }
            (
                "T3003",
                Anchor::Table3Cell(row(24), 6),
                format!(
                    "（七）总计 and R01 raised by {delta} in C{} and C7: R24 no longer sums its outcome rows; row totals and the balance hold",
                    column + 1
                ),
            )
        }
        FaultKind::Table4Total => {
            let block = usize::try_from(rng.below(3)).unwrap_or(0);
            let index = block * 5 + 4;
            // Either the total or one of its parts is off; the finding points at the total.
            let changed = if rng.chance(50) {
                index
            } else {
                block * 5 + usize::try_from(rng.below(4)).unwrap_or(0)
            };
            let before = report.table4(changed);
            let delta = if before > 0 && rng.chance(30) {
                -1
            } else {
                rng.range(1, 3)
            };
            if let Some(cell) = report.table4.get_mut(changed) {
                *cell = Val::Int(before + delta);
            }
            (
                "T4001",
                Anchor::Table4Cell(index),
                format!(
                    "F{} changed from {before} to {}: block {} no longer adds up (总计 F{} printed {})",
                    changed + 1,
                    before + delta,
                    block + 1,
                    index + 1,
                    report.table4(index)
                ),
            )
        }
        FaultKind::NarrativeNumber => {
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
            (
                fact.code(),
                Anchor::Fact(fact),
                format!("narrative states {shown} for {fact:?}, the table gives {truth}"),
            )
        }
        FaultKind::MissingSection => {
            if rng.chance(50) {
                set_heading(report, 5, Heading::Removed);
                (
                    "S001",
                    Anchor::Heading(6),
                    "section 五 (heading and body) removed".to_owned(),
                )
            } else {
                set_heading(report, 1, Heading::Lost);
                (
                    "S001",
                    Anchor::Heading(2),
                    "heading 一、总体情况 lost; its body stays".to_owned(),
                )
            }
        }
        FaultKind::RenamedSection => {
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
            (
                "S003",
                Anchor::Heading(number),
                format!(
                    "heading of section {number} printed as the non-template wording {variant}"
                ),
            )
        }
        FaultKind::PeriodYear => {
            let year = if rng.chance(70) {
                report.year - 1
            } else {
                report.year + 1
            };
            report.edits.period_year = Some(year);
            (
                "M001",
                Anchor::TitleYear,
                format!("统计期限 says {year}, the title says {}", report.year),
            )
        }
        FaultKind::BlankCell => blank_cell(report, &mut rng, layout)?,
        FaultKind::LabelTypo => {
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
            (
                "L001",
                Anchor::Label(original),
                format!("label {original} printed as {typo}"),
            )
        }
        FaultKind::BadValue => bad_value(report, &mut rng, layout)?,
        FaultKind::AllClosedClaim => {
            if report.table3(row(25), 6) == 0 {
                for id in [row(25), row(2)] {
                    report.add3(id, 0, 1);
                    report.add3(id, 6, 1);
                }
            }
            report.edits.claim = Some(Fact::AllClosed);
            (
                "N014",
                Anchor::Fact(Fact::AllClosed),
                format!(
                    "narrative says 所有申请均已按时办结 while R25 总计 is {}",
                    report.table3(row(25), 6)
                ),
            )
        }
        FaultKind::CasesClaim => {
            let pending_or_corrected = [1, 2, 3, 6, 7, 8, 11, 12, 13];
            if rng.chance(50) {
                if (0..15).all(|index| report.table4(index) == 0) {
                    set4(report, 0, 1);
                    set4(report, 4, 1);
                }
                report.edits.claim = Some(Fact::NoCases);
                (
                    "N012",
                    Anchor::Fact(Fact::NoCases),
                    format!(
                        "narrative says no 行政复议/行政诉讼 while F5 = {}, F10 + F15 = {}",
                        report.table4(4),
                        report.table4(9) + report.table4(14)
                    ),
                )
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
                (
                    "N013",
                    Anchor::Fact(Fact::AllUpheld),
                    "narrative says 均获维持 while a case is pending or was corrected".to_owned(),
                )
            }
        }
        FaultKind::TemplateEra => {
            if report.template != Template::V2021 {
                return None;
            }
            for column in 0..7 {
                let other: i64 = (21..=23)
                    .map(|number| report.table3(row(number), column))
                    .sum();
                report.set3(RowId::R21_23, column, Val::Int(other));
                for number in 21..=23 {
                    report.set3(row(number), column, Val::Int(0));
                }
            }
            report.template = Template::V2019;
            report.table2 = crate::generate::table2(&mut rng, report.organ_kind, Template::V2019);
            (
                "M003",
                Anchor::Title,
                format!(
                    "a {} report printed with the 2019 trial format's Tables 2 and 3",
                    report.year
                ),
            )
        }
        FaultKind::StatedSum => report.wrong_stated_total(&mut rng)?,
        FaultKind::TitleNonstandard => {
            let suffixes = [
                "政府信息公开年度报告",
                "政务信息公开年度报告",
                "政府信息公开工作的年度报告",
            ];
            let suffix = *rng.pick(&suffixes)?;
            report.edits.title_suffix = Some(suffix);
            (
                "M004",
                Anchor::Title,
                format!("title ends in {suffix} instead of 政府信息公开工作年度报告"),
            )
        }
    };
    // The identities the fault breaks besides its own, and the passage's outcome breakdown
    // (N016) when the narrative counts every group and they no longer add up.
    let mut also: Vec<(&'static str, Anchor)> = report
        .identity_failures()
        .into_iter()
        .map(|failure: IdentityFailure| (failure.code(), failure.anchor()))
        .filter(|&(other_code, other_anchor)| (other_code, other_anchor) != (code, anchor))
        .collect();
    if report.outcome_breakdown_breaks() {
        also.push(("N016", Anchor::Fact(Fact::Closed)));
    }
    Some(Fault {
        kind,
        code,
        anchor,
        target: target(report, anchor),
        description,
        also,
    })
}

/// An anchor in the cell-id vocabulary of the spec.
fn target(report: &GeneratedReport, anchor: Anchor) -> String {
    match anchor {
        Anchor::Title => "title".to_owned(),
        Anchor::TitleYear => "title year".to_owned(),
        Anchor::Period => "统计期限".to_owned(),
        Anchor::Heading(number) => {
            let numeral = SECTIONS
                .iter()
                .find(|section| section.number == number)
                .map_or("?", |section| section.numeral);
            format!("heading {numeral}")
        }
        Anchor::Fact(fact) => format!("narrative {fact:?}"),
        Anchor::Label(label) => format!("label {label}"),
        Anchor::Table2Cell(position) => report.table2_cells().nth(position).map_or_else(
            || format!("Table 2 cell {position}"),
            |(id, _)| id.to_owned(),
        ),
        Anchor::Table3Cell(id, column) => format!("T3[{id}][C{}]", column + 1),
        Anchor::Table4Cell(index) => format!("F{}", index + 1),
        Anchor::Stated(measure) => format!("stated {}", measure.as_str()),
    }
}

/// B001: a `0` printed blank, where blank-read-as-0 keeps every identity true and the blank
/// cannot pass for layout padding: Table 3 C2–C6 outside （七）总计, Table 4 parts other than
/// the first cell of its line, Table 2 cells other than the last of their row (not in
/// `tab-merged`, whose merged empty column would make the row ambiguous).
fn blank_cell(
    report: &mut GeneratedReport,
    rng: &mut Rng,
    layout: Layout,
) -> Option<(&'static str, Anchor, String)> {
    let zero = |value: Option<Val>| value == Some(Val::Int(0));
    let table4: Vec<usize> = (1..15)
        .filter(|&index| index % 5 != 4 && zero(report.table4_value(index)))
        .collect();
    let mut table2 = Vec::new();
    let mut position = 0;
    for template_row in nianbao_model::template::table2_rows(report.template) {
        let cells = template_row.cell_ids.len();
        for offset in 0..cells.saturating_sub(1) {
            if zero(report.table2.get(position + offset).copied()) {
                table2.push((
                    position + offset,
                    template_row.cell_ids.get(offset).copied().unwrap_or(""),
                ));
            }
        }
        position += cells;
    }
    match rng.weighted(&[70, 15, 15]) {
        1 if !table4.is_empty() => {
            let index = *rng.pick(&table4)?;
            if let Some(cell) = report.table4.get_mut(index) {
                *cell = Val::Blank;
            }
            return Some((
                "B001",
                Anchor::Table4Cell(index),
                format!("F{} (a 0) printed blank", index + 1),
            ));
        }
        // Beside a merged empty column a blank Table 2 cell has no single reading.
        2 if !table2.is_empty() && layout != Layout::TabMerged => {
            let &(position, id) = rng.pick(&table2)?;
            if let Some(cell) = report.table2.get_mut(position) {
                *cell = Val::Blank;
            }
            return Some((
                "B001",
                Anchor::Table2Cell(position),
                format!("{id} (a 0) printed blank"),
            ));
        }
        _ => {}
    }
    let candidates: Vec<(RowId, usize)> = report
        .rows()
        .into_iter()
        // R24 is the total of H03: a blank there is "总计未填", a second finding.
        .filter(|&id| id != row(24))
        .flat_map(|id| (1..6).map(move |column| (id, column)))
        .filter(|&(id, column)| zero(report.table3_value(id, column)))
        .collect();
    let &(id, column) = rng.pick(&candidates)?;
    report.set3(id, column, Val::Blank);
    Some((
        "B001",
        Anchor::Table3Cell(id, column),
        format!("{id} C{} (a 0) printed blank", column + 1),
    ))
}

/// Adds `delta` to Table 4 cell `index`.
fn set4(report: &mut GeneratedReport, index: usize, delta: i64) {
    let value = report.table4(index) + delta;
    if let Some(cell) = report.table4.get_mut(index) {
        *cell = Val::Int(value);
    }
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

/// V001: a negative count balanced by another row (so every identity still holds), or, where
/// glued digits could not carry a sign, a decimal in a Table 2 decision count.
fn bad_value(
    report: &mut GeneratedReport,
    rng: &mut Rng,
    layout: Layout,
) -> Option<(&'static str, Anchor, String)> {
    let outcomes: Vec<RowId> = outcome_rows(report.template).collect();
    if layout.separates_cells() && rng.chance(70) {
        let candidates: Vec<(RowId, usize)> = outcomes
            .iter()
            .filter(|&&id| report.table3(id, 6) >= 1)
            .flat_map(|&id| (0..6).map(move |column| (id, column)))
            .filter(|&(id, column)| report.table3(id, column) == 0)
            .collect();
        if let Some(&(id, column)) = rng.pick(&candidates) {
            let others: Vec<RowId> = outcomes
                .iter()
                .copied()
                .filter(|&other| other != id)
                .collect();
            let other = *rng.pick(&others)?;
            report.set3(id, column, Val::Int(-1));
            report.add3(id, 6, -1);
            report.add3(other, column, 1);
            report.add3(other, 6, 1);
            return Some((
                "V001",
                Anchor::Table3Cell(id, column),
                format!(
                    "{id} C{} printed -1 (offset by {other}, so every identity still holds)",
                    column + 1
                ),
            ));
        }
    }
    let ids: &[&str] = match report.template {
        Template::V2019 => &["B9", "B15", "B18"],
        _ => &["A7", "A8", "A9"],
    };
    let id = *rng.pick(ids)?;
    let position = nianbao_model::template::table2_rows(report.template)
        .iter()
        .flat_map(|row| row.cell_ids.iter())
        .position(|&candidate| candidate == id)?;
    let whole = report.table2.get(position).copied()?.number();
    let value = whole * 100 + 50;
    if let Some(cell) = report.table2.get_mut(position) {
        *cell = Val::Hundredths(value);
    }
    Some((
        "V001",
        Anchor::Table2Cell(position),
        format!(
            "{id} printed {}, a decimal where a count is due",
            Val::Hundredths(value).text()
        ),
    ))
}

//! Drawing one clean report: an issuing body, a year, and tables that satisfy every identity.

mod organ;
mod tables;

pub(crate) use tables::table2;

use crate::report::{Edits, GeneratedReport, Plan, Val};
use crate::rng::Rng;
use nianbao_model::template::{ROW_SLOTS, Template};
use organ::organ;
use tables::{fill_table3, table4};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Report years are drawn from this inclusive range.
    pub first_year: u16,
    pub last_year: u16,
    /// Percentage of reports for 2019/2020 (in the 2019 trial format); the rest are 2021 onward.
    pub percent_2019: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            first_year: 2019,
            last_year: 2025,
            percent_2019: 15,
        }
    }
}

/// How the narrative is written, beyond the numbers. Both on by default, as published reports
/// are written (issue 12); [`Narrative::PLAIN`] turns them off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Narrative {
    /// Distractors as real reports print them: durations (`平均办结时长 8 个工作日`, `… 15 分钟`),
    /// counts in other units (`电话咨询 120 人次`), true negated claims about one outcome
    /// (`未发生行政复议被纠错情况`), and in the 2008 format a service hall's and a hotline's
    /// counts of applications (`窗口共受理申请…件`). None of them is a finding.
    pub distractors: bool,
    /// Let the layouts that hard-wrap prose (`pdf-layout`, `reading-order`) break a line inside
    /// a claim's phrase, as a PDF does; otherwise the lines are wrapped between phrases.
    pub wrap_inside_phrases: bool,
}

impl Narrative {
    /// The narrative with neither distractors nor lines broken inside a phrase.
    pub const PLAIN: Narrative = Narrative {
        distractors: false,
        wrap_inside_phrases: false,
    };
}

impl Default for Narrative {
    fn default() -> Self {
        Self {
            distractors: true,
            wrap_inside_phrases: true,
        }
    }
}

impl crate::GeneratedReport {
    /// The same report with its narrative written as `narrative` says.
    pub fn with_narrative(mut self, narrative: Narrative) -> Self {
        self.plan.distractors = narrative.distractors;
        self.plan.wrap_inside_phrases = narrative.wrap_inside_phrases;
        self
    }
}

/// Purposes of the derived random streams.
const TABLES: u64 = 1;
const WORDING: u64 = 2;
pub(crate) const FAULTS: u64 = 3;

/// Generates report `index` of the corpus seeded with `seed`. The same arguments always give the
/// same report.
pub fn generate(seed: u64, index: u64, options: &Options) -> GeneratedReport {
    let mut rng = Rng::derive(seed, index, TABLES);
    let (organ, organ_kind) = organ(&mut rng);
    let (first, last) = (
        options.first_year.min(options.last_year),
        options.first_year.max(options.last_year),
    );
    let has_2019 = first <= 2020;
    let has_2021 = last >= 2021;
    let year = if has_2019 && (!has_2021 || rng.chance(options.percent_2019)) {
        year_in(&mut rng, first, last.min(2020))
    } else {
        year_in(&mut rng, first.max(2021), last)
    };
    let template = if year <= 2020 {
        Template::V2019
    } else {
        Template::V2021
    };
    let mut report = GeneratedReport {
        seed,
        index,
        organ,
        organ_kind,
        year,
        template,
        table2: Vec::new(),
        table3: [[Val::Int(0); 7]; ROW_SLOTS],
        table4: [Val::Int(0); 15],
        plan: plan(&mut Rng::derive(seed, index, WORDING)),
        edits: Edits::default(),
    };
    report.table2 = table2(&mut rng, organ_kind, template);
    fill_table3(&mut report, &mut rng);
    report.table4 = table4(&mut rng, organ_kind);
    report
}

fn year_in(rng: &mut Rng, first: u16, last: u16) -> u16 {
    let value = rng.range(i64::from(first), i64::from(last.max(first)));
    u16::try_from(value).unwrap_or(first)
}

fn plan(rng: &mut Rng) -> Plan {
    let mut prose = [0u8; 12];
    for slot in &mut prose {
        *slot = u8::try_from(rng.below(256)).unwrap_or(0);
    }
    Plan {
        title_spaced: rng.chance(25),
        title_year_first: rng.chance(30),
        application_style: u8::try_from(rng.weighted(&[40, 45, 15])).unwrap_or(0),
        spaced_numbers: rng.chance(35),
        answered_verb: rng.chance(25),
        thousands: rng.chance(30),
        ascii_page_markers: rng.chance(30),
        percent: rng.chance(40),
        normative_docs_sentence: rng.chance(50),
        claim_all_closed: rng.chance(35),
        prose,
        published_items: rng.range(12, 4000),
        signature_day: if rng.chance(70) {
            u8::try_from(rng.range(5, 28)).unwrap_or(0)
        } else {
            0
        },
        phone: u32::try_from(rng.range(2_000_000, 8_999_999)).unwrap_or(2_000_000),
        postcode: u32::try_from(rng.range(100, 899)).unwrap_or(100) * 1000,
        distractors: Narrative::default().distractors,
        wrap_inside_phrases: Narrative::default().wrap_inside_phrases,
    }
}

//! The wording choices drawn for a report and the fault edits applied on top of its numbers.

use super::values::{Fact, Heading};

/// Wording choices, drawn once per report so that rendering is a pure function of the report.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// Spaces around the year in the title (`偃师区人民政府办公室 2024 年…`).
    pub title_spaced: bool,
    /// A government's aggregate report titled year first (`2022年上海市政府信息公开工作年度报告`).
    pub title_year_first: bool,
    /// 0: the seed's `受理…件`; 1: `新收…件`; 2: `收到…件（含上年结转…）`.
    pub application_style: u8,
    /// Spaces around narrative numbers (`受理依申请公开政府信息件 81 件`).
    pub spaced_numbers: bool,
    /// Table 2 counts of 10,000 and more printed with thousands separators (`12,077`).
    pub thousands: bool,
    /// Page markers `- 4 -` rather than `— 4 —`.
    pub ascii_page_markers: bool,
    /// `共作出答复 N 件` rather than `共办结 N 件` (both restate R24).
    pub answered_verb: bool,
    pub percent: bool,
    pub normative_docs_sentence: bool,
    /// Say `所有申请均已按时办结` when it is true (R25 = 0).
    pub claim_all_closed: bool,
    /// Indices into the prose pools of `narrative.rs`, one per slot.
    pub prose: [u8; 12],
    pub published_items: i64,
    /// Day in January of Y+1 printed under the report with the issuer (0: no signature).
    pub signature_day: u8,
    pub phone: u32,
    pub postcode: u32,
    /// Prose numbers that are no counts of applications, and true negated claims about one
    /// outcome ([`crate::Narrative::distractors`]).
    pub distractors: bool,
    /// Wrapping renderers may break a line inside a claim's phrase
    /// ([`crate::Narrative::wrap_inside_phrases`]).
    pub wrap_inside_phrases: bool,
}

/// Fault edits the renderer applies on top of the numbers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Edits {
    pub headings: [Option<Heading>; 6],
    pub period_year: Option<u16>,
    /// `(template label, printed label)`.
    pub label: Option<(&'static str, &'static str)>,
    pub narrative: Option<(Fact, i64)>,
    /// A claim printed whatever the tables say: `所有申请均已办结` (N014), `未发生…行政复议、
    /// 行政诉讼` (N012) or `均获维持` (N013).
    pub claim: Option<Fact>,
    /// A non-standard title ending instead of `政府信息公开工作年度报告` (fault M004).
    pub title_suffix: Option<&'static str>,
    /// In the 2008 format, a total printed other than its parts' sum (fault N030).
    pub stated_total: Option<(nianbao_model::stated::Measure, i64)>,
}

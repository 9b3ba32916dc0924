//! The generated report: the numbers a parser must read back, and the wording choices and fault
//! edits the renderers apply.

use nianbao_model::Value;
use nianbao_model::template::{ROW_SLOTS, RowId, Template, outcome_rows, table2_rows};
use serde::Serialize;
use std::fmt::Write as _;

/// A printed cell value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Val {
    /// An integer (signed only in the 2019 `本年增/减` column, or as an injected fault).
    Int(i64),
    /// A decimal held in hundredths (A10 in 万元, the 2019 procurement amount, or a fault).
    Hundredths(i64),
    /// An empty cell (only as an injected fault: blank is a finding).
    Blank,
}

impl Val {
    /// The value as arithmetic reads it: blank is 0 (as `identities.md` §1 rule 2 does), a
    /// decimal is truncated.
    pub fn number(self) -> i64 {
        match self {
            Self::Int(value) => value,
            Self::Hundredths(value) => value / 100,
            Self::Blank => 0,
        }
    }

    /// The integer, if the cell prints one.
    pub fn as_int(self) -> Option<i64> {
        match self {
            Self::Int(value) => Some(value),
            _ => None,
        }
    }

    /// The decimal value, if the cell prints a number.
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Self::Int(value) => Some(value as f64),
            Self::Hundredths(value) => Some(value as f64 / 100.0),
            Self::Blank => None,
        }
    }

    /// Appends the printed form: `81`, `12.35`, `0.5`, `3`, or nothing for a blank.
    pub fn write(self, out: &mut String) {
        match self {
            Self::Int(value) => {
                let _ = write!(out, "{value}");
            }
            Self::Hundredths(value) => {
                let sign = if value < 0 { "-" } else { "" };
                let magnitude = value.unsigned_abs();
                let (whole, cents) = (magnitude / 100, magnitude % 100);
                let _ = match cents {
                    0 => write!(out, "{sign}{whole}"),
                    c if c % 10 == 0 => write!(out, "{sign}{whole}.{}", c / 10),
                    c => write!(out, "{sign}{whole}.{c:02}"),
                };
            }
            Self::Blank => {}
        }
    }

    pub fn text(self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// What kind of body issues the report; it decides the title, the magnitudes and whether 规章
/// (Table 2 A1–A3) can be non-zero (only governments of 设区的市 make rules, `identities.md` P02).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrganKind {
    /// 市人民政府 / 市人民政府办公室 of a 设区的市.
    CityGovernment,
    /// 县/区人民政府 or its 办公室.
    CountyGovernment,
    /// A department (审计局, 发展和改革局 …).
    Department,
    /// 街道办事处 / 镇人民政府.
    Subdistrict,
}

/// How a section heading is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Heading {
    Template,
    /// A non-template wording (fault S003).
    Variant(&'static str),
    /// The heading line is gone but the body stays (fault S001, a lost heading).
    Lost,
    /// Heading and body are gone (fault S001, a missing section).
    Removed,
}

/// A number the narrative restates; the renderer computes it from the tables unless a fault
/// overrides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fact {
    /// `本年新收…N件` = R01 (N001).
    New,
    /// `受理…N件` = R01 or R01 + R02 (N002, ambiguous).
    Accepted,
    /// `收到…N件（含上年结转…）` = R01 + R02 (N002 with its explicit marker).
    ReceivedWithCarried,
    /// `上年结转 N 件` = R02 (N003).
    Carried,
    /// `办结 N 件` = R24 (N004).
    Closed,
    /// `予以公开 N 件` = R03 (N005).
    Disclosed,
    /// `部分公开 N 件` = R04 (N005).
    Partial,
    /// `不予公开 N 件` = Σ R05..R12 (N006).
    Refused,
    /// `无法提供 N 件` = Σ R13..R15 (N007).
    Unavailable,
    /// `本机关不掌握相关政府信息 N 件` = R13 (N007).
    NotHeld,
    /// `不予处理 N 件` = Σ R16..R20 (N008).
    NotHandled,
    /// `其他处理 N 件` = Σ R21..R23 (N008).
    OtherHandled,
    /// `结转下年度继续办理 N 件` = R25 (N009).
    CarryNext,
    /// `占 p%` after 予以公开 (N010).
    DisclosedPercent,
    /// `行政复议 N 件` = F5 (N011).
    Reconsideration,
    /// `行政诉讼 N 件` = F10 + F15 (N011).
    Litigation,
    /// `未发生…行政复议、行政诉讼` (N012).
    NoCases,
    /// `均获维持` (N013).
    AllUpheld,
    /// `所有申请均已办结` (N014).
    AllClosed,
    /// `制发行政规范性文件 N 件` = A4 (N015).
    NormativeDocs,
}

impl Fact {
    /// The narrative rule that compares this phrase with the tables.
    pub fn code(self) -> &'static str {
        match self {
            Self::New => "N001",
            Self::Accepted | Self::ReceivedWithCarried => "N002",
            Self::Carried => "N003",
            Self::Closed => "N004",
            Self::Disclosed | Self::Partial => "N005",
            Self::Refused => "N006",
            Self::Unavailable | Self::NotHeld => "N007",
            Self::NotHandled | Self::OtherHandled => "N008",
            Self::CarryNext => "N009",
            Self::DisclosedPercent => "N010",
            Self::Reconsideration | Self::Litigation => "N011",
            Self::NoCases => "N012",
            Self::AllUpheld => "N013",
            Self::AllClosed => "N014",
            Self::NormativeDocs => "N015",
        }
    }
}

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

/// One report with every number a parser must read back.
#[derive(Clone, Debug)]
pub struct GeneratedReport {
    pub seed: u64,
    pub index: u64,
    /// The issuing body as printed in the title (`偃师区人民政府办公室`).
    pub organ: String,
    pub organ_kind: OrganKind,
    /// The report year Y.
    pub year: u16,
    /// [`Template::V2021`], or [`Template::V2019`] for 2019 and 2020.
    pub template: Template,
    /// Table 2 in template order: A1–A10, or B1–B22 for 2019.
    pub(crate) table2: Vec<Val>,
    /// Table 3 by [`RowId::index`]; rows the template lacks stay zero and are never printed.
    pub(crate) table3: [[Val; 7]; ROW_SLOTS],
    pub(crate) table4: [Val; 15],
    pub(crate) plan: Plan,
    pub(crate) edits: Edits,
}

impl Val {
    /// The value the report model gives this printed value: whole 万元 amounts print without
    /// decimals and read back as integers.
    pub fn model(self) -> Value {
        match self {
            Val::Int(number) => Value::Number(number),
            Val::Hundredths(hundredths) if hundredths % 100 == 0 => Value::Number(hundredths / 100),
            Val::Hundredths(hundredths) => Value::Decimal(hundredths as f64 / 100.0),
            Val::Blank => Value::Blank,
        }
    }
}

impl GeneratedReport {
    /// Table 3 rows of this report's template, in printed order.
    pub fn rows(&self) -> Vec<RowId> {
        match self.template {
            Template::V2019 => RowId::all_2019().collect(),
            _ => RowId::all_2021().collect(),
        }
    }

    /// The printed value of Table 3 cell `(row, column)`, column 0-based (C1 = 0 … C7 = 6).
    pub fn table3_value(&self, row: RowId, column: usize) -> Option<Val> {
        self.table3.get(row.index())?.get(column).copied()
    }

    /// Table 3 cell `(row, column)` as a number (blank reads 0; absent cells read 0).
    pub fn table3(&self, row: RowId, column: usize) -> i64 {
        self.table3_value(row, column).map_or(0, Val::number)
    }

    /// Table 4 cell by 0-based index (F1 = 0 … F15 = 14).
    pub fn table4_value(&self, index: usize) -> Option<Val> {
        self.table4.get(index).copied()
    }

    /// Table 4 cell by 0-based index as a number.
    pub fn table4(&self, index: usize) -> i64 {
        self.table4_value(index).map_or(0, Val::number)
    }

    /// Table 2 cell by id (`A1`…`A10`, or `B1`…`B22` in a 2019 report).
    pub fn table2(&self, id: &str) -> Option<Val> {
        let position = table2_rows(self.template)
            .iter()
            .flat_map(|row| row.cell_ids.iter())
            .position(|&candidate| candidate == id)?;
        self.table2.get(position).copied()
    }

    /// Every Table 2 cell with its id, in template order.
    pub fn table2_cells(&self) -> impl Iterator<Item = (&'static str, Val)> + '_ {
        table2_rows(self.template)
            .iter()
            .flat_map(|row| row.cell_ids.iter().copied())
            .zip(self.table2.iter().copied())
    }

    /// How many values a parser must read back: every Table 2, 3 and 4 cell, or in the 2008
    /// format every total and part the prose states.
    pub fn printed_fields(&self) -> usize {
        if self.template == Template::Pre2019 {
            return self.stated_fields();
        }
        self.rows().len() * 7 + 15 + self.table2_cells().count()
    }

    /// Where a parsed model disagrees with the numbers this report prints: one line per cell
    /// whose parsed value is not the printed one (kind kept: a blank must come back blank), or
    /// in the 2008 format one per number of a stated count not read as printed. Empty when the
    /// parser read every value back exactly.
    pub fn differences(&self, parsed: &nianbao_model::Report) -> Vec<String> {
        if self.template == Template::Pre2019 {
            return self.stated_differences(&parsed.statistics);
        }
        let mut out = Vec::new();
        let mut compare = |id: String, got: Option<Value>, want: Value| {
            if got != Some(want) {
                out.push(format!("{id}: printed {want:?}, parsed {got:?}"));
            }
        };
        for row in self.rows() {
            for column in 0..7 {
                let got = parsed
                    .table3
                    .as_ref()
                    .and_then(|table| table.cell(row, column));
                let want = self
                    .table3_value(row, column)
                    .map_or(Value::Blank, Val::model);
                compare(
                    format!("{row}[C{}]", column + 1),
                    got.map(|cell| cell.value),
                    want,
                );
            }
        }
        for index in 0..15 {
            let got = parsed
                .table4
                .as_ref()
                .and_then(|table| table.cells.get(index));
            let want = self.table4_value(index).map_or(Value::Blank, Val::model);
            compare(format!("F{}", index + 1), got.map(|cell| cell.value), want);
        }
        for (id, value) in self.table2_cells() {
            let got = parsed.table2.as_ref().and_then(|table| table.cell(id));
            compare(id.to_owned(), got.map(|cell| cell.value), value.model());
        }
        out
    }

    /// The year printed in the 统计期限 (differs from [`Self::year`] only under fault M001).
    pub fn period_year(&self) -> u16 {
        self.edits.period_year.unwrap_or(self.year)
    }

    pub(crate) fn set3(&mut self, row: RowId, column: usize, value: Val) {
        if let Some(cell) = self
            .table3
            .get_mut(row.index())
            .and_then(|cells| cells.get_mut(column))
        {
            *cell = value;
        }
    }

    pub(crate) fn add3(&mut self, row: RowId, column: usize, delta: i64) {
        let value = self.table3(row, column) + delta;
        self.set3(row, column, Val::Int(value));
    }

    /// The sum of column `column` over `rows`.
    pub(crate) fn sum3(&self, rows: &[RowId], column: usize) -> i64 {
        rows.iter().map(|&row| self.table3(row, column)).sum()
    }

    /// Every hard identity (H01–H06) the printed numbers break.
    pub fn identity_failures(&self) -> Vec<IdentityFailure> {
        let mut failures = Vec::new();
        for row in self.rows() {
            let parts: i64 = (0..6).map(|column| self.table3(row, column)).sum();
            if parts != self.table3(row, 6) {
                failures.push(IdentityFailure::RowTotal(row));
            }
        }
        let outcomes: Vec<RowId> = outcome_rows(self.template).collect();
        let (new, carried, closed, next) = (row(1), row(2), row(24), row(25));
        for column in 0..7 {
            let left = self.table3(new, column) + self.table3(carried, column);
            let right = self.table3(closed, column) + self.table3(next, column);
            if left != right {
                failures.push(IdentityFailure::Balance(column));
            }
            if self.sum3(&outcomes, column) != self.table3(closed, column) {
                failures.push(IdentityFailure::OutcomeTotal(column));
            }
        }
        for block in 0..3 {
            let parts: i64 = (0..4).map(|offset| self.table4(block * 5 + offset)).sum();
            if parts != self.table4(block * 5 + 4) {
                failures.push(IdentityFailure::Table4Total(block));
            }
        }
        failures
    }
}

/// `RowId::new` for the literal row numbers used in this crate (1–25 are always valid).
pub(crate) fn row(number: u8) -> RowId {
    RowId::new(number).unwrap_or(RowId::R21_23)
}

/// A broken hard identity and the cell its finding points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityFailure {
    /// H01 for a row: T3001 at the row's C7 cell.
    RowTotal(RowId),
    /// H02 for a 0-based column: T3002 at that column's R25 cell.
    Balance(usize),
    /// H03 for a 0-based column: T3003 at that column's R24 cell.
    OutcomeTotal(usize),
    /// H04–H06 for block 0–2: T4001 at the block's 总计 cell.
    Table4Total(usize),
}

impl IdentityFailure {
    pub fn code(self) -> &'static str {
        match self {
            Self::RowTotal(_) => "T3001",
            Self::Balance(_) => "T3002",
            Self::OutcomeTotal(_) => "T3003",
            Self::Table4Total(_) => "T4001",
        }
    }

    /// Where the finding points.
    pub fn anchor(self) -> crate::Anchor {
        use crate::Anchor;
        match self {
            Self::RowTotal(row) => Anchor::Table3Cell(row, 6),
            Self::Balance(column) => Anchor::Table3Cell(row(25), column),
            Self::OutcomeTotal(column) => Anchor::Table3Cell(row(24), column),
            Self::Table4Total(block) => Anchor::Table4Cell(block * 5 + 4),
        }
    }
}

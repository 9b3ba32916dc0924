//! The vocabulary of a generated report: printed values, kinds of issuing body, heading
//! variants and the facts the narrative restates.

use nianbao_model::Value;
use nianbao_model::template::RowId;
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

/// `RowId::new` for the literal row numbers used in this crate (1–25 are always valid).
pub(crate) fn row(number: u8) -> RowId {
    RowId::new(number).unwrap_or(RowId::R21_23)
}

//! The counts a report in the format of the 2008 条例 (before 2019) states in its own prose —
//! `制作、获取政府信息总数1873条，其中主动公开政府信息425条…`, `共收到申请21条，其中当面申请数18条…`,
//! `答复总数21条，其中同意公开答复数17条…` — each with the parts the text breaks it into. Those
//! reports have no template tables to check against; what can be checked is that the prose
//! agrees with itself.

use nianbao_source::Span;
use serde::Serialize;

/// What a stated count counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// 制作、获取政府信息总数: the information the body produced or obtained, which is either
    /// 主动公开, 依申请公开 or 不予公开.
    Produced,
    /// 主动公开政府信息: proactively published items.
    Proactive,
    /// 收到 / 受理 …申请: applications received.
    Requests,
    /// 答复总数 / 办结: applications answered.
    Replies,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Produced => "produced",
            Self::Proactive => "proactive",
            Self::Requests => "requests",
            Self::Replies => "replies",
        }
    }
}

/// A count the prose states, with the parts it breaks it into (`其中…`), in text order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatedCount {
    pub measure: Measure,
    pub value: i64,
    /// The number as printed.
    pub span: Span,
    /// The words that say what it counts (`答复总数`), up to the number.
    pub phrase: Span,
    /// The parts, at least two, or none when the text gives no breakdown.
    pub parts: Vec<StatedPart>,
    /// Why the parts are known to be all of the count's parts, if they are: whatever the parts
    /// add up to, the count must be their sum.
    pub complete: Option<Completion>,
}

impl StatedCount {
    /// The parts' sum (saturating).
    pub fn parts_sum(&self) -> i64 {
        self.parts
            .iter()
            .map(|part| part.value)
            .fold(0, i64::saturating_add)
    }
}

/// One part of a stated count: `当面申请数18条`, `各乡镇主动公开政府信息602条，占32.5%`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatedPart {
    /// The words that say what the part counts.
    pub label: Span,
    pub value: i64,
    /// The number as printed.
    pub span: Span,
    /// The share the text gives for it (`占32.5%`), in percent.
    pub percent: Option<f64>,
}

/// Why a breakdown is complete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Completion {
    /// One part is the rest (`其他…`, `其它…`).
    Rest,
    /// Every part has a share and the shares add up to 100 %.
    Shares,
    /// The parts are every kind the 条例 knows of (主动公开, 依申请公开 and 不予公开 for
    /// [`Measure::Produced`]).
    AllKinds,
}

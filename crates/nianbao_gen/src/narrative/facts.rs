//! The numbers the narrative states: computed from the printed tables, unless a narrative
//! fault overrides one, and which of them a report prints.

use super::line::Block;
use crate::render::rendered::Anchor;
use crate::report::{Fact, GeneratedReport, row};
use nianbao_model::template::{RowId, Template};

impl GeneratedReport {
    /// The value the narrative prints for `fact`: the table's, unless a fault overrides it.
    pub(super) fn stated(&self, fact: Fact) -> i64 {
        if let Some((overridden, value)) = self.edits.narrative {
            if overridden == fact {
                return value;
            }
        }
        self.fact_value(fact)
    }

    /// The table value a narrative phrase must equal.
    pub(crate) fn fact_value(&self, fact: Fact) -> i64 {
        let total = |rows: std::ops::RangeInclusive<u8>| -> i64 {
            rows.map(|number| self.table3(row(number), 6)).sum()
        };
        match fact {
            Fact::New | Fact::Accepted => self.table3(row(1), 6),
            Fact::ReceivedWithCarried => total(1..=2),
            Fact::Carried => self.table3(row(2), 6),
            Fact::Closed => self.table3(row(24), 6),
            Fact::Disclosed => self.table3(row(3), 6),
            Fact::Partial => self.table3(row(4), 6),
            Fact::Refused => total(5..=12),
            Fact::Unavailable => total(13..=15),
            Fact::NotHeld => self.table3(row(13), 6),
            Fact::NotHandled => total(16..=20),
            Fact::OtherHandled => match self.template {
                Template::V2019 => self.table3(RowId::R21_23, 6),
                _ => total(21..=23),
            },
            Fact::CarryNext => self.table3(row(25), 6),
            Fact::Reconsideration => self.table4(4),
            Fact::Litigation => self.table4(9) + self.table4(14),
            Fact::NormativeDocs => self.table2("A4").map_or(0, |value| value.number()),
            Fact::DisclosedPercent => {
                let closed = self.table3(row(24), 6);
                if closed > 0 {
                    percent_hundredths(self.table3(row(3), 6), closed)
                } else {
                    0
                }
            }
            Fact::NoCases | Fact::AllUpheld | Fact::AllClosed => 0,
        }
    }

    pub(crate) fn all_closed_claimed(&self) -> bool {
        self.edits.claim == Some(Fact::AllClosed)
            || (self.plan.claim_all_closed && self.fact_value(Fact::CarryNext) == 0)
    }

    /// The outcome groups the 依申请公开 passage prints after its 办结 count, with the stated
    /// values: all six in the verbose style, else those that are not 0; 无法提供 is printed as
    /// 本机关不掌握 when that row is all of it.
    pub(super) fn printed_outcomes(&self) -> Vec<(&'static str, Fact, i64)> {
        let groups: [(&str, Fact); 6] = [
            ("予以公开", Fact::Disclosed),
            ("部分公开", Fact::Partial),
            ("不予公开", Fact::Refused),
            ("无法提供", Fact::Unavailable),
            ("不予处理", Fact::NotHandled),
            ("其他处理", Fact::OtherHandled),
        ];
        let mut printed = Vec::new();
        for (phrase, fact) in groups {
            let (phrase, fact) = if fact == Fact::Unavailable
                && self.fact_value(Fact::Unavailable) == self.fact_value(Fact::NotHeld)
            {
                ("本机关不掌握相关政府信息", Fact::NotHeld)
            } else {
                (phrase, fact)
            };
            let value = self.stated(fact);
            if value == 0 && self.plan.application_style != 1 {
                continue;
            }
            printed.push((phrase, fact, value));
        }
        printed
    }

    /// Whether the 依申请公开 passage counts every outcome group and they do not add up to its
    /// own 办结 count (rule N016, `identities.md` N16): a fault that changes a stated outcome or
    /// the table behind them breaks that too.
    pub(crate) fn outcome_breakdown_breaks(&self) -> bool {
        if self.fact_value(Fact::ReceivedWithCarried) == 0 {
            return false;
        }
        let printed = self.printed_outcomes();
        let every_group =
            printed.len() == 6 && printed.iter().all(|(_, fact, _)| *fact != Fact::NotHeld);
        let sum: i64 = printed.iter().map(|(_, _, value)| value).sum();
        every_group && sum != self.stated(Fact::Closed)
    }

    /// The narrative phrases this report prints, in document order.
    pub(crate) fn narrative_facts(&self) -> Vec<Fact> {
        self.blocks()
            .into_iter()
            .flat_map(|block| match block {
                Block::Line { marks, .. } => marks,
                _ => Vec::new(),
            })
            .filter_map(|(anchor, _)| match anchor {
                Anchor::Fact(fact) => Some(fact),
                _ => None,
            })
            .collect()
    }
}

/// `part / whole` in hundredths of a percent, rounded half up (`whole` > 0).
pub(crate) fn percent_hundredths(part: i64, whole: i64) -> i64 {
    (part * 20_000 + whole) / (2 * whole)
}

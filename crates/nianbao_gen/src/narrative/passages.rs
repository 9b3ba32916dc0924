//! The passages that restate the tables: 依申请公开 (Table 3) and the 行政复议/行政诉讼 passage
//! (Table 4).

use super::facts::percent_hundredths;
use super::line::{Block, Line};
use crate::render::rendered::Anchor;
use crate::report::{Fact, GeneratedReport};
use std::fmt::Write as _;

impl GeneratedReport {
    /// The 依申请公开 passage that restates Table 3 (`identities.md` §5).
    pub(super) fn application_paragraph(&self) -> Block {
        let mut line = Line::new(self.plan.spaced_numbers);
        line.text(
            "进一步规范依申请公开办理流程，建立完善依申请公开登记台账，严格按照法定时限答复。",
        );
        let year = self.year.to_string();
        if self.fact_value(Fact::ReceivedWithCarried) == 0 {
            line.text(&year).text("年，本机关未收到政府信息公开申请。");
            return line.block();
        }
        let style = self.plan.application_style;
        match style {
            0 => {
                line.text(&year).text("年");
                line.number(
                    "全年共受理依申请公开政府信息件",
                    Fact::Accepted,
                    self.stated(Fact::Accepted),
                    "件",
                );
            }
            1 => {
                line.number(
                    "本年度新收政府信息公开申请",
                    Fact::New,
                    self.stated(Fact::New),
                    "件",
                );
            }
            _ => {
                line.number(
                    "全年共收到政府信息公开申请",
                    Fact::ReceivedWithCarried,
                    self.stated(Fact::ReceivedWithCarried),
                    "件",
                );
                let carried = self.stated(Fact::Carried);
                if carried > 0 {
                    line.text("（含上年结转");
                    line.number("", Fact::Carried, carried, "件");
                    line.text("）");
                }
            }
        }
        if style != 2 {
            let carried = self.stated(Fact::Carried);
            if style == 1 || carried > 0 {
                let phrase = if style == 0 {
                    "，上年度结转至本年度"
                } else {
                    "，上年结转"
                };
                line.number(phrase, Fact::Carried, carried, "件");
            }
        }
        let closed = self.stated(Fact::Closed);
        let verb = if self.plan.answered_verb {
            "，共作出答复"
        } else {
            "，共办结"
        };
        line.number(verb, Fact::Closed, closed, "件");
        let mut first = true;
        for (phrase, fact, value) in self.printed_outcomes() {
            let joiner = if first { "，其中" } else { "，" };
            first = false;
            line.text(joiner).number(phrase, fact, value, "件");
            let table_closed = self.fact_value(Fact::Closed);
            if fact == Fact::Disclosed && self.plan.percent && table_closed > 0 {
                let hundredths = match self.edits.narrative {
                    Some((Fact::DisclosedPercent, stated)) => stated,
                    _ => percent_hundredths(value, table_closed),
                };
                line.text("，占").mark(Anchor::Fact(Fact::DisclosedPercent));
                let _ = write!(line.text, "{}.{:02}%", hundredths / 100, hundredths % 100);
                line.keep_to_here();
            }
        }
        let next = self.stated(Fact::CarryNext);
        if next > 0 || style == 1 {
            line.number("，结转下年度继续办理", Fact::CarryNext, next, "件");
        }
        if self.all_closed_claimed() {
            line.text("，")
                .statement_about(Fact::AllClosed, "所有申请", "均已按时办结");
        }
        if self.plan.distractors {
            // Durations and other units next to the verbs of claims: no count of applications.
            let days = 3 + i64::from(self.plan.prose.get(9).copied().unwrap_or(0) % 12);
            let minutes = 5 + i64::from(self.plan.prose.get(10).copied().unwrap_or(0) % 40);
            let calls = 10 + i64::from(self.plan.prose.get(11).copied().unwrap_or(0));
            let _ = write!(
                line.text,
                "；申请平均办结时长 {days} 个工作日，现场申请平均办理时长 {minutes} 分钟，另受理群众电话咨询 {calls} 人次"
            );
        }
        line.text("。");
        line.block()
    }

    pub(super) fn cases_paragraph(&self) -> Block {
        let mut line = Line::new(self.plan.spaced_numbers);
        let reconsideration = self.stated(Fact::Reconsideration);
        let litigation = self.stated(Fact::Litigation);
        let cells: Vec<i64> = (0..15).map(|index| self.table4(index)).collect();
        line.text(&self.year.to_string()).text("年，");
        if cells.iter().all(|&value| value == 0) || self.edits.claim == Some(Fact::NoCases) {
            line.text("本机关")
                .statement(Fact::NoCases, "未发生政府信息公开行政复议、行政诉讼案件")
                .text("。");
            return line.block();
        }
        line.number(
            "本机关因政府信息公开工作被申请行政复议",
            Fact::Reconsideration,
            reconsideration,
            "件",
        )
        .number("，被提起行政诉讼", Fact::Litigation, litigation, "件");
        let open_or_corrected = [1, 2, 3, 6, 7, 8, 11, 12, 13]
            .iter()
            .any(|&index| self.table4(index) != 0);
        if (!open_or_corrected && reconsideration + litigation > 0)
            || self.edits.claim == Some(Fact::AllUpheld)
        {
            line.text("，").statement(Fact::AllUpheld, "均获维持");
        }
        if self.plan.distractors {
            // Negated claims about one outcome: true, and no denial of the cases themselves.
            if self.table4(4) > 0 && self.table4(1) == 0 {
                line.text("，未发生行政复议被纠错情况");
            }
            if self.table4(9) + self.table4(14) > 0 && self.table4(6) == 0 && self.table4(11) == 0 {
                line.text("，未发生行政诉讼败诉情况");
            }
        }
        line.text("。");
        line.block()
    }
}

//! The bodies of the six sections: prose, the sub-headings, the tables in their places.

use super::line::{Block, Line};
use super::pools::{
    ACTIVE, IMPROVEMENTS, INTERPRETATION, INTRO, MANAGEMENT, OVERSIGHT, PLATFORM, PROBLEMS,
    SIX_EXTRA, prose,
};
use crate::report::{Fact, GeneratedReport};
use nianbao_model::template::Template;
use std::fmt::Write as _;

impl GeneratedReport {
    fn paragraph(&self, text: &str) -> Block {
        Block::Line {
            text: text.to_owned(),
            marks: Vec::new(),
            keep: Vec::new(),
        }
    }

    pub(super) fn section_body(&self, number: u8, blocks: &mut Vec<Block>) {
        let prose_at = |slot: usize| self.plan.prose.get(slot).copied().unwrap_or(0);
        match number {
            1 => {
                let mut intro = Line::new(false);
                intro
                    .text(&self.year.to_string())
                    .text("年，")
                    .text(&self.organ)
                    .text(prose(INTRO, prose_at(0)));
                blocks.push(intro.block());
                let subheads: [(&str, Block); 5] = [
                    ("（一）主动公开", self.active_paragraph(prose_at(1))),
                    ("（二）依申请公开", self.application_paragraph()),
                    (
                        "（三）政府信息管理",
                        self.paragraph(prose(MANAGEMENT, prose_at(2))),
                    ),
                    (
                        "（四）政府信息公开平台建设",
                        self.paragraph(prose(PLATFORM, prose_at(3))),
                    ),
                    (
                        "（五）监督保障",
                        self.paragraph(prose(OVERSIGHT, prose_at(4))),
                    ),
                ];
                for (subhead, body) in subheads {
                    blocks.push(Block::Blank);
                    blocks.push(self.paragraph(subhead));
                    blocks.push(Block::Blank);
                    blocks.push(body);
                }
            }
            2 => blocks.push(Block::Table2),
            3 => blocks.push(Block::Table3),
            4 => {
                blocks.push(Block::Table4);
                blocks.push(Block::Blank);
                blocks.push(self.cases_paragraph());
            }
            5 => {
                blocks.push(self.paragraph("（一）存在的主要问题"));
                blocks.push(Block::Blank);
                blocks.push(self.paragraph(prose(PROBLEMS, prose_at(5))));
                blocks.push(Block::Blank);
                blocks.push(self.paragraph("（二）改进情况"));
                blocks.push(Block::Blank);
                blocks.push(self.paragraph(prose(IMPROVEMENTS, prose_at(6))));
            }
            _ => {
                let mut fee = Line::new(false);
                // The fee measures date from 2020-11-17: a 2019 report cannot cite them.
                if self.year >= 2020 {
                    fee.text("按照《政府信息公开信息处理费管理办法》规定，本单位")
                        .text(&self.year.to_string())
                        .text("年度未收取政府信息公开信息处理费。");
                } else {
                    fee.text("本单位")
                        .text(&self.year.to_string())
                        .text("年度办理政府信息公开申请未收取任何费用。");
                }
                fee.text(prose(SIX_EXTRA, prose_at(7)));
                blocks.push(fee.block());
                if self.plan.signature_day > 0 {
                    blocks.push(Block::Blank);
                    blocks.push(self.paragraph(&self.organ));
                    blocks.push(self.paragraph(&format!(
                        "{}年1月{}日",
                        self.year + 1,
                        self.plan.signature_day
                    )));
                }
            }
        }
    }

    fn active_paragraph(&self, choice: u8) -> Block {
        let mut line = Line::new(self.plan.spaced_numbers);
        line.text(&self.year.to_string())
            .text("年，通过政府网站主动公开各类政府信息");
        let _ = write!(line.text, "{}条。", self.plan.published_items);
        if self.plan.normative_docs_sentence && self.template == Template::V2021 {
            line.number(
                "本年制发行政规范性文件",
                Fact::NormativeDocs,
                self.stated(Fact::NormativeDocs),
                "件",
            )
            .text("，均按规定向社会公开。");
        }
        line.text(prose(ACTIVE, choice));
        line.text(prose(
            INTERPRETATION,
            self.plan.prose.get(8).copied().unwrap_or(0),
        ));
        line.block()
    }
}

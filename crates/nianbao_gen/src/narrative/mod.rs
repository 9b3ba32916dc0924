//! The report as a sequence of blocks: title, preamble, the six sections with their prose, and
//! the three tables. Narrative numbers are computed here from the printed tables (so a table
//! fault never leaks into the narrative), unless a narrative fault overrides one.

mod facts;
mod line;
mod passages;
mod pools;
mod sections;

pub(crate) use line::Block;

use crate::render::rendered::Anchor;
use crate::report::{GeneratedReport, Heading, OrganKind};
use line::Line;
use nianbao_model::template::{SECTIONS, Template};
use std::fmt::Write as _;

impl GeneratedReport {
    /// The whole report as blocks, in document order.
    pub(crate) fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Blank, self.title(), Block::Blank, self.preamble()];
        for section in &SECTIONS {
            let heading = self
                .edits
                .headings
                .get(usize::from(section.number) - 1)
                .copied()
                .flatten()
                .unwrap_or(Heading::Template);
            let text = match heading {
                Heading::Removed => continue,
                Heading::Lost => None,
                Heading::Template => Some(section.heading),
                Heading::Variant(variant) => Some(variant),
            };
            if let Some(text) = text {
                blocks.push(Block::Blank);
                let mut line = Line::new(false);
                line.mark(Anchor::Heading(section.number))
                    .text(section.numeral)
                    .text("、")
                    .text(text);
                blocks.push(line.block());
            }
            blocks.push(Block::Blank);
            self.section_body(section.number, &mut blocks);
        }
        blocks
    }

    fn title(&self) -> Block {
        let mut line = Line::new(false);
        line.mark(Anchor::Title);
        let year_first = self.plan.title_year_first
            && matches!(
                self.organ_kind,
                OrganKind::CityGovernment | OrganKind::CountyGovernment
            )
            && !self.organ.ends_with("办公室");
        if !year_first {
            line.text(&self.organ);
            if self.plan.title_spaced {
                line.text(" ");
            }
        }
        line.mark(Anchor::TitleYear).text(&self.year.to_string());
        line.text(if self.plan.title_spaced {
            " 年"
        } else {
            "年"
        });
        if year_first {
            // An aggregate government report: `2022年上海市政府信息公开工作年度报告`.
            line.text(self.organ.trim_end_matches("人民政府"));
        }
        line.text(
            self.edits
                .title_suffix
                .unwrap_or("政府信息公开工作年度报告"),
        );
        line.block()
    }

    fn preamble(&self) -> Block {
        let notice = match self.template {
            Template::V2019 => {
                "《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）"
            }
            _ => "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）",
        };
        let mut line = Line::new(false);
        line.text("本年度报告根据《中华人民共和国政府信息公开条例》和")
            .text(notice)
            .text("要求编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。")
            .mark(Anchor::Period);
        let period = line.text.len();
        line.text("本年度报告中所列数据统计期限为")
            .text(&self.period_year().to_string())
            .text("年1月1日至12月31日");
        line.keep.push((period, line.text.len()));
        line.text("。本年度报告电子版可在")
            .text(&self.organ)
            .text("门户网站下载。如对本报告有疑问，请与")
            .text(&self.organ)
            .text("联系（电话：0");
        let _ = write!(
            line.text,
            "{}-{}；邮编：{}）。",
            370 + self.plan.postcode / 1000 % 500,
            self.plan.phone,
            self.plan.postcode
        );
        line.block()
    }
}

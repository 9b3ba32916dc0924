//! The report as a sequence of blocks: title, preamble, the six sections with their prose, and
//! the three tables. Narrative numbers are computed here from the printed tables (so a table
//! fault never leaks into the narrative), unless a narrative fault overrides one.

use crate::render::rendered::Anchor;
use crate::report::{Fact, GeneratedReport, Heading, OrganKind, row};
use nianbao_model::template::{RowId, SECTIONS, Template};
use std::fmt::Write as _;

/// One block of the document; the renderer lays tables out per layout and prints lines as they are.
#[derive(Clone, Debug)]
pub(crate) enum Block {
    Blank,
    /// A prose or heading line and the anchored items it holds.
    Line {
        text: String,
        /// Each anchored item with the byte offset in `text` where it starts.
        marks: Vec<(Anchor, usize)>,
        /// Byte ranges of `text` a renderer that wraps lines keeps on one line unless told to
        /// wrap inside phrases: a claim's phrase with its number (and its percentage), a
        /// statement.
        keep: Vec<(usize, usize)>,
    },
    Table2,
    Table3,
    Table4,
}

const INTRO: &[&str] = &[
    "坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级关于政务公开工作的部署要求，围绕中心工作，持续深化政务公开，切实保障人民群众的知情权、参与权、表达权和监督权。",
    "在上级政务公开主管部门的指导下，严格按照《条例》要求，以公开为常态、不公开为例外，不断完善政府信息公开工作机制，提升政务公开质量和实效，推动政府信息公开工作规范有序开展。",
    "深入贯彻党中央、国务院关于全面推进政务公开的决策部署，紧扣法治政府建设目标，健全公开制度，拓展公开渠道，强化政策解读和回应关切，政府信息公开工作取得新的进展。",
    "坚持把政务公开作为建设人民满意政府的重要抓手，主要负责同志亲自部署、分管负责同志具体抓，明确专人负责信息发布、依申请公开办理和平台维护，各项工作有序推进。",
];

const ACTIVE: &[&str] = &[
    "严格落实信息发布“三审三校”和保密审查制度，对拟公开的文件逐级审核把关，做到应公开尽公开；按照“谁起草、谁解读”的原则，同步发布政策解读材料，解读率100%。",
    "围绕财政预决算、重大建设项目、公共资源配置、社会公益事业等重点领域，及时主动公开相关信息，持续更新权责清单和办事指南，方便群众查询。",
    "通过政府网站、政务新媒体、政务公开专区等渠道，及时发布政策文件、工作动态、通知公告等信息，主动回应社会关切，全年未发生因信息发布不当引发的负面舆情。",
];

const INTERPRETATION: &[&str] = &[
    "坚持政策文件与解读材料同步组织、同步审签、同步部署，综合运用图文解读、视频解读、新闻发布会等形式，解读重要政策文件，推动政策知晓度和透明度持续提升。",
    "聚焦群众关切，围绕惠民惠企政策、重大项目建设和民生实事开展政策解读，及时回应网民留言咨询，做到件件有回复、事事有着落。",
    "加强政务舆情回应，建立健全舆情收集、研判、处置和回应机制，对涉及本单位的社会关切及时发声、主动回应，切实增强回应的权威性和实效性。",
    "深化政府开放日、政策吹风会等公众参与形式，邀请人大代表、政协委员和群众代表参与重要决策的讨论，畅通公众参与渠道。",
];

const MANAGEMENT: &[&str] = &[
    "进一步健全政府信息公开属性源头认定机制，在公文办理环节明确公开属性，对不予公开的说明理由；定期开展政府信息清理，及时更新失效、废止文件的标注。",
    "加强行政规范性文件统一登记、统一编号、统一公布管理，建立现行有效文件目录并动态调整，确保公开的文件准确、完整、可查。",
    "规范政府信息公开指南和目录编制，对照公开事项标准目录逐项梳理，及时调整栏目设置，提高信息检索的便利性。",
];

const PLATFORM: &[&str] = &[
    "发挥政府网站作为政务公开第一平台的作用，优化政府信息公开专栏栏目设置，及时准确更新各栏目内容；依托政务新媒体扩大信息传播覆盖面，增强公开实效。",
    "持续推进政务公开专区标准化建设，在政务服务大厅设置查阅点，提供政府信息查阅、咨询和申请服务，全年接待群众查询咨询数百人次。",
    "加强政务新媒体日常巡检和监测，严格落实内容审核和发布管理制度，确保信息发布的准确性、及时性和权威性。",
];

const OVERSIGHT: &[&str] = &[
    "将政务公开工作纳入年度目标考核，定期开展自查自纠，对发现的问题及时督促整改；组织政务公开业务培训两次，提升工作人员业务能力。本年度未发生因政府信息公开工作引发的责任追究情况。",
    "建立健全政务公开工作监督机制，通过网站留言、意见箱等方式广泛听取社会评议意见，主动接受群众监督；加强业务培训，全年组织专题培训一次。",
    "严格落实政务公开工作责任制，主要负责同志定期听取工作汇报，及时研究解决工作中遇到的问题；主动接受社会监督，未发生责任追究事项。",
];

const PROBLEMS: &[&str] = &[
    "一是部分政府信息发布不够及时，信息更新频率有待提高；二是政策解读形式不够丰富，图表图解、视频解读等方式运用较少；三是工作人员业务能力仍需进一步提升。",
    "一是主动公开的深度和广度还不够，重点领域信息公开有待细化；二是依申请公开办理的规范化水平仍需提高；三是公开成果运用不充分，回应公众关切的主动性有待加强。",
    "政府信息公开工作取得一定成效，但仍存在不足：公开内容与群众需求的契合度不够高，政务新媒体互动功能发挥不充分，基层政务公开标准化规范化建设还需深化。",
];

const IMPROVEMENTS: &[&str] = &[
    "一是严格落实信息发布制度，及时更新公开内容，确保信息准确、完整、及时；二是创新政策解读形式，采用图解、视频、问答等群众易于理解的方式开展解读；三是加强业务培训，提升工作人员的公开意识和业务水平。",
    "一是拓展公开的深度和广度，加大重点领域信息公开力度；二是规范依申请公开办理流程，严格落实登记、审核、答复等各环节要求，依法依规答复申请人；三是加强公开平台建设，提升信息检索和获取的便利性。",
    "下一步，将围绕群众关切，细化公开内容，完善政务新媒体互动功能，加强政务公开专区建设，持续推进基层政务公开标准化规范化工作，不断提升政务公开工作水平。",
];

const SIX_EXTRA: &[&str] = &[
    "本年度无其他需要报告的事项。",
    "认真落实上级年度政务公开工作要点，逐项明确责任分工和完成时限，各项任务均已按要求完成。",
    "人大代表建议和政协提案办理结果已按要求在政府网站公开。",
];

fn prose(pool: &[&'static str], choice: u8) -> &'static str {
    let len = pool.len().max(1);
    pool.get(usize::from(choice) % len).copied().unwrap_or("")
}

/// A prose line under construction.
struct Line {
    text: String,
    marks: Vec<(Anchor, usize)>,
    keep: Vec<(usize, usize)>,
    spaced: bool,
}

impl Line {
    fn new(spaced: bool) -> Self {
        Self {
            text: String::new(),
            marks: Vec::new(),
            keep: Vec::new(),
            spaced,
        }
    }

    fn text(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    fn mark(&mut self, anchor: Anchor) -> &mut Self {
        self.marks.push((anchor, self.text.len()));
        self
    }

    /// A statement (`所有申请均已按时办结`), kept on one line by wrapping renderers.
    fn statement(&mut self, fact: Fact, text: &str) -> &mut Self {
        self.statement_about(fact, "", text)
    }

    /// A statement whose subject comes before the phrase a rule quotes (`所有申请` +
    /// `均已按时办结`): kept on one line as a whole, anchored at the phrase, which is where the
    /// finding points when a wrap falls between the two.
    fn statement_about(&mut self, fact: Fact, subject: &str, phrase: &str) -> &mut Self {
        let start = self.text.len();
        self.text(subject).mark(Anchor::Fact(fact)).text(phrase);
        self.keep.push((start, self.text.len()));
        self
    }

    /// `{before}{N}{unit}` with the number anchored, spaced like the seed when the plan says so.
    fn number(&mut self, before: &str, fact: Fact, value: i64, unit: &str) -> &mut Self {
        // A leading clause break is not part of the phrase.
        let start = self.text.len() + before.find(|c| c != '，').unwrap_or(0);
        self.text(before);
        if self.spaced {
            self.text(" ");
        }
        self.mark(Anchor::Fact(fact));
        let _ = write!(self.text, "{value}");
        if self.spaced && !unit.is_empty() {
            self.text(" ");
        }
        self.text(unit);
        self.keep.push((start, self.text.len()));
        self
    }

    /// Extends the last kept range to the end of the text (a percentage after its count).
    fn keep_to_here(&mut self) -> &mut Self {
        let end = self.text.len();
        if let Some(last) = self.keep.last_mut() {
            last.1 = end;
        }
        self
    }

    fn block(self) -> Block {
        Block::Line {
            text: self.text,
            marks: self.marks,
            keep: self.keep,
        }
    }
}

impl GeneratedReport {
    /// The value the narrative prints for `fact`: the table's, unless a fault overrides it.
    fn stated(&self, fact: Fact) -> i64 {
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

    fn paragraph(&self, text: &str) -> Block {
        Block::Line {
            text: text.to_owned(),
            marks: Vec::new(),
            keep: Vec::new(),
        }
    }

    fn section_body(&self, number: u8, blocks: &mut Vec<Block>) {
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

    /// The outcome groups the 依申请公开 passage prints after its 办结 count, with the stated
    /// values: all six in the verbose style, else those that are not 0; 无法提供 is printed as
    /// 本机关不掌握 when that row is all of it.
    fn printed_outcomes(&self) -> Vec<(&'static str, Fact, i64)> {
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

    /// The 依申请公开 passage that restates Table 3 (`identities.md` §5).
    fn application_paragraph(&self) -> Block {
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

    fn cases_paragraph(&self) -> Block {
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

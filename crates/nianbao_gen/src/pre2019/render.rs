//! Printing a report in the 2008 format: a line per paragraph, or a web page's one-line dump.

use super::OldNumbers;
use crate::render::layout::Layout;
use crate::render::rendered::{Anchor, Rendered};
use crate::render::style::Encoding;
use crate::report::{GeneratedReport, row};
use nianbao_model::stated::Measure;

/// Lines with the anchors they hold.
struct Lines {
    lines: Vec<(String, Vec<Anchor>)>,
}

impl Lines {
    fn line(&mut self, text: impl Into<String>) {
        self.lines.push((text.into(), Vec::new()));
    }

    fn marked(&mut self, text: impl Into<String>, anchors: &[Anchor]) {
        self.lines.push((text.into(), anchors.to_vec()));
    }
}

/// Renders `report` in the 2008 format.
pub(crate) fn render(report: &GeneratedReport) -> Rendered {
    let numbers = report.old_numbers();
    let year = report.year;
    let organ = &report.organ;
    let mut lines = Lines { lines: Vec::new() };
    let suffix = report
        .edits
        .title_suffix
        .unwrap_or("政府信息公开工作年度报告");
    lines.marked(
        format!("{organ}{year}年{suffix}"),
        &[Anchor::Title, Anchor::TitleYear],
    );
    lines.line(format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由{organ}编制。本报告由概述、主动公开政府信息情况、政府信息依申请公开工作情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进措施和政府信息公开情况统计表共七个部分组成。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    ));
    lines.marked("一、概述", &[Anchor::Heading(1)]);
    lines.line(format!(
        "{year}年，{organ}认真贯彻落实《条例》，健全政府信息公开工作机制，规范公开程序，拓展公开渠道。"
    ));
    if report.plan.distractors {
        let (received, closed) = numbers.hall;
        lines.line(format!(
            "依托政务服务中心，全年窗口共受理申请{received}件，办结{}件，按时办结率100%。",
            received - closed.min(received)
        ));
    }
    lines.marked("二、主动公开政府信息情况", &[Anchor::Heading(2)]);
    let produced = report.printed_total(
        Measure::Produced,
        numbers.proactive + numbers.on_request + numbers.withheld,
    );
    lines.marked(
        format!(
            "（一）主动公开政府信息的数量。{year}年制作、获取政府信息总数{produced}条，其中主动公开政府信息{}条，作为依申请公开信息数{}条，不予公开信息数{}条。",
            numbers.proactive, numbers.on_request, numbers.withheld
        ),
        &[Anchor::Stated(Measure::Produced)],
    );
    let [first, second] = numbers.units;
    lines.line(format!(
        "{}机关本级主动公开政府信息{first}条，占{}%。各下属单位主动公开政府信息{second}条，占{}%。",
        if numbers.topic_clause {
            "主动公开的政府信息，"
        } else {
            "其中，"
        },
        numbers.share,
        100 - numbers.share
    ));
    let categories: Vec<String> = numbers
        .categories
        .iter()
        .map(|(name, value)| format!("{name}{value}条"))
        .collect();
    lines.line(format!(
        "（二）主动公开政府信息的主要类别。{year}年，主动公开政府信息的主要类别有：{}。",
        categories.join("，")
    ));
    if report.plan.distractors {
        let (received, closed) = numbers.hotline;
        lines.line(format!(
            "（三）主动公开政府信息的主要形式。{year}年政府信息公开专栏访问量达{}人次；依托便民服务热线共收到咨询投诉{received}件，已办结{}件。",
            numbers.visits,
            received - closed.min(received)
        ));
    }
    lines.marked("三、政府信息依申请公开工作情况", &[Anchor::Heading(3)]);
    requests(report, &numbers, &mut lines);
    lines.marked("四、政府信息公开的收费及减免情况", &[Anchor::Heading(4)]);
    lines.line(format!(
        "{year}年，本机关依申请提供政府信息未收取任何费用。"
    ));
    lines.marked(
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
        &[Anchor::Heading(5)],
    );
    let reconsideration = report.table4(4);
    let litigation = report.table4(9) + report.table4(14);
    lines.line(if reconsideration + litigation == 0 {
        format!("{year}年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。")
    } else {
        format!(
            "{year}年发生因政府信息公开申请行政复议{reconsideration}件、提起行政诉讼{litigation}件。"
        )
    });
    lines.marked(
        "六、政府信息公开工作存在的主要问题及改进措施",
        &[Anchor::Heading(6)],
    );
    lines.line("主要问题是公开内容还不够全面，下一步将进一步规范公开程序，加强工作人员培训。");
    lines.line("七、政府信息公开情况统计表");
    table(report, &numbers, &mut lines);
    finish(lines, numbers.one_line)
}

/// Section 三: applications by channel, answers by outcome.
fn requests(report: &GeneratedReport, numbers: &OldNumbers, lines: &mut Lines) {
    let year = report.year;
    let received = report.table3(row(1), 6);
    let answered = report.table3(row(24), 6);
    let mut sentence = if received > 0 {
        let [face, online, letter] = numbers.channels;
        format!(
            "{year}年共受理政府信息公开申请{received}件，其中当面申请{face}件，网上申请{online}件，信函申请{letter}件"
        )
    } else {
        format!("{year}年未收到新的政府信息公开申请")
    };
    if answered > 0 {
        let [disclosed, partial, refused, other] = numbers.outcomes;
        let verb = if received > 0 {
            "办结"
        } else {
            "办结上年结转申请"
        };
        sentence.push_str(&format!(
            "；{verb}{}件，其中同意公开{disclosed}件，同意部分公开{partial}件，不予公开{refused}件，其他情形{other}件",
            report.printed_total(Measure::Replies, answered)
        ));
    }
    sentence.push('。');
    let anchors: &[Anchor] = if answered > 0 {
        &[Anchor::Stated(Measure::Replies)]
    } else {
        &[]
    };
    lines.marked(sentence, anchors);
    if report.plan.distractors {
        lines.line("申请均在法定期限内答复，平均办理时间为7个工作日。");
    }
}

/// The small statistics table: this year and cumulative.
fn table(report: &GeneratedReport, numbers: &OldNumbers, lines: &mut Lines) {
    let rows: [(&str, &str, i64); 5] = [
        ("主动公开信息数", "条", numbers.proactive),
        ("受理依申请公开信息总数", "条", report.table3(row(1), 6)),
        ("对申请的答复总数", "条", report.table3(row(24), 6)),
        ("行政复议数", "件", report.table4(4)),
        ("行政诉讼数", "件", report.table4(9) + report.table4(14)),
    ];
    let separator = if numbers.one_line { "" } else { "\t" };
    lines.line(
        [
            "指标名称",
            "计量单位",
            &format!("{}年度", report.year),
            "历年累计",
        ]
        .join(separator),
    );
    for (index, (label, unit, value)) in rows.into_iter().enumerate() {
        let cumulative = value + if index == 0 { numbers.earlier } else { 0 };
        lines.line(
            [
                label.to_owned(),
                unit.to_owned(),
                value.to_string(),
                cumulative.to_string(),
            ]
            .join(separator),
        );
    }
}

/// The lines as a file: one line each, or a one-line dump with every anchor on line 1.
fn finish(lines: Lines, one_line: bool) -> Rendered {
    let mut text = String::with_capacity(8 * 1024);
    let mut anchors: Vec<(Anchor, u32)> = Vec::new();
    for (number, (line, marks)) in lines.lines.into_iter().enumerate() {
        let at = if one_line {
            1
        } else {
            u32::try_from(number + 1).unwrap_or(u32::MAX)
        };
        for mark in marks {
            if !anchors.iter().any(|(known, _)| *known == mark) {
                anchors.push((mark, at));
            }
        }
        text.push_str(&line);
        if !one_line {
            text.push('\n');
        }
    }
    Rendered {
        bytes: text.as_bytes().to_vec(),
        text,
        layout: Layout::Pre2019,
        encoding: Encoding::Utf8,
        anchors,
        notes: Vec::new(),
    }
}

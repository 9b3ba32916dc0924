//! The 2019 trial format, truncated and damaged tables, alignment of blank cells, duplicate
//! sections: built from the seed or written out here.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use nianbao_model::template::{RowId, Template};
use nianbao_model::{Provenance, Value};
use nianbao_syntax::parse;

const TABLE2_2019: &str = "第二十条第（一）项\t\t\t
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t13\t13\t524
规范性文件\t60\t60\t368
第二十条第（五）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t6\t减4\t2
其他对外管理服务事项\t0\t0\t0
第二十条第（六）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t5\t+1\t3
行政强制\t0\t0\t0
第二十条第（八）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t
行政事业性收费\t2\t-1\t
第二十条第（九）项\t\t\t
信息内容\t采购项目数量\t采购总金额\t
政府集中采购\t6\t251000元\t
";

/// The seed turned into a 2019-format report: the 2019 Table 2, a single （六）其他处理 row, and
/// the eight （三）不予公开 sub-labels lost (values follow the caption bare).
fn seed_2019(seed: &str) -> String {
    let table2_start = seed.find("第二十条第（一）项").unwrap();
    let table2_end = seed.find("\n三、收到和处理").unwrap();
    let mut text = format!(
        "{}{}{}",
        &seed[..table2_start],
        TABLE2_2019,
        &seed[table2_end..]
    );
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        if let Some(at) = line.find("1.属于国家秘密") {
            lines.push(line[..at].trim_end_matches('\t').to_owned());
            lines.push("0\t0\t0\t0\t0\t0\t0".into());
        } else if [
            "2.其他法律",
            "3.危及",
            "4.保护",
            "6.属于四类",
            "7.属于行政执法",
            "8.属于行政查询",
        ]
        .iter()
        .any(|l| line.contains(l))
        {
            lines.push("0\t0\t0\t0\t0\t0\t0".into());
        } else if line.contains("5.属于三类内部事务信息") {
            lines.push("2\t0\t0\t0\t1\t0\t3".into());
        } else if line.contains("1.申请人无正当理由") {
            lines.push("\t(六) 其他处理\t4\t0\t0\t0\t0\t0\t4\t".into());
        } else if line.contains("2.申请人逾期未按收费") || line.starts_with("3.其他") {
            continue;
        } else {
            lines.push(line.to_owned());
        }
    }
    text = lines.join("\n");
    text.replace("2024", "2020")
}

#[test]
fn trial_format_2019() {
    let seed = support::seed();
    let text = seed_2019(&seed);
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    let report = &parsed.report;
    assert_eq!(
        report.template.template,
        Template::V2019,
        "{:#?}",
        report.template
    );
    assert!(!report.template.mixed);
    let table2 = report.table2.as_ref().unwrap();
    assert_eq!(table2.layout, Template::V2019);
    let number = |id: &str| table2.cell(id).and_then(|c| c.value.as_integer());
    assert_eq!(
        (number("B1"), number("B2"), number("B3")),
        (Some(13), Some(13), Some(524))
    );
    assert_eq!(
        (number("B7"), number("B8"), number("B9")),
        (Some(6), Some(-4), Some(2))
    );
    assert_eq!(number("B14"), Some(1));
    assert_eq!(number("B20"), Some(-1));
    assert_eq!((number("B21"), number("B22")), (Some(6), Some(251000)));
    assert_eq!(table2.headers.len(), 3 + 3 + 3 + 2 + 2);

    let table3 = report.table3.as_ref().unwrap();
    let other = table3.row(RowId::R21_23).unwrap();
    assert_eq!(
        other.cells.map(|c| c.value.as_integer()),
        [
            Some(4),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(4)
        ]
    );
    assert!(table3.row(RowId::new(21).unwrap()).is_none());
    // Positional fallback for the eight unlabeled （三） rows.
    let r09 = table3.row(RowId::new(9).unwrap()).unwrap();
    assert_eq!(
        r09.cells.map(|c| c.value.as_integer()),
        [
            Some(2),
            Some(0),
            Some(0),
            Some(0),
            Some(1),
            Some(0),
            Some(3)
        ]
    );
    assert!(
        r09.cells
            .iter()
            .all(|c| c.provenance == Provenance::Positional)
    );
    let codes: Vec<&str> = parsed.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    assert_eq!(codes, ["PA007"], "{:#?}", parsed.diagnostics);
    assert!(
        report
            .template
            .evidence
            .iter()
            .any(|e| e.label == "（六）其他处理")
    );
}

#[test]
fn mixed_formats_are_flagged() {
    let seed = support::seed();
    let text = seed.replace("本年制发件数\t本年度止件数", "本年新制作数量\t本年废止件数");
    let parsed = parse(&text);
    assert!(parsed.report.template.mixed);
    assert_eq!(parsed.report.template.template, Template::V2021);
}

#[test]
fn truncated_inside_table3_keeps_its_rows() {
    let seed = support::seed();
    let cut = seed.find("\t(四) 无法提供").unwrap();
    let text = &seed[..cut];
    let parsed = parse(text);
    support::assert_spans(&parsed, text);
    assert_eq!(
        support::row(&parsed, "R01"),
        [81, 0, 0, 0, 0, 0, 81].map(Some)
    );
    assert_eq!(support::row(&parsed, "R12"), [Some(0); 7]);
    let missing: Vec<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == "PA002")
        .map(|d| d.message.en.clone())
        .collect();
    assert_eq!(missing.len(), 13, "{missing:#?}");
    assert!(missing[0].contains("R13"));
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.code == "PA001" && d.message.en.contains("Table 4"))
    );
}

#[test]
fn blank_first_cell_aligned_by_grid_columns() {
    let seed = support::seed();
    let text = seed.replace(
        "一、本年新收政府信息公开申请数量\t\t81\t",
        "一、本年新收政府信息公开申请数量\t\t\t",
    );
    let parsed = parse(&text);
    let table3 = parsed.report.table3.as_ref().unwrap();
    let r01 = table3.row(RowId::new(1).unwrap()).unwrap();
    assert_eq!(r01.cells[0].value, Value::Blank);
    assert_eq!(r01.cells[6].value, Value::Number(81));
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
}

#[test]
fn undecidable_alignment_is_reported() {
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | | | 1 | 2 | 3 | 4 | 5 | | |\n";
    let parsed = parse(text);
    let diagnostic = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == "PA006")
        .expect("PA006");
    assert_eq!(diagnostic.severity, nianbao_model::Severity::Warning);
    assert_eq!(support::row(&parsed, "R01"), [None; 7]);
}

#[test]
fn wrong_value_count() {
    let seed = support::seed();
    let text = seed.replace(
        "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",
        "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t7\t8",
    );
    let parsed = parse(&text);
    let diagnostic = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == "PA003")
        .expect("PA003");
    assert!(
        diagnostic.message.en.contains("9 values found, 7 expected"),
        "{}",
        diagnostic.message.en
    );
    assert_eq!(support::row(&parsed, "R02"), [None; 7]);
}

#[test]
fn duplicate_section() {
    let seed = support::seed();
    let text = seed.replace(
        "六、其他需要报告的事项",
        "五、存在的主要问题及改进情况\n\n六、其他需要报告的事项",
    );
    let parsed = parse(&text);
    let duplicates: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == "PA008")
        .collect();
    assert_eq!(duplicates.len(), 1);
    assert_eq!(parsed.report.sections.len(), 7);
    // It points at the repeated heading, not the first one.
    let first = text.find("五、存在的主要问题及改进情况").unwrap();
    assert!(duplicates[0].span.start as usize > first);
    assert_eq!(
        duplicates[0].span.slice(&text),
        "五、存在的主要问题及改进情况"
    );
}

#[test]
fn pre_2019_text_gets_no_table_noise() {
    let text = "某县人民政府2012年政府信息公开工作年度报告\n一、概述\n本年度……\n二、主动公开政府信息情况\n……\n政府信息公开情况统计表\n同意公开答复数 件 3\n";
    let parsed = parse(text);
    assert_eq!(parsed.report.template.template, Template::Pre2019);
    assert_eq!(parsed.report.year(), Some(2012));
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    assert_eq!(parsed.report.sections.len(), 2);
}

#[test]
fn number_broken_in_two_is_hinted_not_merged() {
    let seed = support::seed();
    // `81` extracted as `8 | 1` in the 自然人 cell of R01.
    let text = seed.replace(
        "一、本年新收政府信息公开申请数量\t\t81\t",
        "一、本年新收政府信息公开申请数量\t\t8\t1\t",
    );
    let parsed = parse(&text);
    let diagnostic = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == "PA003")
        .expect("PA003");
    assert!(diagnostic.help.as_ref().unwrap().en.contains("81"));
    assert_eq!(diagnostic.labels[0].span.slice(&text), "8\t1");
    // Not applied: the row stays unread.
    assert_eq!(support::row(&parsed, "R01"), [None; 7]);
}

#[test]
fn one_cell_per_line_with_pipes() {
    // `layouts.md` §4: a row label, six lone `|` lines (blank cells), the total, filler `||`;
    // and separators on lines of their own in Table 2.
    let text = "二、主动公开政府信息情况\n第二十条第(一)项 |\n|||\n信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n规章 |\n/ |\n/ |\n/ |\n行政规范性文件\n|\n8\n|\n0\n|\n18\n|\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n0 |\n||\n二、上年结转政府信息公开申请数量 |\n";
    let parsed = parse(text);
    let table2 = parsed.report.table2.as_ref().unwrap();
    let value = |id: &str| table2.cell(id).map(|c| c.value);
    assert_eq!(
        value("A1"),
        Some(Value::Placeholder(nianbao_model::Placeholder::Slash))
    );
    assert_eq!(
        (value("A4"), value("A5"), value("A6")),
        (
            Some(Value::Number(8)),
            Some(Value::Number(0)),
            Some(Value::Number(18))
        )
    );
    let r01 = parsed
        .report
        .table3
        .as_ref()
        .unwrap()
        .row(RowId::new(1).unwrap())
        .unwrap();
    assert!(r01.cells[..6].iter().all(|c| c.value == Value::Blank));
    assert_eq!(r01.cells[6].value, Value::Number(0));
}

#[test]
fn near_miss_labels_are_variants_and_still_read() {
    let seed = support::seed();
    let text = seed
        .replace("本机关不掌握相关政府信息", "本机关不掌握相关政府信患")
        .replace("行政规范性文件\t5", "规范性文件\t5");
    let parsed = parse(&text);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let table3 = parsed.report.table3.as_ref().unwrap();
    let r13 = table3.row(RowId::new(13).unwrap()).unwrap();
    assert_eq!(r13.label.matched, nianbao_model::LabelMatch::Variant);
    assert_eq!(r13.label.span.slice(&text), "本机关不掌握相关政府信患");
    assert_eq!(r13.cells[0].value, Value::Number(71));
    let table2 = parsed.report.table2.as_ref().unwrap();
    let row = table2.rows.iter().find(|row| row.row == 1).unwrap();
    assert_eq!(row.label.matched, nianbao_model::LabelMatch::Variant);
    assert_eq!(row.label.span.slice(&text), "规范性文件");
    assert_eq!(
        table2.cell("A6").and_then(|c| c.value.as_integer()),
        Some(45)
    );
    assert_eq!(parsed.report.template.template, Template::V2021);
}

#[test]
fn labels_without_their_note() {
    let seed = support::seed();
    let text = seed
        .replace(
            "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)",
            "(二) 部分公开",
        )
        .replace("本年收费金额（单位：万元）", "本年收费金额");
    let parsed = parse(&text);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let r04 = parsed
        .report
        .table3
        .as_ref()
        .unwrap()
        .row(RowId::new(4).unwrap())
        .unwrap();
    assert_eq!(r04.label.matched, nianbao_model::LabelMatch::Variant);
    assert_eq!(r04.label.span.slice(&text), "(二) 部分公开");
    let table2 = parsed.report.table2.as_ref().unwrap();
    let fee = table2
        .headers
        .iter()
        .find(|h| h.expected(table2.layout) == Some("本年收费金额（单位：万元）"))
        .unwrap();
    assert_eq!(fee.label.matched, nianbao_model::LabelMatch::Variant);
    assert_eq!(
        table2.cell("A10").and_then(|c| c.value.as_integer()),
        Some(0)
    );
}

#[test]
fn table3_found_without_note_and_first_row() {
    let seed = support::seed();
    let start = seed.find("(本列数据").unwrap();
    let end = seed.find("二、上年结转").unwrap();
    let text = format!("{}{}", &seed[..start], &seed[end..]);
    let parsed = parse(&text);
    assert_eq!(
        support::row(&parsed, "R02"),
        [1, 0, 0, 0, 0, 0, 1].map(Some)
    );
    let codes: Vec<&str> = parsed.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    assert_eq!(codes, ["PA002"]);
}

#[test]
fn ambiguous_glued_row_is_reported_not_guessed() {
    let seed = support::seed();
    // `0250201037` splits as 0|25|0|2|0|10|37 and as 0|2|5|0|20|10|37 (layouts.md §8); the
    // column totals of this table confirm neither.
    let text = seed.replace(
        "(一) 予以公开\t11\t0\t0\t0\t0\t0\t11\t",
        "(一) 予以公开\t0250201037\t",
    );
    let parsed = parse(&text);
    let ambiguous = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == "PA005")
        .expect("PA005");
    assert!(
        ambiguous.message.en.contains("0|25|0|2|0|10|37")
            && ambiguous.message.en.contains("0|2|5|0|20|10|37")
    );
    assert_eq!(ambiguous.span.slice(&text), "0250201037");
    let r03 = parsed
        .report
        .table3
        .as_ref()
        .unwrap()
        .row(RowId::new(3).unwrap())
        .unwrap();
    assert!(r03.cells.iter().all(|c| c.value == Value::Unresolved));
}

#[test]
fn two_reports_in_one_file() {
    let seed = support::seed();
    let second = seed
        .replace("偃师区人民政府办公室", "偃师区教育局")
        .replace("\t\t81\t", "\t\t99\t");
    let text = format!("{seed}\n\n{second}");
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    let multiple: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == "PA010")
        .collect();
    assert_eq!(multiple.len(), 1, "{:#?}", parsed.diagnostics);
    assert_eq!(
        multiple[0].span.slice(&text),
        "偃师区教育局 2024 年政府信息公开工作年度报告"
    );
    assert_eq!(multiple[0].severity, nianbao_model::Severity::Warning);
    // Only the first report is read: its values, its six sections, no duplicate-section noise.
    assert_eq!(
        support::row(&parsed, "R01"),
        [81, 0, 0, 0, 0, 0, 81].map(Some)
    );
    assert_eq!(parsed.report.sections.len(), 6);
    let codes: Vec<&str> = parsed.diagnostics.iter().map(|d| &*d.code).collect();
    assert_eq!(codes, ["PA010"]);
    assert!(
        parsed
            .report
            .paragraphs
            .iter()
            .all(|p| p.span.end as usize <= seed.len())
    );
}

#[test]
fn second_run_of_headings_without_a_title() {
    let seed = support::seed();
    let body = seed.trim_start().split_once('\n').unwrap().1;
    let text = format!("{seed}\n{body}");
    let parsed = parse(&text);
    let multiple = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == "PA010")
        .expect("PA010");
    assert_eq!(multiple.span.slice(&text), "一、总体情况");
    assert!(multiple.span.start as usize > seed.len());
    assert_eq!(parsed.report.sections.len(), 6);
    // A report alone, and one whose section 六 merely cites a report title in prose, are one report.
    assert!(parse(&seed).diagnostics.iter().all(|d| d.code != "PA010"));
    let cited = format!("{seed}\n参见《偃师区人民政府办公室2023年政府信息公开工作年度报告》。\n");
    assert!(parse(&cited).diagnostics.iter().all(|d| d.code != "PA010"));
}

#[test]
fn pre_2019_outline_is_recorded_as_written() {
    // A crawler dump: one line of thousands of bytes, headings run into the prose.
    let prose = "我区认真贯彻落实《条例》，做好各项工作。".repeat(8);
    let dump = format!(
        "某区2015年政府信息公开工作年度报告\n一、概述2015年以来，{prose}二、主动公开政府信息情况（一）主动公开政府信息的数量全年公开1200条。{prose}三、政府信息依申请公开工作情况2015年未收到申请。{prose}四、因政府信息公开申请行政复议、提起行政诉讼的情况2015年未发生。{prose}五、主要问题和改进措施(一)存在问题略。{prose}六、其他需要报告的事项无。{prose}七、某区政府信息公开情况统计表指标名称计量单位数量同意公开答复数件3{prose}\n"
    );
    let dump = dump.as_str();
    let parsed = parse(dump);
    support::assert_spans(&parsed, dump);
    assert_eq!(parsed.report.template.template, Template::Pre2019);
    let headings: Vec<(u8, &str)> = parsed
        .report
        .sections
        .iter()
        .map(|section| (section.number, section.heading.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "一、概述"),
            (2, "二、主动公开政府信息情况"),
            (3, "三、政府信息依申请公开工作情况"),
            (4, "四、因政府信息公开申请行政复议、提起行政诉讼的情况"),
            (5, "五、主要问题和改进措施"),
            (6, "六、其他需要报告的事项"),
            (7, "七、某区政府信息公开情况统计表"),
        ]
    );
    assert!(
        parsed
            .report
            .sections
            .iter()
            .all(|section| section.conformity == nianbao_model::LabelMatch::Exact)
    );
    // Paragraphs belong to the part they sit in.
    assert!(
        parsed
            .report
            .paragraphs
            .iter()
            .any(|p| p.section == Some(7))
    );
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);

    // Headings on lines of their own; prose that lists parts with commas is not a heading.
    let lines = "某县人民政府2012年政府信息公开工作年度报告\n一、概述\n本年度……\n二、主动公开政府信息情况\n今年做了：一、制度建设，完善公开目录情况。\n三、依申请公开政府信息情况\n……\n政府信息公开情况统计表\n同意公开答复数 件 3\n";
    let parsed = parse(lines);
    let numbers: Vec<u8> = parsed.report.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(
        parsed.report.sections[2].heading,
        "三、依申请公开政府信息情况"
    );
}

#[test]
fn table2_blank_cell_placed_by_grid_column() {
    let seed = support::seed();
    let base = seed_2019(&seed);
    let read = |row: &str| {
        let text = base.replace("政府集中采购\t6\t251000元\t", row);
        assert_ne!(text, base);
        let parsed = parse(&text);
        let table2 = parsed.report.table2.clone().unwrap();
        let cell = |id: &str| table2.cell(id).unwrap().value;
        let codes: Vec<String> = parsed
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect();
        (cell("B21"), cell("B22"), codes)
    };
    // `政府集中采购⇥⇥0⇥`: the 0 is in the 采购总金额 column, the 采购项目数量 cell is blank.
    let (b21, b22, codes) = read("政府集中采购\t\t0\t");
    assert_eq!((b21, b22), (Value::Blank, Value::Number(0)));
    assert!(!codes.contains(&"PA006".to_owned()), "{codes:?}");
    // And the other way round.
    let (b21, b22, _) = read("政府集中采购\t0\t\t");
    assert_eq!((b21, b22), (Value::Number(0), Value::Blank));
    // A value in no header's column stays undecided.
    let (b21, b22, codes) = read("政府集中采购\t\t\t0\t");
    assert_eq!((b21, b22), (Value::Unresolved, Value::Unresolved));
    assert!(codes.contains(&"PA006".to_owned()), "{codes:?}");
}

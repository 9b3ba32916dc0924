//! Layout variants of the seed, produced here by transforming its text: each must give the
//! seed's numbers (`layouts.md` §2–§8).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use nianbao_model::template::RowId;
use nianbao_model::{Provenance, Value};
use nianbao_syntax::{Parsed, parse};

/// Every table value in template order, with its id.
fn values(parsed: &Parsed) -> Vec<(String, Value)> {
    let report = &parsed.report;
    let mut out = Vec::new();
    if let Some(table) = &report.table2 {
        out.extend(table.cells().map(|(id, cell)| (id.to_owned(), cell.value)));
    }
    if let Some(table) = &report.table3 {
        for (id, row) in table.present_rows() {
            for (column, cell) in row.cells.iter().enumerate() {
                out.push((format!("{id}C{}", column + 1), cell.value));
            }
        }
    }
    if let Some(table) = &report.table4 {
        for (index, cell) in table.cells.iter().enumerate() {
            out.push((format!("F{}", index + 1), cell.value));
        }
    }
    out
}

fn check(name: &str, text: &str, allowed: &[&str]) {
    let seed = support::seed();
    let expected = values(&parse(&seed));
    assert_eq!(expected.len(), 10 + 25 * 7 + 15);
    let parsed = parse(text);
    support::assert_spans(&parsed, text);
    assert_eq!(values(&parsed), expected, "{name}");
    let unexpected: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| !allowed.contains(&d.code.as_ref()))
        .collect();
    assert!(unexpected.is_empty(), "{name}: {unexpected:#?}");
    assert_eq!(parsed.report.sections.len(), 6, "{name}");
    assert_eq!(parsed.report.year(), Some(2024), "{name}");
}

/// Applies `f` to the cells of every tab-separated line.
fn map_rows(seed: &str, f: impl Fn(&[&str]) -> String) -> String {
    seed.split('\n')
        .map(|line| {
            if line.contains('\t') {
                f(&line.split('\t').collect::<Vec<_>>())
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn runs_of_spaces() {
    let seed = support::seed();
    check("spaces", &seed.replace('\t', "   "), &[]);
}

#[test]
fn one_cell_per_line() {
    let seed = support::seed();
    check("lines", &seed.replace('\t', "\n"), &[]);
}

#[test]
fn markdown_tables() {
    let seed = support::seed();
    let mut first = true;
    let text = seed
        .split('\n')
        .map(|line| {
            if !line.contains('\t') {
                first = true;
                return line.to_owned();
            }
            let row = format!("| {} |", line.split('\t').collect::<Vec<_>>().join(" | "));
            if std::mem::take(&mut first) {
                let rule = vec!["---"; line.split('\t').count()].join("|");
                format!("{row}\n|{rule}|")
            } else {
                row
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    check("markdown", &text, &[]);
}

#[test]
fn pipe_rows() {
    let seed = support::seed();
    check(
        "pipes",
        &map_rows(&seed, |cells| format!("{} |", cells.join(" | "))),
        &[],
    );
}

#[test]
fn crlf_and_bom() {
    let seed = support::seed();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(seed.replace('\n', "\r\n").as_bytes());
    let decoded = nianbao_source::decode(&bytes).unwrap();
    check("crlf", &decoded.text, &[]);
}

#[test]
fn gb18030() {
    let seed = support::seed();
    let (bytes, _, errors) = encoding_rs::GB18030.encode(&seed);
    assert!(!errors);
    let decoded = nianbao_source::decode(&bytes).unwrap();
    assert_eq!(decoded.encoding, nianbao_source::SourceEncoding::Gb18030);
    check("gb18030", &decoded.text, &[]);
}

#[test]
fn full_width_digits() {
    let seed = support::seed();
    let text: String = seed
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()
            } else {
                c
            }
        })
        .collect();
    check("full-width", &text, &[]);
}

#[test]
fn run_together_cells() {
    let seed = support::seed();
    // Table 3 and 4 rows lose every separator between their numbers; the arithmetic splits them.
    let text = map_rows(&seed, |cells| {
        let numbers = cells
            .iter()
            .filter(|c| !c.is_empty() && c.chars().all(|d| d.is_ascii_digit()))
            .count();
        if numbers < 7 {
            return cells.join("\t");
        }
        let labels: Vec<&str> = cells
            .iter()
            .copied()
            .filter(|c| !c.is_empty() && !c.chars().all(|d| d.is_ascii_digit()))
            .collect();
        let digits: String = cells
            .iter()
            .copied()
            .filter(|c| !c.is_empty() && c.chars().all(|d| d.is_ascii_digit()))
            .collect();
        format!("{}{digits}", labels.join(""))
    });
    assert!(text.contains("一、本年新收政府信息公开申请数量810000081"));
    let parsed = parse(&text);
    // Split digits are no finding of their own (PA004 rides on the findings that involve the
    // cells): every R01 cell is marked as split, at its own digits.
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let table3 = parsed.report.table3.as_ref().unwrap();
    let r01 = table3.row(RowId::new(1).unwrap()).unwrap();
    assert!(r01.cells.iter().all(|c| c.provenance == Provenance::Split));
    assert_eq!(r01.cells[0].span.slice(&text), "81");
    assert_eq!(r01.cells[6].span.slice(&text), "81");
    // Table 4 `000000000000000` splits one way.
    let expected = values(&parse(&seed));
    let got = values(&parsed);
    assert_eq!(got, expected);
}

#[test]
fn labels_broken_over_lines() {
    let seed = support::seed();
    let text = seed
        .replace(
            "本年新收政府信息公开申请数量",
            "本年新收政府信息\n公开申请数量",
        )
        .replace("只计这一情形, 不计其他情形", "只计这一情形,\n 不计其他情形")
        .replace("本机关不掌握相关政府信息", "本机关不掌握 相关政府信息")
        .replace("本年制发件数", "本年制发\n件数");
    check("broken labels", &text, &[]);
}

#[test]
fn page_markers() {
    let seed = support::seed();
    let text = seed
        .replace(
            "\n⇥⇥8.属于行政查询事项".replace('⇥', "\t").as_str(),
            "\n— 4 —\n\t\t8.属于行政查询事项",
        )
        .replace("\n(七) 总计", "\n- 5 -\n(七) 总计");
    assert!(text.contains("— 4 —") && text.contains("- 5 -"));
    check("page markers", &text, &[]);
}

#[test]
fn blank_cells_at_row_ends() {
    let seed = support::seed();
    check(
        "padding",
        &map_rows(&seed, |cells| format!("\t\t{}\t\t\t", cells.join("\t"))),
        &[],
    );
}

/// The seed's Table 4 block (heading included) replaced by `replacement`.
fn with_table4(seed: &str, replacement: &str) -> String {
    let start = seed.find("四、政府信息公开行政复议、行政诉讼情况").unwrap();
    let end = seed.find("五、存在的主要问题及改进情况").unwrap();
    format!("{}{replacement}\n\n{}", &seed[..start], &seed[end..])
}

#[test]
fn pdf_text_single_spaces_and_lost_table4_heading() {
    // `layouts.md` §6: single spaces between cells, Table 4 heading lost, its header one
    // character per line.
    let seed = support::seed();
    let header = "行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n结 结 其 尚\n结 结 其 尚 结 结 其 尚\n果 果 他 未\n总计 果 果 他 未 总 果 果 他 未 总\n维 纠 结 审\n维 纠 结 审 计 维 纠 结 审 计\n持 正 果 结\n持 正 果 结 持 正 果 结\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
    let text = with_table4(&seed.replace('\t', " "), header);
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    assert_eq!(values(&parsed), values(&parse(&seed)));
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    assert_eq!(parsed.report.sections.len(), 5);
}

#[test]
fn markdown_table4_with_collapsed_header() {
    // `layouts.md` §5.
    let seed = support::seed();
    let block = "四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n| 119 | 25 | 91 | 24 | 259 | 7 | 0 | 15 | 6 | 28 | 21 | 1 | 7 | 9 | 38 |";
    let parsed = parse(&with_table4(&seed, block));
    let cells: Vec<Option<i64>> = parsed
        .report
        .table4
        .as_ref()
        .unwrap()
        .cells
        .iter()
        .map(|c| c.value.as_integer())
        .collect();
    let want = [119, 25, 91, 24, 259, 7, 0, 15, 6, 28, 21, 1, 7, 9, 38].map(Some);
    assert_eq!(cells, want);
}

#[test]
fn glued_table4_with_17_digits() {
    // `layouts.md` §8: `21317000001324019` has one split satisfying H04–H06.
    let seed = support::seed();
    let block = "四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计21317000001324019";
    let text = with_table4(&seed, block);
    let parsed = parse(&text);
    let table4 = parsed.report.table4.as_ref().unwrap();
    let cells: Vec<Option<i64>> = table4.cells.iter().map(|c| c.value.as_integer()).collect();
    assert_eq!(
        cells,
        [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19].map(Some)
    );
    assert_eq!(table4.cells[10].span.slice(&text), "13");
    assert!(
        table4
            .cells
            .iter()
            .all(|c| c.provenance == Provenance::Split)
    );
    assert!(parsed.diagnostics.iter().all(|d| d.code != "PA004"));
}

#[test]
fn traditional_characters() {
    // Mirrors serve 繁體 pages; labels compare after folding to Simplified.
    let seed = support::seed();
    let traditional: String = seed
        .chars()
        .map(|c| match c {
            '开' => '開',
            '报' => '報',
            '数' => '數',
            '计' => '計',
            '结' => '結',
            '转' => '轉',
            '处' => '處',
            '复' => '復',
            '议' => '議',
            '讼' => '訟',
            '规' => '規',
            '范' => '範',
            '费' => '費',
            '总' => '總',
            '请' => '請',
            '务' => '務',
            '项' => '項',
            '区' => '區',
            '况' => '況',
            '动' => '動',
            c => c,
        })
        .collect();
    assert!(traditional.contains("政府信息公開工作年度報告"));
    check("traditional", &traditional, &[]);
    let parsed = parse(&traditional);
    assert_eq!(parsed.report.organ(), Some("偃师區人民政府办公室"));
}

/// One-line dump with a typo'd label: the numbering `4.` before `保护第三方合法权利` belongs to
/// that label, not to the digits of the row before (it made R07 read `00000004` and fail).
#[test]
fn numbering_of_a_typod_label_in_a_one_line_dump() {
    let seed = support::seed();
    let glued = map_rows(&seed, |cells| {
        cells.iter().copied().filter(|c| !c.is_empty()).collect()
    });
    let text = glued
        .replace("保护第三方合法权益", "保护第三方合法权利")
        .replace('\n', "");
    let parsed = parse(&text);
    support::assert_spans(&parsed, &text);
    assert_eq!(support::row(&parsed, "R07"), [Some(0); 7]);
    assert_eq!(support::row(&parsed, "R08"), [Some(0); 7]);
    let r08 = parsed
        .report
        .table3
        .as_ref()
        .and_then(|t| t.row(nianbao_model::template::RowId::new(8).unwrap()))
        .unwrap();
    assert_eq!(r08.label.span.slice(&text), "保护第三方合法权利");
    assert_eq!(r08.label.matched, nianbao_model::LabelMatch::Variant);
    assert!(
        parsed.diagnostics.iter().all(|d| d.code != "PA003"),
        "{:#?}",
        parsed.diagnostics
    );
}

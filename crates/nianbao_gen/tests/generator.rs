//! The generator's promises, checked from its public API only.

// Helpers outside `#[test]` functions unwrap too: a panic here is a failed assertion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nianbao_gen::{
    CorpusOptions, FaultKind, GeneratedReport, Layout, Options, Val, corpus_file, generate, inject,
    render,
};
use nianbao_model::template::{RowId, Template};

fn row(number: u8) -> RowId {
    RowId::new(number).unwrap()
}

/// The outcome rows, spelled out here rather than taken from the model, so the test checks the
/// generator against the spec (`identities.md` §2), not against shared code.
fn outcome_rows(template: Template) -> Vec<RowId> {
    let mut rows: Vec<RowId> = (3..=20).map(row).collect();
    match template {
        Template::V2019 => rows.push(RowId::R21_23),
        _ => rows.extend((21..=23).map(row)),
    }
    rows
}

fn clean_reports(count: u64) -> Vec<GeneratedReport> {
    (0..count)
        .map(|index| generate(20_260_101, index, &Options::default()))
        .collect()
}

/// Every hard identity, computed independently of the crate's own checker.
fn broken_identities(report: &GeneratedReport) -> Vec<String> {
    let mut broken = Vec::new();
    let t3 = |r: RowId, c: usize| report.table3(r, c);
    for r in report.rows() {
        let parts: i64 = (0..6).map(|c| t3(r, c)).sum();
        if parts != t3(r, 6) {
            broken.push(format!("H01 {r}"));
        }
    }
    for c in 0..7 {
        if t3(row(1), c) + t3(row(2), c) != t3(row(24), c) + t3(row(25), c) {
            broken.push(format!("H02 C{}", c + 1));
        }
        let outcomes: i64 = outcome_rows(report.template)
            .iter()
            .map(|&r| t3(r, c))
            .sum();
        if outcomes != t3(row(24), c) {
            broken.push(format!("H03 C{}", c + 1));
        }
    }
    for block in 0..3 {
        let parts: i64 = (0..4).map(|i| report.table4(block * 5 + i)).sum();
        if parts != report.table4(block * 5 + 4) {
            broken.push(format!("H0{} ", block + 4));
        }
    }
    broken
}

#[test]
fn clean_reports_satisfy_every_identity_and_domain_rule() {
    let reports = clean_reports(600);
    for report in &reports {
        assert_eq!(
            broken_identities(report),
            Vec::<String>::new(),
            "{}",
            report.organ
        );
        assert!(report.identity_failures().is_empty());
        for r in report.rows() {
            for c in 0..7 {
                let value = report.table3_value(r, c).unwrap();
                assert!(
                    matches!(value, Val::Int(v) if v >= 0),
                    "{r} C{c}: {value:?}"
                );
            }
        }
        for i in 0..15 {
            assert!(matches!(report.table4_value(i), Some(Val::Int(v)) if v >= 0));
        }
        let number = |id: &str| report.table2(id).unwrap().number();
        match report.template {
            Template::V2021 => {
                // P01: documents made this year and not repealed are still in force.
                assert!(number("A3") >= number("A1") - number("A2"));
                assert!(number("A6") >= number("A4") - number("A5"));
                assert_eq!(report.table2_cells().count(), 10);
                for id in ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"] {
                    assert!(
                        matches!(report.table2(id), Some(Val::Int(v)) if v >= 0),
                        "{id}"
                    );
                }
            }
            Template::V2019 => {
                assert!(report.year <= 2020);
                assert_eq!(report.table2_cells().count(), 22);
                assert!(number("B2") <= number("B3"));
            }
            other => panic!("unexpected template {other}"),
        }
    }
    // Realistic shape: mostly 2021 with some 2019, many zero cells, a few large counts.
    let v2019 = reports
        .iter()
        .filter(|r| r.template == Template::V2019)
        .count();
    assert!(
        (30..200).contains(&v2019),
        "{v2019} reports in the 2019 format"
    );
    let large = reports
        .iter()
        .filter(|r| r.table3(row(1), 6) >= 200)
        .count();
    let none = reports.iter().filter(|r| r.table3(row(1), 6) == 0).count();
    assert!(large > 5 && none > 30, "large {large}, none {none}");
}

#[test]
fn same_arguments_give_identical_bytes() {
    let options = CorpusOptions {
        seed: 42,
        fault_percent: 50,
        ..CorpusOptions::default()
    };
    for index in 0..48 {
        let a = corpus_file(&options, index, 5);
        let b = corpus_file(&options, index, 5);
        assert_eq!(a.rendered.bytes, b.rendered.bytes);
        assert_eq!(a.entry, b.entry);
    }
    let other = CorpusOptions {
        seed: 43,
        ..options.clone()
    };
    let differ = (0..12)
        .filter(|&index| {
            corpus_file(&options, index, 5).rendered.bytes
                != corpus_file(&other, index, 5).rendered.bytes
        })
        .count();
    assert_eq!(differ, 12);
}

fn lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect()
}

fn table3_lines(text: &str) -> Vec<&str> {
    lines(text)
        .into_iter()
        .skip_while(|line| !line.starts_with("三、收到和处理"))
        .take_while(|line| !line.starts_with("四、政府信息公开行政复议"))
        .collect()
}

#[test]
fn each_layout_renders_its_distinctive_shape() {
    let report = generate(7, 3, &Options::default());
    let rendered = |layout| render(&report, layout);
    let first_row = |layout| {
        let text = rendered(layout).text;
        table3_lines(&text)
            .into_iter()
            .find(|line| line.contains("本年新收政府信息公开申请数量"))
            .unwrap()
            .to_owned()
    };
    let r01: Vec<String> = (0..7)
        .map(|c| report.table3(row(1), c).to_string())
        .collect();

    assert_eq!(first_row(Layout::Tab).split('\t').count(), 10);
    assert!(
        rendered(Layout::Tab)
            .text
            .contains("第二十条第（一）项\t\t\t\n")
    );
    assert!(rendered(Layout::Tab).text.contains("\n3.其他\t\t"));
    assert!(rendered(Layout::HalfWidth).text.contains("(一) 予以公开"));
    assert!(!rendered(Layout::HalfWidth).text.contains("（一）予以公开"));

    let spaces = first_row(Layout::Spaces);
    assert!(!spaces.contains('\t') && !spaces.contains('|'));
    assert!(spaces.contains("  "));
    let spaces_text = rendered(Layout::Spaces).text;
    assert!(
        spaces_text.contains("\n结 结 其 尚\n"),
        "Table 4 header one character per line"
    );

    let cells = rendered(Layout::CellPerLine).text;
    let cell_lines = lines(&cells);
    let label = cell_lines
        .iter()
        .position(|line| *line == "一、本年新收政府信息公开申请数量 |")
        .unwrap();
    for (offset, value) in r01.iter().enumerate() {
        assert_eq!(cell_lines[label + 1 + offset], format!("{value} |"));
    }

    let markdown = rendered(Layout::Markdown).text;
    assert!(markdown.contains("\n|---|---|"));
    assert!(first_row(Layout::Markdown).starts_with("| 一、本年新收"));
    assert!(first_row(Layout::Markdown).ends_with(" |"));

    let pipes = first_row(Layout::Pipes);
    assert_eq!(
        pipes,
        format!("一、本年新收政府信息公开申请数量 | {} |", r01.join(" | "))
    );

    let glued = first_row(Layout::RunTogether);
    let digits: String = glued.chars().skip_while(|c| !c.is_ascii_digit()).collect();
    assert!(digits == r01.concat() || digits == r01.join(" "), "{glued}");
    let glued_text = rendered(Layout::RunTogether);
    assert!(!glued_text.text.contains('\t') && !glued_text.text.contains(" | "));

    let crlf = rendered(Layout::CrlfBom);
    assert!(crlf.bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(crlf.text.contains("\r\n") && !crlf.text.replace("\r\n", "").contains('\n'));

    let full = rendered(Layout::FullWidth).text;
    assert!(!full.chars().any(|c| c.is_ascii_digit()));
    assert!(full.contains('０'));

    let broken = rendered(Layout::BrokenLabels).text;
    assert!(broken.contains("\t（二）部分公开（区分处理的，\n只计这一情形，不计其他情形）\t"));
    assert!(
        lines(&broken)
            .iter()
            .any(|line| line.ends_with("（本列数据的勾稽关系为：第一项加第"))
    );

    let dump = rendered(Layout::OneLine).text;
    assert!(!dump.contains('\n'));
    assert!(dump.contains(&format!("一、总体情况{}年，", report.year)));
    assert!(dump.contains("三、本年度办理结果（一）予以公开"));

    let markers = rendered(Layout::PageMarkers).text;
    assert!(lines(&markers).contains(&"— 2 —") || lines(&markers).contains(&"- 2 -"));

    // pdftotext -layout: page numbers and form feeds, numbers space-aligned after the label.
    let layout = rendered(Layout::PdfLayout).text;
    assert!(
        layout.contains("-1-\n\u{c}"),
        "page number, then a form feed"
    );
    let numbers = r01.iter().map(|v| format!("{v:>6}")).collect::<String>();
    let layout_row = lines(&layout)
        .into_iter()
        .find(|line| line.starts_with("一、本年新收"))
        .unwrap();
    assert!(layout_row.ends_with(&numbers), "{layout_row:?}");
    assert!(layout.contains("\n                  计这一情形，不计其他情形）\n"));
    // Prose is hard-wrapped with a first-line indent.
    let layout_lines = lines(&layout);
    let preamble = layout_lines
        .iter()
        .position(|line| line.starts_with("   本年度报告根据"))
        .unwrap();
    let continuation = layout_lines[preamble + 1];
    assert!(
        !continuation.starts_with(' ') && !continuation.is_empty(),
        "{continuation:?}"
    );
    assert!(layout_lines[preamble].chars().count() <= 32);

    // pdftotext reading order: the short R01 label comes after its seven numbers.
    let reading = rendered(Layout::ReadingOrder).text;
    let reading_lines = lines(&reading);
    let label = reading_lines
        .iter()
        .position(|line| *line == "一、本年新收政府信息公开申请数量")
        .unwrap();
    let before: Vec<&str> = reading_lines[..label]
        .iter()
        .rev()
        .filter(|line| !line.is_empty())
        .take(7)
        .copied()
        .collect();
    let expected: Vec<&str> = r01.iter().rev().map(String::as_str).collect();
    assert_eq!(before, expected);
    assert!(reading.contains("\n三\n、\n本\n年\n度\n办\n理\n结\n果\n"));

    // Word's merged cells: an empty column in three-value Table 2 rows, `1、` numbering.
    let merged = rendered(Layout::TabMerged).text;
    let rules = lines(&merged)
        .into_iter()
        .find(|line| line.starts_with("规章\t"))
        .unwrap();
    let fields: Vec<&str> = rules.split('\t').collect();
    assert_eq!((fields.len(), fields[3]), (5, ""), "{rules:?}");
    assert!(merged.contains("1、属于国家秘密"));

    // Markdown from a converted PDF: a table per row group, generic headers.
    let groups = rendered(Layout::MarkdownGroups).text;
    assert!(groups.starts_with("\n# "));
    assert!(groups.contains("### 一、本年新收政府信息公开申请数量\n| 数据1 | 数据2 |"));
    assert!(groups.contains(&format!("| {} |", r01.join(" | "))));
}

#[test]
fn glued_rows_split_back_uniquely_or_are_noted() {
    for index in 0..200 {
        let report = generate(11, index, &Options::default());
        let rendered = render(&report, Layout::RunTogether);
        let spaced_rows = table3_lines(&rendered.text)
            .iter()
            .filter(|line| line.chars().last().is_some_and(|c| c.is_ascii_digit()))
            .filter(|line| line.contains(' '))
            .count();
        let noted = rendered
            .notes
            .iter()
            .filter(|note| note.contains("printed with spaces"))
            .count();
        assert!(
            spaced_rows <= noted,
            "{spaced_rows} spaced rows, {noted} notes"
        );
    }
}

#[test]
fn gb18030_bytes_decode_back_to_the_text() {
    for index in 0..20 {
        let report = generate(5, index, &Options::default());
        let rendered = render(&report, Layout::Gb18030);
        assert!(
            std::str::from_utf8(&rendered.bytes).is_err(),
            "GB18030, not UTF-8"
        );
        let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&rendered.bytes);
        assert!(!had_errors);
        assert_eq!(text, rendered.text);
        assert_eq!(rendered.text, render(&report, Layout::Tab).text);
    }
}

/// The digits of `value` as the layout prints them.
fn printed(value: &str, layout: Layout) -> String {
    if layout != Layout::FullWidth {
        return value.to_owned();
    }
    value
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap(),
            _ => c,
        })
        .collect()
}

#[test]
fn manifest_lines_point_at_the_faulty_item_in_every_layout() {
    let mut produced = std::collections::BTreeSet::new();
    for layout in Layout::ALL {
        for kind in FaultKind::ALL {
            for index in 0..6 {
                let mut report = generate(99, index, &Options::default());
                let template = report.template;
                let no_applications = report.table3(row(1), 6) + report.table3(row(2), 6) == 0;
                let Some(fault) = inject(&mut report, kind, layout) else {
                    // A 2019 report cannot be made older; a report without applications may
                    // restate no figure at all (`本机关未收到政府信息公开申请`).
                    let declined = (kind == FaultKind::TemplateEra && template == Template::V2019)
                        || (kind == FaultKind::NarrativeNumber && no_applications);
                    assert!(
                        declined || !kind.supported_by(layout),
                        "{kind:?} in {layout:?}"
                    );
                    continue;
                };
                produced.insert(fault.code);
                let rendered = render(&report, layout);
                let expected = fault.locate(&rendered).expect("the anchor is printed");
                let text_lines = lines(&rendered.text);
                let line = text_lines[expected.line as usize - 1];
                let context = format!(
                    "{kind:?} {layout:?} #{index}: line {} {line:?}",
                    expected.line
                );
                let has = |value: &str| line.contains(&printed(value, layout));
                // A one-line dump holds the title and everything after it on line 1; PDF text
                // prints the issuing body on a line of its own above the rest of the title.
                let next_line = text_lines
                    .get(expected.line as usize)
                    .copied()
                    .unwrap_or("");
                let split_title = matches!(layout, Layout::PdfLayout | Layout::ReadingOrder)
                    && next_line.trim_start().starts_with(&report.year.to_string());
                let title_end = if split_title { next_line } else { line };
                let title_line = |line: &str| {
                    line.ends_with("政府信息公开工作年度报告")
                        || (!layout.has_title_line() && line.contains("政府信息公开工作年度报告"))
                };
                // Reading order prints short labels after their numbers.
                let label_near = |stem: &str| {
                    let at = expected.line as usize;
                    let above = text_lines[..at].iter().rev().take(9);
                    let below = text_lines[at..].iter().take(20);
                    let below = below.filter(|_| layout == Layout::ReadingOrder);
                    above.chain(below).any(|candidate| candidate.contains(stem))
                };
                match kind {
                    FaultKind::RowTotal | FaultKind::Balance | FaultKind::OutcomeTotal => {
                        let description = &expected.description;
                        let id = match kind {
                            FaultKind::Balance => row(25),
                            FaultKind::OutcomeTotal => row(24),
                            _ => RowId::parse(description.split(' ').next().unwrap()).unwrap(),
                        };
                        assert!(has(&report.table3(id, 6).to_string()), "{context}");
                        let label = id.template().label;
                        let stem: String = label.chars().take(2).collect();
                        assert!(label_near(&stem), "{context}: no {stem} near");
                    }
                    FaultKind::Table4Total => {
                        let total: i64 = (0..15)
                            .filter(|i| i % 5 == 4)
                            .map(|i| report.table4(i))
                            .max()
                            .unwrap();
                        assert!(
                            line.chars()
                                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)),
                            "{context}"
                        );
                        assert!(total >= 0);
                        let broken = report.identity_failures();
                        assert_eq!(broken.len(), 1, "{context}");
                    }
                    FaultKind::NarrativeNumber => {
                        let stated = expected.description.split_whitespace().nth(2).unwrap();
                        assert!(has(stated), "{context}: {stated}");
                        assert!(line.contains('件'), "{context}");
                    }
                    FaultKind::MissingSection => {
                        let heading = |numeral: &str| {
                            line.trim_start_matches([' ', '#']).starts_with(numeral)
                                || (!layout.has_title_line() && line.contains(numeral))
                        };
                        assert!(heading("六、其他") || heading("二、主动"), "{context}");
                        assert!(
                            !rendered.text.contains("五、存在的主要问题")
                                || !rendered.text.contains("一、总体情况")
                        );
                    }
                    FaultKind::RenamedSection => {
                        let variant = expected.description.rsplit(' ').next().unwrap();
                        assert!(
                            line.ends_with(variant)
                                || (!layout.has_title_line() && line.contains(variant)),
                            "{context}"
                        );
                    }
                    FaultKind::PeriodYear => {
                        assert!(title_line(line), "{context}");
                        assert!(has(&report.year.to_string()), "{context}");
                        assert!(rendered.text.contains(&format!(
                            "统计期限为{}年",
                            printed(&report.period_year().to_string(), layout)
                        )));
                        assert_ne!(report.period_year(), report.year);
                    }
                    FaultKind::BlankCell => {
                        let blank = match layout {
                            Layout::CellPerLine => line == "|",
                            Layout::Pipes | Layout::FullWidth => line.contains("| |"),
                            Layout::Markdown | Layout::MarkdownGroups => line.contains("|  |"),
                            _ => {
                                let tokens: Vec<&str> = line.split('\t').collect();
                                let start = tokens
                                    .iter()
                                    .rposition(|token| token.chars().any(|c| !c.is_ascii_digit()))
                                    .map_or(0, |position| position + 1);
                                let mut values = tokens[start..].to_vec();
                                while values.last() == Some(&"") {
                                    values.pop();
                                }
                                values.contains(&"")
                            }
                        };
                        assert!(blank, "{context}");
                    }
                    FaultKind::LabelTypo => {
                        let typo = expected.description.rsplit(' ').next().unwrap();
                        let head: String = typo.chars().take(3).collect();
                        assert!(line.contains(&head), "{context}");
                        assert!(
                            !rendered
                                .text
                                .contains(expected.description.split(' ').nth(1).unwrap())
                                || layout == Layout::BrokenLabels
                        );
                    }
                    FaultKind::BadValue => {
                        assert!(has("-1") || has(".5"), "{context}");
                        assert!(report.identity_failures().is_empty(), "{context}");
                    }
                    FaultKind::CasesClaim => {
                        let cases: i64 = (0..15).map(|i| report.table4(i)).sum();
                        let open: i64 = [1, 2, 3, 6, 7, 8, 11, 12, 13]
                            .iter()
                            .map(|&i| report.table4(i))
                            .sum();
                        match expected.code {
                            "N012" => assert!(line.contains("未发生") && cases > 0, "{context}"),
                            _ => assert!(line.contains("均获维持") && open > 0, "{context}"),
                        }
                        assert!(report.identity_failures().is_empty(), "{context}");
                    }
                    FaultKind::TemplateEra => {
                        assert!(title_line(title_end), "{context}");
                        assert!(report.year >= 2021 && report.template == Template::V2019);
                        assert!(rendered.text.contains("本年新制作数量"), "{context}");
                        assert!(report.identity_failures().is_empty(), "{context}");
                    }
                    FaultKind::TitleNonstandard => {
                        let suffix = expected.description.split(' ').nth(3).unwrap();
                        assert!(title_end.ends_with(suffix), "{context}");
                        assert!(
                            !title_end.ends_with("政府信息公开工作年度报告"),
                            "{context}"
                        );
                    }
                    FaultKind::AllClosedClaim => {
                        // PDF text may break the line inside the phrase.
                        let joined = format!("{line}{}", next_line.trim_start());
                        assert!(joined.contains("均已按时办结"), "{context}");
                        assert!(report.table3(row(25), 6) > 0);
                        assert!(report.identity_failures().is_empty(), "{context}");
                    }
                    FaultKind::StatedSum => panic!("only the 2008 format shows it: {context}"),
                }
            }
        }
    }
    let codes: Vec<&str> = produced.into_iter().collect();
    for code in [
        "T3001", "T3002", "T3003", "T4001", "S001", "S003", "M001", "M003", "M004", "B001", "L001",
        "V001", "N012", "N013", "N014",
    ] {
        assert!(codes.contains(&code), "{code} never produced: {codes:?}");
    }
    assert!(
        codes.iter().filter(|code| code.starts_with('N')).count() >= 5,
        "{codes:?}"
    );
}

#[test]
fn a_faulty_corpus_covers_every_fault_class_in_every_layout() {
    let options = CorpusOptions {
        seed: 3,
        fault_percent: 100,
        ..CorpusOptions::default()
    };
    let mut seen = std::collections::BTreeSet::new();
    for index in 0..13 * 45 {
        let file = corpus_file(&options, index, 5);
        let fault = file.entry.fault.expect("every file is faulty at 100%");
        seen.insert((file.entry.layout, fault.kind));
        assert!(file.entry.path.starts_with(&format!("{index:05}_")));
    }
    for layout in Layout::EVERY {
        for kind in FaultKind::ALL
            .into_iter()
            .filter(|kind| kind.supported_by(layout))
        {
            assert!(
                seen.contains(&(layout, kind)),
                "{kind:?} never in {layout:?}"
            );
        }
    }
    let clean = CorpusOptions {
        fault_percent: 0,
        ..options
    };
    assert!((0..24).all(|index| corpus_file(&clean, index, 5).entry.fault.is_none()));
}

/// The committed sample must be exactly what `corpus/README.md`'s command writes, so that the
/// manifest's expectations can be trusted and regenerating leaves the tree clean.
#[test]
fn committed_sample_matches_its_documented_command() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/generated");
    let Ok(manifest) = std::fs::read_to_string(format!("{folder}/manifest.json")) else {
        eprintln!("skipped: {folder}/manifest.json is missing");
        return;
    };
    // cargo xtask gen-corpus --count 90 --seed 2026 --out corpus/generated --faults --fault-rate 60
    let options = CorpusOptions {
        seed: 2026,
        fault_percent: 60,
        ..CorpusOptions::default()
    };
    let files: Vec<_> = (0..90)
        .map(|index| corpus_file(&options, index, 5))
        .collect();
    let expected = nianbao_gen::Manifest {
        generator: "nianbao_gen",
        seed: options.seed,
        count: 90,
        fault_percent: options.fault_percent,
        files: files.iter().map(|file| file.entry.clone()).collect(),
    };
    assert!(
        manifest == expected.to_json().unwrap(),
        "corpus/generated/manifest.json is stale: rerun the command in corpus/README.md"
    );
    for file in &files {
        let bytes = std::fs::read(format!("{folder}/{}", file.entry.path)).unwrap();
        assert!(bytes == file.rendered.bytes, "{} differs", file.entry.path);
    }
}

#[test]
fn narrative_faults_reach_every_restated_figure() {
    let mut codes = std::collections::BTreeSet::new();
    for index in 0..400 {
        let mut report = generate(5, index, &Options::default());
        if let Some(fault) = inject(&mut report, FaultKind::NarrativeNumber, Layout::Tab) {
            codes.insert(fault.code);
        }
    }
    let codes: Vec<&str> = codes.into_iter().collect();
    assert_eq!(
        codes,
        [
            "N001", "N003", "N004", "N005", "N006", "N007", "N008", "N009", "N010", "N011", "N015"
        ]
    );
}

#[test]
fn manifest_paths_are_plain_file_names_only() {
    let json = r#"{"files": [{"path": "00000_tab_clean.txt"}, {"path": "../etc/passwd"},
        {"path": "a/b.txt"}, {"path": ".."}, {"nopath": 1}]}"#;
    assert_eq!(
        nianbao_gen::manifest_paths(json).unwrap(),
        ["00000_tab_clean.txt"]
    );
    assert!(nianbao_gen::manifest_paths("not json").is_err());
}

/// Every file decodes, with the project's own decoder, to exactly the text the manifest's lines
/// count in, and is recognised in the encoding the manifest names.
#[test]
fn every_layout_decodes_with_the_project_decoder() {
    use nianbao_source::SourceEncoding;
    for layout in Layout::ALL {
        for index in 0..8 {
            let rendered = render(&generate(31, index, &Options::default()), layout);
            let decoded = nianbao_source::decode(&rendered.bytes).unwrap();
            assert_eq!(decoded.text, rendered.text, "{layout:?}");
            let expected = match rendered.encoding {
                nianbao_gen::Encoding::Utf8 => SourceEncoding::Utf8,
                nianbao_gen::Encoding::Utf8Bom => SourceEncoding::Utf8Bom,
                nianbao_gen::Encoding::Gb18030 => SourceEncoding::Gb18030,
            };
            assert_eq!(decoded.encoding, expected, "{layout:?}");
        }
    }
}

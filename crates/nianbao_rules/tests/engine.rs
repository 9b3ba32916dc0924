//! The engine over hand-built models: identity semantics (identities.md §1 rule 2), spans,
//! template-dependent ranges, narrative extraction, and rule-file errors with their spans.

// Helpers outside #[test] functions: a panic here is a failed assertion too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use nianbao_model::template::{RowId, Template};
use nianbao_model::{
    Cell, Diagnostic, Label, LabelMatch, Paragraph, Placeholder, Provenance, Report, Severity,
    Span, Table3, Table3Row, Table4, TemplateDetection, Value,
};
use nianbao_rules::RuleSet;
use nianbao_source::LineIndex;
use std::path::PathBuf;

/// A Table 3 written as text, one line per row (`R03\t11\t0\t…`), so every cell has a real span.
/// `b` is a blank cell, `/` a placeholder, `?` an unresolved run, `s12` a split value.
struct Builder {
    source: String,
    table3: Table3,
}

impl Builder {
    fn new() -> Self {
        Self {
            source: String::new(),
            table3: Table3::new(Span::default()),
        }
    }

    fn row(mut self, id: &str, cells: [&str; 7]) -> Self {
        let row = RowId::parse(id).unwrap();
        let label_start = self.source.len();
        self.source.push_str(id);
        let label = Label {
            span: Span::from_range(label_start..self.source.len()),
            matched: LabelMatch::Exact,
        };
        let mut built = [Cell::missing(Span::default()); 7];
        for (slot, raw) in built.iter_mut().zip(cells) {
            self.source.push('\t');
            let start = self.source.len();
            let (text, value, provenance) = match raw {
                "b" => ("", Value::Blank, Provenance::Exact),
                "/" => (
                    "/",
                    Value::Placeholder(Placeholder::Slash),
                    Provenance::Exact,
                ),
                "?" => ("1234", Value::Unresolved, Provenance::Exact),
                split if split.starts_with('s') => (
                    &split[1..],
                    Value::Number(split[1..].parse().unwrap()),
                    Provenance::Split,
                ),
                number => (
                    number,
                    Value::Number(number.parse().unwrap()),
                    Provenance::Exact,
                ),
            };
            self.source.push_str(text);
            *slot = Cell {
                value,
                span: Span::from_range(start..self.source.len()),
                provenance,
            };
        }
        self.source.push('\n');
        self.table3.rows[row.index()] = Some(Table3Row {
            id: row,
            label,
            cells: built,
        });
        self
    }

    /// A consistent 2021 table: 81 new, 1 carried over, 11 disclosed, 71 not held, 82 closed.
    fn seed_like() -> Self {
        let mut builder = Self::new()
            .row("R01", ["81", "0", "0", "0", "0", "0", "81"])
            .row("R02", ["1", "0", "0", "0", "0", "0", "1"])
            .row("R03", ["11", "0", "0", "0", "0", "0", "11"]);
        for number in 4..=23 {
            let id = format!("R{number:02}");
            let cells = if number == 13 {
                ["71", "0", "0", "0", "0", "0", "71"]
            } else {
                ["0"; 7]
            };
            builder = builder.row(&id, cells);
        }
        builder
            .row("R24", ["82", "0", "0", "0", "0", "0", "82"])
            .row("R25", ["0"; 7])
    }

    fn report(self, template: Template) -> (Report, String) {
        let mut table3 = self.table3;
        table3.span = Span::from_range(0..self.source.len());
        let report = Report {
            template: TemplateDetection {
                template,
                ..TemplateDetection::default()
            },
            table3: Some(table3),
            ..Report::default()
        };
        (report, self.source)
    }
}

fn builtin() -> RuleSet {
    RuleSet::builtin().expect("the shipped rules load")
}

fn only<'d>(diagnostics: &'d [Diagnostic], code: &str) -> Vec<&'d Diagnostic> {
    diagnostics.iter().filter(|d| d.code == code).collect()
}

fn line(source: &str, span: Span) -> u32 {
    LineIndex::new(source).line_of(span.start)
}

#[test]
fn shipped_rules_cover_the_shared_code_scheme() {
    let rules = builtin();
    let codes: Vec<&str> = rules
        .rules()
        .iter()
        .map(|rule| rule.code.as_str())
        .collect();
    for code in [
        "T3001", "T3002", "T3003", "T4001", "V001", "B001", "L001", "S001", "S002", "S003", "S004",
        "S005", "M001", "M002", "M003", "M004", "N001", "N002", "N003", "N004", "N005", "N006",
        "N007", "N008", "N009", "N010", "N011", "N012", "N013", "N014", "N015",
    ] {
        assert!(codes.contains(&code), "{code} missing");
    }
    for code in ["X001", "X002", "X003", "X004"] {
        assert_eq!(
            rules.rule(code).map(|rule| rule.kind),
            Some("cross"),
            "{code} is a cross-report rule"
        );
    }
    // Cross-report rules need a corpus, not one edited seed; tests/cross.rs exercises them.
    for rule in rules.rules().iter().filter(|rule| rule.kind != "cross") {
        assert!(
            !rule.docs().examples.is_empty(),
            "{} has no examples",
            rule.code
        );
        assert!(
            rule.docs()
                .examples
                .iter()
                .any(|example| !example.lines.is_empty()),
            "{} has no example that triggers it",
            rule.code
        );
        assert!(
            rule.docs()
                .examples
                .iter()
                .any(|example| example.lines.is_empty()),
            "{} has no example that must stay silent",
            rule.code
        );
    }
}

#[test]
fn consistent_table_has_no_arithmetic_findings() {
    let (report, source) = Builder::seed_like().report(Template::V2021);
    let found = builtin().check(&report, &source);
    assert!(found.iter().all(|d| !d.code.starts_with('T')), "{found:#?}");
}

#[test]
fn row_total_mismatch_points_at_the_total_with_both_sides() {
    let builder = Builder::seed_like().row("R03", ["11", "1", "0", "0", "0", "0", "11"]);
    let (report, source) = builder.report(Template::V2021);
    let found = builtin().check(&report, &source);
    let rows = only(&found, "T3001");
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let finding = rows[0];
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.span.slice(&source), "11");
    // A row given again replaces the first one and is written as the 26th line.
    assert_eq!(line(&source, finding.span), 26);
    assert!(finding.message.zh.contains("11") && finding.message.zh.contains("12"));
    assert!(
        finding.message.en.contains("delta -1"),
        "{}",
        finding.message.en
    );
    assert_eq!(finding.labels.len(), 6, "the six summed cells");
    assert!(finding.help.as_ref().unwrap().zh.contains("应为 12"));
    // The same cell breaks the outcome total of column C2.
    let outcome = only(&found, "T3003");
    assert_eq!(outcome.len(), 1);
    assert!(
        outcome[0].message.en.contains("C2"),
        "{}",
        outcome[0].message.en
    );
}

#[test]
fn a_wrong_total_cell_is_localised_despite_opposite_deltas() {
    let builder = Builder::seed_like().row("R03", ["11", "0", "0", "0", "0", "0", "12"]);
    let (report, source) = builder.report(Template::V2021);
    let found = builtin().check(&report, &source);
    let row = only(&found, "T3001");
    let column = only(&found, "T3003");
    assert_eq!((row.len(), column.len()), (1, 1));
    assert!(row[0].message.en.contains("delta +1"));
    assert!(column[0].message.en.contains("delta -1"));
    for finding in [row[0], column[0]] {
        assert!(
            finding.message.en.contains("R03[C7] is in both"),
            "{}",
            finding.message.en
        );
    }
    // The outcome total (pointing at R24) labels only the outcome rows that carry something.
    let labelled: Vec<&str> = column[0]
        .labels
        .iter()
        .map(|l| l.message.en.as_str())
        .collect();
    assert_eq!(labelled, ["R03[C7] = 12", "R13[C7] = 71"]);
}

#[test]
fn blank_total_is_a_warning_with_the_computed_sum() {
    let builder = Builder::seed_like().row("R03", ["11", "0", "0", "0", "0", "0", "b"]);
    let (report, source) = builder.report(Template::V2021);
    let found = builtin().check(&report, &source);
    let rows = only(&found, "T3001");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].severity, Severity::Warning);
    assert!(
        rows[0].message.zh.contains("总计未填"),
        "{}",
        rows[0].message.zh
    );
    assert!(rows[0].message.zh.contains("11"));
    // The blank total is this finding's: the blank-cell rule does not report it again.
    assert!(only(&found, "B001").is_empty());
}

#[test]
fn all_parts_blank_is_a_warning_and_some_blank_are_listed() {
    let builder = Builder::seed_like()
        .row("R01", ["b", "b", "b", "b", "b", "b", "81"])
        .row("R02", ["1", "/", "0", "0", "0", "0", "2"]);
    let (report, source) = builder.report(Template::V2021);
    let found = builtin().check(&report, &source);
    let rows = only(&found, "T3001");
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(rows[0].severity, Severity::Warning);
    assert!(rows[0].message.en.contains("parts not filled in"));
    assert_eq!(rows[1].severity, Severity::Error);
    assert!(
        rows[1].message.zh.contains("R02[C2] 未填，按 0 计"),
        "{}",
        rows[1].message.zh
    );
}

#[test]
fn unresolved_cells_skip_the_identity_and_split_cells_are_flagged() {
    let builder = Builder::seed_like().row("R03", ["?", "0", "0", "0", "0", "0", "12"]);
    let (report, source) = builder.report(Template::V2021);
    let found = builtin().check(&report, &source);
    assert!(only(&found, "T3001").is_empty(), "{found:#?}");

    let builder = Builder::seed_like().row("R03", ["s12", "0", "0", "0", "0", "0", "11"]);
    let (report, source) = builder.report(Template::V2021);
    let found = builtin().check(&report, &source);
    let rows = only(&found, "T3001");
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].message.zh.contains("解析器推断"),
        "{}",
        rows[0].message.zh
    );
    assert!(
        rows[0].message.en.contains("R03[C1] inferred"),
        "{}",
        rows[0].message.en
    );
}

#[test]
fn balance_points_at_the_carried_forward_cell() {
    let builder = Builder::seed_like().row("R25", ["1", "0", "0", "0", "0", "0", "1"]);
    let (report, source) = builder.report(Template::V2021);
    let found = builtin().check(&report, &source);
    let balance = only(&found, "T3002");
    assert_eq!(balance.len(), 2);
    for finding in balance {
        assert_eq!(line(&source, finding.span), 26);
        assert_eq!(finding.span.slice(&source), "1");
        assert!(finding.message.en.contains("= 82") && finding.message.en.contains("= 83"));
        assert!(finding.message.en.contains("delta -1"));
        assert!(finding.help.as_ref().unwrap().en.contains("would be 0"));
    }
}

#[test]
fn outcome_total_follows_the_template() {
    // A 2019 table: R21–R23 do not exist, the single （六）其他处理 row counts instead.
    let mut builder = Builder::new()
        .row("R01", ["5", "0", "0", "0", "0", "0", "5"])
        .row("R02", ["0"; 7]);
    for number in 3..=20 {
        builder = builder.row(&format!("R{number:02}"), ["0"; 7]);
    }
    builder = builder
        .row("R21_23", ["5", "0", "0", "0", "0", "0", "5"])
        .row("R24", ["5", "0", "0", "0", "0", "0", "5"])
        .row("R25", ["0"; 7]);
    let (report, source) = builder.report(Template::V2019);
    let found = builtin().check(&report, &source);
    assert!(only(&found, "T3003").is_empty(), "{found:#?}");
    assert!(only(&found, "T3001").is_empty(), "{found:#?}");
}

#[test]
fn table4_block_totals() {
    let source = "0\t0\t0\t2\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0".to_owned();
    let mut offset = 0;
    let cells: Vec<Cell> = source
        .split('\t')
        .map(|text| {
            let span = Span::from_range(offset..offset + text.len());
            offset += text.len() + 1;
            Cell {
                value: Value::Number(text.parse().unwrap()),
                span,
                provenance: Provenance::Exact,
            }
        })
        .collect();
    let report = Report {
        template: TemplateDetection {
            template: Template::V2021,
            ..TemplateDetection::default()
        },
        table4: Some(Table4 {
            span: Span::from_range(0..source.len()),
            cells: cells.try_into().unwrap(),
        }),
        ..Report::default()
    };
    let found = builtin().check(&report, &source);
    let blocks = only(&found, "T4001");
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].span.start, 8, "the F5 cell");
    assert!(
        blocks[0].message.en.contains("F5"),
        "{}",
        blocks[0].message.en
    );
    assert!(blocks[0].message.en.contains("delta -1"));
}

fn with_paragraph(builder: Builder, text: &str) -> (Report, String) {
    let (mut report, mut source) = builder.report(Template::V2021);
    let start = source.len();
    source.push_str(text);
    report.paragraphs.push(Paragraph {
        span: Span::from_range(start..source.len()),
        section: Some(1),
    });
    (report, source)
}

#[test]
fn narrative_numbers_are_read_per_clause() {
    let text = "全年共受理依申请公开政府信息件 81 件，上年度结转至本年度 1 件，共办结 82 件，其中予以公开 11 件，本机关不掌握相关政府信息 71 件，结转下年度继续办理 0 件。";
    let (report, source) = with_paragraph(Builder::seed_like(), text);
    let found = builtin().check(&report, &source);
    assert!(found.iter().all(|d| !d.code.starts_with('N')), "{found:#?}");

    let text = "予以公开及部分公开10件，占13.2%；不予公开０件；无法提供七十一件。另有2件申请顺延到下年度答复。";
    let (report, source) = with_paragraph(Builder::seed_like(), text);
    let found = builtin().check(&report, &source);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .filter(|d| d.code.starts_with('N'))
        .map(|d| (d.code.as_ref(), d.span.slice(&source)))
        .collect();
    assert_eq!(
        codes,
        [("N005", "10"), ("N010", "13.2"), ("N009", "2")],
        "{codes:?}"
    );
    let disclosed = only(&found, "N005")[0];
    assert!(
        disclosed.message.zh.contains("表格为 11"),
        "{}",
        disclosed.message.zh
    );
    assert!(
        disclosed.message.en.contains("delta -1"),
        "{}",
        disclosed.message.en
    );
}

#[test]
fn received_applications_accept_either_reading() {
    for (stated, findings) in [("81", 0), ("82", 0), ("80", 1)] {
        let text = format!("本年度共受理政府信息公开申请{stated}件。");
        let (report, source) = with_paragraph(Builder::seed_like(), &text);
        let found = builtin().check(&report, &source);
        let received = only(&found, "N002");
        assert_eq!(received.len(), findings, "{stated}: {found:#?}");
        if let Some(finding) = received.first() {
            assert_eq!(finding.severity, Severity::Warning);
            assert!(
                finding.message.zh.contains("81 或 82"),
                "{}",
                finding.message.zh
            );
        }
    }
}

#[test]
fn statements_against_tables() {
    let builder = Builder::seed_like().row("R25", ["1", "0", "0", "0", "0", "0", "1"]);
    let (report, source) = with_paragraph(builder, "所有申请均已办结。");
    let found = builtin().check(&report, &source);
    let closed = only(&found, "N014");
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0].span.slice(&source), "均已办结");
    assert!(
        closed[0].message.zh.contains("R25[C7]"),
        "{}",
        closed[0].message.zh
    );
}

/// `identities.md` §6: Shanghai 2019, whose arithmetic is clean while its narrative is not.
#[test]
fn shanghai_2019_worked_example() {
    let b = "b";
    let mut builder = Builder::new()
        .row("R01", ["821", "35", b, b, "2", "1", "859"])
        .row("R02", ["18", b, b, b, b, b, "18"])
        .row("R03", ["258", "12", b, b, "1", "1", b])
        .row("R04", ["3", b, b, b, b, b, b])
        .row("R05", ["14", b, b, b, b, b, b]);
    for id in ["R06", "R07", "R08", "R11", "R18", "R19", "R20", "R21_23"] {
        builder = builder.row(id, [b; 7]);
    }
    builder = builder
        .row("R09", ["5", b, b, b, b, b, b])
        .row("R10", ["3", "1", b, b, b, b, b])
        .row("R12", ["10", "2", b, b, b, b, b])
        .row("R13", ["252", "12", b, b, "1", b, b])
        .row("R14", ["44", "3", b, b, b, b, b])
        .row("R15", ["25", b, b, b, b, b, b])
        .row("R16", ["148", "1", b, b, b, b, b])
        .row("R17", ["5", "4", b, b, b, b, b])
        .row("R24", ["767", "35", b, b, "2", "1", "805"])
        .row("R25", ["72", b, b, b, b, b, "72"]);
    let (mut report, mut source) = builder.report(Template::V2019);
    let table4_start = source.len();
    let mut cells = Vec::new();
    for value in [
        "5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", "",
    ] {
        let start = source.len();
        source.push_str(value);
        cells.push(Cell {
            value: value.parse().map_or(Value::Blank, Value::Number),
            span: Span::from_range(start..source.len()),
            provenance: Provenance::Exact,
        });
        source.push('\t');
    }
    source.push('\n');
    report.table4 = Some(Table4 {
        span: Span::from_range(table4_start..source.len()),
        cells: cells.try_into().unwrap(),
    });
    let narrative = "共受理政府信息公开申请859件，答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。其中，予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持。";
    let start = source.len();
    source.push_str(narrative);
    report.paragraphs.push(Paragraph {
        span: Span::from_range(start..source.len()),
        section: Some(1),
    });
    let found = builtin().check(&report, &source);
    // The hand-built model has no sections, so S001 is expected and left out here.
    let found: Vec<Diagnostic> = found.into_iter().filter(|d| d.code != "S001").collect();
    let errors: Vec<(&str, &str)> = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code.as_ref(), d.span.slice(&source)))
        .collect();
    assert_eq!(
        errors,
        [
            ("N016", "805"),
            ("N005", "258"),
            ("N010", "33.9"),
            ("N007", "265"),
            ("N013", "均获维持")
        ],
        "{:#?}",
        found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect::<Vec<_>>()
    );
    // identities.md: "N16: 258 + 35 + 265 + 158 + 0 | 716 | the passage's own 805 | −89".
    let breakdown = only(&found, "N016")[0];
    assert!(
        breakdown
            .message
            .zh
            .contains("258 + 35 + 265 + 158 + 0 = 716，与所称办结 805 件不符（差 +89）"),
        "{}",
        breakdown.message.zh
    );
    assert_eq!(breakdown.labels.len(), 5);
    let disclosed = only(&found, "N005")[0];
    assert!(
        disclosed.message.zh.contains("表格为 275"),
        "{}",
        disclosed.message.zh
    );
    assert!(
        disclosed
            .message
            .zh
            .contains("R03[C7] 未填，按 C1–C6 之和 272 计"),
        "{}",
        disclosed.message.zh
    );
    assert!(only(&found, "N007")[0].message.en.contains("delta -72"));
    assert!(only(&found, "N013")[0].message.zh.contains("F4"));
    // Nineteen outcome rows with blank totals: eleven with printed parts are the row identity's
    // "总计未填" warnings with their sums; the eight printed blank throughout (R06–R08, R11,
    // R18–R20 and （六）其他处理) have nothing to add up and are the blank-cell finding's, which
    // lists every blank cell of the table once. H03 in C7 with every part blank.
    let row_totals = only(&found, "T3001");
    assert_eq!(row_totals.len(), 11, "{row_totals:#?}");
    // One blank-cell finding per table: Table 3's and Table 4's.
    let blank = only(&found, "B001");
    assert_eq!(blank.len(), 2, "{blank:#?}");
    assert!(
        blank[0]
            .message
            .zh
            .starts_with("表三有 115 个单元格未填写：R01 C3–C4；R02 C2–C6；")
    );
    assert!(
        blank[0]
            .message
            .zh
            .contains("R18–R20 C1–C7；R21_23 C1–C7；R24 C3–C4")
    );
    for row in ["R06", "R11", "R18", "R21_23"] {
        assert!(
            blank[0]
                .labels
                .iter()
                .any(|l| l.message.zh.starts_with(row)),
            "{row}"
        );
    }
    assert!(row_totals.iter().all(|d| d.severity == Severity::Warning));
    let outcome = only(&found, "T3003");
    assert!(outcome.iter().all(|d| d.severity == Severity::Warning));
    assert!(
        outcome
            .iter()
            .any(|d| d.message.en.starts_with("parts not filled in")
                && d.span.slice(&source) == "805"),
        "{outcome:#?}"
    );
    assert!(only(&found, "T3002").is_empty());
}

fn load_error(text: &str) -> (String, String) {
    let error = RuleSet::from_files([(PathBuf::from("bad.toml"), text.to_owned())]).unwrap_err();
    let span = error.span.expect("errors carry a span");
    (span.slice(text).to_owned(), error.message)
}

const GOOD: &str = r#"[[rules]]
code = "T9001"
name = "demo-identity"
category = "arithmetic"
severity = "error"
templates = ["2021"]
summary = { zh = "示例", en = "demo" }
description.zh = "示例说明"
description.en = "d"
why.zh = "示例原因"
why.en = "w"
message = { zh = "{left} ≠ {right}", en = "{left} != {right}" }
identity = { checks = ["F5 == F1 + F2 + F3 + F4"] }
"#;

#[test]
fn a_new_identity_is_toml_only() {
    let rules = RuleSet::from_files([(PathBuf::from("demo.toml"), GOOD.to_owned())]).unwrap();
    assert_eq!(rules.rules().len(), 1);
    assert_eq!(rules.rule("demo-identity").unwrap().kind, "identity");
}

#[test]
fn bounds_are_toml_too() {
    let rule = GOOD.replace(
        "F5 == F1 + F2 + F3 + F4",
        "for col in C1..C7: R24[col] <= R01[col] + R02[col]",
    );
    let rules = RuleSet::from_files([(PathBuf::from("bound.toml"), rule)]).unwrap();
    let (report, source) = Builder::seed_like().report(Template::V2021);
    assert!(rules.check(&report, &source).is_empty());
    let builder = Builder::seed_like().row("R24", ["90", "0", "0", "0", "0", "0", "90"]);
    let (report, source) = builder.report(Template::V2021);
    let found = rules.check(&report, &source);
    let columns: Vec<&str> = found.iter().map(|d| d.message.en.as_str()).collect();
    assert_eq!(columns, ["90 != 82", "90 != 82"]);
}

#[test]
fn load_errors_point_into_the_file() {
    let (at, message) = load_error(&GOOD.replace("F1 + F2", "F1 + G2"));
    assert_eq!(at, "G", "{message}");
    let (at, message) = load_error(&GOOD.replace("F1 + F2", "F1 = F2"));
    assert!(at.starts_with('='), "{at:?} {message}");
    let (at, message) = load_error(&GOOD.replace("{right}\", en", "{rigth}\", en"));
    assert_eq!(at, "{", "{message}");
    assert!(message.contains("{rigth}"));
    let (at, message) = load_error(&GOOD.replace("why.en = \"w\"", "why.en = \"w\"\nwhy_not = 1"));
    assert!(at.contains("why_not"), "{at:?}");
    assert!(message.contains("unknown field"), "{message}");
    let (at, _) = load_error(&GOOD.replace("\"2021\"", "\"2022\""));
    assert_eq!(at, "\"2022\"");
    let (at, _) = load_error(&GOOD.replace("demo-identity", "Demo"));
    assert_eq!(at, "\"Demo\"");
    let (_, message) =
        load_error(&GOOD.replace("code = \"T9001\"", "code = \"T9001\"\nseverity = \"fatal\""));
    assert!(
        message.contains("duplicate") || message.contains("severity"),
        "{message}"
    );
    let broken =
        RuleSet::from_files([(PathBuf::from("x.toml"), "[[rules]\n".to_owned())]).unwrap_err();
    assert!(broken.span.is_some());
    assert!(broken.to_string().starts_with("x.toml:1:"), "{broken}");
}

/// Issue 16: a reader gets every rule's documentation in Chinese and in English, so a rule
/// missing either does not load, and its Chinese must be Chinese.
#[test]
fn docs_in_both_languages_are_required() {
    for (edit, points_at, says) in [
        (
            "description.en = \"d\"\n",
            "description",
            "missing field `en`",
        ),
        ("why.zh = \"示例原因\"\n", "why", "missing field `zh`"),
        (
            "description.zh = \"示例说明\"\ndescription.en = \"d\"\n",
            "[[rules]]",
            "missing field `description`",
        ),
    ] {
        let text = GOOD.replace(edit, "");
        let error = RuleSet::from_files([(PathBuf::from("one.toml"), text.clone())]).unwrap_err();
        assert!(error.message.contains(says), "{edit:?}: {}", error.message);
        let span = error.span.expect("errors carry a span");
        assert!(
            text[span.start as usize..].starts_with(points_at),
            "{edit:?} points at {:?}",
            span.slice(&text)
        );
    }
    // The old single-language form is refused with what to write instead.
    let (_, message) =
        load_error(&GOOD.replace("why.zh = \"示例原因\"\nwhy.en = \"w\"", "why = \"w\""));
    assert!(
        message.contains("why.zh") || message.contains("description.zh"),
        "{message}"
    );
    // English in the Chinese slot is refused at it.
    let (at, message) = load_error(&GOOD.replace("示例说明", "an English text"));
    assert_eq!(at, "\"an English text\"");
    assert!(
        message.contains("`description.zh` must be written in Chinese"),
        "{message}"
    );
    let (at, message) = load_error(&GOOD.replace("why.en = \"w\"", "why.en = \" \""));
    assert_eq!(at, "\" \"");
    assert!(message.contains("`why.en` is empty"), "{message}");
    // Every built-in rule has both, in Chinese and English, and says what to do.
    for rule in builtin().rules() {
        let help = rule
            .help
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no help", rule.code));
        assert!(!help.zh.is_empty() && !help.en.is_empty(), "{}", rule.code);
        for text in [&rule.docs().description, &rule.docs().why] {
            assert!(!text.zh.is_empty() && !text.en.is_empty(), "{}", rule.code);
            assert_ne!(text.zh, text.en, "{}", rule.code);
        }
    }
}

#[test]
fn duplicate_codes_are_refused() {
    let error = RuleSet::from_files([
        (PathBuf::from("a.toml"), GOOD.to_owned()),
        (
            PathBuf::from("b.toml"),
            GOOD.replace("demo-identity", "other-name"),
        ),
    ])
    .unwrap_err();
    assert_eq!(error.path, PathBuf::from("b.toml"));
    assert_eq!(error.span.unwrap().slice(&error.source_text), "\"T9001\"");
    // Within one file, the second declaration is the one pointed at.
    let twice = format!("{GOOD}\n{}", GOOD.replace("demo-identity", "other-name"));
    let error = RuleSet::from_files([(PathBuf::from("c.toml"), twice.clone())]).unwrap_err();
    assert!(error.span.unwrap().start as usize > GOOD.len());
    assert!(
        error.message.contains("declared twice"),
        "{}",
        error.message
    );
}

#[test]
fn load_dir_reads_the_repository_rules() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules"));
    let loaded = RuleSet::load_dir(&dir).unwrap();
    assert_eq!(loaded.rules().len(), builtin().rules().len());
}

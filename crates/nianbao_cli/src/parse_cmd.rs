//! `nianbao parse PATH…`: each report's model as a JSON object (JSON Lines, an object a line,
//! for several files or a folder), or one CSV row per cell, for researchers and dashboards that
//! want the numbers rather than the findings.
//!
//! JSON keys are a contract: `path`, `year`, `organ`, `template`, `coverage` (`complete`,
//! `partial` or `nothing`: how much of the report was read), `unchecked` (the parts not read,
//! in words), `sections`, `table2`, `table3`, `table4`, `diagnostics`. A table the parser did not find is `null`; a cell is a
//! number, `null` (blank or missing) or a string (placeholder, text, unresolved digits).
//!
//! The JSON is written as it is made, a section at a time, and `diagnostics` holds at most
//! [`crate::check::cap_per_rule`]'s share of each rule: a file of a million repeated headings
//! prints a million sections without holding them all as JSON.

use crate::args::{ParseArgs, ParseFormat};
use crate::check::{STDIN_NAME, cap_per_rule, display, is_report_file};
use crate::read::{self, Document, Origin, load};
use crate::walk::{WalkOptions, Walked, WalkedFile};
use nianbao_diagnostics::facts::ReportFacts;
use nianbao_diagnostics::{Finding, machine};
use nianbao_model::template::{
    TABLE3_COLUMN_IDS, TABLE3_COLUMNS, TABLE4_CELL_IDS, TABLE4_CELLS, table2_rows,
};
use nianbao_model::{Lang, Report, cell_json};
use nianbao_source::{ColumnUnit, LineIndex};
use serde_json::{Map, Value, json};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub fn run(args: &ParseArgs) -> u8 {
    let lang: Lang = args.lang.into();
    let (inputs, walked) = inputs(&args.files, lang);
    // Several reports, or a folder's: one compact object per line.
    let lines = walked || inputs.len() > 1 || args.output_format == ParseFormat::Jsonl;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut code = 0;
    let mut written = Ok(());
    if args.output_format == ParseFormat::Csv {
        written = out.write_all(CSV_HEADER.as_bytes());
    }
    for input in inputs {
        if written.is_err() {
            break;
        }
        written = match parse_one(args, &input, lang, lines, &mut out) {
            Ok(written) => written,
            Err(failed) => {
                code = failed;
                Ok(())
            }
        };
    }
    match written.and_then(|()| out.flush()) {
        Ok(()) => code,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(_) => 2,
    }
}

/// One input of `nianbao parse`: a file named or found in a folder, or standard input.
struct Input {
    origin: Origin,
    /// The path as shown.
    path: String,
}

/// The files named and those found in the folders named (in path order), and whether any
/// folder was walked.
fn inputs(paths: &[PathBuf], lang: Lang) -> (Vec<Input>, bool) {
    let mut walked = false;
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                origin: Origin::Stdin,
                path: STDIN_NAME.to_owned(),
            });
        } else if path.is_dir() {
            walked = true;
            let options = WalkOptions::default();
            let Ok(excluder) = options.excluder() else {
                continue;
            };
            let mut found: Vec<PathBuf> =
                crate::walk::walk(path, &options, &excluder, is_report_file, lang)
                    .map(|walked| match walked {
                        Walked::File(WalkedFile { path, .. }) | Walked::Unreadable(path, _) => path,
                    })
                    .collect();
            found.sort();
            inputs.extend(found.into_iter().map(|path| Input {
                path: display(&path),
                origin: Origin::File(path.into_boxed_path()),
            }));
        } else {
            inputs.push(Input {
                path: display(path),
                origin: Origin::File(path.as_path().into()),
            });
        }
    }
    (inputs, walked)
}

/// One report's model written to `out`: pretty JSON, a line of JSON, or CSV rows. A file that
/// cannot be read is said on stderr as its input finding (`Err`, exit code 2).
fn parse_one(
    args: &ParseArgs,
    input: &Input,
    lang: Lang,
    lines: bool,
    out: &mut impl Write,
) -> Result<std::io::Result<()>, u8> {
    let path = input.path.as_str();
    let name = match &input.origin {
        Origin::File(file) => file,
        Origin::Stdin => Path::new(path),
    };
    let document = match load(
        &input.origin,
        name,
        args.max_file_size,
        args.input_format.forced(),
    ) {
        Ok(document) => document,
        Err(problem) => {
            let diagnostic = problem.diagnostic();
            let finding = Finding::locate(path, "", &LineIndex::new(""), &diagnostic, lang);
            crate::say::line(machine::concise(&finding, args.column_unit.into(), lang));
            return Err(2);
        }
    };
    let parsed = nianbao_syntax::parse(document.text());
    // Where the file was not read as written, then the parser's findings, at most so many of
    // each rule (a file of a million repeated headings must not print a million).
    let mut diagnostics = cap_per_rule(parsed.diagnostics);
    diagnostics.extend(cap_per_rule(read::warnings(&document)));
    let diagnostics: Vec<_> = diagnostics
        .into_iter()
        .map(|diagnostic| document.to_file(diagnostic))
        .collect();
    let findings = Finding::locate_all(path, document.file_text(), &diagnostics, lang);
    if args.output_format == ParseFormat::Csv {
        return Ok(out.write_all(model_csv(path, document.text(), &parsed.report).as_bytes()));
    }
    let model = model_json(
        path,
        &document,
        &parsed.report,
        &findings,
        args.column_unit.into(),
        lang,
    );
    let sections = sections(&document, &parsed.report);
    Ok(if lines {
        write_json_line(out, &model, sections)
    } else {
        write_json(out, &model, sections)
    })
}

/// Each section as its JSON object, made as it is written.
fn sections<'d>(document: &'d Document, report: &'d Report) -> impl Iterator<Item = Value> + 'd {
    let index = LineIndex::new(document.file_text());
    report.sections.iter().map(move |section| {
        json!({
            "number": section.number,
            "heading": section.heading,
            "line": index.line_of(document.span_in_file(section.heading_span).start),
        })
    })
}

/// The model but for its sections ([`sections`], written one at a time). Cells are read from
/// the grammar's text; lines are those of the user's file.
fn model_json(
    path: &str,
    document: &Document,
    report: &Report,
    findings: &[Finding],
    unit: ColumnUnit,
    lang: Lang,
) -> Value {
    let text = document.text();
    let facts = ReportFacts::of(report);
    let table2 = report.table2.as_ref().map_or(Value::Null, |table| {
        Value::Object(
            table
                .cells()
                .map(|(id, cell)| (id.to_owned(), cell_json(cell, text)))
                .collect::<Map<_, _>>(),
        )
    });
    let table3 = report.table3.as_ref().map_or(Value::Null, |table| {
        Value::Object(
            table
                .present_rows()
                .map(|(id, row)| {
                    let cells = row.cells.iter().map(|cell| cell_json(cell, text)).collect();
                    (id.name().to_owned(), Value::Array(cells))
                })
                .collect::<Map<_, _>>(),
        )
    });
    let table4 = report.table4.as_ref().map_or(Value::Null, |table| {
        Value::Array(
            table
                .cells
                .iter()
                .map(|cell| cell_json(cell, text))
                .collect(),
        )
    });
    json!({
        "path": path,
        "year": report.year(),
        "organ": report.organ(),
        "template": report.template.template.as_str(),
        "coverage": report.coverage.completeness(),
        "unchecked": facts.unchecked(lang),
        "table2": table2,
        "table3": table3,
        "table4": table4,
        "diagnostics": findings
            .iter()
            .map(|finding| machine::json_object(finding, unit))
            .collect::<Vec<_>>(),
    })
}

/// The contract's keys, in the order a reader expects them.
const KEYS: [&str; 11] = [
    "path",
    "year",
    "organ",
    "template",
    "coverage",
    "unchecked",
    "sections",
    "table2",
    "table3",
    "table4",
    "diagnostics",
];

/// Pretty JSON with the top-level keys in [`KEYS`] order and Table 2 cells in template order
/// (`A2` before `A10`); serde_json alone would sort both alphabetically. The sections are
/// written as they come, laid out as serde_json would lay out their array.
fn write_json(
    out: &mut impl Write,
    model: &Value,
    sections: impl Iterator<Item = Value>,
) -> std::io::Result<()> {
    out.write_all(b"{")?;
    let mut sections = Some(sections);
    for (index, key) in KEYS.iter().enumerate() {
        out.write_all(if index == 0 { b"\n  " } else { b",\n  " })?;
        write!(out, "{}: ", Value::from(*key))?;
        if *key == "sections" {
            let mut first = true;
            for section in sections.take().into_iter().flatten() {
                out.write_all(if first { b"[\n    " } else { b",\n    " })?;
                first = false;
                let text = serde_json::to_string_pretty(&section).unwrap_or_default();
                out.write_all(text.replace('\n', "\n    ").as_bytes())?;
            }
            out.write_all(if first { b"[]" } else { b"\n  ]" })?;
            continue;
        }
        let value = &model[*key];
        let text = if *key == "table2" {
            cells_in_order(value)
        } else {
            serde_json::to_string_pretty(value).unwrap_or_default()
        };
        out.write_all(text.replace('\n', "\n  ").as_bytes())?;
    }
    out.write_all(b"\n}\n")
}

/// The model as one line of JSON (keys in [`KEYS`] order), the sections written as they come.
fn write_json_line(
    out: &mut impl Write,
    model: &Value,
    sections: impl Iterator<Item = Value>,
) -> std::io::Result<()> {
    let mut sections = Some(sections);
    for (index, key) in KEYS.iter().enumerate() {
        out.write_all(if index == 0 { b"{" } else { b"," })?;
        write!(out, "{}:", Value::from(*key))?;
        if *key == "sections" {
            out.write_all(b"[")?;
            for (at, section) in sections.take().into_iter().flatten().enumerate() {
                if at > 0 {
                    out.write_all(b",")?;
                }
                write!(out, "{section}")?;
            }
            out.write_all(b"]")?;
        } else {
            write!(out, "{}", model[*key])?;
        }
    }
    out.write_all(b"}\n")
}

fn cells_in_order(value: &Value) -> String {
    let Some(object) = value.as_object() else {
        return value.to_string();
    };
    let mut cells: Vec<(&String, &Value)> = object.iter().collect();
    cells.sort_by_key(|(id, _)| {
        let (letter, number) = id.split_at(id.len().min(1));
        (letter.to_owned(), number.parse::<u32>().unwrap_or(u32::MAX))
    });
    if cells.is_empty() {
        return "{}".to_owned();
    }
    let lines: Vec<String> = cells
        .iter()
        .map(|(id, value)| format!("  {}: {value}", Value::from(id.as_str())))
        .collect();
    format!("{{\n{}\n}}", lines.join(",\n"))
}

/// The CSV's header. Each row names its report (path, issuing body, year, template) and its
/// cell twice: by id (`R01`, `C1`, `A3`, `F5`), and in the template's words (`row_label`,
/// `column_label`), so that a spreadsheet reads without the template at hand.
const CSV_HEADER: &str = "path,body,year,template,table,row,row_label,column,column_label,value\n";

/// One row per cell, under [`CSV_HEADER`]. Table 2 rows are named by their label, Table 4 rows
/// by their block.
fn model_csv(path: &str, text: &str, report: &Report) -> String {
    let mut out = String::new();
    let body = report.organ().unwrap_or_default().to_owned();
    let year = report
        .year()
        .map(|year| year.to_string())
        .unwrap_or_default();
    let template = report.template.template.as_str();
    let mut row = |table: &str, row: [&str; 2], column: [&str; 2], value: &Value| {
        let value = match value {
            Value::Null => String::new(),
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let fields = [
            path,
            body.as_str(),
            year.as_str(),
            template,
            table,
            row[0],
            row[1],
            column[0],
            column[1],
            value.as_str(),
        ]
        .map(csv_field);
        out.push_str(&fields.join(","));
        out.push('\n');
    };
    if let Some(table) = &report.table2 {
        let templates = table2_rows(table.layout);
        for data in &table.rows {
            let Some(template) = templates.get(data.row) else {
                continue;
            };
            let columns = template.columns.iter();
            for ((id, cell), header) in template.cell_ids.iter().zip(&data.cells).zip(columns) {
                let caption = format!("{} {}", template.caption, template.label);
                let value = cell_json(cell, text);
                row("table2", [template.label, &caption], [id, header], &value);
            }
        }
    }
    if let Some(table) = &report.table3 {
        for (id, data) in table.present_rows() {
            let template = id.template();
            let label = match template.caption {
                Some(caption) => format!("{caption} {}{}", template.numbering, template.label),
                None => format!("{}{}", template.numbering, template.label),
            };
            let columns = TABLE3_COLUMN_IDS.iter().zip(TABLE3_COLUMNS);
            for ((column, header), cell) in columns.zip(&data.cells) {
                let value = cell_json(cell, text);
                row("table3", [id.name(), &label], [column, header], &value);
            }
        }
    }
    if let Some(table) = &report.table4 {
        for ((id, (block, header)), cell) in
            TABLE4_CELL_IDS.iter().zip(TABLE4_CELLS).zip(&table.cells)
        {
            row(
                "table4",
                [block, block],
                [id, header],
                &cell_json(cell, text),
            );
        }
    }
    out
}

/// RFC 4180 quoting, only where needed.
fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::template::RowId;
    use nianbao_model::{Cell, Label, LabelMatch, Provenance, Span, Table3, Table3Row, Value};

    fn report(text: &str) -> Report {
        let number = |needle: &str, value: i64| {
            let start = text.find(needle).unwrap();
            Cell {
                value: Value::Number(value),
                span: Span::from_range(start..start + needle.len()),
                provenance: Provenance::Exact,
            }
        };
        let slash = {
            let start = text.find('/').unwrap();
            Cell {
                value: Value::Placeholder(nianbao_model::Placeholder::Slash),
                span: Span::from_range(start..start + 1),
                provenance: Provenance::Exact,
            }
        };
        let blank = Cell {
            value: Value::Blank,
            span: Span::default(),
            provenance: Provenance::Exact,
        };
        let id = RowId::new(1).unwrap();
        let mut table = Table3::new(Span::default());
        table.rows[id.index()] = Some(Table3Row {
            id,
            label: Label {
                span: Span::default(),
                matched: LabelMatch::Exact,
            },
            cells: [
                number("81", 81),
                slash,
                blank,
                blank,
                blank,
                blank,
                number("82", 82),
            ],
        });
        Report {
            table3: Some(table),
            ..Report::default()
        }
    }

    #[test]
    fn json_model_keeps_cell_kinds() {
        let text = "本年新收\t81\t/\t\t\t\t\t82";
        let document = Document::from_text(text.to_owned());
        let model = model_json(
            "a.txt",
            &document,
            &report(text),
            &[],
            ColumnUnit::Char,
            Lang::Zh,
        );
        assert_eq!(
            model["table3"]["R01"],
            json!([81, "/", null, null, null, null, 82])
        );
        assert_eq!(model["table4"], serde_json::Value::Null);
        assert_eq!(model["template"], "unknown");
        assert_eq!(model["year"], serde_json::Value::Null);
        for key in ["path", "organ", "table2", "diagnostics"] {
            assert!(model.get(key).is_some(), "missing {key}");
        }
    }

    /// The streamed sections lay out as serde_json lays out the whole array.
    #[test]
    fn sections_stream_as_serde_json_prints_them() {
        let model = json!({"path": "a.txt"});
        let sections = vec![
            json!({"number": 1, "heading": "一、总体情况", "line": 3}),
            json!({"number": 2, "heading": "二、主动公开", "line": 9}),
        ];
        let mut streamed = Vec::new();
        write_json(&mut streamed, &model, sections.clone().into_iter()).unwrap();
        let whole = serde_json::to_string_pretty(&serde_json::Value::Array(sections)).unwrap();
        let expected = format!("\"sections\": {}", whole.replace('\n', "\n  "));
        let streamed = String::from_utf8(streamed).unwrap();
        assert!(streamed.contains(&expected), "{streamed}");
        let mut empty = Vec::new();
        write_json(&mut empty, &model, std::iter::empty()).unwrap();
        assert!(
            String::from_utf8(empty)
                .unwrap()
                .contains("\"sections\": []")
        );
    }

    #[test]
    fn pretty_keeps_the_contract_order() {
        let text = "本年新收\t81\t/\t\t\t\t\t82";
        let document = Document::from_text(text.to_owned());
        let mut model = model_json(
            "a.txt",
            &document,
            &report(text),
            &[],
            ColumnUnit::Char,
            Lang::Zh,
        );
        model["table2"] = json!({"A10": 1.5, "A2": 0, "A1": null});
        let mut printed = Vec::new();
        write_json(&mut printed, &model, std::iter::empty()).unwrap();
        let printed = String::from_utf8(printed).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&printed).unwrap();
        model["sections"] = json!([]);
        assert_eq!(parsed, model);
        let at = |needle: &str| printed.find(needle).unwrap();
        assert!(at("\"path\"") < at("\"year\"") && at("\"table4\"") < at("\"diagnostics\""));
        assert!(at("\"A1\"") < at("\"A2\"") && at("\"A2\"") < at("\"A10\""));
    }

    #[test]
    fn csv_rows_per_cell() {
        let text = "本年新收\t81\t/\t\t\t\t\t82";
        let csv = format!("{CSV_HEADER}{}", model_csv("a,b.txt", text, &report(text)));
        let lines: Vec<_> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "path,body,year,template,table,row,row_label,column,column_label,value"
        );
        let row = "\"a,b.txt\",,,unknown,table3,R01,一、本年新收政府信息公开申请数量";
        assert_eq!(lines[1], format!("{row},C1,自然人,81"));
        assert_eq!(lines[2], format!("{row},C2,商业企业,/"));
        assert_eq!(lines[3], format!("{row},C3,科研机构,"));
        assert_eq!(lines.len(), 8);
    }
}

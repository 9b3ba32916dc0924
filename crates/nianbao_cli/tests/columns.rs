//! `--column-unit`: every output format counts columns the way the tool reading it does, on a
//! Chinese line. `char` (the default) counts characters, `byte` the UTF-8 bytes Vim's quickfix
//! counts, `utf16` the UTF-16 code units of VS Code and of the positions `nianbao server`
//! publishes.
//!
//! The report is the faulty fixture with one character outside the BMP (𠀀, two UTF-16 units and
//! four bytes) written into the narrative line, before the number N004 flags, so that the three
//! units give three different columns there. Expected columns are computed from the file itself,
//! not from nianbao.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod editor;

use editor::{Editor, file_uri};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const FAULTY: &str = include_str!("fixtures/faulty.txt");
const UNITS: [&str; 3] = ["char", "byte", "utf16"];

/// The faulty fixture with 𠀀 in the narrative line (line 15), before N004's `80`.
fn report() -> String {
    let text = FAULTY.replacen("登记台账", "登记𠀀台账", 1);
    assert_ne!(text, FAULTY);
    text
}

/// A folder holding `report.txt`, removed on drop; each test has its own.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("nianbao-columns-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("report.txt"), report()).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `nianbao check report.txt ARGS…` in `dir`: standard output (findings exit with code 1).
fn check(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(BIN)
        .arg("check")
        .arg("report.txt")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The line `number` (1-based) of the report.
fn line(text: &str, number: usize) -> &str {
    text.lines().nth(number - 1).unwrap()
}

/// Where `needle` starts in `line`, 1-based, counted in `unit`, worked out from the text.
fn column_of(line: &str, needle: &str, unit: &str) -> u64 {
    let before = &line[..line.find(needle).unwrap()];
    let count = match unit {
        "char" => before.chars().count(),
        "byte" => before.len(),
        "utf16" => before.encode_utf16().count(),
        other => panic!("unit {other}"),
    };
    count as u64 + 1
}

/// Reads the columns of the finding with a code from one format's output.
type Reader = fn(&str, &str) -> Columns;

/// Start and end column of a finding in each machine format, as that format writes them.
#[derive(Debug, PartialEq, Eq)]
struct Columns {
    start: u64,
    end: Option<u64>,
}

fn in_json(out: &str, code: &str) -> Columns {
    let findings: Value = serde_json::from_str(out).unwrap();
    let finding = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|finding| finding["code"] == code)
        .unwrap();
    Columns {
        start: finding["column"].as_u64().unwrap(),
        end: finding["end_column"].as_u64(),
    }
}

fn in_sarif(out: &str, code: &str) -> Columns {
    let log: Value = serde_json::from_str(out).unwrap();
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|result| result["ruleId"] == code)
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    Columns {
        start: region["startColumn"].as_u64().unwrap(),
        end: region["endColumn"].as_u64(),
    }
}

/// `::error file=…,line=15,col=333,endLine=15,endColumn=335,title=N004 …`
fn in_github(out: &str, code: &str) -> Columns {
    let line = out
        .lines()
        .find(|line| line.contains(&format!("title={code} ")))
        .unwrap();
    let property = |key: &str| {
        let start = line.find(&format!(",{key}=")).unwrap() + key.len() + 2;
        let digits: String = line[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse::<u64>().unwrap()
    };
    Columns {
        start: property("col"),
        end: Some(property("endColumn")),
    }
}

/// `report.txt:15:333: error[N004] …`, read the way the README's Vim errorformat reads it.
fn in_concise(out: &str, code: &str) -> Columns {
    let line = out
        .lines()
        .find(|line| line.contains(&format!("[{code}] ")))
        .unwrap();
    let mut parts = line.splitn(4, ':');
    assert_eq!(parts.next(), Some("report.txt"));
    let _line = parts.next().unwrap();
    Columns {
        start: parts.next().unwrap().parse().unwrap(),
        end: None,
    }
}

/// Every format, in every unit, puts N004 on the first byte / character / UTF-16 unit of the
/// `80` it flags on the narrative line and T3001 on the `83` of the 总计 row; with `byte`, that
/// is the column Vim's quickfix jumps to.
#[test]
fn every_format_counts_in_the_unit_asked_for() {
    let scratch = Scratch::new("formats");
    let text = report();
    let narrative = line(&text, 15);
    let total_row = line(&text, 74);
    assert!(narrative.contains("共办结 80 件") && narrative.contains('𠀀'));
    assert!(total_row.contains("总计") && total_row.ends_with("\t83\t"));
    let formats: [(&str, Reader); 4] = [
        ("json", in_json),
        ("sarif", in_sarif),
        ("github", in_github),
        ("concise", in_concise),
    ];
    let mut by_unit = Vec::new();
    for unit in UNITS {
        let n004 = column_of(narrative, "80 件", unit);
        let t3001 = column_of(total_row, "83\t", unit);
        by_unit.push(n004);
        for (format, read) in formats {
            let out = check(
                &scratch.0,
                &["--output-format", format, "--column-unit", unit],
            );
            let expected = |start: u64, end: u64| Columns {
                start,
                end: (format != "concise").then_some(end),
            };
            // Both numbers are two ASCII digits: two columns in every unit.
            assert_eq!(
                read(&out, "N004"),
                expected(n004, n004 + 2),
                "{format} {unit}"
            );
            assert_eq!(
                read(&out, "T3001"),
                expected(t3001, t3001 + 2),
                "{format} {unit}"
            );
        }
    }
    // The three units disagree on this line, so each was really counted its own way.
    assert_eq!(by_unit.len(), 3);
    assert!(
        by_unit[0] < by_unit[2] && by_unit[2] < by_unit[1],
        "{by_unit:?}"
    );
}

/// With `--column-unit byte`, the column is the 1-based byte of the flagged number in the line
/// as the file holds it: what Vim's `%c` means.
#[test]
fn byte_columns_are_the_flagged_numbers_first_byte_in_the_file() {
    let scratch = Scratch::new("bytes");
    let out = check(
        &scratch.0,
        &["--output-format", "json", "--column-unit", "byte"],
    );
    let bytes = std::fs::read(scratch.0.join("report.txt")).unwrap();
    let line_15 = bytes.split(|&byte| byte == b'\n').nth(14).unwrap();
    let column = in_json(&out, "N004").start as usize;
    assert!(line_15[column - 1..].starts_with("80 件".as_bytes()));
    assert_eq!(
        column - 1,
        line_15
            .windows(b"80 ".len())
            .position(|window| window == b"80 ")
            .unwrap()
    );
}

/// With `--column-unit utf16`, every finding of `nianbao check` has the range that
/// `nianbao server` publishes for the same text (LSP counts from 0).
#[test]
fn utf16_columns_are_the_language_servers_positions() {
    let scratch = Scratch::new("utf16");
    let out = check(
        &scratch.0,
        &["--output-format", "json", "--column-unit", "utf16"],
    );
    let from_cli: Vec<(String, Value)> = serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            let at = |line: &str, column: &str| {
                json!({
                    "line": finding[line].as_u64().unwrap() - 1,
                    "character": finding[column].as_u64().unwrap() - 1,
                })
            };
            let range = json!({
                "start": at("line", "column"),
                "end": at("end_line", "end_column"),
            });
            (finding["code"].as_str().unwrap().to_owned(), range)
        })
        .collect();

    let mut editor = Editor::start();
    editor.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    editor.notify("initialized", json!({}));
    let uri = file_uri(&std::path::absolute(scratch.0.join("report.txt")).unwrap());
    editor.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": report() } }),
    );
    let mut from_server: Vec<(String, Value)> = editor
        .diagnostics(1)
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["code"].as_str().unwrap().to_owned(),
                diagnostic["range"].clone(),
            )
        })
        .collect();
    editor.request("shutdown", Value::Null);
    assert_eq!(editor.exit_code(), 0);

    let key = |(code, range): &(String, Value)| (code.clone(), range.to_string());
    let mut from_cli = from_cli;
    from_cli.sort_by_key(key);
    from_server.sort_by_key(key);
    assert!(from_cli.iter().any(|(code, _)| code == "N004"));
    assert_eq!(from_cli, from_server);
}

/// One Chinese-line finding (N004, on the line with 𠀀) in each format, in each unit.
#[test]
fn snapshots_of_one_chinese_line_finding() {
    let scratch = Scratch::new("snapshots");
    for format in ["concise", "json", "jsonl", "sarif", "github", "full"] {
        let mut shown = String::new();
        for unit in UNITS {
            let out = check(
                &scratch.0,
                &[
                    "--output-format",
                    format,
                    "--column-unit",
                    unit,
                    "--select",
                    "N004",
                    "--color",
                    "never",
                ],
            );
            let out = if format == "sarif" {
                sarif_run_without_rules(&out)
            } else {
                out
            };
            shown.push_str(&format!("── --column-unit {unit} ──\n{out}"));
        }
        insta::assert_snapshot!(format!("n004_{format}"), shown);
    }
}

/// The run's column kind and results: the rule catalogue is the same in every unit and long.
fn sarif_run_without_rules(out: &str) -> String {
    let log: Value = serde_json::from_str(out).unwrap();
    let mut run = log["runs"][0].clone();
    run.as_object_mut().unwrap().remove("tool");
    format!("{}\n", serde_json::to_string_pretty(&run).unwrap())
}

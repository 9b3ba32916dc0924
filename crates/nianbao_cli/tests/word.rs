//! A Word file's findings point at a place a user can find (issue 16, item 6): the line and
//! column of the text nianbao extracted from it — one line per paragraph or table row, what
//! `nianbao text` prints — and the same place in every format, never an offset inside the
//! zipped `word/document.xml`.

// Helpers outside `#[test]` functions panic on purpose: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod matrix;

use matrix::{Case, run_in};
use nianbao_gen::{FaultKind, Layout, Options, generate, inject, render_docx};
use serde_json::Value;

#[test]
fn word_findings_are_placed_on_the_extracted_text_in_every_format() {
    let mut report = generate(2027, 3, &Options::default());
    inject(&mut report, FaultKind::RowTotal, Layout::Tab).expect("a row to break");
    let case = Case::new("word-positions");
    case.write("r.docx", &render_docx(&report).unwrap());

    let extracted = run_in(&case.dir, &["text", "r.docx"]).stdout;
    let json = run_in(&case.dir, &["check", "--output-format", "json", "r.docx"]);
    assert_eq!(json.code, Some(1), "{}", json.stderr);
    let findings: Vec<Value> = serde_json::from_str(&json.stdout).unwrap();
    let total = findings
        .iter()
        .find(|finding| finding["code"] == "T3001")
        .unwrap_or_else(|| panic!("a row-total finding: {findings:?}"));
    let line = total["line"].as_u64().unwrap();
    let column = total["column"].as_u64().unwrap();
    let end_column = total["end_column"].as_u64().unwrap();
    assert_eq!(total["end_line"], total["line"]);

    // The finding's line is a table row of the extracted text and its columns, counted in
    // characters, hold the row's printed total.
    let row = extracted
        .lines()
        .nth(usize::try_from(line - 1).unwrap())
        .unwrap_or_else(|| panic!("line {line} of the extracted text:\n{extracted}"));
    let flagged: String = row
        .chars()
        .skip(usize::try_from(column - 1).unwrap())
        .take(usize::try_from(end_column - column).unwrap())
        .collect();
    assert!(
        !flagged.is_empty() && flagged.chars().all(|c| c.is_ascii_digit()),
        "line {line}, columns {column}..{end_column} of {row:?} hold {flagged:?}"
    );
    assert!(row.contains('\t'), "a table row: {row:?}");

    // The same place in the concise, GitHub and full formats.
    let place = format!("r.docx:{line}:{column}:");
    let concise = run_in(
        &case.dir,
        &["check", "--output-format", "concise", "r.docx"],
    );
    assert!(
        concise
            .stdout
            .lines()
            .any(|out| out.starts_with(&place) && out.contains("T3001")),
        "{place} in:\n{}",
        concise.stdout
    );
    let github = run_in(&case.dir, &["check", "--output-format", "github", "r.docx"]);
    assert!(
        github
            .stdout
            .contains(&format!("file=r.docx,line={line},col={column}")),
        "{}",
        github.stdout
    );
    let full = run_in(&case.dir, &["check", "--color", "never", "r.docx"]);
    assert!(full.stdout.contains(&place), "{}", full.stdout);
    assert!(
        full.stdout.contains("r.docx（提取的文本）"),
        "{}",
        full.stdout
    );
    assert!(
        full.stdout.contains(&format!(" {line} │ ")),
        "the excerpt shows line {line}:\n{}",
        full.stdout
    );
}

//! `nianbao parse` over several files and folders: JSON Lines, one object per report with its
//! coverage; CSV rows naming the report (body, year, template) and each cell in the template's
//! words.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");

fn parse(args: &[&str]) -> (String, i32) {
    let output = Command::new(BIN)
        .arg("parse")
        .args(args)
        .current_dir(CORPUS)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_folder_and_files_give_one_json_line_per_report() {
    let pre_2019 = "generated/00017_pre-2019_clean.txt";
    let (out, code) = parse(&["seed", pre_2019]);
    assert_eq!(code, 0);
    let reports: Vec<Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|error| panic!("{error}: {line}")))
        .collect();
    assert_eq!(reports.len(), 2, "{out}");
    // In the order given.
    let (seed, old) = (&reports[0], &reports[1]);
    assert_eq!(old["path"], pre_2019);
    assert_eq!(old["coverage"], "partial");
    assert_eq!(old["template"], "pre-2019");
    assert!(!old["unchecked"].as_array().unwrap().is_empty());
    assert_eq!(seed["coverage"], "complete");
    assert_eq!(seed["organ"], "偃师区人民政府办公室");
    assert_eq!(seed["unchecked"], Value::Array(Vec::new()));
    assert!(seed["table3"]["R01"].is_array());

    // A whole folder: every report once, in path order.
    let (folder, _) = parse(&["generated", "--output-format", "jsonl"]);
    let paths: Vec<String> = folder
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(paths.len() > 50, "{}", paths.len());
    assert!(paths.windows(2).all(|pair| pair[0] < pair[1]), "{paths:?}");
    assert!(paths.iter().all(|path| path.starts_with("generated/")));
}

#[test]
fn csv_rows_name_the_report_and_the_template_words() {
    let (out, code) = parse(&["seed", "--output-format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("path,body,year,template,table,row,row_label,column,column_label,value")
    );
    let seed = "seed/000_19ca39454c16e942.txt,偃师区人民政府办公室,2024,2021";
    assert!(
        out.contains(&format!(
            "{seed},table3,R01,一、本年新收政府信息公开申请数量,C1,自然人,"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{seed},table3,R24,三、本年度办理结果 （七）总计,C7,总计,"
        )),
        "{out}"
    );
    // Exactly one header, however many reports.
    let (two, _) = parse(&[
        "seed",
        "generated/00000_tab_clean.txt",
        "--output-format",
        "csv",
    ]);
    assert_eq!(two.matches("path,body,year").count(), 1);
    assert!(two.contains("generated/00000_tab_clean.txt,洛阳市民政局"));
}

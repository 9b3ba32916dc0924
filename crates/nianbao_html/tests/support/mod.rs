//! Helpers shared by the HTML/DOCX integration tests.
#![allow(dead_code, clippy::expect_used)]

use nianbao_model::template::RowId;
use nianbao_model::{Report, Value};

/// The visible text of a markup fragment: tags and whitespace dropped, `&nbsp;` blank.
pub fn visible(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in markup.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if in_tag || ch.is_whitespace() => {}
            _ => out.push(ch),
        }
    }
    out.replace("&nbsp;", "")
}

/// The seven values of Table 3 row `number` (R01 = 1), `Missing` where the row or table is.
pub fn row(report: &Report, number: u8) -> Vec<Value> {
    let id = RowId::new(number).expect("a Table 3 row");
    (0..7)
        .map(|column| {
            report
                .table3
                .as_ref()
                .and_then(|table| table.cell(id, column))
                .map_or(Value::Missing, |cell| cell.value)
        })
        .collect()
}

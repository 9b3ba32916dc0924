//! Hover on a table cell: which cell it is (its id, row and column as the template names them),
//! what it holds, and every identity it takes part in with the current values, e.g.
//! `T3001  81 = 81+0+0+0+0+0 ✓`.

use crate::analysis::Analysis;
use nianbao_model::template::{TABLE3_COLUMNS, TABLE4_CELL_IDS, TABLE4_CELLS, table2_rows};
use nianbao_model::{Cell, Lang, Report, Span, Value};
use nianbao_rules::{Equation, Side};

/// A hover's text (Markdown) and the cell it is about, in the document.
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// One table cell of the report: its id as the rules name it, and its row and column.
struct NamedCell<'r> {
    id: String,
    row: String,
    column: String,
    cell: &'r Cell,
}

/// The hover for the cell at `offset` of the document, if there is one.
pub fn hover(analysis: &Analysis, document: &str, offset: u32, lang: Lang) -> Option<Hover> {
    let report = analysis.report.as_ref()?;
    let grammar = analysis.grammar_text(document);
    let (named, span) = cells(report).into_iter().find_map(|named| {
        let span = analysis.to_document(named.cell.span);
        (span.start <= offset && offset <= span.end).then_some((named, span))
    })?;
    let mut markdown = format!(
        "**{}** = {}  \n{} · {}\n",
        named.id,
        shown(named.cell, grammar, lang),
        named.row,
        named.column
    );
    let taking_part: Vec<&Equation> = analysis
        .equations
        .iter()
        .filter(|equation| {
            equation
                .left
                .terms
                .iter()
                .chain(&equation.right.terms)
                .any(|term| term.cell == named.id)
        })
        .collect();
    if !taking_part.is_empty() {
        markdown.push('\n');
    }
    for equation in taking_part {
        let relation = match equation.relation {
            ">=" => "≥",
            "<=" => "≤",
            _ => "=",
        };
        let verdict = if equation.holds {
            "✓".to_owned()
        } else {
            let delta = equation.left.value.saturating_sub(equation.right.value);
            match lang {
                Lang::Zh => format!("✗（差 {delta:+}）"),
                Lang::En => format!("✗ (delta {delta:+})"),
            }
        };
        markdown.push_str(&format!(
            "- `{}` {} {relation} {} {verdict}\n",
            equation.code,
            side(&equation.left, lang),
            side(&equation.right, lang),
        ));
    }
    Some(Hover { span, markdown })
}

/// `81+0+0`, `12−3`, blanks shown as such.
fn side(side: &Side, lang: Lang) -> String {
    let mut out = String::new();
    for (at, term) in side.terms.iter().enumerate() {
        match (at, term.negative) {
            (_, true) => out.push('−'),
            (0, false) => {}
            (_, false) => out.push('+'),
        }
        match term.value {
            Some(value) => out.push_str(&value.to_string()),
            None => out.push_str(blank(lang)),
        }
    }
    if side.constant != 0 || side.terms.is_empty() {
        if !out.is_empty() && side.constant >= 0 {
            out.push('+');
        }
        out.push_str(&side.constant.to_string());
    }
    out
}

fn blank(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "空",
        Lang::En => "blank",
    }
}

/// What the cell holds, as a reader would say it.
fn shown(cell: &Cell, grammar: &str, lang: Lang) -> String {
    match cell.value {
        Value::Number(value) => value.to_string(),
        Value::Decimal(value) => value.to_string(),
        Value::Blank => blank(lang).to_owned(),
        Value::Missing => match lang {
            Lang::Zh => "缺失".to_owned(),
            Lang::En => "missing".to_owned(),
        },
        Value::Placeholder(_) | Value::Text | Value::Unresolved => {
            format!("“{}”", cell.span.slice(grammar).trim())
        }
    }
}

/// Every cell of Tables 2, 3 and 4 with its id and names.
fn cells(report: &Report) -> Vec<NamedCell<'_>> {
    let mut out = Vec::new();
    if let Some(table2) = &report.table2 {
        let rows = table2_rows(table2.layout);
        for row in &table2.rows {
            let Some(template) = rows.get(row.row) else {
                continue;
            };
            for ((id, column), cell) in template
                .cell_ids
                .iter()
                .zip(template.columns)
                .zip(&row.cells)
            {
                out.push(NamedCell {
                    id: (*id).to_owned(),
                    row: format!("{} {}", template.caption, template.label),
                    column: (*column).to_owned(),
                    cell,
                });
            }
        }
    }
    if let Some(table3) = &report.table3 {
        for (id, row) in table3.present_rows() {
            let template = id.template();
            let label = template.label.split('（').next().unwrap_or(template.label);
            let name = match template.caption {
                Some(caption) => format!("{caption} {}{label}", template.numbering),
                None => format!("{}{label}", template.numbering),
            };
            for ((column, heading), cell) in TABLE3_COLUMNS.iter().enumerate().zip(&row.cells) {
                out.push(NamedCell {
                    id: format!("{}[C{}]", id.name(), column + 1),
                    row: name.clone(),
                    column: (*heading).to_owned(),
                    cell,
                });
            }
        }
    }
    if let Some(table4) = &report.table4 {
        for ((id, (block, column)), cell) in
            TABLE4_CELL_IDS.iter().zip(TABLE4_CELLS).zip(&table4.cells)
        {
            out.push(NamedCell {
                id: (*id).to_owned(),
                row: block.to_owned(),
                column: column.to_owned(),
                cell,
            });
        }
    }
    out
}

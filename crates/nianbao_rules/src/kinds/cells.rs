//! Cell-level checks: the value domain of every numeric slot, blank and placeholder cells, and
//! labels printed differently from the template.

use super::{Ctx, emit};
use crate::Rule;
use crate::cells::CellRef;
use crate::spec::TableName;
use crate::text::{fold, fold_into, var};
use nianbao_model::template::{
    RowId, TABLE2_2019, TABLE2_2021, TABLE3_COLUMNS, TABLE4_CELLS, table2_rows,
};
use nianbao_model::{Cell, Diagnostic, LabelMatch, Span, Value};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Every numeric slot of the chosen tables, with its reference.
fn slots<'r>(ctx: &Ctx<'r>, tables: &[TableName]) -> Vec<(CellRef, &'r Cell)> {
    let mut found = Vec::new();
    let report = ctx.report;
    for table in tables {
        match table {
            TableName::Table2 => {
                if let Some(table2) = &report.table2 {
                    found.extend(
                        table2
                            .cells()
                            .map(|(id, cell)| (CellRef::Table2(id.to_owned()), cell)),
                    );
                }
            }
            TableName::Table3 => {
                if let Some(table3) = &report.table3 {
                    for (id, row) in table3.present_rows() {
                        found.extend(
                            row.cells
                                .iter()
                                .enumerate()
                                .map(|(col, cell)| (CellRef::Table3(id, col), cell)),
                        );
                    }
                }
            }
            TableName::Table4 => {
                if let Some(table4) = &report.table4 {
                    found.extend(
                        table4
                            .cells
                            .iter()
                            .enumerate()
                            .map(|(index, cell)| (CellRef::Table4(index), cell)),
                    );
                }
            }
        }
    }
    found
}

fn printed<'s>(cell: &Cell, source: &'s str) -> &'s str {
    cell.span.slice(source).trim()
}

pub(super) fn domain(
    rule: &Rule,
    tables: &[TableName],
    decimal: &[String],
    signed: &[String],
    ctx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for (reference, cell) in slots(ctx, tables) {
        // Most cells are plain counts: name the cell only when its value needs the exemptions.
        let variant = match cell.value {
            Value::Number(n) if n < 0 && !signed.contains(&reference.id()) => None,
            Value::Decimal(_) if !decimal.contains(&reference.id()) => Some("decimal"),
            Value::Decimal(value) if value < 0.0 => None,
            Value::Text => Some("text"),
            _ => continue,
        };
        let vars = vec![
            var("cell", reference.describe(ctx.template)),
            var("value", printed(cell, ctx.source)),
        ];
        out.push(emit(rule, variant, cell.span, &vars));
    }
}

pub(super) fn blank(rule: &Rule, tables: &[TableName], ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (reference, cell) in slots(ctx, tables) {
        let variant = match cell.value {
            Value::Blank => None,
            Value::Placeholder(_) => Some("placeholder"),
            _ => continue,
        };
        let vars = vec![
            var("cell", reference.describe(ctx.template)),
            var("value", printed(cell, ctx.source)),
        ];
        out.push(emit(rule, variant, cell.span, &vars));
    }
}

/// Column headers a table of any format may print, folded; computed once.
fn headers(table: TableName) -> &'static [String] {
    static CACHE: OnceLock<[Vec<String>; 3]> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        [
            fold_headers(TableName::Table2),
            fold_headers(TableName::Table3),
            fold_headers(TableName::Table4),
        ]
    });
    match table {
        TableName::Table2 => &all[0],
        TableName::Table3 => &all[1],
        TableName::Table4 => &all[2],
    }
}

fn fold_headers(table: TableName) -> Vec<String> {
    let raw: Vec<&str> = match table {
        TableName::Table2 => TABLE2_2021
            .iter()
            .chain(&TABLE2_2019)
            .flat_map(|row| row.columns.iter().copied())
            .chain(["信息内容"])
            .collect(),
        TableName::Table3 => TABLE3_COLUMNS
            .iter()
            .copied()
            .chain(["申请人情况", "法人或其他组织"])
            .collect(),
        TableName::Table4 => TABLE4_CELLS
            .iter()
            .flat_map(|(block, column)| block.split('·').chain([*column]))
            .chain(["行政诉讼"])
            .collect(),
    };
    let mut folded: Vec<String> = raw.into_iter().map(fold).collect();
    folded.sort();
    folded.dedup();
    folded
}

/// The folded headers of a table as characters, for edit distances; computed once.
fn header_chars(table: TableName) -> &'static [Vec<char>] {
    static CACHE: OnceLock<[Vec<Vec<char>>; 3]> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        [TableName::Table2, TableName::Table3, TableName::Table4]
            .map(|table| headers(table).iter().map(|h| h.chars().collect()).collect())
    });
    match table {
        TableName::Table2 => &all[0],
        TableName::Table3 => &all[1],
        TableName::Table4 => &all[2],
    }
}

/// Every label the template prints anywhere in a table (rows, captions, headers), folded;
/// computed once.
fn known_labels() -> &'static HashSet<String> {
    static CACHE: OnceLock<HashSet<String>> = OnceLock::new();
    CACHE.get_or_init(|| fold_known_labels().into_iter().collect())
}

fn fold_known_labels() -> Vec<String> {
    let mut known: Vec<String> = [TableName::Table2, TableName::Table3, TableName::Table4]
        .into_iter()
        .flat_map(|table| headers(table).iter().cloned())
        .collect();
    known.extend(
        TABLE2_2021
            .iter()
            .chain(&TABLE2_2019)
            .flat_map(|row| [row.caption, row.label])
            .map(fold),
    );
    known.extend(RowId::all_2021().map(|row| fold(row.template().label)));
    known
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insertion = current.get(j).copied().unwrap_or(0) + 1;
            current.push(substitution.min(deletion).min(insertion));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

/// Byte ranges of the cells of a table's text: separated by tabs, pipes, line breaks or runs of
/// two or more spaces (PDF text); a single space stays inside a cell (`结果 维持`).
fn cells_of(text: &str) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut spaces = 0;
    for (at, c) in text.char_indices() {
        let hard = matches!(c, '\t' | '|' | '\n' | '\r');
        let space = c == ' ' || c == '\u{3000}';
        if hard || (space && spaces >= 1) {
            if let Some(begin) = start.take() {
                cells.push((begin, last_end));
            }
            spaces = 0;
            continue;
        }
        if space {
            spaces += 1;
            continue;
        }
        spaces = 0;
        start.get_or_insert(at);
        last_end = at + c.len_utf8();
    }
    if let Some(begin) = start {
        cells.push((begin, last_end));
    }
    cells
}

/// A printed header cell that is a near miss of a template header (`结果维护` for `结果维持`).
/// The model records Table 2's headers but not those of Tables 3 and 4, so these are read here
/// from the table's own text.
fn header_near_misses(source: &str, span: Span, table: TableName) -> Vec<(Span, String)> {
    let Some(text) = source.get(span.range()) else {
        return Vec::new();
    };
    let headers = header_chars(table);
    let known = known_labels();
    let mut found = Vec::new();
    let base = span.start as usize;
    let mut chars: Vec<char> = Vec::new();
    let mut folded = String::new();
    for (start, end) in cells_of(text) {
        let Some(cell) = text.get(start..end) else {
            continue;
        };
        // Most cells are numbers or short: skip them before any allocation.
        if cell
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            || cell.chars().filter(|c| !c.is_whitespace()).nth(3).is_none()
        {
            continue;
        }
        fold_into(cell, &mut folded);
        if known.contains(folded.as_str()) {
            continue;
        }
        chars.clear();
        chars.extend(folded.chars());
        let nearest = headers.iter().find(|header| {
            let limit = if header.len() > 8 { 2 } else { 1 };
            header.len().abs_diff(chars.len()) <= limit && edit_distance(header, &chars) <= limit
        });
        if let Some(header) = nearest {
            found.push((
                Span::from_range(base + start..base + end),
                header.iter().collect(),
            ));
        }
    }
    found
}

pub(super) fn label(rule: &Rule, tables: &[TableName], ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let mut found: Vec<(Span, String)> = Vec::new();
    for table in tables {
        match table {
            TableName::Table2 => {
                if let Some(table2) = &report.table2 {
                    let rows = table2_rows(table2.layout);
                    for row in &table2.rows {
                        if row.label.matched == LabelMatch::Variant {
                            if let Some(template) = rows.get(row.row) {
                                found.push((row.label.span, template.label.to_owned()));
                            }
                        }
                    }
                    for header in &table2.headers {
                        if header.label.matched == LabelMatch::Variant {
                            if let Some(expected) = header.expected(table2.layout) {
                                found.push((header.label.span, expected.to_owned()));
                            }
                        }
                    }
                }
            }
            TableName::Table3 => {
                if let Some(table3) = &report.table3 {
                    for (id, row) in table3.present_rows() {
                        if row.label.matched == LabelMatch::Variant {
                            found.push((row.label.span, id.template().label.to_owned()));
                        }
                    }
                    found.extend(header_near_misses(ctx.source, table3.span, *table));
                }
            }
            TableName::Table4 => {
                if let Some(table4) = &report.table4 {
                    found.extend(header_near_misses(ctx.source, table4.span, *table));
                }
            }
        }
    }
    found.sort_by_key(|(span, _)| *span);
    found.dedup_by_key(|(span, _)| *span);
    for (span, expected) in found {
        let vars = vec![
            var("found", span.slice(ctx.source).trim()),
            var("expected", expected),
        ];
        out.push(emit(rule, None, span, &vars));
    }
}

//! `label`: row labels and column headers printed differently from the template (`本年度止件数`
//! for `本年废止件数`). The model records Table 2's headers and every row's label match; the
//! headers of Tables 3 and 4 are read here from the table's own text.

use super::{CheckKind, KindDoc};
use crate::fold::{fold, fold_into};
use crate::message::var;
use crate::params::{LoadFailure, RuleText};
use crate::resolve::{TableName, table_list};
use crate::rule::{Check, Ctx, Rule};
use nianbao_model::template::{RowId, TABLE2_2019, TABLE2_2021, TABLE3_COLUMNS, TABLE4_CELLS, table2_rows};
use nianbao_model::{Diagnostic, LabelMatch, Span};
use serde::Deserialize;
use crate::hash::FastSet;
use std::ops::Range;
use std::sync::OnceLock;

/// `[rules.label]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    tables: Vec<TableName>,
}

#[derive(Debug)]
pub(crate) struct LabelCheck {
    tables: Vec<TableName>,
}

impl CheckKind for LabelCheck {
    const KEY: &'static str = "label";
    const DOC: KindDoc = KindDoc {
        parameters: "`tables`",
        placeholders: "`found`, `expected`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        vec![format!("- tables: {}", table_list(&params.tables))]
    }

    fn compile(params: Params, _: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        Ok(Self {
            tables: params.tables,
        })
    }
}

impl Check for LabelCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["found", "expected"]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        run(rule, &self.tables, ctx, out);
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
fn known_labels() -> &'static FastSet<String> {
    static CACHE: OnceLock<FastSet<String>> = OnceLock::new();
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

/// Whether the edit distance of `a` and `b` is at most `limit`, with two rows of the dynamic
/// programme kept in `rows` across calls (no allocation per cell) and an early stop once a whole
/// row exceeds the limit (row minima never decrease).
fn within_edits(a: &[char], b: &[char], limit: usize, rows: &mut EditRows) -> bool {
    let EditRows { previous, current } = rows;
    previous.clear();
    previous.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        current.clear();
        current.push(i + 1);
        let mut row_min = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insertion = current.get(j).copied().unwrap_or(0) + 1;
            let cost = substitution.min(deletion).min(insertion);
            row_min = row_min.min(cost);
            current.push(cost);
        }
        if row_min > limit {
            return false;
        }
        std::mem::swap(previous, current);
    }
    previous.last().copied().unwrap_or(0) <= limit
}

/// The two rows [`within_edits`] works in, reused from cell to cell.
#[derive(Default)]
struct EditRows {
    previous: Vec<usize>,
    current: Vec<usize>,
}

/// A label printed differently from the template, with the template's wording.
struct Misprint {
    span: Span,
    expected: String,
}

/// Byte ranges of the cells of a table's text: separated by tabs, pipes, line breaks or runs of
/// two or more spaces (PDF text); a single space stays inside a cell (`结果 维持`).
fn cells_of(text: &str) -> Vec<Range<usize>> {
    let mut cells = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut spaces = 0;
    for (at, c) in text.char_indices() {
        let hard = matches!(c, '\t' | '|' | '\n' | '\r');
        let space = c == ' ' || c == '\u{3000}';
        if hard || (space && spaces >= 1) {
            if let Some(begin) = start.take() {
                cells.push(begin..last_end);
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
        cells.push(begin..last_end);
    }
    cells
}

/// A printed header cell that is a near miss of a template header (`结果维护` for `结果维持`).
fn header_near_misses(source: &str, span: Span, table: TableName) -> Vec<Misprint> {
    let Some(text) = source.get(span.range()) else {
        return Vec::new();
    };
    let headers = header_chars(table);
    let known = known_labels();
    let mut found = Vec::new();
    let base = span.start as usize;
    let mut chars: Vec<char> = Vec::new();
    let mut folded = String::new();
    let mut rows = EditRows::default();
    for range in cells_of(text) {
        let Some(cell) = text.get(range.clone()) else {
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
            header.len().abs_diff(chars.len()) <= limit && within_edits(header, &chars, limit, &mut rows)
        });
        if let Some(header) = nearest {
            found.push(Misprint {
                span: Span::from_range(base + range.start..base + range.end),
                expected: header.iter().collect(),
            });
        }
    }
    found
}

fn run(rule: &Rule, tables: &[TableName], ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let mut found: Vec<Misprint> = Vec::new();
    for table in tables {
        match table {
            TableName::Table2 => {
                if let Some(table2) = &report.table2 {
                    let rows = table2_rows(table2.layout);
                    for row in &table2.rows {
                        if row.label.matched == LabelMatch::Variant {
                            if let Some(template) = rows.get(row.row) {
                                found.push(Misprint {
                                    span: row.label.span,
                                    expected: template.label.to_owned(),
                                });
                            }
                        }
                    }
                    for header in &table2.headers {
                        if header.label.matched == LabelMatch::Variant {
                            if let Some(expected) = header.expected(table2.layout) {
                                found.push(Misprint {
                                    span: header.label.span,
                                    expected: expected.to_owned(),
                                });
                            }
                        }
                    }
                }
            }
            TableName::Table3 => {
                if let Some(table3) = &report.table3 {
                    for (id, row) in table3.present_rows() {
                        if row.label.matched == LabelMatch::Variant {
                            found.push(Misprint {
                                span: row.label.span,
                                expected: id.template().label.to_owned(),
                            });
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
    found.sort_by_key(|misprint| misprint.span);
    found.dedup_by_key(|misprint| misprint.span);
    for misprint in found {
        let vars = vec![
            var("found", misprint.span.slice(ctx.source).trim()),
            var("expected", misprint.expected),
        ];
        out.push(rule.emit(None, misprint.span, &vars));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain dynamic programme, for comparison.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut current = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                let cost = (previous[j] + usize::from(ca != cb))
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1);
                current.push(cost);
            }
            previous = current;
        }
        previous[b.len()]
    }

    #[test]
    fn bounded_edits_agree_with_the_full_distance() {
        let words = [
            "结果维持", "结果维护", "结果纠正", "维持", "", "申请人情况", "申请人倩况况",
            "法人或其他组织", "法人或其它组织", "商业企业", "行政诉讼", "诉讼行政",
        ];
        let mut rows = EditRows::default();
        for a in words {
            for b in words {
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for limit in 0..4 {
                    assert_eq!(
                        within_edits(&a, &b, limit, &mut rows),
                        distance(&a, &b) <= limit,
                        "{a:?} {b:?} {limit}"
                    );
                }
            }
        }
    }
}

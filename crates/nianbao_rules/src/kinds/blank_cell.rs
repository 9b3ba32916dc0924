//! `blank-cell`: numeric slots left blank or filled with a placeholder (`/`, `—`) instead of a
//! number — one finding per table, listing the cells, so that a table printed with whole
//! columns left empty is one finding, not a hundred.
//!
//! A blank total that an identity reported with its computed sum (`total-blank`) is that
//! rule's finding, not this one's: the kind runs after the others ([`Check::defers`]) and skips
//! the cells in [`Ctx::blank_totals`].

use super::{CheckKind, KindDoc};
use crate::message::{Var, var};
use crate::params::{LoadFailure, RuleText};
use crate::resolve::{CellRef, TableName, any_cell, table_cells, table_list};
use crate::rule::{Check, Ctx, Rule, Variant};
use nianbao_model::template::RowId;
use nianbao_model::{Cell, Diagnostic, Message, Span, Value};
use serde::Deserialize;
use std::ops::Range;

/// `[rules.blank-cell]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    tables: Vec<TableName>,
}

#[derive(Debug)]
pub(crate) struct BlankCellCheck {
    tables: Vec<TableName>,
}

impl CheckKind for BlankCellCheck {
    const KEY: &'static str = "blank-cell";
    const DOC: KindDoc = KindDoc {
        parameters: "`tables`",
        placeholders: "`table`, `count`, `cells`",
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

impl Check for BlankCellCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["table", "count", "cells"]
    }

    fn variants(&self) -> &'static [Variant] {
        &[Variant {
            name: "placeholder",
            zh: "{table}有 {count} 个单元格未填数字：{cells}",
            en: "{count} cell(s) without a number in {table}: {cells}",
            severity: None,
        }]
    }

    fn defers(&self) -> bool {
        true
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let owned = ctx.blank_totals.borrow();
        for &table in &self.tables {
            let unfilled = |cell: &Cell| matches!(cell.value, Value::Blank | Value::Placeholder(_));
            // Most tables are filled in: name their cells only when one is not.
            if !any_cell(ctx.report, &[table], unfilled) {
                continue;
            }
            let mut blanks: Vec<Blank> = table_cells(ctx.report, &[table])
                .into_iter()
                .filter_map(|slot| {
                    let kind = match slot.cell.value {
                        Value::Blank => Kind::Blank,
                        Value::Placeholder(_) => {
                            Kind::Placeholder(slot.cell.span.slice(ctx.source).trim().to_owned())
                        }
                        _ => return None,
                    };
                    (!owned.contains(&slot.reference)).then_some(Blank {
                        cell: slot.reference,
                        span: slot.cell.span,
                        kind,
                    })
                })
                .collect();
            // Table 3 rows in the template's order (the 2019 R21_23 after R20).
            blanks.sort_by_key(|blank| match &blank.cell {
                CellRef::Table3(row, col) => (covers(row.name()).map_or(0, |(first, _)| first), *col),
                _ => (0, 0),
            });
            if let Some(finding) = finding(rule, table, &blanks, ctx) {
                out.push(finding);
            }
        }
    }
}

/// What a slot holds instead of a number.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    /// The placeholder as printed (`/`, `—`, `无` …).
    Placeholder(String),
}

impl Kind {
    /// A list of cells of this kind: `R01–R25 C2–C6 空白`, `A1–A3 为“/”`.
    fn listed(&self, list: &str) -> Message {
        match self {
            Self::Blank => Message::new(format!("{list} 空白"), format!("{list} blank")),
            Self::Placeholder(text) => Message::new(
                format!("{list} 为“{text}”"),
                format!("{list} as “{text}”"),
            ),
        }
    }
}

/// A slot without a number.
struct Blank {
    cell: CellRef,
    span: Span,
    kind: Kind,
}

/// Where a cell sits for grouping: its row (a Table 3 row; the Table 2 row; Table 4's one row)
/// and its position in that row.
fn place(cell: &CellRef) -> (String, usize) {
    match cell {
        CellRef::Table3(row, col) => (row.name().to_owned(), *col),
        CellRef::Table2(id) => {
            let (prefix, number) = id.split_at(1);
            (prefix.to_owned(), number.parse().unwrap_or(0))
        }
        CellRef::Table4(index) => ("F".to_owned(), *index),
    }
}

/// Adjacent slots of one row holding the same kind.
struct Run<'b> {
    cells: Vec<&'b Blank>,
}

impl Run<'_> {
    /// The run's cells without its row: `C2–C6`, `A1–A3`, `F5`.
    fn columns(&self) -> String {
        let name = |blank: &Blank| match &blank.cell {
            CellRef::Table3(_, col) => format!("C{}", col + 1),
            other => other.id(),
        };
        match self.cells.as_slice() {
            [] => String::new(),
            [only] => name(only),
            [first, .., last] => format!("{}–{}", name(first), name(last)),
        }
    }

    fn row(&self) -> Option<String> {
        match self.cells.first().map(|blank| &blank.cell) {
            Some(CellRef::Table3(row, _)) => Some(row.name().to_owned()),
            _ => None,
        }
    }

    fn span(&self) -> Span {
        let start = self.cells.first().map_or(0, |blank| blank.span.start);
        let end = self.cells.last().map_or(start, |blank| blank.span.end);
        Span::new(start, end.max(start))
    }
}

/// Runs of adjacent cells of one row and one kind, on one line of the text.
fn runs<'b>(blanks: &'b [Blank], source: &str) -> Vec<Run<'b>> {
    let mut runs: Vec<Run<'b>> = Vec::new();
    for blank in blanks {
        let (row, position) = place(&blank.cell);
        let extends = runs.last().and_then(|run| run.cells.last()).is_some_and(|last| {
            let (last_row, last_position) = place(&last.cell);
            let between = Span::new(last.span.end.min(blank.span.start), blank.span.start);
            last_row == row
                && last_position + 1 == position
                && last.kind == blank.kind
                && !between.slice(source).contains('\n')
        });
        match runs.last_mut() {
            Some(run) if extends => run.cells.push(blank),
            _ => runs.push(Run { cells: vec![blank] }),
        }
    }
    runs
}

/// The runs as a list: Table 3 rows with the same columns folded into one range
/// (`R01–R25 C2–C6`), other cells by id (`A1–A3、A5`).
fn listing(runs: &[&Run<'_>]) -> String {
    // (rows, columns of those rows)
    let mut groups: Vec<(Vec<String>, String)> = Vec::new();
    let mut by_row: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for run in runs {
        let row = run.row();
        match by_row.last_mut() {
            Some((last, columns)) if *last == row => columns.push(run.columns()),
            _ => by_row.push((row, vec![run.columns()])),
        }
    }
    for (row, columns) in by_row {
        let columns = columns.join("、");
        let Some(row) = row else {
            groups.push((Vec::new(), columns));
            continue;
        };
        match groups.last_mut() {
            Some((rows, last)) if *last == columns && follows(rows.last(), &row) => rows.push(row),
            _ => groups.push((vec![row], columns)),
        }
    }
    groups
        .iter()
        .map(|(rows, columns)| match rows.as_slice() {
            [] => columns.clone(),
            [only] => format!("{only} {columns}"),
            [first, .., last] => format!("{first}–{last} {columns}"),
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The row numbers a Table 3 row covers: R21_23 stands for 21–23.
fn covers(name: &str) -> Option<(u8, u8)> {
    RowId::parse(name).map(|row| match row {
        RowId::R21_23 => (21, 23),
        row => (row.number(), row.number()),
    })
}

/// Whether Table 3 row `next` directly follows `previous` (`R20`, `R21`); the 2019 `R21_23`
/// stands alone (`R18–R21_23` would read as a range of rows that do not exist).
fn follows(previous: Option<&String>, next: &str) -> bool {
    let number = |name: &str| {
        RowId::parse(name)
            .filter(|row| *row != RowId::R21_23)
            .map(RowId::number)
    };
    match (previous.and_then(|name| number(name)), number(next)) {
        (Some(previous), Some(next)) => previous + 1 == next,
        _ => false,
    }
}

fn table_name(table: TableName) -> Message {
    match table {
        TableName::Table2 => Message::new("表二", "Table 2"),
        TableName::Table3 => Message::new("表三", "Table 3"),
        TableName::Table4 => Message::new("表四", "Table 4"),
    }
}

/// One finding for the table's slots without a number, at the first of them, each run of
/// adjacent cells a label.
fn finding(rule: &Rule, table: TableName, blanks: &[Blank], ctx: &Ctx<'_>) -> Option<Diagnostic> {
    let first = blanks.first()?;
    let runs = runs(blanks, ctx.source);
    let mut kinds: Vec<&Kind> = Vec::new();
    for blank in blanks {
        if !kinds.contains(&&blank.kind) {
            kinds.push(&blank.kind);
        }
    }
    let only_blank = kinds.iter().all(|kind| **kind == Kind::Blank);
    // A single cell is named with its labels, and the finding points at it: no label needed.
    let single = (blanks.len() == 1).then(|| first.cell.describe(ctx.template));
    let cells = if let Some(described) = &single {
        match &first.kind {
            Kind::Blank => Message::new(described.clone(), described.clone()),
            kind => kind.listed(described),
        }
    } else if only_blank {
        let all: Vec<&Run<'_>> = runs.iter().collect();
        let list = listing(&all);
        Message::new(list.clone(), list)
    } else {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        for kind in &kinds {
            let of_kind: Vec<&Run<'_>> = runs
                .iter()
                .filter(|run| run.cells.first().is_some_and(|b| b.kind == **kind))
                .collect();
            let listed = kind.listed(&listing(&of_kind));
            zh.push(listed.zh);
            en.push(listed.en);
        }
        Message::new(zh.join("；"), en.join("; "))
    };
    let table_name = table_name(table);
    let vars = vec![
        Var {
            name: "table",
            zh: table_name.zh,
            en: table_name.en,
        },
        var("count", blanks.len()),
        Var {
            name: "cells",
            zh: cells.zh,
            en: cells.en,
        },
    ];
    let variant = (!only_blank).then_some("placeholder");
    let mut diagnostic = rule.emit(variant, first.span, &vars);
    if single.is_some() {
        return Some(diagnostic);
    }
    for run in &runs {
        let Some(head) = run.cells.first() else {
            continue;
        };
        let (zh, en) = match run.cells.as_slice() {
            [only] => (only.cell.describe(ctx.template), only.cell.describe(ctx.template)),
            _ => {
                let name = match run.row() {
                    Some(row) => format!("{row} {}", run.columns()),
                    None => run.columns(),
                };
                (name.clone(), name)
            }
        };
        let message = match &head.kind {
            Kind::Blank => Message::new(format!("{zh} 未填"), format!("{en} blank")),
            Kind::Placeholder(text) => Message::new(
                format!("{zh} 为“{text}”"),
                format!("{en} holds “{text}”"),
            ),
        };
        diagnostic = diagnostic.with_label(run.span(), message);
    }
    Some(diagnostic)
}

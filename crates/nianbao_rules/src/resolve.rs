//! Resolving expression cells against a report: which cells a term names for this report's
//! template, what they hold, and how to name them in a message; the numeric cells of whole
//! tables.

use crate::expr::{ColSel, Expr, Loop, Operand, RowSel, atoms};
use nianbao_model::template::{RowId, TABLE3_COLUMNS, TABLE4_CELLS, Template, table2_rows};
use nianbao_model::{Cell, Report};
use serde::Deserialize;
use std::borrow::Cow;
use std::ops::RangeInclusive;

/// One concrete cell of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CellRef {
    /// A Table 2 id: the template's own `&'static str` when it is one, so naming a cell does
    /// not allocate.
    Table2(Cow<'static, str>),
    /// Row and 0-based column.
    Table3(RowId, usize),
    /// 0-based index of F1–F15.
    Table4(usize),
}

impl CellRef {
    /// The Table 2 cell `{prefix}{number}` (`A10`, `B3`): borrowed from the templates' ids
    /// when either template has it, written out otherwise.
    pub(crate) fn table2(prefix: char, number: u8) -> Self {
        let known = [Template::V2021, Template::V2019]
            .into_iter()
            .flat_map(table2_rows)
            .flat_map(|row| row.cell_ids.iter().copied())
            .find(|id| names_table2(id, prefix, number));
        Self::Table2(known.map_or_else(|| Cow::Owned(format!("{prefix}{number}")), Cow::Borrowed))
    }

    /// `R03[C7]`, `F5`, `A10`.
    pub(crate) fn id(&self) -> String {
        match self {
            Self::Table2(id) => id.to_string(),
            Self::Table3(row, col) => format!("{}[C{}]", row.name(), col + 1),
            Self::Table4(index) => format!("F{}", index + 1),
        }
    }

    /// The printed labels of the cell, for messages: `R03 予以公开 · 总计`.
    pub(crate) fn describe(&self, template: Template) -> String {
        match self {
            Self::Table2(id) => table2_rows(template)
                .iter()
                .find_map(|row| {
                    let position = row.cell_ids.iter().position(|candidate| candidate == id)?;
                    let column = row.columns.get(position)?;
                    Some(format!("{id}（{} · {column}）", row.label))
                })
                .unwrap_or_else(|| id.to_string()),
            Self::Table3(row, col) => format!(
                "{}（{} · {}）",
                self.id(),
                short_label(row.template().label),
                TABLE3_COLUMNS.get(*col).copied().unwrap_or("?")
            ),
            Self::Table4(index) => match TABLE4_CELLS.get(*index) {
                Some((block, column)) => format!("{}（{block} · {column}）", self.id()),
                None => self.id(),
            },
        }
    }

    pub(crate) fn lookup<'r>(&self, report: &'r Report) -> Option<&'r Cell> {
        match self {
            Self::Table2(id) => report.table2.as_ref()?.cell(id),
            Self::Table3(row, col) => report.table3.as_ref()?.cell(*row, *col),
            Self::Table4(index) => report.table4.as_ref()?.cells.get(*index),
        }
    }
}

/// Whether the Table 2 id `id` is `{prefix}{number}` as `format!` writes it (no sign, no
/// leading zero), without writing the latter out.
fn names_table2(id: &str, prefix: char, number: u8) -> bool {
    let Some(digits) = id.strip_prefix(prefix) else {
        return false;
    };
    let bytes = digits.as_bytes();
    let canonical = match bytes {
        [] => false,
        [b'0', _, ..] => false,
        _ => bytes.iter().all(u8::is_ascii_digit),
    };
    canonical && digits.parse::<u8>() == Ok(number)
}

/// A row label without its parenthesised note (R04's 区分处理 clause).
fn short_label(label: &str) -> &str {
    label.split('（').next().unwrap_or(label)
}

/// The row layout Table 3 was printed in, for resolving its rows: the report's template, except
/// that a table printing the 2019 single （六）其他处理 row (`R21_23`) instead of R21–R23 — a 2021
/// report that kept the old row — is read with that row (and a 2019 report printing R21–R23
/// with those), so that an identity over R03..R23 uses the row that is there instead of being
/// skipped for rows that are not.
pub(crate) fn row_layout(report: &Report) -> Template {
    let template = report.template.template;
    let Some(table) = &report.table3 else {
        return template;
    };
    let printed = |row: Option<RowId>| row.is_some_and(|row| table.row(row).is_some());
    let split = (21..=23).any(|number| printed(RowId::new(number)));
    let single = printed(Some(RowId::R21_23));
    match (split, single) {
        (false, true) => Template::V2019,
        (true, false) => Template::V2021,
        _ => template,
    }
}

/// The rows of a template in order, for resolving row ranges.
pub(crate) fn template_rows(template: Template) -> Vec<RowId> {
    match template {
        Template::V2019 => RowId::all_2019().collect(),
        _ => RowId::all_2021().collect(),
    }
}

/// Row numbers a row covers: R21_23 stands for 21–23.
fn covers(row: RowId) -> RangeInclusive<u8> {
    if row == RowId::R21_23 {
        21..=23
    } else {
        row.number()..=row.number()
    }
}

/// The rows of `template` a selector names; `var` is the loop's current row.
pub(crate) fn rows_of(sel: RowSel, var: Option<RowId>, template: Template) -> Vec<RowId> {
    match sel {
        RowSel::Row(26) => vec![RowId::R21_23],
        RowSel::Row(number) => RowId::new(number).into_iter().collect(),
        RowSel::Var => var.into_iter().collect(),
        RowSel::Range(lo, hi) => template_rows(template)
            .into_iter()
            .filter(|&row| {
                let covered = covers(row);
                lo <= *covered.start() && *covered.end() <= hi
            })
            .collect(),
    }
}

fn cols_of(sel: ColSel, var: Option<usize>) -> Vec<usize> {
    match sel {
        ColSel::Col(col) => vec![usize::from(col)],
        ColSel::Var => var.into_iter().collect(),
        ColSel::Range(lo, hi) => (usize::from(lo)..=usize::from(hi)).collect(),
    }
}

/// The loop variable's current value.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Binding {
    pub row: Option<RowId>,
    pub col: Option<usize>,
}

/// The loop variable's values of an identity (one binding when it has no loop).
pub(crate) fn bindings(each: Option<Loop>, template: Template) -> Vec<Binding> {
    match each {
        None => vec![Binding::default()],
        Some(Loop::Rows(lo, hi)) => template_rows(template)
            .into_iter()
            .filter(|row| {
                let number = if row.number() == 26 { 21 } else { row.number() };
                (lo..=hi).contains(&number)
            })
            .map(|row| Binding {
                row: Some(row),
                col: None,
            })
            .collect(),
        Some(Loop::Cols(lo, hi)) => (usize::from(lo)..=usize::from(hi))
            .map(|col| Binding {
                row: None,
                col: Some(col),
            })
            .collect(),
    }
}

/// A signed cell or constant of an expanded expression.
#[derive(Clone, Debug)]
pub(crate) enum Atom {
    Cell { negative: bool, cell: CellRef },
    Int(i64),
}

/// The cells `exprs` name in `template`, each once, in the order written (signs and constants
/// left out): the cells a region rule compares, a narrative claim stands for, a finding points at.
pub(crate) fn named_cells<'e>(
    exprs: impl IntoIterator<Item = &'e Expr>,
    template: Template,
) -> Vec<CellRef> {
    let mut cells: Vec<CellRef> = Vec::new();
    for expr in exprs {
        for atom in atoms(expr, template) {
            if let Atom::Cell { cell, .. } = atom {
                if !cells.contains(cell) {
                    cells.push(cell.clone());
                }
            }
        }
    }
    cells
}

/// Expands every term into concrete cells (and constants).
pub(crate) fn expand(expr: &Expr, binding: Binding, template: Template) -> Vec<Atom> {
    let mut atoms = Vec::new();
    for term in &expr.terms {
        match term.operand {
            Operand::Int(n) => atoms.push(Atom::Int(if term.negative { -n } else { n })),
            Operand::Flat { prefix, lo, hi } => {
                for n in lo..=hi {
                    let cell = match prefix {
                        'F' => CellRef::Table4(usize::from(n) - 1),
                        _ => CellRef::table2(prefix, n),
                    };
                    atoms.push(Atom::Cell {
                        negative: term.negative,
                        cell,
                    });
                }
            }
            Operand::Table3 { row, col } => {
                for row in rows_of(row, binding.row, template) {
                    for col in cols_of(col, binding.col) {
                        atoms.push(Atom::Cell {
                            negative: term.negative,
                            cell: CellRef::Table3(row, col),
                        });
                    }
                }
            }
        }
    }
    atoms
}

/// Table names a cell check runs over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TableName {
    Table2,
    Table3,
    Table4,
}

impl TableName {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Table2 => "table2",
            Self::Table3 => "table3",
            Self::Table4 => "table4",
        }
    }
}

/// Table names as written in the rule file, for the docs.
pub(crate) fn table_list(tables: &[TableName]) -> String {
    tables
        .iter()
        .map(|table| table.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A numeric slot of a table, with its reference.
pub(crate) struct TableCell<'r> {
    pub reference: CellRef,
    pub cell: &'r Cell,
}

/// Every numeric slot of the chosen tables.
/// Whether any cell of `tables` passes `wanted`: a cheap test before [`table_cells`] names them.
pub(crate) fn any_cell(
    report: &Report,
    tables: &[TableName],
    wanted: impl Fn(&Cell) -> bool,
) -> bool {
    tables.iter().any(|table| match table {
        TableName::Table2 => report
            .table2
            .as_ref()
            .is_some_and(|table2| table2.cells().any(|(_, cell)| wanted(cell))),
        TableName::Table3 => report.table3.as_ref().is_some_and(|table3| {
            table3
                .present_rows()
                .any(|(_, row)| row.cells.iter().any(&wanted))
        }),
        TableName::Table4 => report
            .table4
            .as_ref()
            .is_some_and(|table4| table4.cells.iter().any(&wanted)),
    })
}

/// How many slots [`table_cells`] names, to size its vector once.
fn slot_count(report: &Report, tables: &[TableName]) -> usize {
    tables
        .iter()
        .map(|table| match table {
            TableName::Table2 => report
                .table2
                .as_ref()
                .map_or(0, |table2| table2.cells().count()),
            TableName::Table3 => report.table3.as_ref().map_or(0, |table3| {
                table3.present_rows().map(|(_, row)| row.cells.len()).sum()
            }),
            TableName::Table4 => report
                .table4
                .as_ref()
                .map_or(0, |table4| table4.cells.len()),
        })
        .sum()
}

pub(crate) fn table_cells<'r>(report: &'r Report, tables: &[TableName]) -> Vec<TableCell<'r>> {
    let mut found = Vec::with_capacity(slot_count(report, tables));
    let mut push = |reference: CellRef, cell: &'r Cell| found.push(TableCell { reference, cell });
    for table in tables {
        match table {
            TableName::Table2 => {
                if let Some(table2) = &report.table2 {
                    for (id, cell) in table2.cells() {
                        push(CellRef::Table2(Cow::Borrowed(id)), cell);
                    }
                }
            }
            TableName::Table3 => {
                if let Some(table3) = &report.table3 {
                    for (id, row) in table3.present_rows() {
                        for (col, cell) in row.cells.iter().enumerate() {
                            push(CellRef::Table3(id, col), cell);
                        }
                    }
                }
            }
            TableName::Table4 => {
                if let Some(table4) = &report.table4 {
                    for (index, cell) in table4.cells.iter().enumerate() {
                        push(CellRef::Table4(index), cell);
                    }
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{CellRef, names_table2};
    use std::borrow::Cow;

    #[test]
    fn table2_cells_borrow_the_template_ids_and_write_out_the_rest() {
        assert!(matches!(
            CellRef::table2('A', 10),
            CellRef::Table2(Cow::Borrowed("A10"))
        ));
        assert!(matches!(
            CellRef::table2('B', 22),
            CellRef::Table2(Cow::Borrowed("B22"))
        ));
        assert!(matches!(
            CellRef::table2('A', 99),
            CellRef::Table2(Cow::Owned(id)) if id == "A99"
        ));
    }

    #[test]
    fn an_id_names_a_cell_only_as_format_writes_it() {
        assert!(names_table2("A1", 'A', 1));
        assert!(!names_table2("A01", 'A', 1));
        assert!(!names_table2("A+1", 'A', 1));
        assert!(!names_table2("B1", 'A', 1));
        assert!(!names_table2("A", 'A', 0));
        assert!(!names_table2("A12", 'A', 1));
    }
}

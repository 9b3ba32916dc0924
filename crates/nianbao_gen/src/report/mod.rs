//! The generated report: the numbers a parser must read back, and the wording choices and fault
//! edits the renderers apply.

mod edits;
mod identity;
pub(crate) mod values;

pub(crate) use edits::{Edits, Plan};
pub use identity::IdentityFailure;
pub use values::{Fact, OrganKind, Val};
pub(crate) use values::{Heading, row};

use nianbao_model::Value;
use nianbao_model::template::{ROW_SLOTS, RowId, Template, outcome_rows, table2_rows};

/// One report with every number a parser must read back.
#[derive(Clone, Debug)]
pub struct GeneratedReport {
    pub seed: u64,
    pub index: u64,
    /// The issuing body as printed in the title (`偃师区人民政府办公室`).
    pub organ: String,
    pub organ_kind: OrganKind,
    /// The report year Y.
    pub year: u16,
    /// [`Template::V2021`], or [`Template::V2019`] for 2019 and 2020.
    pub template: Template,
    /// Table 2 in template order: A1–A10, or B1–B22 for 2019.
    pub(crate) table2: Vec<Val>,
    /// Table 3 by [`RowId::index`]; rows the template lacks stay zero and are never printed.
    pub(crate) table3: [[Val; 7]; ROW_SLOTS],
    pub(crate) table4: [Val; 15],
    pub(crate) plan: Plan,
    pub(crate) edits: Edits,
}

impl GeneratedReport {
    /// Table 3 rows of this report's template, in printed order.
    pub fn rows(&self) -> Vec<RowId> {
        match self.template {
            Template::V2019 => RowId::all_2019().collect(),
            _ => RowId::all_2021().collect(),
        }
    }

    /// The printed value of Table 3 cell `(row, column)`, column 0-based (C1 = 0 … C7 = 6).
    pub fn table3_value(&self, row: RowId, column: usize) -> Option<Val> {
        self.table3.get(row.index())?.get(column).copied()
    }

    /// Table 3 cell `(row, column)` as a number (blank reads 0; absent cells read 0).
    pub fn table3(&self, row: RowId, column: usize) -> i64 {
        self.table3_value(row, column).map_or(0, Val::number)
    }

    /// Table 4 cell by 0-based index (F1 = 0 … F15 = 14).
    pub fn table4_value(&self, index: usize) -> Option<Val> {
        self.table4.get(index).copied()
    }

    /// Table 4 cell by 0-based index as a number.
    pub fn table4(&self, index: usize) -> i64 {
        self.table4_value(index).map_or(0, Val::number)
    }

    /// Table 2 cell by id (`A1`…`A10`, or `B1`…`B22` in a 2019 report).
    pub fn table2(&self, id: &str) -> Option<Val> {
        let position = table2_rows(self.template)
            .iter()
            .flat_map(|row| row.cell_ids.iter())
            .position(|&candidate| candidate == id)?;
        self.table2.get(position).copied()
    }

    /// Every Table 2 cell with its id, in template order.
    pub fn table2_cells(&self) -> impl Iterator<Item = (&'static str, Val)> + '_ {
        table2_rows(self.template)
            .iter()
            .flat_map(|row| row.cell_ids.iter().copied())
            .zip(self.table2.iter().copied())
    }

    /// How many values a parser must read back: every Table 2, 3 and 4 cell, or in the 2008
    /// format every total and part the prose states.
    pub fn printed_fields(&self) -> usize {
        if self.template == Template::Pre2019 {
            return self.stated_fields();
        }
        self.rows().len() * 7 + 15 + self.table2_cells().count()
    }

    /// Where a parsed model disagrees with the numbers this report prints: one line per cell
    /// whose parsed value is not the printed one (kind kept: a blank must come back blank), or
    /// in the 2008 format one per number of a stated count not read as printed. Empty when the
    /// parser read every value back exactly.
    pub fn differences(&self, parsed: &nianbao_model::Report) -> Vec<String> {
        if self.template == Template::Pre2019 {
            return self.stated_differences(&parsed.statistics);
        }
        let mut out = Vec::new();
        let mut compare = |id: String, got: Option<Value>, want: Value| {
            if got != Some(want) {
                out.push(format!("{id}: printed {want:?}, parsed {got:?}"));
            }
        };
        for row in self.rows() {
            for column in 0..7 {
                let got = parsed
                    .table3
                    .as_ref()
                    .and_then(|table| table.cell(row, column));
                let want = self
                    .table3_value(row, column)
                    .map_or(Value::Blank, Val::model);
                compare(
                    format!("{row}[C{}]", column + 1),
                    got.map(|cell| cell.value),
                    want,
                );
            }
        }
        for index in 0..15 {
            let got = parsed
                .table4
                .as_ref()
                .and_then(|table| table.cells.get(index));
            let want = self.table4_value(index).map_or(Value::Blank, Val::model);
            compare(format!("F{}", index + 1), got.map(|cell| cell.value), want);
        }
        for (id, value) in self.table2_cells() {
            let got = parsed.table2.as_ref().and_then(|table| table.cell(id));
            compare(id.to_owned(), got.map(|cell| cell.value), value.model());
        }
        out
    }

    /// The year printed in the 统计期限 (differs from [`Self::year`] only under fault M001).
    pub fn period_year(&self) -> u16 {
        self.edits.period_year.unwrap_or(self.year)
    }

    pub(crate) fn set3(&mut self, row: RowId, column: usize, value: Val) {
        if let Some(cell) = self
            .table3
            .get_mut(row.index())
            .and_then(|cells| cells.get_mut(column))
        {
            *cell = value;
        }
    }

    pub(crate) fn add3(&mut self, row: RowId, column: usize, delta: i64) {
        let value = self.table3(row, column) + delta;
        self.set3(row, column, Val::Int(value));
    }

    /// The sum of column `column` over `rows`.
    pub(crate) fn sum3(&self, rows: &[RowId], column: usize) -> i64 {
        rows.iter().map(|&row| self.table3(row, column)).sum()
    }

    /// Every hard identity (H01–H06) the printed numbers break.
    pub fn identity_failures(&self) -> Vec<IdentityFailure> {
        let mut failures = Vec::new();
        for row in self.rows() {
            let parts: i64 = (0..6).map(|column| self.table3(row, column)).sum();
            if parts != self.table3(row, 6) {
                failures.push(IdentityFailure::RowTotal(row));
            }
        }
        let outcomes: Vec<RowId> = outcome_rows(self.template).collect();
        let (new, carried, closed, next) = (row(1), row(2), row(24), row(25));
        for column in 0..7 {
            let left = self.table3(new, column) + self.table3(carried, column);
            let right = self.table3(closed, column) + self.table3(next, column);
            if left != right {
                failures.push(IdentityFailure::Balance(column));
            }
            if self.sum3(&outcomes, column) != self.table3(closed, column) {
                failures.push(IdentityFailure::OutcomeTotal(column));
            }
        }
        for block in 0..3 {
            let parts: i64 = (0..4).map(|offset| self.table4(block * 5 + offset)).sum();
            if parts != self.table4(block * 5 + 4) {
                failures.push(IdentityFailure::Table4Total(block));
            }
        }
        failures
    }
}

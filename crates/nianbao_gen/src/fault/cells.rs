//! Faults in single cells: a `0` printed blank (B001), a negative count or a decimal (V001).

use crate::render::{Anchor, Layout};
use crate::report::{GeneratedReport, Val, row};
use crate::rng::Rng;
use nianbao_model::template::{RowId, Template, outcome_rows};

/// B001: a `0` printed blank, where blank-read-as-0 keeps every identity true and the blank
/// cannot pass for layout padding: Table 3 C2–C6 outside （七）总计, Table 4 parts other than
/// the first cell of its line, Table 2 cells other than the last of their row (not in
/// `tab-merged`, whose merged empty column would make the row ambiguous).
pub(super) fn blank_cell(
    report: &mut GeneratedReport,
    rng: &mut Rng,
    layout: Layout,
) -> Option<(&'static str, Anchor, String)> {
    let zero = |value: Option<Val>| value == Some(Val::Int(0));
    let table4: Vec<usize> = (1..15)
        .filter(|&index| index % 5 != 4 && zero(report.table4_value(index)))
        .collect();
    let mut table2 = Vec::new();
    let mut position = 0;
    for template_row in nianbao_model::template::table2_rows(report.template) {
        let cells = template_row.cell_ids.len();
        for offset in 0..cells.saturating_sub(1) {
            if zero(report.table2.get(position + offset).copied()) {
                table2.push((
                    position + offset,
                    template_row.cell_ids.get(offset).copied().unwrap_or(""),
                ));
            }
        }
        position += cells;
    }
    match rng.weighted(&[70, 15, 15]) {
        1 if !table4.is_empty() => {
            let index = *rng.pick(&table4)?;
            if let Some(cell) = report.table4.get_mut(index) {
                *cell = Val::Blank;
            }
            return Some((
                "B001",
                Anchor::Table4Cell(index),
                format!("F{} (a 0) printed blank", index + 1),
            ));
        }
        // Beside a merged empty column a blank Table 2 cell has no single reading.
        2 if !table2.is_empty() && layout != Layout::TabMerged => {
            let &(position, id) = rng.pick(&table2)?;
            if let Some(cell) = report.table2.get_mut(position) {
                *cell = Val::Blank;
            }
            return Some((
                "B001",
                Anchor::Table2Cell(position),
                format!("{id} (a 0) printed blank"),
            ));
        }
        _ => {}
    }
    let candidates: Vec<(RowId, usize)> = report
        .rows()
        .into_iter()
        // R24 is the total of H03: a blank there is "总计未填", a second finding.
        .filter(|&id| id != row(24))
        .flat_map(|id| (1..6).map(move |column| (id, column)))
        .filter(|&(id, column)| zero(report.table3_value(id, column)))
        .collect();
    let &(id, column) = rng.pick(&candidates)?;
    report.set3(id, column, Val::Blank);
    Some((
        "B001",
        Anchor::Table3Cell(id, column),
        format!("{id} C{} (a 0) printed blank", column + 1),
    ))
}

/// V001: a negative count balanced by another row (so every identity still holds), or, where
/// glued digits could not carry a sign, a decimal in a Table 2 decision count.
pub(super) fn bad_value(
    report: &mut GeneratedReport,
    rng: &mut Rng,
    layout: Layout,
) -> Option<(&'static str, Anchor, String)> {
    let outcomes: Vec<RowId> = outcome_rows(report.template).collect();
    if layout.separates_cells() && rng.chance(70) {
        let candidates: Vec<(RowId, usize)> = outcomes
            .iter()
            .filter(|&&id| report.table3(id, 6) >= 1)
            .flat_map(|&id| (0..6).map(move |column| (id, column)))
            .filter(|&(id, column)| report.table3(id, column) == 0)
            .collect();
        if let Some(&(id, column)) = rng.pick(&candidates) {
            let others: Vec<RowId> = outcomes
                .iter()
                .copied()
                .filter(|&other| other != id)
                .collect();
            let other = *rng.pick(&others)?;
            report.set3(id, column, Val::Int(-1));
            report.add3(id, 6, -1);
            report.add3(other, column, 1);
            report.add3(other, 6, 1);
            return Some((
                "V001",
                Anchor::Table3Cell(id, column),
                format!(
                    "{id} C{} printed -1 (offset by {other}, so every identity still holds)",
                    column + 1
                ),
            ));
        }
    }
    let ids: &[&str] = match report.template {
        Template::V2019 => &["B9", "B15", "B18"],
        _ => &["A7", "A8", "A9"],
    };
    let id = *rng.pick(ids)?;
    let position = nianbao_model::template::table2_rows(report.template)
        .iter()
        .flat_map(|row| row.cell_ids.iter())
        .position(|&candidate| candidate == id)?;
    let whole = report.table2.get(position).copied()?.number();
    let value = whole * 100 + 50;
    if let Some(cell) = report.table2.get_mut(position) {
        *cell = Val::Hundredths(value);
    }
    Some((
        "V001",
        Anchor::Table2Cell(position),
        format!(
            "{id} printed {}, a decimal where a count is due",
            Val::Hundredths(value).text()
        ),
    ))
}

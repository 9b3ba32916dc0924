//! Faults in the tables' arithmetic: a row, balance, outcome or Table 4 total that no longer
//! adds up, and a recent report printed in the 2019 format.

use crate::render::Anchor;
use crate::report::{GeneratedReport, Val, row};
use crate::rng::Rng;
use nianbao_model::template::{RowId, Template};

/// T3001: a row's 总计, or one of its parts, off by a little.
pub(super) fn row_total(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    let rows = report.rows();
    let id = *rng.pick(&rows)?;
    let total = report.table3(id, 6);
    if rng.chance(50) {
        let delta = if total > 0 && rng.chance(30) {
            -1
        } else {
            rng.range(1, 3)
        };
        report.add3(id, 6, delta);
        Some((
            "T3001",
            Anchor::Table3Cell(id, 6),
            format!(
                "{id} 总计 printed {}, its six applicant columns sum to {total}",
                total + delta
            ),
        ))
    } else {
        // A wrong part rather than a wrong total: the row and its column both break.
        let column = usize::try_from(rng.below(6)).unwrap_or(0);
        let delta = rng.range(1, 3);
        report.add3(id, column, delta);
        Some((
            "T3001",
            Anchor::Table3Cell(id, 6),
            format!(
                "{id} C{} raised by {delta}: the row's parts sum to {}, its 总计 says {total}",
                column + 1,
                total + delta
            ),
        ))
    }
}

/// T3002: R25 raised in one column and in 总计, so only the balance breaks.
pub(super) fn balance(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    let column = usize::try_from(rng.below(6)).unwrap_or(0);
    report.add3(row(25), column, 1);
    report.add3(row(25), 6, 1);
    Some((
        "T3002",
        Anchor::Table3Cell(row(25), 6),
        format!(
            "R25 raised by 1 in C{} and in C7: row totals hold, 一+二 ≠ 三+四 in both columns",
            column + 1
        ),
    ))
}

/// T3003: （七）总计 and R01 raised together, so only the outcome total breaks.
pub(super) fn outcome_total(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    let column = usize::try_from(rng.below(6)).unwrap_or(0);
    let delta = rng.range(1, 3);
    for id in [row(24), row(1)] {
        report.add3(id, column, delta);
        report.add3(id, 6, delta);
    }
    Some((
        "T3003",
        Anchor::Table3Cell(row(24), 6),
        format!(
            "（七）总计 and R01 raised by {delta} in C{} and C7: R24 no longer sums its outcome rows; row totals and the balance hold",
            column + 1
        ),
    ))
}

/// T4001: a Table 4 block's total or one of its parts changed.
pub(super) fn table4_total(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    let block = usize::try_from(rng.below(3)).unwrap_or(0);
    let index = block * 5 + 4;
    // Either the total or one of its parts is off; the finding points at the total.
    let changed = if rng.chance(50) {
        index
    } else {
        block * 5 + usize::try_from(rng.below(4)).unwrap_or(0)
    };
    let before = report.table4(changed);
    let delta = if before > 0 && rng.chance(30) {
        -1
    } else {
        rng.range(1, 3)
    };
    if let Some(cell) = report.table4.get_mut(changed) {
        *cell = Val::Int(before + delta);
    }
    Some((
        "T4001",
        Anchor::Table4Cell(index),
        format!(
            "F{} changed from {before} to {}: block {} no longer adds up (总计 F{} printed {})",
            changed + 1,
            before + delta,
            block + 1,
            index + 1,
            report.table4(index)
        ),
    ))
}

/// M003: a 2021-or-later report printed with the 2019 trial format's Tables 2 and 3.
pub(super) fn template_era(
    report: &mut GeneratedReport,
    rng: &mut Rng,
) -> Option<(&'static str, Anchor, String)> {
    if report.template != Template::V2021 {
        return None;
    }
    for column in 0..7 {
        let other: i64 = (21..=23)
            .map(|number| report.table3(row(number), column))
            .sum();
        report.set3(RowId::R21_23, column, Val::Int(other));
        for number in 21..=23 {
            report.set3(row(number), column, Val::Int(0));
        }
    }
    report.template = Template::V2019;
    report.table2 = crate::generate::table2(rng, report.organ_kind, Template::V2019);
    Some((
        "M003",
        Anchor::Title,
        format!(
            "a {} report printed with the 2019 trial format's Tables 2 and 3",
            report.year
        ),
    ))
}

/// Adds `delta` to Table 4 cell `index`.
pub(super) fn set4(report: &mut GeneratedReport, index: usize, delta: i64) {
    let value = report.table4(index) + delta;
    if let Some(cell) = report.table4.get_mut(index) {
        *cell = Val::Int(value);
    }
}

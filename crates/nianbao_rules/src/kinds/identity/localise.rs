//! The probable wrong cell of two failed equations (`identities.md` §2).

use crate::resolve::CellRef;
use crate::rule::FailedEquation;
use nianbao_model::Diagnostic;

/// `identities.md` §2: one wrong cell (k, j) breaks one per-row equation and one per-column
/// equation by the same error. When exactly one of each failed that way and both contain (k, j),
/// both findings name it as the probable source. A hint, never a fix.
pub(super) fn localise(failures: &[FailedEquation], out: &mut [Diagnostic]) {
    let rows: Vec<&FailedEquation> = failures
        .iter()
        .filter(|f| f.row.is_some() && f.col.is_none())
        .collect();
    let cols: Vec<&FailedEquation> = failures
        .iter()
        .filter(|f| f.col.is_some() && f.row.is_none())
        .collect();
    let ([row], [col]) = (rows.as_slice(), cols.as_slice()) else {
        return;
    };
    let (Some(k), Some(j)) = (row.row, col.col) else {
        return;
    };
    let cell = CellRef::Table3(k, j);
    let coefficient = |failure: &FailedEquation| {
        failure
            .cells
            .iter()
            .find(|candidate| candidate.cell == cell)
            .map(|candidate| candidate.factor)
    };
    // A wrong value off by e moves each equation's delta by e times the cell's coefficient.
    let (Some(in_row), Some(in_col)) = (coefficient(row), coefficient(col)) else {
        return;
    };
    if row.delta.saturating_mul(in_row) != col.delta.saturating_mul(in_col) {
        return;
    }
    for index in [row.index, col.index] {
        if let Some(diagnostic) = out.get_mut(index) {
            diagnostic.message.zh.push_str(&format!(
                "（{} 同时出现在两条不成立的等式中且偏差一致，可能是出错的单元格）",
                cell.id()
            ));
            diagnostic.message.en.push_str(&format!(
                " ({} is in both failing equations, off by the same amount: the probable source)",
                cell.id()
            ));
        }
    }
}

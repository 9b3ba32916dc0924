//! The tables of a clean report: Table 2 by the body's kind, Table 3 split over applicants and
//! outcomes so that every identity holds, Table 4 in three blocks of four and a total.

use crate::report::{GeneratedReport, OrganKind, Val, row};
use crate::rng::Rng;
use nianbao_model::template::{RowId, Template, outcome_rows};

/// A count with realistic shape: often 0, usually small, sometimes large.
fn count(rng: &mut Rng, zero: u64, small: i64, large: i64) -> i64 {
    match rng.weighted(&[
        u32::try_from(zero).unwrap_or(0),
        u32::try_from(100u64.saturating_sub(zero)).unwrap_or(0),
        8,
    ]) {
        0 => 0,
        1 => rng.range(1, small),
        _ => rng.range(small, large),
    }
}

pub(crate) fn table2(rng: &mut Rng, kind: OrganKind, template: Template) -> Vec<Val> {
    let makes_rules = kind == OrganKind::CityGovernment;
    let (made, repealed, in_force) = if makes_rules {
        let made = count(rng, 40, 5, 12);
        let repealed = count(rng, 60, 3, 6);
        (made, repealed, made + rng.range(5, 120))
    } else {
        (0, 0, 0)
    };
    let docs_made = count(rng, 30, 12, 80);
    let docs_repealed = count(rng, 55, 6, 40);
    let docs_in_force = docs_made + rng.range(0, 400);
    let decisions = |rng: &mut Rng, zero| count(rng, zero, 400, 20_000);
    match template {
        Template::V2019 => {
            let mut cells = vec![made, made, in_force, docs_made, docs_made, docs_in_force]
                .into_iter()
                .map(Val::Int)
                .collect::<Vec<_>>();
            // 上一年项目数量 / 本年增/减 (signed) / 处理决定数量, for 许可, 其他服务, 处罚, 强制.
            for _ in 0..4 {
                let items = count(rng, 30, 60, 900);
                let change = if rng.chance(50) {
                    0
                } else {
                    rng.range(-items.min(9), 12)
                };
                cells.push(Val::Int(items));
                cells.push(Val::Int(change));
                cells.push(Val::Int(decisions(rng, 35)));
            }
            let fees = count(rng, 50, 20, 60);
            cells.push(Val::Int(fees));
            cells.push(Val::Int(if fees == 0 { 0 } else { rng.range(-2, 2) }));
            let purchases = count(rng, 40, 30, 300);
            cells.push(Val::Int(purchases));
            cells.push(if purchases == 0 {
                Val::Int(0)
            } else {
                Val::Hundredths(rng.range(100, 5_000_000))
            });
            cells
        }
        _ => {
            // 万元: usually nothing or a few hundred; a rare body collects tens of thousands.
            let fee = match rng.weighted(&[60, 36, 4]) {
                0 => Val::Int(0),
                1 => Val::Hundredths(rng.range(1, 50_000)),
                _ => Val::Hundredths(rng.range(50_000, 2_500_000)),
            };
            vec![
                Val::Int(made),
                Val::Int(repealed),
                Val::Int(in_force),
                Val::Int(docs_made),
                Val::Int(docs_repealed),
                Val::Int(docs_in_force),
                Val::Int(decisions(rng, 35)),
                Val::Int(decisions(rng, 30)),
                Val::Int(count(rng, 60, 30, 400)),
                fee,
            ]
        }
    }
}

/// Splits `total` over `weights.len()` slots in proportion to randomly perturbed weights.
fn split(rng: &mut Rng, total: i64, weights: &[u32]) -> Vec<i64> {
    let mut parts = vec![0; weights.len()];
    if total <= 0 {
        return parts;
    }
    // A few active slots carry the whole amount, as in real tables (most outcome rows are 0).
    let active = usize::try_from(rng.range(1, 4)).unwrap_or(1);
    let mut chosen = Vec::with_capacity(active);
    for _ in 0..active {
        chosen.push(rng.weighted(weights));
    }
    let mut left = total;
    for (position, &slot) in chosen.iter().enumerate() {
        let share = if position + 1 == chosen.len() {
            left
        } else {
            rng.range(0, left)
        };
        if let Some(part) = parts.get_mut(slot) {
            *part += share;
        }
        left -= share;
    }
    parts
}

/// Outcome row weights: 予以公开 and 不掌握 dominate, refusals are rare.
fn outcome_weight(id: RowId) -> u32 {
    match id.number() {
        3 => 40,
        4 => 10,
        13 => 25,
        5..=12 => 1,
        14 | 15 => 4,
        16 => 5,
        17 => 3,
        18..=20 => 1,
        21 | 26 => 4,
        _ => 2,
    }
}

pub(super) fn fill_table3(report: &mut GeneratedReport, rng: &mut Rng) {
    let scale = match report.organ_kind {
        OrganKind::CityGovernment => (10, 60, 2_000),
        OrganKind::CountyGovernment => (15, 40, 600),
        OrganKind::Department => (35, 15, 300),
        OrganKind::Subdistrict => (45, 6, 60),
    };
    let new_total = count(rng, scale.0, scale.1, scale.2);
    // 自然人 file most requests; 商业企业 and 其他 some; research bodies almost none.
    let columns = split(rng, new_total, &[60, 12, 1, 2, 3, 8]);
    let outcomes: Vec<RowId> = outcome_rows(report.template).collect();
    let weights: Vec<u32> = outcomes.iter().map(|&id| outcome_weight(id)).collect();
    for (column, &new) in columns.iter().enumerate() {
        let carried = if new > 0 && rng.chance(25) {
            rng.range(1, (new / 10).max(1))
        } else {
            0
        };
        let next = if new > 0 && rng.chance(25) {
            rng.range(1, (new / 8).max(1))
        } else {
            0
        };
        let closed = new + carried - next;
        report.set3(row(1), column, Val::Int(new));
        report.set3(row(2), column, Val::Int(carried));
        report.set3(row(24), column, Val::Int(closed));
        report.set3(row(25), column, Val::Int(next));
        for (&id, share) in outcomes.iter().zip(split(rng, closed, &weights)) {
            report.set3(id, column, Val::Int(share));
        }
    }
    for id in RowId::all_2021().chain([RowId::R21_23]) {
        let total = (0..6).map(|column| report.table3(id, column)).sum();
        report.set3(id, 6, Val::Int(total));
    }
}

pub(super) fn table4(rng: &mut Rng, kind: OrganKind) -> [Val; 15] {
    let mut cells = [Val::Int(0); 15];
    let busy = match kind {
        OrganKind::CityGovernment => 70,
        OrganKind::CountyGovernment => 45,
        OrganKind::Department => 20,
        OrganKind::Subdistrict => 8,
    };
    for block in 0..3 {
        if !rng.chance(if block == 2 { busy / 3 } else { busy }) {
            continue;
        }
        let total = count(rng, 0, 6, 120);
        let parts = split(rng, total, &[10, 2, 3, 3]);
        for (offset, part) in parts.into_iter().enumerate() {
            if let Some(cell) = cells.get_mut(block * 5 + offset) {
                *cell = Val::Int(part);
            }
        }
        if let Some(cell) = cells.get_mut(block * 5 + 4) {
            *cell = Val::Int(total);
        }
    }
    cells
}

//! Multi-year series: the same issuing body over consecutive years, for the cross-report rules
//! (X001–X004). In a clean series every report is clean on its own and the years chain: this
//! year's 上年结转 (R02) is last year's 结转下年度 (R25) in every column, each Table 2 stock
//! (现行有效件数) is last year's plus 制发 minus 废止, and no prose paragraph repeats last year's.
//! [`SeriesFault`]s then break exactly one link each, keeping every report's own identities.

use crate::generate::{Options, generate, table2};
use crate::report::{GeneratedReport, Val, row};
use crate::rng::Rng;
use nianbao_model::template::Template;

/// Purpose of the random stream that redraws Table 2 for the series' body.
const SERIES: u64 = 4;

/// A break between a year and the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesFault {
    /// R02 of `column` (0-based, 0–5) is off by `delta` from last year's R25; R25 follows, so the
    /// report still balances and the next year chains from it. The 总计 column C7 moves too.
    CarryOver { column: usize, delta: i64 },
    /// 行政规范性文件 现行有效件数 (A6) is off by `delta` from last year's stock + 制发 − 废止; the
    /// next year chains from it. A 2019-format year (2019, 2020) has no stock and is left as is.
    Stock { delta: i64 },
    /// The prose of last year's report is printed again (the numbers are this year's).
    CopiedProse,
}

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesOptions {
    pub seed: u64,
    /// Picks the body (as the corpus index does in [`generate`]).
    pub index: u64,
    pub first_year: u16,
    pub years: u16,
    /// `(year, fault)`: the fault is applied to that year's report.
    pub faults: Vec<(u16, SeriesFault)>,
}

/// The reports of one body for `years` consecutive years from `first_year`, oldest first.
pub fn series(options: &SeriesOptions) -> Vec<GeneratedReport> {
    let mut out: Vec<GeneratedReport> = Vec::new();
    for offset in 0..options.years {
        let year = options.first_year.saturating_add(offset);
        let yearly = Options {
            first_year: year,
            last_year: year,
            percent_2019: 100,
        };
        let mut report = generate(
            options.seed.wrapping_add(u64::from(offset)),
            options.index,
            &yearly,
        );
        if let Some(previous) = out.last() {
            report.organ = previous.organ.clone();
            report.organ_kind = previous.organ_kind;
            let mut rng = Rng::derive(options.seed, options.index, SERIES + u64::from(year));
            report.table2 = table2(&mut rng, report.organ_kind, report.template);
            chain(&mut report, previous);
        }
        // Each prose slot takes the next wording every year: pools have 3 or 4 wordings, and
        // consecutive values modulo 12 differ modulo both.
        for (slot, choice) in report.plan.prose.iter_mut().enumerate() {
            let step = usize::from(offset) + slot;
            *choice = u8::try_from(step % 12).unwrap_or(0);
        }
        for (at, fault) in &options.faults {
            if *at == year {
                apply(&mut report, *fault, out.last());
            }
        }
        out.push(report);
    }
    out
}

/// The Table 2 ids of the 规章 and 规范性文件 chains `[stock, made, repealed]` of a template. The
/// 2019 format has none: it counts documents made and published, not documents in force.
fn chains(template: Template) -> Option<[[&'static str; 3]; 2]> {
    match template {
        Template::V2019 => None,
        _ => Some([["A3", "A1", "A2"], ["A6", "A4", "A5"]]),
    }
}

fn set2(report: &mut GeneratedReport, id: &str, value: i64) {
    let position = nianbao_model::template::table2_rows(report.template)
        .iter()
        .flat_map(|row| row.cell_ids.iter())
        .position(|&candidate| candidate == id);
    if let Some(cell) = position.and_then(|at| report.table2.get_mut(at)) {
        *cell = Val::Int(value);
    }
}

fn get2(report: &GeneratedReport, id: &str) -> i64 {
    report.table2(id).map_or(0, Val::number)
}

/// Makes `report` follow `previous`: carry-over and stocks.
fn chain(report: &mut GeneratedReport, previous: &GeneratedReport) {
    let (new, carried, closed, next) = (row(1), row(2), row(24), row(25));
    for column in 0..6 {
        let carried_in = previous.table3(next, column);
        let mut fresh = report.table3(new, column);
        let done = report.table3(closed, column);
        // The outcomes stay as drawn; new applications make up any shortfall.
        let mut left = fresh + carried_in - done;
        if left < 0 {
            fresh -= left;
            left = 0;
        }
        report.set3(new, column, Val::Int(fresh));
        report.set3(carried, column, Val::Int(carried_in));
        report.set3(next, column, Val::Int(left));
    }
    for id in [new, carried, next] {
        let total = (0..6).map(|column| report.table3(id, column)).sum();
        report.set3(id, 6, Val::Int(total));
    }
    // A 2019-format year after a 2021-format one (or the reverse) names its cells differently.
    if previous.template != report.template {
        return;
    }
    for [stock, made, repealed] in chains(report.template).into_iter().flatten() {
        let before = get2(previous, stock);
        let made_now = get2(report, made);
        let repealed_now = get2(report, repealed).min(before + made_now);
        set2(report, repealed, repealed_now);
        set2(report, stock, before + made_now - repealed_now);
    }
}

fn apply(report: &mut GeneratedReport, fault: SeriesFault, previous: Option<&GeneratedReport>) {
    match fault {
        SeriesFault::CarryOver { column, delta } => {
            let column = column.min(5);
            let (carried, next) = (row(2), row(25));
            // Never below zero: a negative count would be a V001 finding of its own.
            let delta = delta.max(
                -report
                    .table3(carried, column)
                    .min(report.table3(next, column)),
            );
            for id in [carried, next] {
                report.add3(id, column, delta);
                report.add3(id, 6, delta);
            }
        }
        SeriesFault::Stock { delta } => {
            if let Some([_, [stock, ..]]) = chains(report.template) {
                let value = (get2(report, stock) + delta).max(0);
                set2(report, stock, value);
            }
        }
        SeriesFault::CopiedProse => {
            if let Some(previous) = previous {
                report.plan.prose = previous.plan.prose;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(faults: Vec<(u16, SeriesFault)>) -> SeriesOptions {
        SeriesOptions {
            seed: 11,
            index: 3,
            first_year: 2021,
            years: 4,
            faults,
        }
    }

    #[test]
    fn a_clean_series_chains_and_keeps_every_identity() {
        let reports = series(&options(Vec::new()));
        assert_eq!(reports.len(), 4);
        for pair in reports.windows(2) {
            let [previous, report] = pair else { continue };
            assert_eq!(report.organ, previous.organ);
            assert_eq!(report.year, previous.year + 1);
            for column in 0..7 {
                assert_eq!(
                    report.table3(row(2), column),
                    previous.table3(row(25), column)
                );
            }
            for [stock, made, repealed] in chains(report.template).into_iter().flatten() {
                assert_eq!(
                    get2(report, stock),
                    get2(previous, stock) + get2(report, made) - get2(report, repealed)
                );
            }
            assert_ne!(report.plan.prose, previous.plan.prose);
            assert!(
                report.identity_failures().is_empty(),
                "{:?}",
                report.identity_failures()
            );
        }
    }

    #[test]
    fn faults_break_one_link_and_keep_the_report_balanced() {
        let reports = series(&options(vec![
            (
                2022,
                SeriesFault::CarryOver {
                    column: 0,
                    delta: 2,
                },
            ),
            (2023, SeriesFault::Stock { delta: 5 }),
            (2024, SeriesFault::CopiedProse),
        ]));
        let [first, second, third, fourth] = reports.as_slice() else {
            panic!("four years");
        };
        assert_eq!(second.table3(row(2), 0), first.table3(row(25), 0) + 2);
        assert_eq!(second.table3(row(2), 1), first.table3(row(25), 1));
        assert_eq!(third.table3(row(2), 0), second.table3(row(25), 0));
        assert_eq!(
            get2(third, "A6"),
            get2(second, "A6") + get2(third, "A4") - get2(third, "A5") + 5
        );
        assert_eq!(fourth.plan.prose, third.plan.prose);
        for report in &reports {
            assert!(report.identity_failures().is_empty());
        }
    }
}

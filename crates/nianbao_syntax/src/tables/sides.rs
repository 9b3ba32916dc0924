//! Which side of its label a row's numbers are printed on.
//!
//! Grids and layout-preserving PDF text print a row label before its numbers. A reading-order
//! extraction (plain `pdftotext`, one cell per line) puts some labels *after* their numbers: a
//! label cell vertically centred in a tall row starts below the row's numbers. Read naively,
//! every row after such a label takes its successor's numbers. Here each row label may take the
//! value gap after it or the one before it; two neighbouring labels compete for the gap between
//! them. The choice that gives the most rows their numbers wins, and among those the one with
//! the most labels first (the usual layout), so a grid reads exactly as before. A text whose
//! labels and numbers sit in separate blocks (exported column by column) is recognised here too:
//! no choice of sides can read it.

use super::{Item, Reader};
use crate::cells::Assembly;
use crate::labels::Found;
use nianbao_model::{Cell, Value};
use nianbao_source::Span;

/// A found row label and the number of cells its row has.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RowLabel {
    pub hit: Found,
    pub cells: usize,
}

/// Reads every row's cells (rows in document order; `items` are the folded `(start, end)` of
/// every label and caption of the table, sorted; `[from, to)` the table): from the gap after
/// its label, or, where labels follow their numbers, from the gap before it.
pub(crate) fn read_rows(
    reader: &mut Reader,
    rows: &[RowLabel],
    items: &[Item],
    (from, to): (usize, usize),
    group: usize,
) -> Vec<(Span, Assembly)> {
    // `items` are sorted: the first one starting at or after `end`, by bisection.
    let next = |end: usize| items.get(items.partition_point(|item| item.start < end));
    let next_start = |end: usize| next(end).map_or(to, |item| item.start);
    let mut readings: Vec<(Span, Assembly)> = rows
        .iter()
        .map(|row| reader.read_after(&row.hit, next(row.hit.end), to, row.cells, group))
        .collect();
    if readings.iter().all(|(_, assembly)| assembly.reads()) {
        return readings;
    }
    let previous_end = |start: usize| {
        items
            .iter()
            .map(|item| item.end)
            .filter(|&end| end <= start)
            .max()
            .unwrap_or(from)
    };
    let mut shares: Vec<bool> = rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            rows.get(index + 1)
                .is_some_and(|next| next_start(row.hit.end) == next.hit.start)
        })
        .collect();
    // A label printed before its numbers followed by one printed after them: the gap between
    // the two labels holds both rows' numbers, the first row's first.
    let mut befores: Vec<Option<(Span, Assembly)>> = (0..rows.len()).map(|_| None).collect();
    for index in 0..rows.len() {
        let (Some(row), Some(next)) = (rows.get(index), rows.get(index + 1)) else {
            continue;
        };
        let both = row.cells + next.cells;
        let Some(&(region, Assembly::WrongCount { found, .. })) = readings.get(index) else {
            continue;
        };
        if found != both || !shares.get(index).copied().unwrap_or(false) {
            continue;
        }
        let Some(cut) = reader.value_start(region, row.cells) else {
            continue;
        };
        let (first_span, second_span) = (Span::new(region.start, cut), Span::new(cut, region.end));
        let first = reader.read_span(first_span, row.cells, group);
        let second = reader.read_span(second_span, next.cells, group);
        if first.reads() && second.reads() {
            if let Some(slot) = readings.get_mut(index) {
                *slot = (first_span, first);
            }
            if let Some(slot) = befores.get_mut(index + 1) {
                *slot = Some((second_span, second));
            }
            if let Some(slot) = shares.get_mut(index) {
                *slot = false;
            }
        }
    }
    let mut gaps: Vec<Gaps> = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let after = readings
            .get(index)
            .is_some_and(|(_, assembly)| assembly.reads());
        // The gap the previous label read after, when it has as many cells: no second read.
        let previous_after = index
            .checked_sub(1)
            .filter(|&previous| shares.get(previous).copied().unwrap_or(false))
            .filter(|&previous| rows.get(previous).is_some_and(|p| p.cells == row.cells))
            .and_then(|previous| readings.get(previous))
            .cloned();
        let before = match befores.get_mut(index).and_then(Option::take) {
            Some(before) => before,
            None => match previous_after {
                Some(reading) => reading,
                None => reader.read(previous_end(row.hit.start), row.hit.start, row.cells, group),
            },
        };
        let before_reads = before.1.reads() && before.1.prints_a_value(&reader.cells);
        gaps.push(Gaps {
            after,
            before: before_reads,
            shares_next: shares.get(index).copied().unwrap_or(false),
        });
        if let Some(slot) = befores.get_mut(index) {
            *slot = Some(before);
        }
    }
    for ((reading, before), side) in readings.iter_mut().zip(&mut befores).zip(sides(&gaps)) {
        if side == Side::Before
            && let Some(before) = before.take()
        {
            *reading = before;
        }
    }
    readings
}

/// Whether the rows read show the labels in one block and the numbers in another: three row
/// labels in a row with nothing between them, and a gap holding the numbers of two rows or more.
pub(crate) fn numbers_in_a_block(readings: &[(Span, Assembly)], n: usize) -> bool {
    let mut empty_run = 0;
    let mut labels_block = false;
    let mut numbers_block = false;
    for (_, assembly) in readings {
        match assembly {
            Assembly::WrongCount { found: 0, .. } => {
                empty_run += 1;
                labels_block |= empty_run >= 3;
            }
            Assembly::WrongCount { found, .. } => {
                empty_run = 0;
                numbers_block |= *found >= 2 * n;
            }
            _ => empty_run = 0,
        }
    }
    labels_block && numbers_block
}

impl Assembly {
    /// Whether the gap reads as the row's cells (possibly after choosing among alignments or
    /// splits).
    fn reads(&self) -> bool {
        matches!(
            self,
            Assembly::Cells(_) | Assembly::Alignments(_) | Assembly::Splits { .. }
        )
    }

    /// Whether some cell holds a printed value: a gap of blank grid cells before a label is a
    /// header's padding, not a row printed before its label.
    fn prints_a_value(&self, buffer: &[Cell]) -> bool {
        match self {
            Assembly::Cells(stored) => stored
                .of(buffer)
                .iter()
                .any(|cell| cell.value != Value::Blank),
            Assembly::Alignments(windows) => windows
                .iter()
                .any(|cells| cells.iter().any(|cell| cell.value != Value::Blank)),
            _ => true,
        }
    }
}

/// Where a row's numbers were taken from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// The gap after the label (up to the next label or caption).
    After,
    /// The gap before the label (from the previous label or caption).
    Before,
    /// Neither gap reads as the row's cells.
    Neither,
}

/// One row label in document order: whether each of its gaps reads as its cells, and whether
/// its gap after is the next row's gap before (no caption between them).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Gaps {
    pub after: bool,
    pub before: bool,
    pub shares_next: bool,
}

/// The best side for every row (see the module doc), by dynamic programming over the rows.
pub(crate) fn sides(rows: &[Gaps]) -> Vec<Side> {
    // best[took_after] = (assigned rows, rows taking After, choices so far).
    type State = (usize, usize, Vec<Side>);
    let mut best: [Option<State>; 2] = [Some((0, 0, Vec::new())), None];
    let mut previous_shares = false;
    for row in rows {
        let mut next: [Option<State>; 2] = [None, None];
        for (took_after, state) in best.iter().enumerate() {
            let Some((assigned, afters, choices)) = state else {
                continue;
            };
            let before_free = !(previous_shares && took_after == 1);
            let options = [
                (row.after, Side::After),
                (row.before && before_free, Side::Before),
                (true, Side::Neither),
            ];
            for (allowed, side) in options {
                if !allowed {
                    continue;
                }
                let score = (
                    assigned + usize::from(side != Side::Neither),
                    afters + usize::from(side == Side::After),
                );
                let slot = usize::from(side == Side::After);
                let better = next[slot].as_ref().is_none_or(|(a, b, _)| score > (*a, *b));
                if better {
                    // Room for every row: a clone would be full, and its push would regrow it.
                    let mut extended = Vec::with_capacity(rows.len());
                    extended.extend_from_slice(choices);
                    extended.push(side);
                    next[slot] = Some((score.0, score.1, extended));
                }
            }
        }
        best = next;
        previous_shares = row.shares_next;
    }
    let [neither, after] = best;
    [neither, after]
        .into_iter()
        .flatten()
        .max_by_key(|(assigned, afters, _)| (*assigned, *afters))
        .map(|(_, _, choices)| choices)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaps(after: bool, before: bool) -> Gaps {
        Gaps {
            after,
            before,
            shares_next: true,
        }
    }

    #[test]
    fn labels_first_read_as_before() {
        // L1 V1 L2 V2 L3 V3: every gap after reads, so every row reads after.
        let rows = [gaps(true, false), gaps(true, true), gaps(true, true)];
        assert_eq!(sides(&rows), [Side::After; 3]);
    }

    #[test]
    fn labels_after_their_numbers() {
        // V1 L1 V2 L2 V3 L3 (nothing after L3): taking after would leave L3 without numbers.
        let rows = [gaps(true, true), gaps(true, true), gaps(false, true)];
        assert_eq!(sides(&rows), [Side::Before; 3]);
    }

    #[test]
    fn mixed_orders() {
        // V1 L1 L2 V2 L3 V3: L1 before, L2 after, L3 after.
        let rows = [gaps(false, true), gaps(true, false), gaps(true, true)];
        assert_eq!(sides(&rows), [Side::Before, Side::After, Side::After]);
        // A row without numbers between two labels-first rows stays without.
        let rows = [gaps(true, false), gaps(false, true), gaps(true, false)];
        assert_eq!(sides(&rows), [Side::After, Side::Neither, Side::After]);
    }

    #[test]
    fn a_caption_between_rows_separates_their_gaps() {
        let mut first = gaps(true, false);
        first.shares_next = false;
        // L1 V1 | caption | V2 L2: both read.
        let rows = [first, gaps(false, true)];
        assert_eq!(sides(&rows), [Side::After, Side::Before]);
    }
}

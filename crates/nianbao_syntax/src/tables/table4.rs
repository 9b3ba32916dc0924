//! Table 4, 政府信息公开行政复议、行政诉讼情况: the first run of fifteen values after its anchor.

use super::{Reader, missing, region_of_slots, to_array, trim_blanks, unresolved};
use crate::cells::{Assembly, assemble, row_sum_holds};
use crate::diag;
use crate::labels;
use crate::scan::{self, Slot};
use nianbao_model::{Cell, Table4};
use std::sync::LazyLock;

pub(super) static T4_ANCHOR: LazyLock<crate::fold::Needle> =
    LazyLock::new(|| crate::fold::Needle::new("行政复议"));

/// Folded start of the `行政复议` anchor in `[from, to)`.
pub(crate) fn table4_anchor(reader: &Reader, from: usize, to: usize) -> Option<usize> {
    reader.folded.find(&T4_ANCHOR, from, to)
}

/// Reads Table 4: the first run of 15 values after the `行政复议` anchor in folded `[from, to)`.
pub(crate) fn table4(reader: &mut Reader, from: usize, to: usize) -> Option<Table4> {
    let anchor = reader.folded.find(&T4_ANCHOR, from, to)?;
    let region = labels::region(reader.folded, anchor + T4_ANCHOR.len(), to);
    reader.slots.clear();
    scan::slots(
        reader.source,
        region.start as usize,
        region.end as usize,
        &mut reader.slots,
    );
    let run = value_run(&reader.slots, 15)?;
    let run: Vec<Slot> = run.to_vec();
    let run_span = region_of_slots(&run, region);
    let span = reader.folded.span(anchor, anchor).cover(run_span);
    let assembly = assemble(
        reader.source,
        &run,
        15,
        5,
        run_span,
        &mut reader.digits,
        &mut reader.cells,
    );
    let cells: [Cell; 15] = match assembly {
        Assembly::Cells(stored) => to_array(stored.of(&reader.cells), run_span),
        Assembly::Alignments(windows) => {
            let balanced: Vec<&Vec<Cell>> = windows
                .iter()
                .filter(|cells| cells.chunks(5).all(row_sum_holds))
                .collect();
            match balanced.as_slice() {
                [only] => to_array(only, run_span),
                _ => {
                    reader.diagnostics.push(diag::ambiguous_alignment(
                        run_span,
                        "表四",
                        windows.len(),
                    ));
                    unresolved(run_span)
                }
            }
        }
        Assembly::Splits { rendered, span, .. } => {
            reader
                .diagnostics
                .push(diag::ambiguous_split(span, "表四", &rendered));
            unresolved(span)
        }
        Assembly::Unsplittable { span, too_many } => {
            reader
                .diagnostics
                .push(diag::unsplittable(span, "表四", too_many, 15));
            unresolved(span)
        }
        Assembly::WrongCount { found, span, merge } => {
            reader
                .diagnostics
                .push(diag::wrong_count(span, "表四", found, 15, merge));
            missing(span)
        }
    };
    Some(Table4 { span, cells })
}

/// The first run of value slots (text ends a run) that can hold `n` cells.
fn value_run(slots: &[Slot], n: usize) -> Option<&[Slot]> {
    let mut start = 0;
    for end in 0..=slots.len() {
        // A glued run too long for one number is still digits, not text.
        let is_break = slots
            .get(end)
            .is_none_or(|slot| !slot.is_value() && !slot.glued);
        if !is_break {
            continue;
        }
        let whole = slots.get(start..end).unwrap_or(&[]);
        let trimmed = trim_blanks(whole);
        // Blank cells at the end of the row are cells too (a one-row table whose last block is
        // empty: `5\t\t\t2\t7\t8\t\t\t1\t9\t\t\t\t\t`).
        let run = if trimmed.len() < n && whole.len() >= n && !trimmed.is_empty() {
            let first = whole.iter().position(|slot| !slot.is_blank()).unwrap_or(0);
            whole.get(first..).unwrap_or(trimmed)
        } else {
            trimmed
        };
        let digits: usize = run
            .iter()
            .map(|slot| {
                if slot.glued {
                    slot.span.len() as usize
                } else {
                    1
                }
            })
            .sum();
        if run.len() >= n || (run.iter().any(|slot| slot.glued) && digits >= n) {
            return Some(run);
        }
        start = end + 1;
    }
    None
}

//! From the slots of one row's value region to exactly `n` cells (`layouts.md` §1 step 6, §8).

use crate::scan::Slot;
use crate::split::{self, Digit, Splits, Token};
use nianbao_model::{Cell, Provenance, Value};
use nianbao_source::Span;

/// How a row's cells were obtained.
#[derive(Clone, Debug)]
pub(crate) enum Assembly {
    /// One reading, kept in the parse's cell buffer.
    Cells(Stored),
    /// Several windows of `n` slots contain every printed value (blank cells at the row ends).
    Alignments(Vec<Vec<Cell>>),
    /// Several splits of glued digits satisfy the identities.
    Splits {
        candidates: Vec<Vec<Cell>>,
        rendered: Vec<String>,
        span: Span,
    },
    /// The digits cannot be split so that the identities hold, or there are too many ways.
    Unsplittable { span: Span, too_many: bool },
    /// Neither a window nor a split gives `n` cells. `merge` names the one pair of adjacent
    /// single digits whose merging would give `n` cells satisfying the identities (a number
    /// broken in two by extraction, `layouts.md` §9); it is a hint, never applied.
    WrongCount {
        found: usize,
        span: Span,
        merge: Option<(Span, i64)>,
    },
}

/// Where one reading's cells sit in the cell buffer of a parse: rows are read by the dozen per
/// report, and a buffer that only grows spares each its own allocation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stored {
    from: u32,
    to: u32,
}

impl Stored {
    /// Appends `cells` to `buffer`.
    fn push(buffer: &mut Vec<Cell>, cells: impl IntoIterator<Item = Cell>) -> Self {
        let from = buffer.len() as u32;
        buffer.extend(cells);
        Self {
            from,
            to: buffer.len() as u32,
        }
    }

    /// The cells in `buffer`, the one they were pushed to.
    pub fn of(self, buffer: &[Cell]) -> &[Cell] {
        buffer
            .get(self.from as usize..self.to as usize)
            .unwrap_or(&[])
    }
}

/// Reads `n` cells from `slots`; `group` is the identity group size for splitting (0: none,
/// splits are then accepted only when unique). A single reading's cells go to `buffer`.
pub(crate) fn assemble(
    source: &str,
    slots: &[Slot],
    n: usize,
    group: usize,
    region: Span,
    digits: &mut Vec<Digit>,
    buffer: &mut Vec<Cell>,
) -> Assembly {
    // Nearly every row: exactly `n` printed values, which every rule below keeps as they are.
    if slots.len() == n
        && slots
            .iter()
            .all(|slot| !matches!(slot.value, Value::Text | Value::Blank))
    {
        return Assembly::Cells(Stored::push(buffer, slots.iter().map(exact)));
    }
    let slots = row_part(slots, n);
    // Text before the first value is a header or the rest of a label, not a cell; a numbered
    // item there is another row's label (`1.申请人…` under a caption), whose numbers these are.
    let is_text = |slot: &Slot| matches!(slot.value, Value::Text) && !slot.glued;
    let slots = if slots.first().is_some_and(is_text) {
        let text_before = slots
            .iter()
            .position(|slot| !is_text(slot))
            .unwrap_or(slots.len());
        let leading = slots.get(..text_before).unwrap_or(&[]);
        if leading
            .iter()
            .any(|slot| starts_numbered(slot.span.slice(source)))
        {
            slots
        } else {
            slots.get(text_before..).unwrap_or(&[])
        }
    } else {
        slots
    };
    let first = slots.iter().position(|slot| !slot.is_blank());
    let last = slots.iter().rposition(|slot| !slot.is_blank());
    let (Some(first), Some(last)) = (first, last) else {
        // Only blank slots: a row of blank cells when there are enough of them.
        if slots.len() >= n {
            return Assembly::Cells(Stored::push(buffer, slots.iter().take(n).map(exact)));
        }
        return Assembly::WrongCount {
            found: slots.len(),
            span: region,
            merge: None,
        };
    };
    let core = slots.get(first..=last).unwrap_or(&[]);
    let span = core
        .first()
        .zip(core.last())
        .map_or(region, |(a, b)| a.span.cover(b.span));
    // Blank slots between `n` printed values are merged grid cells, not cells of the row
    // (`规章\t13\t13\t\t524`): every value keeps its own cell only this way.
    if core.len() > n
        && core.iter().all(Slot::is_value)
        && core.iter().filter(|slot| !slot.is_blank()).count() == n
    {
        let cells = core.iter().filter(|slot| !slot.is_blank()).map(exact);
        return Assembly::Cells(Stored::push(buffer, cells));
    }
    if core.len() > n {
        return Assembly::WrongCount {
            found: core.len(),
            span,
            merge: merge_hint(core, n, group),
        };
    }
    if core.len() == n || slots.len() >= n {
        let lowest = (last + 1).saturating_sub(n);
        let highest = first.min(slots.len() - n);
        let window = |start: usize| slots.get(start..start + n);
        // Nearly every row has one window: its cells without a list of windows around them.
        if lowest == highest
            && let Some(only) = window(lowest)
        {
            return Assembly::Cells(Stored::push(buffer, only.iter().map(exact)));
        }
        let windows: Vec<Vec<Cell>> = (lowest..=highest)
            .filter_map(window)
            .map(|window| window.iter().map(exact).collect())
            .collect();
        return match windows.len() {
            1 => Assembly::Cells(Stored::push(
                buffer,
                windows.into_iter().next().unwrap_or_default(),
            )),
            _ => Assembly::Alignments(windows),
        };
    }
    if !core.iter().all(|slot| slot.glued || is_single_digit(slot)) {
        return Assembly::WrongCount {
            found: core.len(),
            span,
            merge: None,
        };
    }
    split_core(source, core, n, group, span, digits, buffer)
}

/// The slots up to the first text that follows a complete row (`n` values, or a glued run): a
/// note or the next table's header printed after the row is not part of it.
fn row_part(slots: &[Slot], n: usize) -> &[Slot] {
    // Cells seen since the first value: a blank cell between values is a cell of the row.
    let mut cells = 0;
    let mut glued = false;
    for (index, slot) in slots.iter().enumerate() {
        if matches!(slot.value, Value::Text) && !slot.glued {
            if cells >= n || glued {
                return slots.get(..index).unwrap_or(slots);
            }
            continue;
        }
        if !slot.is_blank() || cells > 0 {
            cells += 1;
            glued |= slot.glued;
        }
    }
    slots
}

/// `1.…`, `1、…`, `（一）…`, `(1)…`, `一、…`: the numbering that starts a row label.
fn starts_numbered(text: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut chars = text.trim_start().chars();
    match chars.next() {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|c| NUMERALS.contains(c) || crate::scan::digit(c).is_some()),
        Some(c) if crate::scan::digit(c).is_some() => {
            chars.next().is_some_and(|c| matches!(c, '.' | '、' | '．'))
        }
        Some(c) if NUMERALS.contains(c) => chars.next() == Some('、'),
        _ => false,
    }
}

fn is_single_digit(slot: &Slot) -> bool {
    matches!(slot.value, Value::Number(0..=9)) && slot.span.len() <= 3
}

fn exact(slot: &Slot) -> Cell {
    Cell {
        value: slot.value,
        span: slot.span,
        provenance: Provenance::Exact,
    }
}

fn split_core(
    source: &str,
    core: &[Slot],
    n: usize,
    group: usize,
    span: Span,
    digits: &mut Vec<Digit>,
    buffer: &mut Vec<Cell>,
) -> Assembly {
    digits.clear();
    let mut breaks = Vec::with_capacity(core.len());
    for slot in core {
        if !digits.is_empty() {
            breaks.push(digits.len() as u32);
        }
        split::digits_of(slot.span.slice(source), slot.span.start, digits);
    }
    match split::enumerate(digits, &breaks, n, group) {
        Splits::TooMany => Assembly::Unsplittable {
            span,
            too_many: true,
        },
        Splits::Found(found) => {
            match found.as_slice() {
                [] => Assembly::Unsplittable {
                    span,
                    too_many: false,
                },
                [only] => Assembly::Cells(Stored::push(buffer, cells_of(only, digits))),
                // Rendered for the diagnostic only when there is a choice to report.
                _ => Assembly::Splits {
                    candidates: found
                        .iter()
                        .map(|tokens| cells_of(tokens, digits))
                        .collect(),
                    rendered: found.iter().map(|tokens| split::render(tokens)).collect(),
                    span,
                },
            }
        }
    }
}

fn cells_of(tokens: &[Token], digits: &[Digit]) -> Vec<Cell> {
    tokens
        .iter()
        .map(|token| {
            let start = digits.get(token.from as usize).map_or(0, |d| d.start);
            let end = digits
                .get((token.to as usize).saturating_sub(1))
                .map_or(start, |d| d.end);
            Cell {
                value: Value::Number(token.value),
                span: Span::new(start, end),
                provenance: Provenance::Split,
            }
        })
        .collect()
}

/// The single merge of two adjacent single-digit cells that leaves `n` cells satisfying every
/// identity group.
fn merge_hint(core: &[Slot], n: usize, group: usize) -> Option<(Span, i64)> {
    if group == 0 || core.len() != n + 1 {
        return None;
    }
    let values: Vec<i64> = core
        .iter()
        .map(|slot| slot.value.as_integer())
        .collect::<Option<_>>()?;
    let mut found = None;
    for index in 0..n {
        let (Some(a), Some(b)) = (core.get(index), core.get(index + 1)) else {
            continue;
        };
        if !is_single_digit(a) || !is_single_digit(b) {
            continue;
        }
        let merged_value = values.get(index)? * 10 + values.get(index + 1)?;
        let mut merged: Vec<i64> = values.clone();
        merged.splice(index..index + 2, [merged_value]);
        let holds = merged.chunks(group).all(|chunk| match chunk.split_last() {
            Some((total, parts)) => {
                chunk.len() == group
                    && parts.iter().copied().map(i128::from).sum::<i128>() == i128::from(*total)
            }
            None => false,
        });
        if holds {
            if found.is_some() {
                return None;
            }
            found = Some((a.span.cover(b.span), merged_value));
        }
    }
    found
}

/// True when the cells' last value is the sum of the others (H01 for one Table 3 row).
pub(crate) fn row_sum_holds(cells: &[Cell]) -> bool {
    let Some((total, parts)) = cells.split_last() else {
        return false;
    };
    let Some(total) = total.value.as_integer() else {
        return false;
    };
    // i128: printed numbers can be as large as i64 allows.
    parts
        .iter()
        .map(|cell| cell.value.as_integer().map_or(0, i128::from))
        .sum::<i128>()
        == i128::from(total)
}

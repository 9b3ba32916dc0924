//! Tables 2, 3 and 4: labels found in template order in the folded copy, values read from the
//! source text between one label and the next. Each table has its module; this one holds the
//! reading state they share and the cell helpers.

mod all;
mod sides;
mod table2;
mod table3;
mod table3_resolve;
mod table4;

pub(crate) use all::read_all;
use table2::{table2, table2_anchor, table2_signals};
use table3::{table3, table3_anchor};
use table4::{table4, table4_anchor};

use crate::cells::{Assembly, assemble};
use crate::fold::Folded;
use crate::labels::{self, Found, LabelForm};
use crate::scan::{self, Slot};
use crate::split::Digit;
use nianbao_model::{Cell, Diagnostic, LabelMatch, Provenance, Value};
use nianbao_source::Span;

/// Slots one value region usually holds: a row, or Table 4 with its header.
const SLOTS_CAPACITY: usize = 128;
/// Cells of the single readings of a report: Tables 2, 3 and 4 together.
const CELLS_CAPACITY: usize = 256;

/// Shared state of one parse: the texts and reusable buffers.
pub(crate) struct Reader<'a> {
    pub source: &'a str,
    pub folded: &'a Folded<'a>,
    pub diagnostics: Vec<Diagnostic>,
    slots: Vec<Slot>,
    digits: Vec<Digit>,
    /// The cells of every single reading of the parse (`Assembly::Cells`).
    cells: Vec<Cell>,
    /// Folded starts of the section headings: no value region runs past one.
    headings: Vec<usize>,
}

impl<'a> Reader<'a> {
    pub fn new(source: &'a str, folded: &'a Folded<'a>, headings: Vec<usize>) -> Self {
        Self {
            source,
            folded,
            diagnostics: Vec::new(),
            // Sized for a whole report's rows (Table 3 alone reads 25 rows of seven cells), so
            // that the buffers do not regrow row after row.
            slots: Vec::with_capacity(SLOTS_CAPACITY),
            digits: Vec::new(),
            cells: Vec::with_capacity(CELLS_CAPACITY),
            headings,
        }
    }

    /// `next_start`, or the first section heading before it.
    fn bound(&self, label_end: usize, next_start: usize) -> usize {
        let index = self.headings.partition_point(|&start| start < label_end);
        self.headings
            .get(index)
            .map_or(next_start, |&heading| heading.min(next_start))
    }

    fn find(&self, form: &LabelForm, from: usize, to: usize) -> Option<Found> {
        labels::find(self.source, self.folded, form, from, to)
    }

    /// Reads `n` cells from the source between folded `label_end` and `next_start`.
    fn read(
        &mut self,
        label_end: usize,
        next_start: usize,
        n: usize,
        group: usize,
    ) -> (Span, Assembly) {
        let region = labels::region(self.folded, label_end, self.bound(label_end, next_start));
        (region, self.read_span(region, n, group))
    }

    /// Reads `n` cells after the label `hit`, up to the item `next` (the table end `to` when
    /// there is none). Both ends are mapped back to the source when known already: the label's
    /// span ends where the region starts, and the next item's span may start where it ends.
    fn read_after(
        &mut self,
        hit: &Found,
        next: Option<&Item>,
        to: usize,
        n: usize,
        group: usize,
    ) -> (Span, Assembly) {
        let start = hit.label.span.end;
        let next_start = next.map_or(to, |item| item.start);
        let bound = self.bound(hit.end, next_start);
        let end = match next.and_then(|item| item.source_start) {
            Some(source_start) if bound == next_start => source_start,
            _ => self.folded.source_start(bound),
        };
        let region = Span::new(start, end.max(start));
        (region, self.read_span(region, n, group))
    }

    /// Reads `n` cells from the source span `region`.
    fn read_span(&mut self, region: Span, n: usize, group: usize) -> Assembly {
        self.slots.clear();
        scan::slots(
            self.source,
            region.start as usize,
            region.end as usize,
            &mut self.slots,
        );
        assemble(
            self.source,
            &self.slots,
            n,
            group,
            region,
            &mut self.digits,
            &mut self.cells,
        )
    }

    /// The source offset where value slot `index` (0-based, text not counted) of `region`
    /// starts.
    fn value_start(&mut self, region: Span, index: usize) -> Option<u32> {
        self.slots.clear();
        scan::slots(
            self.source,
            region.start as usize,
            region.end as usize,
            &mut self.slots,
        );
        self.slots
            .iter()
            .filter(|slot| slot.is_value())
            .nth(index)
            .map(|slot| slot.span.start)
    }
}

/// A label or caption found in a table: its folded extent, and the source offset of its start
/// when finding it computed that already.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Item {
    pub start: usize,
    pub end: usize,
    /// `folded.source_start(start)`. Known for a label matched exactly or folded, whose span
    /// starts with its numbering; a near miss's span leaves its numbering out.
    source_start: Option<u32>,
}

impl Item {
    fn of(found: &Found) -> Self {
        let source_start = matches!(found.label.matched, LabelMatch::Exact | LabelMatch::Folded)
            .then_some(found.label.span.start);
        Self {
            start: found.start,
            end: found.end,
            source_start,
        }
    }
}

/// A label's first hit over a folded range, found already. Over a range inside that one it is
/// the first hit too when it lies inside it, numbering and all (a hit refused over the wider
/// range for want of a numbering is refused over the narrower one too), and no hit over the
/// wider range means none inside it.
#[derive(Clone, Copy)]
pub(crate) struct Searched {
    pub hit: Option<Found>,
}

impl Searched {
    /// The first hit over `[low, high)`, inside the range searched, when this search tells it.
    pub fn within(self, low: usize, high: usize) -> Option<Option<Found>> {
        match self.hit {
            None => Some(None),
            Some(hit) if hit.start >= low && hit.end <= high => Some(Some(hit)),
            Some(_) => None,
        }
    }
}

fn to_array<const N: usize>(cells: &[Cell], region: Span) -> [Cell; N] {
    let mut out = [Cell::missing(Span::new(region.end, region.end)); N];
    for (slot, cell) in out.iter_mut().zip(cells) {
        *slot = *cell;
    }
    out
}

fn unresolved<const N: usize>(span: Span) -> [Cell; N] {
    [Cell {
        value: Value::Unresolved,
        span,
        provenance: Provenance::Exact,
    }; N]
}

fn missing<const N: usize>(span: Span) -> [Cell; N] {
    [Cell::missing(span); N]
}

fn trim_blanks(slots: &[Slot]) -> &[Slot] {
    let first = slots
        .iter()
        .position(|slot| !slot.is_blank())
        .unwrap_or(slots.len());
    let last = slots
        .iter()
        .rposition(|slot| !slot.is_blank())
        .map_or(first, |at| at + 1);
    slots.get(first..last.max(first)).unwrap_or(&[])
}

fn region_of_slots(slots: &[Slot], fallback: Span) -> Span {
    slots
        .first()
        .zip(slots.last())
        .map_or(fallback, |(a, b)| a.span.cover(b.span))
}

/// The tab/pipe column a source offset sits in.
pub(super) fn column_of(source: &str, offset: u32) -> usize {
    // Grid lines are short; a line of megabytes is not a grid, and scanning it per row would be
    // quadratic.
    let mut from = (offset as usize).saturating_sub(4096);
    while !source.is_char_boundary(from) {
        from -= 1;
    }
    let before = source.get(from..offset as usize).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or("");
    line.chars().filter(|&c| c == '\t' || c == '|').count()
}

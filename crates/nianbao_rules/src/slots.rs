//! The numbers of a report's Table 3 and Table 4 cells in one flat array, read once per report,
//! and the sums over it that the identities evaluate: a report's identities add the same cells
//! again and again (a row against its total, a column against its total), and a sum over slots
//! of this array costs a few instructions a cell where a look-up through the model costs several
//! times that. Table 2's cells are found by id in a layout of the report's own, and keep the
//! look-up.

use crate::resolve::{Atom, CellRef};
use nianbao_model::template::ROW_SLOTS;
use nianbao_model::{Cell, Report, Value};

/// Columns of a Table 3 row.
const COLUMNS: usize = 7;
/// Slots of Table 3's cells, row by row ([`RowId::index`](nianbao_model::template::RowId)),
/// before Table 4's.
const TABLE3: usize = ROW_SLOTS * COLUMNS;
/// Cells of Table 4.
const TABLE4: usize = 15;

/// How many slots there are.
const SLOTS: usize = TABLE3 + TABLE4;
/// Words of a bit set over the slots.
const WORDS: usize = SLOTS.div_ceil(64);

/// A set of slots, a bit each.
type SlotSet = [u64; WORDS];

/// Per slot ([`slot`]), the number its cell holds, and the set of slots whose cell is missing or
/// holds no number (blank, placeholder, text, decimal, unread). Kept inline (1.6 KB): a heap
/// block cleared for every report cost as much as filling it.
pub(crate) struct CellNumbers {
    values: [i64; SLOTS],
    unread: SlotSet,
}

impl CellNumbers {
    pub(crate) fn of(report: &Report) -> Self {
        let mut numbers = Self {
            values: [0; SLOTS],
            unread: [u64::MAX; WORDS],
        };
        let mut set = |slot: usize, cell: &Cell| {
            if let (Value::Number(n), Some(value)) = (cell.value, numbers.values.get_mut(slot)) {
                *value = n;
                if let Some(word) = numbers.unread.get_mut(slot / 64) {
                    *word &= !(1 << (slot % 64));
                }
            }
        };
        if let Some(table3) = &report.table3 {
            for (index, row) in table3.rows.iter().enumerate() {
                let Some(row) = row else {
                    continue;
                };
                for (column, cell) in row.cells.iter().enumerate().take(COLUMNS) {
                    set(index * COLUMNS + column, cell);
                }
            }
        }
        if let Some(table4) = &report.table4 {
            for (index, cell) in table4.cells.iter().enumerate().take(TABLE4) {
                set(TABLE3 + index, cell);
            }
        }
        numbers
    }

    /// The number in `slot`, `None` where its cell holds none.
    #[cfg(test)]
    fn get(&self, slot: u16) -> Option<i64> {
        let slot = usize::from(slot);
        let unread = self.unread.get(slot / 64)? >> (slot % 64) & 1 == 1;
        self.values.get(slot).copied().filter(|_| !unread)
    }
}

/// The slot of a Table 3 or Table 4 cell; `None` for Table 2's and for a cell the tables do not
/// have.
fn slot(cell: &CellRef) -> Option<u16> {
    let slot = match cell {
        CellRef::Table2(_) => return None,
        CellRef::Table3(row, column) if *column < COLUMNS => row.index() * COLUMNS + column,
        CellRef::Table3(..) => return None,
        CellRef::Table4(index) if *index < TABLE4 => TABLE3 + index,
        CellRef::Table4(_) => return None,
    };
    u16::try_from(slot).ok()
}

/// One side of an identity as a sum over slots: its constants added up, the slots it adds and
/// those it subtracts, and all of them as a set.
#[derive(Debug)]
pub(crate) struct SlotSum {
    constant: i128,
    plus: Vec<u16>,
    minus: Vec<u16>,
    slots: SlotSet,
}

impl SlotSum {
    /// The sum of `atoms`, when every cell in it has a slot.
    #[cfg(test)]
    fn of(atoms: &[Atom]) -> Option<Self> {
        Self::difference(atoms, &[])
    }

    /// `lhs` less `rhs` as one sum, when every cell in them has a slot: an identity holds when
    /// it is 0 (or at least 0), which one pass over the slots tells.
    pub(crate) fn difference(lhs: &[Atom], rhs: &[Atom]) -> Option<Self> {
        let mut sum = SlotSum {
            constant: 0,
            plus: Vec::new(),
            minus: Vec::new(),
            slots: [0; WORDS],
        };
        let signed = lhs
            .iter()
            .map(|atom| (atom, false))
            .chain(rhs.iter().map(|atom| (atom, true)));
        for (atom, subtracted) in signed {
            match atom {
                Atom::Int(n) if subtracted => sum.constant -= i128::from(*n),
                Atom::Int(n) => sum.constant += i128::from(*n),
                Atom::Cell { negative, cell } => {
                    let slot = slot(cell)?;
                    let word = sum.slots.get_mut(usize::from(slot) / 64)?;
                    *word |= 1 << (slot % 64);
                    if *negative != subtracted {
                        sum.minus.push(slot);
                    } else {
                        sum.plus.push(slot);
                    }
                }
            }
        }
        Some(sum)
    }

    /// The sum when every cell in it holds a number; `None` otherwise (a blank, a cell not
    /// read, an overflow). The slots it adds are added first, then those it subtracts, so an
    /// overflow on the way may differ from the order written: the identity's full evaluation,
    /// which adds in that order, decides such a sum anyway.
    pub(crate) fn value(&self, numbers: &CellNumbers) -> Option<i64> {
        if self
            .slots
            .iter()
            .zip(&numbers.unread)
            .any(|(wanted, unread)| wanted & unread != 0)
        {
            return None;
        }
        let mut sum = i64::try_from(self.constant).ok()?;
        let mut overflow = false;
        for &slot in &self.plus {
            let value = numbers.values.get(usize::from(slot)).copied().unwrap_or(0);
            let (next, over) = sum.overflowing_add(value);
            sum = next;
            overflow |= over;
        }
        for &slot in &self.minus {
            let value = numbers.values.get(usize::from(slot)).copied().unwrap_or(0);
            let (next, over) = sum.overflowing_sub(value);
            sum = next;
            overflow |= over;
        }
        (!overflow).then_some(sum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::template::RowId;

    /// Every cell of the seed's Tables 3 and 4 (and cells the tables do not have) reads the same
    /// through its slot as through the model, and a sum over slots adds as the look-ups do.
    #[test]
    fn slots_read_what_the_lookups_read() {
        let source = nianbao_testdata::seed();
        let report = nianbao_syntax::parse(&source).report;
        let numbers = CellNumbers::of(&report);
        let rows = RowId::all_2021().chain([RowId::R21_23]);
        let cells = rows
            .flat_map(|row| (0..=COLUMNS).map(move |column| CellRef::Table3(row, column)))
            .chain((0..=TABLE4).map(CellRef::Table4));
        let mut atoms = Vec::new();
        for cell in cells {
            let looked_up = cell.lookup(&report).and_then(|found| match found.value {
                Value::Number(n) => Some(n),
                _ => None,
            });
            let read = slot(&cell).and_then(|slot| numbers.get(slot));
            assert_eq!(read, looked_up, "{cell:?}");
            if looked_up.is_some() {
                atoms.push(Atom::Cell {
                    negative: atoms.len() % 3 == 0,
                    cell,
                });
            }
        }
        atoms.push(Atom::Int(7));
        let expected = atoms.iter().try_fold(0_i64, |sum, atom| match atom {
            Atom::Int(n) => sum.checked_add(*n),
            Atom::Cell { negative, cell } => {
                let n = match cell.lookup(&report)?.value {
                    Value::Number(n) => n,
                    _ => return None,
                };
                if *negative {
                    sum.checked_sub(n)
                } else {
                    sum.checked_add(n)
                }
            }
        });
        let sum = SlotSum::of(&atoms).and_then(|sum| sum.value(&numbers));
        assert!(expected.is_some());
        assert_eq!(sum, expected);
        assert!(
            SlotSum::of(&[Atom::Cell {
                negative: false,
                cell: CellRef::table2('A', 1)
            }])
            .is_none()
        );
    }

    proptest::proptest! {
        /// A sum over slots is `None` when a cell in it holds no number; a value it gives is the
        /// exact sum of its terms; and it gives one whenever its values are far from overflowing.
        #[test]
        fn sums_are_exact(
            cells in proptest::collection::vec(proptest::option::of(proptest::prelude::any::<i64>()), SLOTS),
            small in proptest::prelude::any::<bool>(),
            terms in proptest::collection::vec((0..SLOTS + 2, proptest::prelude::any::<bool>(), -3_i64..3), 0..30),
            split in 0_usize..31,
        ) {
            let mut numbers = CellNumbers { values: [0; SLOTS], unread: [0; WORDS] };
            for (at, cell) in cells.iter().enumerate() {
                match cell {
                    Some(n) if small => numbers.values[at] = *n >> 24,
                    Some(n) => numbers.values[at] = *n,
                    None => numbers.unread[at / 64] |= 1 << (at % 64),
                }
            }
            let rows: Vec<RowId> = RowId::all_2021().chain([RowId::R21_23]).collect();
            let atoms: Vec<Atom> = terms
                .iter()
                .map(|&(at, negative, constant)| match at {
                    at if at >= SLOTS => Atom::Int(constant),
                    at if at >= TABLE3 => Atom::Cell { negative, cell: CellRef::Table4(at - TABLE3) },
                    at => match rows.iter().find(|row| row.index() == at / COLUMNS) {
                        Some(row) => Atom::Cell { negative, cell: CellRef::Table3(*row, at % COLUMNS) },
                        None => Atom::Int(constant),
                    },
                })
                .collect();
            let exact = |atoms: &[Atom]| atoms.iter().try_fold(0_i128, |sum, atom| match atom {
                Atom::Int(n) => Some(sum + i128::from(*n)),
                Atom::Cell { negative, cell } => {
                    let n = i128::from(numbers.get(slot(cell)?)?);
                    Some(if *negative { sum - n } else { sum + n })
                }
            });
            // The atoms as one sum, or split into a left side less a right side.
            let (lhs, rhs) = atoms.split_at(split.min(atoms.len()));
            let (expected, sum) = if split % 2 == 0 {
                (exact(&atoms), SlotSum::of(&atoms))
            } else {
                (exact(lhs).zip(exact(rhs)).map(|(l, r)| l - r), SlotSum::difference(lhs, rhs))
            };
            let sum = sum.and_then(|sum| sum.value(&numbers));
            match sum {
                Some(sum) => proptest::prop_assert_eq!(Some(i128::from(sum)), expected),
                None => proptest::prop_assert!(
                    expected.is_none() || !small,
                    "{expected:?}"
                ),
            }
        }
    }
}

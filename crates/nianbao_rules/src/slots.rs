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

/// Per slot ([`slot`]), the number its cell holds; `None` where the cell is missing or holds no
/// number (blank, placeholder, text, decimal, unread). Kept inline (3 KB): a heap block cleared
/// for every report cost as much as filling it.
pub(crate) struct CellNumbers([Option<i64>; TABLE3 + TABLE4]);

impl CellNumbers {
    pub(crate) fn of(report: &Report) -> Self {
        let number = |cell: &Cell| match cell.value {
            Value::Number(n) => Some(n),
            _ => None,
        };
        let mut numbers = [None; TABLE3 + TABLE4];
        if let Some(table3) = &report.table3 {
            for (index, row) in table3.rows.iter().enumerate() {
                let Some(row) = row else {
                    continue;
                };
                for (column, cell) in row.cells.iter().enumerate() {
                    if let Some(slot) = numbers.get_mut(index * COLUMNS + column) {
                        *slot = number(cell);
                    }
                }
            }
        }
        if let Some(table4) = &report.table4 {
            for (index, cell) in table4.cells.iter().enumerate() {
                if let Some(slot) = numbers.get_mut(TABLE3 + index) {
                    *slot = number(cell);
                }
            }
        }
        Self(numbers)
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

/// One side of an identity as a sum over slots, its terms in the order written.
#[derive(Debug)]
pub(crate) struct SlotSum(Vec<Term>);

#[derive(Debug)]
enum Term {
    Int(i64),
    Slot { slot: u16, negative: bool },
}

impl SlotSum {
    /// The sum of `atoms`, when every cell in it has a slot.
    pub(crate) fn of(atoms: &[Atom]) -> Option<Self> {
        atoms
            .iter()
            .map(|atom| match atom {
                Atom::Int(n) => Some(Term::Int(*n)),
                Atom::Cell { negative, cell } => Some(Term::Slot {
                    slot: slot(cell)?,
                    negative: *negative,
                }),
            })
            .collect::<Option<Vec<Term>>>()
            .map(SlotSum)
    }

    /// The sum when every cell in it holds a number; `None` otherwise (a blank, a cell not read,
    /// an overflow), the terms added in the order written as the look-ups would add them.
    pub(crate) fn value(&self, numbers: &CellNumbers) -> Option<i64> {
        self.0.iter().try_fold(0_i64, |sum, term| match *term {
            Term::Int(n) => sum.checked_add(n),
            Term::Slot { slot, negative } => {
                let n = numbers.0.get(usize::from(slot)).copied().flatten()?;
                if negative {
                    sum.checked_sub(n)
                } else {
                    sum.checked_add(n)
                }
            }
        })
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
            let read =
                slot(&cell).and_then(|slot| numbers.0.get(usize::from(slot)).copied().flatten());
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
}

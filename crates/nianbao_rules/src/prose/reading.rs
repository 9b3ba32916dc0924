//! The tables as the prose is compared with them: an expression's value where a blank 总计 cell
//! reads as its row's computed sum, with notes saying so and the cells read, for labels.

use crate::expr::Expr;
use crate::expr::atoms;
use crate::resolve::{Atom, CellRef};
use nianbao_model::template::Template;
use nianbao_model::{Message, Report, Span, Value};

/// A cell read for a comparison.
#[derive(Clone, Debug)]
pub(crate) struct ReadCell {
    pub cell: CellRef,
    pub span: Span,
    pub value: i64,
}

/// What reading expressions gathered: notes for the message and the cells read.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    pub notes: Vec<Message>,
    pub cells: Vec<ReadCell>,
}

impl Reading {
    /// The value of `expr` for a narrative comparison: a blank 总计 cell reads as its row's
    /// computed sum (and a note says so); other blanks read as 0. `None` when a cell is missing
    /// or unread.
    pub(crate) fn value(
        &mut self,
        expr: &Expr,
        report: &Report,
        template: Template,
    ) -> Option<i64> {
        let mut total: i64 = 0;
        for atom in atoms(expr, template) {
            let (negative, value) = match *atom {
                Atom::Int(n) => (false, n),
                Atom::Cell { negative, ref cell } => {
                    let found = cell.lookup(report)?;
                    let value = match found.value {
                        Value::Number(n) => n,
                        Value::Unresolved | Value::Missing | Value::Decimal(_) => return None,
                        Value::Blank | Value::Placeholder(_) | Value::Text => match cell {
                            CellRef::Table3(row, 6) => self.row_sum(report, cell, *row)?,
                            _ => 0,
                        },
                    };
                    self.cells.push(ReadCell {
                        cell: cell.clone(),
                        span: found.span,
                        value,
                    });
                    (negative, value)
                }
            };
            total = if negative {
                total.checked_sub(value)?
            } else {
                total.checked_add(value)?
            };
        }
        Some(total)
    }

    /// C1–C6 of a Table 3 row, for its blank 总计 `cell`.
    fn row_sum(
        &mut self,
        report: &Report,
        cell: &CellRef,
        row: nianbao_model::template::RowId,
    ) -> Option<i64> {
        let table = report.table3.as_ref()?;
        let mut sum = 0i64;
        for col in 0..6 {
            match table.cell(row, col).map(|c| c.value) {
                Some(Value::Number(n)) => sum = sum.checked_add(n)?,
                Some(Value::Unresolved | Value::Missing | Value::Decimal(_)) | None => return None,
                Some(_) => {}
            }
        }
        self.notes.push(Message::new(
            format!("{} 未填，按 C1–C6 之和 {sum} 计", cell.id()),
            format!("{} is blank; its row sum C1–C6 = {sum} is used", cell.id()),
        ));
        Some(sum)
    }
}

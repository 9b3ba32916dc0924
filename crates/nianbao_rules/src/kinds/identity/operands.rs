//! An identity's sides as found in a report: each cell looked up with its value, span and
//! provenance, for the findings of the equations that do not plainly hold.

use crate::resolve::{Atom, CellRef};
use crate::rule::Ctx;
use nianbao_model::{Provenance, Span, Value};

/// Above this many operands a finding labels only non-zero and blank cells.
pub(super) const LONG_SUM: usize = 8;

/// One operand cell as found in the report.
pub(super) struct Operand {
    pub cell: CellRef,
    pub negative: bool,
    /// `None`: blank, placeholder or text (read as 0 for the arithmetic).
    pub value: Option<i64>,
    pub span: Span,
    pub provenance: Provenance,
}

/// One side of an equation: its cells and the sum of its constants.
pub(super) struct Side {
    pub operands: Vec<Operand>,
    pub constant: i64,
}

/// Looks every atom up; `None` when a cell cannot take part (missing, unresolved, decimal): the
/// parser or the domain rule has already said why, so the identity is skipped.
pub(super) fn resolve(atoms: &[Atom], ctx: &Ctx<'_>) -> Option<Side> {
    let mut operands = Vec::with_capacity(atoms.len());
    let mut constant = 0i64;
    for atom in atoms {
        match atom {
            Atom::Int(n) => constant = constant.checked_add(*n)?,
            Atom::Cell { negative, cell } => {
                let found = cell.lookup(ctx.report)?;
                let value = match found.value {
                    Value::Number(n) => Some(n),
                    Value::Blank | Value::Placeholder(_) | Value::Text => None,
                    Value::Decimal(_) | Value::Unresolved | Value::Missing => return None,
                };
                operands.push(Operand {
                    cell: cell.clone(),
                    negative: *negative,
                    value,
                    span: found.span,
                    provenance: found.provenance,
                });
            }
        }
    }
    Some(Side { operands, constant })
}

pub(super) fn total_of(operands: &[Operand], constant: i64) -> Option<i64> {
    operands.iter().try_fold(constant, |sum, operand| {
        let value = operand.value.unwrap_or(0);
        if operand.negative {
            sum.checked_sub(value)
        } else {
            sum.checked_add(value)
        }
    })
}

/// Whether a side is a single printed cell (a total) rather than a sum.
pub(super) fn single(operands: &[Operand], constant: i64, summed: bool) -> bool {
    operands.len() == 1 && constant == 0 && !summed && operands.iter().all(|o| !o.negative)
}

/// The sum of a side when every cell in it holds a number; `None` otherwise (a blank, a cell
/// not read, an overflow), when the full evaluation decides.
pub(super) fn plain_sum(atoms: &[Atom], ctx: &Ctx<'_>) -> Option<i64> {
    atoms.iter().try_fold(0i64, |sum, atom| match atom {
        Atom::Int(n) => sum.checked_add(*n),
        Atom::Cell { negative, cell } => match cell.lookup(ctx.report)?.value {
            Value::Number(n) if *negative => sum.checked_sub(n),
            Value::Number(n) => sum.checked_add(n),
            _ => None,
        },
    })
}

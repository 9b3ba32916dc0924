//! From raw terms to checked expressions: the loop variable resolved, ranges allowed only where
//! they may stand, and every refusal with its byte offset in the expression.

use super::grammar::{RawLoop, RawOperand, RawRef, RawSel, RawTerm, for_loop, sum_expr};
use super::{AtomCache, ColSel, Expr, ExprError, Identity, Loop, Operand, Relation, RowSel, Term};
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::multispace0;
use nom::combinator::{all_consuming, map, opt};
use nom::sequence::preceded;

fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(whole.as_ptr() as usize)
        .min(whole.len())
}

fn nom_error(whole: &str, error: nom::Err<nom::error::Error<&str>>, expected: &str) -> ExprError {
    let offset = match &error {
        nom::Err::Error(inner) | nom::Err::Failure(inner) => offset_in(whole, inner.input),
        nom::Err::Incomplete(_) => whole.len(),
    };
    ExprError {
        offset,
        message: format!("expected {expected}"),
    }
}

/// Turns raw terms into checked ones, resolving the loop variable.
fn resolve(
    whole: &str,
    raw: &[RawTerm<'_>],
    var: Option<&RawLoop<'_>>,
    allow_ranges_bare: bool,
) -> Result<Expr, ExprError> {
    let mut terms = Vec::with_capacity(raw.len());
    for term in raw {
        let operand = match term.operand {
            RawOperand::Int(n) => Operand::Int(n),
            RawOperand::Ref(found) => resolve_ref(whole, &found, var)?,
        };
        let is_set = match operand {
            Operand::Table3 { row, col } => {
                matches!(row, RowSel::Range(..)) || matches!(col, ColSel::Range(..))
            }
            Operand::Flat { lo, hi, .. } => lo != hi,
            Operand::Int(_) => false,
        };
        if is_set && !term.summed && !allow_ranges_bare {
            let at = match term.operand {
                RawOperand::Ref(found) => offset_in(whole, found.at),
                RawOperand::Int(_) => 0,
            };
            return Err(ExprError {
                offset: at,
                message: "a range of cells must be written inside sum(…)".into(),
            });
        }
        terms.push(Term {
            negative: term.negative,
            operand,
            summed: term.summed || is_set,
        });
    }
    Ok(Expr {
        terms,
        expanded: AtomCache::default(),
    })
}

fn resolve_ref(
    whole: &str,
    found: &RawRef<'_>,
    var: Option<&RawLoop<'_>>,
) -> Result<Operand, ExprError> {
    let at = offset_in(whole, found.at);
    let fail = |message: String| ExprError {
        offset: at,
        message,
    };
    if let Some((prefix, lo, hi)) = found.flat {
        if lo > hi {
            return Err(fail(format!("empty range {prefix}{lo}..{prefix}{hi}")));
        }
        return Ok(Operand::Flat { prefix, lo, hi });
    }
    let check_var = |name: Option<&str>, want_rows: bool| -> Result<(), ExprError> {
        let Some(name) = name else {
            return Ok(());
        };
        match var {
            Some(bound) if bound.name == name => {
                if want_rows == bound.rows.is_some() {
                    Ok(())
                } else {
                    let kind = if want_rows { "a row" } else { "a column" };
                    Err(fail(format!(
                        "`{name}` is used as {kind} but loops over the other axis"
                    )))
                }
            }
            _ => Err(fail(format!("unknown name `{name}`"))),
        }
    };
    check_var(found.name, true)?;
    let row = match found.row {
        RawSel::Fixed(n) => RowSel::Row(n),
        RawSel::Range(lo, hi) if lo <= hi && lo != 26 && hi != 26 => RowSel::Range(lo, hi),
        RawSel::Range(..) => {
            return Err(fail("a row range runs from a lower to a higher row".into()));
        }
        RawSel::Name => RowSel::Var,
    };
    let Some((col_sel, col_name)) = found.col else {
        return Err(fail("a Table 3 cell needs a column".into()));
    };
    check_var(col_name, false)?;
    let col = match col_sel {
        RawSel::Fixed(n) => ColSel::Col(n),
        RawSel::Range(lo, hi) if lo <= hi => ColSel::Range(lo, hi),
        RawSel::Range(..) => {
            return Err(fail(
                "a column range runs from a lower to a higher column".into(),
            ));
        }
        RawSel::Name => ColSel::Var,
    };
    Ok(Operand::Table3 { row, col })
}

/// Parses an identity such as `for col in C1..C7: R01[col] + R02[col] == R24[col] + R25[col]`.
pub(crate) fn parse_identity(input: &str) -> Result<Identity, ExprError> {
    let (rest, each) = opt(for_loop)
        .parse(input)
        .map_err(|error| nom_error(input, error, "`for NAME in R01..R25:` or a cell"))?;
    let (rest, lhs) =
        sum_expr(rest).map_err(|error| nom_error(input, error, "a cell, `sum(…)` or a number"))?;
    let (rest, relation) = preceded(
        multispace0,
        alt((
            map(tag("=="), |_| Relation::Equal),
            map(tag(">="), |_| Relation::AtLeast),
            map(tag("<="), |_| Relation::AtMost),
        )),
    )
    .parse(rest)
    .map_err(|error| nom_error(input, error, "`==`, `>=` or `<=`"))?;
    let (rest, rhs) =
        sum_expr(rest).map_err(|error| nom_error(input, error, "a cell, `sum(…)` or a number"))?;
    let (_, _) = all_consuming(multispace0)
        .parse(rest)
        .map_err(|error| nom_error(input, error, "`+`, `-` or the end of the identity"))?;
    let lhs = resolve(input, &lhs, each.as_ref(), false)?;
    let rhs = resolve(input, &rhs, each.as_ref(), false)?;
    if let Some(bound) = &each {
        let uses_var = lhs.terms.iter().chain(&rhs.terms).any(|term| {
            matches!(
                term.operand,
                Operand::Table3 {
                    row: RowSel::Var,
                    ..
                } | Operand::Table3 {
                    col: ColSel::Var,
                    ..
                }
            )
        });
        if !uses_var {
            return Err(ExprError {
                offset: offset_in(input, bound.name),
                message: format!("the loop variable `{}` is never used", bound.name),
            });
        }
    }
    let each = each.and_then(|bound| match (bound.rows, bound.cols) {
        (Some((lo, hi)), _) => Some(Loop::Rows(lo, hi)),
        (_, Some((lo, hi))) => Some(Loop::Cols(lo, hi)),
        _ => None,
    });
    if let Some(Loop::Rows(lo, hi) | Loop::Cols(lo, hi)) = each {
        if lo > hi {
            return Err(ExprError {
                offset: 0,
                message: "the loop range runs backwards".into(),
            });
        }
    }
    Ok(Identity {
        each,
        lhs,
        relation,
        rhs,
    })
}

/// Parses a value expression without a loop (`R03[C7] + R04[C7]`, `sum(R05..R12[C7])`); bare
/// ranges are allowed when `bare_ranges` (cell lists such as `F1..F15`).
pub(crate) fn parse_expr(input: &str, bare_ranges: bool) -> Result<Expr, ExprError> {
    let (rest, terms) =
        sum_expr(input).map_err(|error| nom_error(input, error, "a cell, `sum(…)` or a number"))?;
    let (_, _) = all_consuming(multispace0)
        .parse(rest)
        .map_err(|error| nom_error(input, error, "`+`, `-` or the end of the expression"))?;
    resolve(input, &terms, None, bare_ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_totals_loop_over_rows() {
        let identity = parse_identity("for row in R01..R25: row[C7] == sum(row[C1..C6])").unwrap();
        assert_eq!(identity.each, Some(Loop::Rows(1, 25)));
        assert_eq!(
            identity.lhs.terms[0].operand,
            Operand::Table3 {
                row: RowSel::Var,
                col: ColSel::Col(6)
            }
        );
        assert_eq!(
            identity.rhs.terms[0].operand,
            Operand::Table3 {
                row: RowSel::Var,
                col: ColSel::Range(0, 5)
            }
        );
        assert!(identity.rhs.terms[0].summed);
    }

    #[test]
    fn balance_and_flat_cells() {
        let identity =
            parse_identity("for col in C1..C7: R01[col] + R02[col] == R24[col] + R25[col]")
                .unwrap();
        assert_eq!(identity.lhs.terms.len(), 2);
        assert_eq!(identity.each, Some(Loop::Cols(0, 6)));
        let table4 = parse_identity("F5 == F1 + F2 + F3 + F4").unwrap();
        assert_eq!(table4.each, None);
        assert_eq!(
            table4.lhs.terms[0].operand,
            Operand::Flat {
                prefix: 'F',
                lo: 5,
                hi: 5
            }
        );
        assert_eq!(
            parse_identity("A3 >= A1 - A2").unwrap().relation,
            Relation::AtLeast
        );
        let subtraction = parse_expr("A3 - A1 + 2", false).unwrap();
        assert!(subtraction.terms[1].negative);
        assert_eq!(subtraction.terms[2].operand, Operand::Int(2));
    }

    #[test]
    fn errors_point_into_the_expression() {
        let error = parse_identity("for col in C1..C7: R01[col] = R24[col]").unwrap_err();
        assert_eq!(error.offset, "for col in C1..C7: R01[col] ".len());
        let error = parse_identity("for col in C1..C7: R01[cl] == R24[col]").unwrap_err();
        assert!(error.message.contains("unknown name `cl`"), "{error:?}");
        let error = parse_identity("R26[C1] == R01[C1]").unwrap_err();
        assert_eq!(error.offset, 0);
        let error = parse_identity("F5 == F1 + G2").unwrap_err();
        assert_eq!(error.offset, "F5 == F1 + ".len());
        let error = parse_identity("R01[C1] == R02[C1..C6]").unwrap_err();
        assert!(error.message.contains("sum("), "{error:?}");
        let error = parse_identity("for row in R01..R25: R01[C7] == R02[C7]").unwrap_err();
        assert!(error.message.contains("never used"), "{error:?}");
        assert!(parse_identity("F5 == F1 + F16").is_err());
        assert!(parse_expr("F1..F15", true).is_ok());
        assert!(parse_expr("F1..A3", true).is_err());
    }
}

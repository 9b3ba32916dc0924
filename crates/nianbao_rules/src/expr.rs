//! The cell-expression language of identity checks and narrative readings, parsed with nom.
//!
//! ```text
//! identity := [ "for" NAME "in" range ":" ] sum ( "==" | ">=" | "<=" ) sum
//! sum      := term { ("+" | "-") term }
//! term     := "sum(" cells ")" | cell | INTEGER
//! cell     := row "[" col "]" | F1 … F15 | A1 … A10 | B1 … B22
//! cells    := cell, where a row, column or flat id may be a range `R03..R23`, `C1..C6`, `F1..F4`
//! row      := R01 … R25 | R21_23 | NAME     col := C1 … C7 | NAME
//! ```
//!
//! Row ranges are resolved against the report's template when evaluated, so `R03..R23` is the 21
//! outcome rows of a 2021 report and the 19 of a 2019 report (whose single （六）其他处理 row
//! `R21_23` stands for R21–R23).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, digit1, multispace0, multispace1};
use nom::combinator::{all_consuming, map, opt, recognize};
use nom::sequence::{delimited, pair, preceded};
use nom::{IResult, Parser};

/// A row selector: a fixed row (number 1–25, or 26 for R21_23), the loop variable, or a range
/// of row numbers (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RowSel {
    Row(u8),
    Var,
    Range(u8, u8),
}

/// A column selector; columns are 0-based (C1 = 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColSel {
    Col(u8),
    Var,
    Range(u8, u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    Table3 {
        row: RowSel,
        col: ColSel,
    },
    /// `A`, `B` (Table 2) or `F` (Table 4) cells `lo..=hi`.
    Flat {
        prefix: char,
        lo: u8,
        hi: u8,
    },
    Int(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    pub negative: bool,
    pub operand: Operand,
    /// Written as `sum(…)`: the term names a set of cells rather than one.
    pub summed: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Expr {
    pub terms: Vec<Term>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Loop {
    Rows(u8, u8),
    Cols(u8, u8),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Identity {
    pub each: Option<Loop>,
    pub lhs: Expr,
    pub relation: Relation,
    pub rhs: Expr,
}

/// How the two sides must compare: `==` for the template's identities, `>=` / `<=` for
/// plausibility bounds such as `A3 >= A1 - A2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Relation {
    Equal,
    AtLeast,
    AtMost,
}

impl Relation {
    /// Whether `left − right = delta` satisfies the relation.
    pub(crate) fn holds(self, delta: i64) -> bool {
        match self {
            Self::Equal => delta == 0,
            Self::AtLeast => delta >= 0,
            Self::AtMost => delta <= 0,
        }
    }
}

/// Why an expression was refused, and the byte offset inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ExprError {
    pub offset: usize,
    pub message: String,
}

/// A parsed reference before variables are checked.
#[derive(Clone, Copy, Debug)]
enum RawSel {
    Fixed(u8),
    Range(u8, u8),
    Name,
}

#[derive(Clone, Copy, Debug)]
struct RawRef<'a> {
    at: &'a str,
    name: Option<&'a str>,
    row: RawSel,
    col: Option<(RawSel, Option<&'a str>)>,
    flat: Option<(char, u8, u8)>,
}

fn row_number(input: &str) -> IResult<&str, u8> {
    alt((
        map(tag("R21_23"), |_| 26u8),
        map(
            preceded(
                char('R'),
                take_while1(|c: char| c.is_ascii_digit()).map_opt(|digits: &str| {
                    (digits.len() == 2)
                        .then(|| digits.parse::<u8>().ok())
                        .flatten()
                        .filter(|n| (1..=25).contains(n))
                }),
            ),
            |n| n,
        ),
    ))
    .parse(input)
}

fn col_number(input: &str) -> IResult<&str, u8> {
    preceded(
        char('C'),
        digit1.map_opt(|digits: &str| {
            digits
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=7).contains(n))
                .map(|n| n - 1)
        }),
    )
    .parse(input)
}

fn flat_cell(input: &str) -> IResult<&str, (char, u8)> {
    pair(
        alt((char('A'), char('B'), char('F'))),
        digit1.map_opt(|digits: &str| digits.parse::<u8>().ok()),
    )
    .map_opt(|(prefix, n)| {
        let max = match prefix {
            'A' => 10,
            'B' => 22,
            _ => 15,
        };
        (1..=max).contains(&n).then_some((prefix, n))
    })
    .parse(input)
}

fn range_of<'a, O: Copy + PartialOrd>(
    item: impl Fn(&'a str) -> IResult<&'a str, O>,
) -> impl Fn(&'a str) -> IResult<&'a str, (O, Option<O>)> {
    move |input| {
        let (rest, lo) = item(input)?;
        let (rest, hi) = opt(preceded(tag(".."), &item)).parse(rest)?;
        Ok((rest, (lo, hi)))
    }
}

fn name(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        take_while1(|c: char| c.is_ascii_lowercase() || c == '_'),
        nom::bytes::complete::take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
    ))
    .parse(input)
}

fn sel(range: (u8, Option<u8>)) -> RawSel {
    match range {
        (lo, Some(hi)) => RawSel::Range(lo, hi),
        (n, None) => RawSel::Fixed(n),
    }
}

fn cell_ref(input: &str) -> IResult<&str, RawRef<'_>> {
    let at = input;
    if let Ok((rest, ((prefix, lo), hi))) =
        pair(flat_cell, opt(preceded(tag(".."), flat_cell))).parse(input)
    {
        let hi = match hi {
            Some((other, hi)) if other == prefix => hi,
            Some(_) => {
                return Err(nom::Err::Failure(nom::error::Error::new(
                    at,
                    nom::error::ErrorKind::Verify,
                )));
            }
            None => lo,
        };
        return Ok((
            rest,
            RawRef {
                at,
                name: None,
                row: RawSel::Fixed(0),
                col: None,
                flat: Some((prefix, lo, hi)),
            },
        ));
    }
    let (rest, (row, row_name)) = alt((
        map(range_of(row_number), |range| (sel(range), None)),
        map(name, |found| (RawSel::Name, Some(found))),
    ))
    .parse(input)?;
    let (rest, col) = delimited(
        (multispace0, char('['), multispace0),
        alt((
            map(range_of(col_number), |range| (sel(range), None)),
            map(name, |found| (RawSel::Name, Some(found))),
        )),
        (multispace0, char(']')),
    )
    .parse(rest)?;
    Ok((
        rest,
        RawRef {
            at,
            name: row_name,
            row,
            col: Some(col),
            flat: None,
        },
    ))
}

#[derive(Clone, Copy, Debug)]
enum RawOperand<'a> {
    Ref(RawRef<'a>),
    Int(i64),
}

#[derive(Clone, Copy, Debug)]
struct RawTerm<'a> {
    negative: bool,
    summed: bool,
    operand: RawOperand<'a>,
}

fn operand(input: &str) -> IResult<&str, (bool, RawOperand<'_>)> {
    alt((
        map(
            delimited(
                (tag("sum"), multispace0, char('('), multispace0),
                cell_ref,
                (multispace0, char(')')),
            ),
            |found| (true, RawOperand::Ref(found)),
        ),
        map(cell_ref, |found| (false, RawOperand::Ref(found))),
        map(
            digit1.map_opt(|digits: &str| digits.parse::<i64>().ok()),
            |n| (false, RawOperand::Int(n)),
        ),
    ))
    .parse(input)
}

fn sum_expr(input: &str) -> IResult<&str, Vec<RawTerm<'_>>> {
    let (mut rest, (summed, first)) = preceded(multispace0, operand).parse(input)?;
    let mut terms = vec![RawTerm {
        negative: false,
        summed,
        operand: first,
    }];
    loop {
        let signed: IResult<&str, _> =
            (multispace0, alt((char('+'), char('-'))), multispace0).parse(rest);
        let Ok((after_sign, (_, sign, _))) = signed else {
            return Ok((rest, terms));
        };
        // After a sign an operand must follow: fail here, at the bad operand, rather than at
        // the sign.
        let (next, (summed, found)) = operand(after_sign).map_err(|error| match error {
            nom::Err::Error(inner) => nom::Err::Failure(inner),
            other => other,
        })?;
        terms.push(RawTerm {
            negative: sign == '-',
            summed,
            operand: found,
        });
        rest = next;
    }
}

#[derive(Clone, Copy, Debug)]
struct RawLoop<'a> {
    name: &'a str,
    rows: Option<(u8, u8)>,
    cols: Option<(u8, u8)>,
}

fn for_loop(input: &str) -> IResult<&str, RawLoop<'_>> {
    let (rest, (_, _, var, _, _, _)) = (
        multispace0,
        tag("for"),
        preceded(multispace1, name),
        multispace1,
        tag("in"),
        multispace1,
    )
        .parse(input)?;
    let (rest, (rows, cols)) = alt((
        map((row_number, tag(".."), row_number), |(lo, _, hi)| {
            (Some((lo, hi)), None)
        }),
        map((col_number, tag(".."), col_number), |(lo, _, hi)| {
            (None, Some((lo, hi)))
        }),
    ))
    .parse(rest)?;
    let (rest, _) = (multispace0, char(':')).parse(rest)?;
    Ok((
        rest,
        RawLoop {
            name: var,
            rows,
            cols,
        },
    ))
}

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
    Ok(Expr { terms })
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

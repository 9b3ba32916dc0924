//! The nom grammar of cell expressions: text to raw terms, before names and ranges are checked
//! ([`super::parse`]).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, digit1, multispace0, multispace1};
use nom::combinator::{map, opt, recognize};
use nom::sequence::{delimited, pair, preceded};
use nom::{IResult, Parser};

/// A parsed reference before variables are checked.
#[derive(Clone, Copy, Debug)]
pub(super) enum RawSel {
    Fixed(u8),
    Range(u8, u8),
    Name,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct RawRef<'a> {
    pub(super) at: &'a str,
    pub(super) name: Option<&'a str>,
    pub(super) row: RawSel,
    pub(super) col: Option<(RawSel, Option<&'a str>)>,
    pub(super) flat: Option<(char, u8, u8)>,
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
pub(super) enum RawOperand<'a> {
    Ref(RawRef<'a>),
    Int(i64),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct RawTerm<'a> {
    pub(super) negative: bool,
    pub(super) summed: bool,
    pub(super) operand: RawOperand<'a>,
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

pub(super) fn sum_expr(input: &str) -> IResult<&str, Vec<RawTerm<'_>>> {
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
pub(super) struct RawLoop<'a> {
    pub(super) name: &'a str,
    pub(super) rows: Option<(u8, u8)>,
    pub(super) cols: Option<(u8, u8)>,
}

pub(super) fn for_loop(input: &str) -> IResult<&str, RawLoop<'_>> {
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

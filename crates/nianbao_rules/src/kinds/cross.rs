//! `cross`: the cross-report checks, which compare a report with last year's report of the same
//! body, with the other reports of the corpus, or with the reports of its parts. This file reads
//! and validates `[rules.cross]`; [`crate::cross`] runs the comparisons in a corpus run.

use super::{CheckKind, KindDoc};
pub(crate) use crate::cross::check::CrossCheck;
use crate::expr::{Expr, Operand};
use crate::fold::fold;
use crate::params::{LoadFailure, RuleText, quoted};
use crate::rule::{Check, Variant};
use nianbao_model::template::{RowId, TABLE2_2019, TABLE2_2021};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// Which cross-report comparison a rule makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum CrossKind {
    /// Row `this` of Table 3 equals row `previous` of last year's Table 3, column by column.
    CarryOver,
    /// Table 2 stocks: each chain `[stock, added, removed]` of cell ids holds
    /// `stock(Y) = stock(Y−1) + added(Y) − removed(Y)`.
    Stock,
    /// Prose sentences shared with last year's report, as a share of this year's prose.
    Reuse,
    /// Two reports claim the same body and year.
    Duplicate,
    /// A parent body's cells against the sum of its children's (`[regions]` in the config).
    Region,
}

impl CrossKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::CarryOver => "carry-over",
            Self::Stock => "stock",
            Self::Reuse => "reuse",
            Self::Duplicate => "duplicate",
            Self::Region => "region",
        }
    }
}

/// `[rules.cross]` as written. Which keys are required depends on `check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Params {
    check: Spanned<CrossKind>,
    /// carry-over: this year's Table 3 row (`R02`).
    this: Option<Spanned<String>>,
    /// carry-over: last year's Table 3 row (`R25`).
    previous: Option<Spanned<String>>,
    /// stock: chains `[stock, added, removed]` of Table 2 cell ids.
    #[serde(default)]
    chains: Vec<Spanned<Vec<String>>>,
    /// reuse: fires above this share of this year's prose (0–1).
    share: Option<f64>,
    /// reuse: above this share the `near-identical` wording is used.
    near_identical: Option<f64>,
    /// reuse: sentences shorter than this (characters) are not counted.
    min_chars: Option<usize>,
    /// reuse: sentences containing one of these are boilerplate and not counted.
    #[serde(default)]
    ignore: Vec<String>,
    /// region: the compared cells, in the cell syntax (`R01[C7]`, `F5`, `R03..R23[C7]`).
    #[serde(default)]
    cells: Vec<Spanned<String>>,
}

impl CheckKind for CrossCheck {
    const KEY: &'static str = "cross";
    const DOC: KindDoc = KindDoc {
        parameters: "`check = \"carry-over\" \\| \"stock\" \\| \"reuse\" \\| \"duplicate\" \\| \"region\"` and its keys: `this`, `previous` (carry-over); `chains` (stock); `share`, `near-identical`, `min-chars`, `ignore` (reuse); `cells` (region)",
        placeholders: "carry-over: `column`, `column_label`, `this`, `previous`, `this_cell`, `previous_cell`, `previous_file`, `previous_year`, `delta`; stock: `cell`, `stock`, `previous_stock`, `added`, `removed`, `expected`, `delta`, `previous_file`, `previous_year`; reuse: `share`, `reused`, `total`, `previous_file`, `previous_year`; duplicate: `other_file`, `organ`, `year`; region: `cell`, `cell_label`, `parent`, `year`, `value`, `sum`, `children`, `delta`, `child_files`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        let mut lines = Vec::new();
    if *params.check.get_ref() == CrossKind::Region {
        lines.push(
            "- cross-report check: region (a parent body's report against the sum of its \
             children's reports of the same year, as `[regions]` in nianbao.toml lists them)"
                .to_owned(),
        );
        lines.push(format!("- compared cells: {}", quoted(&params.cells)));
    } else {
        lines.push(format!(
            "- cross-report check: {} (this year's report against the previous year's \
             report of the same body, or the corpus)",
            params.check.get_ref().as_str()
        ));
    }
    if let (Some(this), Some(previous)) = (&params.this, &params.previous) {
        lines.push(format!(
            "- this year's `{}[C1..C7]` equals last year's `{}[C1..C7]`",
            this.get_ref(),
            previous.get_ref()
        ));
    }
    for chain in &params.chains {
        if let [stock, added, removed] = chain.get_ref().as_slice() {
            lines.push(format!(
                "- `{stock}(Y) == {stock}(Y-1) + {added}(Y) - {removed}(Y)`"
            ));
        }
    }
    if let Some(share) = params.share {
        lines.push(format!(
            "- fires above {:.0}% of this year's prose; near-identical above {:.0}%",
            share * 100.0,
            params.near_identical.unwrap_or(1.0) * 100.0
        ));
    }
    if let Some(min) = params.min_chars {
        lines.push(format!(
            "- sentences of at least {min} characters, except those containing: {}",
            params.ignore.join("、")
        ));
    }
        lines
    }

    fn compile(params: Params, file: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        compile_cross(file, &params)
    }
}

impl Check for CrossCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        match self {
            CrossCheck::CarryOver { .. } => &[
                "column",
                "column_label",
                "this",
                "previous",
                "this_cell",
                "previous_cell",
                "previous_file",
                "previous_year",
                "delta",
            ],
            CrossCheck::Stock { .. } => &[
                "cell",
                "stock",
                "previous_stock",
                "added",
                "removed",
                "expected",
                "delta",
                "previous_file",
                "previous_year",
            ],
            CrossCheck::Reuse { .. } => {
                &["share", "reused", "total", "previous_file", "previous_year"]
            }
            CrossCheck::Duplicate => &["other_file", "organ", "year"],
            CrossCheck::Region { .. } => &[
                "cell",
                "cell_label",
                "parent",
                "year",
                "value",
                "sum",
                "children",
                "delta",
                "child_files",
            ],
        }
    }

    fn variants(&self) -> &'static [Variant] {
        match self {
            CrossCheck::Reuse { .. } => &[Variant {
                name: "near-identical",
                zh: "本报告与上年度报告（{previous_file}）几乎相同：{share} 的正文句子与上年相同",
                en: "this report is nearly identical to last year's ({previous_file}): {share} of its prose sentences repeat it",
                severity: None,
            }],
            _ => &[],
        }
    }

    fn cross(&self) -> Option<&CrossCheck> {
        Some(self)
    }
}

/// A Table 3 row for a carry-over check.
fn cross_row(
    field: &str,
    value: Option<&Spanned<String>>,
    check: &Range<usize>,
) -> Result<RowId, LoadFailure> {
    let Some(value) = value else {
        return Err(LoadFailure::new(
            check.clone(),
            format!("a carry-over check needs `{field}`, a Table 3 row"),
        ));
    };
    RowId::parse(value.get_ref()).ok_or_else(|| {
        LoadFailure::new(
            value.span(),
            format!("`{}` is not a Table 3 row (`R01`…`R25`)", value.get_ref()),
        )
    })
}

fn compile_cross(file: RuleText<'_>, def: &Params) -> Result<CrossCheck, LoadFailure> {
    let at = def.check.span();
    let unused = |present: bool, key: &str| -> Result<(), LoadFailure> {
        if present {
            Err(LoadFailure::new(
                at.clone(),
                format!(
                    "`{key}` does not apply to a {} check",
                    def.check.get_ref().as_str()
                ),
            ))
        } else {
            Ok(())
        }
    };
    let reuse_keys = def.share.is_some()
        || def.near_identical.is_some()
        || def.min_chars.is_some()
        || !def.ignore.is_empty();
    if *def.check.get_ref() != CrossKind::Region {
        unused(!def.cells.is_empty(), "cells")?;
    }
    match def.check.get_ref() {
        CrossKind::CarryOver => {
            unused(!def.chains.is_empty(), "chains")?;
            unused(reuse_keys, "share")?;
            let this = cross_row("this", def.this.as_ref(), &at)?;
            let previous = cross_row("previous", def.previous.as_ref(), &at)?;
            Ok(CrossCheck::CarryOver { this, previous })
        }
        CrossKind::Stock => {
            unused(def.this.is_some() || def.previous.is_some(), "this")?;
            unused(reuse_keys, "share")?;
            let mut chains = Vec::new();
            for chain in &def.chains {
                let ids = chain.get_ref();
                let valid = ids.iter().all(|id| {
                    TABLE2_2021
                        .iter()
                        .chain(&TABLE2_2019)
                        .any(|row| row.cell_ids.contains(&id.as_str()))
                });
                match ids.as_slice() {
                    [stock, added, removed] if valid => {
                        chains.push([stock.clone(), added.clone(), removed.clone()]);
                    }
                    _ => {
                        return Err(LoadFailure::new(
                            chain.span(),
                            "a chain is `[stock, added, removed]`, three Table 2 cell ids",
                        ));
                    }
                }
            }
            if chains.is_empty() {
                return Err(LoadFailure::new(at, "a stock check needs at least one chain"));
            }
            Ok(CrossCheck::Stock { chains })
        }
        CrossKind::Reuse => {
            unused(def.this.is_some() || def.previous.is_some(), "this")?;
            unused(!def.chains.is_empty(), "chains")?;
            let share = def.share.unwrap_or(0.5);
            let near_identical = def.near_identical.unwrap_or(0.9);
            if !(0.0..=1.0).contains(&share) || !(share..=1.0).contains(&near_identical) {
                return Err(LoadFailure::new(
                    at,
                    "`share` and `near-identical` are shares from 0 to 1, share first",
                ));
            }
            Ok(CrossCheck::Reuse {
                share,
                near_identical,
                min_chars: def.min_chars.unwrap_or(10),
                ignore: def.ignore.iter().map(|phrase| fold(phrase)).collect(),
            })
        }
        CrossKind::Duplicate => {
            unused(def.this.is_some() || def.previous.is_some(), "this")?;
            unused(!def.chains.is_empty(), "chains")?;
            unused(reuse_keys, "share")?;
            Ok(CrossCheck::Duplicate)
        }
        CrossKind::Region => {
            unused(def.this.is_some() || def.previous.is_some(), "this")?;
            unused(!def.chains.is_empty(), "chains")?;
            unused(reuse_keys, "share")?;
            let mut cells = Vec::with_capacity(def.cells.len());
            for written in &def.cells {
                cells.push(region_cells(file, written)?);
            }
            if cells.is_empty() {
                return Err(LoadFailure::new(
                    at,
                    "a region check needs `cells`, the cells it compares",
                ));
            }
            Ok(CrossCheck::Region { cells })
        }
    }
}

/// One entry of a region check's `cells`: a cell or a range of cells (`R01[C7]`, `F5`,
/// `R03..R23[C7]`, `F1..F4`); the parser refuses cells no template prints. Sums and constants
/// are refused too: each listed cell is compared on its own.
fn region_cells(file: RuleText<'_>, written: &Spanned<String>) -> Result<Expr, LoadFailure> {
    let parsed = file.expr(written, true)?;
    // A bare range resolves like `sum(…)`, so `sum` is told apart by how it is written.
    let listed = match parsed.terms.as_slice() {
        [term] => {
            !term.negative
                && !matches!(term.operand, Operand::Int(_))
                && !written.get_ref().trim_start().starts_with("sum")
        }
        _ => false,
    };
    if !listed {
        return Err(LoadFailure::new(
            written.span(),
            "a region check lists cells, one per entry (`R01[C7]`, `F5`, `R03..R23[C7]`), not \
             sums or numbers",
        ));
    }
    Ok(parsed)
}


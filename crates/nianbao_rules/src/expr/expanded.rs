//! An expression's cells expanded once per Table 3 row layout and kept with it: what an
//! expression names depends on nothing else, so a report does not expand it again.

use super::Expr;
use crate::resolve::{Atom, Binding, CellRef, expand};
use nianbao_model::template::Template;
use std::sync::OnceLock;

/// An expression's atoms and cells per Table 3 row layout ([`Expansion`]), worked out the first
/// time a report of that layout reads the expression. Not part of the expression's value: two
/// expressions compare equal whatever either has cached.
#[derive(Clone, Debug, Default)]
pub(crate) struct AtomCache {
    v2021: OnceLock<Expansion>,
    v2019: OnceLock<Expansion>,
    pre2019: OnceLock<Expansion>,
    unknown: OnceLock<Expansion>,
}

impl AtomCache {
    /// The slot of `template`'s layout.
    fn slot(&self, template: Template) -> &OnceLock<Expansion> {
        match template {
            Template::V2021 => &self.v2021,
            Template::V2019 => &self.v2019,
            Template::Pre2019 => &self.pre2019,
            Template::Unknown => &self.unknown,
        }
    }
}

impl PartialEq for AtomCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for AtomCache {}

/// An expression expanded without a loop binding for one row layout: its atoms, and its
/// cells each once in the order written ([`named_cells`] of it alone).
#[derive(Clone, Debug)]
pub(crate) struct Expansion {
    atoms: Vec<Atom>,
    cells: Vec<CellRef>,
}

/// `expr` expanded without a loop binding in `template`'s row layout: the first time, then
/// kept with the expression.
fn expansion(expr: &Expr, template: Template) -> &Expansion {
    expr.expanded.slot(template).get_or_init(|| {
        let atoms = expand(expr, Binding::default(), template);
        let mut cells: Vec<CellRef> = Vec::with_capacity(atoms.len());
        for atom in &atoms {
            if let Atom::Cell { cell, .. } = atom {
                if !cells.contains(cell) {
                    cells.push(cell.clone());
                }
            }
        }
        Expansion { atoms, cells }
    })
}

/// The atoms of `expr` without a loop binding in `template`'s row layout ([`expansion`]).
pub(crate) fn atoms(expr: &Expr, template: Template) -> &[Atom] {
    &expansion(expr, template).atoms
}

/// The cells `expr` names in `template`, each once, in the order written ([`expansion`]).
pub(crate) fn cells_of(expr: &Expr, template: Template) -> &[CellRef] {
    &expansion(expr, template).cells
}

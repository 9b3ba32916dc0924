//! `blank-cell`: numeric slots left blank or filled with a placeholder (`/`, `—`) instead of a
//! number.

use super::{CheckKind, KindDoc};
use crate::message::var;
use crate::params::{LoadFailure, RuleText};
use crate::resolve::{TableName, table_cells, table_list};
use crate::rule::{Check, Ctx, Rule, Variant};
use nianbao_model::{Diagnostic, Value};
use serde::Deserialize;
use std::ops::Range;

/// `[rules.blank-cell]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    tables: Vec<TableName>,
}

#[derive(Debug)]
pub(crate) struct BlankCellCheck {
    tables: Vec<TableName>,
}

impl CheckKind for BlankCellCheck {
    const KEY: &'static str = "blank-cell";
    const DOC: KindDoc = KindDoc {
        parameters: "`tables`",
        placeholders: "`cell`, `value`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        vec![format!("- tables: {}", table_list(&params.tables))]
    }

    fn compile(params: Params, _: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        Ok(Self {
            tables: params.tables,
        })
    }
}

impl Check for BlankCellCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["cell", "value"]
    }

    fn variants(&self) -> &'static [Variant] {
        &[Variant {
            name: "placeholder",
            zh: "{cell} 以“{value}”代替数字",
            en: "{cell} holds the placeholder “{value}” instead of a number",
            severity: None,
        }]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for slot in table_cells(ctx.report, &self.tables) {
            let variant = match slot.cell.value {
                Value::Blank => None,
                Value::Placeholder(_) => Some("placeholder"),
                _ => continue,
            };
            let vars = vec![
                var("cell", slot.reference.describe(ctx.template)),
                var("value", slot.cell.span.slice(ctx.source).trim()),
            ];
            out.push(rule.emit(variant, slot.cell.span, &vars));
        }
    }
}

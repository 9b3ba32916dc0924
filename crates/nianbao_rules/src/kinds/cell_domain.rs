//! `cell-domain`: every numeric slot of the chosen tables holds a non-negative integer, except
//! the cells where the template allows a decimal (A10, 万元) or a signed change (the 2019
//! `本年增/减` column).

use super::{CheckKind, KindDoc};
use crate::message::var;
use crate::params::{LoadFailure, RuleText};
use crate::resolve::{TableName, any_cell, table_cells, table_list};
use crate::rule::{Check, Ctx, Rule, Variant};
use nianbao_model::{Cell, Diagnostic, Value};
use serde::Deserialize;
use std::ops::Range;

/// `[rules.cell-domain]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    tables: Vec<TableName>,
    /// Cell ids where a decimal is valid (A10, 万元).
    #[serde(default)]
    decimal: Vec<String>,
    /// Cell ids where a signed change is valid (the 2019 `本年增/减` column).
    #[serde(default)]
    signed: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct CellDomainCheck {
    tables: Vec<TableName>,
    decimal: Vec<String>,
    signed: Vec<String>,
}

impl CheckKind for CellDomainCheck {
    const KEY: &'static str = "cell-domain";
    const DOC: KindDoc = KindDoc {
        parameters: "`tables`, `decimal` (ids), `signed` (ids)",
        placeholders: "`cell`, `value`",
    };
    type Params = Params;

    fn definition(params: &Params) -> Vec<String> {
        vec![
            format!("- tables: {}", table_list(&params.tables)),
            format!("- decimals allowed in: {}", params.decimal.join(", ")),
            format!("- signed values allowed in: {}", params.signed.join(", ")),
        ]
    }

    fn compile(params: Params, _: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        Ok(Self {
            tables: params.tables,
            decimal: params.decimal,
            signed: params.signed,
        })
    }
}

impl Check for CellDomainCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["cell", "value"]
    }

    fn variants(&self) -> &'static [Variant] {
        &[
            Variant {
                name: "decimal",
                zh: "{cell} 为小数 {value}，此处应为整数",
                en: "{cell} is the decimal {value}; an integer is due here",
                severity: None,
            },
            Variant {
                name: "text",
                zh: "{cell} 填写了非数字内容“{value}”",
                en: "{cell} holds text “{value}” where a number is due",
                severity: None,
            },
        ]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        // Most reports hold only counts: no cell is named then. A table is named cell by cell
        // only when it holds a suspect value (Table 2's fee, a decimal, leaves the others be).
        let suspect = |cell: &Cell| match cell.value {
            Value::Number(n) => n < 0,
            Value::Decimal(_) | Value::Text => true,
            _ => false,
        };
        for table in &self.tables {
            let table = std::slice::from_ref(table);
            if !any_cell(ctx.report, table, suspect) {
                continue;
            }
            for slot in table_cells(ctx.report, table) {
                let (reference, cell) = (&slot.reference, slot.cell);
                // Most cells are plain counts: name the cell only when its value needs the
                // exemptions.
                let variant = match cell.value {
                    Value::Number(n) if n < 0 && !self.signed.contains(&reference.id()) => None,
                    Value::Decimal(_) if !self.decimal.contains(&reference.id()) => Some("decimal"),
                    Value::Decimal(value) if value < 0.0 => None,
                    Value::Text => Some("text"),
                    _ => continue,
                };
                let vars = vec![
                    var("cell", reference.describe(ctx.template)),
                    var("value", cell.span.slice(ctx.source).trim()),
                ];
                out.push(rule.emit(variant, cell.span, &vars));
            }
        }
    }
}

//! `label`: row labels and column headers printed differently from the template (`本年度止件数`
//! for `本年废止件数`). The model records Table 2's headers and every row's label match; the
//! headers of Tables 3 and 4 are read here from the table's own text.

mod cells;
mod headers;

use super::{CheckKind, KindDoc};
use crate::message::var;
use crate::params::{LoadFailure, RuleText};
use crate::resolve::{TableName, table_list};
use crate::rule::{Check, Ctx, Rule};
use headers::header_near_misses;
use nianbao_model::template::table2_rows;
use nianbao_model::{Diagnostic, LabelMatch, Span};
use serde::Deserialize;
use std::ops::Range;

/// `[rules.label]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    tables: Vec<TableName>,
}

#[derive(Debug)]
pub(crate) struct LabelCheck {
    tables: Vec<TableName>,
}

impl CheckKind for LabelCheck {
    const KEY: &'static str = "label";
    const DOC: KindDoc = KindDoc {
        parameters: "`tables`",
        placeholders: "`found`, `expected`",
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

impl Check for LabelCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["found", "expected"]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        run(rule, &self.tables, ctx, out);
    }
}

/// A label printed differently from the template, with the template's wording.
struct Misprint {
    span: Span,
    expected: String,
}

fn run(rule: &Rule, tables: &[TableName], ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let mut found: Vec<Misprint> = Vec::new();
    for table in tables {
        match table {
            TableName::Table2 => {
                if let Some(table2) = &report.table2 {
                    let rows = table2_rows(table2.layout);
                    for row in &table2.rows {
                        if row.label.matched == LabelMatch::Variant {
                            if let Some(template) = rows.get(row.row) {
                                found.push(Misprint {
                                    span: row.label.span,
                                    expected: template.label.to_owned(),
                                });
                            }
                        }
                    }
                    for header in &table2.headers {
                        if header.label.matched == LabelMatch::Variant {
                            if let Some(expected) = header.expected(table2.layout) {
                                found.push(Misprint {
                                    span: header.label.span,
                                    expected: expected.to_owned(),
                                });
                            }
                        }
                    }
                }
            }
            TableName::Table3 => {
                if let Some(table3) = &report.table3 {
                    for (id, row) in table3.present_rows() {
                        if row.label.matched == LabelMatch::Variant {
                            found.push(Misprint {
                                span: row.label.span,
                                expected: id.template().label.to_owned(),
                            });
                        }
                    }
                    found.extend(header_near_misses(ctx.source, table3.span, *table));
                }
            }
            TableName::Table4 => {
                if let Some(table4) = &report.table4 {
                    found.extend(header_near_misses(ctx.source, table4.span, *table));
                }
            }
        }
    }
    found.sort_by_key(|misprint| misprint.span);
    found.dedup_by_key(|misprint| misprint.span);
    for misprint in found {
        let vars = vec![
            var("found", misprint.span.slice(ctx.source).trim()),
            var("expected", misprint.expected),
        ];
        out.push(rule.emit(None, misprint.span, &vars));
    }
}

//! Every span of a parse result taken back through a [`SourceMap`]: the grammar read the logical
//! lines (`logical`), callers get spans into the text they passed.

use crate::Parsed;
use nianbao_model::{Cell, Label, Report};
use nianbao_source::{SourceMap, Span};

/// Rewrites every span of `parsed` (model and diagnostics) from logical to original offsets.
pub(crate) fn remap(parsed: &mut Parsed, map: &SourceMap) {
    let to = |span: &mut Span| *span = map.to_original(*span);
    remap_report(&mut parsed.report, &to);
    for diagnostic in &mut parsed.diagnostics {
        to(&mut diagnostic.span);
        for label in &mut diagnostic.labels {
            to(&mut label.span);
        }
    }
}

fn remap_report(report: &mut Report, to: &dyn Fn(&mut Span)) {
    let label = |label: &mut Label| to(&mut label.span);
    let cell = |cell: &mut Cell| to(&mut cell.span);
    if let Some(title) = &mut report.title {
        to(&mut title.span);
        if let Some(year) = &mut title.year_span {
            to(year);
        }
    }
    if let Some(period) = &mut report.period {
        to(&mut period.span);
    }
    for evidence in &mut report.template.evidence {
        to(&mut evidence.span);
    }
    for section in &mut report.sections {
        to(&mut section.heading_span);
        to(&mut section.body);
    }
    for paragraph in &mut report.paragraphs {
        to(&mut paragraph.span);
    }
    if let Some(table) = &mut report.table2 {
        to(&mut table.span);
        for header in &mut table.headers {
            label(&mut header.label);
        }
        for row in &mut table.rows {
            label(&mut row.label);
            row.cells.iter_mut().for_each(cell);
        }
    }
    if let Some(table) = &mut report.table3 {
        to(&mut table.span);
        for row in table.rows.iter_mut().flatten() {
            label(&mut row.label);
            row.cells.iter_mut().for_each(cell);
        }
    }
    if let Some(table) = &mut report.table4 {
        to(&mut table.span);
        table.cells.iter_mut().for_each(cell);
    }
    for gap in &mut report.coverage.gaps {
        to(&mut gap.span);
    }
    for count in &mut report.statistics {
        to(&mut count.span);
        to(&mut count.phrase);
        for part in &mut count.parts {
            to(&mut part.span);
            to(&mut part.label);
        }
    }
}

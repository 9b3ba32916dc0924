//! The parser: report plaintext in, typed [`nianbao_model::Report`] with exact spans out.
//!
//! This crate owns reading a 政府信息公开工作年度报告 in whatever shape extraction left it: tab
//! grids, space-aligned PDF text, one cell per line, Markdown and pipe tables, and crawler dumps
//! with every table cell run together. It is label-anchored: every template label is searched in
//! a folded copy of the text (widths, quotes and whitespace folded away, `fold`), and a row's
//! values are read from the original text between its label and the next one (`scan`). Digits run
//! together are split only where the template arithmetic leaves a single reading (`split`);
//! otherwise the cells are [`nianbao_model::Value::Unresolved`] and a diagnostic lists the
//! candidates. Parse problems are values, never panics.

mod cells;
mod detect;
mod diag;
pub use diag::{PARSE_CODES, ParseCode};
mod fold;
mod labels;
mod scan;
mod sections;
mod split;
mod tables;
mod title;

use fold::Folded;
use nianbao_model::template::Template;
use nianbao_model::{Diagnostic, Report, Section};
use nianbao_source::Span;
use tables::Reader;

/// A report as far as it could be read, and what got in the way.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub report: Report,
    /// Parse problems (missing rows, split or ambiguous digit runs …), each with a span.
    pub diagnostics: Vec<Diagnostic>,
}

/// Moves a table's start back over the bracket that opens its note (`（本列数据…`), and to the
/// start of its line when nothing else precedes it there.
fn to_line_start(text: &str, span: Span) -> Span {
    let before = text.get(..span.start as usize).unwrap_or("");
    let opening = |c: char| matches!(c, '(' | '（' | '[' | '【');
    let start = match before.strip_suffix(opening) {
        Some(rest) => rest.len(),
        None => before.len(),
    };
    let head = before.get(..start).unwrap_or("");
    let line = head.rsplit('\n').next().unwrap_or("");
    let start = if line.chars().all(|c| c.is_whitespace() || c == '|') {
        start - line.len()
    } else {
        start
    };
    Span::new(start as u32, span.end)
}

/// Parses decoded report text. Never panics; always returns a (possibly partial) model.
///
/// A file holding two reports one after the other (a crawler appending the next page) is read up
/// to the second report only, with a PA010 at the second title: mixing their tables would make
/// every identity fail for reasons that are not in either report.
pub fn parse(text: &str) -> Parsed {
    let parsed = parse_report(text);
    let Some((cut, second)) = title::second_report(text, &parsed.report.sections) else {
        return parsed;
    };
    let mut first = parse_report(text.get(..cut).unwrap_or(text));
    first.diagnostics.push(diag::multiple_reports(second));
    first
        .diagnostics
        .sort_by_key(|diagnostic| diagnostic.span.start);
    first
}

fn parse_report(text: &str) -> Parsed {
    let folded = Folded::new(text);
    let body = title::body_start(text);
    let body_folded = folded.at_source(body as u32);
    let mut report = Report {
        title: title::title(text),
        period: title::period(&folded),
        sections: sections::sections(text, &folded, body),
        ..Report::default()
    };
    let headings = report
        .sections
        .iter()
        .map(|section| folded.at_source(section.heading_span.start))
        .collect();
    let mut reader = Reader::new(text, &folded, headings);
    let heading = |number: u8| {
        report
            .sections
            .iter()
            .find(|section| section.number == number)
    };
    let heading_start = |section: &Section| folded.at_source(section.heading_span.start);
    let heading_end = |section: &Section| folded.at_source(section.heading_span.end);
    let end = folded.len();

    // Table 3 first: its anchors bound Table 2 from below.
    let t3_search = heading(3).map_or(body_folded, heading_end);
    let t3_from = tables::table3_anchor(&reader, t3_search, end)
        .or_else(|| tables::table3_anchor(&reader, body_folded, end));
    let later_heading = |from: usize, min_number: u8| {
        report
            .sections
            .iter()
            .filter(|section| section.number >= min_number)
            .map(heading_start)
            .find(|&start| start > from)
    };
    let t3 = t3_from.and_then(|from| {
        let to = later_heading(from, 4).unwrap_or(end);
        tables::table3(&mut reader, from, to)
    });

    // Table 2 from its anchor `第二十条第（…）项` (narrative may name its labels in any year) to
    // Table 3 or heading 三.
    let t2_search = heading(2).map_or(body_folded, heading_start);
    let t2_from = tables::table2_anchor(&reader, t2_search, t3_from.unwrap_or(end))
        .or_else(|| tables::table2_anchor(&reader, body_folded, t3_from.unwrap_or(end)));
    let t2_to = t2_from.map_or(end, |from| {
        let limit = later_heading(from, 3).unwrap_or(end);
        t3_from
            .filter(|&start| start > from)
            .map_or(limit, |start| start.min(limit))
    });
    let t2_from = t2_from.unwrap_or(t2_to);
    let signals_2 = tables::table2_signals(&reader, t2_from, t2_to);
    let mut signals = signals_2.clone();
    signals.extend(t3.iter().flat_map(|read| read.evidence.iter().copied()));
    let table3_layout = t3.as_ref().map(|read| read.layout);
    report.template = detect::detect(&folded, body_folded, signals, table3_layout);
    let template = report.template.template;
    let templated = matches!(template, Template::V2021 | Template::V2019);

    if templated {
        let layout = if signals_2.iter().any(|(t, _, _)| *t == Template::V2021)
            || signals_2.is_empty() && template == Template::V2021
        {
            Template::V2021
        } else {
            Template::V2019
        };
        report.table2 = tables::table2(&mut reader, layout, t2_from, t2_to);
        let t4_from = t3
            .as_ref()
            .map(|read| read.end)
            .or_else(|| heading(4).map(heading_start))
            .unwrap_or(t2_to);
        let t4_from = heading(4)
            .map(heading_start)
            .filter(|&start| start > t4_from)
            .unwrap_or(t4_from);
        let t4_to = later_heading(t4_from, 5).unwrap_or(end);
        report.table4 = tables::table4(&mut reader, t4_from, t4_to);
        report.table3 = t3.map(|read| read.table);
        let missing_at = |number: u8| {
            heading(number).map_or(Span::new(text.len() as u32, text.len() as u32), |section| {
                section.heading_span
            })
        };
        if report.table2.is_none() {
            reader
                .diagnostics
                .push(diag::table_missing(missing_at(2), 2));
        }
        if report.table3.is_none() {
            reader
                .diagnostics
                .push(diag::table_missing(missing_at(3), 3));
        }
        if report.table4.is_none() {
            reader
                .diagnostics
                .push(diag::table_missing(missing_at(4), 4));
        }
    } else {
        // Parse problems from a table-3 attempt do not apply to a report without template tables.
        reader.diagnostics.clear();
    }

    if template == Template::Pre2019 {
        // Their own outline, numbered as written; the 2019/2021 headings do not apply.
        report.sections = sections::outline(text, &folded, body);
    }
    let mut diagnostics = reader.diagnostics;
    let mut seen = [false; 7];
    for section in &report.sections {
        if let Some(seen) = seen.get_mut(usize::from(section.number)) {
            if *seen {
                diagnostics.push(diag::duplicate_section(
                    section.heading_span,
                    &section.heading,
                ));
            }
            *seen = true;
        }
    }
    if let Some(table) = &mut report.table2 {
        table.span = to_line_start(text, table.span);
    }
    if let Some(table) = &mut report.table3 {
        table.span = to_line_start(text, table.span);
    }
    if let Some(table) = &mut report.table4 {
        table.span = to_line_start(text, table.span);
    }
    let mut excluded: Vec<Span> = Vec::new();
    excluded.extend(
        report
            .title
            .as_ref()
            .map(|title| title.span)
            .filter(|span| span.start as usize >= body),
    );
    excluded.extend(report.table2.as_ref().map(|table| table.span));
    excluded.extend(report.table3.as_ref().map(|table| table.span));
    excluded.extend(report.table4.as_ref().map(|table| table.span));
    report.paragraphs = sections::paragraphs(text, body, &report.sections, &excluded);
    // Document order, as a reader meets them (a stable sort keeps same-place findings together).
    diagnostics.sort_by_key(|diagnostic| diagnostic.span.start);
    Parsed {
        report,
        diagnostics,
    }
}

//! The three tables of a report: where each is searched, the order they are read in (Table 3
//! first: its anchors bound Table 2 from below), template detection from what they print, and
//! what is said about a table that is absent or could not be read.

use super::table3::Table3Outcome;
use super::{Reader, table2, table2_anchor, table2_signals, table3, table3_anchor};
use super::{table4, table4_anchor};
use crate::detect;
use crate::diag;
use crate::fold::Folded;
use nianbao_model::template::Template;
use nianbao_model::{Diagnostic, Gap, GapKind, Report, Section};
use nianbao_source::Span;

/// What reading the tables leaves besides the tables themselves.
#[derive(Default)]
pub(crate) struct TablesRead {
    /// Regions of tables that were found but not read: not prose either.
    pub unread: Vec<Span>,
    pub diagnostics: Vec<Diagnostic>,
    /// Tables of the template not read at all, for the report's coverage.
    pub gaps: Vec<Gap>,
}

/// Reads the tables of `source` (its folded copy `folded`, body from byte `body`) into `report`
/// (whose sections are found already), with its template. Kept out of line (called once a
/// report) so that profiles show table reading as one entry.
#[inline(never)]
pub(crate) fn read_all(
    source: &str,
    folded: &Folded,
    body: usize,
    report: &mut Report,
) -> TablesRead {
    let sections = report.sections.as_slice();
    let body_folded = folded.at_source(body as u32);
    let headings = sections
        .iter()
        .map(|section| folded.at_source(section.heading_span.start))
        .collect();
    let mut reader = Reader::new(source, folded, headings);
    let heading = |number: u8| sections.iter().find(|section| section.number == number);
    let heading_start = |section: &Section| folded.at_source(section.heading_span.start);
    let heading_end = |section: &Section| folded.at_source(section.heading_span.end);
    let end = folded.len();
    let later_heading = |from: usize, min_number: u8| {
        sections
            .iter()
            .filter(|section| section.number >= min_number)
            .map(heading_start)
            .find(|&start| start > from)
    };

    // Table 3 first: its anchors bound Table 2 from below.
    let t3_search = heading(3).map_or(body_folded, heading_end);
    let t3_anchor =
        table3_anchor(&reader, t3_search, end).or_else(|| table3_anchor(&reader, body_folded, end));
    let t3_from = t3_anchor.as_ref().map(|anchor| anchor.start);
    let t3 = match &t3_anchor {
        Some(anchor) => table3(
            &mut reader,
            anchor,
            later_heading(anchor.start, 4).unwrap_or(end),
        ),
        None => Table3Outcome::Absent,
    };

    // Table 2 from its anchor `第二十条第（…）项` (narrative may name its labels in any year) to
    // Table 3 or heading 三.
    let t2_search = heading(2).map_or(body_folded, heading_start);
    let t2_anchor = table2_anchor(&reader, t2_search, t3_from.unwrap_or(end))
        .or_else(|| table2_anchor(&reader, body_folded, t3_from.unwrap_or(end)));
    let t2_to = t2_anchor.map_or(end, |from| {
        let limit = later_heading(from, 3).unwrap_or(end);
        t3_from
            .filter(|&start| start > from)
            .map_or(limit, |start| start.min(limit))
    });
    let t2_from = t2_anchor.unwrap_or(t2_to);
    let searched_2 = table2_signals(&reader, t2_from, t2_to);
    let signals_2 = searched_2.printed();
    let mut signals = signals_2.clone();
    let t3_layout = match &t3 {
        Table3Outcome::Read(read) => {
            signals.extend(read.evidence.iter().copied());
            Some(read.layout)
        }
        Table3Outcome::NotRowOrder { layout, .. } => Some(*layout),
        Table3Outcome::Absent => None,
    };
    let template = detect::detect(folded, body_folded, signals, t3_layout);
    let detected = template.template;
    let mut read = TablesRead::default();
    let mut table3_read_done = None;
    if !matches!(detected, Template::V2021 | Template::V2019) {
        // Parse problems from a table-3 attempt do not apply to a report without template tables.
        report.template = template;
        return read;
    }
    let layout = if signals_2.iter().any(|(t, _, _)| *t == Template::V2021)
        || signals_2.is_empty() && detected == Template::V2021
    {
        Template::V2021
    } else {
        Template::V2019
    };
    let table2_read = table2(&mut reader, layout, &searched_2, t2_from, t2_to);
    let t3_end = match &t3 {
        Table3Outcome::Read(read) => Some(read.end),
        Table3Outcome::NotRowOrder { end, .. } => Some(*end),
        Table3Outcome::Absent => None,
    };
    let t4_from = t3_end
        .or_else(|| heading(4).map(heading_start))
        .unwrap_or(t2_to);
    let t4_from = heading(4)
        .map(heading_start)
        .filter(|&start| start > t4_from)
        .unwrap_or(t4_from);
    let t4_to = later_heading(t4_from, 5).unwrap_or(end);
    let table4_read = table4(&mut reader, t4_from, t4_to);
    let t4_anchor = table4_anchor(&reader, t4_from, t4_to);
    let mut diagnostics = std::mem::take(&mut reader.diagnostics);

    // What could not be read is a warning that says so; only a table with no trace at all is an
    // error about the report.
    let missing_at = |number: u8| {
        heading(number).map_or(
            Span::new(source.len() as u32, source.len() as u32),
            |section| section.heading_span,
        )
    };
    let traced = |anchor: Option<usize>| anchor.map(|at| folded.span(at, at));
    // A table not read: its finding, and the gap in the report's coverage.
    let absent = |table: u8, anchor: Option<usize>| {
        let (diagnostic, kind) = match traced(anchor) {
            Some(at) => (
                diag::table_unreadable(at, table),
                GapKind::TableUnreadable { table },
            ),
            None => (
                diag::table_missing(missing_at(table), table),
                GapKind::TableMissing { table },
            ),
        };
        let gap = Gap {
            kind,
            span: diagnostic.span,
        };
        (diagnostic, gap)
    };
    let mut not_read = Vec::new();
    if table2_read.is_none() {
        not_read.push(absent(2, t2_anchor));
    }
    match t3 {
        Table3Outcome::Read(table3_read) => table3_read_done = Some(table3_read),
        Table3Outcome::NotRowOrder { span, .. } => {
            read.unread.push(span);
            let gap = Gap {
                kind: GapKind::TableNotInRowOrder { table: 3 },
                span,
            };
            not_read.push((diag::reading_order(span, 3), gap));
        }
        Table3Outcome::Absent => not_read.push(absent(3, t3_from)),
    }
    if table4_read.is_none() {
        not_read.push(absent(4, t4_anchor));
    }
    for (diagnostic, gap) in not_read {
        diagnostics.push(diagnostic);
        read.gaps.push(gap);
    }
    report.template = template;
    report.table2 = table2_read;
    report.table3 = table3_read_done.map(|table3_read| table3_read.table);
    report.table4 = table4_read;
    read.diagnostics = diagnostics;
    read
}

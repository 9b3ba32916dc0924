//! The parser: report plaintext in, typed [`nianbao_model::Report`] with exact spans out.
//!
//! This crate owns reading a 政府信息公开工作年度报告 in whatever shape extraction left it: tab
//! grids, space-aligned PDF text (`pdftotext -layout`), one cell per line (plain `pdftotext`
//! reading order included), Markdown and pipe tables, and crawler dumps with every table cell
//! run together. Physical lines first become logical ones (`logical`: a row label whose tail was
//! printed after its numbers is rejoined, with a map back to the original, and only when
//! needed). It is label-anchored: every template label is searched in a folded copy of the text
//! (widths, quotes and whitespace folded away, `fold`; misprints within an edit distance scaled
//! to the label, `labels`), and a row's values are read from the original text between its
//! label and the next one (`scan`), or before its label where the extraction printed labels
//! after their numbers (`tables::sides`). Digits run together are split only where the template
//! arithmetic leaves a single reading (`split`); otherwise the cells are
//! [`nianbao_model::Value::Unresolved`] and a diagnostic lists the candidates.
//!
//! Parse problems are values, never panics. What could not be read is a warning that says what
//! was not checked (PA002, PA003, PA011, PA012 …), never an error about the report: only a
//! table with no trace at all (PA001) is. Every span of the result points into the text passed
//! to [`parse`].

mod cells;
mod coverage;
mod detect;
mod diag;
pub use diag::{PARSE_CODES, ParseCode};
mod fold;
mod labels;
mod logical;
mod paragraphs;
mod remap;
mod scan;
mod sections;
mod split;
mod stated;
mod tables;
mod title;

use fold::Folded;
use nianbao_model::template::Template;
use nianbao_model::{Diagnostic, Report};
use nianbao_source::Span;

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
    let line = memchr::memrchr(b'\n', head.as_bytes())
        .and_then(|newline| head.get(newline + 1..))
        .unwrap_or(head);
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
    let parsed = parse_text(text);
    // Logical lines only where the physical ones left a row unread or misread: text that reads
    // as it is pays for neither a copy nor a map.
    if !logical::may_need(&parsed) {
        return parsed;
    }
    match logical::logical_lines(text) {
        None => parsed,
        Some(logical) => {
            let mut reread = parse_text(&logical.text);
            remap::remap(&mut reread, &logical.map);
            reread
        }
    }
}

/// [`parse`] on text that is already in logical lines.
fn parse_text(text: &str) -> Parsed {
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
    let headings = sections::sections(text, &folded, body);
    let mut report = Report {
        title: title::title(text),
        period: title::period(&folded),
        sections: headings.sections,
        ..Report::default()
    };
    let tables = tables::read_all(text, &folded, body, &mut report);
    let template = report.template.template;
    if template == Template::Pre2019 {
        // Their own outline, numbered as written; the 2019/2021 headings do not apply.
        report.sections = sections::outline(text, &folded, body);
        report.statistics = stated::read(text, &report.sections);
    }
    let mut diagnostics = tables.diagnostics;
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
    if template != Template::Pre2019 {
        for (number, &count) in headings.unrecorded.iter().enumerate() {
            let last = report
                .sections
                .iter()
                .rev()
                .find(|section| usize::from(section.number) == number);
            if let (Some(last), true) = (last, count > 0) {
                diagnostics.push(diag::unrecorded_repeats(
                    last.heading_span,
                    &last.heading,
                    count,
                ));
            }
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
    excluded.extend(tables.unread);
    report.paragraphs = paragraphs::paragraphs(text, body, &report.sections, &excluded);
    report.coverage = coverage::coverage(text, &report, tables.gaps);
    // Document order, as a reader meets them (a stable sort keeps same-place findings together).
    diagnostics.sort_by_key(|diagnostic| diagnostic.span.start);
    Parsed {
        report,
        diagnostics,
    }
}

//! A section per report with findings or gaps: each finding with its severity, code, position
//! (page, line and column), message, the excerpt with the flagged text marked, the cells
//! involved, related locations and help.

use super::escape::push;
use super::excerpt::{Excerpt, ExcerptLine};
use super::words::{self, words};
use super::{AuditFinding, AuditPage, Counts, PageOptions, ReportEntry};
use crate::Region;
use nianbao_model::{Completeness, Lang};
use std::fmt::Write;

/// The heading above the reports' sections.
pub(super) fn heading(out: &mut String, lang: Lang) {
    let _ = writeln!(out, "<h2>{}</h2>", words(lang).findings_heading);
}

/// Whether `report` gets a section: it has findings or was not fully checked.
pub(super) fn has_section(report: &ReportEntry) -> bool {
    !report.findings.is_empty() || report.incomplete()
}

/// In place of the sections when no report has one.
pub(super) fn none(out: &mut String, lang: Lang) {
    let _ = writeln!(
        out,
        "<p class=\"panel empty\">{}</p>",
        words(lang).no_findings
    );
}

/// The section of the report at row `at`.
pub(super) fn section(out: &mut String, at: usize, report: &ReportEntry, page: &AuditPage) {
    let lang = page.options.lang;
    let words = words(lang);
    // What the script needs to hide a section whose findings are all of hidden severities.
    let counts = Counts::of(report);
    let _ = write!(
        out,
        "<article class=\"report\" id=\"r{at}\" data-error=\"{}\" data-warning=\"{}\" data-info=\"{}\" data-full=\"{}\">\n<h3>",
        counts.errors,
        counts.warnings,
        counts.infos,
        u8::from(!report.incomplete())
    );
    push(out, &report.path);
    out.push_str("</h3>\n<p class=\"meta\">");
    let mut meta: Vec<String> = Vec::new();
    if let Some(facts) = &report.facts {
        if let Some(body) = &facts.body {
            meta.push(super::escape::escape(body));
        }
        if let Some(year) = facts.year {
            meta.push(year.to_string());
        }
        meta.push(words::template(facts.template, lang).to_owned());
    }
    let state = words::state(report.state, lang);
    if !state.is_empty() {
        meta.push(state.to_owned());
    }
    out.push_str(&meta.join(" · "));
    let _ = writeln!(out, "<a href=\"#reports\">{}</a></p>", words.back_to_list);
    if report.incomplete() {
        gaps(out, report, lang);
    }
    if report.findings.is_empty() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", words.no_findings);
    }
    for found in &report.findings {
        finding(out, found, page);
    }
    out.push_str("</article>\n");
}

/// What of the report was not checked.
fn gaps(out: &mut String, report: &ReportEntry, lang: Lang) {
    let words = words(lang);
    let mut reasons = report
        .facts
        .as_ref()
        .map_or_else(Vec::new, |facts| facts.unchecked(lang));
    if report.completeness == Completeness::Nothing {
        reasons.push(words.nothing_checked.to_owned());
    }
    let _ = write!(out, "<div class=\"gaps\">{}<ul>", words.not_fully_because);
    for reason in &reasons {
        out.push_str("<li>");
        push(out, reason);
        out.push_str("</li>");
    }
    out.push_str("</ul></div>\n");
}

fn finding(out: &mut String, found: &AuditFinding, page: &AuditPage) {
    let options = &page.options;
    let lang = options.lang;
    let words = words(lang);
    let finding = &found.finding;
    let severity = finding.severity.as_str();
    let _ = write!(
        out,
        "<div class=\"f f-{severity}\"><div class=\"f-head\"><span class=\"sev s-{severity}\">{}</span><code>",
        words::severity(finding.severity, lang)
    );
    push(out, &finding.code);
    out.push_str("</code><span class=\"rule\">");
    push(out, page.rule_title(finding));
    out.push_str("</span><span class=\"loc\">");
    push(out, &position(finding.region, found.page, options));
    out.push_str("</span></div>\n<p class=\"msg\">");
    push(out, &finding.message);
    out.push_str("</p>\n");
    excerpt_block(out, &found.excerpt, lang);
    if !finding.labels.is_empty() {
        let _ = write!(out, "<div class=\"note\">{}</div><ul>", words.labels);
        for label in &finding.labels {
            out.push_str("<li><span class=\"loc\">");
            push(out, &position(label.region, None, options));
            out.push_str("</span> ");
            push(out, &label.message);
            out.push_str("</li>");
        }
        out.push_str("</ul>\n");
    }
    if !finding.related.is_empty() {
        let _ = write!(out, "<div class=\"note\">{}</div><ul>", words.related);
        for related in &finding.related {
            out.push_str("<li>");
            push(out, &related.path);
            out.push_str(" <span class=\"loc\">");
            push(out, &position(related.region, None, options));
            out.push_str("</span> ");
            push(out, &related.message);
            out.push_str("</li>");
        }
        out.push_str("</ul>\n");
    }
    if let Some(help) = &finding.help {
        let _ = write!(out, "<p class=\"help\">{}：", words.help);
        push(out, help);
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n");
}

fn position(region: Region, page: Option<u32>, options: &PageOptions) -> String {
    words::position(
        region.start.line,
        region.start.column_in(options.column_unit),
        page,
        options.lang,
    )
}

fn excerpt_block(out: &mut String, excerpt: &Excerpt, lang: Lang) {
    if excerpt.lines.is_empty() {
        return;
    }
    let words = words(lang);
    out.push_str("<pre class=\"ex\">");
    for (at, line) in excerpt.lines.iter().enumerate() {
        if at > 0 {
            out.push('\n');
        }
        excerpt_line(out, line);
    }
    out.push_str("</pre>\n");
    if excerpt.from_extracted {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", words.from_extracted);
    }
    if excerpt.more_lines > 0 {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            words
                .more_lines
                .replace("{n}", &excerpt.more_lines.to_string())
        );
    }
}

/// A line with its marks: the finding's own span in red, its labels in blue (their message as
/// a tooltip), an empty span (a blank cell) as a hatched gap.
fn excerpt_line(out: &mut String, line: &ExcerptLine) {
    let _ = write!(
        out,
        "<span class=\"l\"><span class=\"ln\">{}</span>",
        line.number
    );
    if line.cut_before {
        out.push_str("<span class=\"cut\">…</span>");
    }
    let chars: Vec<char> = line.text.chars().collect();
    let text = |from: usize, to: usize| -> String { chars[from.min(to)..to].iter().collect() };
    let mut at = 0;
    for mark in &line.marks {
        let start = mark.start.min(chars.len()).max(at);
        let end = mark.end.min(chars.len()).max(start);
        push(out, &text(at, start));
        let class = match (mark.primary, start == end) {
            (_, true) => "gap",
            (true, false) => "p",
            (false, false) => "lb",
        };
        let _ = write!(out, "<mark class=\"{class}\"");
        if !mark.note.is_empty() {
            out.push_str(" title=\"");
            push(out, &mark.note);
            out.push('"');
        }
        out.push('>');
        push(out, &text(start, end));
        out.push_str("</mark>");
        at = end;
    }
    push(out, &text(at, chars.len()));
    if line.cut_after {
        out.push_str("<span class=\"cut\">…</span>");
    }
    out.push_str("</span>");
}

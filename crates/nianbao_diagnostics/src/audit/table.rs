//! The page's head, its summary cards and the table of every report, with the filters above it.

use super::escape::push;
use super::words::{self, words};
use super::{Counts, FileState, ReportEntry, Summary};
use nianbao_model::{Lang, Severity};
use std::fmt::Write;

pub(super) fn header(out: &mut String, summary: &Summary, lang: Lang) {
    let words = words(lang);
    let _ = writeln!(
        out,
        "<header class=\"top\"><h1>{}</h1><p>{} {}</p></header>",
        words.title, summary.files, words.reports
    );
}

pub(super) fn cards(out: &mut String, summary: &Summary, lang: Lang) {
    let words = words(lang);
    out.push_str("<section class=\"cards\">\n");
    let cards = [
        ("card", summary.files, words.reports),
        ("card bad", summary.with_errors, words.with_errors),
        (
            "card warn",
            summary.not_fully_checked,
            words.not_fully_checked,
        ),
        ("card", summary.errors, words.columns.errors),
        ("card", summary.warnings, words.columns.warnings),
        ("card", summary.infos, words.columns.infos),
    ];
    for (class, number, label) in cards {
        let _ = writeln!(
            out,
            "<div class=\"{class}\"><b>{number}</b><span>{label}</span></div>"
        );
    }
    out.push_str("</section>\n");
}

/// The filters, and a row per report; each row with findings or gaps links to its details.
pub(super) fn reports(out: &mut String, reports: &[ReportEntry], lang: Lang) {
    let words = words(lang);
    out.push_str("<section class=\"panel\">\n<div class=\"filters\">\n");
    let _ = writeln!(
        out,
        "<input type=\"search\" id=\"q\" placeholder=\"{}\" aria-label=\"{}\">",
        words.filter_placeholder, words.filter_label
    );
    for (id, label) in [
        ("only-errors", words.only_errors),
        ("only-partial", words.only_partial),
    ] {
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" id=\"{id}\"> {label}</label>"
        );
    }
    let _ = write!(out, "<span class=\"group\">{}：</span>", words.show);
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        // Infos are shown on request, as in the terminal.
        let checked = if severity == Severity::Info {
            ""
        } else {
            " checked"
        };
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" id=\"sev-{}\"{checked}> {}</label>",
            severity.as_str(),
            words::severity(severity, lang)
        );
    }
    let _ = writeln!(
        out,
        "\n<span class=\"count\" id=\"count\" data-text=\"{}\"></span>\n</div>",
        words.shown_of
    );
    let columns = &words.columns;
    out.push_str("<table id=\"reports\">\n<thead><tr>");
    for (name, kind) in [
        (columns.file, "text"),
        (columns.body, "text"),
        (columns.year, "number"),
        (columns.template, "text"),
        (columns.errors, "number"),
        (columns.warnings, "number"),
        (columns.infos, "number"),
        (columns.checked, "number"),
    ] {
        let _ = write!(
            out,
            "<th data-type=\"{kind}\" aria-sort=\"none\"><button type=\"button\">{name}</button></th>"
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (at, report) in reports.iter().enumerate() {
        row(out, at, report, lang);
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn row(out: &mut String, at: usize, report: &ReportEntry, lang: Lang) {
    let words = words(lang);
    let counts = Counts::of(report);
    let linked = counts.total() > 0 || report.incomplete();
    // Sorted by: not checked as a report (0), checked in part (1), checked fully (2); the
    // script's "not fully checked" filter keeps the `0`s, as the run's summary counts them.
    let (rank, full, pill, text) = match report.state {
        FileState::Checked if report.incomplete() => (1, "0", "partial", words.partial),
        FileState::Checked => (2, "1", "full", words.full),
        state => (0, "", "none", words::state(state, lang)),
    };
    let _ = write!(
        out,
        "<tr data-errors=\"{}\" data-full=\"{full}\"",
        counts.errors
    );
    if linked {
        let _ = write!(out, " data-target=\"r{at}\"");
    }
    let mut codes: Vec<&str> = report
        .findings
        .iter()
        .map(|found| found.finding.code.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    out.push_str(" data-codes=\"");
    push(out, &codes.join(" "));
    out.push_str("\"><td class=\"file\">");
    if linked {
        let _ = write!(out, "<a href=\"#r{at}\">");
        push(out, &report.path);
        out.push_str("</a>");
    } else {
        push(out, &report.path);
    }
    out.push_str("</td><td>");
    let facts = report.facts.as_ref();
    if let Some(body) = facts.and_then(|facts| facts.body.as_deref()) {
        push(out, body);
    }
    let year = facts
        .and_then(|facts| facts.year)
        .map_or(String::new(), |year| year.to_string());
    let _ = write!(
        out,
        "</td><td class=\"n\" data-v=\"{year}\">{year}</td><td>"
    );
    if let Some(facts) = facts {
        out.push_str(words::template(facts.template, lang));
    }
    out.push_str("</td>");
    for (count, class) in [
        (counts.errors, "c-error"),
        (counts.warnings, "c-warning"),
        (counts.infos, "c-info"),
    ] {
        let class = if count == 0 { "zero" } else { class };
        let _ = write!(
            out,
            "<td class=\"n {class}\" data-v=\"{count}\">{count}</td>"
        );
    }
    let _ = writeln!(
        out,
        "<td data-v=\"{rank}\"><span class=\"pill {pill}\">{text}</span></td></tr>"
    );
}

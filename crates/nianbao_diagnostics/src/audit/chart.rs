//! The summary charts: findings per rule and per issuing body, as horizontal bars split by
//! severity, drawn as inline SVG (no library, nothing loaded).

use super::escape::push;
use super::words::{self, words};
use super::{AuditPage, Counts};
use nianbao_model::{Lang, Severity};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Bars per chart; the rest are summed up in one line.
const TOP: usize = 15;
const WIDTH: usize = 640;
const LABEL_WIDTH: usize = 290;
const ROW_HEIGHT: usize = 22;
const LEGEND_HEIGHT: usize = 24;
/// Room for the total after the longest bar.
const TOTAL_WIDTH: usize = 48;
/// Longer labels are cut (the whole label is in the bar's tooltip), in half-width columns: a
/// Chinese character takes two.
const LABEL_COLUMNS: usize = 42;

/// One bar: what it counts and how many of each severity.
struct Bar {
    label: String,
    counts: Counts,
}

pub(super) fn charts(out: &mut String, page: &AuditPage) {
    let lang = page.options.lang;
    let words = words(lang);
    let mut by_rule: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_body: BTreeMap<String, Counts> = BTreeMap::new();
    for report in &page.reports {
        let body = report
            .facts
            .as_ref()
            .and_then(|facts| facts.body.clone())
            .unwrap_or_else(|| words.unknown_body.to_owned());
        for found in &report.findings {
            let finding = &found.finding;
            by_rule
                .entry(format!("{} {}", finding.code, page.rule_title(finding)))
                .or_default()
                .add(finding.severity);
            by_body
                .entry(body.clone())
                .or_default()
                .add(finding.severity);
        }
    }
    out.push_str("<section class=\"charts\">\n");
    for (caption, counted) in [(words.by_rule, by_rule), (words.by_body, by_body)] {
        let bars = counted
            .into_iter()
            .map(|(label, counts)| Bar { label, counts })
            .collect();
        figure(out, caption, bars, lang);
    }
    out.push_str("</section>\n");
}

fn figure(out: &mut String, caption: &str, mut bars: Vec<Bar>, lang: Lang) {
    let words = words(lang);
    // What a reviewer must act on first: errors, then warnings.
    bars.sort_by(|a, b| {
        let key = |bar: &Bar| (bar.counts.errors, bar.counts.warnings, bar.counts.total());
        key(b).cmp(&key(a)).then_with(|| a.label.cmp(&b.label))
    });
    let _ = write!(out, "<figure><figcaption>{caption}");
    if bars.len() > TOP {
        let _ = match lang {
            Lang::Zh => write!(out, "（前 {TOP} 项）"),
            Lang::En => write!(out, " (top {TOP})"),
        };
    }
    out.push_str("</figcaption>\n");
    if bars.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p></figure>",
            words.no_findings_chart
        );
        return;
    }
    let rest: Vec<Bar> = bars.split_off(bars.len().min(TOP));
    let rows = bars.len() + usize::from(!rest.is_empty());
    let height = LEGEND_HEIGHT + rows * ROW_HEIGHT + 4;
    let _ = writeln!(
        out,
        "<svg viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{caption}\">"
    );
    legend(out, lang);
    let most = bars
        .iter()
        .map(|bar| bar.counts.total())
        .max()
        .unwrap_or(1)
        .max(1);
    let scale = (WIDTH - LABEL_WIDTH - TOTAL_WIDTH) as f64 / most as f64;
    for (at, bar) in bars.iter().enumerate() {
        let y = LEGEND_HEIGHT + at * ROW_HEIGHT;
        row(out, bar, y, scale, lang);
    }
    if !rest.is_empty() {
        let findings: usize = rest.iter().map(|bar| bar.counts.total()).sum();
        let y = LEGEND_HEIGHT + bars.len() * ROW_HEIGHT + 15;
        let text = match lang {
            Lang::Zh => format!("其余 {} 项，共 {findings} 个问题", rest.len()),
            Lang::En => format!("{} more, {findings} findings in all", rest.len()),
        };
        let _ = writeln!(
            out,
            "<text class=\"dim\" x=\"{LABEL_WIDTH}\" y=\"{y}\">{text}</text>"
        );
    }
    out.push_str("</svg></figure>\n");
}

fn legend(out: &mut String, lang: Lang) {
    let mut x = LABEL_WIDTH;
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let _ = writeln!(
            out,
            "<rect class=\"b-{}\" x=\"{x}\" y=\"4\" width=\"10\" height=\"10\"></rect><text class=\"dim\" x=\"{}\" y=\"13\">{}</text>",
            severity.as_str(),
            x + 14,
            words::severity(severity, lang)
        );
        x += 80;
    }
}

fn row(out: &mut String, bar: &Bar, y: usize, scale: f64, lang: Lang) {
    let counts = bar.counts;
    out.push_str("<g><title>");
    push(out, &bar.label);
    let _ = write!(
        out,
        "：{} {} · {} {} · {} {}</title>",
        counts.errors,
        words::severity(Severity::Error, lang),
        counts.warnings,
        words::severity(Severity::Warning, lang),
        counts.infos,
        words::severity(Severity::Info, lang)
    );
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">",
        LABEL_WIDTH - 8,
        y + 15
    );
    push(out, &shortened(&bar.label));
    out.push_str("</text>");
    let mut x = LABEL_WIDTH as f64;
    for (count, class) in [
        (counts.errors, "b-error"),
        (counts.warnings, "b-warning"),
        (counts.infos, "b-info"),
    ] {
        if count == 0 {
            continue;
        }
        let width = (count as f64 * scale).max(2.0);
        let _ = write!(
            out,
            "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{}\" width=\"{width:.1}\" height=\"{}\"></rect>",
            y + 4,
            ROW_HEIGHT - 8
        );
        x += width;
    }
    let _ = writeln!(
        out,
        "<text class=\"dim\" x=\"{:.1}\" y=\"{}\">{}</text></g>",
        x + 6.0,
        y + 15,
        counts.total()
    );
}

/// `label` within [`LABEL_COLUMNS`], cut with `…`.
fn shortened(label: &str) -> String {
    let width = |ch: char| if ch >= '\u{2E80}' { 2 } else { 1 };
    if label.chars().map(width).sum::<usize>() <= LABEL_COLUMNS {
        return label.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in label.chars() {
        used += width(ch);
        if used > LABEL_COLUMNS - 1 {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cut_by_width() {
        assert_eq!(shortened("T3001 表三"), "T3001 表三");
        let chinese = shortened(&"表".repeat(30));
        assert_eq!(chinese, format!("{}…", "表".repeat(20)));
        let latin = shortened(&"a".repeat(60));
        assert_eq!(latin.chars().count(), LABEL_COLUMNS);
    }
}

//! Accuracy on generated PDFs whose right answer is known: every table style, clean and with
//! every fault class. The PDF must read back to exactly the text the generator says a reader
//! gets; every injected fault must be found at its line and on its page; a clean report must
//! give no error. Prints the figures per style (recorded in docs/pdf.md).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use nianbao_gen::{FaultKind, Layout, Options, PdfStyle, generate, inject, render_pdf};
use nianbao_model::Severity;
use nianbao_pdf::{PdfLimits, extract_pdf};
use nianbao_rules::RuleSet;
use nianbao_source::LineIndex;

/// Reports per style; every second one carries a fault, cycling through the classes.
const REPORTS: u64 = 60;

#[derive(Default, Debug)]
struct Figures {
    files: u32,
    identical: u32,
    pages: u32,
    faulty: u32,
    found: u32,
    false_errors: u32,
}

#[test]
fn every_style_reads_back_exactly_and_every_fault_is_found_on_its_line_and_page() {
    let rules = RuleSet::builtin().expect("the built-in rules load");
    let mut problems = Vec::new();
    let mut table = Vec::new();
    let mut kinds_found = std::collections::BTreeSet::new();
    for style in PdfStyle::ALL {
        let mut figures = Figures::default();
        for index in 0..REPORTS {
            let mut report = generate(2027, index, &Options::default());
            let fault = if index % 2 == 1 {
                let start = (index / 2) as usize;
                (0..FaultKind::ALL.len()).find_map(|offset| {
                    let kind = FaultKind::ALL[(start + offset) % FaultKind::ALL.len()];
                    let mut candidate = report.clone();
                    let fault = inject(&mut candidate, kind, Layout::Tab)?;
                    report = candidate;
                    Some(fault)
                })
            } else {
                None
            };
            let pdf = render_pdf(&report, style);
            let what = format!("{} #{index}", style.name());
            let extracted = extract_pdf(&pdf.bytes, &PdfLimits::default())
                .unwrap_or_else(|error| panic!("{what}: {error}"));
            figures.files += 1;
            figures.pages += extracted.pages;
            if extracted.text == pdf.text.text {
                figures.identical += 1;
            } else {
                let first = extracted
                    .text
                    .lines()
                    .zip(pdf.text.text.lines())
                    .position(|(got, want)| got != want);
                problems.push(format!("{what}: text differs at line {first:?}"));
            }
            let text = &extracted.text;
            let parsed = nianbao_syntax::parse(text);
            let mut found = parsed.diagnostics;
            found.extend(rules.check(&parsed.report, text));
            let lines = LineIndex::new(text);
            let mut allowed: Vec<(&str, u32)> = Vec::new();
            if let Some(fault) = &fault {
                figures.faulty += 1;
                let expected = fault
                    .locate(&pdf.text)
                    .expect("the fault's anchor is printed");
                let page = pdf.page_of(fault.anchor).expect("the anchor has a page");
                let hit = found.iter().any(|diagnostic| {
                    diagnostic.code == expected.code
                        && lines.line_of(diagnostic.span.start) == expected.line
                        && extracted.locate(diagnostic.span).map(|at| at.page) == Some(page)
                });
                if hit {
                    figures.found += 1;
                    kinds_found.insert(fault.kind.name());
                } else {
                    problems.push(format!(
                        "{what}: {} expected at line {} page {page}, got {:?}",
                        expected.code,
                        expected.line,
                        found
                            .iter()
                            .map(|d| format!("{}@{}", d.code, lines.line_of(d.span.start)))
                            .collect::<Vec<_>>()
                    ));
                }
                allowed.push((expected.code, expected.line));
                allowed.extend(expected.also.iter().map(|also| (also.code, also.line)));
            }
            for diagnostic in found.iter().filter(|d| d.severity == Severity::Error) {
                let line = lines.line_of(diagnostic.span.start);
                if !allowed.contains(&(diagnostic.code.as_ref(), line)) {
                    figures.false_errors += 1;
                    problems.push(format!(
                        "{what}: false {}@{line} {}",
                        diagnostic.code, diagnostic.message.zh
                    ));
                }
            }
        }
        table.push((style.name(), figures));
    }
    eprintln!(
        "| style | PDFs | pages | text identical | faulty | found at line and page | false errors |"
    );
    eprintln!("|---|---|---|---|---|---|---|");
    for (name, f) in &table {
        eprintln!(
            "| {name} | {} | {} | {} | {} | {} | {} |",
            f.files, f.pages, f.identical, f.faulty, f.found, f.false_errors
        );
    }
    eprintln!("fault classes found: {kinds_found:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        kinds_found.len() >= 12,
        "fault classes covered: {kinds_found:?}"
    );
}

#[test]
fn every_style_exercises_what_it_is_named_for() {
    let report = generate(2027, 4, &Options::default());
    let pages = |style| extract_pdf(&render_pdf(&report, style).bytes, &PdfLimits::default());
    let bytes = |style| render_pdf(&report, style).bytes;
    let contains =
        |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
    assert!(
        contains(&bytes(PdfStyle::Ruled), b" l S"),
        "stroked borders"
    );
    assert!(
        contains(&bytes(PdfStyle::Wrapped), b" re f"),
        "filled-rectangle borders"
    );
    assert!(
        contains(&bytes(PdfStyle::Vertical), b"/F2 9.0 Tf"),
        "Identity-V labels"
    );
    assert!(
        contains(&bytes(PdfStyle::Ruled), b"2 Tr"),
        "bold drawn as fill and stroke"
    );
    // Same bytes from the same report: the generator is deterministic.
    assert_eq!(bytes(PdfStyle::PageBreak), bytes(PdfStyle::PageBreak));
    let broken = render_pdf(&report, PdfStyle::PageBreak);
    let header = broken.text.text.matches("（本列数据的勾稽关系").count();
    assert_eq!(header, 1, "the repeated header is read once");
    let pdf_text = String::from_utf8_lossy(&broken.bytes).into_owned();
    assert!(pdf_text.matches("/Type /Page ").count() >= 5);
    assert!(pages(PdfStyle::PageBreak).is_ok());
}

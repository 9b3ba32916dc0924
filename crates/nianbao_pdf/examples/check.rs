//! Extracts a PDF and prints what the parser and the rules make of it:
//! `cargo run -p nianbao_pdf --example check -- FILE`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: check FILE")?;
    let bytes = std::fs::read(&path)?;
    let nianbao_pdf::ExtractedPdf { text, map, .. } =
        nianbao_pdf::extract_pdf(&bytes, &nianbao_pdf::PdfLimits::default())?;
    let parsed = nianbao_syntax::parse(&text);
    let rules = nianbao_rules::RuleSet::builtin()?;
    let mut found = parsed.diagnostics;
    found.extend(rules.check(&parsed.report, &text));
    let lines = nianbao_source::LineIndex::new(&text);
    for diagnostic in &found {
        let page = map
            .locate(diagnostic.span)
            .map_or(0, |location| location.page);
        println!(
            "p{page} l{} {:?} {} {} [{}]",
            lines.line_of(diagnostic.span.start),
            diagnostic.severity,
            diagnostic.code,
            diagnostic.message.zh,
            diagnostic.span.slice(&text)
        );
    }
    Ok(())
}

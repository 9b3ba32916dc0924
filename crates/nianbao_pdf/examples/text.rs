//! Prints the text nianbao reads from a PDF: `cargo run -p nianbao_pdf --example text -- FILE`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: text FILE")?;
    let bytes = std::fs::read(&path)?;
    let text = nianbao_pdf::extract_pdf(&bytes, &nianbao_pdf::PdfLimits::default())?.text;
    print!("{text}");
    Ok(())
}

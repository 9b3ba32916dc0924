//! Prints the extracted text of a page or .docx: `cargo run -p nianbao_html --example extract -- FILE`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: extract FILE")?;
    let bytes = std::fs::read(&path)?;
    let extracted = match nianbao_html::InputFormat::from_path(std::path::Path::new(&path)) {
        nianbao_html::InputFormat::Docx => {
            nianbao_html::extract_docx(&bytes, &nianbao_html::DocxLimits::default())?
        }
        _ => nianbao_html::extract_html(&bytes)?,
    };
    print!("{}", extracted.text);
    Ok(())
}

//! Writes generated report `INDEX` in every PDF style to `DIR` and says where extraction
//! differs from the generator's text: `cargo run -p nianbao_pdf --example gen -- DIR INDEX`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: gen DIR INDEX")?;
    let index: u64 = std::env::args()
        .nth(2)
        .ok_or("usage: gen DIR INDEX")?
        .parse()?;
    let report = nianbao_gen::generate(2026, index, &nianbao_gen::Options::default());
    for style in nianbao_gen::PdfStyle::ALL {
        let pdf = nianbao_gen::render_pdf(&report, style);
        let path = format!("{dir}/{index}-{}.pdf", style.name());
        std::fs::write(&path, &pdf.bytes)?;
        std::fs::write(format!("{path}.txt"), &pdf.text.text)?;
        let extracted = nianbao_pdf::extract_pdf(&pdf.bytes, &nianbao_pdf::PdfLimits::default())?;
        std::fs::write(format!("{path}.got"), &extracted.text)?;
        let want: Vec<&str> = pdf.text.text.lines().collect();
        let got: Vec<&str> = extracted.text.lines().collect();
        let first = (0..want.len().max(got.len())).find(|&line| want.get(line) != got.get(line));
        match first {
            None => println!("{}: identical, {} pages", style.name(), extracted.pages),
            Some(line) => println!(
                "{}: line {}:\n want {:?}\n got  {:?}",
                style.name(),
                line + 1,
                want.get(line),
                got.get(line)
            ),
        }
    }
    Ok(())
}

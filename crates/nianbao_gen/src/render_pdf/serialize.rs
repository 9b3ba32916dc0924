//! The PDF file: pages, fonts and the `ToUnicode` map written as objects with their cross
//! references.

use super::metrics::{HEIGHT, WIDTH};
use super::writer::Writer;
use std::fmt::Write as _;

/// The document's objects in order, page objects last.
pub(super) fn serialize(writer: &Writer) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let pages = writer.pages.len();
    let kids: Vec<String> = (0..pages)
        .map(|page| format!("{} 0 R", 8 + 2 * page))
        .collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
    );
    for encoding in ["Identity-H", "Identity-V"] {
        objects.push(format!("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /{encoding} /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>").into_bytes());
    }
    let mut widths = String::new();
    for (index, ch) in writer.chars.iter().enumerate() {
        if ch.is_ascii() {
            let _ = write!(widths, "{} [500] ", index + 1);
        }
    }
    objects.push(format!("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /W [{widths}] /CIDToGIDMap /Identity >>").into_bytes());
    objects.push(b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>".to_vec());
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    for chunk in writer.chars.chunks(100).enumerate() {
        let (start, chars) = chunk;
        let _ = writeln!(cmap, "{} beginbfchar", chars.len());
        for (offset, ch) in chars.iter().enumerate() {
            let mut units = [0u16; 2];
            let hex: String = ch
                .encode_utf16(&mut units)
                .iter()
                .map(|unit| format!("{unit:04X}"))
                .collect();
            let _ = writeln!(cmap, "<{:04X}> <{hex}>", start * 100 + offset + 1);
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    objects.push(stream(cmap.as_bytes()));
    for (index, page) in writer.pages.iter().enumerate() {
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>", 9 + 2 * index).into_bytes());
        objects.push(stream(page.ops.as_bytes()));
    }
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let _ = write!(
        ByteWriter(&mut out),
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    );
    for offset in offsets {
        let _ = writeln!(ByteWriter(&mut out), "{offset:010} 00000 n ");
    }
    let _ = write!(
        ByteWriter(&mut out),
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out
}

struct ByteWriter<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for ByteWriter<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

fn stream(data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

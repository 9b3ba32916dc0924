//! Bad PDFs are values, never panics: damaged and cut-short files, encrypted ones, scans,
//! inflation bombs and documents over a budget each get their own [`PdfError`].
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use flate2::Compression;
use flate2::write::ZlibEncoder;
use nianbao_gen::{Options, PdfStyle, generate, render_pdf};
use nianbao_pdf::{Budget, PdfError, PdfLimits, extract_pdf};
use nianbao_source::Span;
use proptest::prelude::*;
use std::io::Write;

/// A minimal PDF from object bodies (object `n` is `objects[n - 1]`) and a trailer fragment.
fn pdf(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// One page whose content stream is `content` (with `filter`, e.g. `/Filter /FlateDecode`).
fn one_page(content: &[u8], filter: &str) -> Vec<u8> {
    pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            stream(filter, content),
        ],
        "",
    )
}

#[test]
fn each_kind_of_bad_pdf_gets_its_own_error() {
    let limits = PdfLimits::default();
    assert_eq!(
        extract_pdf(b"hello, not a pdf", &limits).unwrap_err(),
        PdfError::NotPdf
    );
    let cut = extract_pdf(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", &limits).unwrap_err();
    assert!(matches!(cut, PdfError::Corrupt { .. }), "{cut:?}");
    // A page that only draws a box: nothing to read, as with a scan.
    let drawing = extract_pdf(
        &one_page(b"0 0 m 100 100 l S 10 10 200 300 re f", ""),
        &limits,
    );
    assert_eq!(
        drawing.unwrap_err(),
        PdfError::NoTextLayer {
            pages: 1,
            images: 0,
            unmapped_glyphs: 0
        }
    );
    assert!(
        PdfError::NoTextLayer {
            pages: 1,
            images: 1,
            unmapped_glyphs: 0
        }
        .message()
        .zh
        .contains("无文字层，可能是扫描件，未检查")
    );
    // Encrypted with a user password we do not have.
    let encrypted = pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
            format!(
                "<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -4 >>",
                "11".repeat(32),
                "22".repeat(32)
            )
            .into_bytes(),
        ],
        "/Encrypt 3 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
    );
    assert_eq!(
        extract_pdf(&encrypted, &limits).unwrap_err(),
        PdfError::Encrypted
    );
}

#[test]
fn budgets_stop_bombs_and_oversized_documents() {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..16 {
        encoder.write_all(&zeros).unwrap();
    }
    let bomb = one_page(&encoder.finish().unwrap(), "/Filter /FlateDecode");
    assert!(bomb.len() < 64 * 1024);
    let small = PdfLimits {
        max_stream_bytes: 4 << 20,
        ..PdfLimits::default()
    };
    assert_eq!(
        extract_pdf(&bomb, &small).unwrap_err(),
        PdfError::OverBudget {
            budget: Budget::StreamBytes,
            limit: 4 << 20
        }
    );
    let report = render_pdf(&generate(5, 1, &Options::default()), PdfStyle::Ruled).bytes;
    let few_glyphs = PdfLimits {
        max_glyphs: 100,
        ..PdfLimits::default()
    };
    assert_eq!(
        extract_pdf(&report, &few_glyphs).unwrap_err(),
        PdfError::OverBudget {
            budget: Budget::Glyphs,
            limit: 100
        }
    );
    let one_page_only = PdfLimits {
        max_pages: 1,
        ..PdfLimits::default()
    };
    assert!(matches!(
        extract_pdf(&report, &one_page_only),
        Err(PdfError::OverBudget {
            budget: Budget::Pages,
            ..
        })
    ));
}

fn check(bytes: &[u8]) {
    if let Ok(extracted) = extract_pdf(bytes, &PdfLimits::default()) {
        let whole = Span::from_range(0..extracted.text.len());
        let at = extracted.locate(whole).expect("characters from a page");
        assert!(at.page >= 1 && at.page <= extracted.pages);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn damaged_pdfs_never_panic(
        index in 0u64..6,
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..12),
    ) {
        let style = PdfStyle::ALL[(index % 4) as usize];
        let mut bytes = render_pdf(&generate(9, index, &Options::default()), style).bytes;
        for (at, byte) in flips {
            let position = ((bytes.len() as f64) * at) as usize;
            if let Some(slot) = bytes.get_mut(position) {
                *slot = byte;
            }
        }
        bytes.truncate(((bytes.len() as f64) * (0.2 + 0.8 * cut)) as usize);
        check(&bytes);
    }
}

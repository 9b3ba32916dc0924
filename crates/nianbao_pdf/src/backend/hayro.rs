//! [`Backend`] on hayro-interpret 0.9: the document is opened (decrypting owner-password files),
//! checked for inflation bombs, and each page interpreted into a [`Collector`].

use super::device::Collector;
use super::{Backend, Meter, PdfLimits, bomb, guarded};
use crate::error::{Budget, PdfError};
use crate::geom::PageContent;
use hayro_interpret::kurbo::Rect;
use hayro_interpret::{
    Context, InterpreterCache, InterpreterSettings, TransformExt, interpret_page,
};
use hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use std::sync::Arc;

/// hayro-interpret and hayro-syntax, `=0.9.0`.
pub(crate) struct Hayro;

fn open(bytes: &[u8]) -> Result<Pdf, PdfError> {
    Pdf::new(Arc::new(bytes.to_vec())).map_err(|error| match error {
        LoadPdfError::Decryption(
            DecryptionError::PasswordProtected | DecryptionError::UnsupportedAlgorithm,
        ) => PdfError::Encrypted,
        LoadPdfError::Decryption(
            DecryptionError::InvalidEncryption | DecryptionError::MissingIDEntry,
        ) => PdfError::Corrupt {
            reason: "invalid encryption dictionary".to_owned(),
        },
        LoadPdfError::Invalid => PdfError::Corrupt {
            reason: "no readable cross-reference table or page tree".to_owned(),
        },
    })
}

impl Backend for Hayro {
    fn pages(&self, bytes: &[u8], limits: &PdfLimits) -> Result<Vec<PageContent>, PdfError> {
        guarded(|| {
            let pdf = open(bytes)?;
            bomb::check(&pdf, limits)?;
            let pages = pdf.pages();
            if pages.len() > limits.max_pages as usize {
                return Err(PdfError::OverBudget {
                    budget: Budget::Pages,
                    limit: u64::from(limits.max_pages),
                });
            }
            if pages.is_empty() {
                return Err(PdfError::Corrupt {
                    reason: "the document has no pages".to_owned(),
                });
            }
            let settings = InterpreterSettings::default();
            let cache = InterpreterCache::new();
            let mut meter = Meter::new(*limits);
            let mut out = Vec::with_capacity(pages.len());
            for page in pages.iter() {
                let (width, height) = page.render_dimensions();
                let mut context = Context::new(
                    page.initial_transform(true).to_kurbo(),
                    Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
                    &cache,
                    pdf.xref(),
                    settings.clone(),
                );
                let mut collector = Collector::new(&mut meter, width, height);
                interpret_page(page, &mut context, &mut collector);
                out.push(collector.finish());
            }
            Ok(out)
        })
    }
}

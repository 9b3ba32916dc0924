//! The interpreter behind a small trait of our own: bytes in, [`PageContent`] per page out.
//!
//! Only this module knows which PDF library runs (hayro, pinned: its API is pre-1.0). Everything
//! the library can do wrong is turned into a [`PdfError`] here: a panic inside it is caught at
//! this boundary and reported as a damaged file, and the work it may do is metered against
//! [`PdfLimits`] so that a hostile file can neither stall a corpus run nor exhaust its memory.

mod bomb;
mod device;
mod hayro;

pub(crate) use hayro::Hayro;

use crate::error::{Budget, PdfError};
use crate::geom::PageContent;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

/// How much work one PDF may ask for. Every limit is far above what a real report needs (a few
/// dozen pages, tens of thousands of glyphs, a few MB of streams).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PdfLimits {
    pub max_pages: u32,
    /// Glyphs drawn, over all pages (a glyph drawn twice counts twice).
    pub max_glyphs: u64,
    /// Paths, clips, groups and images drawn, over all pages; every use of a form counts, so
    /// forms nested inside forms cannot multiply the work unseen.
    pub max_paths: u64,
    /// Inflated size of any one stream that is not an image (content, form, font, CMap).
    pub max_stream_bytes: u64,
    /// Inflated size of all of them together.
    pub max_decoded_bytes: u64,
}

impl Default for PdfLimits {
    fn default() -> Self {
        Self {
            max_pages: 500,
            max_glyphs: 2_000_000,
            max_paths: 2_000_000,
            max_stream_bytes: 64 << 20,
            max_decoded_bytes: 256 << 20,
        }
    }
}

/// Reads every page of a PDF.
pub(crate) trait Backend {
    fn pages(&self, bytes: &[u8], limits: &PdfLimits) -> Result<Vec<PageContent>, PdfError>;
}

/// The payload that unwinds out of the interpreter when a budget runs out.
struct Stop(Budget, u64);

/// Counts the work done against the limits; past one it stops the interpreter by unwinding out
/// of it (without the panic hook: this is cancellation, not a bug) to [`guarded`].
pub(crate) struct Meter {
    limits: PdfLimits,
    glyphs: u64,
    paths: u64,
}

impl Meter {
    pub fn new(limits: PdfLimits) -> Self {
        Self {
            limits,
            glyphs: 0,
            paths: 0,
        }
    }

    pub fn glyph(&mut self) {
        self.glyphs += 1;
        if self.glyphs > self.limits.max_glyphs {
            resume_unwind(Box::new(Stop(Budget::Glyphs, self.limits.max_glyphs)));
        }
    }

    pub fn path(&mut self) {
        self.paths += 1;
        if self.paths > self.limits.max_paths {
            resume_unwind(Box::new(Stop(Budget::Paths, self.limits.max_paths)));
        }
    }
}

/// Runs `work`, turning a budget stop into [`PdfError::OverBudget`] and any panic into
/// [`PdfError::Corrupt`] with the panic's message.
pub(crate) fn guarded<T>(work: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) => {
            if let Some(Stop(budget, limit)) = payload.downcast_ref::<Stop>() {
                return Err(PdfError::OverBudget {
                    budget: *budget,
                    limit: *limit,
                });
            }
            let reason = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "interpreter failure".to_owned());
            Err(PdfError::Corrupt { reason })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_stop_and_a_panic_become_errors() {
        let limits = PdfLimits {
            max_glyphs: 2,
            ..PdfLimits::default()
        };
        let stopped: Result<(), PdfError> = guarded(|| {
            let mut meter = Meter::new(limits);
            for _ in 0..10 {
                meter.glyph();
            }
            Ok(())
        });
        assert_eq!(
            stopped,
            Err(PdfError::OverBudget {
                budget: Budget::Glyphs,
                limit: 2
            })
        );
        let failed: Result<u8, PdfError> = guarded(|| {
            let empty: Vec<u8> = Vec::new();
            // An out-of-bounds index, as a library bug would do.
            let index = empty.len() + 3;
            Ok(empty[index])
        });
        assert!(
            matches!(failed, Err(PdfError::Corrupt { .. })),
            "{failed:?}"
        );
    }
}

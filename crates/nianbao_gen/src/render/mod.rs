//! Renderers: one report, every plaintext shape the parser must read (`layouts.md`), with the line
//! of every anchored item recorded while writing, so that fault lines are counted, not guessed.
//!
//! [`render`] dispatches on the layout; the layouts share the vocabulary below them
//! ([`rendered`], [`layout`], [`style`], [`printed`]) and import nothing from this dispatcher.

mod extraction;
mod glued;
mod grid;
mod groups;
mod labels;
pub(crate) mod layout;
pub(crate) mod printed;
pub(crate) mod rendered;
pub(crate) mod style;
mod tables;
mod writer;

pub use layout::Layout;
pub use rendered::{Anchor, Rendered};
pub use style::Encoding;

use crate::report::GeneratedReport;

/// Renders `report` in `layout`.
pub fn render(report: &GeneratedReport, layout: Layout) -> Rendered {
    match layout {
        Layout::PdfLayout | Layout::ReadingOrder => extraction::render(report, layout),
        Layout::MarkdownGroups => groups::render(report),
        Layout::Pre2019 => crate::pre2019::render(report),
        _ => grid::render(report, layout),
    }
}

//! A label as the grid layouts print it: the injected typo, and the seed's half-width brackets.

use super::printed::printed_label;
use super::style::Style;
use super::writer::Cell;
use crate::report::GeneratedReport;

/// A label as printed, in the layout's bracket style.
pub(super) fn label(report: &GeneratedReport, style: Style, template: &'static str) -> Cell {
    let (text, anchor) = printed_label(report, template);
    Cell::label(bracket_style(text, style.half_width), anchor)
}

/// The seed's half-width style: `(一) 予以公开`, `(区分处理的, 只计这一情形, …)`.
pub(super) fn bracket_style(text: &str, half_width: bool) -> String {
    if !half_width {
        return text.to_owned();
    }
    let mut out = text
        .replace('（', "(")
        .replace('）', ")")
        .replace('，', ", ");
    // A leading numbering bracket `(一)` is followed by a space in the seed.
    if out.starts_with('(') {
        if let Some(close) = out.find(')') {
            let numbering = out.get(1..close).unwrap_or("");
            if numbering.chars().count() == 1 && close + 1 < out.len() {
                out.insert(close + 1, ' ');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_style_follows_the_seed() {
        assert_eq!(bracket_style("（一）予以公开", true), "(一) 予以公开");
        assert_eq!(
            bracket_style(
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                true
            ),
            "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"
        );
        assert_eq!(
            bracket_style("第二十条第（一）项", true),
            "第二十条第(一)项"
        );
        assert_eq!(bracket_style("（一）予以公开", false), "（一）予以公开");
    }
}

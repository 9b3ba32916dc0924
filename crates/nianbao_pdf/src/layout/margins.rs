//! Page headers and footers: lines in the top or bottom margin that are page numbers (`- 4 -`,
//! `-1-`, `— 2 —`, `第 3 页`, `3/9`) or that repeat on several pages (a running title, a
//! printed URL and date) are not part of the report.

use super::lines::Line;
use std::collections::HashMap;

/// The share of the page height, at the top and at the bottom, where headers and footers sit.
const MARGIN: f32 = 0.12;

/// A line's characters without whitespace.
fn compact(line: &Line) -> String {
    line.glyphs
        .iter()
        .flat_map(|glyph| glyph.text.chars())
        .filter(|ch| !ch.is_whitespace())
        .collect()
}

/// Whether `text` (whitespace removed) is a page number in one of the usual dresses.
pub(crate) fn is_page_number(text: &str) -> bool {
    let dashes = |ch: char| matches!(ch, '-' | '—' | '–' | '－' | '·' | '•');
    let core = text.trim_matches(dashes);
    let digits = |part: &str| !part.is_empty() && part.chars().all(|ch| ch.is_ascii_digit());
    if digits(core) {
        return true;
    }
    if let Some((page, total)) = core.split_once('/') {
        return digits(page) && digits(total);
    }
    let inner = core.strip_prefix('第').and_then(|rest| {
        let (page, rest) = rest.split_once('页')?;
        let total = rest
            .strip_prefix('共')
            .and_then(|rest| rest.strip_suffix('页'));
        (rest.is_empty() || total.is_some_and(digits)).then_some(page)
    });
    inner.is_some_and(digits)
}

/// The same text with its digits masked, so that `2024/1/5 第 3 页` repeats across pages.
fn shape(text: &str) -> String {
    text.chars()
        .map(|ch| if ch.is_ascii_digit() { '#' } else { ch })
        .collect()
}

/// Whether a line lies in the top or bottom margin of a page `height` high.
fn in_margin(line: &Line, height: f32) -> bool {
    line.rect.y1 <= height * MARGIN || line.rect.y0 >= height * (1.0 - MARGIN)
}

/// For each page (its height and its lines), which lines are headers or footers.
pub(crate) fn running_lines(pages: &[(f32, &[Line])]) -> Vec<Vec<bool>> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    for (height, lines) in pages {
        let mut on_this_page: Vec<String> = lines
            .iter()
            .filter(|line| in_margin(line, *height))
            .map(|line| shape(&compact(line)))
            .collect();
        on_this_page.sort();
        on_this_page.dedup();
        for text in on_this_page {
            *seen.entry(text).or_default() += 1;
        }
    }
    pages
        .iter()
        .map(|(height, lines)| {
            lines
                .iter()
                .map(|line| {
                    let text = compact(line);
                    in_margin(line, *height)
                        && (is_page_number(&text)
                            || (pages.len() > 1
                                && seen.get(&shape(&text)).copied().unwrap_or(0) >= 2))
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_dresses() {
        for text in [
            "-4-",
            "-1-",
            "—2—",
            "4",
            "第3页",
            "第3页共9页",
            "3/9",
            "－12－",
        ] {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["2023年", "第二十条", "-", "第页", "一、总体情况", "3/"] {
            assert!(!is_page_number(text), "{text}");
        }
    }
}

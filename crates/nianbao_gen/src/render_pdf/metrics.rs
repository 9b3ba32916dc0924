//! The page's geometry and the text's metrics: sizes, widths, wrapping, and a line as a PDF
//! reader reads it back.

pub(super) const WIDTH: f32 = 595.0;
pub(super) const HEIGHT: f32 = 842.0;
pub(super) const LEFT: f32 = 60.0;
pub(super) const RIGHT: f32 = 535.0;
pub(super) const TOP: f32 = 72.0;
pub(super) const BOTTOM: f32 = 740.0;
pub(super) const BODY: f32 = 12.0;
pub(super) const CELL: f32 = 9.0;
pub(super) const PAD: f32 = 3.0;

pub(super) fn advance(ch: char, size: f32) -> f32 {
    if ch.is_ascii() { size / 2.0 } else { size }
}

pub(super) fn width(text: &str, size: f32) -> f32 {
    text.chars().map(|ch| advance(ch, size)).sum()
}

/// The text as a PDF reader gives it back: a space between two wide characters is not seen.
pub(super) fn as_read(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &ch) in chars.iter().enumerate() {
        if ch == ' ' {
            let before = out.chars().last();
            let after = chars
                .get(index + 1..)
                .and_then(|rest| rest.iter().find(|c| **c != ' '));
            let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
            if wide(before.as_ref()) && wide(after) || out.ends_with(' ') || before.is_none() {
                continue;
            }
        }
        out.push(ch);
    }
    out.trim_end().to_owned()
}

/// `text` cut into lines no wider than `room`, breaking only between two wide characters (where
/// a reader joins lines without a separator); spaces at a break are not printed.
pub(super) fn wrap(text: &str, size: f32, room: f32) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut used = 0.0;
        let mut end = start;
        while end < chars.len() && used + advance(chars[end], size) <= room + 0.01 {
            used += advance(chars[end], size);
            end += 1;
        }
        if end < chars.len() {
            let breakable = (start + 1..=end)
                .rev()
                .find(|&at| !chars[at - 1].is_ascii() && !chars[at].is_ascii());
            end = breakable.unwrap_or(end.max(start + 1));
        }
        lines.push(chars[start..end].iter().collect());
        start = end;
    }
    lines
}

//! Glyphs into lines: de-duplication of glyphs drawn twice, grouping by overlap across the
//! direction of reading, and the separators written between neighbours.
//!
//! Every flow is handled in one "reading frame" where text runs along `u` and lines stack along
//! `v`: vertical writing and turned text are the same problem as horizontal text there.

use crate::geom::{Flow, Glyph, Rect};
use crate::map::Writer;
use std::collections::HashMap;

/// A line of glyphs in reading order.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub glyphs: Vec<Glyph>,
    /// The box around the glyphs, page space.
    pub rect: Rect,
    /// The first glyph's em size.
    pub size: f32,
    pub flow: Flow,
}

/// `rect` in the reading frame of `flow`: `(u0, v0, u1, v1)`.
fn frame(rect: Rect, flow: Flow) -> Rect {
    match flow {
        Flow::Right => rect,
        // Vertical writing: columns read top to bottom, the right column first.
        Flow::Down => Rect::new(rect.y0, -rect.x1, rect.y1, -rect.x0),
        Flow::Up => Rect::new(-rect.y1, rect.x0, -rect.y0, rect.x1),
        Flow::Left => Rect::new(-rect.x1, -rect.y1, -rect.x0, -rect.y0),
    }
}

/// Drops glyphs drawn twice at (nearly) the same place: bold as fill plus stroke, or a fake bold
/// drawn again a fraction of a point to the side.
pub(crate) fn dedupe(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let mut seen: HashMap<(Box<str>, i32, i32), Vec<Rect>> = HashMap::new();
    let mut out = Vec::with_capacity(glyphs.len());
    for glyph in glyphs {
        let (cx, cy) = (glyph.rect.center_x(), glyph.rect.center_y());
        let bucket = |value: f32| (value / 2.0).floor() as i32;
        let (bx, by) = (bucket(cx), bucket(cy));
        let near = glyph.size * 0.3;
        let duplicate = (-1..=1).any(|dx| {
            (-1..=1).any(|dy| {
                seen.get(&(glyph.text.clone(), bx + dx, by + dy))
                    .is_some_and(|rects| {
                        rects.iter().any(|rect| {
                            (rect.center_x() - cx).abs() < near
                                && (rect.center_y() - cy).abs() < near
                        })
                    })
            })
        });
        if duplicate {
            continue;
        }
        seen.entry((glyph.text.clone(), bx, by))
            .or_default()
            .push(glyph.rect);
        out.push(glyph);
    }
    out
}

/// The flow most of `glyphs` have.
fn main_flow(glyphs: &[Glyph]) -> Flow {
    let count = |flow: Flow| glyphs.iter().filter(|glyph| glyph.flow == flow).count();
    [Flow::Right, Flow::Down, Flow::Up, Flow::Left]
        .into_iter()
        .max_by_key(|&flow| (count(flow), flow == Flow::Right))
        .unwrap_or(Flow::Right)
}

/// Groups glyphs into lines and orders the lines: a glyph belongs to the line whose first glyph
/// it overlaps by half its height across the reading direction (a Times digit sits about 2 pt
/// off a SimSun baseline and still belongs). Whitespace glyphs are dropped: gaps decide spaces.
pub(crate) fn group(glyphs: Vec<Glyph>) -> Vec<Line> {
    let glyphs: Vec<Glyph> = glyphs
        .into_iter()
        .filter(|glyph| !glyph.text.chars().all(char::is_whitespace))
        .collect();
    let flow = main_flow(&glyphs);
    let mut framed: Vec<(Rect, Glyph)> = glyphs
        .into_iter()
        .map(|glyph| (frame(glyph.rect, flow), glyph))
        .collect();
    framed.sort_by(|a, b| a.0.center_y().total_cmp(&b.0.center_y()));
    // Each line: its seed's band across the reading direction, and its glyphs.
    let mut lines: Vec<(Rect, Vec<(Rect, Glyph)>)> = Vec::new();
    for (rect, glyph) in framed {
        let best = lines
            .iter_mut()
            .rev()
            .take(8)
            .filter(|(seed, _)| {
                seed.overlap_y(rect) >= 0.5 * seed.height().min(rect.height()).max(0.1)
            })
            .max_by(|a, b| a.0.overlap_y(rect).total_cmp(&b.0.overlap_y(rect)));
        match best {
            Some((_, members)) => members.push((rect, glyph)),
            None => lines.push((rect, vec![(rect, glyph)])),
        }
    }
    lines.sort_by(|a, b| a.0.center_y().total_cmp(&b.0.center_y()));
    lines
        .into_iter()
        .filter_map(|(_, mut members)| {
            members.sort_by(|a, b| a.0.x0.total_cmp(&b.0.x0));
            let first = members.first()?;
            let size = first.1.size;
            let mut rect = first.1.rect;
            for (_, glyph) in &members {
                rect = rect.union(glyph.rect);
            }
            Some(Line {
                glyphs: members.into_iter().map(|(_, glyph)| glyph).collect(),
                rect,
                size,
                flow,
            })
        })
        .collect()
}

/// Whether a character is written full-width (CJK, full-width punctuation): never separated by
/// an inserted space.
pub(crate) fn is_wide(ch: char) -> bool {
    !ch.is_ascii()
}

/// What to write between two neighbours of a line: nothing between wide characters however far
/// apart (letter-spaced headings, justified lines), a space for a word gap next to a Latin
/// character or digit, two spaces for a column gap (what the grammar reads as a cell break).
fn separator(before: &Glyph, after: &Glyph, flow: Flow) -> &'static str {
    let (a, b) = (frame(before.rect, flow), frame(after.rect, flow));
    let gap = b.x0 - a.x1;
    let em = before.size.max(after.size);
    let wide = |glyph: &Glyph, last: bool| {
        let ch = if last {
            glyph.text.chars().last()
        } else {
            glyph.text.chars().next()
        };
        ch.is_some_and(is_wide)
    };
    if wide(before, true) && wide(after, false) {
        ""
    } else if gap > 1.5 * em {
        "  "
    } else if gap > 0.18 * em {
        " "
    } else {
        ""
    }
}

/// Writes a line's glyphs with their separators.
pub(crate) fn write_line(writer: &mut Writer, line: &Line, page: u32) {
    let mut previous: Option<&Glyph> = None;
    for glyph in &line.glyphs {
        if let Some(before) = previous {
            let gap = separator(before, glyph, line.flow);
            if !gap.is_empty() {
                writer.synthetic(gap);
            }
        }
        writer.glyph(&glyph.text, page, glyph.rect);
        previous = Some(glyph);
    }
}

/// What joins two lines of one paragraph or one cell: nothing, unless both sides are Latin
/// letters (an English word break).
pub(crate) fn joiner(before: &Line, after: &Line) -> &'static str {
    let last = before
        .glyphs
        .last()
        .and_then(|glyph| glyph.text.chars().last());
    let first = after
        .glyphs
        .first()
        .and_then(|glyph| glyph.text.chars().next());
    match (last, first) {
        (Some(a), Some(b)) if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => " ",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f32, y: f32, size: f32) -> Glyph {
        Glyph {
            text: text.into(),
            rect: Rect::new(
                x,
                y,
                x + size * if text.is_ascii() { 0.5 } else { 1.0 },
                y + size,
            ),
            size,
            flow: Flow::Right,
        }
    }

    fn text_of(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|line| {
                let mut writer = Writer::default();
                write_line(&mut writer, line, 1);
                writer.text
            })
            .collect()
    }

    #[test]
    fn digits_off_the_baseline_stay_on_their_line_and_cjk_is_never_spaced() {
        let glyphs = vec![
            glyph("申", 0.0, 100.0, 10.0),
            glyph("请", 10.0, 100.0, 10.0),
            glyph("2", 23.0, 102.0, 10.0),
            glyph("1", 28.0, 102.0, 10.0),
            glyph("件", 36.0, 100.0, 10.0),
            // A letter-spaced heading on the next line: 3 em between characters.
            glyph("目", 0.0, 120.0, 10.0),
            glyph("录", 40.0, 120.0, 10.0),
            glyph("录", 40.2, 120.0, 10.0),
        ];
        let lines = group(dedupe(glyphs));
        assert_eq!(text_of(&lines), vec!["申请 21 件", "目录"]);
    }

    #[test]
    fn vertical_writing_reads_top_to_bottom() {
        let mut glyphs: Vec<Glyph> = "三、本年度"
            .chars()
            .enumerate()
            .map(|(index, ch)| Glyph {
                flow: Flow::Down,
                ..glyph(&ch.to_string(), 80.0, 600.0 + 10.0 * index as f32, 10.0)
            })
            .collect();
        glyphs.reverse();
        let lines = group(glyphs);
        assert_eq!(text_of(&lines), vec!["三、本年度"]);
    }
}

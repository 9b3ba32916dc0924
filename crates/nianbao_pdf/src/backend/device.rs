//! The hayro device that records what a page draws: glyphs with their boxes and Unicode values,
//! ruling lines from stroked lines and thin filled rectangles, and a count of images.

use super::Meter;
use crate::geom::{Flow, Glyph, PageContent, Rect, Rule};
use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::{BfString, WritingMode};
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Vec2};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, Paint, SoftMask,
};

/// The em box of a glyph in glyph space (1000 units per em): the ideographic box most CJK fonts
/// use, so a Latin digit and a Chinese character of one line get boxes of the same height.
const EM_BOTTOM: f64 = -120.0;
const EM_TOP: f64 = 880.0;

/// Stroked lines and filled rectangles thinner than this (points) are ruling lines.
const MAX_RULE_THICKNESS: f64 = 3.0;

pub(crate) struct Collector<'m> {
    meter: &'m mut Meter,
    page: PageContent,
}

impl<'m> Collector<'m> {
    pub fn new(meter: &'m mut Meter, width: f32, height: f32) -> Self {
        Self {
            meter,
            page: PageContent {
                width,
                height,
                ..PageContent::default()
            },
        }
    }

    pub fn finish(self) -> PageContent {
        self.page
    }

    fn push_rule(&mut self, from: Point, to: Point) {
        let (dx, dy) = ((to.x - from.x).abs(), (to.y - from.y).abs());
        let rule = if dy <= 0.5 && dx > 0.5 {
            Rule {
                horizontal: true,
                at: ((from.y + to.y) / 2.0) as f32,
                from: from.x.min(to.x) as f32,
                to: from.x.max(to.x) as f32,
            }
        } else if dx <= 0.5 && dy > 0.5 {
            Rule {
                horizontal: false,
                at: ((from.x + to.x) / 2.0) as f32,
                from: from.y.min(to.y) as f32,
                to: from.y.max(to.y) as f32,
            }
        } else {
            return;
        };
        if rule.at.is_finite() && rule.from.is_finite() && rule.to.is_finite() {
            self.page.rules.push(rule);
        }
    }

    /// Every straight axis-aligned segment of a stroked path.
    fn stroked(&mut self, path: &BezPath, transform: Affine, width: f64) {
        if width * transform.determinant().abs().sqrt() > MAX_RULE_THICKNESS {
            return;
        }
        let mut start = Point::ZERO;
        let mut last = Point::ZERO;
        for element in path.elements() {
            match *element {
                PathEl::MoveTo(point) => {
                    start = transform * point;
                    last = start;
                }
                PathEl::LineTo(point) => {
                    let point = transform * point;
                    self.push_rule(last, point);
                    last = point;
                }
                PathEl::QuadTo(_, point) | PathEl::CurveTo(_, _, point) => last = transform * point,
                PathEl::ClosePath => {
                    self.push_rule(last, start);
                    last = start;
                }
            }
        }
    }

    /// Each subpath of a filled path that is a thin bar: its middle line.
    fn filled(&mut self, path: &BezPath, transform: Affine) {
        let mut bounds: Option<(Point, Point)> = None;
        let flush = |collector: &mut Self, bounds: Option<(Point, Point)>| {
            let Some((low, high)) = bounds else { return };
            let (width, height) = (high.x - low.x, high.y - low.y);
            let thin = width.min(height);
            let long = width.max(height);
            if thin <= MAX_RULE_THICKNESS && long >= 2.0 && long >= 3.0 * thin {
                let middle_y = (low.y + high.y) / 2.0;
                let middle_x = (low.x + high.x) / 2.0;
                if width >= height {
                    collector.push_rule(Point::new(low.x, middle_y), Point::new(high.x, middle_y));
                } else {
                    collector.push_rule(Point::new(middle_x, low.y), Point::new(middle_x, high.y));
                }
            }
        };
        for element in path.elements() {
            let points: &[Point] = match element {
                PathEl::MoveTo(point) => {
                    flush(self, bounds.take());
                    std::slice::from_ref(point)
                }
                PathEl::LineTo(point) => std::slice::from_ref(point),
                PathEl::QuadTo(a, b) => &[*a, *b],
                PathEl::CurveTo(a, b, c) => &[*a, *b, *c],
                PathEl::ClosePath => &[],
            };
            for &point in points {
                let point = transform * point;
                bounds = Some(match bounds {
                    None => (point, point),
                    Some((low, high)) => (
                        Point::new(low.x.min(point.x), low.y.min(point.y)),
                        Point::new(high.x.max(point.x), high.y.max(point.y)),
                    ),
                });
            }
        }
        flush(self, bounds);
    }

    fn glyph(&mut self, text: String, transform: Affine, advance: f64, vertical: bool) {
        let corners = [
            Point::new(0.0, EM_BOTTOM),
            Point::new(advance, EM_BOTTOM),
            Point::new(0.0, EM_TOP),
            Point::new(advance, EM_TOP),
        ]
        .map(|corner| transform * corner);
        let mut rect = Rect::new(
            corners[0].x as f32,
            corners[0].y as f32,
            corners[0].x as f32,
            corners[0].y as f32,
        );
        for corner in &corners[1..] {
            rect = rect.union(Rect::new(
                corner.x as f32,
                corner.y as f32,
                corner.x as f32,
                corner.y as f32,
            ));
        }
        let linear = |vector: Vec2| {
            let [a, b, c, d, _, _] = transform.as_coeffs();
            Vec2::new(a * vector.x + c * vector.y, b * vector.x + d * vector.y)
        };
        let size = linear(Vec2::new(0.0, 1000.0)).hypot() as f32;
        let baseline = linear(Vec2::new(1.0, 0.0));
        let flow = if vertical {
            Flow::Down
        } else if baseline.x.abs() >= baseline.y.abs() {
            if baseline.x >= 0.0 {
                Flow::Right
            } else {
                Flow::Left
            }
        } else if baseline.y > 0.0 {
            Flow::Down
        } else {
            Flow::Up
        };
        if rect.is_finite() && size.is_finite() && size > 0.0 {
            self.page.glyphs.push(Glyph {
                text: text.into_boxed_str(),
                rect,
                size,
                flow,
            });
        }
    }
}

/// Whether a paint is (nearly) white, i.e. a line that is not seen on paper.
fn invisible(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(color) => {
            let [red, green, blue, alpha] = color.to_rgba().to_rgba8();
            alpha < 16 || (red > 240 && green > 240 && blue > 240)
        }
        Paint::Pattern(_) => false,
    }
}

impl<'a> Device<'a> for Collector<'_> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        self.meter.path();
        if invisible(&props.paint) {
            return;
        }
        match draw_mode {
            DrawMode::Fill(_) => self.filled(path, props.transform),
            DrawMode::Stroke(stroke) => {
                self.stroked(path, props.transform, f64::from(stroke.line_width));
            }
            DrawMode::FillAndStroke(_, stroke) => {
                self.filled(path, props.transform);
                self.stroked(path, props.transform, f64::from(stroke.line_width));
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {
        self.meter.path();
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {
        self.meter.path();
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        // Invisible text is kept: it is the text layer of an OCR'd scan.
        let vertical = matches!(run.writing_mode(), WritingMode::Vertical);
        for glyph in run.glyphs() {
            self.meter.glyph();
            let text = match glyph.as_unicode() {
                Some(BfString::Char(ch)) => ch.to_string(),
                Some(BfString::String(text)) => text,
                None => {
                    self.page.unmapped_glyphs += 1;
                    continue;
                }
            };
            let text: String = text
                .chars()
                .filter(|ch| !ch.is_control() && !matches!(ch, '\u{E000}'..='\u{F8FF}'))
                .collect();
            if text.is_empty() {
                continue;
            }
            let advance = match &**glyph {
                HayroGlyph::Outline(outline) => outline.advance_width(),
                HayroGlyph::Type3(type3) => type3.advance_width(),
            }
            .map(f64::from)
            .filter(|advance| advance.is_finite() && *advance > 1.0)
            .unwrap_or(1000.0);
            self.glyph(text, props.transform * glyph.transform(), advance, vertical);
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.meter.path();
        self.page.images += 1;
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

//! What a page holds once interpreted: positioned glyphs, ruling lines, its size. Page space is
//! in points with the origin at the top left and y growing downwards, whatever the PDF's own
//! coordinates or page rotation.

use serde::Serialize;

/// An axis-aligned rectangle in page space (points, y down).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    pub fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Self {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    pub fn width(self) -> f32 {
        self.x1 - self.x0
    }

    pub fn height(self) -> f32 {
        self.y1 - self.y0
    }

    pub fn center_x(self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }

    pub fn center_y(self) -> f32 {
        (self.y0 + self.y1) / 2.0
    }

    /// The smallest rectangle holding both.
    pub fn union(self, other: Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// How far the two overlap vertically (0 when they do not).
    pub fn overlap_y(self, other: Rect) -> f32 {
        (self.y1.min(other.y1) - self.y0.max(other.y0)).max(0.0)
    }

    /// How far the two overlap horizontally (0 when they do not).
    pub fn overlap_x(self, other: Rect) -> f32 {
        (self.x1.min(other.x1) - self.x0.max(other.x0)).max(0.0)
    }

    pub fn is_finite(self) -> bool {
        self.x0.is_finite() && self.y0.is_finite() && self.x1.is_finite() && self.y1.is_finite()
    }
}

/// Which way a glyph's text runs on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Left to right, the usual.
    Right,
    /// Top to bottom: vertical writing (Identity-V), or text turned clockwise.
    Down,
    /// Bottom to top: text turned counter-clockwise.
    Up,
    /// Right to left: text upside down.
    Left,
}

/// A glyph that has a Unicode value, where it was drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Usually one character; a ligature or a multi-character `ToUnicode` entry gives more.
    pub text: Box<str>,
    pub rect: Rect,
    /// The em size on the page, in points.
    pub size: f32,
    pub flow: Flow,
}

/// A ruling line: a stroked line or a thin filled rectangle, horizontal or vertical.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    /// The y of a horizontal rule, the x of a vertical one.
    pub at: f32,
    /// Its extent along its own direction.
    pub from: f32,
    pub to: f32,
}

/// One interpreted page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageContent {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Glyphs drawn without any Unicode value (no `ToUnicode` map): text that cannot be read.
    pub unmapped_glyphs: u32,
    /// Images drawn (a scan is a page of one image and no glyphs).
    pub images: u32,
}

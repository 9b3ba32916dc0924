//! A block of the document, and a prose line under construction with its anchored items and
//! the phrases a wrapping renderer keeps together.

use crate::render::rendered::Anchor;
use crate::report::Fact;
use std::fmt::Write as _;

/// One block of the document; the renderer lays tables out per layout and prints lines as they are.
#[derive(Clone, Debug)]
pub(crate) enum Block {
    Blank,
    /// A prose or heading line and the anchored items it holds.
    Line {
        text: String,
        /// Each anchored item with the byte offset in `text` where it starts.
        marks: Vec<(Anchor, usize)>,
        /// Byte ranges of `text` a renderer that wraps lines keeps on one line unless told to
        /// wrap inside phrases: a claim's phrase with its number (and its percentage), a
        /// statement.
        keep: Vec<(usize, usize)>,
    },
    Table2,
    Table3,
    Table4,
}

/// A prose line under construction.
pub(super) struct Line {
    pub(super) text: String,
    marks: Vec<(Anchor, usize)>,
    pub(super) keep: Vec<(usize, usize)>,
    spaced: bool,
}

impl Line {
    pub(super) fn new(spaced: bool) -> Self {
        Self {
            text: String::new(),
            marks: Vec::new(),
            keep: Vec::new(),
            spaced,
        }
    }

    pub(super) fn text(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub(super) fn mark(&mut self, anchor: Anchor) -> &mut Self {
        self.marks.push((anchor, self.text.len()));
        self
    }

    /// A statement (`所有申请均已按时办结`), kept on one line by wrapping renderers.
    pub(super) fn statement(&mut self, fact: Fact, text: &str) -> &mut Self {
        self.statement_about(fact, "", text)
    }

    /// A statement whose subject comes before the phrase a rule quotes (`所有申请` +
    /// `均已按时办结`): kept on one line as a whole, anchored at the phrase, which is where the
    /// finding points when a wrap falls between the two.
    pub(super) fn statement_about(&mut self, fact: Fact, subject: &str, phrase: &str) -> &mut Self {
        let start = self.text.len();
        self.text(subject).mark(Anchor::Fact(fact)).text(phrase);
        self.keep.push((start, self.text.len()));
        self
    }

    /// `{before}{N}{unit}` with the number anchored, spaced like the seed when the plan says so.
    pub(super) fn number(&mut self, before: &str, fact: Fact, value: i64, unit: &str) -> &mut Self {
        // A leading clause break is not part of the phrase.
        let start = self.text.len() + before.find(|c| c != '，').unwrap_or(0);
        self.text(before);
        if self.spaced {
            self.text(" ");
        }
        self.mark(Anchor::Fact(fact));
        let _ = write!(self.text, "{value}");
        if self.spaced && !unit.is_empty() {
            self.text(" ");
        }
        self.text(unit);
        self.keep.push((start, self.text.len()));
        self
    }

    /// Extends the last kept range to the end of the text (a percentage after its count).
    pub(super) fn keep_to_here(&mut self) -> &mut Self {
        let end = self.text.len();
        if let Some(last) = self.keep.last_mut() {
            last.1 = end;
        }
        self
    }

    pub(super) fn block(self) -> Block {
        Block::Line {
            text: self.text,
            marks: self.marks,
            keep: self.keep,
        }
    }
}

//! Elements as browsers nest them: which are void, blocks or hidden, and the stack of open
//! elements with the implied end tags that matter for tables and paragraphs.

use super::tokens::Node;

pub(super) const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "frame",
];

/// Elements whose text is never report text.
pub(super) const SKIPPED: [&str; 12] = [
    "script", "style", "noscript", "template", "title", "select", "textarea", "iframe", "object",
    "svg", "button", "head",
];

pub(super) const BLOCKS: [&str; 30] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "blockquote",
    "pre",
    "center",
    "form",
    "hr",
    "address",
    "figure",
    "figcaption",
    "main",
    "ucapcontent",
];

/// Whether the open element `(name, node index)` hides its text.
pub(super) fn hides(nodes: &[Node], (name, index): &(String, usize)) -> bool {
    SKIPPED.contains(&name.as_str())
        || matches!(nodes.get(*index), Some(Node::Start { hidden: true, .. }))
}

pub(super) fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name) || name == "table" || name == "caption"
}

/// Browsers stop nesting elements at 512 levels; so does this, which keeps every scan of the
/// open elements bounded on hostile input (a page of a million unclosed `<div>`s).
const MAX_DEPTH: usize = 512;

/// Open elements, with the implied end tags that matter for tables and paragraphs.
#[derive(Default)]
pub(super) struct Stack {
    pub(super) open: Vec<(String, usize)>,
}

impl Stack {
    /// Opens `name` (node index `index`); returns the elements it implicitly closed.
    pub(super) fn open(&mut self, name: &str, index: usize) -> Vec<(String, usize)> {
        let closes: &[&str] = match name {
            "td" | "th" => &["td", "th"],
            "tr" => &["tr", "td", "th"],
            "p" => &["p"],
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            _ => &[],
        };
        let bounds: &[&str] = &["table", "tbody", "thead", "tfoot", "ul", "ol", "dl"];
        let mut closed = Vec::new();
        if !closes.is_empty() {
            if let Some(position) = self.open.iter().rposition(|(open, _)| {
                closes.contains(&open.as_str()) || bounds.contains(&open.as_str())
            }) {
                let is_bound = self
                    .open
                    .get(position)
                    .is_some_and(|(open, _)| bounds.contains(&open.as_str()));
                if !is_bound {
                    closed = self.open.split_off(position);
                }
            }
        }
        if !VOID.contains(&name) && self.open.len() < MAX_DEPTH {
            self.open.push((name.to_owned(), index));
        }
        closed
    }

    /// Closes `name` and everything opened inside it; an end tag with nothing to close is
    /// ignored, as browsers do.
    pub(super) fn close(&mut self, name: &str) -> Vec<(String, usize)> {
        match self.open.iter().rposition(|(open, _)| open == name) {
            Some(position) => self.open.split_off(position),
            None => Vec::new(),
        }
    }
}

//! Rule files as a small spanned tree: what every rule compiles from.
//!
//! A built-in rule file is parsed at build time (`build.rs`, [`from_toml`]) and written out as
//! Rust statics (`emit.rs`, build-time only), which a run borrows as they are ([`builtin`]): loading
//! the built-in rules parses no TOML and decodes nothing. A user's rule file is parsed at load
//! into the same tree. Either is read through one serde
//! deserializer ([`de`]), which gives `toml::Spanned` fields their spans and errors the span of
//! the key or value being read.

pub(crate) mod builtin;
pub(crate) mod de;
pub(crate) mod from_toml;
pub(crate) mod node;
#[cfg(test)]
mod tests;

pub(crate) use from_toml::TomlError;
pub(crate) use node::{Children, Node, Tree, Value};
use std::ops::Range;

impl Node {
    pub(crate) fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl Tree<'_> {
    /// The file's table (the last node).
    pub(crate) fn root(&self) -> Option<&Node> {
        self.nodes.last()
    }

    /// A string of the string table.
    pub(crate) fn text(&self, text: node::Text) -> &str {
        let start = text.at as usize;
        self.strings
            .get(start..start + text.len as usize)
            .unwrap_or_default()
    }

    /// The nodes of an array's elements, or of a table's keys and values in turns.
    pub(crate) fn children(&self, children: Children) -> &[Node] {
        let first = children.first as usize;
        self.nodes
            .get(first..first + children.count as usize)
            .unwrap_or_default()
    }

    /// A table's entries as (key, value) nodes; nothing for another value.
    pub(crate) fn entries(&self, node: &Node) -> impl Iterator<Item = (&Node, &Node)> {
        let children = match node.value {
            Value::Table(children) => self.children(children),
            _ => &[],
        };
        children
            .chunks_exact(2)
            .filter_map(|pair| Some((pair.first()?, pair.get(1)?)))
    }

    /// A key's or string's text (empty for another value).
    pub(crate) fn str(&self, node: &Node) -> &str {
        match node.value {
            Value::String(text) => self.text(text),
            _ => "",
        }
    }
}

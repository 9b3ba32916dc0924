//! Trees to bytes ([`super::format`]): what `build.rs` embeds, and what the round-trip test
//! reads back.

use super::format;
use super::from_toml::TomlError;
use super::node::{Node, Text, Tree, Value};

/// Records of several files, their strings in one table.
#[derive(Debug, Default)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub strings: String,
}

impl Encoded {
    /// Appends a file's tree.
    pub fn tree(&mut self, tree: &Tree<'_>) {
        self.bytes.push(format::TREE);
        let base = self.strings.len();
        self.strings.push_str(&tree.strings);
        self.number(base);
        self.number(tree.strings.len());
        self.number(tree.nodes.len());
        for node in &tree.nodes {
            self.node(node);
        }
    }

    /// Appends the TOML error of a file that is not TOML.
    pub fn error(&mut self, error: &TomlError) {
        self.bytes.push(format::ERROR);
        self.bytes.push(u8::from(error.span.is_some()));
        let span = error.span.clone().unwrap_or_default();
        self.number(span.start);
        self.number(span.end);
        self.number(self.strings.len());
        self.number(error.message.len());
        self.strings.push_str(&error.message);
    }

    fn node(&mut self, node: &Node) {
        let (tag, low, high) = match node.value {
            Value::String(text) => (format::STRING, text.at, text.len),
            Value::Integer(integer) => wide(format::INTEGER, integer as u64),
            Value::Float(bits) => wide(format::FLOAT, bits),
            Value::Bool(false) => (format::FALSE, 0, 0),
            Value::Bool(true) => (format::TRUE, 0, 0),
            Value::Datetime(Text { at, len }) => (format::DATETIME, at, len),
            Value::Wide(Text { at, len }) => (format::WIDE, at, len),
            Value::Invalid(Text { at, len }) => (format::INVALID, at, len),
            Value::Array(children) => (format::ARRAY, children.first, children.count),
            Value::Table(children) => (format::TABLE, children.first, children.count),
        };
        let mut encoded = [0; format::NODE];
        encoded[0] = tag;
        for (at, word) in [1, 5, 9, 13]
            .into_iter()
            .zip([node.start, node.end, low, high])
        {
            encoded[at..at + 4].copy_from_slice(&word.to_le_bytes());
        }
        self.bytes.extend_from_slice(&encoded);
    }

    /// A count or offset, which the tree keeps below 4 GiB.
    fn number(&mut self, n: usize) {
        let word = u32::try_from(n).unwrap_or(u32::MAX);
        self.bytes.extend_from_slice(&word.to_le_bytes());
    }
}

/// A 64-bit payload as its low and high words.
fn wide(tag: u8, bits: u64) -> (u8, u32, u32) {
    (tag, bits as u32, (bits >> 32) as u32)
}

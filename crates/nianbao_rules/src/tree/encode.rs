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
        self.number(base as u64);
        self.number(tree.strings.len() as u64);
        self.number(tree.nodes.len() as u64);
        for node in &tree.nodes {
            self.node(node);
        }
    }

    /// Appends the TOML error of a file that is not TOML.
    pub fn error(&mut self, error: &TomlError) {
        self.bytes.push(format::ERROR);
        match &error.span {
            Some(span) => {
                self.bytes.push(1);
                self.number(span.start as u64);
                self.number(span.end as u64);
            }
            None => self.bytes.push(0),
        }
        let at = self.strings.len();
        self.strings.push_str(&error.message);
        self.number(at as u64);
        self.number(error.message.len() as u64);
    }

    fn node(&mut self, node: &Node) {
        let tag = match node.value {
            Value::String(_) => format::STRING,
            Value::Integer(_) => format::INTEGER,
            Value::Float(_) => format::FLOAT,
            Value::Bool(false) => format::FALSE,
            Value::Bool(true) => format::TRUE,
            Value::Datetime(_) => format::DATETIME,
            Value::Wide(_) => format::WIDE,
            Value::Invalid(_) => format::INVALID,
            Value::Array(_) => format::ARRAY,
            Value::Table(_) => format::TABLE,
        };
        self.bytes.push(tag);
        self.number(u64::from(node.start));
        self.number(u64::from(node.end.saturating_sub(node.start)));
        match node.value {
            Value::String(text)
            | Value::Datetime(text)
            | Value::Wide(text)
            | Value::Invalid(text) => self.text(text),
            Value::Integer(integer) => self.number(zigzag(integer)),
            Value::Float(bits) => self.bytes.extend_from_slice(&bits.to_le_bytes()),
            Value::Bool(_) => {}
            Value::Array(children) | Value::Table(children) => {
                self.number(u64::from(children.first));
                self.number(u64::from(children.count));
            }
        }
    }

    fn text(&mut self, text: Text) {
        self.number(u64::from(text.at));
        self.number(u64::from(text.len));
    }

    /// LEB128: seven bits a byte, the high bit set on all but the last.
    fn number(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.bytes.push((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }
}

/// Small magnitudes of either sign to small numbers: 0, -1, 1, -2 … to 0, 1, 2, 3 ….
fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

//! Bytes back to trees ([`super::format`]): the built-in rule files, as `build.rs` encoded them,
//! their strings borrowed from the embedded string table.

use super::format;
use super::from_toml::TomlError;
use super::node::{Children, Node, Text, Tree, Value};
use std::borrow::Cow;

/// Bytes that are not what `build.rs` writes (a build out of step with its sources).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Corrupt;

/// Every file's record, in the order they were encoded.
pub(crate) fn files<'s>(
    bytes: &[u8],
    strings: &'s str,
) -> Result<Vec<Result<Tree<'s>, TomlError>>, Corrupt> {
    let mut reader = Reader { bytes };
    let mut files = Vec::new();
    while let Some((&kind, rest)) = reader.bytes.split_first() {
        reader.bytes = rest;
        files.push(match kind {
            format::TREE => Ok(reader.tree(strings)?),
            format::ERROR => Err(reader.error(strings)?),
            _ => return Err(Corrupt),
        });
    }
    Ok(files)
}

struct Reader<'b> {
    bytes: &'b [u8],
}

fn word(bytes: &[u8], at: usize) -> u32 {
    let mut le = [0; 4];
    if let Some(four) = bytes.get(at..at + 4) {
        le.copy_from_slice(four);
    }
    u32::from_le_bytes(le)
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], Corrupt> {
        if n > self.bytes.len() {
            return Err(Corrupt);
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(taken)
    }

    fn number(&mut self) -> Result<usize, Corrupt> {
        Ok(word(self.take(4)?, 0) as usize)
    }

    fn tree<'s>(&mut self, strings: &'s str) -> Result<Tree<'s>, Corrupt> {
        let base = self.number()?;
        let len = self.number()?;
        let strings = strings.get(base..base + len).ok_or(Corrupt)?;
        let count = self.number()?;
        let encoded = self.take(count.checked_mul(format::NODE).ok_or(Corrupt)?)?;
        let mut nodes: Vec<Node> = Vec::with_capacity(count);
        for chunk in encoded.chunks_exact(format::NODE) {
            let node = node(chunk)?;
            // Children come before their parent (so no tree loops), strings lie in the table.
            let sound = match node.value {
                Value::Array(children) | Value::Table(children) => {
                    children.first as usize + children.count as usize <= nodes.len()
                }
                Value::String(text)
                | Value::Datetime(text)
                | Value::Wide(text)
                | Value::Invalid(text) => {
                    let at = text.at as usize;
                    strings.get(at..at + text.len as usize).is_some()
                }
                Value::Integer(_) | Value::Float(_) | Value::Bool(_) => true,
            };
            if !sound || node.end < node.start {
                return Err(Corrupt);
            }
            nodes.push(node);
        }
        Ok(Tree {
            strings: Cow::Borrowed(strings),
            nodes,
        })
    }

    fn error(&mut self, strings: &str) -> Result<TomlError, Corrupt> {
        let has_span = self.take(1)?.first().is_some_and(|&flag| flag != 0);
        let start = self.number()?;
        let end = self.number()?;
        let at = self.number()?;
        let len = self.number()?;
        let message = strings.get(at..at + len).ok_or(Corrupt)?;
        Ok(TomlError {
            span: has_span.then_some(start..end),
            message: message.to_owned(),
        })
    }
}

fn node(chunk: &[u8]) -> Result<Node, Corrupt> {
    let tag = chunk.first().copied().ok_or(Corrupt)?;
    let [start, end, low, high] = [1, 5, 9, 13].map(|at| word(chunk, at));
    let bits = u64::from(low) | u64::from(high) << 32;
    let text = Text { at: low, len: high };
    let children = Children {
        first: low,
        count: high,
    };
    let value = match tag {
        format::STRING => Value::String(text),
        format::INTEGER => Value::Integer(bits as i64),
        format::FLOAT => Value::Float(bits),
        format::FALSE => Value::Bool(false),
        format::TRUE => Value::Bool(true),
        format::DATETIME => Value::Datetime(text),
        format::WIDE => Value::Wide(text),
        format::INVALID => Value::Invalid(text),
        format::ARRAY => Value::Array(children),
        format::TABLE => Value::Table(children),
        _ => return Err(Corrupt),
    };
    Ok(Node { start, end, value })
}

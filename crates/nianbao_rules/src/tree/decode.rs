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
    let mut reader = Reader { bytes, at: 0 };
    let mut files = Vec::new();
    while let Some(&kind) = reader.bytes.get(reader.at) {
        reader.at += 1;
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
    at: usize,
}

impl Reader<'_> {
    fn tree<'s>(&mut self, strings: &'s str) -> Result<Tree<'s>, Corrupt> {
        let base = self.usize()?;
        let len = self.usize()?;
        let strings = strings.get(base..base + len).ok_or(Corrupt)?;
        let count = self.usize()?;
        // Every node takes three bytes at least: a bound before trusting the count.
        if count > self.bytes.len() {
            return Err(Corrupt);
        }
        let mut nodes: Vec<Node> = Vec::with_capacity(count);
        for _ in 0..count {
            let node = self.node()?;
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
            if !sound {
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
        let span = match self.byte()? {
            0 => None,
            _ => Some(self.usize()?..self.usize()?),
        };
        let at = self.usize()?;
        let len = self.usize()?;
        let message = strings.get(at..at + len).ok_or(Corrupt)?;
        Ok(TomlError {
            span,
            message: message.to_owned(),
        })
    }

    fn node(&mut self) -> Result<Node, Corrupt> {
        let tag = self.byte()?;
        let start = self.u32()?;
        let end = start.checked_add(self.u32()?).ok_or(Corrupt)?;
        let value = match tag {
            format::STRING => Value::String(self.text()?),
            format::INTEGER => Value::Integer(unzigzag(self.number()?)),
            format::FLOAT => {
                let bytes = self.bytes.get(self.at..self.at + 8).ok_or(Corrupt)?;
                self.at += 8;
                Value::Float(u64::from_le_bytes(bytes.try_into().map_err(|_| Corrupt)?))
            }
            format::FALSE => Value::Bool(false),
            format::TRUE => Value::Bool(true),
            format::DATETIME => Value::Datetime(self.text()?),
            format::WIDE => Value::Wide(self.text()?),
            format::INVALID => Value::Invalid(self.text()?),
            format::ARRAY => Value::Array(self.children()?),
            format::TABLE => Value::Table(self.children()?),
            _ => return Err(Corrupt),
        };
        Ok(Node { start, end, value })
    }

    fn text(&mut self) -> Result<Text, Corrupt> {
        Ok(Text {
            at: self.u32()?,
            len: self.u32()?,
        })
    }

    fn children(&mut self) -> Result<Children, Corrupt> {
        Ok(Children {
            first: self.u32()?,
            count: self.u32()?,
        })
    }

    fn byte(&mut self) -> Result<u8, Corrupt> {
        let byte = *self.bytes.get(self.at).ok_or(Corrupt)?;
        self.at += 1;
        Ok(byte)
    }

    fn number(&mut self) -> Result<u64, Corrupt> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(n);
            }
        }
        Err(Corrupt)
    }

    fn u32(&mut self) -> Result<u32, Corrupt> {
        u32::try_from(self.number()?).map_err(|_| Corrupt)
    }

    fn usize(&mut self) -> Result<usize, Corrupt> {
        usize::try_from(self.number()?).map_err(|_| Corrupt)
    }
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

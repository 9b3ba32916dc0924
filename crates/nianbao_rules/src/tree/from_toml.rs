//! TOML text to a [`Tree`]: the one place a rule file's TOML is read, at build time for the
//! built-in files and at load for a user's. Shared with `build.rs`.

use super::node::{Children, Node, Text, Tree, Value};
use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A text that is not TOML: toml's message, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TomlError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

/// Parses a rule file's text into a tree of owned strings.
pub fn parse(text: &str) -> Result<Tree<'static>, TomlError> {
    if u32::try_from(text.len()).is_err() {
        return Err(TomlError {
            span: None,
            message: "a rule file must be smaller than 4 GiB".to_owned(),
        });
    }
    let root = DeTable::parse(text).map_err(|error| TomlError {
        span: error.span(),
        message: error.message().to_owned(),
    })?;
    let mut builder = Builder {
        strings: String::new(),
        nodes: Vec::new(),
    };
    let span = root.span();
    let value = builder.table(root.get_ref());
    builder.nodes.push(node(span, value));
    Ok(Tree {
        strings: Cow::Owned(builder.strings),
        nodes: Cow::Owned(builder.nodes),
    })
}

struct Builder {
    strings: String,
    nodes: Vec<Node>,
}

/// An offset in a text known to be shorter than 4 GiB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

fn node(span: Range<usize>, value: Value) -> Node {
    Node {
        start: offset(span.start),
        end: offset(span.end),
        value,
    }
}

impl Builder {
    fn text(&mut self, text: &str) -> Text {
        let at = offset(self.strings.len());
        self.strings.push_str(text);
        Text {
            at,
            len: offset(text.len()),
        }
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>) -> Node {
        let read = match value.get_ref() {
            DeValue::String(text) => Value::String(self.text(text)),
            DeValue::Integer(integer) => {
                let (digits, radix) = (integer.as_str(), integer.radix());
                if let Ok(integer) = i64::from_str_radix(digits, radix) {
                    Value::Integer(integer)
                } else if let Ok(wide) = i128::from_str_radix(digits, radix) {
                    Value::Wide(self.text(&wide.to_string()))
                } else if let Ok(wide) = u128::from_str_radix(digits, radix) {
                    Value::Wide(self.text(&wide.to_string()))
                } else {
                    Value::Invalid(self.text("integer number overflowed"))
                }
            }
            DeValue::Float(float) => match float.as_str().parse::<f64>() {
                // toml takes an infinity only when it is written as one (`inf`).
                Ok(x) if !x.is_infinite() || float.as_str().contains("inf") => {
                    Value::Float(x.to_bits())
                }
                _ => Value::Invalid(self.text("floating-point number overflowed")),
            },
            DeValue::Boolean(flag) => Value::Bool(*flag),
            DeValue::Datetime(datetime) => Value::Datetime(self.text(&datetime.to_string())),
            DeValue::Array(items) => {
                let read: Vec<Node> = items.iter().map(|item| self.value(item)).collect();
                Value::Array(self.children(read))
            }
            DeValue::Table(table) => self.table(table),
        };
        node(value.span(), read)
    }

    fn table(&mut self, table: &DeTable<'_>) -> Value {
        let mut read = Vec::with_capacity(table.len() * 2);
        for (key, value) in table {
            let name = self.text(key.get_ref());
            read.push(node(key.span(), Value::String(name)));
            read.push(self.value(value));
        }
        Value::Table(self.children(read))
    }

    /// Places a container's children together, after their own children.
    fn children(&mut self, read: Vec<Node>) -> Children {
        let first = offset(self.nodes.len());
        let count = offset(read.len());
        self.nodes.extend(read);
        Children { first, count }
    }
}

//! A serde deserializer over a [`Tree`], behaving as toml's own over the same TOML: the same
//! visits for the same values, `toml::Spanned` given the node's span, and every error given the
//! span of the key or value being read (the innermost one), with serde's own wording.

use super::{Node, Tree, Value};
use serde::de::value::{BorrowedStrDeserializer, MapDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde_spanned::de::{SpannedDeserializer, is_spanned};
use std::fmt;
use std::ops::Range;

/// Why a value could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DeError {
    message: String,
    span: Option<Range<usize>>,
}

impl DeError {
    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    fn new(message: &str, span: Range<usize>) -> Self {
        DeError {
            message: message.to_owned(),
            span: Some(span),
        }
    }

    /// The error, placed at `span` unless a value inside placed it already.
    fn at(mut self, span: Range<usize>) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        DeError {
            message: message.to_string(),
            span: None,
        }
    }
}

/// The field toml's datetimes are read through, kept so a datetime reads as in toml.
const DATETIME_FIELD: &str = "$__toml_private_datetime";

/// The name a field read elsewhere asks for ([`crate::spec::Elsewhere`]).
pub(crate) const ELSEWHERE: &str = "$__nianbao_elsewhere";

/// Reads one node (and what is below it).
#[derive(Clone, Copy)]
pub(crate) struct NodeDe<'de> {
    tree: &'de Tree<'de>,
    node: &'de Node,
    /// Keys of this table that the reader does not see (a rule's check tables, read apart).
    hidden: &'de [&'de str],
}

impl<'de> NodeDe<'de> {
    pub(crate) fn new(tree: &'de Tree<'de>, node: &'de Node) -> Self {
        NodeDe {
            tree,
            node,
            hidden: &[],
        }
    }

    /// Where the node's text is in the rule file.
    pub(crate) fn span(&self) -> Range<usize> {
        self.node.span()
    }

    /// The node's table without the entries of the `hidden` keys.
    pub(crate) fn hiding(self, hidden: &'de [&'de str]) -> Self {
        NodeDe { hidden, ..self }
    }

    fn type_str(&self) -> &'static str {
        match self.node.value {
            Value::String(_) => "string",
            Value::Integer(_) | Value::Wide(_) => "integer",
            Value::Float(_) => "float",
            Value::Bool(_) => "boolean",
            Value::Datetime(_) => "datetime",
            Value::Invalid(text) if self.tree.text(text).starts_with("integer") => "integer",
            Value::Invalid(_) => "float",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span();
        let tree = self.tree;
        match self.node.value {
            Value::String(text) => visitor.visit_borrowed_str(tree.text(text)),
            Value::Integer(integer) => visitor.visit_i64(integer),
            Value::Wide(text) => wide(tree.text(text), visitor),
            Value::Float(bits) => visitor.visit_f64(f64::from_bits(bits)),
            Value::Bool(flag) => visitor.visit_bool(flag),
            Value::Datetime(text) => {
                let field = std::iter::once((DATETIME_FIELD, tree.text(text)));
                visitor.visit_map(MapDeserializer::<_, DeError>::new(field))
            }
            Value::Invalid(text) => Err(DeError::new(tree.text(text), span.clone())),
            Value::Array(children) => visitor.visit_seq(Elements {
                tree,
                nodes: tree.children(children).iter(),
            }),
            Value::Table(children) => visitor.visit_map(Entries {
                tree,
                pairs: tree.children(children).chunks_exact(2),
                hidden: self.hidden,
                value: None,
            }),
        }
        .map_err(|error| error.at(span))
    }

    // A value that is there is `Some`; a missing field is serde's `None`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span();
        visitor.visit_some(self).map_err(|error| error.at(span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // A field read elsewhere is passed over without walking its value: a value no reader
        // can take would have failed the file's shape check before any rule was read.
        if name == ELSEWHERE {
            return visitor.visit_unit();
        }
        let span = self.node.span();
        visitor
            .visit_newtype_struct(self)
            .map_err(|error| error.at(span))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if is_spanned(name) {
            let span = self.node.span();
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        self.deserialize_any(visitor)
    }

    // A unit variant is its name (`check = "order"`) or, as in toml, a table of one entry whose
    // value is empty (`check = { order = {} }`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.node.span();
        match self.node.value {
            Value::String(text) => {
                visitor.visit_enum(BorrowedStrDeserializer::new(self.tree.text(text)))
            }
            Value::Table(_) => {
                let mut entries = self.tree.entries(self.node);
                match (entries.next(), entries.next()) {
                    (Some((key, value)), None) => visitor.visit_enum(Variant {
                        key: NodeDe::new(self.tree, key),
                        value: NodeDe::new(self.tree, value),
                    }),
                    (None, _) => Err(DeError::new(
                        "wanted exactly 1 element, found 0 elements",
                        span.clone(),
                    )),
                    (Some(_), Some(_)) => Err(DeError::new(
                        "wanted exactly 1 element, more than 1 element",
                        span.clone(),
                    )),
                }
            }
            _ => Err(DeError::new("wanted string or table", span.clone())),
        }
        .map_err(|error| error.at(span))
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string seq
        bytes byte_buf map unit ignored_any unit_struct tuple_struct tuple identifier
    }
}

/// An integer beyond `i64`, visited as toml visits it: as `u64`, else `i128`, else `u128`.
fn wide<'de, V: Visitor<'de>>(digits: &str, visitor: V) -> Result<V::Value, DeError> {
    if let Ok(integer) = digits.parse::<u64>() {
        visitor.visit_u64(integer)
    } else if let Ok(integer) = digits.parse::<i128>() {
        visitor.visit_i128(integer)
    } else if let Ok(integer) = digits.parse::<u128>() {
        visitor.visit_u128(integer)
    } else {
        Err(de::Error::custom("integer number overflowed"))
    }
}

impl<'de> IntoDeserializer<'de, DeError> for NodeDe<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// An array's elements.
struct Elements<'de> {
    tree: &'de Tree<'de>,
    nodes: std::slice::Iter<'de, Node>,
}

impl<'de> de::SeqAccess<'de> for Elements<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        self.nodes
            .next()
            .map(|node| seed.deserialize(NodeDe::new(self.tree, node)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.nodes.len())
    }
}

/// A table's entries, in the order of the tree (toml's: sorted by key).
struct Entries<'de> {
    tree: &'de Tree<'de>,
    pairs: std::slice::ChunksExact<'de, Node>,
    hidden: &'de [&'de str],
    value: Option<&'de Node>,
}

impl<'de> de::MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        for pair in self.pairs.by_ref() {
            let (Some(key), Some(value)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            if self.hidden.contains(&self.tree.str(key)) {
                continue;
            }
            self.value = Some(value);
            return seed.deserialize(NodeDe::new(self.tree, key)).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(value) => seed.deserialize(NodeDe::new(self.tree, value)),
            None => Err(de::Error::custom("a table's value was read before its key")),
        }
    }
}

/// The one entry of a table read as an enum: the variant's name and its (empty) value.
struct Variant<'de> {
    key: NodeDe<'de>,
    value: NodeDe<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = DeError;
    type Variant = NodeDe<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, NodeDe<'de>), DeError> {
        Ok((seed.deserialize(self.key)?, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for NodeDe<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        let span = self.node.span();
        match self.node.value {
            Value::Array(children) if children.count == 0 => Ok(()),
            Value::Table(children) if children.count == 0 => Ok(()),
            Value::Array(_) => Err(DeError::new("expected empty array", span)),
            Value::Table(_) => Err(DeError::new("expected empty table", span)),
            _ => Err(DeError::new(
                &format!("expected table, found {}", self.type_str()),
                span,
            )),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

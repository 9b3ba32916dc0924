//! The tree's types: a rule file's values in one flat list of nodes, each with the span of the
//! text it was read from, and its strings in one string table. Shared with `build.rs`.

use std::borrow::Cow;

/// A rule file's values. `nodes` holds every node, children before their parent; the root (the
/// file's table) is the last. A built-in file's strings and nodes are statics
/// ([`super::builtin`]), a user's are owned. The children of an array or table are consecutive: an array's
/// elements, or a table's keys and values in turns (`key, value, key, value`), keys being
/// [`Value::String`] nodes spanning the key as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree<'s> {
    pub strings: Cow<'s, str>,
    pub nodes: Cow<'s, [Node]>,
}

/// A value and the span of its text in the rule file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub start: u32,
    pub end: u32,
    pub value: Value,
}

/// A string in the tree's string table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub at: u32,
    pub len: u32,
}

/// The children of an array or table: `count` nodes from `first` on (a table has two nodes per
/// entry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Children {
    pub first: u32,
    pub count: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    String(Text),
    Integer(i64),
    /// An `f64`, as its bits (so that trees compare exactly).
    Float(u64),
    Bool(bool),
    /// A TOML date or time, as written; no rule reads one, but a user's file may hold one.
    Datetime(Text),
    /// An integer beyond `i64` (up to `u128`), in decimal.
    Wide(Text),
    /// A value TOML reads but serde cannot take (a float too large): the error reading it gives.
    Invalid(Text),
    Array(Children),
    Table(Children),
}

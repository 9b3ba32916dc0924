//! The binary form of trees that `build.rs` writes and the crate reads back: per rule file a
//! record, either a tree or the TOML error of a file that is not TOML, its strings as places in
//! one string table kept beside the bytes. Numbers are little-endian `u32`s, and every node has
//! the same size, so decoding is a loop over fixed-size chunks. Shared with `build.rs`.
//!
//! A tree record: `TREE`, the file's strings (start and length in the string table), the node
//! count, then the nodes, [`NODE`] bytes each: tag, start, end, and two payload words (a
//! string's place; an integer's or a float's 64 bits, low word first; an array's or table's
//! first child and count). An error record: `ERROR`, whether it has a span (a byte), start,
//! end, the message's place.

/// A file's tree follows.
pub const TREE: u8 = 0;
/// A file's TOML error follows.
pub const ERROR: u8 = 1;

/// The size of an encoded node.
pub const NODE: usize = 17;

pub const STRING: u8 = 0;
pub const INTEGER: u8 = 1;
pub const FLOAT: u8 = 2;
pub const FALSE: u8 = 3;
pub const TRUE: u8 = 4;
pub const DATETIME: u8 = 5;
pub const INVALID: u8 = 6;
pub const ARRAY: u8 = 7;
pub const TABLE: u8 = 8;
pub const WIDE: u8 = 9;

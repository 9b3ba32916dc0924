//! The built-in rule files as `build.rs` embeds them (`emit.rs`): per file its nodes and strings
//! as statics. A built-in file that is not TOML fails the build.

use super::node::{Node, Tree};
use std::borrow::Cow;

/// A built-in file as embedded.
#[derive(Debug)]
pub(crate) struct Builtin {
    pub(crate) strings: &'static str,
    pub(crate) nodes: &'static [Node],
}

impl Builtin {
    /// The file's tree, borrowed from the statics.
    pub(crate) fn tree(&self) -> Tree<'static> {
        Tree {
            strings: Cow::Borrowed(self.strings),
            nodes: Cow::Borrowed(self.nodes),
        }
    }
}

//! The built-in rule files as `build.rs` embeds them (`emit.rs`): per file its tree, nodes and
//! strings as statics, or the TOML error of a file that is not TOML.

use super::from_toml::TomlError;
use super::node::{Node, Tree};
use std::borrow::Cow;

/// A built-in file as embedded.
#[derive(Debug)]
pub(crate) enum Builtin {
    Tree {
        strings: &'static str,
        nodes: &'static [Node],
    },
    /// Written only while a built-in file is not TOML, so that the run reports it with its
    /// span as it does a user's file.
    #[allow(
        dead_code,
        reason = "constructed by the generated statics only while a built-in file is not TOML"
    )]
    Error {
        span: Option<(usize, usize)>,
        message: &'static str,
    },
}

impl Builtin {
    /// The file's tree, borrowed from the statics, or its error.
    pub(crate) fn tree(&self) -> Result<Tree<'static>, TomlError> {
        match *self {
            Builtin::Tree { strings, nodes } => Ok(Tree {
                strings: Cow::Borrowed(strings),
                nodes: Cow::Borrowed(nodes),
            }),
            Builtin::Error { span, message } => Err(TomlError {
                span: span.map(|(start, end)| start..end),
                message: message.to_owned(),
            }),
        }
    }
}

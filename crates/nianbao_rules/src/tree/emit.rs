//! Trees to Rust source: what `build.rs` embeds. Each built-in file becomes a `Builtin`
//! (`builtin.rs`), its nodes a static array of struct literals, its strings a string literal,
//! so a run takes the trees as compiled:
//! nothing is decoded or checked at load, and a build out of step with its sources does not
//! compile. Shared with `build.rs`.

use super::node::{Children, Node, Text, Tree, Value};
use std::fmt::Write as _;

/// The items of the built-in files, in order: a static of nodes per tree, then `TREES`, which
/// lists the files.
#[derive(Debug, Default)]
pub struct Emitted {
    statics: String,
    files: String,
    count: usize,
}

impl Emitted {
    /// Appends a file's tree.
    pub fn tree(&mut self, tree: &Tree<'_>) -> std::fmt::Result {
        let name = format!("NODES_{}", self.count);
        self.count += 1;
        writeln!(
            self.statics,
            "static {name}: [Node; {}] = [",
            tree.nodes.len()
        )?;
        for node in tree.nodes.iter() {
            writeln!(self.statics, "    {},", constructor(node))?;
        }
        self.statics.push_str("];\n");
        writeln!(
            self.files,
            "    Builtin {{ strings: {:?}, nodes: &{name} }},",
            tree.strings
        )
    }

    /// The module holding every file, as `builtin_trees::TREES`.
    pub fn source(&self) -> String {
        format!(
            "/// The built-in files' trees, in the order of `BUILTIN_RULES`.\n\
             mod builtin_trees {{\n\
             use crate::tree::builtin::Builtin;\n\
             use crate::tree::node::{{Children, Node, Text, Value}};\n\
             {}\
             pub(crate) static TREES: [Builtin; {}] = [\n{}];\n\
             }}\n",
            self.statics,
            self.count_files(),
            self.files
        )
    }

    fn count_files(&self) -> usize {
        self.files.lines().count()
    }
}

/// A node as a struct literal.
fn constructor(node: &Node) -> String {
    let text =
        |kind: &str, Text { at, len }: Text| format!("{kind}(Text {{ at: {at}, len: {len} }})");
    let children = |kind: &str, Children { first, count }: Children| {
        format!("{kind}(Children {{ first: {first}, count: {count} }})")
    };
    let value = match node.value {
        Value::String(at) => text("String", at),
        Value::Datetime(at) => text("Datetime", at),
        Value::Wide(at) => text("Wide", at),
        Value::Invalid(at) => text("Invalid", at),
        Value::Integer(integer) => format!("Integer({integer})"),
        Value::Float(bits) => format!("Float({bits})"),
        Value::Bool(flag) => format!("Bool({flag})"),
        Value::Array(at) => children("Array", at),
        Value::Table(at) => children("Table", at),
    };
    format!(
        "Node {{ start: {}, end: {}, value: Value::{value} }}",
        node.start, node.end
    )
}

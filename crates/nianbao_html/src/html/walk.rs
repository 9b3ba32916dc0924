//! The body's nodes written as the grammar's text: blocks as lines, inline runs joined, tables
//! as the tab grid within the document's cell budget.

use super::tokens::Node;
use super::tree::{SKIPPED, Stack, hides, is_block};
use crate::grid::{CellBudget, GridCell, TableBuilder};
use crate::map::{PushChar, SourceChar, Writer};
use crate::warning::ReadWarning;

/// Builds the text of the body while walking its nodes.
pub(super) struct Walker<'a> {
    out: Writer,
    /// What the page's tables may still expand to, and what was not read for it.
    budget: CellBudget,
    warnings: Vec<ReadWarning>,
    stack: Stack,
    /// Open skipped elements (script, style, …): text inside them is dropped.
    skipped: usize,
    table: Option<TableBuilder>,
    /// Tables inside a table cell: their cells join the outer cell's text.
    nested_tables: usize,
    /// A table's `<caption>` (often the table's heading, 表三…): written as the line before it.
    caption: Option<Vec<SourceChar>>,
    pending_space: bool,
    nodes: &'a [Node],
}

impl<'a> Walker<'a> {
    pub(super) fn new(nodes: &'a [Node]) -> Self {
        Walker {
            out: Writer::default(),
            budget: CellBudget::default(),
            warnings: Vec::new(),
            stack: Stack::default(),
            skipped: 0,
            table: None,
            nested_tables: 0,
            caption: None,
            pending_space: false,
            nodes,
        }
    }

    /// Writes the nodes in `range`.
    pub(super) fn walk(&mut self, range: std::ops::Range<usize>) {
        for index in range {
            match self.nodes.get(index) {
                Some(Node::Start { .. }) => self.start(index),
                Some(Node::End { name, span }) => {
                    let closed = self.stack.close(name);
                    self.closed(closed, span.start);
                    if name == "br" && self.table.is_none() {
                        self.out.line_break(span.start);
                    }
                }
                Some(Node::Text(chars)) => self.text(chars),
                None => {}
            }
        }
    }

    /// The text written, ending with a table left open at `end`, and what was not read.
    pub(super) fn finish(mut self, end: usize) -> (Writer, Vec<ReadWarning>) {
        self.finish_table(end);
        (self.out, self.warnings)
    }

    fn finish_table(&mut self, at: usize) {
        if let Some(table) = self.table.take() {
            table.write(&mut self.out, at, &mut self.budget, &mut self.warnings);
        }
        self.nested_tables = 0;
    }

    fn closed(&mut self, closed: Vec<(String, usize)>, at: usize) {
        for open in closed.iter().rev() {
            let name = &open.0;
            let inside_hidden = self.skipped > 0;
            if hides(self.nodes, open) {
                // Its own start was never laid out either.
                self.skipped = self.skipped.saturating_sub(1);
                continue;
            }
            if inside_hidden {
                continue;
            }
            let in_table = self.table.is_some();
            match name.as_str() {
                "td" | "th" if self.nested_tables == 0 => {
                    if let Some(table) = self.table.as_mut() {
                        table.finish_cell();
                    }
                }
                "tr" if self.nested_tables == 0 => {
                    if let Some(table) = self.table.as_mut() {
                        table.finish_row();
                    }
                }
                "table" if self.nested_tables > 0 => self.nested_tables -= 1,
                "table" => self.finish_table(at),
                "caption" => {
                    if let Some(caption) = self.caption.take() {
                        self.out.line_break(at);
                        for source in &caption {
                            self.out.push_char(source);
                        }
                        self.out.line_break(at);
                    }
                }
                _ if !in_table && is_block(name) => {
                    self.out.line_break(at);
                    self.pending_space = false;
                }
                _ => {}
            }
        }
    }

    fn start(&mut self, index: usize) {
        let Some(Node::Start {
            name,
            hidden,
            rowspan,
            colspan,
            span,
            ..
        }) = self.nodes.get(index)
        else {
            return;
        };
        let closed = self.stack.open(name, index);
        self.closed(closed, span.start);
        // Only an element that was really opened (not void, not past the depth limit) has an
        // end that will undo the count.
        let opened = self.stack.open.last().is_some_and(|open| open.1 == index);
        if opened && (SKIPPED.contains(&name.as_str()) || *hidden) {
            self.skipped += 1;
        }
        if self.skipped > 0 {
            return;
        }
        let in_table = self.table.is_some();
        match name.as_str() {
            "table" if in_table => self.nested_tables += 1,
            "table" => {
                self.out.line_break(span.start);
                self.pending_space = false;
                self.table = Some(TableBuilder::default());
            }
            "tr" if self.nested_tables == 0 => {
                if let Some(table) = self.table.as_mut() {
                    table.start_row(span.start);
                }
            }
            "td" | "th" if self.nested_tables == 0 => {
                if let Some(table) = self.table.as_mut() {
                    table.start_cell(GridCell::new(span.end, *rowspan, *colspan));
                }
            }
            "caption" if in_table && self.nested_tables == 0 => self.caption = Some(Vec::new()),
            // Inside a cell a line break or paragraph is nothing: `本年新<br>制作数量` is one
            // label, and Word puts every cell's text in a `<p>`.
            _ if in_table => {}
            "br" => {
                self.out.line_break(span.start);
                self.pending_space = false;
            }
            _ if is_block(name) => {
                self.out.line_break(span.start);
                self.pending_space = false;
            }
            _ => {}
        }
    }

    fn text(&mut self, chars: &[SourceChar]) {
        if self.skipped > 0 {
            return;
        }
        if let Some(caption) = self.caption.as_mut() {
            caption.extend(chars.iter().filter(|source| !is_blank(source.ch)).cloned());
            return;
        }
        if let Some(table) = self.table.as_mut() {
            // Text between cells of a table is inter-tag whitespace or stray markup.
            if let Some(cell) = table.cell_mut() {
                cell.chars
                    .extend(chars.iter().filter(|source| !is_blank(source.ch)).cloned());
            }
            return;
        }
        for source in chars {
            if is_blank(source.ch) {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.out.ends_line() {
                self.out.push_synthetic(" ", source.at.start);
            }
            self.pending_space = false;
            self.out.push_char(source);
        }
    }
}

/// Whitespace, `&nbsp;`, the ideographic space and characters that print nothing.
fn is_blank(ch: char) -> bool {
    ch.is_whitespace() || nianbao_source::is_invisible(ch)
}

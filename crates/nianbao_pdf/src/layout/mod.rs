//! Interpreted pages into the grammar's text (issue 14 §3): tables from ruling lines, prose
//! lines from glyph overlap, headers and footers dropped, tables and paragraphs cut by a page
//! break put back together.

mod grid;
mod lines;
mod margins;
mod table;

use crate::geom::{Flow, PageContent};
use crate::map::{PageMap, Writer};
use lines::{Line, joiner, write_line};
use table::Table;

/// A block of a page in reading order.
enum Item {
    Line(u32, Line),
    Table(Table),
}

impl Item {
    fn top(&self) -> f32 {
        match self {
            Self::Line(_, line) => line.rect.y0,
            Self::Table(table) => table.rect.y0,
        }
    }
}

/// The document's text block: where full lines start and end, for joining wrapped paragraphs.
#[derive(Clone, Copy, Debug)]
struct Block {
    left: f32,
    right: f32,
}

fn block(lines: &[&Line]) -> Option<Block> {
    let body: Vec<&&Line> = lines
        .iter()
        .filter(|line| line.flow == Flow::Right && line.glyphs.len() >= 8)
        .collect();
    Some(Block {
        left: body.iter().map(|line| line.rect.x0).reduce(f32::min)?,
        right: body.iter().map(|line| line.rect.x1).reduce(f32::max)?,
    })
}

/// Whether `next` continues the paragraph of `line`: `line` runs to the right edge of its block
/// and `next` starts at the left edge (not indented), in the same size.
fn continues(line: &Line, block: Block, next: &Line, next_block: Block) -> bool {
    let size = line.size;
    line.flow == Flow::Right
        && next.flow == Flow::Right
        && line.rect.x1 >= block.right - 1.5 * size
        && next.rect.x0 <= next_block.left + 0.5 * size
        && (next.size - size).abs() <= 0.15 * size
}

/// The page's blocks, tables found and glyphs placed.
fn page_items(number: u32, page: PageContent) -> (f32, Vec<Item>) {
    let mut glyphs = lines::dedupe(page.glyphs);
    let mut items = Vec::new();
    for found in grid::tables(page.rules) {
        let (table, outside) = Table::new(&found, number, glyphs);
        glyphs = outside;
        items.push(Item::Table(table));
    }
    items.extend(
        lines::group(glyphs)
            .into_iter()
            .map(|line| Item::Line(number, line)),
    );
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    (page.height, items)
}

/// Lays out `pages` into the grammar's text and its map back to the pages.
pub(crate) fn layout(pages: Vec<PageContent>) -> (String, PageMap) {
    let mut pages: Vec<(f32, Vec<Item>)> = pages
        .into_iter()
        .zip(1u32..)
        .map(|(page, number)| page_items(number, page))
        .collect();
    // Headers and footers.
    let prose: Vec<Vec<Line>> = pages
        .iter()
        .map(|(_, items)| {
            items
                .iter()
                .filter_map(|item| match item {
                    Item::Line(_, line) => Some(line.clone()),
                    Item::Table(_) => None,
                })
                .collect()
        })
        .collect();
    let views: Vec<(f32, &[Line])> = pages
        .iter()
        .zip(&prose)
        .map(|((height, _), lines)| (*height, lines.as_slice()))
        .collect();
    let running = margins::running_lines(&views);
    for ((_, items), flags) in pages.iter_mut().zip(running) {
        let mut flags = flags.into_iter();
        items.retain(|item| match item {
            Item::Line(..) => !flags.next().unwrap_or(false),
            Item::Table(_) => true,
        });
    }
    // The text block of the whole document: a page of short lines says nothing about its edges.
    let all_lines: Vec<&Line> = pages
        .iter()
        .flat_map(|(_, items)| items)
        .filter_map(|item| match item {
            Item::Line(_, line) => Some(line),
            Item::Table(_) => None,
        })
        .collect();
    let document_block = block(&all_lines);
    // One sequence of items, tables continued across pages stitched together.
    let mut sequence: Vec<(Option<Block>, Item)> = Vec::new();
    for (_, items) in pages {
        let page_block = document_block;
        for (index, item) in items.into_iter().enumerate() {
            let item = match (index, item, sequence.last_mut()) {
                (0, Item::Table(next), Some((_, Item::Table(open)))) => match open.stitch(next) {
                    Ok(()) => continue,
                    Err(next) => Item::Table(next),
                },
                (_, item, _) => item,
            };
            sequence.push((page_block, item));
        }
    }
    let mut writer = Writer::default();
    let mut previous: Option<(Option<Block>, &Line)> = None;
    for (page_block, item) in &sequence {
        match item {
            Item::Line(page, line) => {
                let joined = match (previous, page_block) {
                    (Some((Some(before_block), before)), Some(block)) => {
                        continues(before, before_block, line, *block)
                    }
                    _ => false,
                };
                if joined {
                    if let Some((_, before)) = previous {
                        writer.synthetic(joiner(before, line));
                    }
                } else {
                    writer.end_line();
                }
                write_line(&mut writer, line, *page);
                previous = Some((*page_block, line));
            }
            Item::Table(table) => {
                writer.end_line();
                table.write(&mut writer);
                previous = None;
            }
        }
    }
    writer.finish()
}

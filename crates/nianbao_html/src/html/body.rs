//! Which part of a page is the report: the deepest container holding every template phrase
//! the page has, whatever the site calls it.

use super::tokens::Node;
use super::tree::{Stack, VOID, hides};
use crate::map::SourceChar;
use std::ops::Range;

/// Phrases of the template's headings and Table 3 labels: the element holding all of them is
/// the report, whatever the site calls it (`TRS_Editor`, `ucapcontent`, `article`, a bare
/// `<td>` of a layout table). Site chrome does not use them, unlike 年度报告, which menus and
/// related-article lists repeat.
const SIGNALS: [&str; 9] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "行政复议",
    "存在的主要问题",
    "其他需要报告的事项",
    "本年新收",
    "第二十条",
    "结转下年度",
];

/// Which of the [`SIGNALS`] a text holds, one bit each: a menu repeating 行政复议 many times
/// must not outweigh a report that has it once.
fn signal(chars: &[SourceChar]) -> u16 {
    let text: String = chars
        .iter()
        .map(|source| source.ch)
        .filter(|ch| !ch.is_whitespace())
        .collect();
    SIGNALS
        .iter()
        .enumerate()
        .filter(|(_, phrase)| text.contains(*phrase))
        .fold(0, |mask, (bit, _)| mask | 1 << bit)
}

/// Elements that hold an article rather than one line of it: a heading holding every phrase
/// the page has is a page with one phrase, not a body.
const CONTAINERS: [&str; 10] = [
    "div",
    "article",
    "section",
    "main",
    "td",
    "body",
    "html",
    "center",
    "form",
    "ucapcontent",
];

/// An element's node range and how much report signal it holds.
struct Element {
    marker: bool,
    container: bool,
    start: usize,
    end: usize,
    depth: usize,
    signal: u16,
}

/// The node range of the report body: the deepest container holding every template phrase the
/// page has, or, on a page with none, the first container a CMS marks as the article, or the
/// whole page.
pub(super) fn body_range(nodes: &[Node]) -> Range<usize> {
    let mut stack = Stack::default();
    let mut signals: Vec<u16> = Vec::new();
    let mut elements: Vec<Element> = Vec::new();
    let mut total = 0u16;
    let close = |closed: Vec<(String, usize)>,
                 stack_len: usize,
                 signals: &mut Vec<u16>,
                 at: usize,
                 elements: &mut Vec<Element>| {
        for (offset, (name, start)) in closed.into_iter().enumerate().rev() {
            let signal = signals.pop().unwrap_or(0);
            if let Some(parent) = signals.last_mut() {
                *parent |= signal;
            }
            let marker = matches!(nodes.get(start), Some(Node::Start { marker: true, .. }));
            elements.push(Element {
                marker,
                container: marker || CONTAINERS.contains(&name.as_str()),
                start,
                end: at,
                depth: stack_len + offset,
                signal,
            });
        }
    };
    for (index, node) in nodes.iter().enumerate() {
        match node {
            Node::Start { name, .. } => {
                let closed = stack.open(name, index);
                close(closed, stack.open.len(), &mut signals, index, &mut elements);
                if !VOID.contains(&name.as_str()) {
                    signals.push(0);
                }
            }
            Node::End { name, .. } => {
                let closed = stack.close(name);
                close(closed, stack.open.len(), &mut signals, index, &mut elements);
            }
            Node::Text(chars) => {
                let skipped = stack.open.iter().any(|open| hides(nodes, open));
                if !skipped {
                    let found = signal(chars);
                    total |= found;
                    if let Some(innermost) = signals.last_mut() {
                        *innermost |= found;
                    }
                }
            }
        }
    }
    let closed = std::mem::take(&mut stack.open);
    close(closed, 0, &mut signals, nodes.len(), &mut elements);
    // Reports before the 2021 template share few of the phrases: without any, the first
    // container a CMS marks as the article is the best guess, then the whole page.
    let chosen = if total == 0 {
        elements
            .iter()
            .filter(|element| element.marker)
            .min_by_key(|element| element.start)
    } else {
        elements
            .iter()
            .filter(|element| element.container && element.signal == total)
            .max_by_key(|element| element.depth)
    };
    chosen.map_or(0..nodes.len(), |element| element.start..element.end)
}

//! The report's title when the body does not start with one: the heading above it, a
//! `标题：` field, or the page's `<title>`.

use super::tokens::Node;
use super::tree::{Stack, hides, is_block};
use crate::map::SourceChar;

/// Report-title lines: visible text lines before the body, and the page `<title>`.
struct TitleSearch {
    lines: Vec<Vec<SourceChar>>,
    page_title: Vec<SourceChar>,
}

fn title_lines(nodes: &[Node], end: usize) -> TitleSearch {
    let mut stack = Stack::default();
    let mut lines: Vec<Vec<SourceChar>> = vec![Vec::new()];
    let mut page_title = Vec::new();
    for (index, node) in nodes.iter().take(end).enumerate() {
        match node {
            Node::Start { name, .. } => {
                stack.open(name, index);
                if is_block(name) || matches!(name.as_str(), "td" | "th" | "br") {
                    lines.push(Vec::new());
                }
            }
            Node::End { name, .. } => {
                stack.close(name);
                if is_block(name) || matches!(name.as_str(), "td" | "th") {
                    lines.push(Vec::new());
                }
            }
            Node::Text(chars) => {
                let innermost = stack.open.last().map(|(open, _)| open.as_str());
                if innermost == Some("title") && page_title.is_empty() {
                    page_title = chars.clone();
                } else if !stack.open.iter().any(|open| hides(nodes, open)) {
                    if let Some(line) = lines.last_mut() {
                        line.extend(chars.iter().filter(|c| !c.ch.is_whitespace()).cloned());
                    }
                }
            }
        }
    }
    lines.retain(|line| !line.is_empty());
    TitleSearch { lines, page_title }
}

pub(super) fn text_of(chars: &[SourceChar]) -> String {
    chars.iter().map(|source| source.ch).collect()
}

pub(super) fn is_title(text: &str) -> bool {
    text.contains("年度报告") && text.chars().count() <= 120
}

fn has_year(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(4).any(|window| {
        window.iter().all(char::is_ascii_digit) && matches!(window.first(), Some('1' | '2'))
    })
}

/// Drops a `标题：` field name and a `-站点名` suffix, keeping the title itself.
fn trim_title(chars: &[SourceChar]) -> Vec<SourceChar> {
    let text = text_of(chars);
    let mut start = 0usize;
    for prefix in ["标题：", "标题:", "标 题："] {
        if text.starts_with(prefix) {
            start = prefix.chars().count();
        }
    }
    let end = text
        .find("报告")
        .map(|position| {
            text.get(..position + "报告".len())
                .unwrap_or("")
                .chars()
                .count()
        })
        .unwrap_or(chars.len());
    chars.get(start..end).unwrap_or(chars).to_vec()
}

/// The report title, when the body does not start with one.
pub(super) fn find_title(nodes: &[Node], body_start: usize) -> Option<Vec<SourceChar>> {
    let search = title_lines(nodes, body_start);
    let candidates: Vec<&Vec<SourceChar>> = search
        .lines
        .iter()
        .filter(|line| is_title(&text_of(line)) && !text_of(line).contains("标题"))
        .collect();
    // A title names its year; a breadcrumb (首页 > 政府信息公开年度报告) between the heading and
    // the body does not.
    let from_lines = candidates
        .iter()
        .rev()
        .find(|line| has_year(&text_of(line)))
        .or(candidates.last())
        .copied();
    let from_meta = search
        .lines
        .iter()
        .find(|line| is_title(&text_of(line)) && text_of(line).contains("标题"));
    let page_title = Some(&search.page_title).filter(|chars| is_title(&text_of(chars)));
    from_lines
        .or(from_meta)
        .or(page_title)
        .map(|chars| trim_title(chars))
        .filter(|title| !title.is_empty())
}

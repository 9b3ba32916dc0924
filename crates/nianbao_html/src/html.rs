//! Saved web pages: tokens (from `html5gum`, with byte spans) → the report body → the tab grid.

use crate::grid::{GridCell, TableBuilder};
use crate::map::{PushChar, SourceChar, Writer, align};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::ops::Range;

/// A token reduced to what extraction needs.
#[derive(Debug)]
enum Node {
    Start {
        name: String,
        /// The content container a CMS marks (`TRS_Editor`, `id=zoom`, …), see [`MARKERS`].
        marker: bool,
        /// `style="display:none"` (Word's hidden text, a CMS's hidden print copy).
        hidden: bool,
        rowspan: usize,
        colspan: usize,
        span: Range<usize>,
    },
    End {
        name: String,
        span: Range<usize>,
    },
    Text(Vec<SourceChar>),
}

fn attribute(tag: &html5gum::StartTag<usize>, name: &str) -> Option<String> {
    tag.attributes
        .get(name.as_bytes())
        .map(|value| String::from_utf8_lossy(&value.value).into_owned())
}

/// `rowspan="3"`, `rowspan=3`, even `rowspan="3px"`: the leading digits, as browsers read it.
fn span_attribute(tag: &html5gum::StartTag<usize>, name: &str) -> usize {
    attribute(tag, name)
        .map(|value| {
            value
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .take(6)
                .collect::<String>()
        })
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(1)
}

fn tokenize(original: &str) -> Vec<Node> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script, style and title contents are raw text: without the switch a `<` in a script
    // would open tags.
    emitter.naively_switch_states(true);
    let mut nodes = Vec::new();
    for token in Tokenizer::new_with_emitter(original, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let class = attribute(&tag, "class").unwrap_or_default();
                let id = attribute(&tag, "id").unwrap_or_default();
                let marker = name == "ucapcontent"
                    || name == "article"
                    || MARKERS.iter().any(|marker| {
                        class.split_ascii_whitespace().any(|word| word == *marker) || id == *marker
                    });
                let style: String = attribute(&tag, "style")
                    .unwrap_or_default()
                    .chars()
                    .filter(|ch| !ch.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                nodes.push(Node::Start {
                    marker,
                    hidden: style.contains("display:none"),
                    rowspan: span_attribute(&tag, "rowspan"),
                    colspan: span_attribute(&tag, "colspan"),
                    span: tag.span.start..tag.span.end,
                    name,
                });
            }
            Token::EndTag(tag) => nodes.push(Node::End {
                name: String::from_utf8_lossy(&tag.name).to_ascii_lowercase(),
                span: tag.span.start..tag.span.end,
            }),
            Token::String(text) => {
                let decoded = String::from_utf8_lossy(&text.value);
                let chars = match original.get(text.span.start..text.span.end) {
                    Some(raw) => align(raw, &decoded, text.span.start),
                    None => decoded
                        .chars()
                        .map(|ch| SourceChar {
                            ch,
                            at: text.span.start..text.span.start,
                        })
                        .collect(),
                };
                nodes.push(Node::Text(chars));
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    nodes
}

/// Classes and ids content-management systems give the element holding an article's text.
const MARKERS: [&str; 8] = [
    "TRS_Editor",
    "TRS_UEDITOR",
    "Custom_UnionStyle",
    "zoom",
    "Zoom",
    "content",
    "article-content",
    "ucapcontent",
];

const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "frame",
];

/// Elements whose text is never report text.
const SKIPPED: [&str; 12] = [
    "script", "style", "noscript", "template", "title", "select", "textarea", "iframe", "object",
    "svg", "button", "head",
];

const BLOCKS: [&str; 30] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "blockquote",
    "pre",
    "center",
    "form",
    "hr",
    "address",
    "figure",
    "figcaption",
    "main",
    "ucapcontent",
];

/// Whether the open element `(name, node index)` hides its text.
fn hides(nodes: &[Node], (name, index): &(String, usize)) -> bool {
    SKIPPED.contains(&name.as_str())
        || matches!(nodes.get(*index), Some(Node::Start { hidden: true, .. }))
}

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name) || name == "table" || name == "caption"
}

/// Browsers stop nesting elements at 512 levels; so does this, which keeps every scan of the
/// open elements bounded on hostile input (a page of a million unclosed `<div>`s).
const MAX_DEPTH: usize = 512;

/// Open elements, with the implied end tags that matter for tables and paragraphs.
#[derive(Default)]
struct Stack {
    open: Vec<(String, usize)>,
}

impl Stack {
    /// Opens `name` (node index `index`); returns the elements it implicitly closed.
    fn open(&mut self, name: &str, index: usize) -> Vec<(String, usize)> {
        let closes: &[&str] = match name {
            "td" | "th" => &["td", "th"],
            "tr" => &["tr", "td", "th"],
            "p" => &["p"],
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            _ => &[],
        };
        let bounds: &[&str] = &["table", "tbody", "thead", "tfoot", "ul", "ol", "dl"];
        let mut closed = Vec::new();
        if !closes.is_empty() {
            if let Some(position) = self.open.iter().rposition(|(open, _)| {
                closes.contains(&open.as_str()) || bounds.contains(&open.as_str())
            }) {
                let is_bound = self
                    .open
                    .get(position)
                    .is_some_and(|(open, _)| bounds.contains(&open.as_str()));
                if !is_bound {
                    closed = self.open.split_off(position);
                }
            }
        }
        if !VOID.contains(&name) && self.open.len() < MAX_DEPTH {
            self.open.push((name.to_owned(), index));
        }
        closed
    }

    /// Closes `name` and everything opened inside it; an end tag with nothing to close is
    /// ignored, as browsers do.
    fn close(&mut self, name: &str) -> Vec<(String, usize)> {
        match self.open.iter().rposition(|(open, _)| open == name) {
            Some(position) => self.open.split_off(position),
            None => Vec::new(),
        }
    }
}

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
fn body_range(nodes: &[Node]) -> Range<usize> {
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

fn text_of(chars: &[SourceChar]) -> String {
    chars.iter().map(|source| source.ch).collect()
}

fn is_title(text: &str) -> bool {
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
fn find_title(nodes: &[Node], body_start: usize) -> Option<Vec<SourceChar>> {
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

/// Builds the text of the body while walking its nodes.
struct Walker<'a> {
    out: Writer,
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

impl Walker<'_> {
    fn finish_table(&mut self, at: usize) {
        if let Some(table) = self.table.take() {
            table.write(&mut self.out, at);
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

/// Whitespace, `&nbsp;`, the ideographic space and zero-width characters.
fn is_blank(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}')
}

/// The extracted text of a decoded page and its map.
pub(crate) fn extract(original: &str) -> (String, crate::SourceMap) {
    let nodes = tokenize(original);
    let body = body_range(&nodes);
    let mut walker = Walker {
        out: Writer::default(),
        stack: Stack::default(),
        skipped: 0,
        table: None,
        nested_tables: 0,
        caption: None,
        pending_space: false,
        nodes: &nodes,
    };
    let inner = body.start.saturating_add(1)..body.end;
    let inner = if body.start == 0 && body.end == nodes.len() {
        body.clone()
    } else {
        inner
    };
    for index in inner {
        match nodes.get(index) {
            Some(Node::Start { .. }) => walker.start(index),
            Some(Node::End { name, span }) => {
                let closed = walker.stack.close(name);
                walker.closed(closed, span.start);
                if name == "br" && walker.table.is_none() {
                    walker.out.line_break(span.start);
                }
            }
            Some(Node::Text(chars)) => walker.text(chars),
            None => {}
        }
    }
    walker.finish_table(original.len());
    let body_text = walker.out;
    let starts_with_title = body_text
        .text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(3)
        .any(is_title);
    let mut out = Writer::default();
    if !starts_with_title {
        if let Some(title) = find_title(&nodes, body.start) {
            for source in &title {
                out.push_char(source);
            }
            let at = title.last().map_or(0, |source| source.at.end);
            out.push_synthetic("\n\n", at);
        }
    }
    out.append(body_text);
    out.finish(original.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(page: &str) -> String {
        extract(page).0
    }

    #[test]
    fn the_body_is_the_deepest_element_holding_every_heading() {
        let page = "<div class=nav>首页 政务公开 行政复议</div><div id=main>\
            <div><p>一、总体情况</p><p>二、主动公开政府信息情况</p></div>\
            <div><p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p></div></div>\
            <div class=footer>网站地图 行政复议 行政复议</div>";
        // Menus and footers repeating a phrase do not count twice: `main` holds every phrase
        // the page has, and it is the deepest container that does.
        let extracted = text(page);
        assert!(extracted.contains("一、总体情况\n二、主动公开政府信息情况\n三、"));
        assert!(!extracted.contains("网站地图"), "{extracted}");
    }

    #[test]
    fn without_template_phrases_the_cms_article_container_is_the_body() {
        let page = "<div class=nav>首页 &gt; 信息公开</div>\
            <div class='TRS_Editor extra'><p>二〇一二年，本机关主动公开信息425条。</p></div>\
            <div class=footer>版权所有</div>";
        assert_eq!(text(page), "二〇一二年，本机关主动公开信息425条。\n");
    }

    #[test]
    fn the_title_above_the_body_is_the_line_naming_a_year() {
        let page = "<h1>某县民政局2023年政府信息公开工作年度报告</h1>\
            <div class=crumb>首页 &gt; 政府信息公开年度报告</div>\
            <div id=zoom><p>一、总体情况</p></div>";
        assert_eq!(
            text(page),
            "某县民政局2023年政府信息公开工作年度报告\n\n一、总体情况\n"
        );
    }

    #[test]
    fn hidden_elements_are_not_read() {
        let page = "<div id=zoom><p>一、总体情况</p><div style='DISPLAY: none'><p>一、总体情况</p>\
            <table><tr><td>9</td></tr></table></div><table><tr><td>规章</td>\
            <td><span style='display:none;mso-hide:all'>7</span>1</td></tr></table></div>";
        assert_eq!(text(page), "一、总体情况\n规章\t1\n");
    }

    #[test]
    fn a_caption_is_the_line_before_its_table() {
        let page = "<div><p>三、收到和处理政府信息公开申请情况</p><table><caption>表 三</caption>\
            <tr><td>一、本年新收</td><td>&nbsp;</td><td>5</td></table></div>";
        assert_eq!(
            text(page),
            "三、收到和处理政府信息公开申请情况\n表三\n一、本年新收\t\t5\n"
        );
    }

    #[test]
    fn a_million_unclosed_elements_take_linear_time() {
        let page = "<div><span>文字".repeat(200_000);
        let started = std::time::Instant::now();
        let extracted = text(&page);
        assert_eq!(extracted.matches("文字").count(), 200_000);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn block_elements_break_lines_and_inline_runs_join() {
        let page = "<div id=zoom><p>  2023年，<b>共</b>收到 申请\n 26件</p><p>&nbsp;</p>\
            <h2>一、总体情况</h2>行一<br>行二<script>var x = '<p>no</p>';</script></div>";
        assert_eq!(
            text(page),
            "2023年，共收到 申请 26件\n一、总体情况\n行一\n行二\n"
        );
    }
}

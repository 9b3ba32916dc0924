//! Saved web pages: tokens ([`tokens`]) → the report body ([`body`]) and its title
//! ([`title`]) → the tab grid ([`walk`]), nesting elements as browsers do ([`tree`]).

mod body;
mod title;
mod tokens;
mod tree;
mod walk;

use crate::map::{PushChar, Writer};
use crate::warning::ReadWarning;
use body::body_range;
use nianbao_source::Span;
use title::{find_title, is_title};
use tokens::tokenize;
use walk::Walker;

/// The extracted text of a decoded page, its map, and what was not read as written (spans in
/// the extracted text).
pub(crate) fn extract(original: &str) -> (String, crate::SourceMap, Vec<ReadWarning>) {
    let nodes = tokenize(original);
    let body = body_range(&nodes);
    let inner = if body.start == 0 && body.end == nodes.len() {
        body.clone()
    } else {
        body.start.saturating_add(1)..body.end
    };
    let mut walker = Walker::new(&nodes);
    walker.walk(inner);
    let (body_text, mut warnings) = walker.finish(original.len());
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
    let shift = u32::try_from(out.text.len()).unwrap_or(u32::MAX);
    for warning in &mut warnings {
        warning.span = Span::new(
            warning.span.start.saturating_add(shift),
            warning.span.end.saturating_add(shift),
        );
    }
    out.append(body_text);
    let (text, map) = out.finish(original.len());
    (text, map, warnings)
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

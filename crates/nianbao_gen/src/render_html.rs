//! A report as a saved government web page: site chrome around a `TRS_Editor` body holding
//! Word-export markup (`<p class=MsoNormal><span>…`), as the real pages in the corpus look.
//!
//! The quirks an HTML reader must survive are all here, chosen deterministically from the
//! report's numbers so every run gives the same bytes: label cells merged with `rowspan`, header
//! cells with `colspan`, digits of one number split over two `<span>`s, `&nbsp;` padding spans
//! and `&nbsp;`-only blank cells, the Table 4 header written one character per `<p>`, `<br>`
//! inside long labels, and a script in the chrome that contains table markup.

use crate::markup::{MergedCell, Part, escape, parts};
use crate::report::GeneratedReport;
use std::fmt::Write as _;

const SPAN: &str =
    "<span style='font-size:10.5pt;font-family:仿宋_GB2312;mso-bidi-font-family:宋体'>";
const NUMBER_SPAN: &str =
    "<span lang=EN-US style='font-size:10.5pt;font-family:\"Times New Roman\"'>";

/// A value cell's content: sometimes the digits are split over two spans (Word does this after
/// an edit), sometimes padded by an `&nbsp;` span.
fn number_content(text: &str, salt: usize) -> String {
    let split = text.len() >= 2 && salt % 3 == 0;
    let mut out = String::new();
    if split {
        let cut = text.len() / 2;
        let (head, tail) = (text.get(..cut).unwrap_or(""), text.get(cut..).unwrap_or(""));
        let _ = write!(
            out,
            "{NUMBER_SPAN}{}</span>{NUMBER_SPAN}{}</span>",
            escape(head),
            escape(tail)
        );
    } else {
        let _ = write!(out, "{NUMBER_SPAN}{}</span>", escape(text));
    }
    if salt % 4 == 1 {
        out.push_str("<span lang=EN-US>&nbsp;</span>");
    }
    out
}

/// A label's content: long labels carry a `<br>` Word put where the cell wrapped.
fn label_content(text: &str) -> String {
    let count = text.chars().count();
    if count > 24 {
        let cut = text
            .char_indices()
            .nth(count / 2)
            .map_or(text.len(), |(offset, _)| offset);
        let (head, tail) = text.split_at(cut);
        format!("{SPAN}{}<br>\n{}</span>", escape(head), escape(tail))
    } else {
        format!("{SPAN}{}</span>", escape(text))
    }
}

fn cell_html(cell: &MergedCell, one_char_per_line: bool, salt: usize) -> String {
    let mut attributes = String::new();
    if cell.rowspan > 1 {
        let _ = write!(attributes, " rowspan={}", cell.rowspan);
    }
    if cell.colspan > 1 {
        let _ = write!(attributes, " colspan=\"{}\"", cell.colspan);
    }
    let width = 48 * cell.colspan;
    let style = "border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt";
    let paragraphs = if cell.text.is_empty() {
        // Word writes an empty cell as a paragraph holding only a non-breaking space.
        if salt % 2 == 0 {
            "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>&nbsp;</span></p>".to_owned()
        } else {
            "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>".to_owned()
        }
    } else if cell.is_number() {
        format!(
            "<p class=MsoNormal align=center style='text-align:center'>{}</p>",
            number_content(&cell.text, salt)
        )
    } else if one_char_per_line {
        cell.text
            .chars()
            .filter(|ch| !ch.is_whitespace())
            .map(|ch| {
                format!(
                    "<p class=MsoNormal align=center style='text-align:center'>{SPAN}{}</span></p>",
                    escape(&ch.to_string())
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        format!(
            "<p class=MsoNormal align=center style='text-align:center'>{}</p>",
            label_content(&cell.text)
        )
    };
    format!(
        "  <td width={width}{attributes} valign=center style='{style}'>\n  {paragraphs}\n  </td>\n"
    )
}

fn table_html(rows: &[Vec<MergedCell>], salt: usize) -> String {
    // Table 4's header cells are narrow: Word wraps them one character per line.
    let is_table4 = rows
        .first()
        .is_some_and(|row| row.iter().any(|cell| cell.text == "行政复议"));
    let mut out = String::from(
        "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>\n",
    );
    for (row_index, row) in rows.iter().enumerate() {
        out.push_str(" <tr style='height:20.0pt'>\n");
        for (cell_index, cell) in row.iter().enumerate() {
            let narrow = is_table4 && cell.text.chars().count() <= 5 && !cell.is_number();
            out.push_str(&cell_html(cell, narrow, salt + row_index * 7 + cell_index));
        }
        out.push_str(" </tr>\n");
    }
    out.push_str("</table>\n");
    out
}

/// Renders `report` as a saved web page (UTF-8, declared in a `<meta>`).
pub fn render_html(report: &GeneratedReport) -> String {
    let parts = parts(report);
    let salt = usize::from(report.year) + report.organ.chars().count();
    let mut title = String::new();
    let mut body = String::new();
    for (index, part) in parts.iter().enumerate() {
        match part {
            Part::Paragraph(text) if index == 0 => title = text.clone(),
            Part::Paragraph(text) => {
                let _ = writeln!(
                    body,
                    "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'>{SPAN}{}</span></p>",
                    escape(text.trim())
                );
            }
            Part::Table(rows) => body.push_str(&table_html(rows, salt + index)),
        }
    }
    // Half the pages print the title inside the body, half in a heading above it, as TRS and
    // other CMS templates do.
    let (heading, body_title) = if salt % 2 == 0 {
        (
            format!("<h1 class=\"article-title\">{}</h1>", escape(&title)),
            String::new(),
        )
    } else {
        (
            String::new(),
            format!(
                "<p class=MsoNormal align=center style='text-align:center'><b>{SPAN}{}</span></b></p>\n",
                escape(&title)
            ),
        )
    };
    format!(
        "<!DOCTYPE html>\n<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n<head>\n\
<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n\
<title>{page_title}_{organ}</title>\n\
<style>.nav a {{ margin: 0 8px; }} td {{ font-size: 10.5pt; }}</style>\n\
<script>var template = '<table><tr><td>1</td></tr></table>'; if (1 < 2) {{ document.title += ''; }}</script>\n\
</head>\n<body>\n\
<div class=\"nav\"><a href=\"/\">首页</a>&gt;<a href=\"/zwgk/\">政务公开</a>&gt;<a href=\"/zwgk/ndbg/\">政府信息公开年度报告</a></div>\n\
<div class=\"main\">\n{heading}\n\
<div class=\"info\">发布时间：{published}-01-20&nbsp;&nbsp;来源：{organ}</div>\n\
<div class=\"TRS_Editor\">\n{body_title}{body}</div>\n\
<div class=\"share\">分享到：微信 微博</div>\n</div>\n\
<div class=\"footer\">主办单位：{organ}&nbsp;&nbsp;网站标识码：3500000000</div>\n\
<script>window.onload = function () {{ var a = \"二、主动公开\"; }};</script>\n\
</body>\n</html>\n",
        page_title = escape(&title),
        organ = escape(&report.organ),
        published = report.year.saturating_add(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, generate};

    #[test]
    fn pages_carry_the_word_export_quirks_readers_must_survive() {
        let pages: Vec<String> = (0..12)
            .map(|index| render_html(&generate(1, index, &Options::default())))
            .collect();
        let all = |needle: &str| pages.iter().all(|page| page.contains(needle));
        let some = |needle: &str| pages.iter().any(|page| page.contains(needle));
        assert!(all(" rowspan="), "merged label cells");
        assert!(all(" colspan=\""), "merged header cells");
        assert!(all("&nbsp;</span></p>"), "&nbsp;-only blank cells");
        assert!(all("<div class=\"TRS_Editor\">"), "the CMS body");
        assert!(
            some("</span><span lang=EN-US style"),
            "digits split over spans"
        );
        assert!(some("<br>\n"), "a line break inside a long label");
        assert!(
            some("<h1 class=\"article-title\">") && some("<b><span"),
            "both title places"
        );
        // Table 4's header: one character per paragraph (结/果/维/持).
        assert!(all(&format!(
            "{SPAN}结</span></p>\n<p class=MsoNormal align=center style='text-align:center'>{SPAN}果</span></p>"
        )));
    }
}

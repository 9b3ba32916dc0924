//! The title line and the 统计期限 sentence (`deadlines.md` §2–3).

use crate::fold::{Folded, Needle};
use nianbao_model::{Period, Section, Title};
use nianbao_source::Span;
use std::sync::LazyLock;

const HEADER_SEPARATOR: &str = "==================== 正文 ====================";

/// Where the report body starts: after the crawler header of the corpus dumps, else 0.
pub(crate) fn body_start(source: &str) -> usize {
    if !source.starts_with("标题:") {
        return 0;
    }
    source
        .find(HEADER_SEPARATOR)
        .map_or(0, |at| at + HEADER_SEPARATOR.len())
}

/// The title: the crawler `标题:` line if present, else the first non-empty line (joined with the
/// next one when a long title was wrapped).
pub(crate) fn title(source: &str) -> Option<Title> {
    if let Some(rest) = source.strip_prefix("标题:") {
        let line_end = rest
            .find('\n')
            .map_or(source.len(), |at| at + "标题:".len());
        let start = "标题:".len();
        return read_title(source, start, line_end);
    }
    let lines: Vec<(usize, usize)> = LineIter { source, at: 0 }
        .filter(|&(from, to)| !source.get(from..to).unwrap_or("").trim().is_empty())
        .take(TITLE_SEARCH_LINES + 1)
        .collect();
    // The first non-empty line, or that line joined with the next (a wrapped title); page copies
    // may put an index number or a date first, so a few more lines are tried.
    let candidates = lines.iter().take(TITLE_SEARCH_LINES);
    for (index, &(start, end)) in candidates.clone().enumerate() {
        // After the first line, only a line that reads as a whole title, not prose citing one.
        let line = source.get(start..end).unwrap_or("").trim();
        if index > 0 && !(line.ends_with("报告") && line.chars().count() <= 60) {
            continue;
        }
        if let Some(title) = read_title(source, start, end).filter(|title| title.year.is_some()) {
            // A title printed over two lines, the issuing body alone on the first
            // (`淮安市人民政府` / `2024 年政府信息公开工作年度报告`).
            let previous = index
                .checked_sub(1)
                .and_then(|previous| lines.get(previous))
                .filter(|_| title.organ.is_none())
                .filter(|&&(from, to)| is_organ_line(source.get(from..to).unwrap_or("")));
            if let Some(&(organ_start, _)) = previous
                && let Some(joined) = read_title(source, organ_start, end)
                    .filter(|joined| joined.year.is_some() && joined.organ.is_some())
            {
                return Some(joined);
            }
            return Some(title);
        }
    }
    for (&(start, _), &(_, next_end)) in candidates.zip(lines.iter().skip(1)) {
        let joined = source.get(start..next_end).unwrap_or("").trim();
        if !joined.ends_with("报告") || joined.chars().count() > 80 {
            continue;
        }
        if let Some(title) =
            read_title(source, start, next_end).filter(|title| title.year.is_some())
        {
            return Some(title);
        }
    }
    let &(start, end) = lines.first()?;
    read_title(source, start, end)
}

/// Where a second report starts: the first title line after section 六, else the `一、` heading
/// that starts a second run of headings after 六. `(cut, what to point at)`.
pub(crate) fn second_report(source: &str, sections: &[Section]) -> Option<(usize, Span)> {
    let six = sections.iter().position(|section| section.number == 6)?;
    let after_six = sections.get(six)?.heading_span.end as usize;
    let restart = sections
        .get(six + 1..)?
        .iter()
        .find(|section| section.number == 1)
        .map(|section| section.heading_span);
    let limit = restart.map_or(source.len(), |span| span.start as usize);
    let lines = LineIter {
        source,
        at: after_six,
    };
    for (start, end) in lines.take_while(|&(start, _)| start < limit) {
        if let Some(span) = title_line(source, start, end.min(limit)) {
            return Some((start, span));
        }
    }
    restart.map(|span| (span.start as usize, span))
}

/// A line that is a whole report title (`…2021年政府信息公开工作年度报告`, or the crawler's
/// `标题: …`), not prose citing one: its span.
fn title_line(source: &str, start: usize, end: usize) -> Option<Span> {
    let line = source.get(start..end)?;
    let lead = line.len() - line.trim_start().len();
    let start = match line.trim_start().strip_prefix("标题:") {
        Some(_) => start + lead + "标题:".len(),
        None => start,
    };
    let text = source.get(start..end)?.trim();
    if !text.ends_with("报告") || !text.contains("信息公开") || text.chars().count() > 60 {
        return None;
    }
    read_title(source, start, end)
        .filter(|title| title.year.is_some())
        .map(|title| title.span)
}

/// A line that names only an issuing body: a short run of ideographs (brackets allowed), no
/// digits, punctuation or title words.
fn is_organ_line(line: &str) -> bool {
    let text = line.trim().trim_start_matches(is_heading_mark).trim();
    let chars = text.chars().count();
    (2..=30).contains(&chars)
        && !text.contains("信息公开")
        && !text.contains("报告")
        && text
            .chars()
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || matches!(c, '（' | '）' | '(' | ')'))
}

/// Markdown and list marks a converted title keeps before its text (`# 沭阳县人民政府…`).
fn is_heading_mark(c: char) -> bool {
    matches!(c, '#' | '*' | '>')
}

/// How many leading non-empty lines may hold the title.
const TITLE_SEARCH_LINES: usize = 5;

struct LineIter<'a> {
    source: &'a str,
    at: usize,
}

impl Iterator for LineIter<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.at >= self.source.len() {
            return None;
        }
        let start = self.at;
        let rest = self.source.get(start..)?;
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(self.source.len(), |at| start + at);
        self.at = end + 1;
        Some((start, end))
    }
}

/// Reads `{机关}{Y}年度?{机关}政府信息公开…报告` from `source[start..end]`; `None` when the text is
/// not a report title at all.
fn read_title(source: &str, start: usize, end: usize) -> Option<Title> {
    let mut raw = source.get(start..end)?;
    if raw.chars().nth(120).is_some() {
        // A one-line dump: the title runs into the body and ends at its first `报告`.
        let head_end = raw.char_indices().nth(120).map_or(raw.len(), |(at, _)| at);
        let cut = raw.get(..head_end)?.find("报告")? + "报告".len();
        raw = raw.get(..cut)?;
    }
    let unmarked = raw
        .trim_start()
        .trim_start_matches(is_heading_mark)
        .trim_start();
    let trimmed = unmarked
        .trim_end()
        .trim_end_matches(is_heading_mark)
        .trim_end();
    if trimmed.is_empty() {
        return None;
    }
    let lead = raw.len() - unmarked.len();
    let span_start = start + lead;
    let span = Span::from_range(span_start..span_start + trimmed.len());
    let folded = Folded::new(trimmed);
    let report_at = folded
        .text
        .find("信息公开")
        .or_else(|| folded.text.find("年度报告"))?;
    let year = find_year(&folded.text);
    // The organ as printed (whitespace dropped): folded `[from, to)` read back from the title.
    // `strip` drops the `政府`/`政务` that belongs to `政府信息公开`.
    let printed = |from: usize, to: usize, strip: bool| -> String {
        let to = to.max(from);
        let tail = folded.slice(from, to);
        let end = if strip && (tail.ends_with("政府") || tail.ends_with("政务")) {
            to - "政府".len()
        } else {
            to
        };
        folded
            .span(from, end.max(from))
            .slice(trimmed)
            .chars()
            .filter(|&c| crate::fold::fold_char(c).is_some() && !is_heading_mark(c))
            .collect()
    };
    let (year, year_span, organ) = match year {
        Some((at, value, after)) => {
            let mut organ = printed(0, at, false);
            organ.push_str(&printed(after, report_at, true));
            let year_span = folded.span(at, at + 4);
            let shifted = Span::new(
                year_span.start + span_start as u32,
                year_span.end + span_start as u32,
            );
            (Some(value), Some(shifted), organ)
        }
        None => (None, None, printed(0, report_at, true)),
    };
    let organ = organ
        .trim_end_matches(['"', '“', '”', '《', '<'])
        .to_owned();
    Some(Title {
        span,
        organ: (!organ.is_empty()).then_some(organ),
        year,
        year_span,
    })
}

/// The first `(19|20)\d\d` followed by `年` (optionally `年度`): (byte offset, year, end of 年/年度).
fn find_year(folded: &str) -> Option<(usize, u16, usize)> {
    let bytes = folded.as_bytes();
    let mut at = 0;
    while at + 4 <= bytes.len() {
        let window = bytes.get(at..at + 4)?;
        let preceded_by_digit = at > 0 && bytes.get(at - 1).is_some_and(u8::is_ascii_digit);
        if window.iter().all(u8::is_ascii_digit)
            && !preceded_by_digit
            && matches!(window.first(), Some(b'1' | b'2'))
        {
            let value = window
                .iter()
                .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'));
            let rest = folded.get(at + 4..).unwrap_or("");
            if (1900..2100).contains(&value) && rest.starts_with('年') {
                let after = at
                    + 4
                    + if rest.starts_with("年度") {
                        "年度".len()
                    } else {
                        "年".len()
                    };
                return Some((at, value, after));
            }
        }
        at += 1;
    }
    None
}

/// The 统计期限 sentence: `统计期限[^0-9]{0,6}Y年?1月?1日?(起)?(至|到)(Y年?)?12月?31日`, on the folded copy
/// (lost 年/月/日 glyphs tolerated).
pub(crate) fn period(folded: &Folded) -> Option<Period> {
    static ANCHOR: LazyLock<Needle> = LazyLock::new(|| Needle::new("统计期限"));
    let mut from = 0;
    while let Some(anchor) = folded.find(&ANCHOR, from, folded.len()) {
        from = anchor + "统计期限".len();
        if let Some(period) = read_period(folded, anchor) {
            return Some(period);
        }
    }
    None
}

fn read_period(folded: &Folded, anchor: usize) -> Option<Period> {
    let text = folded.text.get(anchor..)?;
    let mut cursor = Cursor {
        text,
        at: "统计期限".len(),
    };
    let mut skipped = 0;
    while cursor.peek().is_some_and(|c| !c.is_ascii_digit()) && skipped < 6 {
        cursor.bump();
        skipped += 1;
    }
    let start_year = cursor.year()?;
    cursor.eat('年');
    let whole_start = cursor.number_eq(1) && {
        cursor.eat('月');
        cursor.number_eq(1)
    };
    let mut end_year = None;
    let mut whole_end = false;
    if whole_start {
        cursor.eat('日');
        cursor.eat('起');
        if cursor.eat('至') || cursor.eat('到') {
            let save = cursor.at;
            end_year = cursor.year();
            if end_year.is_some() {
                cursor.eat('年');
            } else {
                cursor.at = save;
            }
            whole_end = cursor.number_eq(12) && {
                cursor.eat('月');
                cursor.number_eq(31) && cursor.eat('日')
            };
        }
    }
    let whole_year = whole_start && whole_end && end_year.is_none_or(|year| year == start_year);
    let end = if whole_year {
        anchor + cursor.at
    } else {
        anchor + cursor.at.max("统计期限".len())
    };
    Some(Period {
        span: folded.span(anchor, end),
        start_year,
        end_year,
        whole_year,
    })
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.at..)?.chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.at += c.len_utf8();
        }
    }

    fn eat(&mut self, expected: char) -> bool {
        if self.peek() == Some(expected) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn year(&mut self) -> Option<u16> {
        let digits = self.text.get(self.at..self.at + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_digit())
            || !(digits.starts_with("19") || digits.starts_with("20"))
        {
            return None;
        }
        self.at += 4;
        digits.parse().ok()
    }

    /// Eats `expected` written with an optional leading zero (`01`, `1`).
    fn number_eq(&mut self, expected: u8) -> bool {
        let save = self.at;
        self.eat('0');
        let written = expected.to_string();
        if self
            .text
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(&written))
        {
            self.at += written.len();
            return true;
        }
        self.at = save;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_with_spaces_around_year() {
        let source = "\n\n偃师区人民政府办公室 2024 年政府信息公开工作年度报告\n\n一、总体情况";
        let title = title(source).unwrap();
        assert_eq!(title.organ.as_deref(), Some("偃师区人民政府办公室"));
        assert_eq!(title.year, Some(2024));
        assert_eq!(title.year_span.unwrap().slice(source), "2024");
        assert_eq!(
            title.span.slice(source),
            "偃师区人民政府办公室 2024 年政府信息公开工作年度报告"
        );
    }

    #[test]
    fn wrapped_and_year_first_titles() {
        let source = "2025 年上海市黄浦区人民政府打浦桥街道政府信息\n公开工作年度报告\n正文";
        let title = title(source).unwrap();
        assert_eq!(title.year, Some(2025));
        assert_eq!(
            title.organ.as_deref(),
            Some("上海市黄浦区人民政府打浦桥街道")
        );
        let crawler = "标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n发布时间: 2022";
        let title = super::title(crawler).unwrap();
        assert_eq!(title.organ.as_deref(), Some("平潭综合实验区"));
        assert_eq!(title.year, Some(2021));
    }

    #[test]
    fn title_over_two_lines_with_the_body_first() {
        let source =
            "                洪泽区人民政府\n      2023 年政府信息公开工作年度报告\n\n   本报告由…";
        let title = title(source).unwrap();
        assert_eq!(title.organ.as_deref(), Some("洪泽区人民政府"));
        assert_eq!(title.year, Some(2023));
        assert_eq!(
            title.span.slice(source),
            "洪泽区人民政府\n      2023 年政府信息公开工作年度报告"
        );
        // A metadata line before a complete title is not its first half.
        let complete = "发布机构：某局\n某局2023年政府信息公开工作年度报告\n";
        assert_eq!(
            super::title(complete).unwrap().organ.as_deref(),
            Some("某局")
        );
        let breadcrumb = "政府信息公开年报\n2023年政府信息公开工作年度报告\n";
        assert_eq!(super::title(breadcrumb).unwrap().organ, None);
    }

    #[test]
    fn heading_marks_are_not_part_of_the_title() {
        let source = "# 沭阳县人民政府2023年政府信息公开工作年度报告\n\n## 一、总体情况";
        let title = title(source).unwrap();
        assert_eq!(title.organ.as_deref(), Some("沭阳县人民政府"));
        assert_eq!(
            title.span.slice(source),
            "沭阳县人民政府2023年政府信息公开工作年度报告"
        );
        let split = "#淮安市人民政府\n#2024 年政府信息公开工作年度报告\n";
        assert_eq!(
            super::title(split).unwrap().organ.as_deref(),
            Some("淮安市人民政府")
        );
    }

    #[test]
    fn title_after_page_metadata() {
        let source = "索引号：014314799/2024-00002\n发布日期：2024-01-17\n沭阳县发展和改革局2023年政府信息公开工作年度报告\n正文";
        let title = title(source).unwrap();
        assert_eq!(title.organ.as_deref(), Some("沭阳县发展和改革局"));
        assert_eq!(title.year, Some(2023));
        // Prose citing a report is not a title.
        let prose = "索引号：014314799/2024-00002\n根据《某市2023年政府信息公开工作年度报告编制要求》的通知，现将本单位工作情况报告如下，请审阅并提出意见和建议，谢谢大家的报告\n";
        assert!(super::title(prose).is_none_or(|title| title.year.is_none()));
    }

    #[test]
    fn organ_as_printed() {
        let source = "黄浦区人民政府打浦桥街道办事处（街道） 2022 年度政府信息公开工作年度报告";
        let title = title(source).unwrap();
        assert_eq!(
            title.organ.as_deref(),
            Some("黄浦区人民政府打浦桥街道办事处（街道）")
        );
        assert_eq!(title.year, Some(2022));
        let no_organ = super::title("2022年度 政府信息公开工作年度报告").unwrap();
        assert_eq!(no_organ.organ, None);
    }

    #[test]
    fn title_run_into_a_one_line_body() {
        let body = "本报告根据《条例》编制。".repeat(20);
        let source = format!("泗洪县人力资源和社会保障局 2021 年政府信息公开工作年度报告{body}");
        let title = title(&source).unwrap();
        assert_eq!(
            title.span.slice(&source),
            "泗洪县人力资源和社会保障局 2021 年政府信息公开工作年度报告"
        );
        assert_eq!(title.year, Some(2021));
        assert!(super::title(&"这是一段很长的正文。".repeat(30)).is_none());
    }

    #[test]
    fn periods() {
        let read = |text: &str| period(&Folded::new(text));
        let whole = read("本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。").unwrap();
        assert_eq!(
            (whole.start_year, whole.end_year, whole.whole_year),
            (2021, Some(2021), true)
        );
        let lost = read("所列数据统计期限为 2025  1  1  日至 2025  12  31  日。").unwrap();
        assert_eq!((lost.start_year, lost.whole_year), (2025, true));
        let short = read("统计期限为2022年1月1日至12月31日").unwrap();
        assert_eq!((short.end_year, short.whole_year), (None, true));
        let partial = read("统计期限为2022年3月1日至12月31日").unwrap();
        assert!(!partial.whole_year);
        assert!(read("本报告所列数据的统计期限自至。").is_none());
    }
}

//! Table cells from source text: separators, placeholders and numeric tokens.
//!
//! A value region (the text between a row label and the next label) is cut into slots at TAB,
//! `|`, runs of two or more spaces, line breaks, and single spaces between numbers. Blank slots
//! are kept where the separators show an empty cell, because a blank cell is not a zero.

use nianbao_model::{Placeholder, Value};
use nianbao_source::Span;
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::take_while_m_n,
    character::complete::{char as chr, digit1},
    combinator::{opt, recognize},
    multi::many0_count,
    sequence::preceded,
};

/// One cell candidate in a value region.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Slot {
    pub span: Span,
    pub value: Value,
    /// Unseparated decimal digits of length ≥ 2: the slot may hold several glued cells.
    pub glued: bool,
}

impl Slot {
    pub fn is_blank(&self) -> bool {
        matches!(self.value, Value::Blank)
    }

    pub fn is_value(&self) -> bool {
        !matches!(self.value, Value::Text)
    }
}

/// Cuts `source[start..end]` into slots, appending to `out`. The region is bounded by labels: the
/// partial cells at its two ends belong to them and are dropped when empty.
pub(crate) fn slots(source: &str, start: usize, end: usize, out: &mut Vec<Slot>) {
    let Some(region) = source.get(start..end) else {
        return;
    };
    let mut line_start = start;
    // Whether the last printed cell is still open: a lone `|` line then closes it (a separator
    // on its own line) instead of being a blank cell. The label's cell starts open.
    let mut open = true;
    let mut rest = region;
    let mut first = true;
    loop {
        let newline = memchr::memchr(b'\n', rest.as_bytes());
        let last = newline.is_none();
        let raw_line = rest.get(..newline.unwrap_or(rest.len())).unwrap_or("");
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let trimmed = trim(line);
        let is_pipe = trimmed == "|" || trimmed == "｜";
        if is_pipe && open {
            open = false;
        } else if !trimmed.is_empty() && !is_page_marker(trimmed) && !is_rule_line(trimmed) {
            scan_line(line, trimmed, line_start, first, last, out);
            open = !trimmed.ends_with(['|', '｜']);
        }
        let Some(newline) = newline else {
            break;
        };
        line_start += newline + 1;
        rest = rest.get(newline + 1..).unwrap_or("");
        first = false;
    }
}

/// [`str::trim`], with the ASCII whitespace around nearly every line and cell trimmed byte by
/// byte: only an end left on a non-ASCII character or a vertical tab (other Unicode whitespace)
/// takes the character-by-character trim.
pub(crate) fn trim(text: &str) -> &str {
    let trimmed = text.trim_ascii();
    let unusual = |byte: Option<&u8>| byte.is_some_and(|&byte| byte >= 0x80 || byte == 0x0B);
    let bytes = trimmed.as_bytes();
    if unusual(bytes.first()) || unusual(bytes.last()) {
        trimmed.trim()
    } else {
        trimmed
    }
}

/// The cell separators of `line` (`\t`, `|`, `｜`) with their byte offsets. A plain byte loop:
/// grid rows put a separator every few bytes, where a vector search pays its set-up per match.
fn separators(line: &str) -> Separators<'_> {
    Separators {
        bytes: line.as_bytes(),
        at: 0,
    }
}

struct Separators<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for Separators<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        while let Some(&byte) = self.bytes.get(self.at) {
            let at = self.at;
            self.at += 1;
            match byte {
                b'\t' => return Some((at, '\t')),
                b'|' => return Some((at, '|')),
                0xEF if self.bytes.get(at + 1..at + 3) == Some(&[0xBD, 0x9C]) => {
                    self.at += 2;
                    return Some((at, '｜'));
                }
                _ => {}
            }
        }
        None
    }
}

/// Whether `line` holds a bar, `|` or `｜` (EF BD 9C).
fn has_bar(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr(b'|', bytes).is_some()
        || memchr::memchr_iter(0xEF, bytes)
            .any(|at| bytes.get(at + 1..at + 3) == Some(&[0xBD, 0x9C]))
}

/// Cuts one line into slots; `trimmed` is the line trimmed, neither empty nor a page marker nor a
/// Markdown rule.
fn scan_line(line: &str, trimmed: &str, base: usize, first: bool, last: bool, out: &mut Vec<Slot>) {
    // A lone `|` line after a closed cell is a blank cell (one cell per line).
    if trimmed == "|" || trimmed == "｜" {
        let at = base + (line.len() - line.trim_start().len());
        out.push(blank(at));
        return;
    }
    if trimmed.chars().all(|c| c == '|' || c == '｜') {
        // Filler `||`, `|||`.
        return;
    }
    let piped = has_bar(line);
    let mut segment_start = 0;
    let mut before: Option<char> = None;
    let mut index = 0;
    for (offset, c) in separators(line) {
        let segment = Segment {
            from: segment_start,
            to: offset,
            before,
            after: Some(c),
            index,
        };
        scan_cell(line, base, segment, first, last, piped, out);
        before = Some(c);
        segment_start = offset + c.len_utf8();
        index += 1;
    }
    let segment = Segment {
        from: segment_start,
        to: line.len(),
        before,
        after: None,
        index,
    };
    scan_cell(line, base, segment, first, last, piped, out);
}

/// One stretch of a line between separators, with the separators that bound it.
#[derive(Clone, Copy)]
struct Segment {
    from: usize,
    to: usize,
    before: Option<char>,
    after: Option<char>,
    index: usize,
}

fn scan_cell(
    line: &str,
    base: usize,
    segment: Segment,
    first: bool,
    last: bool,
    piped: bool,
    out: &mut Vec<Slot>,
) {
    let text = line.get(segment.from..segment.to).unwrap_or("");
    // Most grid cells are a bare number: read it without the segment machinery.
    if let Some(value) = ascii_number(text) {
        let start = base + segment.from;
        out.push(Slot {
            span: Span::from_range(start..start + text.len()),
            value: Value::Number(value),
            glued: text.len() >= 2,
        });
        return;
    }
    if !trim(text).is_empty() {
        let grid_cell = segment.before.is_some() || segment.after.is_some();
        scan_segment(text, base + segment.from, grid_cell, out);
        return;
    }
    // The partial cells at the ends of a region belong to the neighbouring labels, and the outer
    // ends of a pipe row are not cells.
    let outer_first = segment.index == 0 && (first || piped);
    let outer_last = segment.after.is_none() && (last || piped);
    if outer_first || outer_last {
        return;
    }
    let between_pipes =
        segment.before.is_some_and(|c| c != '\t') && segment.after.is_some_and(|c| c != '\t');
    if piped && between_pipes && text.is_empty() {
        return;
    }
    out.push(blank(base + segment.from));
}

fn blank(at: usize) -> Slot {
    Slot {
        span: Span::from_range(at..at),
        value: Value::Blank,
        glued: false,
    }
}

/// Splits one cell's text into value slots: 2+ spaces always separate; a single space separates
/// only around numbers (`0 1 1 0`), not inside words (`结果 维持`). In a grid cell (bounded by
/// TABs or bars) words are never split from digits: `数据1`, `数据 1` are generic column headers
/// of converted tables, not numbers.
fn scan_segment(text: &str, base: usize, grid_cell: bool, out: &mut Vec<Slot>) {
    let mut part_start: Option<usize> = None;
    let mut spaces = 0usize;
    let mut space_start = 0usize;
    let mut offset = 0;
    let bytes = text.as_bytes();
    while offset < text.len() {
        // Layout text aligns its columns with runs of spaces: count them without classifying.
        if bytes.get(offset) == Some(&b' ') {
            let run = bytes.get(offset..).map_or(0, |rest| {
                rest.iter().take_while(|&&byte| byte == b' ').count()
            });
            if spaces == 0 {
                space_start = offset;
            }
            spaces += run;
            offset += run;
            continue;
        }
        let (width, whitespace) = char_class(text, offset);
        if let Some(weight) = whitespace {
            if spaces == 0 {
                space_start = offset;
            }
            spaces += weight;
            offset += width;
            continue;
        }
        if spaces >= 2
            && let Some(from) = part_start.take()
        {
            scan_part(text, from, space_start, base, grid_cell, out);
        }
        spaces = 0;
        if part_start.is_none() {
            part_start = Some(offset);
        }
        offset += width;
    }
    if let Some(from) = part_start {
        let end = if spaces > 0 { space_start } else { text.len() };
        scan_part(text, from, end, base, grid_cell, out);
    }
}

/// The width of the character at byte `at` of `text` and, when it is whitespace, its weight (a
/// space 1, other whitespace 2). Only the lead bytes of whitespace outside ASCII (U+0085, U+00A0,
/// U+1680, U+2000–U+205F, U+3000) are decoded; an ideograph is skipped by its lead byte.
fn char_class(text: &str, at: usize) -> (usize, Option<usize>) {
    let Some(&lead) = text.as_bytes().get(at) else {
        return (1, None);
    };
    match lead {
        b' ' => (1, Some(1)),
        b'\t'..=b'\r' => (1, Some(2)),
        0..=0x7F => (1, None),
        0xC2 | 0xE1..=0xE3 => match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) => (c.len_utf8(), c.is_whitespace().then_some(2)),
            None => (1, None),
        },
        0xC0..=0xDF => (2, None),
        0xE0..=0xEF => (3, None),
        _ => (4, None),
    }
}

fn scan_part(
    text: &str,
    from: usize,
    to: usize,
    base: usize,
    grid_cell: bool,
    out: &mut Vec<Slot>,
) {
    let part = text.get(from..to).unwrap_or("");
    // Most parts are a bare number (`1     0     0`): no grammar, no glue test.
    if let Some(value) = ascii_number(part) {
        out.push(Slot {
            span: Span::from_range(base + from..base + to),
            value: Value::Number(value),
            glued: part.len() >= 2,
        });
        return;
    }
    let glued = is_glued(part);
    if let Some(value) = classify(part).or_else(|| glued.then_some(Value::Text)) {
        out.push(Slot {
            span: Span::from_range(base + from..base + to),
            value,
            glued,
        });
        return;
    }
    if grid_cell && part.chars().any(|c| c >= '\u{4E00}') {
        out.push(Slot {
            span: Span::from_range(base + from..base + to),
            value: Value::Text,
            glued: false,
        });
        return;
    }
    scan_words(part, base + from, out);
}

fn scan_words(part: &str, base: usize, out: &mut Vec<Slot>) {
    let mut text_run: Option<(usize, usize)> = None;
    let mut offset = 0;
    for word in part.split(' ') {
        let from = offset;
        let to = offset + word.len();
        offset = to + 1;
        if word.is_empty() {
            continue;
        }
        let glued = is_glued(word);
        if let Some(value) = classify(word).or_else(|| glued.then_some(Value::Text)) {
            flush_text(base, &mut text_run, out);
            out.push(Slot {
                span: Span::from_range(base + from..base + to),
                value,
                glued,
            });
            continue;
        }
        // Text glued to a trailing run of digits (`…总计10203120001200000`).
        let digits_from = trailing_digits(word);
        if digits_from > 0 && digits_from < word.len() {
            let run = text_run.map_or(from, |(start, _)| start);
            text_run = Some((run, from + digits_from));
            flush_text(base, &mut text_run, out);
            let digits = word.get(digits_from..).unwrap_or("");
            if let Some(value) =
                classify(digits).or_else(|| is_glued(digits).then_some(Value::Text))
            {
                out.push(Slot {
                    span: Span::from_range(base + from + digits_from..base + to),
                    value,
                    glued: is_glued(digits),
                });
            }
            continue;
        }
        text_run = Some((text_run.map_or(from, |(start, _)| start), to));
    }
    flush_text(base, &mut text_run, out);
}

fn flush_text(base: usize, run: &mut Option<(usize, usize)>, out: &mut Vec<Slot>) {
    if let Some((from, to)) = run.take() {
        out.push(Slot {
            span: Span::from_range(base + from..base + to),
            value: Value::Text,
            glued: false,
        });
    }
}

/// Byte offset where a word's trailing digits start (the word length when there are none).
fn trailing_digits(word: &str) -> usize {
    let mut start = word.len();
    for (offset, c) in word.char_indices().rev() {
        if digit(c).is_some() {
            start = offset;
        } else {
            // `3.5` or `12,077` are not a label followed by digits.
            if matches!(c, '.' | ',' | '．' | '，') {
                return word.len();
            }
            break;
        }
    }
    start
}

/// The value of decimal digit `c`, ASCII or full-width.
pub(crate) fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

fn is_glued(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| digit(c).is_some())
        && chars.next().is_some_and(|c| digit(c).is_some())
        && chars.all(|c| digit(c).is_some())
}

/// A page number a PDF prints in its footer or header, alone on its line (trimmed): `-1-`,
/// `— 4 —`, `- 4 -`, `第 2 页`, `第2页 共5页`. It is not part of any table or paragraph.
pub(crate) fn is_page_marker(line: &str) -> bool {
    const DASHES: [char; 4] = ['—', '-', '－', '–'];
    let line = trim(line);
    // Nearly every line fails on its first byte: `-`, or the lead byte of `—`/`–` (E2),
    // `－` (EF) or `第` (E7).
    if !matches!(line.as_bytes().first(), Some(b'-' | 0xE2 | 0xEF | 0xE7))
        || (!line.starts_with(DASHES) && !line.starts_with('第'))
    {
        return false;
    }
    let digits = |text: &str| {
        let text = text.trim();
        !text.is_empty() && text.chars().all(|c| digit(c).is_some())
    };
    if line.starts_with(DASHES) && line.ends_with(DASHES) {
        let inner = line.trim_start_matches(DASHES).trim_end_matches(DASHES);
        return inner.len() < line.len() && digits(inner);
    }
    let Some(rest) = line.strip_prefix('第') else {
        return false;
    };
    let Some((page, rest)) = rest.split_once('页') else {
        return false;
    };
    let rest = rest.trim();
    digits(page)
        && (rest.is_empty()
            || rest
                .strip_prefix('共')
                .and_then(|rest| rest.strip_suffix('页'))
                .is_some_and(digits))
}

fn is_rule_line(line: &str) -> bool {
    // Every character must be one of `|-: `, the first one included (checked first: nearly every
    // line fails there).
    matches!(line.as_bytes().first(), Some(b'|' | b'-' | b':'))
        && line.contains('-')
        && line.contains('|')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Plain ASCII digits, most cells: read without the grammar. Eighteen digits always fit an i64;
/// longer runs take the checked path.
fn ascii_number(word: &str) -> Option<i64> {
    ((1..=18).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())).then(|| {
        word.bytes()
            .fold(0i64, |value, b| value * 10 + i64::from(b - b'0'))
    })
}

/// Reads one cell text; `None` means it is not a value (text).
pub(crate) fn classify(word: &str) -> Option<Value> {
    if let Some(value) = ascii_number(word) {
        return Some(Value::Number(value));
    }
    // The placeholders are six bytes at most (`——`): longer words skip the comparisons.
    if word.len() <= 6 {
        match word {
            "/" | "／" | "\\" => return Some(Value::Placeholder(Placeholder::Slash)),
            "—" | "——" | "-" | "－" | "–" | "--" | "―" => {
                return Some(Value::Placeholder(Placeholder::Dash));
            }
            "无" => return Some(Value::Placeholder(Placeholder::None)),
            _ => {}
        }
    }
    // Most words of a value region are label or header text: reject them before folding.
    let first = word.chars().next()?;
    if digit(first).is_none() && !matches!(first, '+' | '-' | '增' | '减' | '＋' | '－') {
        return None;
    }
    let ascii = AsciiDigits::new(word)?;
    let folded = ascii.as_str();
    match number(folded) {
        Ok((rest, value)) if rest.is_empty() || is_annotation(rest) => Some(value),
        _ => None,
    }
}

fn is_annotation(rest: &str) -> bool {
    (rest.starts_with('(') && rest.ends_with(')'))
        || matches!(
            rest,
            "件" | "条" | "个" | "项" | "元" | "万元" | "次" | "人次"
        )
}

/// A number: optional sign (`+ - 增 减`), digits with optional `,` thousands groups, optional
/// decimals.
fn number(input: &str) -> IResult<&str, Value> {
    let (rest, sign) = opt(alt((chr('+'), chr('-'), chr('增'), chr('减')))).parse(input)?;
    let (rest, integer) = recognize((
        digit1,
        many0_count(preceded(
            chr(','),
            take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        )),
    ))
    .parse(rest)?;
    let (rest, fraction) = opt(preceded(chr('.'), digit1)).parse(rest)?;
    let negative = matches!(sign, Some('-' | '减'));
    let mut value: i64 = 0;
    for digit in integer.bytes().filter(u8::is_ascii_digit) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(digit - b'0')))
            .ok_or_else(|| fail(input))?;
    }
    let value = match fraction {
        Some(fraction) => {
            let mut buffer = [0u8; 64];
            let decimal = decimal_text(&mut buffer, integer, fraction)
                .and_then(|text| text.parse::<f64>().ok())
                .ok_or_else(|| fail(input))?;
            Value::Decimal(if negative { -decimal } else { decimal })
        }
        None => Value::Number(if negative { -value } else { value }),
    };
    Ok((rest, value))
}

/// `integer.fraction` without thousands separators, on the stack.
fn decimal_text<'b>(buffer: &'b mut [u8; 64], integer: &str, fraction: &str) -> Option<&'b str> {
    let mut len = 0;
    for byte in integer
        .bytes()
        .filter(u8::is_ascii_digit)
        .chain([b'.'])
        .chain(fraction.bytes())
    {
        *buffer.get_mut(len)? = byte;
        len += 1;
    }
    std::str::from_utf8(buffer.get(..len)?).ok()
}

fn fail(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify))
}

/// A cell text with full-width digits and signs folded to ASCII, on the stack for short cells.
struct AsciiDigits {
    buffer: [u8; 64],
    len: usize,
}

impl AsciiDigits {
    fn new(word: &str) -> Option<Self> {
        let mut buffer = [0u8; 64];
        let mut len = 0;
        for c in word.chars() {
            let folded = match c {
                '０'..='９' => char::from(b'0' + digit(c)?),
                '，' => ',',
                '．' => '.',
                '（' => '(',
                '）' => ')',
                '＋' => '+',
                '－' => '-',
                c => c,
            };
            let mut encoded = [0u8; 4];
            let bytes = folded.encode_utf8(&mut encoded).as_bytes();
            let target = buffer.get_mut(len..len + bytes.len())?;
            target.copy_from_slice(bytes);
            len += bytes.len();
        }
        Some(Self { buffer, len })
    }

    fn as_str(&self) -> &str {
        self.buffer
            .get(..self.len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<Value> {
        let mut out = Vec::new();
        slots(text, 0, text.len(), &mut out);
        out.iter().map(|slot| slot.value).collect()
    }

    #[test]
    fn classifies_cells() {
        assert_eq!(classify("12,077"), Some(Value::Number(12077)));
        assert_eq!(classify("８１"), Some(Value::Number(81)));
        assert_eq!(classify("22（其中修订 16 件）"), Some(Value::Number(22)));
        assert_eq!(classify("减4"), Some(Value::Number(-4)));
        assert_eq!(classify("9116.36"), Some(Value::Decimal(9116.36)));
        assert_eq!(classify("——"), Some(Value::Placeholder(Placeholder::Dash)));
        assert_eq!(classify("结果"), None);
        assert_eq!(classify("1,2"), None);
        assert_eq!(classify("99999999999999999999"), None);
    }

    #[test]
    fn keeps_blank_cells_shown_by_separators() {
        use Value::{Blank, Number};
        assert_eq!(values("⇥".replace('⇥', "\t").as_str()), Vec::<Value>::new());
        assert_eq!(
            values("\t\t81\t0\t\n"),
            [Blank, Number(81), Number(0), Blank]
        );
        assert_eq!(
            values(" | 0 | | | 0 |"),
            [Number(0), Blank, Blank, Number(0)]
        );
        assert_eq!(values(" |\n|\n|\n0 |\n||\n"), [Blank, Blank, Number(0)]);
        // Separators on lines of their own: `规范性文件` / `|` / `0` / `|` …
        assert_eq!(
            values("\n|\n0\n|\n8\n|\n18\n|\n"),
            [Number(0), Number(8), Number(18)]
        );
        assert_eq!(
            values(" 0 1  2\n— 4 —\n3"),
            [Number(0), Number(1), Number(2), Number(3)]
        );
        assert_eq!(values("|---|---|\n| 3 | 0 |"), [Number(3), Number(0)]);
    }

    #[test]
    fn trim_agrees_with_str_trim() {
        let pieces = [
            "", " ", "\t", "\u{b}", "\u{c}", "\r\n", "\u{3000}", "\u{a0}", "\u{85}", "a", "数",
            "|", "\u{1c}",
        ];
        for left in pieces {
            for middle in ["", "0", "数 据", " \u{3000} "] {
                for right in pieces {
                    let text = format!("{left}{middle}{right}");
                    assert_eq!(trim(&text), text.trim(), "{text:?}");
                }
            }
        }
        for text in [
            "a\u{3000}b",
            "a\u{85}b\u{a0}",
            "\u{2028}\u{205f}x\u{1680}",
            "é ü\t数\u{b}🙂",
        ] {
            let mut at = 0;
            for (offset, c) in text.char_indices() {
                assert_eq!(offset, at);
                let (width, weight) = char_class(text, at);
                assert_eq!(width, c.len_utf8(), "{c:?}");
                assert_eq!(weight.is_some(), c.is_whitespace(), "{c:?}");
                at += width;
            }
        }
        assert!(has_bar("a | b") && has_bar("a｜b") && !has_bar("a－b ｛｝"));
    }

    #[test]
    fn page_markers() {
        for marker in [
            "-1-",
            "— 4 —",
            "- 12 -",
            "  －3－ ",
            "第 2 页",
            "第2页 共5页",
            "\u{c}-5-",
        ] {
            assert!(is_page_marker(marker), "{marker:?}");
        }
        for text in ["-", "—— ——", "第二页", "0517-87222589", "-1", "第 2 页内容"] {
            assert!(!is_page_marker(text), "{text:?}");
        }
    }

    #[test]
    fn generic_headers_of_converted_tables_are_text() {
        use Value::{Number, Text};
        assert_eq!(
            values("\n| 数据1 | 数据 2 | 数据3 |\n|---|---|---|\n| 21 | 0 | 21 |\n"),
            [Text, Text, Text, Number(21), Number(0), Number(21)]
        );
    }

    #[test]
    fn splits_text_from_trailing_digits() {
        let text = "结果 维持总计10203";
        let mut out = Vec::new();
        slots(text, 0, text.len(), &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].value, Value::Text);
        assert_eq!(out[1].span.slice(text), "10203");
        assert!(out[1].glued);
    }
}

//! Logical lines: the physical lines of an extraction rejoined where a table row was wrapped
//! around its numbers, with a map back to the text the user opened.
//!
//! PDF text (`pdftotext -layout`) wraps a long row label over two or three lines and prints the
//! numbers on the middle one:
//!
//! ```text
//! 1.申请人无正当理由逾期不补正、
//! 行政机关不再处理其政府信息公      3    0   0   0   0   0   3
//! 开申请
//! ```
//!
//! The label's tail (`开申请`) then follows its numbers, and no label search sees the label
//! whole. This pass moves such a tail before the numbers of its line, so the grammar reads one
//! logical row; the [`SourceMap`] takes every span back to the original. The other joins happen
//! where they are read, without a copy: labels broken over lines compare equal in the folded
//! copy (`fold`), page markers and form feeds are skipped by the cell scanner and end a
//! paragraph, titles over two lines are joined by `title`, and a table header repeated after a
//! page break is text after a complete row. The pass runs only when reading the physical lines
//! left a row unread or a label matched only as a near miss ([`may_need`]); text that reads as
//! it is costs nothing more.

use crate::Parsed;
use crate::fold::{fold_char, fold_str};
use crate::scan::classify;
use nianbao_model::LabelMatch;
use nianbao_model::template::{TABLE2_2019, TABLE2_2021, TABLE3_ROWS};
use nianbao_source::{MapWriter, SourceMap};
use std::sync::LazyLock;

/// The rewritten text and the way back.
pub(crate) struct Logical {
    pub text: String,
    pub map: SourceMap,
}

/// A label tail to move: the row line's numbers `values` (with the whitespace before them) go
/// after the tail lines' text.
#[derive(Clone, Copy, Debug)]
struct Move {
    /// Where the row line ends (its line break, or the end of the text).
    line_end: usize,
    /// Where the separator before the trailing numbers starts.
    values: usize,
    /// The tail lines (the first starts after the row line's break), each trimmed.
    tails: [(usize, usize); MAX_TAIL_LINES],
    tail_count: usize,
    /// Where reading resumes: the start of the line after the last tail line.
    resume: usize,
}

const MAX_TAIL_LINES: usize = 4;
/// A tail line is a short piece of a label.
const MAX_TAIL_CHARS: usize = 24;
/// A wrapped row prints at least this many numbers (Table 3 rows 7, fewer where PDF text lost
/// its blank cells).
const MIN_VALUES: usize = 2;
/// Blank lines a layout may leave between a row's numbers and its label's tail.
const MAX_BLANK_LINES: usize = 2;

/// Folded row labels a wrapped tail may end: Table 3 rows, Table 2 rows of both formats.
static LABELS: LazyLock<Vec<String>> = LazyLock::new(|| {
    TABLE3_ROWS
        .iter()
        .map(|row| row.label)
        .chain(TABLE2_2021.iter().map(|row| row.label))
        .chain(TABLE2_2019.iter().map(|row| row.label))
        .map(fold_str)
        .filter(|label| label.chars().count() >= 6)
        .collect()
});

/// Whether a parse of the physical lines shows what a label broken around its numbers leaves
/// behind: a row not found or with the wrong number of values, a table not read, or a label
/// read only as a near miss (digits inside it).
pub(crate) fn may_need(parsed: &Parsed) -> bool {
    let doubt = parsed.diagnostics.iter().any(|diagnostic| {
        matches!(
            diagnostic.code.as_ref(),
            "PA002" | "PA003" | "PA009" | "PA011"
        )
    });
    let near_miss = |matched: LabelMatch| matched == LabelMatch::Variant;
    doubt
        || parsed.report.table3.as_ref().is_some_and(|table| {
            table
                .present_rows()
                .any(|(_, row)| near_miss(row.label.matched))
        })
        || parsed
            .report
            .table2
            .as_ref()
            .is_some_and(|table| table.rows.iter().any(|row| near_miss(row.label.matched)))
}

/// The logical text of `source`, or `None` when it reads as it is.
pub(crate) fn logical_lines(source: &str) -> Option<Logical> {
    let mut moves: Vec<Move> = Vec::new();
    let bytes = source.as_bytes();
    let mut at = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        if end < at {
            // Inside tail lines already moved.
            continue;
        }
        let start = at;
        at = end + 1;
        // Only a line ending in a digit can hold a row's numbers: decided on its last bytes.
        let line = bytes.get(start..end).unwrap_or(&[]);
        let last = line.iter().rposition(|b| !b.is_ascii_whitespace());
        let ends_in_digit = last.is_some_and(|last| {
            line.get(last).is_some_and(u8::is_ascii_digit)
                || (last >= 2 && line.get(last - 2..last) == Some(&[0xEF, 0xBC][..]))
        });
        if !ends_in_digit {
            continue;
        }
        if let Some(found) = tail_move(source, start, end) {
            at = found.resume;
            moves.push(found);
        }
    }
    if moves.is_empty() {
        return None;
    }
    let mut writer = MapWriter::default();
    let mut copied = 0;
    for found in &moves {
        let line_end = found.line_end;
        writer.copy(source, copied..found.values);
        for &(from, to) in found.tails.iter().take(found.tail_count) {
            writer.copy(source, from..to);
        }
        writer.copy(source, found.values..line_end);
        // The row line's own break ends the logical line; the tail lines' breaks are gone.
        writer.copy(source, line_end..(line_end + 1).min(source.len()));
        copied = found.resume;
    }
    writer.copy(source, copied..source.len());
    let (text, map) = writer.into_parts();
    Some(Logical { text, map })
}

fn line_end(source: &str, from: usize) -> usize {
    source
        .get(from..)
        .and_then(|rest| memchr::memchr(b'\n', rest.as_bytes()))
        .map_or(source.len(), |at| from + at)
}

/// A row line `[start, end)` whose trailing numbers are followed by the tail of its label.
fn tail_move(source: &str, start: usize, end: usize) -> Option<Move> {
    let line = source.get(start..end)?;
    // Cheap rejections first: nearly every line fails one of these.
    let content = line.trim_end();
    if !content.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    // What follows must be a short line of text: nearly every row is followed by another row.
    if !next_text_line(source, end + 1).is_some_and(is_tail_text) {
        return None;
    }
    let values = trailing_values(content)?;
    let label_part = content.get(..values)?.trim();
    if label_part.is_empty() || !label_part.chars().any(|c| c >= '\u{4E00}') {
        return None;
    }
    let mut tails = [(0, 0); MAX_TAIL_LINES];
    let mut tail_count = 0;
    let mut folded_tail = String::new();
    let label_end: String = label_part.chars().filter_map(fold_char).collect();
    let mut next = end + 1;
    let mut found: Option<(usize, usize)> = None;
    while tail_count < MAX_TAIL_LINES && next < source.len() {
        // Blank lines around the tail (tall rows of a layout-preserving PDF text).
        for _ in 0..MAX_BLANK_LINES {
            let next_end = line_end(source, next);
            if next >= source.len() || !source.get(next..next_end)?.trim().is_empty() {
                break;
            }
            next = next_end + 1;
        }
        let next_end = line_end(source, next);
        let text = source.get(next..next_end)?;
        let trimmed = text.trim();
        if !is_tail_text(trimmed) {
            break;
        }
        let lead = text.len() - text.trim_start().len();
        let from = next + lead;
        let piece = (from, from + trimmed.len());
        if let Some(slot) = tails.get_mut(tail_count) {
            *slot = piece;
        }
        tail_count += 1;
        folded_tail.extend(trimmed.chars().filter_map(fold_char));
        next = next_end + 1;
        if ends_a_label(&label_end, &folded_tail) {
            found = Some((tail_count, next));
        }
    }
    let (tail_count, resume) = found?;
    Some(Move {
        line_end: end,
        values: start + values_separator(line, values),
        tails,
        tail_count,
        resume: resume.min(source.len()),
    })
}

/// The first non-blank line from byte `from`, past at most [`MAX_BLANK_LINES`] blank ones,
/// trimmed.
fn next_text_line(source: &str, mut from: usize) -> Option<&str> {
    for _ in 0..=MAX_BLANK_LINES {
        if from >= source.len() {
            return None;
        }
        let end = line_end(source, from);
        let line = source.get(from..end)?.trim();
        if !line.is_empty() {
            return Some(line);
        }
        from = end + 1;
    }
    None
}

/// Byte offset in `content` where its trailing run of at least [`MIN_VALUES`] numbers starts.
fn trailing_values(content: &str) -> Option<usize> {
    let mut count = 0;
    let mut start = content.len();
    for (offset, word) in words_from_end(content) {
        if classify(word).is_none() {
            break;
        }
        count += 1;
        start = offset;
    }
    (count >= MIN_VALUES).then_some(start)
}

/// The whitespace-separated words of `text`, last first, with their byte offsets.
fn words_from_end(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = text.len();
    std::iter::from_fn(move || {
        let head = text.get(..end)?.trim_end();
        if head.is_empty() {
            return None;
        }
        let start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(at, c)| at + c.len_utf8());
        end = start;
        head.get(start..).map(|word| (start, word))
    })
}

/// Where the whitespace before the values at `values` starts, within `line`.
fn values_separator(line: &str, values: usize) -> usize {
    line.get(..values)
        .map_or(values, |head| head.trim_end().len())
}

/// A line that can be a piece of a label: short, no digits, not a numbered item of its own.
fn is_tail_text(trimmed: &str) -> bool {
    // Bytes first: a row of numbers or a grid line is rejected without decoding.
    if trimmed.is_empty()
        || trimmed.len() > MAX_TAIL_CHARS * 3
        || trimmed
            .bytes()
            .any(|b| b.is_ascii_digit() || b == b'\t' || b == b'|')
    {
        return false;
    }
    trimmed.chars().count() <= MAX_TAIL_CHARS
        && !trimmed.chars().any(|c| ('０'..='９').contains(&c))
        && !starts_numbered(trimmed)
}

/// `（三）…`, `(三)…`, `三、…`: the start of an item, never a continuation.
fn starts_numbered(text: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut chars = text.chars();
    match chars.next() {
        Some('（' | '(') => chars.next().is_some_and(|c| NUMERALS.contains(c)),
        Some(c) if NUMERALS.contains(c) => chars.next() == Some('、'),
        _ => false,
    }
}

/// Whether `tail` (folded) ends a template row label whose text before it ends with `head`
/// (the folded label text on the row line): a proper suffix of two characters or more, or a
/// single character when the head's last three characters lead up to it (`执法案` + `卷`).
fn ends_a_label(head: &str, tail: &str) -> bool {
    let lead: String = {
        let chars: Vec<char> = head.chars().collect();
        let from = chars.len().saturating_sub(3);
        chars.get(from..).unwrap_or(&[]).iter().collect()
    };
    let joined = format!("{lead}{tail}");
    let long_enough = tail.chars().nth(1).is_some();
    LABELS.iter().any(|label| {
        label.len() > tail.len()
            && label.ends_with(tail)
            && (long_enough || label.ends_with(joined.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_source::Span;

    #[test]
    fn plain_text_is_not_copied() {
        assert!(
            logical_lines("一、本年新收政府信息公开申请数量\t81\t0\t81\n二、上年结转").is_none()
        );
        // A label broken over lines before its numbers reads as it is (the fold joins it).
        let wrapped =
            "（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）\n  4  0  0  0  0  0  4\n";
        assert!(logical_lines(wrapped).is_none());
        // A numbered item after a row is the next row, not a tail.
        assert!(
            logical_lines("1.属于国家秘密  1 0 0 0 0 0 1\n2.其他法律行政法规禁止公开\n").is_none()
        );
    }

    #[test]
    fn a_label_tail_after_the_numbers_moves_before_them() {
        let source = "（六）其他处理\n  1.申请人无正当理由逾期不补正、\n  行政机关不再处理其政府信息公     3    0   0   0   0   0   3\n  开申请\n  2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请  0 0 0 0 0 0 0\n";
        let logical = logical_lines(source).unwrap();
        assert!(
            logical.text.contains(
                "行政机关不再处理其政府信息公开申请     3    0   0   0   0   0   3\n  2.申请人"
            ),
            "{}",
            logical.text
        );
        // The numbers map back to themselves, the moved tail to its own line.
        let three = logical.text.find("3    0").unwrap() as u32;
        let span = logical.map.to_original(Span::new(three, three + 1));
        assert_eq!(span.slice(source), "3");
        assert_eq!(source[..span.start as usize].lines().count(), 3);
        let tail = logical.text.find("开申请").unwrap() as u32;
        let span = logical.map.to_original(Span::new(tail, tail + 9));
        assert_eq!(span.slice(source), "开申请");
    }

    #[test]
    fn a_tail_after_blank_lines_moves_too() {
        let source = "             2. 其 他 法 律 行 政 法   0                              0\n\n             规禁止公开\n\n             3.危及“三安全一稳         0         0\n";
        let logical = logical_lines(source).unwrap();
        assert!(
            logical
                .text
                .starts_with("             2. 其 他 法 律 行 政 法规禁止公开   0"),
            "{}",
            logical.text
        );
    }

    #[test]
    fn narrative_lines_ending_in_numbers_stay() {
        let source = "全年共受理申请 5 件，办结 3 4 5\n总计\n";
        assert!(logical_lines(source).is_none());
    }
}

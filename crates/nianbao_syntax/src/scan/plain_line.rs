//! Lines of plain cells: bare ASCII numbers between spaces, TABs and bars (nearly every row of a
//! grid or of a layout aligned with spaces), and grid cells of one word or phrase of ideographs
//! (the headers). They are cut here in one pass over the bytes, to exactly the slots the segment
//! and word rules make of them: every run of digits is a number (glued from two digits on), a
//! grid cell starting with an ideograph is one text, and a segment of spaces is a blank cell
//! unless it is an outer end of the line or an empty stretch between two bars. Any other line
//! is left to those rules.

use super::spaced_line::scan_spaced_line;
use super::{Slot, blank};
use nianbao_model::Value;
use nianbao_source::Span;
use std::cell::OnceCell;

/// The longest run of digits read here: longer runs take the checked path of the grammar.
const MAX_DIGITS: usize = 18;

/// Cuts `line` (starting at source byte `base`) into `out` when it is a line of plain cells;
/// `false`, with `out` as it was, otherwise. `first` and `last` say whether the line opens or
/// closes the region, as for the segment rules.
pub(super) fn scan_plain_line(
    line: &str,
    base: usize,
    first: bool,
    last: bool,
    out: &mut Vec<Slot>,
) -> bool {
    let bytes = line.as_bytes();
    // Layout text starting with an ideograph, without separators: its parts are cut apart.
    let lead = bytes.iter().find(|&&byte| byte != b' ');
    if lead.is_some_and(|byte| (0xE4..=0xE9).contains(byte))
        && memchr::memchr2(b'\t', b'|', bytes).is_none()
    {
        return scan_spaced_line(line, base, out);
    }
    let cut = Cut {
        bytes,
        base,
        first,
        last,
        piped: OnceCell::new(),
    };
    let mark = out.len();
    if cut.line(out) {
        return true;
    }
    out.truncate(mark);
    false
}

/// One line being cut.
struct Cut<'a> {
    bytes: &'a [u8],
    base: usize,
    first: bool,
    last: bool,
    /// Whether the line holds a bar: asked only of a blank cell at an end or between bars.
    piped: OnceCell<bool>,
}

/// One stretch of the line between separators (`\t`, `|`), with the separators around it.
#[derive(Clone, Copy)]
struct Segment {
    from: usize,
    before: Option<u8>,
    index: usize,
}

/// What a segment's bytes were, read up to the separator that ends it.
struct Read {
    /// Where the separator (or the line end) is.
    to: usize,
    /// Whether the segment printed a number or text (otherwise it is spaces).
    printed: bool,
}

impl Cut<'_> {
    /// Cuts every segment; `false` at the first that is not plain, or when no segment prints
    /// anything (a filler line of bars is no cells at all).
    fn line(&self, out: &mut Vec<Slot>) -> bool {
        let mut printed = false;
        let mut segment = Segment {
            from: 0,
            before: None,
            index: 0,
        };
        loop {
            let Some(read) = self.segment(segment, out) else {
                return false;
            };
            printed |= read.printed;
            let Some(&separator) = self.bytes.get(read.to) else {
                return printed;
            };
            segment = Segment {
                from: read.to + 1,
                before: Some(separator),
                index: segment.index + 1,
            };
        }
    }

    fn piped(&self) -> bool {
        *self
            .piped
            .get_or_init(|| memchr::memchr(b'|', self.bytes).is_some())
    }

    /// Cuts one segment, decided by its first byte after spaces; `None` when it is not plain.
    fn segment(&self, segment: Segment, out: &mut Vec<Slot>) -> Option<Read> {
        let spaces = self.bytes.get(segment.from..).map_or(0, |rest| {
            rest.iter().take_while(|&&byte| byte == b' ').count()
        });
        let at = segment.from + spaces;
        match self.bytes.get(at) {
            None | Some(b'\t' | b'|') => {
                self.blank(segment, at, out);
                Some(Read {
                    to: at,
                    printed: false,
                })
            }
            Some(byte) if byte.is_ascii_digit() => {
                let to = self.numbers(at, out)?;
                Some(Read { to, printed: true })
            }
            Some(0xEF) => {
                let to = self.wide_number(at, out)?;
                Some(Read { to, printed: true })
            }
            Some(0xE4..=0xE9) => {
                let (end, to) = self.phrase(at)?;
                // A phrase is one text only in a grid cell; outside one its words are cut apart.
                if segment.before.is_none() && to == self.bytes.len() {
                    return None;
                }
                out.push(Slot {
                    span: Span::from_range(self.base + at..self.base + end),
                    value: Value::Text,
                    glued: false,
                });
                Some(Read { to, printed: true })
            }
            Some(_) => None,
        }
    }

    /// A segment of spaces ending at separator byte `to`: a blank cell, except the partial cells
    /// at the region's ends, the outer ends of a pipe row, and an empty stretch between two bars.
    fn blank(&self, segment: Segment, to: usize, out: &mut Vec<Slot>) {
        let after = self.bytes.get(to).copied();
        let outer_first = segment.index == 0 && (self.first || self.piped());
        let outer_last = after.is_none() && (self.last || self.piped());
        if outer_first || outer_last {
            return;
        }
        let bar = |separator: Option<u8>| separator.is_some_and(|byte| byte != b'\t');
        if bar(segment.before) && bar(after) && segment.from == to && self.piped() {
            return;
        }
        out.push(blank(self.base + segment.from));
    }

    /// Digits and spaces from byte `at` (a digit) to a separator: every run of digits a number.
    /// The separator's offset; `None` at any other byte or a run too long.
    fn numbers(&self, at: usize, out: &mut Vec<Slot>) -> Option<usize> {
        let mut offset = at;
        loop {
            let mut value = 0i64;
            let mut digits = 0;
            for &byte in self.bytes.get(offset..).unwrap_or(&[]) {
                if !byte.is_ascii_digit() {
                    break;
                }
                digits += 1;
                if digits > MAX_DIGITS {
                    return None;
                }
                value = value * 10 + i64::from(byte - b'0');
            }
            if digits > 0 {
                out.push(number(
                    self.base + offset,
                    self.base + offset + digits,
                    value,
                    digits,
                ));
                offset += digits;
            }
            match self.bytes.get(offset) {
                None | Some(b'\t' | b'|') => return Some(offset),
                Some(b' ') => offset += 1,
                Some(_) => return None,
            }
        }
    }

    /// One number of full-width digits (`０`–`９`, EF BC 90–99, ASCII ones mixed in) from byte
    /// `at` to the spaces before a separator: the number the word rules read. Two runs in one
    /// segment are left to those rules (in a grid cell they are one text: full-width digits are
    /// characters past U+4E00 to them).
    fn wide_number(&self, at: usize, out: &mut Vec<Slot>) -> Option<usize> {
        let rest = self.bytes.get(at..)?;
        let mut value = 0i64;
        let mut digits = 0;
        let mut used = 0;
        loop {
            let digit = match rest.get(used..) {
                Some([byte @ b'0'..=b'9', ..]) => {
                    used += 1;
                    byte - b'0'
                }
                Some([0xEF, 0xBC, third @ 0x90..=0x99, ..]) => {
                    used += 3;
                    third - 0x90
                }
                _ => break,
            };
            digits += 1;
            if digits > MAX_DIGITS {
                return None;
            }
            value = value * 10 + i64::from(digit);
        }
        if digits == 0 {
            return None;
        }
        let spaces = rest.get(used..).map_or(0, |tail| {
            tail.iter().take_while(|&&byte| byte == b' ').count()
        });
        let to = at + used + spaces;
        if !matches!(self.bytes.get(to), None | Some(b'\t' | b'|')) {
            return None;
        }
        out.push(number(self.base + at, self.base + at + used, value, digits));
        Some(to)
    }

    /// A phrase from byte `at` (a lead byte of an ideograph) to a separator: `(end of its last
    /// word, separator offset)`. `None` unless it starts with a CJK ideograph that is no sign
    /// (`增`, `减`) nor the placeholder `无` and holds no whitespace but single spaces; bytes that
    /// may start other whitespace (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) or a
    /// full-width bar send the line to the general rules.
    fn phrase(&self, at: usize) -> Option<(usize, usize)> {
        let first = self
            .bytes
            .get(at..at + 3)
            .and_then(|lead| std::str::from_utf8(lead).ok())
            .and_then(|lead| lead.chars().next())?;
        if !('\u{4E00}'..='\u{9FFF}').contains(&first) || matches!(first, '增' | '减' | '无') {
            return None;
        }
        let mut end = at;
        let mut offset = at;
        loop {
            // Ideographs and ASCII text need no look: skip to the next byte that does.
            let rest = self.bytes.get(offset..).unwrap_or(&[]);
            if rest.is_empty() {
                return Some((end, offset));
            }
            let Some(skip) = rest
                .iter()
                .position(|&byte| PHRASE_STOPS[usize::from(byte)])
            else {
                return Some((self.bytes.len(), self.bytes.len()));
            };
            if skip > 0 {
                offset += skip;
                end = offset;
            }
            let (byte, next, third) = match rest.get(skip..skip + 3) {
                Some(&[byte, next, third]) => (byte, Some(next), Some(third)),
                _ => (
                    rest.get(skip).copied().unwrap_or(b'\t'),
                    rest.get(skip + 1).copied(),
                    None,
                ),
            };
            match byte {
                b'\t' | b'|' => return Some((end, offset)),
                b' ' if next == Some(b' ') => {
                    // Two spaces end the phrase only when nothing but spaces follows.
                    let spaces = rest
                        .get(skip..)
                        .map_or(0, |tail| tail.iter().take_while(|&&b| b == b' ').count());
                    return match self.bytes.get(offset + spaces) {
                        None | Some(b'\t' | b'|') => Some((end, offset + spaces)),
                        Some(_) => None,
                    };
                }
                b' ' => {}
                0x00..=0x1F | 0xC2 | 0xE1 => return None,
                0xE2 if matches!(next, Some(0x80 | 0x81)) => return None,
                0xE3 if next == Some(0x80) && third == Some(0x80) => return None,
                0xEF if next == Some(0xBD) && third == Some(0x9C) => return None,
                _ => end = offset + 1,
            }
            offset += 1;
        }
    }
}

/// The bytes a phrase must look at: separators, spaces, control bytes, and the lead bytes of
/// whitespace outside ASCII (C2, E1, E2, E3) and of the full-width bar (EF).
static PHRASE_STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let mut byte = 0;
    while byte <= 0x20 {
        stops[byte] = true;
        byte += 1;
    }
    stops[b'|' as usize] = true;
    stops[0xC2] = true;
    stops[0xE1] = true;
    stops[0xE2] = true;
    stops[0xE3] = true;
    stops[0xEF] = true;
    stops
};

/// A number of `digits` digits at source bytes `[start, end)`, glued from two digits on.
fn number(start: usize, end: usize, value: i64, digits: usize) -> Slot {
    Slot {
        span: Span::from_range(start..end),
        value: Value::Number(value),
        glued: digits >= 2,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{scan_line, trim};
    use super::*;

    /// The slots the general rules cut.
    fn general(line: &str, first: bool, last: bool) -> Vec<Slot> {
        let mut out = Vec::new();
        scan_line(line, trim(line), 7, first, last, &mut out);
        out
    }

    #[test]
    fn plain_lines_read_as_the_general_rules_read_them() {
        for line in [
            "\t\t6\t6\t0\t0\t0\t0\t12\t",
            "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t1\t0\t1",
            "     7     0     0     0     0     0     7",
            " 0 1  2 3",
            " |  | 11 | 0 | 0 | 0 | 0 | 0 | 11 |",
            "| 6 | 0 || 0 |",
            "|| 5 |",
            "\t 12 \t\t  \t3",
            "5\t\t\t2\t7\t8\t\t\t1\t9\t\t\t\t\t",
            "123456789012345678 1",
            " | 0 |",
            "0 |",
            "|0|",
            "0||0",
            "| |1| |",
            "  0  ",
            "\t0",
            "0\t",
            "0\t|\t1",
            "\t\t\t\t行政诉讼\t\t",
            "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t",
            "| 结果维持 | 结果纠正 | 总计 |",
            "数据1\t数据 2\t 3 ",
            "总计10203\t5",
            "本年度办理结果、其他\t0",
            "\t总计 ",
            "总计 \t1",
            "\t总 计  ",
            "\t总计",
            "0\t总计（一）\t合计、其他",
            " | ０ | １１ | ０ |",
            "１2３\t４",
            "\t１２３４５６７８９０１２３４５６７８ \t",
        ] {
            for (first, last) in [(false, false), (true, false), (false, true), (true, true)] {
                let mut fast = Vec::new();
                assert!(scan_plain_line(line, 7, first, last, &mut fast), "{line:?}");
                assert_eq!(fast, general(line, first, last), "{line:?} {first} {last}");
            }
        }
        for line in [
            "1234567890123456789",
            "12a",
            "\t\t",
            "||",
            "｜1｜",
            "1\r2",
            "－1",
            "结果 10",
            "结果  维持\t0",
            "结果\u{3000}维持\t0",
            "增4\t0",
            "无\t0",
            "“结果”\t0",
            "0\t总计—合计",
            "\t１ ２\t",
            "１２ ３\t",
            "１２３４５６７８９０１２３４５６７８９",
            "１x\t",
            "1２3\t４",
            "（一）\t",
            "（一）\t0",
            "a\t0",
        ] {
            let mut out = vec![blank(0)];
            assert!(!scan_plain_line(line, 0, true, true, &mut out), "{line:?}");
            assert_eq!(out, [blank(0)], "{line:?}");
        }
    }
}

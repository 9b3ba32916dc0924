//! A line of nothing but ASCII numbers, spaces, TABs and bars: nearly every row of a tab or pipe
//! grid, and of a layout aligned with spaces. Its slots are cut here in two passes over the
//! bytes, without the segment and word machinery, to exactly what that machinery makes of it:
//! every run of digits is a number (glued from two digits on), and a segment without digits is a
//! blank cell unless it is an outer end of the line or an empty stretch between two bars.

use super::{Slot, blank};
use nianbao_model::Value;
use nianbao_source::Span;

/// The longest run of digits read here: longer runs take the checked path of the grammar.
const MAX_DIGITS: usize = 18;

/// Cuts `line` (starting at source byte `base`) into `out` when it is a number line; `false`
/// (and `out` untouched) otherwise. `first` and `last` say whether the line opens or closes the
/// region, as for the segment rules.
pub(super) fn scan_number_line(
    line: &str,
    base: usize,
    first: bool,
    last: bool,
    out: &mut Vec<Slot>,
) -> bool {
    let bytes = line.as_bytes();
    let Some(piped) = number_line(bytes) else {
        return false;
    };
    let mut segment = Segment {
        from: 0,
        before: None,
        index: 0,
        digits: false,
    };
    let mut run: Option<(usize, i64)> = None;
    for (at, &byte) in bytes.iter().enumerate() {
        if byte.is_ascii_digit() {
            let (start, value) = run.unwrap_or((at, 0));
            run = Some((start, value * 10 + i64::from(byte - b'0')));
            segment.digits = true;
            continue;
        }
        if let Some((start, value)) = run.take() {
            out.push(number(base, start, at, value));
        }
        if byte != b' ' {
            segment.close(Some(byte), at, base, (first, last, piped), out);
            segment = Segment {
                from: at + 1,
                before: Some(byte),
                index: segment.index + 1,
                digits: false,
            };
        }
    }
    if let Some((start, value)) = run {
        out.push(number(base, start, bytes.len(), value));
    }
    segment.close(None, bytes.len(), base, (first, last, piped), out);
    true
}

/// Whether `bytes` are a number line, and then whether they hold a bar.
fn number_line(bytes: &[u8]) -> Option<bool> {
    let mut piped = false;
    let mut any_digit = false;
    let mut run = 0;
    for &byte in bytes {
        match byte {
            b'0'..=b'9' => {
                run += 1;
                if run > MAX_DIGITS {
                    return None;
                }
                any_digit = true;
                continue;
            }
            b'|' => piped = true,
            b' ' | b'\t' => {}
            _ => return None,
        }
        run = 0;
    }
    any_digit.then_some(piped)
}

fn number(base: usize, start: usize, end: usize, value: i64) -> Slot {
    Slot {
        span: Span::from_range(base + start..base + end),
        value: Value::Number(value),
        glued: end - start >= 2,
    }
}

/// The segment (stretch between separators) being read.
struct Segment {
    from: usize,
    /// The separator before it (`\t` or `|`).
    before: Option<u8>,
    index: usize,
    digits: bool,
}

impl Segment {
    /// Ends the segment at byte `to` (separator `after`): a segment without digits is a blank
    /// cell, except the partial cells at the region's ends and the outer ends of a pipe row, and
    /// an empty stretch between two bars.
    fn close(
        &self,
        after: Option<u8>,
        to: usize,
        base: usize,
        (first, last, piped): (bool, bool, bool),
        out: &mut Vec<Slot>,
    ) {
        if self.digits {
            return;
        }
        let outer_first = self.index == 0 && (first || piped);
        let outer_last = after.is_none() && (last || piped);
        if outer_first || outer_last {
            return;
        }
        let between_pipes =
            self.before.is_some_and(|c| c != b'\t') && after.is_some_and(|c| c != b'\t');
        if piped && between_pipes && to == self.from {
            return;
        }
        out.push(blank(base + self.from));
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
    fn number_lines_read_as_the_general_rules_read_them() {
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
        ] {
            for (first, last) in [(false, false), (true, false), (false, true), (true, true)] {
                let mut fast = Vec::new();
                assert!(
                    scan_number_line(line, 7, first, last, &mut fast),
                    "{line:?}"
                );
                assert_eq!(fast, general(line, first, last), "{line:?} {first} {last}");
            }
        }
        for line in ["1234567890123456789", "12a", "\t\t", "｜1｜", "1\r2", "－1"] {
            assert!(
                !scan_number_line(line, 0, true, true, &mut Vec::new()),
                "{line:?}"
            );
        }
    }
}

//! Splitting runs of glued digits into cells with the template arithmetic (`layouts.md` §8).
//!
//! A run such as `21710000218` is enumerated into every sequence of tokens without leading zeros
//! whose groups satisfy "the last token is the sum of the others" (H01 for a Table 3 row, H04–H06
//! for each Table 4 block). The enumeration is depth-first with pruning and a hard step budget,
//! so adversarial input (a 10 MB line of digits) ends quickly with "too complex".

use crate::scan::digit;

/// One digit of a run, with its source position.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Digit {
    pub value: u8,
    pub start: u32,
    pub end: u32,
}

/// One token of a split: the digit indices `[from, to)` within the concatenated runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub from: u32,
    pub to: u32,
    pub value: i64,
}

/// The outcome of an enumeration.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Splits {
    /// All candidates (at most [`MAX_CANDIDATES`]), each of `tokens` tokens.
    Found(Vec<Vec<Token>>),
    /// More candidates than kept, or the step budget ran out.
    TooMany,
}

pub(crate) const MAX_CANDIDATES: usize = 64;
const MAX_TOKEN_DIGITS: usize = 12;
const STEP_BUDGET: u32 = 200_000;

/// Collects the digits of `text` (ASCII or full-width) with their source offsets.
pub(crate) fn digits_of(text: &str, base: u32, out: &mut Vec<Digit>) {
    for (offset, c) in text.char_indices() {
        if let Some(value) = digit(c) {
            let start = base + offset as u32;
            out.push(Digit {
                value,
                start,
                end: start + c.len_utf8() as u32,
            });
        }
    }
}

/// Enumerates splits of `digits` into `tokens` tokens. `breaks` lists digit indices where a token
/// must end (run boundaries; the end is implied). With `group > 0`, every `group` tokens must end
/// with their sum.
pub(crate) fn enumerate(digits: &[Digit], breaks: &[u32], tokens: usize, group: usize) -> Splits {
    if digits.len() < tokens || digits.len() > tokens * MAX_TOKEN_DIGITS {
        return Splits::Found(Vec::new());
    }
    let mut search = Search {
        digits,
        breaks,
        tokens,
        group,
        current: Vec::with_capacity(tokens),
        found: Vec::new(),
        steps: 0,
        overflow: false,
    };
    search.walk(0);
    if search.overflow {
        Splits::TooMany
    } else {
        Splits::Found(search.found)
    }
}

struct Search<'a> {
    digits: &'a [Digit],
    breaks: &'a [u32],
    tokens: usize,
    group: usize,
    current: Vec<Token>,
    found: Vec<Vec<Token>>,
    steps: u32,
    overflow: bool,
}

impl Search<'_> {
    fn walk(&mut self, at: usize) {
        if self.overflow {
            return;
        }
        self.steps += 1;
        if self.steps > STEP_BUDGET {
            self.overflow = true;
            return;
        }
        let remaining_tokens = self.tokens - self.current.len();
        let remaining_digits = self.digits.len() - at;
        if remaining_tokens == 0 {
            if remaining_digits == 0 {
                if self.found.len() == MAX_CANDIDATES {
                    self.overflow = true;
                } else {
                    self.found.push(self.current.clone());
                }
            }
            return;
        }
        if remaining_digits < remaining_tokens
            || remaining_digits > remaining_tokens * MAX_TOKEN_DIGITS
        {
            return;
        }
        // A token may not cross a run boundary, and every run needs at least one token.
        let next_break = self
            .breaks
            .iter()
            .copied()
            .find(|&b| b as usize > at)
            .map_or(self.digits.len(), |b| b as usize);
        let runs_left = self.breaks.iter().filter(|&&b| b as usize > at).count() + 1;
        if remaining_tokens < runs_left {
            return;
        }
        let first = self.digits.get(at).map_or(0, |d| d.value);
        let longest = if first == 0 { 1 } else { MAX_TOKEN_DIGITS };
        for length in 1..=longest.min(next_break - at) {
            let mut value: i64 = 0;
            for d in self.digits.get(at..at + length).unwrap_or(&[]) {
                value = value * 10 + i64::from(d.value);
            }
            let token = Token {
                from: at as u32,
                to: (at + length) as u32,
                value,
            };
            self.current.push(token);
            if self.group_holds() {
                self.walk(at + length);
            }
            self.current.pop();
            if self.overflow {
                return;
            }
        }
    }

    /// When the last token closes a group, it must be the sum of the group's other tokens.
    fn group_holds(&self) -> bool {
        if self.group == 0 || self.current.len() % self.group != 0 {
            return true;
        }
        let start = self.current.len() - self.group;
        let Some(group) = self.current.get(start..) else {
            return false;
        };
        let Some((total, parts)) = group.split_last() else {
            return false;
        };
        parts.iter().map(|token| token.value).sum::<i64>() == total.value
    }
}

/// `217|1|0|0|0|0|218`.
pub(crate) fn render(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (index, token) in tokens.iter().enumerate() {
        if index > 0 {
            out.push('|');
        }
        out.push_str(&token.value.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Digit> {
        let mut out = Vec::new();
        digits_of(text, 0, &mut out);
        out
    }

    fn candidates(text: &str, breaks: &[u32], tokens: usize, group: usize) -> Vec<String> {
        match enumerate(&run(text), breaks, tokens, group) {
            Splits::Found(found) => found.iter().map(|tokens| render(tokens)).collect(),
            Splits::TooMany => vec!["too many".into()],
        }
    }

    #[test]
    fn unique_row_split() {
        assert_eq!(candidates("21710000218", &[], 7, 7), ["217|1|0|0|0|0|218"]);
    }

    #[test]
    fn ambiguous_row_split() {
        assert_eq!(
            candidates("0250201037", &[], 7, 7),
            ["0|2|5|0|20|10|37", "0|25|0|2|0|10|37"]
        );
    }

    #[test]
    fn table4_blocks() {
        assert_eq!(
            candidates("21317000001324019", &[], 15, 5),
            ["2|1|3|1|7|0|0|0|0|0|13|2|4|0|19"]
        );
    }

    #[test]
    fn half_glued_splits_only_inside_runs() {
        // `500000 5`: the break after six digits keeps the 5 apart.
        assert_eq!(candidates("5000005", &[6], 7, 7), ["5|0|0|0|0|0|5"]);
        assert_eq!(candidates("000", &[], 3, 0), ["0|0|0"]);
    }

    #[test]
    fn adversarial_runs_end() {
        let started = std::time::Instant::now();
        for digits in ["1".repeat(80), "9".repeat(170), "1".repeat(10_000)] {
            for (tokens, group) in [(7, 7), (15, 5), (3, 0)] {
                let outcome = enumerate(&run(&digits), &[], tokens, group);
                assert!(
                    matches!(&outcome, Splits::TooMany)
                        || matches!(&outcome, Splits::Found(found) if found.len() <= MAX_CANDIDATES)
                );
            }
        }
        // Ten thousand digits cannot make 7 cells of at most 12 digits: refused without search.
        assert_eq!(
            enumerate(&run(&"1".repeat(10_000)), &[], 7, 7),
            Splits::Found(Vec::new())
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}

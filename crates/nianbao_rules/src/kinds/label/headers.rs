//! The column headers of Tables 3 and 4 read from the table's own text: each cell split off,
//! and the ones that are no template label but within an edit or two of a header reported as
//! near misses.

use super::Misprint;
use super::cells::{Cell, word_cells};
use crate::fold::{fold, fold_into};
use crate::hash::{FastSet, Fnv};
use crate::resolve::TableName;
use nianbao_model::Span;
use nianbao_model::template::{RowId, TABLE2_2019, TABLE2_2021, TABLE3_COLUMNS, TABLE4_CELLS};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// Column headers a table of any format may print, folded; computed once.
fn headers(table: TableName) -> &'static [String] {
    static CACHE: OnceLock<[Vec<String>; 3]> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        [
            fold_headers(TableName::Table2),
            fold_headers(TableName::Table3),
            fold_headers(TableName::Table4),
        ]
    });
    match table {
        TableName::Table2 => &all[0],
        TableName::Table3 => &all[1],
        TableName::Table4 => &all[2],
    }
}

fn fold_headers(table: TableName) -> Vec<String> {
    let raw: Vec<&str> = match table {
        TableName::Table2 => TABLE2_2021
            .iter()
            .chain(&TABLE2_2019)
            .flat_map(|row| row.columns.iter().copied())
            .chain(["信息内容"])
            .collect(),
        TableName::Table3 => TABLE3_COLUMNS
            .iter()
            .copied()
            .chain(["申请人情况", "法人或其他组织"])
            .collect(),
        TableName::Table4 => TABLE4_CELLS
            .iter()
            .flat_map(|(block, column)| block.split('·').chain([*column]))
            .chain(["行政诉讼"])
            .collect(),
    };
    let mut folded: Vec<String> = raw.into_iter().map(fold).collect();
    folded.sort();
    folded.dedup();
    folded
}

/// The folded headers of a table as characters, for edit distances; computed once.
fn header_chars(table: TableName) -> &'static [Vec<char>] {
    static CACHE: OnceLock<[Vec<Vec<char>>; 3]> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        [TableName::Table2, TableName::Table3, TableName::Table4]
            .map(|table| headers(table).iter().map(|h| h.chars().collect()).collect())
    });
    match table {
        TableName::Table2 => &all[0],
        TableName::Table3 => &all[1],
        TableName::Table4 => &all[2],
    }
}

/// A map hashed with [`Fnv`]: its keys are cells of the template's tables.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Every label the template prints anywhere in a table (rows, captions, headers), folded;
/// computed once.
fn known_labels() -> &'static FastSet<String> {
    static CACHE: OnceLock<FastSet<String>> = OnceLock::new();
    CACHE.get_or_init(|| fold_known_labels().into_iter().collect())
}

fn fold_known_labels() -> Vec<String> {
    let mut known: Vec<String> = [TableName::Table2, TableName::Table3, TableName::Table4]
        .into_iter()
        .flat_map(|table| headers(table).iter().cloned())
        .collect();
    known.extend(
        TABLE2_2021
            .iter()
            .chain(&TABLE2_2019)
            .flat_map(|row| [row.caption, row.label])
            .map(fold),
    );
    known.extend(RowId::all_2021().map(|row| fold(row.template().label)));
    known
}

/// Whether the edit distance of `a` and `b` is at most `limit`, with two rows of the dynamic
/// programme kept in `rows` across calls (no allocation per cell) and an early stop once a whole
/// row exceeds the limit (row minima never decrease).
fn within_edits(a: &[char], b: &[char], limit: usize, rows: &mut EditRows) -> bool {
    let EditRows { previous, current } = rows;
    previous.clear();
    previous.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        current.clear();
        current.push(i + 1);
        let mut row_min = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insertion = current.get(j).copied().unwrap_or(0) + 1;
            let cost = substitution.min(deletion).min(insertion);
            row_min = row_min.min(cost);
            current.push(cost);
        }
        if row_min > limit {
            return false;
        }
        std::mem::swap(previous, current);
    }
    previous.last().copied().unwrap_or(0) <= limit
}

/// The two rows [`within_edits`] works in, reused from cell to cell.
#[derive(Default)]
struct EditRows {
    previous: Vec<usize>,
    current: Vec<usize>,
}

/// A printed header cell that is a near miss of a template header (`结果维护` for `结果维持`).
pub(super) fn header_near_misses(source: &str, span: Span, table: TableName) -> Vec<Misprint> {
    let Some(text) = source.get(span.range()) else {
        return Vec::new();
    };
    let headers = header_chars(table);
    let mut found = Vec::new();
    let base = span.start as usize;
    let mut near = NearMiss::default();
    SEEN.with_borrow_mut(|seen| {
        let seen = match table {
            TableName::Table2 => &mut seen[0],
            TableName::Table3 => &mut seen[1],
            TableName::Table4 => &mut seen[2],
        };
        word_cells(text, |Cell { range, chars }| {
            // Short cells are skipped before any allocation, by what the split counted (the
            // characters that are no whitespace); numbers never come.
            if chars < 4 {
                return;
            }
            let Some(cell) = text.get(range.clone()) else {
                return;
            };
            let verdict = match seen.get(cell) {
                Some(verdict) => *verdict,
                None => {
                    let verdict = near.header(cell, headers);
                    if seen.len() >= SEEN_LIMIT {
                        seen.clear();
                    }
                    seen.insert(cell.into(), verdict);
                    verdict
                }
            };
            if let Some(header) = verdict.and_then(|at| headers.get(at)) {
                found.push(Misprint {
                    span: Span::from_range(base + range.start..base + range.end),
                    expected: header.iter().collect(),
                });
            }
        });
    });
    found
}

/// How many cells [`SEEN`] keeps per table before it starts again: far more than the distinct
/// labels of a corpus, and a few hundred kilobytes at most.
const SEEN_LIMIT: usize = 4096;

thread_local! {
    /// The verdicts on header cells already seen on this thread, per table (2, 3, 4), by the
    /// cell's text: the template header it is a near miss of, if any. A corpus prints the same
    /// labels in report after report; each is folded and compared once.
    static SEEN: RefCell<[FastMap<Box<str>, Option<usize>>; 3]> = RefCell::default();
}

/// The buffers a near-miss comparison works in, reused from cell to cell.
#[derive(Default)]
struct NearMiss {
    folded: String,
    chars: Vec<char>,
    rows: EditRows,
}

impl NearMiss {
    /// The header (by index) that `cell` is a near miss of: not a label the template prints,
    /// but within one edit (two for a long header) of a header.
    fn header(&mut self, cell: &str, headers: &[Vec<char>]) -> Option<usize> {
        let NearMiss {
            folded,
            chars,
            rows,
        } = self;
        fold_into(cell, folded);
        if known_labels().contains(folded.as_str()) {
            return None;
        }
        chars.clear();
        chars.extend(folded.chars());
        headers.iter().position(|header| {
            let limit = if header.len() > 8 { 2 } else { 1 };
            header.len().abs_diff(chars.len()) <= limit && within_edits(header, chars, limit, rows)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain dynamic programme, for comparison.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut current = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                let cost = (previous[j] + usize::from(ca != cb))
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1);
                current.push(cost);
            }
            previous = current;
        }
        previous[b.len()]
    }

    #[test]
    fn bounded_edits_agree_with_the_full_distance() {
        let words = [
            "结果维持", "结果维护", "结果纠正", "维持", "", "申请人情况", "申请人倩况况",
            "法人或其他组织", "法人或其它组织", "商业企业", "行政诉讼", "诉讼行政",
        ];
        let mut rows = EditRows::default();
        for a in words {
            for b in words {
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for limit in 0..4 {
                    assert_eq!(
                        within_edits(&a, &b, limit, &mut rows),
                        distance(&a, &b) <= limit,
                        "{a:?} {b:?} {limit}"
                    );
                }
            }
        }
    }
}

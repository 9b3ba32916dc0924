//! Ruling lines into table grids: collinear pieces merged, crossing lines grouped into tables,
//! and each table's atomic cells joined into merged cells wherever the border between them is
//! not drawn (a label spanning rows, a header spanning columns).

use crate::geom::{Rect, Rule};

/// Lines closer than this (points) are one line; crossings this far apart still touch.
const SNAP: f32 = 2.0;

/// More lines than this on one page in one direction is a drawing, not a table.
const MAX_LINES: usize = 3000;

/// A merged cell: atomic rows `r0..=r1`, columns `c0..=c1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    pub r0: usize,
    pub r1: usize,
    pub c0: usize,
    pub c1: usize,
    /// Whether no line is drawn along its top / bottom edge (a cell cut by a page break).
    pub open_top: bool,
    pub open_bottom: bool,
}

/// A table's grid: boundaries and merged cells.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Grid {
    /// Column boundaries, ascending (`cols + 1` of them).
    pub xs: Vec<f32>,
    /// Row boundaries, ascending (`rows + 1` of them).
    pub ys: Vec<f32>,
    pub cells: Vec<Cell>,
    /// `slots[r * cols + c]`: the merged cell holding atomic cell `(r, c)`.
    slots: Vec<usize>,
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    pub fn rect(&self) -> Rect {
        let first = |values: &[f32]| values.first().copied().unwrap_or(0.0);
        let last = |values: &[f32]| values.last().copied().unwrap_or(0.0);
        Rect::new(
            first(&self.xs),
            first(&self.ys),
            last(&self.xs),
            last(&self.ys),
        )
    }

    /// The merged cell a point falls in, if it is inside the table.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let index = |bounds: &[f32], value: f32| {
            let after = bounds.partition_point(|bound| *bound <= value);
            (after >= 1 && after < bounds.len()).then(|| after - 1)
        };
        let (row, col) = (index(&self.ys, y)?, index(&self.xs, x)?);
        self.slots.get(row * self.cols() + col).copied()
    }
}

/// Rules merged: one per line, collinear overlapping or touching pieces joined.
fn merge(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut lines: Vec<Rule> = Vec::new();
    // Group by position, then join intervals.
    let mut group: Vec<Rule> = Vec::new();
    let flush = |group: &mut Vec<Rule>, lines: &mut Vec<Rule>| {
        if group.is_empty() {
            return;
        }
        let at = group.iter().map(|rule| rule.at).sum::<f32>() / group.len() as f32;
        group.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut current: Option<Rule> = None;
        for rule in group.drain(..) {
            current = match current {
                Some(mut open) if rule.from <= open.to + SNAP => {
                    open.to = open.to.max(rule.to);
                    Some(open)
                }
                Some(open) => {
                    lines.push(open);
                    Some(Rule { at, ..rule })
                }
                None => Some(Rule { at, ..rule }),
            };
        }
        lines.extend(current);
    };
    for rule in rules {
        if group
            .last()
            .is_some_and(|last| rule.at - last.at > SNAP / 2.0)
        {
            flush(&mut group, &mut lines);
        }
        group.push(rule);
    }
    flush(&mut group, &mut lines);
    lines
}

fn find(parent: &mut [usize], mut item: usize) -> usize {
    while parent[item] != item {
        parent[item] = parent[parent[item]];
        item = parent[item];
    }
    item
}

fn crosses(horizontal: &Rule, vertical: &Rule) -> bool {
    vertical.at >= horizontal.from - SNAP
        && vertical.at <= horizontal.to + SNAP
        && horizontal.at >= vertical.from - SNAP
        && horizontal.at <= vertical.to + SNAP
}

/// Positions clustered within [`SNAP`], averaged.
fn cluster(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, u32)> = Vec::new();
    for value in values {
        match out.last_mut() {
            Some((sum, count)) if value - *sum / *count as f32 <= SNAP => {
                *sum += value;
                *count += 1;
            }
            _ => out.push((value, 1)),
        }
    }
    out.into_iter()
        .map(|(sum, count)| sum / count as f32)
        .collect()
}

/// How much of `from..to` the lines at `at` cover.
fn coverage(lines: &[&Rule], at: f32, from: f32, to: f32) -> f32 {
    let covered: f32 = lines
        .iter()
        .filter(|line| (line.at - at).abs() <= SNAP)
        .map(|line| (line.to.min(to) - line.from.max(from)).max(0.0))
        .sum();
    covered / (to - from).max(0.01)
}

/// The tables the rules of one page draw. A table needs two horizontal and two vertical lines
/// that cross; lone underlines and separators are not tables.
pub(crate) fn tables(rules: Vec<Rule>) -> Vec<Grid> {
    let (horizontal, vertical): (Vec<Rule>, Vec<Rule>) =
        rules.into_iter().partition(|rule| rule.horizontal);
    let (horizontal, vertical) = (merge(horizontal), merge(vertical));
    if horizontal.len() > MAX_LINES || vertical.len() > MAX_LINES {
        // A drawing (a chart, a map, hatching), not a report's table: crossing every pair
        // would cost the square of its lines.
        return Vec::new();
    }
    let count = horizontal.len() + vertical.len();
    let mut parent: Vec<usize> = (0..count).collect();
    for (h, line) in horizontal.iter().enumerate() {
        for (v, column) in vertical.iter().enumerate() {
            if crosses(line, column) {
                let (a, b) = (
                    find(&mut parent, h),
                    find(&mut parent, horizontal.len() + v),
                );
                parent[a] = b;
            }
        }
    }
    let mut groups: Vec<(usize, Vec<&Rule>, Vec<&Rule>)> = Vec::new();
    let mut group_of_root: Vec<Option<usize>> = vec![None; count];
    for index in 0..count {
        let root = find(&mut parent, index);
        let position = match group_of_root[root] {
            Some(position) => position,
            None => {
                group_of_root[root] = Some(groups.len());
                groups.push((root, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        let Some(group) = groups.get_mut(position) else {
            continue;
        };
        match horizontal.get(index) {
            Some(line) => group.1.push(line),
            None => group.2.extend(vertical.get(index - horizontal.len())),
        }
    }
    let (mut tables, rest): (Vec<_>, Vec<_>) = groups
        .into_iter()
        .map(|(_, h, v)| (h, v))
        .partition(|(h, v)| h.len() >= 2 && v.len() >= 2);
    // A vertical line that no horizontal line crosses still belongs to a table when it runs
    // from the table's top to its bottom: the side of a label cell that a page break cuts at
    // both ends (open above and below on a middle page).
    for (_, lines) in rest {
        for line in lines {
            let owner = tables.iter_mut().find(|(h, _)| {
                let top = h.iter().map(|rule| rule.at).fold(f32::MAX, f32::min);
                let bottom = h.iter().map(|rule| rule.at).fold(f32::MIN, f32::max);
                (line.from - top).abs() <= 2.0 * SNAP && (line.to - bottom).abs() <= 2.0 * SNAP
            });
            if let Some((_, v)) = owner {
                v.push(line);
            }
        }
    }
    tables
        .into_iter()
        .filter_map(|(h, v)| grid(&h, &v))
        .collect()
}

fn grid(horizontal: &[&Rule], vertical: &[&Rule]) -> Option<Grid> {
    // A side without a drawn border still bounds the table: where the lines end.
    let mut ys: Vec<f32> = horizontal.iter().map(|line| line.at).collect();
    ys.extend(vertical.iter().map(|line| line.from));
    ys.extend(vertical.iter().map(|line| line.to));
    let mut xs: Vec<f32> = vertical.iter().map(|line| line.at).collect();
    xs.extend(horizontal.iter().map(|line| line.from));
    xs.extend(horizontal.iter().map(|line| line.to));
    let (top, bottom) = (
        ys.iter().copied().fold(f32::MAX, f32::min),
        ys.iter().copied().fold(f32::MIN, f32::max),
    );
    let (left, right) = (
        xs.iter().copied().fold(f32::MAX, f32::min),
        xs.iter().copied().fold(f32::MIN, f32::max),
    );
    let mut ys: Vec<f32> = horizontal.iter().map(|line| line.at).collect();
    ys.extend([top, bottom]);
    let mut xs: Vec<f32> = vertical.iter().map(|line| line.at).collect();
    xs.extend([left, right]);
    let (ys, xs) = (cluster(ys), cluster(xs));
    let (rows, cols) = (ys.len().checked_sub(1)?, xs.len().checked_sub(1)?);
    if rows == 0 || cols == 0 || rows.saturating_mul(cols) > 20_000 {
        return None;
    }
    // Union atomic cells whose shared border is not drawn.
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for row in 0..rows {
        for col in 0..cols {
            let (y0, y1, x0, x1) = (ys[row], ys[row + 1], xs[col], xs[col + 1]);
            if col + 1 < cols && coverage(vertical, x1, y0, y1) < 0.5 {
                let (a, b) = (
                    find(&mut parent, row * cols + col),
                    find(&mut parent, row * cols + col + 1),
                );
                parent[a] = b;
            }
            if row + 1 < rows && coverage(horizontal, y1, x0, x1) < 0.5 {
                let (a, b) = (
                    find(&mut parent, row * cols + col),
                    find(&mut parent, (row + 1) * cols + col),
                );
                parent[a] = b;
            }
        }
    }
    let mut cells: Vec<Cell> = Vec::new();
    let mut index_of_root: Vec<Option<usize>> = vec![None; rows * cols];
    let mut slots = vec![0usize; rows * cols];
    for row in 0..rows {
        for col in 0..cols {
            let root = find(&mut parent, row * cols + col);
            let index = match index_of_root[root] {
                Some(index) => index,
                None => {
                    index_of_root[root] = Some(cells.len());
                    cells.push(Cell {
                        r0: row,
                        r1: row,
                        c0: col,
                        c1: col,
                        open_top: false,
                        open_bottom: false,
                    });
                    cells.len() - 1
                }
            };
            if let Some(cell) = cells.get_mut(index) {
                cell.r1 = cell.r1.max(row);
                cell.c0 = cell.c0.min(col);
                cell.c1 = cell.c1.max(col);
            }
            slots[row * cols + col] = index;
        }
    }
    for cell in &mut cells {
        let (x0, x1) = (xs[cell.c0], xs[cell.c1 + 1]);
        cell.open_top = coverage(horizontal, ys[cell.r0], x0, x1) < 0.5;
        cell.open_bottom = coverage(horizontal, ys[cell.r1 + 1], x0, x1) < 0.5;
    }
    Some(Grid {
        xs,
        ys,
        cells,
        slots,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            horizontal: true,
            at,
            from,
            to,
        }
    }

    fn v(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            horizontal: false,
            at,
            from,
            to,
        }
    }

    #[test]
    fn a_label_spanning_two_rows_is_one_cell_and_an_open_bottom_is_seen() {
        // Three columns, three rows; the left column's middle border is missing, and the table's
        // bottom is not drawn under the left column (a page break cuts that cell).
        let rules = vec![
            h(0.0, 0.0, 30.0),
            h(10.0, 10.0, 30.0),
            h(20.0, 0.0, 30.0),
            h(30.0, 10.0, 15.0),
            h(30.0, 15.0, 30.0),
            v(0.0, 0.0, 30.0),
            v(10.0, 0.0, 30.0),
            v(20.0, 0.0, 30.0),
            v(30.0, 0.0, 30.0),
        ];
        let grids = tables(rules);
        assert_eq!(grids.len(), 1);
        let grid = &grids[0];
        assert_eq!((grid.rows(), grid.cols()), (3, 3));
        let label = grid
            .cell_at(5.0, 15.0)
            .and_then(|index| grid.cells.get(index).copied());
        assert_eq!(label.map(|cell| (cell.r0, cell.r1)), Some((0, 1)));
        let corner = grid
            .cell_at(5.0, 25.0)
            .and_then(|index| grid.cells.get(index).copied());
        assert_eq!(corner.map(|cell| cell.open_bottom), Some(true));
        let value = grid
            .cell_at(25.0, 25.0)
            .and_then(|index| grid.cells.get(index).copied());
        assert_eq!(value.map(|cell| cell.open_bottom), Some(false));
        assert_eq!(grid.cell_at(35.0, 5.0), None);
    }

    #[test]
    fn lone_lines_are_not_tables() {
        assert!(tables(vec![h(0.0, 0.0, 100.0), h(50.0, 0.0, 100.0)]).is_empty());
    }
}

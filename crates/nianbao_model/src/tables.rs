//! Tables 2, 3 and 4 as read: rows of cells with their labels, looked up by template id.

use crate::cell::{Cell, Label};
use crate::template::{ROW_SLOTS, RowId, Template, table2_rows};
use nianbao_source::Span;

/// Table 2, 主动公开政府信息情况.
#[derive(Clone, Debug, PartialEq)]
pub struct Table2 {
    pub span: Span,
    /// The template whose row layout was read (2021 or 2019).
    pub layout: Template,
    pub rows: Vec<Table2RowData>,
    /// The printed column headers (`本年制发件数` …), so that rules can report deviating ones.
    pub headers: Vec<Table2Header>,
}

/// A printed Table 2 column header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Table2Header {
    /// Index into [`template::table2_rows`] of the first row the header stands over.
    pub row: usize,
    /// Index into that row's `columns`.
    pub column: usize,
    pub label: Label,
}

impl Table2Header {
    /// The header text as the template prints it.
    pub fn expected(&self, layout: Template) -> Option<&'static str> {
        table2_rows(layout)
            .get(self.row)
            .and_then(|row| row.columns.get(self.column))
            .copied()
    }
}

impl Table2 {
    /// A cell by id (`A1`…`A10`, or `B1`…`B22` for 2019).
    pub fn cell(&self, id: &str) -> Option<&Cell> {
        let templates = table2_rows(self.layout);
        self.rows.iter().find_map(|row| {
            let template = templates.get(row.row)?;
            let position = template
                .cell_ids
                .iter()
                .position(|&candidate| candidate == id)?;
            row.cells.get(position)
        })
    }

    /// Every cell with its id, in template order.
    pub fn cells(&self) -> impl Iterator<Item = (&'static str, &Cell)> {
        let templates = table2_rows(self.layout);
        self.rows.iter().flat_map(move |row| {
            let ids: &'static [&'static str] = templates
                .get(row.row)
                .map_or(&[], |template| template.cell_ids);
            ids.iter().copied().zip(row.cells.iter())
        })
    }
}

/// One printed Table 2 row.
#[derive(Clone, Debug, PartialEq)]
pub struct Table2RowData {
    /// Index into [`template::table2_rows`] of the table's layout.
    pub row: usize,
    pub label: Label,
    /// One cell per template column of the row.
    pub cells: Vec<Cell>,
}

/// Table 3, 收到和处理政府信息公开申请情况.
#[derive(Clone, Debug, PartialEq)]
pub struct Table3 {
    pub span: Span,
    /// Rows found, indexed by [`RowId::index`].
    pub rows: [Option<Table3Row>; ROW_SLOTS],
}

impl Table3 {
    pub fn new(span: Span) -> Self {
        Self {
            span,
            rows: [None; ROW_SLOTS],
        }
    }

    pub fn row(&self, id: RowId) -> Option<&Table3Row> {
        self.rows.get(id.index()).and_then(Option::as_ref)
    }

    /// Column `column` is 0-based (C1 = 0 … C7 = 6).
    pub fn cell(&self, id: RowId, column: usize) -> Option<&Cell> {
        self.row(id).and_then(|row| row.cells.get(column))
    }

    /// The rows found, in template order.
    pub fn present_rows(&self) -> impl Iterator<Item = (RowId, &Table3Row)> {
        self.rows
            .iter()
            .filter_map(|row| row.as_ref().map(|row| (row.id, row)))
    }
}

/// One Table 3 data row: its label and the seven cells C1–C7.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Table3Row {
    pub id: RowId,
    pub label: Label,
    pub cells: [Cell; 7],
}

/// Table 4, 政府信息公开行政复议、行政诉讼情况: one data row F1–F15.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Table4 {
    pub span: Span,
    pub cells: [Cell; 15],
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::tests::number;
    use crate::cell::{LabelMatch, Value};

    #[test]
    fn table2_cells_by_id() {
        let label = Label {
            span: Span::default(),
            matched: LabelMatch::Exact,
        };
        let table = Table2 {
            span: Span::default(),
            layout: Template::V2021,
            rows: vec![Table2RowData {
                row: 1,
                label,
                cells: vec![number(5, 0), number(0, 2), number(45, 4)],
            }],
            headers: vec![Table2Header {
                row: 0,
                column: 1,
                label,
            }],
        };
        assert_eq!(
            table.headers[0].expected(Template::V2021),
            Some("本年废止件数")
        );
        assert_eq!(
            table.cell("A6").map(|cell| cell.value),
            Some(Value::Number(45))
        );
        assert_eq!(table.cell("A1"), None);
        let ids: Vec<_> = table.cells().map(|(id, _)| id).collect();
        assert_eq!(ids, ["A4", "A5", "A6"]);
    }
}

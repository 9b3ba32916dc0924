//! What of a report was not read, as the model's [`Coverage`]: the tables not read at all (found
//! while reading them), and in the tables read, the rows and cells that hold no value — the
//! cells every identity needing them skips. A report in the pre-2019 format has no template
//! tables at all; one whose format was not recognised had none checked.

use nianbao_model::template::{RowId, Template, table2_rows};
use nianbao_model::{Cell, Coverage, Gap, GapKind, Report, Span, Value};

/// The label of a pre-2019 report's statistics table, where its gap points.
const OLD_TABLE: &str = "政府信息公开情况统计表";

/// The report's coverage, given the gaps of the tables not read at all.
pub(crate) fn coverage(source: &str, report: &Report, tables_not_read: Vec<Gap>) -> Coverage {
    let mut gaps = tables_not_read;
    match report.template.template {
        Template::Pre2019 => {
            // The table itself: the last mention (the introduction names it as a part too).
            let at = source
                .rfind(OLD_TABLE)
                .map(|at| Span::new(at as u32, (at + OLD_TABLE.len()) as u32))
                .or_else(|| {
                    report
                        .template
                        .evidence
                        .iter()
                        .find(|evidence| evidence.label == OLD_TABLE)
                        .map(|evidence| evidence.span)
                })
                .or_else(|| report.title.as_ref().map(|title| title.span))
                .or_else(|| report.sections.first().map(|section| section.heading_span))
                .unwrap_or_default();
            let breakdowns = report
                .statistics
                .iter()
                .filter(|count| !count.parts.is_empty())
                .count();
            gaps.push(Gap {
                kind: GapKind::OldFormat {
                    breakdowns: u16::try_from(breakdowns).unwrap_or(u16::MAX),
                },
                span: at,
            });
        }
        Template::Unknown => gaps.push(Gap {
            kind: GapKind::NoTemplate,
            span: report
                .title
                .as_ref()
                .map(|title| title.span)
                .or_else(|| report.sections.first().map(|section| section.heading_span))
                .unwrap_or_default(),
        }),
        Template::V2021 | Template::V2019 => {
            gaps.extend(table2_gap(report));
            gaps.extend(table3_gap(report));
            gaps.extend(table4_gap(report));
        }
    }
    gaps.sort_by_key(|gap| gap.span.start);
    Coverage { gaps }
}

/// Unread rows (no value read, or absent) and further unread cells.
#[derive(Default)]
struct Unread {
    rows: usize,
    cells: usize,
    /// Where the first unread cell of a printed row is.
    first: Option<Span>,
}

impl Unread {
    fn row<'c>(&mut self, cells: impl IntoIterator<Item = &'c Cell>) {
        let (mut all, mut missing) = (0, 0);
        for cell in cells {
            all += 1;
            // Not found in its row, or digits whose split was not decided.
            if matches!(cell.value, Value::Missing | Value::Unresolved) {
                missing += 1;
                self.first = self.first.or(Some(cell.span));
            }
        }
        if all > 0 && missing == all {
            self.rows += 1;
        } else {
            self.cells += missing;
        }
    }

    /// The table's gap, pointing at the first unread cell printed, else at the table.
    fn gap(self, table: u8, span: Span) -> Option<Gap> {
        let span = self.first.unwrap_or(span);
        (self.rows + self.cells > 0).then(|| Gap {
            kind: GapKind::CellsUnread {
                table,
                rows: u16::try_from(self.rows).unwrap_or(u16::MAX),
                cells: u16::try_from(self.cells).unwrap_or(u16::MAX),
            },
            span,
        })
    }
}

fn table2_gap(report: &Report) -> Option<Gap> {
    let table = report.table2.as_ref()?;
    let mut unread = Unread::default();
    for index in 0..table2_rows(table.layout).len() {
        match table.rows.iter().find(|row| row.row == index) {
            Some(row) => unread.row(&row.cells),
            None => unread.rows += 1,
        }
    }
    unread.gap(2, table.span)
}

fn table3_gap(report: &Report) -> Option<Gap> {
    let table = report.table3.as_ref()?;
    // The 2019 layout prints one （六）其他处理 row where 2021 has three.
    let single_other = table.row(RowId::R21_23).is_some()
        && [21, 22, 23]
            .into_iter()
            .filter_map(RowId::new)
            .all(|id| table.row(id).is_none());
    let rows: Vec<RowId> = if single_other {
        RowId::all_2019().collect()
    } else {
        RowId::all_2021().collect()
    };
    let mut unread = Unread::default();
    for id in rows {
        match table.row(id) {
            Some(row) => unread.row(&row.cells),
            None => unread.rows += 1,
        }
    }
    unread.gap(3, table.span)
}

fn table4_gap(report: &Report) -> Option<Gap> {
    let table = report.table4.as_ref()?;
    let mut unread = Unread::default();
    unread.row(&table.cells);
    unread.gap(4, table.span)
}

//! The document structure shared by the HTML and DOCX renderers: the tab-grid rendering read
//! back into paragraphs and tables, with the merged cells a Word table has, and the escaping of
//! text both write.
//!
//! Starting from the tab grid keeps one source of truth for what a report prints (labels, fault
//! edits, blanks); the markup renderers only decide how it is dressed. The merges are chosen so
//! that expanding them again (a `rowspan` leaves an empty slot in each row below, a `colspan`
//! empty slots to its right) gives back exactly the tab grid's rows.

use crate::report::GeneratedReport;
use crate::{Layout, render};

/// A block of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// A line of prose or a heading; the first is the title.
    Paragraph(String),
    Table(Vec<Vec<MergedCell>>),
}

/// A cell that starts in this row (cells covered by a `rowspan` from above are not listed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MergedCell {
    pub text: String,
    /// First grid column.
    pub column: usize,
    pub rowspan: usize,
    pub colspan: usize,
}

impl MergedCell {
    pub fn is_number(&self) -> bool {
        is_number(&self.text)
    }
}

fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '-' | ','))
}

/// The report's paragraphs and tables, as the tab grid prints them.
pub(crate) fn parts(report: &GeneratedReport) -> Vec<Part> {
    let tab = render(report, Layout::Tab);
    let mut parts = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    for line in tab.text.lines() {
        if line.contains('\t') {
            table.push(line.split('\t').map(str::to_owned).collect());
            continue;
        }
        if !table.is_empty() {
            parts.push(Part::Table(merge(&std::mem::take(&mut table))));
        }
        if !line.trim().is_empty() {
            parts.push(Part::Paragraph(line.to_owned()));
        }
    }
    if !table.is_empty() {
        parts.push(Part::Table(merge(&table)));
    }
    parts
}

/// Chooses merges for a tab-grid table: a label (a non-numeric cell) absorbs the empty leading
/// slots below it into a `rowspan`, as the template's merged label columns do; in header rows
/// (no numbers) a cell absorbs the empty slots to its right into a `colspan`. Data rows keep
/// every slot as its own cell, so a blank value stays a blank cell.
pub(crate) fn merge(rows: &[Vec<String>]) -> Vec<Vec<MergedCell>> {
    let mut out: Vec<Vec<MergedCell>> = Vec::with_capacity(rows.len());
    // The `(row, index)` of the cell holding each slot of the previous row.
    let mut above: Vec<(usize, usize)> = Vec::new();
    for (row_index, row) in rows.iter().enumerate() {
        let leading = row.iter().take_while(|cell| cell.is_empty()).count();
        let header = !row.iter().any(|cell| is_number(cell));
        let mut owners: Vec<(usize, usize)> = Vec::with_capacity(row.len());
        let mut cells: Vec<MergedCell> = Vec::new();
        let mut column = 0usize;
        while column < row.len() {
            // A rowspan continues when the whole width of the label above is leading-empty here.
            if let Some(&(owner_row, owner_index)) = above.get(column) {
                let owner = out
                    .get_mut(owner_row)
                    .and_then(|cells| cells.get_mut(owner_index))
                    .filter(|owner| {
                        owner.column == column
                            && !owner.text.is_empty()
                            && !owner.is_number()
                            && owner.column + owner.colspan <= leading
                    });
                if let Some(owner) = owner {
                    owner.rowspan = row_index - owner_row + 1;
                    let width = owner.colspan;
                    owners.extend((0..width).map(|_| (owner_row, owner_index)));
                    column += width;
                    continue;
                }
            }
            let text = row.get(column).cloned().unwrap_or_default();
            let mut colspan = 1;
            if header && !text.is_empty() {
                while row.get(column + colspan).is_some_and(String::is_empty) {
                    colspan += 1;
                }
            }
            owners.extend((0..colspan).map(|_| (row_index, cells.len())));
            cells.push(MergedCell {
                text,
                column,
                rowspan: 1,
                colspan,
            });
            column += colspan;
        }
        above = owners;
        out.push(cells);
    }
    out
}

/// The grid row back from merged cells, as an extractor expands them; used by the tests to
/// prove the merges lossless.
#[cfg(test)]
fn expand(rows: &[Vec<MergedCell>]) -> Vec<Vec<String>> {
    let mut covered: Vec<(usize, usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for row in rows {
        let mut width = 0;
        let mut slots: Vec<(usize, String)> = Vec::new();
        for cell in row {
            slots.push((cell.column, cell.text.clone()));
            width = width.max(cell.column + cell.colspan);
        }
        for &(column, span, _) in &covered {
            width = width.max(column + span);
        }
        let line = (0..width)
            .map(|slot| {
                slots
                    .iter()
                    .find(|(column, _)| *column == slot)
                    .map(|(_, text)| text.clone())
                    .unwrap_or_default()
            })
            .collect();
        out.push(line);
        for entry in &mut covered {
            entry.2 -= 1;
        }
        covered.retain(|entry| entry.2 > 0);
        for cell in row {
            if cell.rowspan > 1 {
                covered.push((cell.column, cell.colspan, cell.rowspan - 1));
            }
        }
    }
    out
}

/// Escapes text for the content (and attribute values) of a web page or a Word file's XML.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, generate};

    fn grid(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|line| line.split('\t').map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn merges_expand_back_to_the_tab_grid() {
        for index in 0..40 {
            let report = generate(7, index, &Options::default());
            for part in parts(&report) {
                let Part::Table(rows) = part else { continue };
                let expanded = expand(&rows);
                let tab = render(&report, Layout::Tab);
                let joined: Vec<String> = expanded.iter().map(|row| row.join("\t")).collect();
                for line in &joined {
                    assert!(
                        tab.text.lines().any(|printed| printed == line),
                        "report {index}: {line:?} is not a line of the tab grid"
                    );
                }
            }
        }
    }

    #[test]
    fn labels_merge_down_and_header_cells_merge_right() {
        let rows = merge(&grid(
            "三、结果\t（一）\t\t1\n\t（二）\t\t2\n\t\t3.\t4\n四、\t\t5\t",
        ));
        let first = rows.first().expect("a row");
        let label = first.first().expect("a cell");
        assert_eq!((label.text.as_str(), label.rowspan), ("三、结果", 3));
        // Data rows keep their empty slots as cells.
        assert_eq!(first.len(), 4);
        // `（二）` takes in the leading-empty slot below it.
        let second = rows.get(1).expect("a row");
        assert_eq!(second.first().map(|cell| cell.rowspan), Some(2));
        let header = merge(&grid("行政复议\t\t\t行政诉讼\t"));
        let spans: Vec<usize> = header
            .first()
            .map(|row| row.iter().map(|cell| cell.colspan).collect())
            .unwrap_or_default();
        assert_eq!(spans, vec![3, 2]);
        assert_eq!(
            expand(&merge(&grid(
                "三、结果\t（一）\t\t1\n\t（二）\t\t2\n\t\t3.\t4\n四、\t\t5\t"
            ))),
            grid("三、结果\t（一）\t\t1\n\t（二）\t\t2\n\t\t3.\t4\n四、\t\t5\t")
        );
    }
}

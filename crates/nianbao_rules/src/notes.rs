//! Extraction notes: a finding that involves a cell whose value the parser inferred — split out
//! of digits run together (PA004), or read by position where the row labels were missing
//! (PA007) — says so on that cell, so that a reviewer can tell a source error from an
//! extraction doubt. The split itself is no finding of its own: on a report whose numbers add
//! up, it needs no reader.

use crate::resolve::{CellRef, TableName, any_cell, table_cells};
use nianbao_model::{Cell, Diagnostic, Message, Provenance, Report, Span};

/// A cell whose value the parser inferred.
#[derive(Clone, Debug)]
pub(crate) struct Inferred {
    cell: CellRef,
    span: Span,
    provenance: Provenance,
}

/// Every inferred cell of the report's tables.
pub(crate) fn inferred_cells(report: &Report) -> Vec<Inferred> {
    let all = [TableName::Table2, TableName::Table3, TableName::Table4];
    let inferred = |cell: &Cell| cell.provenance != Provenance::Exact && !cell.span.is_empty();
    // Most reports are read exactly: name no cell then.
    if !any_cell(report, &all, inferred) {
        return Vec::new();
    }
    table_cells(report, &all)
        .into_iter()
        .filter(|slot| inferred(slot.cell))
        .map(|slot| Inferred {
            cell: slot.reference,
            span: slot.cell.span,
            provenance: slot.cell.provenance,
        })
        .collect()
}

/// How a cell's value was inferred, as a label adds it.
fn how(provenance: Provenance) -> Message {
    match provenance {
        Provenance::Split => Message::new(
            "（由连写数字拆分得出）",
            " (split from digits run together)",
        ),
        _ => Message::new(
            "（缺少行标签，按位置读取）",
            " (read by position: no row labels)",
        ),
    }
}

/// Adds the notes to `findings`: each label on an inferred cell says how it was read, and when
/// the finding points at such a cell itself its message says so too — unless the rule's own
/// message already names the inferred cells (`names_inferred`).
pub(crate) fn attach(inferred: &[Inferred], findings: &mut [Diagnostic], names_inferred: bool) {
    if inferred.is_empty() {
        return;
    }
    let find = |span: Span| inferred.iter().find(|cell| cell.span == span);
    for finding in findings {
        for label in &mut finding.labels {
            if let Some(cell) = find(label.span) {
                let note = how(cell.provenance);
                label.message.zh.push_str(&note.zh);
                label.message.en.push_str(&note.en);
            }
        }
        if names_inferred {
            continue;
        }
        if let Some(cell) = find(finding.span) {
            let id = cell.cell.id();
            let (zh, en) = match cell.provenance {
                Provenance::Split => (
                    format!(
                        "（{id} 的数值由连写数字按勾稽关系拆分得出，可能是提取误差而非原文错误）"
                    ),
                    format!(
                        " ({id} was split from digits run together by the template arithmetic; this may be an extraction doubt rather than a source error)"
                    ),
                ),
                _ => (
                    format!("（{id} 的数值缺少行标签，按位置读取，可能是提取误差而非原文错误）"),
                    format!(
                        " ({id} was read by position, its row label missing; this may be an extraction doubt rather than a source error)"
                    ),
                ),
            };
            finding.message.zh.push_str(&zh);
            finding.message.en.push_str(&en);
        }
    }
}

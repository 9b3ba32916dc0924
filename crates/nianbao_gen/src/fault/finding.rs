//! An injected fault and the finding it must produce, located in a rendered file.

use super::kind::FaultKind;
use crate::render::{Anchor, Rendered};
use crate::report::GeneratedReport;
use nianbao_model::template::SECTIONS;
use serde::Serialize;

/// An injected fault: the finding it must produce, where, and what else it predictably causes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub kind: FaultKind,
    /// The expected finding's code (shared code scheme).
    pub code: &'static str,
    /// Where the expected finding points.
    pub anchor: Anchor,
    /// The same place in words: `T3[R25][C7]`, `F10`, `A7`, `heading 六`, `title`, …
    pub target: String,
    pub description: String,
    /// Other findings the same fault causes, with where they point.
    pub also: Vec<(&'static str, Anchor)>,
}

/// A fault located in a rendered file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExpectedFinding {
    pub code: &'static str,
    pub kind: FaultKind,
    /// 1-based line of the finding's primary span.
    pub line: u32,
    /// What the finding points at: `T3[R25][C7]`, `F10`, `A7`, `heading 六`, `title`, …
    pub target: String,
    pub description: String,
    pub also: Vec<AlsoFinding>,
}

/// A further finding the fault causes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AlsoFinding {
    pub code: &'static str,
    pub line: u32,
}

impl Fault {
    /// The expected finding with its line in `rendered`; `None` if the anchor was not printed
    /// (a bug: every fault anchors something the renderer prints).
    pub fn locate(&self, rendered: &Rendered) -> Option<ExpectedFinding> {
        Some(ExpectedFinding {
            code: self.code,
            kind: self.kind,
            line: rendered.line_of(self.anchor)?,
            target: self.target.clone(),
            description: self.description.clone(),
            also: self
                .also
                .iter()
                .filter_map(|&(code, anchor)| {
                    Some(AlsoFinding {
                        code,
                        line: rendered.line_of(anchor)?,
                    })
                })
                .collect(),
        })
    }
}

/// An anchor in the cell-id vocabulary of the spec.
pub(super) fn target(report: &GeneratedReport, anchor: Anchor) -> String {
    match anchor {
        Anchor::Title => "title".to_owned(),
        Anchor::TitleYear => "title year".to_owned(),
        Anchor::Period => "统计期限".to_owned(),
        Anchor::Heading(number) => {
            let numeral = SECTIONS
                .iter()
                .find(|section| section.number == number)
                .map_or("?", |section| section.numeral);
            format!("heading {numeral}")
        }
        Anchor::Fact(fact) => format!("narrative {fact:?}"),
        Anchor::Label(label) => format!("label {label}"),
        Anchor::Table2Cell(position) => report.table2_cells().nth(position).map_or_else(
            || format!("Table 2 cell {position}"),
            |(id, _)| id.to_owned(),
        ),
        Anchor::Table3Cell(id, column) => format!("T3[{id}][C{}]", column + 1),
        Anchor::Table4Cell(index) => format!("F{}", index + 1),
        Anchor::Stated(measure) => format!("stated {}", measure.as_str()),
    }
}

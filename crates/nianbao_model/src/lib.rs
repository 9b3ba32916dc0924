//! The typed model of one 政府信息公开工作年度报告, and of a finding about it.
//!
//! The parser (`nianbao_syntax`) produces a [`Report`]; the rules (`nianbao_rules`) read it and
//! produce [`Diagnostic`]s; the renderers (`nianbao_diagnostics`) print them. Everything here is
//! plain data. Every cell keeps its [`Span`] in the source and the kind of its value: a blank cell
//! is [`Value::Blank`], never `0`, and a value the parser had to infer says so in its
//! [`Provenance`]. Text is not copied into cells: a cell's raw text is `span.slice(source)`.
//! What the parser could not read is kept too ([`Coverage`]), so that no report passes as
//! checked whole when it was not; a report in the pre-2019 format keeps the counts its prose
//! states ([`stated`]).

pub mod coverage;
pub mod stated;
pub mod template;

mod cell;
mod diagnostic;
mod report;
mod tables;

pub use cell::{Cell, Label, LabelMatch, Placeholder, Provenance, Value, cell_json};
pub use coverage::{Completeness, Coverage, Gap, GapKind};
pub use diagnostic::{
    Category, Diagnostic, LabelledSpan, Lang, Message, Placed, RelatedLocation, Severity,
};
pub use nianbao_source::Span;
pub use report::{Evidence, Paragraph, Period, Report, Section, TemplateDetection, Title};
pub use tables::{Table2, Table2Header, Table2RowData, Table3, Table3Row, Table4};

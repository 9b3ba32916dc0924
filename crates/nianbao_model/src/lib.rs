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

pub use coverage::{Completeness, Coverage, Gap, GapKind};
pub use nianbao_source::Span;
use serde::Serialize;
use std::borrow::Cow;
use template::{ROW_SLOTS, RowId, Template, table2_rows};

/// A parsed report. Parts the parser could not find are `None` or empty; the parser reports why
/// in its own diagnostics.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub title: Option<Title>,
    /// The 统计期限 sentence, if present.
    pub period: Option<Period>,
    pub template: TemplateDetection,
    /// Top-level sections in document order (duplicates and out-of-order ones included).
    pub sections: Vec<Section>,
    /// Narrative paragraphs (not table rows) in document order.
    pub paragraphs: Vec<Paragraph>,
    pub table2: Option<Table2>,
    pub table3: Option<Table3>,
    pub table4: Option<Table4>,
    /// What could not be checked (nothing, for a report read whole).
    pub coverage: Coverage,
    /// The counts a pre-2019 report's prose states, with their breakdowns (empty for the
    /// template formats, whose tables the narrative is checked against).
    pub statistics: Vec<stated::StatedCount>,
}

impl Report {
    /// The report year: from the title, else from the 统计期限.
    pub fn year(&self) -> Option<u16> {
        self.title
            .as_ref()
            .and_then(|title| title.year)
            .or_else(|| self.period.as_ref().map(|period| period.start_year))
    }

    /// The issuing body named in the title.
    pub fn organ(&self) -> Option<&str> {
        self.title.as_ref().and_then(|title| title.organ.as_deref())
    }

    /// The section with template number `number` (1–6), first occurrence.
    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections
            .iter()
            .find(|section| section.number == number)
    }
}

/// The report title line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    pub span: Span,
    /// The issuing body (`偃师区人民政府办公室`), whitespace removed.
    pub organ: Option<String>,
    pub year: Option<u16>,
    pub year_span: Option<Span>,
}

/// `本年度报告中所列数据统计期限为2022年1月1日至12月31日`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub span: Span,
    pub start_year: u16,
    /// Present when the end date repeats the year.
    pub end_year: Option<u16>,
    /// False when the period is not the whole calendar year.
    pub whole_year: bool,
}

/// Which template the report follows, and the labels that showed it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateDetection {
    pub template: Template,
    /// True when labels of both the 2021 and the 2019 format were found.
    pub mixed: bool,
    pub evidence: Vec<Evidence>,
}

/// One label that voted for a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub template: Template,
    pub label: &'static str,
    pub span: Span,
}

/// A top-level section `一、总体情况` … `六、其他需要报告的事项`. In a report detected as
/// [`template::Template::Pre2019`] the sections are that report's own outline instead
/// (`一、概述`, `三、政府信息依申请公开工作情况`, `七、…统计表`): numbered as written, possibly past 六,
/// with [`LabelMatch::Exact`] conformity since those reports had no prescribed headings. Rules of
/// the 2019/2021 template run only on reports of those templates, so they never see an outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// From the numeral as written: 1–6 in 2019/2021 reports, the outline's own number (up to
    /// 19) before 2019.
    pub number: u8,
    /// The heading as written, numeral and whitespace included, trimmed.
    pub heading: String,
    pub heading_span: Span,
    /// How the heading text compares with the template's.
    pub conformity: LabelMatch,
    /// From the end of the heading to the start of the next section (or the end of the text).
    pub body: Span,
}

/// A narrative paragraph: a run of prose lines outside the tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// The number of the section the paragraph sits in, if any (see [`Section::number`]).
    pub section: Option<u8>,
}

/// How a printed label compares with the template's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelMatch {
    /// Character for character.
    Exact,
    /// Equal after folding widths, whitespace, quotes and numbering (`layouts.md` §1): no finding.
    Folded,
    /// A known variant or a near miss (a typo): the label deviates from the template.
    Variant,
}

/// A printed row or cell label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub matched: LabelMatch,
}

/// The value of one table cell, with its kind kept.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Value {
    /// An integer count (signed only in the 2019 `本年增/减` column).
    Number(i64),
    /// A decimal, valid only in A10 (万元) and the 2019 procurement amount.
    Decimal(f64),
    /// An empty cell: not filled in. Not zero.
    Blank,
    /// `/`, `—`, `-` or `无`.
    Placeholder(Placeholder),
    /// Text that is not a number (its text is the cell's span).
    Text,
    /// Digits whose split into cells is ambiguous; the parser lists the candidates.
    Unresolved,
    /// The slot was not found at all (a row with too few values).
    Missing,
}

impl Value {
    /// The integer, if the cell holds one.
    pub fn as_integer(self) -> Option<i64> {
        match self {
            Self::Number(value) => Some(value),
            _ => None,
        }
    }

    /// Blank, placeholder or text: the slot holds no number but was printed.
    pub fn is_blank_like(self) -> bool {
        matches!(self, Self::Blank | Self::Placeholder(_) | Self::Text)
    }
}

/// The placeholders reports print instead of numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placeholder {
    Slash,
    Dash,
    /// `无`.
    None,
}

/// How a cell's value was obtained (`layouts.md` §1 step 8).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// Read from its own cell.
    #[default]
    Exact,
    /// Split out of a run of glued digits, using the template arithmetic.
    Split,
    /// Assigned by position where the row labels were missing.
    Positional,
}

/// One table cell.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub value: Value,
    /// The printed text of the cell; empty (at the cell's position) for a blank cell.
    pub span: Span,
    pub provenance: Provenance,
}

impl Cell {
    pub fn missing(at: Span) -> Self {
        Self {
            value: Value::Missing,
            span: at,
            provenance: Provenance::Exact,
        }
    }
}

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

/// How serious a finding is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// What a check is about. Selection by category (`--select arithmetic`) uses these names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The file itself: unreadable, binary, mis-encoded, not a report, internal errors.
    Input,
    /// Tables and sections as the parser found them.
    Structure,
    Arithmetic,
    Consistency,
    Narrative,
    Format,
    Metadata,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Input => "input",
            Self::Structure => "structure",
            Self::Arithmetic => "arithmetic",
            Self::Consistency => "consistency",
            Self::Narrative => "narrative",
            Self::Format => "format",
            Self::Metadata => "metadata",
        }
    }
}

/// A text in both user languages. Chinese is the default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The language of messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A secondary location of a finding: a summed cell, the other side of a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LabelledSpan {
    pub span: Span,
    pub message: Message,
}

/// A finding about one report: from the input layer, the parser or a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code (`T3001`, `PA003`); never renamed.
    pub code: Cow<'static, str>,
    /// Stable kebab-case name.
    pub name: Cow<'static, str>,
    pub severity: Severity,
    pub category: Category,
    pub message: Message,
    /// The exact text the finding is about (a total cell, a narrative number, a label).
    pub span: Span,
    /// Cells and text that take part (the summed cells, the other side).
    pub labels: Vec<LabelledSpan>,
    /// What would be right, e.g. the expected value.
    pub help: Option<Message>,
    /// Locations in other files that take part (last year's cell for a cross-report rule).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedLocation>,
}

/// A location in another report. A cross-report rule knows only the span in the text that
/// report's grammar read (a corpus run keeps no text); whoever reads that file again places it
/// on the file as the user opens it with [`RelatedLocation::locate`]. Until then, and when the
/// file could not be read again, it is not placed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelatedLocation {
    pub path: String,
    /// The span in the text the other report's grammar read.
    pub span: Span,
    pub message: Message,
    /// Where `span` lies in the other file as editors show it, once placed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placed: Option<Placed>,
}

/// A range of a file as editors show it: 1-based lines, columns in characters, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Placed {
    pub start: nianbao_source::Position,
    pub end: nianbao_source::Position,
}

impl RelatedLocation {
    /// A location not yet placed on its file.
    pub fn new(path: impl Into<String>, span: Span, message: Message) -> Self {
        Self {
            path: path.into(),
            span,
            message,
            placed: None,
        }
    }

    /// Places the location on its file: `in_file` is [`RelatedLocation::span`] mapped into
    /// `file_text` (the same span for a plain-text report; for a page, the markup it came from),
    /// and `index` indexes `file_text`.
    pub fn locate(&mut self, file_text: &str, index: &nianbao_source::LineIndex, in_file: Span) {
        self.placed = Some(Placed {
            start: index.position(file_text, in_file.start),
            end: index.position(file_text, in_file.end),
        });
    }
}

impl Diagnostic {
    pub fn new(
        code: impl Into<Cow<'static, str>>,
        name: impl Into<Cow<'static, str>>,
        severity: Severity,
        category: Category,
        message: Message,
        span: Span,
    ) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            severity,
            category,
            message,
            span,
            labels: Vec::new(),
            help: None,
            related: Vec::new(),
        }
    }

    pub fn with_related(mut self, related: RelatedLocation) -> Self {
        self.related.push(related);
        self
    }

    pub fn with_label(mut self, span: Span, message: Message) -> Self {
        self.labels.push(LabelledSpan { span, message });
        self
    }

    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }
}

/// A cell as the JSON model shows it: a number, `null` for blank or missing, or the printed text
/// for a placeholder, unreadable text or an unresolved run of digits.
pub fn cell_json(cell: &Cell, source: &str) -> serde_json::Value {
    match cell.value {
        Value::Number(value) => serde_json::Value::from(value),
        Value::Decimal(value) => serde_json::Number::from_f64(value)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Blank | Value::Missing => serde_json::Value::Null,
        Value::Placeholder(_) | Value::Text | Value::Unresolved => {
            serde_json::Value::String(cell.span.slice(source).trim().to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use template::{TABLE3_ROWS, outcome_rows};

    fn number(value: i64, start: u32) -> Cell {
        Cell {
            value: Value::Number(value),
            span: Span::new(start, start + 1),
            provenance: Provenance::Exact,
        }
    }

    #[test]
    fn related_locations_serialise_only_when_present() {
        let plain = Diagnostic::new(
            "X001",
            "carry-over",
            Severity::Warning,
            Category::Consistency,
            Message::new("甲", "a"),
            Span::new(3, 4),
        );
        let json = serde_json::to_value(&plain).unwrap();
        assert!(json.get("related").is_none(), "{json}");
        let mut related = RelatedLocation::new(
            "2021.txt",
            Span::new(19, 20),
            Message::new("上年", "last year"),
        );
        assert_eq!(related.placed, None);
        // Line 2, after four characters of three bytes each: column 5 (byte 12 of the line).
        let text = "标题\n上年结转1\n";
        let span = related.span;
        related.locate(text, &nianbao_source::LineIndex::new(text), span);
        let placed = related.placed.unwrap();
        assert_eq!((placed.start.line, placed.start.column), (2, 5));
        assert_eq!((placed.end.line, placed.end.column), (2, 6));
        let linked = plain.with_related(related);
        let json = serde_json::to_value(&linked).unwrap();
        assert_eq!(json["related"][0]["path"], "2021.txt");
        assert_eq!(json["related"][0]["placed"]["start"]["line"], 2);
        assert_eq!(json["related"][0]["message"]["en"], "last year");
    }

    #[test]
    fn row_ids_round_trip() {
        for id in RowId::all_2021().chain([RowId::R21_23]) {
            assert_eq!(RowId::parse(id.name()), Some(id));
        }
        assert_eq!(RowId::new(0), None);
        assert_eq!(RowId::new(26), None);
        assert_eq!(RowId::R21_23.name(), "R21_23");
        assert_eq!(RowId::all_2019().count(), 23);
    }

    #[test]
    fn outcome_rows_differ_between_formats() {
        assert_eq!(outcome_rows(Template::V2021).count(), 21);
        assert_eq!(outcome_rows(Template::V2019).count(), 19);
        assert!(outcome_rows(Template::V2019).any(|id| id == RowId::R21_23));
        assert_eq!(TABLE3_ROWS[RowId::R21_23.index()].label, "其他处理");
    }

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

    #[test]
    fn cell_json_keeps_kinds() {
        let source = "81\t\t/\t无";
        assert_eq!(cell_json(&number(81, 0), source), serde_json::json!(81));
        let blank = Cell {
            value: Value::Blank,
            span: Span::new(3, 3),
            provenance: Provenance::Exact,
        };
        assert_eq!(cell_json(&blank, source), serde_json::Value::Null);
        let slash = Cell {
            value: Value::Placeholder(Placeholder::Slash),
            span: Span::new(4, 5),
            provenance: Provenance::Exact,
        };
        assert_eq!(cell_json(&slash, source), serde_json::json!("/"));
    }

    #[test]
    fn year_prefers_title() {
        let report = Report {
            title: Some(Title {
                span: Span::default(),
                organ: Some("偃师区人民政府办公室".into()),
                year: Some(2024),
                year_span: None,
            }),
            period: Some(Period {
                span: Span::default(),
                start_year: 2023,
                end_year: None,
                whole_year: true,
            }),
            ..Report::default()
        };
        assert_eq!(report.year(), Some(2024));
        assert_eq!(report.organ(), Some("偃师区人民政府办公室"));
    }

    #[test]
    fn expected_template_by_year() {
        assert_eq!(Template::expected_for_year(2018), Template::Pre2019);
        assert_eq!(Template::expected_for_year(2020), Template::V2019);
        assert_eq!(Template::expected_for_year(2024), Template::V2021);
    }
}

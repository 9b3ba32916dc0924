//! A parsed report: title, 统计期限, detected template, sections, paragraphs and tables.

use crate::cell::LabelMatch;
use crate::coverage::Coverage;
use crate::stated;
use crate::tables::{Table2, Table3, Table4};
use crate::template::Template;
use nianbao_source::Span;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}

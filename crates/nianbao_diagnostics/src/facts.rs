//! What the audit page and the CSV say about a report besides its findings: the issuing body,
//! the year, the template, and what of it could not be checked (the parser's
//! [`Coverage`], whose gaps the page lists in the words C001 uses).

use nianbao_model::template::Template;
use nianbao_model::{Coverage, Lang, Report};

/// A report as the audit page's table and the CSV's rows name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFacts {
    /// The issuing body named in the title.
    pub body: Option<String>,
    pub year: Option<u16>,
    pub template: Template,
    /// What could not be checked; no gap for a report checked fully.
    pub coverage: Coverage,
}

impl ReportFacts {
    pub fn of(report: &Report) -> ReportFacts {
        ReportFacts {
            body: report.organ().map(str::to_owned),
            year: report.year(),
            template: report.template.template,
            coverage: report.coverage.clone(),
        }
    }

    /// Each part not checked, in words (consecutive repeats once).
    pub fn unchecked(&self, lang: Lang) -> Vec<String> {
        let mut said: Vec<String> = self
            .coverage
            .gaps
            .iter()
            .map(|gap| gap.kind.describe().get(lang).to_owned())
            .collect();
        said.dedup();
        said
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::{Gap, GapKind, Span};

    #[test]
    fn the_facts_of_a_parsed_report_and_its_gaps_in_words() {
        let report = parsed_by_hand();
        let facts = ReportFacts::of(&report);
        assert_eq!(facts.body.as_deref(), Some("宁化县民政局"));
        assert_eq!(
            (facts.year, facts.template),
            (Some(2013), Template::Pre2019)
        );
        assert_eq!(
            facts.unchecked(Lang::Zh),
            [
                "2008 年版格式（2019 年以前）：统计表不是 2019/2021 年模板的表格，未按模板核对；仅核对了正文所述 1 组总数与分项是否自洽",
                "表三有 2 行未读到"
            ]
        );
        assert_eq!(facts.unchecked(Lang::En)[1], "Table 3: 2 rows not read");
    }

    /// A report as the parser leaves it, built by hand (this crate does not parse).
    fn parsed_by_hand() -> Report {
        let gap = |kind| Gap {
            kind,
            span: Span::default(),
        };
        let unread = GapKind::CellsUnread {
            table: 3,
            rows: 2,
            cells: 0,
        };
        let mut report = Report {
            title: Some(nianbao_model::Title {
                span: Span::default(),
                organ: Some("宁化县民政局".to_owned()),
                year: Some(2013),
                year_span: None,
            }),
            ..Report::default()
        };
        report.template.template = Template::Pre2019;
        report.coverage.gaps = vec![
            gap(GapKind::OldFormat { breakdowns: 1 }),
            gap(unread),
            gap(unread),
        ];
        report
    }
}

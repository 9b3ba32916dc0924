//! What the audit page and the CSV say about a report besides its findings: the issuing body,
//! the year, the template, and whether it was checked fully ([`coverage`]).

use nianbao_model::template::Template;
use nianbao_model::{Diagnostic, Lang, Report};

/// A report as the audit page's table and the CSV's rows name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFacts {
    /// The issuing body named in the title.
    pub body: Option<String>,
    pub year: Option<u16>,
    pub template: Template,
    pub coverage: Coverage,
}

impl ReportFacts {
    /// The facts of a parsed report; `parse_diagnostics` are the parser's own findings about it
    /// (before the user's selection: what was read does not depend on what is shown).
    pub fn of(report: &Report, parse_diagnostics: &[Diagnostic]) -> ReportFacts {
        ReportFacts {
            body: report.organ().map(str::to_owned),
            year: report.year(),
            template: report.template.template,
            coverage: coverage(report, parse_diagnostics),
        }
    }
}

/// What of a report could not be checked. Empty when it was checked fully.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub gaps: Vec<Gap>,
}

/// One reason a report was not checked fully.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// The free-form format of 2008–2018: its tables are not read against a template.
    Pre2019Format,
    /// Statistics tables (2, 3, 4) not found.
    TablesMissing(Vec<u8>),
    /// The parser could not read some rows or a table; identities on them were skipped.
    Unread(UnreadCount),
}

/// How often the parser said it could not read a row or table, under one code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadCount {
    pub code: String,
    pub count: usize,
}

/// Parse findings that mean some cells were not read, so identities on them were not checked:
/// a template row not found (PA002), a row with the wrong number of values (PA003), run-together
/// digits with several or no splits (PA005, PA009), a table found but unreadable (PA011) or
/// exported column by column (PA012).
const UNREAD_CODES: [&str; 6] = ["PA002", "PA003", "PA005", "PA009", "PA011", "PA012"];

/// Whether `report` was checked fully, derived from what the parser found: the one place that
/// decides it for the page and the CSV. (When the model records its own coverage, this reads
/// it instead.)
pub fn coverage(report: &Report, parse_diagnostics: &[Diagnostic]) -> Coverage {
    let mut gaps = Vec::new();
    if report.template.template == Template::Pre2019 {
        gaps.push(Gap::Pre2019Format);
    } else {
        let missing: Vec<u8> = [
            (2, report.table2.is_none()),
            (3, report.table3.is_none()),
            (4, report.table4.is_none()),
        ]
        .into_iter()
        .filter_map(|(table, missing)| missing.then_some(table))
        .collect();
        if !missing.is_empty() {
            gaps.push(Gap::TablesMissing(missing));
        }
    }
    for code in UNREAD_CODES {
        let count = parse_diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code == code)
            .count();
        if count > 0 {
            gaps.push(Gap::Unread(UnreadCount {
                code: code.to_owned(),
                count,
            }));
        }
    }
    Coverage { gaps }
}

impl Coverage {
    pub fn is_full(&self) -> bool {
        self.gaps.is_empty()
    }

    /// Each reason in words, for the page.
    pub fn reasons(&self, lang: Lang) -> Vec<String> {
        self.gaps.iter().map(|gap| gap.describe(lang)).collect()
    }
}

impl Gap {
    fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Gap::Pre2019Format, Lang::Zh) => {
                "2019 年以前的格式：统计数字未按模板表格核对".to_owned()
            }
            (Gap::Pre2019Format, Lang::En) => {
                "pre-2019 format: its figures were not checked against the template's tables"
                    .to_owned()
            }
            (Gap::TablesMissing(tables), Lang::Zh) => {
                let names: Vec<String> = tables
                    .iter()
                    .map(|table| format!("表{}", numeral(*table)))
                    .collect();
                format!("未找到{}，相关勾稽关系未核对", names.join("、"))
            }
            (Gap::TablesMissing(tables), Lang::En) => {
                let names: Vec<String> = tables.iter().map(u8::to_string).collect();
                format!(
                    "table {} not found; its identities were not checked",
                    names.join(", ")
                )
            }
            (Gap::Unread(unread), Lang::Zh) => format!(
                "{} 处未读出（{}），涉及的勾稽关系未核对",
                unread.count, unread.code
            ),
            (Gap::Unread(unread), Lang::En) => format!(
                "{} {} not read ({}); identities on them were not checked",
                unread.count,
                if unread.count == 1 { "part" } else { "parts" },
                unread.code
            ),
        }
    }
}

/// `2` → `二`, for table names.
fn numeral(table: u8) -> &'static str {
    match table {
        1 => "一",
        2 => "二",
        3 => "三",
        4 => "四",
        _ => "？",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::{Category, Message, Severity, Span, Table3, Table4};

    fn parse_warning(code: &'static str) -> Diagnostic {
        Diagnostic::new(
            code,
            "x",
            Severity::Warning,
            Category::Structure,
            Message::new("未读出", "not read"),
            Span::default(),
        )
    }

    #[test]
    fn a_report_with_every_table_and_no_reading_doubt_is_full() {
        let mut report = Report::default();
        report.template.template = Template::V2021;
        report.table3 = Some(Table3::new(Span::default()));
        assert_eq!(
            coverage(&report, &[]).gaps,
            [Gap::TablesMissing(vec![2, 4])]
        );
        report.table2 = Some(nianbao_model::Table2 {
            span: Span::default(),
            layout: Template::V2021,
            rows: Vec::new(),
            headers: Vec::new(),
        });
        report.table4 = Some(Table4 {
            span: Span::default(),
            cells: std::array::from_fn(|_| nianbao_model::Cell::missing(Span::default())),
        });
        assert!(coverage(&report, &[parse_warning("PA004")]).is_full());
        let partial = coverage(
            &report,
            &[
                parse_warning("PA002"),
                parse_warning("PA012"),
                parse_warning("PA002"),
            ],
        );
        assert!(!partial.is_full());
        assert_eq!(
            partial.reasons(Lang::Zh),
            [
                "2 处未读出（PA002），涉及的勾稽关系未核对",
                "1 处未读出（PA012），涉及的勾稽关系未核对"
            ]
        );
    }

    #[test]
    fn a_pre_2019_report_is_never_full() {
        let mut report = Report::default();
        report.template.template = Template::Pre2019;
        let found = coverage(&report, &[]);
        assert_eq!(found.gaps, [Gap::Pre2019Format]);
        assert!(found.reasons(Lang::En)[0].starts_with("pre-2019 format"));
    }
}

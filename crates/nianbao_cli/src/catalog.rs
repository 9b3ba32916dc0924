//! Every code the CLI can print: its own input codes (IO…), the parser's (PA…) and the loaded
//! rules, each with its documentation in both languages. `nianbao rules`, `nianbao rule CODE`,
//! SARIF's `tool.driver.rules` and the generated `docs/rules/` read this. The documentation is
//! built only where it is printed ([`Docs`]): for a single report it cost more than checking it.

mod input_docs;
mod parse_docs;

use input_docs::input_doc;
use nianbao_diagnostics::RuleMeta;
use nianbao_model::{Category, Diagnostic, Message, Severity, Span};
use nianbao_rules::RuleSet;
use nianbao_rules::docs;
use parse_docs::parse_doc;
use std::cell::OnceCell;

/// The input problems the CLI itself reports: a file that could not be read or checked (one
/// finding for the whole file), or a place where it was not read as written (located).
///
/// Input findings cannot be deselected, ignored or hidden by a baseline: a file that was not
/// checked, or not checked entirely, must say so in every run (their severity can still be
/// overridden in `nianbao.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputProblem {
    Unreadable,
    Binary,
    UnknownEncoding,
    Empty,
    TooLarge,
    NotAReport,
    Internal,
    /// Damaged bytes replaced by U+FFFD (located).
    BytesReplaced,
    /// A table cut at the cell budget (located).
    TableTooLarge,
    /// The `nianbao.toml` governing the file is malformed: the file was not checked.
    BadConfig,
    /// A PDF whose pages hold no text (a scan): one of the reports, none of it checked.
    NoTextLayer,
}

impl InputProblem {
    const ALL: [InputProblem; 11] = [
        Self::Unreadable,
        Self::Binary,
        Self::UnknownEncoding,
        Self::Empty,
        Self::TooLarge,
        Self::NotAReport,
        Self::Internal,
        Self::BytesReplaced,
        Self::TableTooLarge,
        Self::BadConfig,
        Self::NoTextLayer,
    ];

    fn code(self) -> &'static str {
        match self {
            Self::Unreadable => "IO001",
            Self::Binary => "IO002",
            Self::UnknownEncoding => "IO003",
            Self::Empty => "IO004",
            Self::TooLarge => "IO005",
            Self::NotAReport => "IO006",
            Self::Internal => "IO007",
            Self::BytesReplaced => "IO008",
            Self::TableTooLarge => "IO009",
            Self::BadConfig => "IO010",
            Self::NoTextLayer => "IO011",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Unreadable => "file-unreadable",
            Self::Binary => "binary-file",
            Self::UnknownEncoding => "unknown-encoding",
            Self::Empty => "empty-file",
            Self::TooLarge => "file-too-large",
            Self::NotAReport => "not-a-report",
            Self::Internal => "internal-error",
            Self::BytesReplaced => "bytes-replaced",
            Self::TableTooLarge => "table-too-large",
            Self::BadConfig => "config-error",
            Self::NoTextLayer => "no-text-layer",
        }
    }

    /// Files that are not reports at all (empty, or with no report anchors) are usually strays
    /// in a folder, not defects; files that could not be checked are errors, because a silent
    /// gap in a corpus run is worse than a loud one. A file read with a doubt (bytes replaced,
    /// a table cut) was checked, but not all of it as written: a warning, like every reading
    /// doubt.
    fn severity(self) -> Severity {
        match self {
            Self::Empty | Self::NotAReport | Self::BytesReplaced | Self::TableTooLarge => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }

    fn summary(self) -> Message {
        match self {
            Self::Unreadable => Message::new("文件无法读取", "the file cannot be read"),
            Self::Binary => Message::new("二进制文件，不是文本", "binary file, not text"),
            Self::UnknownEncoding => Message::new(
                "无法识别的文本编码（不是 UTF-8、UTF-16 或 GB18030）",
                "unknown text encoding (not UTF-8, UTF-16 or GB18030)",
            ),
            Self::Empty => Message::new("文件为空", "the file is empty"),
            Self::TooLarge => Message::new("文件过大，未检查", "the file is too large to check"),
            Self::NotAReport => Message::new(
                "未找到年度报告的标题、章节或表格：不是政府信息公开工作年度报告",
                "no report title, section or table found: not an annual disclosure report",
            ),
            Self::Internal => Message::new(
                "检查本文件时发生内部错误",
                "internal error while checking this file",
            ),
            Self::BytesReplaced => {
                Message::new("文件中有无法解码的字节", "bytes that cannot be decoded")
            }
            Self::TableTooLarge => {
                Message::new("表格过大，未全部读取", "a table too large to read entirely")
            }
            Self::BadConfig => Message::new(
                "配置文件有误，本文件未检查",
                "the configuration is malformed; this file was not checked",
            ),
            Self::NoTextLayer => Message::new(
                "无文字层，可能是扫描件，未检查",
                "no text layer, probably a scan; not checked",
            ),
        }
    }

    /// This problem with nothing to add.
    pub fn finding(self) -> InputFinding {
        InputFinding {
            problem: self,
            detail: None,
        }
    }

    /// This problem with `detail` (an OS error, a size, the front end's reason) to add.
    pub fn because(self, detail: Message) -> InputFinding {
        InputFinding {
            problem: self,
            detail: Some(detail),
        }
    }

    fn meta(self, docs: Docs) -> RuleMeta {
        RuleMeta {
            code: self.code().into(),
            name: self.name().into(),
            severity: self.severity(),
            category: Category::Input,
            summary: self.summary(),
            doc: docs.built().then(|| self.doc()),
        }
    }

    fn doc(self) -> Message {
        docs::body(&input_doc(self))
    }
}

/// A file's input problem, with what its finding adds to the problem's summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFinding {
    pub problem: InputProblem,
    pub detail: Option<Message>,
}

impl InputFinding {
    /// The finding located at `span` (in the text the grammar read) rather than at the file's
    /// start.
    pub fn located(&self, span: Span) -> Diagnostic {
        Diagnostic {
            span,
            ..self.diagnostic()
        }
    }

    /// The finding: the summary with the detail appended, located at the file's start.
    pub fn diagnostic(&self) -> Diagnostic {
        let problem = self.problem;
        let summary = problem.summary();
        let message = match &self.detail {
            Some(detail) => Message::new(
                format!("{}：{}", summary.zh, detail.zh),
                format!("{}: {}", summary.en, detail.en),
            ),
            None => summary,
        };
        let diagnostic = Diagnostic::new(
            problem.code(),
            problem.name(),
            problem.severity(),
            Category::Input,
            message,
            Span::default(),
        );
        match problem {
            InputProblem::Internal => diagnostic.with_help(Message::new(
                "这是 nianbao 的缺陷，请附上此文件报告问题；其他文件的检查不受影响",
                "this is a bug in nianbao; please report it with this file. Other files were checked",
            )),
            InputProblem::TooLarge => diagnostic.with_help(Message::new(
                "可用 --max-file-size 提高上限",
                "raise the limit with --max-file-size",
            )),
            _ => diagnostic,
        }
    }
}

/// Whether a catalogue carries each code's documentation. Building it (every rule's page, in
/// both languages) is most of a catalogue's cost, and only SARIF and `nianbao rules
/// --output-format json` print all of it; `nianbao rule CODE` builds its one page with [`doc`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Docs {
    Built,
    /// Every [`RuleMeta::doc`] is `None`.
    Left,
}

impl Docs {
    fn built(self) -> bool {
        self == Docs::Built
    }
}

/// Every known code, sorted by code; a code both the CLI or the parser and a rule file name is
/// the former's.
pub fn catalogue(rules: &RuleSet, docs: Docs) -> Vec<RuleMeta> {
    let mut all: Vec<RuleMeta> = InputProblem::ALL.iter().map(|p| p.meta(docs)).collect();
    all.extend(nianbao_syntax::PARSE_CODES.iter().map(|parse| RuleMeta {
        code: parse.code.into(),
        name: parse.name.into(),
        severity: parse.severity,
        category: Category::Structure,
        summary: Message::new(parse.summary_zh, parse.summary_en),
        doc: docs.built().then(|| parse_code_doc(parse.code)).flatten(),
    }));
    all.extend(rules.rules().iter().map(|rule| RuleMeta {
        code: rule.code.clone(),
        name: rule.name.clone(),
        severity: rule.severity,
        category: rule.category,
        summary: rule.summary.clone(),
        doc: docs.built().then(|| docs::rule_doc(rule)),
    }));
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all.dedup_by(|a, b| a.code == b.code);
    all
}

/// A run's catalogue, built the first time something reads it: a run with no selector to check
/// and a format that names no rule (most runs, and every single report) never builds it.
pub struct OnDemand<'r> {
    rules: &'r RuleSet,
    docs: Docs,
    built: OnceCell<Vec<RuleMeta>>,
}

impl<'r> OnDemand<'r> {
    pub fn new(rules: &'r RuleSet, docs: Docs) -> Self {
        OnDemand {
            rules,
            docs,
            built: OnceCell::new(),
        }
    }

    pub fn get(&self) -> &[RuleMeta] {
        self.built.get_or_init(|| catalogue(self.rules, self.docs))
    }
}

/// The documentation of one code, as [`catalogue`] with [`Docs::Built`] has it.
pub fn doc(rules: &RuleSet, code: &str) -> Option<Message> {
    if let Some(problem) = InputProblem::ALL.iter().find(|p| p.code() == code) {
        return Some(problem.doc());
    }
    if nianbao_syntax::PARSE_CODES
        .iter()
        .any(|parse| parse.code == code)
    {
        return parse_code_doc(code);
    }
    rules
        .rules()
        .iter()
        .find(|rule| rule.code == code)
        .map(docs::rule_doc)
}

fn parse_code_doc(code: &str) -> Option<Message> {
    parse_doc(code).map(|sections| docs::body(&sections))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_codes_follow_the_shared_scheme() {
        let codes: Vec<_> = InputProblem::ALL.iter().map(|p| p.code()).collect();
        assert_eq!(
            codes,
            [
                "IO001", "IO002", "IO003", "IO004", "IO005", "IO006", "IO007", "IO008", "IO009",
                "IO010", "IO011"
            ]
        );
        let detailed = InputProblem::Unreadable
            .because(Message::new("权限不足", "denied"))
            .diagnostic();
        assert_eq!(detailed.message.zh, "文件无法读取：权限不足");
        assert_eq!(detailed.message.en, "the file cannot be read: denied");
        assert_eq!(detailed.severity, Severity::Error);
    }

    /// Issue 16: every code has a page that says what it means, why and what to do — a PA005
    /// warning comes with advice.
    #[test]
    fn every_code_is_documented_in_both_languages() {
        let rules = RuleSet::builtin().unwrap();
        let all = catalogue(&rules, Docs::Built);
        assert!(all.len() > 50);
        for meta in &all {
            let doc = meta
                .doc
                .as_ref()
                .unwrap_or_else(|| panic!("{} has no doc", meta.code));
            assert!(!doc.zh.is_empty() && !doc.en.is_empty(), "{}", meta.code);
            let is_rule = rules.rule(&meta.code).is_some();
            let headings: &[&str] = if is_rule {
                &["## 检查内容", "## 为什么"]
            } else {
                &["## 含义", "## 影响", "## 怎么办"]
            };
            for heading in headings {
                assert!(doc.zh.contains(heading), "{}: {heading}", meta.code);
            }
            assert!(
                doc.zh
                    .chars()
                    .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
                    .count()
                    > 20,
                "{} is not documented in Chinese",
                meta.code
            );
            assert!(!doc.en.contains("## 含义"), "{}", meta.code);
        }
        let pa005 = all.iter().find(|meta| meta.code == "PA005").unwrap();
        assert!(pa005.doc.as_ref().unwrap().zh.contains("原件"));
    }

    #[test]
    fn catalogue_is_sorted_and_unique() {
        let all = catalogue(&RuleSet::default(), Docs::Left);
        assert!(all.windows(2).all(|pair| pair[0].code < pair[1].code));
        assert!(all.iter().any(|rule| rule.code == "PA005"));
    }

    /// The page `nianbao rule CODE` builds alone is the catalogue's, for each kind of code; a
    /// catalogue without pages has none.
    #[test]
    fn one_code_is_documented_as_in_the_catalogue() {
        let rules = RuleSet::builtin().unwrap();
        let documented = catalogue(&rules, Docs::Built);
        let bare = catalogue(&rules, Docs::Left);
        assert_eq!(documented.len(), bare.len());
        assert!(bare.iter().all(|meta| meta.doc.is_none()));
        for code in ["IO005", "PA005", "T3001"] {
            let meta = documented.iter().find(|meta| meta.code == code).unwrap();
            assert!(meta.doc.is_some(), "{code}");
            assert_eq!(doc(&rules, code), meta.doc, "{code}");
        }
        assert_eq!(doc(&rules, "ZZ999"), None);
    }
}

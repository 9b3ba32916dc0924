//! Every code the CLI can print: its own input codes (IO…), the parser's (PA…) and the loaded
//! rules. `nianbao rules`, `nianbao rule CODE` and SARIF's `tool.driver.rules` read this.

use nianbao_diagnostics::RuleMeta;
use nianbao_model::{Category, Diagnostic, Message, Severity, Span};
use nianbao_rules::RuleSet;

/// The input problems the CLI itself reports, one per file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputProblem {
    Unreadable,
    Binary,
    UnknownEncoding,
    Empty,
    TooLarge,
    NotAReport,
    Internal,
}

impl InputProblem {
    const ALL: [InputProblem; 7] = [
        Self::Unreadable,
        Self::Binary,
        Self::UnknownEncoding,
        Self::Empty,
        Self::TooLarge,
        Self::NotAReport,
        Self::Internal,
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
        }
    }

    /// Files that are not reports at all (empty, or with no report anchors) are usually strays
    /// in a folder, not defects; files that could not be checked are errors, because a silent
    /// gap in a corpus run is worse than a loud one.
    fn severity(self) -> Severity {
        match self {
            Self::Empty | Self::NotAReport => Severity::Warning,
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

    /// When the finding is given, for `nianbao rule IO00x` and SARIF.
    fn doc(self) -> Message {
        match self {
            Self::Unreadable => Message::new(
                "文件无法打开或读取（权限、已被删除、是文件夹等）。该文件未被检查，运行继续。",
                "The file could not be opened or read (permissions, deleted, a folder …). It was \
                 not checked; the run goes on.",
            ),
            Self::Binary => Message::new(
                "内容含 NUL 字节或大量控制字符，不是文本文件（例如误命名为 .txt 的 PDF 或 Word 文件）。\
                 请先转换为纯文本。",
                "The content has NUL bytes or mostly control characters: not a text file (e.g. a \
                 PDF or Word file named .txt). Convert it to plain text first.",
            ),
            Self::UnknownEncoding => Message::new(
                "内容既不是 UTF-8、UTF-16，也不是 GB18030/GBK，或者字节顺序标记与内容不符。\
                 请另存为 UTF-8。",
                "The content is neither UTF-8, UTF-16 nor GB18030/GBK, or its byte order mark \
                 does not match it. Save it as UTF-8.",
            ),
            Self::Empty => Message::new(
                "文件为空或只有空白字符。",
                "The file is empty or holds only whitespace.",
            ),
            Self::TooLarge => Message::new(
                "文件超过 --max-file-size（默认 20 MB），未读取；或 Word 文件解压后过大、压缩比异常\
                 （疑似压缩炸弹）。年度报告的纯文本通常只有几十 KB。",
                "The file exceeds --max-file-size (20 MB by default) and was not read, or a Word \
                 file inflates too far or too steeply (like a zip bomb). The plaintext of an \
                 annual report is usually a few tens of KB.",
            ),
            Self::NotAReport => Message::new(
                "文本中没有年度报告的标题、六个部分的标题或任何统计表，因此不套用模板规则；\
                 或者 .docx 文件不是完整的 Word 文档。",
                "The text has no report title, none of the six section headings and no table, so \
                 the template rules are not applied; or a .docx file is not a complete Word \
                 document.",
            ),
            Self::Internal => Message::new(
                "检查该文件时 nianbao 自身出错（程序缺陷）。该文件没有结果，其他文件照常检查。",
                "nianbao itself failed while checking this file (a bug). The file has no \
                 results; the other files were checked as usual.",
            ),
        }
    }

    fn meta(self) -> RuleMeta {
        RuleMeta {
            code: self.code().into(),
            name: self.name().into(),
            severity: self.severity(),
            category: Category::Input,
            summary: self.summary(),
            doc: Some(self.doc()),
        }
    }
}

/// A file's input problem, with what its finding adds to the problem's summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFinding {
    pub problem: InputProblem,
    pub detail: Option<Message>,
}

impl InputFinding {
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

/// Every known code, sorted by code.
pub fn catalogue(rules: &RuleSet) -> Vec<RuleMeta> {
    let mut all: Vec<RuleMeta> = InputProblem::ALL.iter().map(|p| p.meta()).collect();
    all.extend(nianbao_syntax::PARSE_CODES.iter().map(|parse| RuleMeta {
        code: parse.code.into(),
        name: parse.name.into(),
        severity: parse.severity,
        category: Category::Structure,
        summary: Message::new(parse.summary_zh, parse.summary_en),
        doc: None,
    }));
    all.extend(rules.rules().iter().map(|rule| {
        // Rule docs are written once, in English Markdown; both languages show them.
        let doc = [rule.description.trim(), rule.why.trim()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        RuleMeta {
            code: rule.code.clone(),
            name: rule.name.clone(),
            severity: rule.severity,
            category: rule.category,
            summary: rule.summary.clone(),
            doc: (!doc.is_empty()).then(|| Message::new(doc.clone(), doc)),
        }
    }));
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all.dedup_by(|a, b| a.code == b.code);
    all
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
                "IO001", "IO002", "IO003", "IO004", "IO005", "IO006", "IO007"
            ]
        );
        let detailed = InputProblem::Unreadable
            .because(Message::new("权限不足", "denied"))
            .diagnostic();
        assert_eq!(detailed.message.zh, "文件无法读取：权限不足");
        assert_eq!(detailed.message.en, "the file cannot be read: denied");
        assert_eq!(detailed.severity, Severity::Error);
    }

    #[test]
    fn catalogue_is_sorted_and_unique() {
        let all = catalogue(&RuleSet::default());
        assert!(all.windows(2).all(|pair| pair[0].code < pair[1].code));
        assert!(all.iter().any(|rule| rule.code == "PA005"));
    }
}

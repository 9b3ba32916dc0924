//! Every code the CLI can print: its own input codes (IO…), the parser's (PA…) and the loaded
//! rules, each with its documentation in both languages. `nianbao rules`, `nianbao rule CODE`,
//! SARIF's `tool.driver.rules` and the generated `docs/rules/` read this.

mod parse_docs;

use nianbao_diagnostics::RuleMeta;
use nianbao_model::{Category, Diagnostic, Message, Severity, Span};
use nianbao_rules::RuleSet;
use nianbao_rules::docs::{self, Section};
use parse_docs::parse_doc;

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

    /// What the problem means, why it matters and what to do: for `nianbao rule IO00x`, SARIF
    /// and `docs/rules/IO00x.md`.
    fn sections(self) -> Vec<Section> {
        let (what, why, todo) = match self {
            Self::Unreadable => (
                Message::new(
                    "文件无法打开或读取：没有权限、已被删除、是一个文件夹，或者读取时出错。",
                    "The file could not be opened or read: no permission, deleted, a folder, or a read error.",
                ),
                Message::new(
                    "这个文件没有检查；其余文件照常检查，运行不会中断。文件夹检查中缺了一份报告，跨年度比较也会少一年。",
                    "The file was not checked; the other files were, and the run went on. A report missing from a folder run also leaves a year out of the cross-year comparisons.",
                ),
                Message::new(
                    "确认路径和读取权限；文件在网络盘或正被其他程序占用时，复制到本地再检查。",
                    "Check the path and the permissions; copy a file on a network drive or held by another program to a local folder first.",
                ),
            ),
            Self::Binary => (
                Message::new(
                    "内容含有 NUL 字节或大量控制字符，不是文本文件——例如改了扩展名 .txt 的 PDF 或 Word 文件。",
                    "The content has NUL bytes or mostly control characters: not a text file — for example a PDF or Word file renamed to .txt.",
                ),
                Message::new(
                    "无法从中读出报告文字，文件没有检查。",
                    "No report text can be read from it; the file was not checked.",
                ),
                Message::new(
                    "用正确的扩展名保存（Word 文件用 .docx），或先转换为纯文本。",
                    "Save it under its real extension (.docx for Word), or convert it to plain text first.",
                ),
            ),
            Self::UnknownEncoding => (
                Message::new(
                    "内容既不是 UTF-8、UTF-16，也不是 GB18030/GBK，或者字节顺序标记与内容不符。",
                    "The content is neither UTF-8, UTF-16 nor GB18030/GBK, or its byte order mark does not match it.",
                ),
                Message::new(
                    "猜测编码会得到乱码，再据此检查只会产生错误的发现，所以文件没有检查。",
                    "Guessing the encoding would give garbled text and false findings, so the file was not checked.",
                ),
                Message::new(
                    "用文本编辑器另存为 UTF-8 后再检查。",
                    "Save it as UTF-8 in a text editor and check it again.",
                ),
            ),
            Self::Empty => (
                Message::new(
                    "文件为空，或者只有空白字符。",
                    "The file is empty or holds only whitespace.",
                ),
                Message::new(
                    "没有可检查的内容。文件夹里的空文件通常是下载或转换失败留下的。",
                    "There is nothing to check. An empty file in a folder is usually left by a failed download or conversion.",
                ),
                Message::new(
                    "重新下载或转换这份报告；不需要的空文件可以删除，或在检查时排除。",
                    "Download or convert the report again; delete an empty file that is not needed, or leave it out of the run.",
                ),
            ),
            Self::TooLarge => (
                Message::new(
                    "文件超过 --max-file-size（默认 20 MB），没有读取；或者 Word 文件解压后过大、压缩比异常（像压缩炸弹）。",
                    "The file exceeds --max-file-size (20 MB by default) and was not read, or a Word file inflates too far or too steeply (like a zip bomb).",
                ),
                Message::new(
                    "年报的纯文本通常只有几十 KB；限制大小是为了让一个异常文件不拖垮整批检查。",
                    "The plaintext of an annual report is usually a few tens of KB; the limit keeps one odd file from stalling a whole run.",
                ),
                Message::new(
                    "确认这确实是一份年报；是的话，用 --max-file-size 提高上限后再检查。",
                    "Make sure it really is an annual report; if it is, raise the limit with --max-file-size and check it again.",
                ),
            ),
            Self::NotAReport => (
                Message::new(
                    "文本中没有年报的标题、六个部分的任何标题或任何统计表，因此不套用模板规则；或者 .docx 文件不是完整的 Word 文档。",
                    "The text has no report title, none of the six section headings and no table, so the template rules are not applied; or a .docx file is not a complete Word document.",
                ),
                Message::new(
                    "对一份不是年报的文件套用年报规则，只会产生一堆无意义的发现。文件夹里混入的说明文件、附件等通常属于这种情况。",
                    "Applying the report rules to a file that is not a report would only produce meaningless findings. Notes, attachments and the like mixed into a folder are the usual case.",
                ),
                Message::new(
                    "确认文件内容：是年报的话，可能是标题和章节在转换中丢失了，请换一个完整的版本；不是年报的话，可以忽略或在检查时排除。",
                    "Look at the file: if it is a report, its title and headings were probably lost in conversion — use a complete copy; if not, ignore it or leave it out of the run.",
                ),
            ),
            Self::Internal => (
                Message::new(
                    "检查这个文件时 nianbao 自身出错（程序缺陷）。",
                    "nianbao itself failed while checking this file (a bug).",
                ),
                Message::new(
                    "这个文件没有结果；其他文件照常检查，结果不受影响。",
                    "The file has no results; the other files were checked as usual.",
                ),
                Message::new(
                    "请附上这个文件报告问题。",
                    "Please report the problem with this file attached.",
                ),
            ),
        };
        vec![
            Section {
                heading: Message::new("含义", "What it means"),
                text: what,
            },
            Section {
                heading: Message::new("影响", "Why it matters"),
                text: why,
            },
            Section {
                heading: Message::new("怎么办", "What to do"),
                text: todo,
            },
        ]
    }

    fn meta(self) -> RuleMeta {
        RuleMeta {
            code: self.code().into(),
            name: self.name().into(),
            severity: self.severity(),
            category: Category::Input,
            summary: self.summary(),
            doc: Some(docs::body(&self.sections())),
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
        doc: parse_doc(parse.code).map(|sections| docs::body(&sections)),
    }));
    all.extend(rules.rules().iter().map(|rule| RuleMeta {
        code: rule.code.clone(),
        name: rule.name.clone(),
        severity: rule.severity,
        category: rule.category,
        summary: rule.summary.clone(),
        doc: Some(docs::rule_doc(rule)),
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

    /// Issue 16: every code has a page that says what it means, why and what to do — a PA005
    /// warning comes with advice.
    #[test]
    fn every_code_is_documented_in_both_languages() {
        let rules = RuleSet::builtin().unwrap();
        let all = catalogue(&rules);
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
        let all = catalogue(&RuleSet::default());
        assert!(all.windows(2).all(|pair| pair[0].code < pair[1].code));
        assert!(all.iter().any(|rule| rule.code == "PA005"));
    }
}

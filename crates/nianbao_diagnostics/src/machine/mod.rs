//! Line formats for tools: concise (compilers' `path:line:col:`), JSON objects, GitHub workflow
//! commands. Each shows columns in the [`ColumnUnit`] it is given.

mod json;

use crate::{ColumnUnit, Finding};
use json::FindingObject;
use nianbao_model::{Lang, Severity};
use serde_json::Value;
use std::io::{self, Write};

/// `path:line:col: severity[code] message`, one line per finding, the severity one of `error`,
/// `warning`, `info`: for Vim's quickfix (`%f:%l:%c: %trror%m`, `%tarning`, `%tnfo` give the
/// type), Emacs' compilation mode and VS Code problem matchers (README, Editors). On a PDF the
/// line and column are those of the extracted text and the message ends with the page
/// (`（第 4 页）`, `(page 4)`).
pub fn concise(finding: &Finding, unit: ColumnUnit, lang: Lang) -> String {
    // A newline inside a message would split one finding into two for line-based tools.
    let message = finding.message.replace(['\r', '\n'], " ");
    format!(
        "{}:{}:{}: {}[{}] {message}{}",
        finding.path,
        finding.region.start.line,
        finding.region.start.column_in(unit),
        finding.severity.as_str(),
        finding.code,
        page_note(finding.page, lang),
    )
}

/// `（第 4 页）` / ` (page 4)` after a message about a PDF, nothing otherwise.
pub fn page_note(page: Option<u32>, lang: Lang) -> String {
    match (page, lang) {
        (None, _) => String::new(),
        (Some(page), Lang::Zh) => format!("（第 {page} 页）"),
        (Some(page), Lang::En) => format!(" (page {page})"),
    }
}

/// One finding as the JSON / JSONL object, columns counted in `unit`, for a document that
/// holds it among other values (`nianbao parse`); the line formats write it directly
/// ([`write_json`]). Keys are a contract: add, never rename.
pub fn json_object(finding: &Finding, unit: ColumnUnit) -> Value {
    serde_json::to_value(FindingObject::new(finding, unit)).unwrap_or_default()
}

/// Writes one finding's JSON object, compact, to `out`.
pub fn write_json(out: &mut impl Write, finding: &Finding, unit: ColumnUnit) -> io::Result<()> {
    serde_json::to_writer(out, &FindingObject::new(finding, unit)).map_err(io::Error::from)
}

/// Writes findings as one JSON array, one object per line, as they come: a corpus run never
/// holds the whole array in memory. Call [`JsonArray::finish`] even when nothing was pushed.
pub struct JsonArray<W: std::io::Write> {
    out: W,
    unit: ColumnUnit,
    empty: bool,
}

impl<W: std::io::Write> JsonArray<W> {
    pub fn new(out: W, unit: ColumnUnit) -> Self {
        Self {
            out,
            unit,
            empty: true,
        }
    }

    pub fn push(&mut self, finding: &Finding) -> std::io::Result<()> {
        let separator = if self.empty { "[\n  " } else { ",\n  " };
        self.empty = false;
        self.out.write_all(separator.as_bytes())?;
        write_json(&mut self.out, finding, self.unit)
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        let close = if self.empty { "[]\n" } else { "\n]\n" };
        self.out.write_all(close.as_bytes())?;
        Ok(self.out)
    }
}

/// One compact JSON object per line.
pub fn write_jsonl(out: &mut impl Write, finding: &Finding, unit: ColumnUnit) -> io::Result<()> {
    write_json(out, finding, unit)?;
    out.write_all(b"\n")
}

/// A GitHub Actions workflow command, which turns into an annotation on the file. The help, when
/// there is one, is the annotation's second line. GitHub does not say what its `col` counts and
/// draws the annotation under the whole line; the column is shown in `unit` like everywhere.
/// On a PDF the message ends with the page, as in [`concise`].
pub fn github(finding: &Finding, unit: ColumnUnit, lang: Lang) -> String {
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let region = finding.region;
    let note = page_note(finding.page, lang);
    let message = match &finding.help {
        Some(help) => format!("{}{note}\n{help}", finding.message),
        None => format!("{}{note}", finding.message),
    };
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&finding.path),
        region.start.line,
        region.start.column_in(unit),
        region.end.line,
        region.end.column_in(unit),
        escape_property(&format!("{} {}", finding.code, finding.name)),
        escape_data(&message),
    )
}

/// The runner decodes `%25`, `%0D`, `%0A` in a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Properties additionally end at `,` and `::`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, Lang};
    use nianbao_model::{Category, Diagnostic, Message, Span};

    /// `83` on a Chinese line, after a character outside the BMP: its start is character 11,
    /// UTF-16 unit 12 and byte 24 of the line (（七）: 9 bytes, 𠀀: 4, 总计: 6, ⇥82⇥: 4).
    fn finding(path: &str, message: &str) -> Finding {
        let source = "（七）𠀀总计\t82\t83\n";
        let start = source.find("83").unwrap();
        let diagnostic = Diagnostic::new(
            "T3001",
            "table3-row-total",
            Severity::Error,
            Category::Arithmetic,
            Message::new(message, "row total"),
            Span::from_range(start..start + 2),
        )
        .with_label(
            Span::from_range(start - 3..start - 1),
            Message::new("和", "sum"),
        )
        .with_help(Message::new("应为 82", "expected 82"));
        Finding::locate_all(path, source, &[diagnostic], Lang::Zh).remove(0)
    }

    /// A line of last year's carry-over, and its cross-report finding.
    const CARRY_OVER: &str = "二、上年结转\t1\n";

    fn carry_over(zh: &str, last_year: &str, related: Message) -> Diagnostic {
        Diagnostic::new(
            "X001",
            "carry-over-mismatch",
            Severity::Warning,
            Category::Consistency,
            Message::new(zh, "carry-over differs"),
            Span::from_range(7..8),
        )
        .with_related(crate::related_at(last_year, (76, 12), (76, 13), related))
    }

    #[test]
    fn json_carries_related_locations_only_when_there_are_some() {
        let plain = json_object(&finding("a.txt", "x"), ColumnUnit::Char);
        assert!(plain.get("related").is_none());
        let diagnostic = carry_over(
            "上年结转不符",
            "2021.txt",
            Message::new("上年 R25[C1] = 2", "last year R25[C1] = 2"),
        );
        let found = Finding::locate_all("2022.txt", CARRY_OVER, &[diagnostic], Lang::En).remove(0);
        let value = json_object(&found, ColumnUnit::Char);
        let related = &value["related"][0];
        assert_eq!(related["path"], "2021.txt");
        assert_eq!(related["line"], 76);
        assert_eq!(related["column"], 12);
        assert_eq!(related["end_line"], 76);
        assert_eq!(related["end_column"], 13);
        assert_eq!(related["message"], "last year R25[C1] = 2");
        // Related locations follow the unit too (see `related_at` for its columns).
        let in_bytes = json_object(&found, ColumnUnit::Byte);
        assert_eq!(in_bytes["related"][0]["column"], 35);
        assert_eq!(in_bytes["related"][0]["end_column"], 38);
        let in_utf16 = json_object(&found, ColumnUnit::Utf16);
        assert_eq!(in_utf16["related"][0]["column"], 13);
    }

    /// The object is written straight from the finding with its keys in byte order, as the
    /// value tree it replaced printed them: a value tree (a sorted map) reads it back and
    /// prints the same bytes, pages, labels and related locations included.
    #[test]
    fn json_is_written_with_its_keys_in_byte_order() {
        let diagnostic = carry_over(
            "上年结转\"不符\"",
            "2021\\年.txt",
            Message::new("上年", "last year"),
        )
        .with_label(Span::from_range(0..3), Message::new("标签", "label"));
        let mut found =
            Finding::locate_all("2022.txt", CARRY_OVER, &[diagnostic], Lang::Zh).remove(0);
        for paged in [false, true] {
            if paged {
                found.page = Some(4);
                found.labels[0].page = Some(4);
                found.related[0].page = Some(2);
            }
            for finding in [&found, &finding("a.txt", "x")] {
                let mut written = Vec::new();
                write_json(&mut written, finding, ColumnUnit::Char).unwrap();
                let written = String::from_utf8(written).unwrap();
                let tree: Value = serde_json::from_str(&written).unwrap();
                assert_eq!(tree.to_string(), written);
                assert_eq!(json_object(finding, ColumnUnit::Char), tree);
            }
            let mut written = Vec::new();
            write_json(&mut written, &found, ColumnUnit::Char).unwrap();
            let written = String::from_utf8(written).unwrap();
            assert_eq!(written.contains("\"page\":4"), paged, "{written}");
            assert_eq!(written.contains("\"page\":2,\"path\""), paged, "{written}");
        }
    }

    #[test]
    fn concise_counts_in_the_unit_asked_for() {
        let found = finding("a.txt", "总计不符\n第二行");
        assert_eq!(
            concise(&found, ColumnUnit::Char, Lang::Zh),
            "a.txt:1:11: error[T3001] 总计不符 第二行"
        );
        assert_eq!(
            concise(&found, ColumnUnit::Utf16, Lang::Zh),
            "a.txt:1:12: error[T3001] 总计不符 第二行"
        );
        assert_eq!(
            concise(&found, ColumnUnit::Byte, Lang::Zh),
            "a.txt:1:24: error[T3001] 总计不符 第二行"
        );
    }

    #[test]
    fn json_has_the_contract_keys() {
        let value = json_object(&finding("a.txt", "总计不符"), ColumnUnit::Char);
        for key in [
            "path",
            "code",
            "name",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "help",
            "labels",
            "category",
        ] {
            assert!(value.get(key).is_some(), "missing {key}");
        }
        assert_eq!(value["column"], 11);
        assert_eq!(value["end_column"], 13);
        assert_eq!(value["labels"][0]["column"], 8);
        assert_eq!(value["labels"][0]["message"], "和");
        assert_eq!(value["severity"], "error");
        assert_eq!(value["category"], "arithmetic");
        let mut line = Vec::new();
        write_jsonl(&mut line, &finding("a.txt", "x"), ColumnUnit::Utf16).unwrap();
        let line = String::from_utf8(line).unwrap();
        assert_eq!(line.find('\n'), Some(line.len() - 1));
        let parsed: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            (&parsed["column"], &parsed["end_column"]),
            (&12.into(), &14.into())
        );
        assert_eq!(parsed["labels"][0]["column"], 9);
        for count in 0..3 {
            let mut array = JsonArray::new(Vec::new(), ColumnUnit::Byte);
            for _ in 0..count {
                array.push(&finding("a", "b")).unwrap();
            }
            let text = String::from_utf8(array.finish().unwrap()).unwrap();
            let parsed: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(parsed.as_array().map(Vec::len), Some(count));
            if count > 0 {
                assert_eq!(
                    (&parsed[0]["column"], &parsed[0]["end_column"]),
                    (&24.into(), &26.into())
                );
                assert_eq!(parsed[0]["labels"][0]["column"], 21);
            }
        }
    }

    #[test]
    fn github_escapes_properties_and_data() {
        let found = finding("dir,1/a:b.txt", "100% 错\n误");
        assert_eq!(
            github(&found, ColumnUnit::Char, Lang::Zh),
            "::error file=dir%2C1/a%3Ab.txt,line=1,col=11,endLine=1,endColumn=13,\
             title=T3001 table3-row-total::100%25 错%0A误%0A应为 82"
        );
        let in_bytes = github(&found, ColumnUnit::Byte, Lang::Zh);
        assert!(
            in_bytes.contains(",line=1,col=24,endLine=1,endColumn=26,"),
            "{in_bytes}"
        );
        let in_utf16 = github(&found, ColumnUnit::Utf16, Lang::Zh);
        assert!(
            in_utf16.contains(",line=1,col=12,endLine=1,endColumn=14,"),
            "{in_utf16}"
        );
    }
}

//! `--output-format csv`: one row per finding — body, year, file, page, line, column, code,
//! severity, message — for a reviewer's spreadsheet.
//!
//! Written for Excel as much as for scripts: UTF-8 with a byte-order mark (without it Excel on
//! Windows reads the Chinese as the local code page), RFC 4180 quoting and CRLF line ends, a
//! header in the chosen language, and every text cell that a spreadsheet would read as a
//! formula (starting with `=`, `+`, `-`, `@`, a tab or a line break, or their full-width forms)
//! prefixed with `'` so that it stays text: messages and file names come from the reports.
//! Rows are written as findings arrive.

use crate::audit::words::severity;
use crate::facts::ReportFacts;
use crate::{ColumnUnit, Finding};
use nianbao_model::Lang;
use std::borrow::Cow;
use std::io::Write;

/// What a spreadsheet may take for the start of a formula.
const FORMULA_STARTS: [char; 11] = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

/// Writes findings as CSV rows as they come; [`CsvWriter::finish`] hands the output back.
pub struct CsvWriter<W: Write> {
    out: W,
    lang: Lang,
    unit: ColumnUnit,
}

impl<W: Write> CsvWriter<W> {
    /// Writes the byte-order mark and the header row.
    pub fn new(mut out: W, lang: Lang, unit: ColumnUnit) -> std::io::Result<Self> {
        let header: [&str; 9] = match lang {
            Lang::Zh => [
                "发布机关",
                "年度",
                "文件",
                "页",
                "行",
                "列",
                "规则",
                "严重程度",
                "说明",
            ],
            Lang::En => [
                "body", "year", "file", "page", "line", "column", "code", "severity", "message",
            ],
        };
        out.write_all("\u{FEFF}".as_bytes())?;
        write_row(&mut out, header.map(Cow::Borrowed))?;
        Ok(CsvWriter { out, lang, unit })
    }

    /// One finding's row; `facts` name its report, `page` is the page of a PDF it is on.
    pub fn push(
        &mut self,
        facts: Option<&ReportFacts>,
        finding: &Finding,
        page: Option<u32>,
    ) -> std::io::Result<()> {
        let body = facts.and_then(|facts| facts.body.as_deref()).unwrap_or("");
        let year = facts
            .and_then(|facts| facts.year)
            .map_or(String::new(), |year| year.to_string());
        let page = page.map_or(String::new(), |page| page.to_string());
        let start = finding.region.start;
        write_row(
            &mut self.out,
            [
                Cow::Borrowed(body),
                Cow::Owned(year),
                Cow::Borrowed(finding.path.as_str()),
                Cow::Owned(page),
                Cow::Owned(start.line.to_string()),
                Cow::Owned(start.column_in(self.unit).to_string()),
                Cow::Borrowed(finding.code.as_str()),
                Cow::Borrowed(severity(finding.severity, self.lang)),
                Cow::Borrowed(finding.message.as_str()),
            ],
        )
    }

    /// Pushes the rows written so far out.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    pub fn finish(self) -> std::io::Result<W> {
        Ok(self.out)
    }
}

fn write_row<'a>(
    out: &mut impl Write,
    cells: impl IntoIterator<Item = Cow<'a, str>>,
) -> std::io::Result<()> {
    let line: Vec<String> = cells.into_iter().map(|text| cell(&text)).collect();
    out.write_all(line.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

/// One cell: neutralised if a spreadsheet would evaluate it, quoted if it holds a comma, a
/// quote or a line break (RFC 4180).
pub fn cell(text: &str) -> String {
    let neutral: Cow<'_, str> = if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    };
    if neutral.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Region;
    use nianbao_model::Coverage;
    use nianbao_model::template::Template;
    use nianbao_model::{Category, Severity};
    use nianbao_source::Position;
    use proptest::prelude::*;

    /// The cells of one CSV record as RFC 4180 reads them.
    fn parse_record(line: &str) -> Vec<String> {
        let mut cells = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(ch) = chars.next() {
            match (ch, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    cells.last_mut().into_iter().for_each(|cell| cell.push('"'));
                }
                ('"', _) => quoted = !quoted,
                (',', false) => cells.push(String::new()),
                (ch, _) => cells.last_mut().into_iter().for_each(|cell| cell.push(ch)),
            }
        }
        cells
    }

    fn finding(path: &str, message: &str) -> Finding {
        let at = Position {
            line: 36,
            column: 5,
            utf16_column: 6,
            byte_column: 13,
        };
        Finding {
            path: path.to_owned(),
            code: "T3001".to_owned(),
            name: "table3-row-total".to_owned(),
            severity: Severity::Error,
            category: Category::Arithmetic,
            message: message.to_owned(),
            help: None,
            region: Region { start: at, end: at },
            page: None,
            labels: Vec::new(),
            related: Vec::new(),
            flagged: String::new(),
            fingerprint: String::new(),
        }
    }

    #[test]
    fn bom_header_and_a_row_per_finding_with_formulas_neutralised() {
        let facts = ReportFacts {
            body: Some("=HYPERLINK(\"http://x\")区政府".to_owned()),
            year: Some(2023),
            template: Template::V2021,
            coverage: Coverage::default(),
        };
        let mut csv = CsvWriter::new(Vec::new(), Lang::Zh, ColumnUnit::Utf16).unwrap();
        csv.push(
            Some(&facts),
            &finding("a,b.txt", "总计 12，应为 11"),
            Some(3),
        )
        .unwrap();
        csv.push(None, &finding("@cmd.txt", "-1+2\r\n第二行"), None)
            .unwrap();
        let bytes = csv.finish().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{FEFF}'));
        let records: Vec<&str> = text
            .trim_start_matches('\u{FEFF}')
            .split_terminator("\r\n")
            .collect();
        // The second finding's message holds a line break, inside its quotes.
        assert_eq!(records.len(), 4);
        assert_eq!(records[0], "发布机关,年度,文件,页,行,列,规则,严重程度,说明");
        assert_eq!(
            parse_record(records[1]),
            [
                "'=HYPERLINK(\"http://x\")区政府",
                "2023",
                "a,b.txt",
                "3",
                "36",
                "6",
                "T3001",
                "错误",
                "总计 12，应为 11"
            ]
        );
        let second = parse_record(&format!("{}\r\n{}", records[2], records[3]));
        assert_eq!(second[2], "'@cmd.txt");
        assert_eq!(second[8], "'-1+2\r\n第二行");
        assert_eq!(&second[..2], ["", ""]);
    }

    #[test]
    fn english_header() {
        let csv = CsvWriter::new(Vec::new(), Lang::En, ColumnUnit::Char).unwrap();
        let text = String::from_utf8(csv.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}body,year,file,page,line,column,code,severity,message\r\n"
        );
    }

    proptest! {
        #[test]
        fn no_cell_reads_back_as_a_formula(text in any::<String>()) {
            let written = cell(&text);
            let read = parse_record(&written);
            prop_assert_eq!(read.len(), 1);
            let read = &read[0];
            prop_assert!(!read.starts_with(FORMULA_STARTS));
            // Nothing is lost: the cell is the text, or `'` and the text.
            prop_assert!(read == &text || read.strip_prefix('\'') == Some(text.as_str()));
        }
    }
}

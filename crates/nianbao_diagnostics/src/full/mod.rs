//! The graphical report for people: miette's snippet with underlines, labels and help.
//!
//! miette already expands tabs to tab stops and measures characters with `unicode-width`, so a
//! Chinese character takes two cells and the underlines line up. Each report is headed by
//! `path:line:column:` of the finding, the column counted in [`FullOptions::column_unit`] like
//! every other format (characters by default; miette would count bytes), and
//! `snippet::Snippet` answers miette's reads of the source.

mod excerpt;
mod report;
mod snippet;

use crate::{ColumnUnit, Lang, Position};
use excerpt::Excerpt;
use miette::{GraphicalReportHandler, GraphicalTheme};
use nianbao_model::Diagnostic;
use nianbao_source::LineIndex;
use report::{Heading, Report};
use snippet::{FramePage, Snippet};

/// Rendering options for the graphical format.
#[derive(Clone, Copy, Debug)]
pub struct FullOptions {
    pub lang: Lang,
    /// ANSI colours; only when writing to a terminal and `NO_COLOR` is unset (the caller decides).
    pub color: bool,
    /// Wrap width for messages; source lines are never wrapped.
    pub width: usize,
    /// What the columns of headings and of locations in other files count.
    pub column_unit: ColumnUnit,
}

impl Default for FullOptions {
    fn default() -> Self {
        Self {
            lang: Lang::Zh,
            color: false,
            width: 100,
            column_unit: ColumnUnit::Char,
        }
    }
}

/// Renders every diagnostic of one file, in the order given, each followed by a blank line.
pub fn render<'d>(
    path: &str,
    source: &str,
    index: &LineIndex,
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
    options: FullOptions,
) -> String {
    let shown = headed_by_their_own_place(diagnostics);
    render_frames(path, path, source, index, &shown, None, options)
}

/// Renders the findings of a PDF over the text extracted from it (whose lines and columns the
/// headings give, as every format does), each frame of text headed by the page it was printed
/// on (`第 4 页`, `page 4`): `page_of` gives the page of a byte offset of `extracted`.
pub fn render_pages<'d>(
    path: &str,
    extracted: &str,
    index: &LineIndex,
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
    page_of: &(dyn Fn(u32) -> Option<u32> + Sync),
    options: FullOptions,
) -> String {
    let shown = headed_by_their_own_place(diagnostics);
    render_frames(path, path, extracted, index, &shown, Some(page_of), options)
}

/// Findings whose headings give their own place in the text shown.
fn headed_by_their_own_place<'d>(
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
) -> Vec<Shown<'d>> {
    diagnostics
        .into_iter()
        .map(|diagnostic| Shown {
            diagnostic,
            heading: None,
        })
        .collect()
}

/// A finding of a saved page or a Word file: its spans in the text extracted from the file, and
/// where the file itself has it.
#[derive(Clone, Copy, Debug)]
pub struct OnExtracted<'a> {
    pub diagnostic: &'a Diagnostic,
    pub in_file: Position,
}

/// Renders the findings of a saved page or a Word file over the text extracted from it (the
/// cell text with its row label, not markup), while each heading gives the finding's `line:col`
/// in the file itself, so a terminal or editor still jumps to the right place.
pub fn render_extracted(
    path: &str,
    extracted: &str,
    index: &LineIndex,
    findings: &[OnExtracted<'_>],
    options: FullOptions,
) -> String {
    let frame = match options.lang {
        Lang::Zh => format!("{path}（提取的文本）"),
        Lang::En => format!("{path} (extracted text)"),
    };
    let shown: Vec<Shown<'_>> = findings
        .iter()
        .map(|finding| Shown {
            diagnostic: finding.diagnostic,
            heading: Some(finding.in_file),
        })
        .collect();
    render_frames(path, &frame, extracted, index, &shown, None, options)
}

/// One diagnostic to render, and the position that heads it when the text shown is not the
/// file's own (otherwise the position is read off the text).
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    heading: Option<Position>,
}

fn render_frames(
    path: &str,
    frame: &str,
    source: &str,
    index: &LineIndex,
    shown: &[Shown<'_>],
    page_of: Option<&(dyn Fn(u32) -> Option<u32> + Sync)>,
    options: FullOptions,
) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_context_lines(1)
        // The finding's own position heads the report (see `Report::new`); a snippet frame
        // names only the file, because miette would head each frame with its first label's
        // position, which is not the finding's when the labels lie elsewhere.
        .without_primary_span_start()
        .tab_width(4);
    let mut out = String::new();
    for &Shown {
        diagnostic,
        heading: position,
    } in shown
    {
        let snippet = Snippet {
            name: frame,
            text: source,
            index,
            first_line: 1,
            page: page_of.map_or(FramePage::None, FramePage::Of),
            lang: options.lang,
        };
        let mut heading = Heading {
            path,
            position,
            unit: options.column_unit,
        };
        let excerpt = Excerpt::of(source, index, diagnostic);
        let excerpt_snippet = excerpt.as_ref().map(|excerpt| {
            // The heading keeps the finding's place in the whole line.
            heading.position = heading
                .position
                .or(Some(index.position(source, diagnostic.span.start)));
            // An excerpt is one line, printed on the page of its start.
            let page = page_of.and_then(|page_of| page_of(diagnostic.span.start));
            Snippet {
                name: frame,
                text: &excerpt.text,
                index: &excerpt.index,
                first_line: excerpt.line,
                page: page.map_or(FramePage::None, FramePage::Fixed),
                lang: options.lang,
            }
        });
        let report = match (&excerpt, &excerpt_snippet) {
            (Some(excerpt), Some(snippet)) => {
                Report::new(snippet, &excerpt.diagnostic, options.lang, heading)
            }
            _ => Report::new(&snippet, diagnostic, options.lang, heading),
        };
        let mut rendered = String::new();
        let failed = handler.render_report(&mut rendered, &report).is_err();
        if failed {
            // miette refuses spans it cannot place; the finding must still be shown.
            rendered = format!(
                "{}[{}]: {}\n  --> {}\n",
                diagnostic.severity.as_str(),
                diagnostic.code,
                diagnostic.message.get(options.lang),
                path
            );
        }
        out.push_str(&rendered);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::Message;
    use nianbao_model::{Category, Severity, Span};

    const SOURCE: &str = "三、收到和处理政府信息公开申请情况\n\
        （一）本年新收政府信息公开申请数量\t81\t0\t0\t0\t0\t0\t81\n\
        （二）上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n\
        （七）总计\t82\t0\t0\t0\t0\t0\t83\n\
        结转下年度继续办理\t0\t\t0\t0\t0\t0\t0\n";

    fn span_of(needle: &str, nth: usize) -> Span {
        let start = SOURCE.match_indices(needle).nth(nth).unwrap().0;
        Span::from_range(start..start + needle.len())
    }

    fn render_zh(diagnostics: &[Diagnostic], lang: Lang) -> String {
        let index = LineIndex::new(SOURCE);
        render(
            "报告/偃师.txt",
            SOURCE,
            &index,
            diagnostics,
            FullOptions {
                lang,
                ..FullOptions::default()
            },
        )
    }

    /// A one-line dump: the snippet shows the stretches around the spans, not the whole line,
    /// under the real line number, and the heading keeps the real column (in characters).
    #[test]
    fn a_very_long_line_is_shown_as_excerpts() {
        let source = format!(
            "标题\n{}（七）总计 83 件{}另见 12 件{}\n末行\n",
            "甲".repeat(300),
            "乙".repeat(100),
            "丙".repeat(300)
        );
        let at = |needle: &str| {
            let start = source.find(needle).unwrap();
            Span::from_range(start..start + needle.len())
        };
        let diagnostic = Diagnostic::new(
            "T3003",
            "table3-outcome-total",
            Severity::Error,
            Category::Arithmetic,
            Message::new("总计不符", "total mismatch"),
            at("83"),
        )
        .with_label(at("12"), Message::new("这一项", "this one"));
        let rendered = render(
            "dump.txt",
            &source,
            &LineIndex::new(&source),
            &[diagnostic],
            FullOptions::default(),
        );
        // 300 甲 and `（七）总计 ` before the number: column 307 of line 2.
        assert!(rendered.starts_with("dump.txt:2:307: T3003"), "{rendered}");
        assert!(rendered.contains("2 │ …"), "{rendered}");
        assert!(rendered.contains("83 件"), "{rendered}");
        assert!(rendered.contains("12 件"), "{rendered}");
        assert!(rendered.contains("这一项"), "{rendered}");
        // The two stretches are 100 characters apart: shown apart, joined by an ellipsis.
        assert!(rendered.contains("… 乙"), "{rendered}");
        assert!(rendered.matches('甲').count() <= 30, "{rendered}");
        assert!(rendered.matches('丙').count() <= 30, "{rendered}");
        assert!(!rendered.contains("末行"), "{rendered}");
    }

    fn total_mismatch() -> Diagnostic {
        Diagnostic::new(
            "T3001",
            "table3-row-total",
            Severity::Error,
            Category::Arithmetic,
            Message::new(
                "（七）总计行的总计 83 不等于各列之和 82",
                "row （七）总计: total 83 differs from the sum of its columns, 82",
            ),
            span_of("83", 0),
        )
        .with_label(
            span_of("82", 0),
            Message::new("自然人 82", "natural persons 82"),
        )
        .with_help(Message::new("应为 82（差 1）", "expected 82 (off by 1)"))
    }

    #[test]
    fn chinese_tab_grid_underlines_the_right_cells() {
        let out = render_zh(&[total_mismatch()], Lang::Zh);
        insta::assert_snapshot!(out);
        // The header column counts characters: （七）总计⇥82⇥0⇥0⇥0⇥0⇥0⇥ is 19 characters.
        assert!(
            out.starts_with("报告/偃师.txt:4:20: T3001(table3-row-total)"),
            "{out}"
        );
    }

    #[test]
    fn english_blank_cell_and_warning() {
        let blank_at = SOURCE.find("\t\t").unwrap() + 1;
        let blank = Diagnostic::new(
            "B001",
            "blank-cell",
            Severity::Warning,
            Category::Format,
            Message::new("单元格留空", "blank cell"),
            Span::from_range(blank_at..blank_at),
        );
        let out = render_zh(&[blank, total_mismatch()], Lang::En);
        insta::assert_snapshot!(out);
        // 结转下年度继续办理⇥0⇥ is 12 characters: the blank cell (the second tab) is column 13.
        assert!(out.starts_with("报告/偃师.txt:5:13: B001"), "{out}");
    }

    #[test]
    fn related_locations_in_other_files_are_named() {
        let diagnostic = total_mismatch().with_related(crate::related_at(
            "报告/偃师 2023.txt",
            (76, 12),
            (76, 13),
            Message::new("上年 R25[C7] = 1", "last year R25[C7] = 1"),
        ));
        let out = render_zh(&[diagnostic], Lang::Zh);
        assert!(out.contains("应为 82（差 1）"), "{out}");
        assert!(
            out.contains("另见 报告/偃师 2023.txt:76:12: 上年 R25[C7] = 1"),
            "{out}"
        );
    }

    #[test]
    fn headings_and_other_files_count_in_the_unit_asked_for() {
        let diagnostic = total_mismatch().with_related(crate::related_at(
            "报告/偃师 2023.txt",
            (76, 12),
            (76, 13),
            Message::new("上年 R25[C7] = 1", "last year R25[C7] = 1"),
        ));
        let index = LineIndex::new(SOURCE);
        let in_unit = |column_unit| {
            let options = FullOptions {
                column_unit,
                ..FullOptions::default()
            };
            render("a.txt", SOURCE, &index, [&diagnostic], options)
        };
        // （七）总计⇥82⇥0⇥0⇥0⇥0⇥0⇥: 19 characters, 15 bytes of Chinese and 14 of tabs and digits.
        let bytes = in_unit(ColumnUnit::Byte);
        assert!(bytes.starts_with("a.txt:4:30: T3001"), "{bytes}");
        assert!(bytes.contains("另见 报告/偃师 2023.txt:76:35: "), "{bytes}");
        let utf16 = in_unit(ColumnUnit::Utf16);
        assert!(utf16.starts_with("a.txt:4:20: T3001"), "{utf16}");
        assert!(utf16.contains("另见 报告/偃师 2023.txt:76:13: "), "{utf16}");
        // A page's finding is headed by its position in the page, in the unit too.
        let extracted = render_extracted(
            "a.html",
            SOURCE,
            &index,
            &[OnExtracted {
                diagnostic: &diagnostic,
                in_file: Position {
                    line: 412,
                    column: 57,
                    utf16_column: 58,
                    byte_column: 160,
                },
            }],
            FullOptions {
                column_unit: ColumnUnit::Byte,
                ..FullOptions::default()
            },
        );
        assert!(
            extracted.starts_with("a.html:412:160: T3001"),
            "{extracted}"
        );
    }

    #[test]
    fn extracted_text_is_shown_with_the_files_own_position() {
        let index = LineIndex::new(SOURCE);
        let finding = total_mismatch();
        let out = render_extracted(
            "报告/偃师.html",
            SOURCE,
            &index,
            &[OnExtracted {
                diagnostic: &finding,
                in_file: Position {
                    line: 412,
                    column: 57,
                    utf16_column: 58,
                    byte_column: 160,
                },
            }],
            FullOptions::default(),
        );
        // Headed by the position in the page, framed as the extracted text with its labels.
        assert!(
            out.starts_with("报告/偃师.html:412:57: T3001(table3-row-total)"),
            "{out}"
        );
        assert!(out.contains("报告/偃师.html（提取的文本）"), "{out}");
        assert!(out.contains(" 4 │ （七）总计  82"), "{out}");
        assert!(!out.contains("<td"), "{out}");
    }

    #[test]
    fn file_level_findings_have_no_snippet() {
        let diagnostic = Diagnostic::new(
            "IO004",
            "empty-file",
            Severity::Warning,
            Category::Input,
            Message::new("文件为空", "empty file"),
            Span::default(),
        )
        .with_help(Message::new("删除它或填写报告", "delete it or fill it in"));
        let out = render("empty.txt", "", &LineIndex::new(""), &[diagnostic], {
            FullOptions::default()
        });
        insta::assert_snapshot!(out);
        assert!(out.starts_with("empty.txt: IO004(empty-file)"), "{out}");
    }

    #[test]
    fn hostile_spans_still_render() {
        let diagnostic = Diagnostic::new(
            "X",
            "x",
            Severity::Info,
            Category::Format,
            Message::new("中", "mid"),
            Span::new(1, 400),
        )
        .with_label(Span::new(500, 600), Message::default());
        let out = render_zh(&[diagnostic], Lang::Zh);
        assert!(out.contains('中'), "{out}");
    }

    #[test]
    fn colour_is_opt_in() {
        let index = LineIndex::new(SOURCE);
        let plain = render(
            "a",
            SOURCE,
            &index,
            &[total_mismatch()],
            FullOptions::default(),
        );
        let coloured = render(
            "a",
            SOURCE,
            &index,
            &[total_mismatch()],
            FullOptions {
                color: true,
                ..FullOptions::default()
            },
        );
        assert!(!plain.contains('\u{1b}'));
        assert!(coloured.contains('\u{1b}'));
    }
}

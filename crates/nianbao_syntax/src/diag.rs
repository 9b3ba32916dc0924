//! The parse diagnostics (PA codes, `errors.md`), in Chinese and English.

use nianbao_model::template::RowId;
use nianbao_model::{Category, Diagnostic, Message, Severity};
use nianbao_source::Span;

/// A parse problem's stable identity: code, name, severity and a one-line summary (for rule
/// listings and SARIF), declared once so that what the parser emits and what the CLI lists agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseCode {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary_zh: &'static str,
    pub summary_en: &'static str,
}

pub const TABLE_MISSING: ParseCode = ParseCode {
    code: "PA001",
    name: "table-missing",
    severity: Severity::Error,
    summary_zh: "报告中没有统计表（既无表头也无行标签）",
    summary_en: "a statistics table is absent (neither its header nor its row labels)",
};
pub const TABLE_ROW_MISSING: ParseCode = ParseCode {
    code: "PA002",
    name: "table-row-missing",
    severity: Severity::Warning,
    summary_zh: "未读到统计表的模板行，涉及该行的核对未进行",
    summary_en: "a template row could not be read; checks that need it were skipped",
};
pub const WRONG_VALUE_COUNT: ParseCode = ParseCode {
    code: "PA003",
    name: "wrong-value-count",
    severity: Severity::Warning,
    summary_zh: "一行的数值个数与模板不符，该行未核对",
    summary_en: "a row has the wrong number of values; it was not checked",
};
/// Glued digits split by the template arithmetic are not a finding of their own: the cells
/// carry [`nianbao_model::Provenance::Split`], and a finding that involves one says so (the
/// rules attach the note). The code names that note, and stays known to configurations.
pub const DIGITS_SPLIT: ParseCode = ParseCode {
    code: "PA004",
    name: "digits-split",
    severity: Severity::Info,
    summary_zh: "连在一起的数字已按模板勾稽关系拆分",
    summary_en: "glued digits were split using the template arithmetic",
};
pub const AMBIGUOUS_SPLIT: ParseCode = ParseCode {
    code: "PA005",
    name: "ambiguous-split",
    severity: Severity::Warning,
    summary_zh: "连在一起的数字有多种符合勾稽关系的拆分，未取值",
    summary_en: "glued digits have several splits that satisfy the identities; left unresolved",
};
pub const AMBIGUOUS_ALIGNMENT: ParseCode = ParseCode {
    code: "PA006",
    name: "ambiguous-alignment",
    severity: Severity::Warning,
    summary_zh: "数值与列的对应关系不明确",
    summary_en: "values cannot be aligned with columns unambiguously",
};
pub const POSITIONAL_FALLBACK: ParseCode = ParseCode {
    code: "PA007",
    name: "positional-fallback",
    severity: Severity::Info,
    summary_zh: "缺少行标签，按位置读取",
    summary_en: "row labels missing; values read by position",
};
pub const DUPLICATE_SECTION: ParseCode = ParseCode {
    code: "PA008",
    name: "duplicate-section",
    severity: Severity::Warning,
    summary_zh: "章节重复出现",
    summary_en: "a section appears more than once",
};
pub const UNSPLITTABLE_DIGITS: ParseCode = ParseCode {
    code: "PA009",
    name: "unsplittable-digits",
    severity: Severity::Warning,
    summary_zh: "连在一起的数字无法按模板勾稽关系拆分",
    summary_en: "glued digits cannot be split into the row's cells",
};
pub const MULTIPLE_REPORTS: ParseCode = ParseCode {
    code: "PA010",
    name: "multiple-reports",
    severity: Severity::Warning,
    summary_zh: "一个文件中有多份报告，只读取第一份",
    summary_en: "the file holds more than one report; only the first is read",
};

pub const TABLE_UNREADABLE: ParseCode = ParseCode {
    code: "PA011",
    name: "table-unreadable",
    severity: Severity::Warning,
    summary_zh: "找到了统计表，但读不出其数值，该表未核对",
    summary_en: "a statistics table was found but its values could not be read; it was not checked",
};
pub const READING_ORDER: ParseCode = ParseCode {
    code: "PA012",
    name: "reading-order",
    severity: Severity::Warning,
    summary_zh: "统计表的文字不是逐行排列的（按列导出），无法把数值对应到行，该表未核对",
    summary_en: "a table's text is not in row order (extracted column by column); its values cannot be placed and it was not checked",
};

/// Every code of the parser (PA004 is carried as a note, see [`DIGITS_SPLIT`]).
pub const PARSE_CODES: [ParseCode; 12] = [
    TABLE_MISSING,
    TABLE_ROW_MISSING,
    WRONG_VALUE_COUNT,
    DIGITS_SPLIT,
    AMBIGUOUS_SPLIT,
    AMBIGUOUS_ALIGNMENT,
    POSITIONAL_FALLBACK,
    DUPLICATE_SECTION,
    UNSPLITTABLE_DIGITS,
    MULTIPLE_REPORTS,
    TABLE_UNREADABLE,
    READING_ORDER,
];

fn structure(code: ParseCode, message: Message, span: Span) -> Diagnostic {
    Diagnostic::new(
        code.code,
        code.name,
        code.severity,
        Category::Structure,
        message,
        span,
    )
}

/// The table named in messages: `表二`, `表三`, `表四`.
fn table_name(table: u8) -> (&'static str, &'static str) {
    match table {
        2 => ("表二", "Table 2"),
        3 => ("表三", "Table 3"),
        _ => ("表四", "Table 4"),
    }
}

pub(crate) fn table_missing(span: Span, table: u8) -> Diagnostic {
    let (zh, en) = table_name(table);
    structure(
        TABLE_MISSING,
        Message::new(
            format!("报告中没有{zh}：既无其表头，也无其行标签"),
            format!("{en} is absent: neither its header nor its row labels are printed"),
        ),
        span,
    )
}

/// A table whose header or labels are printed but whose values could not be read.
pub(crate) fn table_unreadable(span: Span, table: u8) -> Diagnostic {
    let (zh, en) = table_name(table);
    structure(
        TABLE_UNREADABLE,
        Message::new(
            format!("找到了{zh}，但读不出其数值；{zh}未核对"),
            format!("{en} was found but its values could not be read; it was not checked"),
        ),
        span,
    )
    .with_help(Message::new(
        "请对照原文核对此表；若文本由 PDF 转换而来，可改用保留版面的转换（如 pdftotext -layout）",
        "check this table against the original; for text converted from a PDF, a layout-preserving conversion (such as pdftotext -layout) may read",
    ))
}

/// Table 3 printed column by column: labels in one block, numbers in another.
pub(crate) fn reading_order(span: Span, table: u8) -> Diagnostic {
    let (zh, en) = table_name(table);
    structure(
        READING_ORDER,
        Message::new(
            format!("{zh}的文字不是逐行排列的（行标签与数值分开成块，数值按列排列），无法把数值对应到行；{zh}未核对"),
            format!("{en} is not in row order (row labels and numbers in separate blocks, the numbers column by column); its values cannot be placed on rows and it was not checked"),
        ),
        span,
    )
    .with_help(Message::new(
        "这是不保留版面的 PDF 文本导出（如不加 -layout 的 pdftotext）的顺序；请用保留版面的方式重新导出",
        "this is the order of a PDF text export that does not keep the layout (pdftotext without -layout); export it again keeping the layout",
    ))
}

pub(crate) fn row_missing(span: Span, id: RowId) -> Diagnostic {
    let template = id.template();
    structure(
        TABLE_ROW_MISSING,
        Message::new(
            format!(
                "表三未读到行：{}{}；涉及该行的核对未进行",
                template.numbering, template.label
            ),
            format!(
                "Table 3 row {id} ({}{}) could not be read; checks that need it were skipped",
                template.numbering, template.label
            ),
        ),
        span,
    )
}

pub(crate) fn table2_row_missing(span: Span, label: &str) -> Diagnostic {
    structure(
        TABLE_ROW_MISSING,
        Message::new(
            format!("表二未读到行：{label}；涉及该行的核对未进行"),
            format!("Table 2 row {label} could not be read; checks that need it were skipped"),
        ),
        span,
    )
}

pub(crate) fn wrong_count(
    span: Span,
    row: &str,
    found: usize,
    expected: usize,
    merge: Option<(Span, i64)>,
) -> Diagnostic {
    let diagnostic = structure(
        WRONG_VALUE_COUNT,
        Message::new(
            format!("{row}：找到 {found} 个值，应为 {expected} 个；该行未核对"),
            format!("{row}: {found} values found, {expected} expected; the row was not checked"),
        ),
        span,
    );
    match merge {
        Some((pair, value)) => diagnostic
            .with_label(
                pair,
                Message::new(
                    format!("可能是一个数 {value} 被拆成两格"),
                    format!("possibly one number {value} split in two"),
                ),
            )
            .with_help(Message::new(
                format!("合并这两格为 {value} 后满足勾稽关系；请核对原文，本工具不自动合并"),
                format!(
                    "merging these two cells into {value} satisfies the identities; check the source, the merge is not applied"
                ),
            )),
        None => diagnostic,
    }
}

pub(crate) fn ambiguous_split(span: Span, row: &str, candidates: &[String]) -> Diagnostic {
    let listed = if candidates.is_empty() {
        String::from("…")
    } else {
        candidates.join("；")
    };
    let listed_en = if candidates.is_empty() {
        String::from("…")
    } else {
        candidates.join("; ")
    };
    structure(
        AMBIGUOUS_SPLIT,
        Message::new(
            format!("{row}：数字连写，拆分不唯一（{listed}），不作判断"),
            format!(
                "{row}: cells run together and the split is ambiguous ({listed_en}); not checked"
            ),
        ),
        span,
    )
}

pub(crate) fn unsplittable(span: Span, row: &str, too_many: bool, cells: usize) -> Diagnostic {
    let (zh, en) = if too_many {
        ("拆分方式过多", "too many possible splits")
    } else {
        (
            "没有满足勾稽关系的拆分",
            "no split satisfies the identities",
        )
    };
    structure(
        UNSPLITTABLE_DIGITS,
        Message::new(
            format!("{row}：数字连写，无法拆分为 {cells} 个单元格（{zh}）"),
            format!("{row}: cells run together and cannot be split into {cells} cells ({en})"),
        ),
        span,
    )
}

pub(crate) fn ambiguous_alignment(span: Span, row: &str, choices: usize) -> Diagnostic {
    structure(
        AMBIGUOUS_ALIGNMENT,
        Message::new(
            format!("{row}：空白单元格使数值列位置不确定（{choices} 种对齐）"),
            format!(
                "{row}: blank cells make the column alignment ambiguous ({choices} alignments)"
            ),
        ),
        span,
    )
}

pub(crate) fn positional(span: Span, caption: &str, rows: usize) -> Diagnostic {
    structure(
        POSITIONAL_FALLBACK,
        Message::new(
            format!("{caption}下缺少分项标签，按位置读取 {rows} 行数值"),
            format!("{caption} has no sub-row labels; {rows} rows of values read by position"),
        ),
        span,
    )
}

pub(crate) fn multiple_reports(span: Span) -> Diagnostic {
    structure(
        MULTIPLE_REPORTS,
        Message::new(
            "文件中有第二份报告，只检查了第一份",
            "The file holds a second report; only the first was checked",
        ),
        span,
    )
    .with_help(Message::new(
        "把每份报告存为单独的文件",
        "save each report in a file of its own",
    ))
}

/// The repeats of one heading beyond those the parser records, counted at the last recorded one.
pub(crate) fn unrecorded_repeats(span: Span, heading: &str, count: u32) -> Diagnostic {
    structure(
        DUPLICATE_SECTION,
        Message::new(
            format!("章节重复：{heading}；此后又重复 {count} 次，未逐一记录"),
            format!(
                "Duplicate section: {heading}; repeated {count} more times after this, not recorded one by one"
            ),
        ),
        span,
    )
}

pub(crate) fn duplicate_section(span: Span, heading: &str) -> Diagnostic {
    structure(
        DUPLICATE_SECTION,
        Message::new(
            format!("章节重复：{heading}"),
            format!("Duplicate section: {heading}"),
        ),
        span,
    )
}

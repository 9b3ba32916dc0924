//! What each of the parser's codes (PA…) means, why it matters and what to do about it, in both
//! languages: the body of `nianbao rule PA005`, of SARIF's rule help and of `docs/rules/PA005.md`.

use nianbao_model::Message;
use nianbao_rules::docs::Section;

/// The three sections of a code's page.
pub(super) fn sections(what: Message, why: Message, todo: Message) -> Vec<Section> {
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

/// When a reading doubt leaves cells unread: what the identities do with them.
const SKIPPED_ZH: &str = "需要这些单元格的勾稽关系和正文对照一律跳过，不会拿猜测的数去判断对错；因此这份报告没有完整检查，会另有一条 [C001](C001.md) 警告列明未检查的部分，运行摘要也把它计入“未完整检查”。";
const SKIPPED_EN: &str = "Every identity and narrative comparison that needs those cells is skipped, never evaluated on a guess; the report was therefore not fully checked, which a [C001](C001.md) warning spells out and the run's summary counts.";

/// The documentation of parse code `code`, or `None` for a code written nowhere here.
pub(super) fn parse_doc(code: &str) -> Option<Vec<Section>> {
    let doc = match code {
        "PA001" => sections(
            Message::new(
                "报告中找不到这张统计表：既没有它的表头，也没有它的任何行标签。报告有对应部分的标题而没有表格时，这是报告本身的缺漏。",
                "The statistics table is not in the report: neither its header nor any of its row labels. When the report has the section heading but no table, the report itself is incomplete.",
            ),
            Message::new(
                "表二、表三、表四是格式规定的必备内容（[E08](../spec/errors.md#e08)）；缺了表格，这一部分的数字全部无从核对。",
                "Tables 2, 3 and 4 are required by the template ([E08](../spec/errors.md#e08)); without the table none of that part's numbers can be checked.",
            ),
            Message::new(
                "对照发布的原件：原件确实没有这张表，应补上；原件有而文本里没有（表格是图片、PDF 没有文字层、网页表格没有随正文保存），请换一个包含表格文字的版本再检查。",
                "Compare with the published original: if it has no such table, the table must be added; if it has one that the text lacks (a picture of a table, a PDF without a text layer, a web page saved without its table), check a version that holds the table's text.",
            ),
        ),
        "PA002" => sections(
            Message::new(
                "找到了表格，但模板规定的某一行没有读到：既没有这一行的标签，也认不出它的变体写法。",
                "The table was found, but one of its template rows was not: neither its label nor a recognisable variant of it.",
            ),
            Message::new(
                format!("这一行的数字无从得知。{SKIPPED_ZH}"),
                format!("That row's numbers are unknown. {SKIPPED_EN}"),
            ),
            Message::new(
                "在原件中找到这一行：原件漏了这一行，是报告的缺漏，应补上（[E03](../spec/errors.md#e03)）；原件有这一行，多半是标签错得认不出，或者转换文本时这一行被拆散了，请核对这一行的数字。",
                "Find the row in the original: if the original leaves it out, the report is incomplete and the row must be added ([E03](../spec/errors.md#e03)); if it is there, its label is probably misprinted beyond recognition or the conversion to text broke the row — check its numbers by hand.",
            ),
        ),
        "PA003" => sections(
            Message::new(
                "一行的数值个数与模板不符（表三每行应有 7 个，表四 15 个，表二各行 3 个或 1 个），无法确定每个数属于哪一列，这一行没有读入。只差一格、且把两个相邻的一位数合并后能满足勾稽关系时，发现会指出这两格，但不会自动合并。",
                "A row has more or fewer values than the template (7 per Table 3 row, 15 in Table 4, 3 or 1 per Table 2 row), so which number belongs to which column cannot be told, and the row was not read. When merging two adjacent single digits would give the right count and satisfy the identities, the finding names the pair; the merge is never applied.",
            ),
            Message::new(
                format!("这一行的单元格都当作没有读到。{SKIPPED_ZH}"),
                format!("The row's cells count as unread. {SKIPPED_EN}"),
            ),
            Message::new(
                "对照原件的这一行：多出的数可能是加印的小计列、被拆成两半的数字或混入的注释；少了的数可能是合并单元格或漏填。原件本身多列或少列，属于偏离模板，应按模板改正；原件没问题，请换用保留表格分栏的文本（制表符分隔，或 pdftotext -layout）。",
                "Compare the row with the original: an extra value may be an added subtotal column, a number broken in two or a note; a missing one a merged cell or a cell left out. If the original itself has columns added or missing, it deviates from the template and should be corrected; if not, use a text that keeps the table's columns (tab-separated, or pdftotext -layout).",
            ),
        ),
        "PA004" => sections(
            Message::new(
                "一行的数字连写在一起（如 `810000081`），解析器按模板的勾稽关系把它拆成了各个单元格（`81|0|0|0|0|0|81`），而且拆法唯一。这不单独作为一条发现：某条发现涉及这样的单元格时，该单元格的标注会注明“由连写数字拆分得出”，发现正好指向这个单元格时，提示信息也会说明。",
                "A row's digits ran together (`810000081`) and the parser split them into cells by the template arithmetic (`81|0|0|0|0|0|81`), the split being the only one possible. This is no finding of its own: a finding that involves such a cell says on its label that the value was split from digits run together, and in its message when it points at the cell itself.",
            ),
            Message::new(
                "拆分用到了这一行的总计关系，所以这一行的 [H01](../spec/identities.md#h01) 是按拆分结果成立的；涉及拆出的数的其他发现，有可能是提取误差而不是原文错误，注明来源就是为了让审核人员分清这两种情况。",
                "The split uses the row's own total, so the row's [H01](../spec/identities.md#h01) holds by construction; another finding involving a split value may be an extraction doubt rather than an error of the report, which is why the note says where the value came from.",
            ),
            Message::new(
                "数字全部对得上时无需处理。某条发现带有这个标注时，先对照原件核实该单元格的数值，再判断是否是报告本身的错误。",
                "Nothing, while the numbers add up. When a finding carries the note, check the cell in the original before taking the finding as an error of the report.",
            ),
        ),
        "PA005" => sections(
            Message::new(
                "一行的数字连写在一起，而且有不止一种拆法都能满足这一行和各列的勾稽关系（发现中列出了各种拆法），解析器无法确定哪一种是对的，这一行的单元格没有取值。",
                "A row's digits ran together and more than one split satisfies both the row's and the columns' identities (the finding lists them), so the parser cannot tell which is right and leaves the row's cells without a value.",
            ),
            Message::new(
                format!("猜一种拆法可能会把错报告成对、把对报告成错。{SKIPPED_ZH}"),
                format!(
                    "Guessing a split could turn an error into a pass or a pass into an error. {SKIPPED_EN}"
                ),
            ),
            Message::new(
                "打开发布的原件（网页、PDF 或 Word）看这一行的表格，各单元格在那里是分开的；或者换用保留分栏的文本（从网页复制为制表符分隔的表格，或用 pdftotext -layout 转换 PDF）再检查。发现中列出的候选拆法可以帮助核对，但只有原件能确定哪一种是对的。",
                "Look at this row in the published original (web page, PDF or Word), where the cells are apart; or check a text that keeps the columns (the table copied from the page as tab-separated text, or the PDF converted with pdftotext -layout). The candidate splits in the finding help to compare, but only the original tells which is right.",
            ),
        ),
        "PA006" => sections(
            Message::new(
                "一行中有空白单元格，而且数值不足以确定每个数在哪一列——几种对齐方式都说得通。能用这一行的总计关系选出唯一一种时，就用那一种；否则这一行的单元格不取值。",
                "A row has blank cells and too few values to tell which column each belongs to: several alignments fit. When the row's total picks exactly one, that one is used; otherwise the row's cells are left without a value.",
            ),
            Message::new(
                format!("没能确定对齐时，{SKIPPED_ZH}"),
                format!("When no alignment could be chosen: {SKIPPED_EN}"),
            ),
            Message::new(
                "对照原件确定每个数的列。空白本身也是问题：没有发生的情形应填 0（[B01](../spec/identities.md#b01)）。",
                "Find each number's column in the original. The blanks are a problem of their own: a case that did not occur should read 0 ([B01](../spec/identities.md#b01)).",
            ),
        ),
        "PA007" => sections(
            Message::new(
                "某个分组（如“（四）无法提供”）下的小项没有行标签，只有数字，解析器按模板的行序把它们依次读入这一组的各行。",
                "The sub-rows of a group (such as （四）无法提供) carry no labels, only numbers, and the parser read them into the group's rows in template order.",
            ),
            Message::new(
                "按位置读入通常是对的，但如果原件少印或多印了一行，数字就会错位。涉及这些单元格的发现会注明其数值是按位置读取的。",
                "Reading by position is usually right, but a row printed too few or too many shifts the numbers. Findings involving these cells say that their values were read by position.",
            ),
            Message::new(
                "对照原件，确认这一组各行的顺序与模板一致；报告应印出模板规定的行标签（[E03](../spec/errors.md#e03)）。",
                "Check in the original that the group's rows follow the template's order; the report should print the template's row labels ([E03](../spec/errors.md#e03)).",
            ),
        ),
        "PA008" => sections(
            Message::new(
                "同一个一级标题（如“三、收到和处理政府信息公开申请情况”）出现了不止一次。各项检查使用第一次出现的那一部分。",
                "The same top-level heading (such as 三、收到和处理政府信息公开申请情况) appears more than once. The checks use its first occurrence.",
            ),
            Message::new(
                "重复的标题通常是提纲编号错乱（[E15](../spec/errors.md#e15)）：把小标题编成了一级标题，或者一级编号重新开始。读者和评分程序按位置找内容，会找错部分。",
                "A repeated heading usually means the outline numbering is broken ([E15](../spec/errors.md#e15)): a sub-heading numbered as a top-level one, or the numbering restarting. Readers and scoring scripts find content by position and land on the wrong part.",
            ),
            Message::new(
                "核对提纲：六个部分各出现一次，小标题用（一）（二）编号。",
                "Check the outline: each of the six parts once, sub-headings numbered （一）（二）.",
            ),
        ),
        "PA009" => sections(
            Message::new(
                "一行的数字连写在一起，但没有任何拆法能满足勾稽关系，或者可能的拆法太多、无法逐一检验，这一行的单元格没有取值。",
                "A row's digits ran together, but no split satisfies the identities, or there are too many possible splits to try; the row's cells are left without a value.",
            ),
            Message::new(
                format!(
                    "没有满足勾稽关系的拆法，说明要么原件这一行本身算错了，要么文本在转换时丢了或多了数字。{SKIPPED_ZH}"
                ),
                format!(
                    "No split that adds up means either the row is wrong in the original or the conversion lost or added digits. {SKIPPED_EN}"
                ),
            ),
            Message::new(
                "打开原件核对这一行：各数之和与总计对不上，是报告本身的错误（[E01](../spec/errors.md#e01)）；原件没有问题，请换用保留分栏的文本再检查。",
                "Check this row in the original: if its numbers do not add up to its total, the report itself is wrong ([E01](../spec/errors.md#e01)); if they do, check a text that keeps the columns apart.",
            ),
        ),
        "PA010" => sections(
            Message::new(
                "一个文件里有第二份年报的标题（例如几个年度或几个机关的报告保存在同一个网页或文档里），只检查了第一份。",
                "The file holds the title of a second annual report (several years' or bodies' reports saved in one page or document); only the first was checked.",
            ),
            Message::new(
                "第二份及以后的报告完全没有检查，文件夹检查中也不会参与跨年度比较。",
                "The second and later reports were not checked at all, and take no part in a folder's cross-year comparisons.",
            ),
            Message::new(
                "把每份报告另存为单独的文件再检查。",
                "Save each report in a file of its own and check them again.",
            ),
        ),
        "PA011" => sections(
            Message::new(
                "找到了这张表（表头或行标签都在），但读不出它的数值：行与数字对不上，或者数字的排列不像任何已知的表格版式。",
                "The table was found (its header or row labels are there), but its values could not be read: rows and numbers do not line up, or the numbers are laid out unlike any known table shape.",
            ),
            Message::new(
                format!("这张表没有核对。{SKIPPED_ZH}"),
                format!("The table was not checked. {SKIPPED_EN}"),
            ),
            Message::new(
                "请对照原件人工核对这张表；文本是从 PDF 转换来的，可以改用保留版面的转换方式（如 pdftotext -layout）后再检查。",
                "Check this table against the original by hand; for text converted from a PDF, a layout-preserving conversion (such as pdftotext -layout) may read.",
            ),
        ),
        "PA012" => sections(
            Message::new(
                "表格的文字不是逐行排列的：行标签集中在一块，数字按列集中在另一块。这是不保留版面的 PDF 文字导出（如不加 -layout 的 pdftotext）常见的顺序，无法把数字可靠地对应到行。",
                "The table's text is not in row order: the row labels in one block, the numbers column by column in another — the order of a PDF text export that does not keep the layout (pdftotext without -layout). The numbers cannot be placed on their rows reliably.",
            ),
            Message::new(
                format!("把数字硬套到行上只会得到错误的结论，所以这张表没有核对。{SKIPPED_ZH}"),
                format!(
                    "Forcing the numbers onto rows would only give wrong findings, so the table was not checked. {SKIPPED_EN}"
                ),
            ),
            Message::new(
                "用保留版面的方式重新导出文本（如 pdftotext -layout），或者直接检查原始的网页或 Word 文件。",
                "Export the text again keeping the layout (pdftotext -layout), or check the original web page or Word file.",
            ),
        ),
        _ => return None,
    };
    Some(doc)
}

//! What each of the CLI's input codes (IO…) means, why it matters and what to do about it, in
//! both languages: the body of `nianbao rule IO001`, of SARIF's rule help and of
//! `docs/rules/IO001.md`.

use super::InputProblem;
use super::parse_docs::sections;
use nianbao_model::Message;
use nianbao_rules::docs::Section;

/// The documentation of `problem`.
pub(super) fn input_doc(problem: InputProblem) -> Vec<Section> {
    let (what, why, todo) = match problem {
        InputProblem::Unreadable => (
            Message::new(
                "文件无法打开或读取：没有权限、已被删除、是一个文件夹，或者读取时出错；或者不是普通文件（命名管道、设备、套接字：不会被打开等待数据）；或者是不完整、损坏、设有打开密码或旧版 .doc 格式的 Word 文件。",
                "The file could not be opened or read: no permission, deleted, a folder, or a read error; or it is not a regular file (a named pipe, device or socket: never opened to wait for data); or it is a Word file cut short, damaged, password-protected or in the old .doc format.",
            ),
            Message::new(
                "这个文件没有检查；其余文件照常检查，运行不会中断。文件夹检查中缺了一份报告，跨年度比较也会少一年。",
                "The file was not checked; the other files were, and the run went on. A report missing from a folder run also leaves a year out of the cross-year comparisons.",
            ),
            Message::new(
                "确认路径和读取权限；文件在网络盘或正被其他程序占用时，复制到本地再检查。Word 文件：重新下载完整的文件，去掉打开密码，或者另存为 .docx。",
                "Check the path and the permissions; copy a file on a network drive or held by another program to a local folder first. A Word file: download it again whole, remove its password, or save it as .docx.",
            ),
        ),
        InputProblem::Binary => (
            Message::new(
                "内容含有 NUL 字节或大量控制字符，不是文本文件，也不是 nianbao 能读的网页、Word 或 PDF 文件——例如改了扩展名 .txt 的图片。",
                "The content has NUL bytes or mostly control characters: not a text file, nor a web page, Word or PDF file nianbao reads — for example an image renamed to .txt.",
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
        InputProblem::UnknownEncoding => (
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
        InputProblem::Empty => (
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
        InputProblem::TooLarge => (
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
        InputProblem::NotAReport => (
            Message::new(
                "文本中没有年报的标题、六个部分的任何标题或任何统计表，因此不套用模板规则；或者 .docx 压缩包里根本没有 Word 文档（例如改了扩展名的 .xlsx）。不完整或损坏的 Word 文件是 [IO001](IO001.md)。",
                "The text has no report title, none of the six section headings and no table, so the template rules are not applied; or a .docx archive holds no Word document at all (an .xlsx renamed, say). A Word file cut short or damaged is [IO001](IO001.md).",
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
        InputProblem::Internal => (
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
        InputProblem::BytesReplaced => (
            Message::new(
                "文件基本是正常文本，但有少量字节无法解码：NUL 字节，或者不符合文件编码的字节序列（至多每 500 字节一处），多半是下载或复制时损坏。这些字节已替换为 U+FFFD（相邻的算作一处），每处各报告一次。",
                "The file is text but for a few bytes that cannot be decoded: NUL bytes, or sequences its encoding does not allow (at most one place per 500 bytes), most likely damage from a download or a copy. They were replaced by U+FFFD (adjacent bytes are one place), and each place is reported.",
            ),
            Message::new(
                "文件其余部分照常检查；替换处落在数字中时，该单元格无法读取。损坏更多的文件按二进制文件（[IO002](IO002.md)）或未知编码（[IO003](IO003.md)）处理，不检查。",
                "The rest of the file was checked as usual; a replacement inside a number leaves that cell unreadable. A file damaged more than that is binary ([IO002](IO002.md)) or of an unknown encoding ([IO003](IO003.md)), and is not checked.",
            ),
            Message::new(
                "重新下载或复制原件后再检查；替换处附近的内容请对照原件核对。",
                "Download or copy the original again and check it anew; compare the text around each replaced place with the original.",
            ),
        ),
        InputProblem::TableTooLarge => (
            Message::new(
                "网页或 Word 文件中的一张表格，合并单元格（rowspan、colspan、gridSpan）展开后超过上限：单表 10 万个单元格，全文所有表格合计 40 万个。会超过上限的那一行及其后各行没有读取。",
                "A table of a page or Word file whose merged cells (rowspan, colspan, gridSpan) expand past the limit: 100,000 cells for one table, 400,000 for all the file's tables together. The row that would pass it, and every row after, was not read.",
            ),
            Message::new(
                "年报的表格只有几百个单元格；上限让一个畸形或恶意的文件无法耗尽内存、拖垮整批检查。没有读取的行也没有检查：模板表格因此缺了行时，需要这些行的勾稽关系跳过，报告计入“未完整检查”（[C001](C001.md)）。",
                "The tables of an annual report have a few hundred cells; the limit keeps a malformed or hostile file from exhausting memory and taking the whole run down. The rows not read were not checked: when a template table lost rows, the identities needing them are skipped and the report counts as not fully checked ([C001](C001.md)).",
            ),
            Message::new(
                "查看原文件中这张表格的合并单元格（转换工具有时写出荒谬的跨度）；换用报告的另一个版本（PDF、Word 或纯文本）检查。",
                "Look at that table's merged cells in the original (conversion tools sometimes write absurd spans), and check another version of the report (PDF, Word or plain text).",
            ),
        ),
        InputProblem::BadConfig => (
            Message::new(
                "管辖这个文件的 nianbao.toml 无法解析：消息给出配置文件中出错的位置和原因，标准错误上也标出了那一行。",
                "The nianbao.toml governing this file cannot be parsed: the message says where in it and why, and standard error underlines the line.",
            ),
            Message::new(
                "按有误的配置检查会得出错误的结果，所以这份配置管辖的文件都没有检查；其他文件夹照常检查，退出码为 2。抓取来的语料中夹带一份坏配置，不能让整批审核停下。",
                "Checking under a broken configuration would give wrong results, so the files it governs were not checked; the other folders were, and the exit code is 2. One broken configuration in a scraped corpus cannot stop a whole audit.",
            ),
            Message::new(
                "按消息指出的位置修正 nianbao.toml（可用的键：select、ignore、per-file-ignores、severity、aliases、regions），或者删除它。用 --config 指定的配置有误时，运行在输出任何结果之前就会停止。",
                "Fix the nianbao.toml where the message points (its keys: select, ignore, per-file-ignores, severity, aliases, regions), or remove it. A malformed configuration given with --config stops the run before any output.",
            ),
        ),
        InputProblem::NoTextLayer => (
            Message::new(
                "PDF 的页面上没有可提取的文字：扫描件，或者字体没有 Unicode 编码。",
                "The PDF's pages hold no text that can be extracted: a scan, or fonts without Unicode values.",
            ),
            Message::new(
                "报告一个数字也没有检查；它计入摘要中“未完整检查”的报告，不会被当作通过。",
                "Not one number of the report was checked; the summary counts it among the reports not checked whole, never as passed.",
            ),
            Message::new(
                "向发布机关索取带文字层的 PDF，或者报告的网页、Word 版本再检查。",
                "Get a PDF with a text layer, or the report's web page or Word file, and check that.",
            ),
        ),
    };
    sections(what, why, todo)
}

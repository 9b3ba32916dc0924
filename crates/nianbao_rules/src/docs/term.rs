//! The words the reference and `nianbao rules` use for severities, categories and templates, in
//! both languages.

use nianbao_model::template::Template;
use nianbao_model::{Category, Message, Severity};

pub fn severity(severity: Severity) -> Message {
    match severity {
        Severity::Error => Message::new("错误", "error"),
        Severity::Warning => Message::new("警告", "warning"),
        Severity::Info => Message::new("提示", "info"),
    }
}

pub fn category(category: Category) -> Message {
    match category {
        Category::Input => Message::new("输入", "input"),
        Category::Structure => Message::new("结构", "structure"),
        Category::Arithmetic => Message::new("算术", "arithmetic"),
        Category::Consistency => Message::new("一致性", "consistency"),
        Category::Narrative => Message::new("正文", "narrative"),
        Category::Format => Message::new("格式", "format"),
        Category::Metadata => Message::new("元数据", "metadata"),
    }
}

pub fn template(template: Template) -> Message {
    match template {
        Template::V2021 => Message::new("2021 版", "2021"),
        Template::V2019 => Message::new("2019 版（试行）", "2019 (trial)"),
        Template::Pre2019 => Message::new("2019 年以前", "pre-2019"),
        Template::Unknown => Message::new("未识别", "unknown"),
    }
}

/// Who reports a code that is not a rule, by its category.
pub fn reporter(category: Category) -> Message {
    match category {
        Category::Input => {
            Message::new("读取文件（解析之前）", "reading the file (before parsing)")
        }
        _ => Message::new(
            "解析器（读取章节和表格时）",
            "the parser (reading sections and tables)",
        ),
    }
}

//! Loading the rule set, and the `rules` / `rule CODE` commands.

use crate::args::{RuleArgs, RulesArgs, RulesFormat};
use crate::catalog::{self, Docs, catalogue};
use crate::closest::{self, Wanted};
use crate::file_error;
use nianbao_model::{Lang, Message};
use nianbao_rules::RuleSet;
use nianbao_rules::docs::{self, term};
use std::io::Write;
use std::path::Path;

/// The built-in rules, or those of `dir`. A malformed rule file is printed with its line and
/// column underlined, and the run stops with exit code 2.
pub fn load(dir: Option<&Path>, lang: Lang) -> Result<RuleSet, u8> {
    let loaded = match dir {
        Some(dir) => RuleSet::load_dir(dir),
        None => RuleSet::builtin(),
    };
    loaded.map_err(|error| {
        let out = file_error::render(
            &error.path,
            &error.source_text,
            error.span,
            &error.message,
            lang,
        );
        let _ = std::io::stderr().write_all(out.as_bytes());
        2
    })
}

pub fn list(args: &RulesArgs) -> u8 {
    let lang = args.lang.into();
    let rules = match load(args.rules.as_deref(), lang) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    // Only the JSON list prints each code's documentation.
    let docs = match args.output_format {
        RulesFormat::Json => Docs::Built,
        RulesFormat::Text => Docs::Left,
    };
    let all = catalogue(&rules, docs);
    if args.output_format == RulesFormat::Json {
        let list: Vec<serde_json::Value> = all
            .iter()
            .map(|rule| {
                serde_json::json!({
                    "code": rule.code,
                    "name": rule.name,
                    "severity": rule.severity.as_str(),
                    "category": rule.category.as_str(),
                    "summary": rule.summary,
                    "doc": rule.doc,
                })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
        text.push('\n');
        return write_stdout(&text);
    }
    let name_width = all.iter().map(|rule| rule.name.len()).max().unwrap_or(0);
    let word = |message: Message| message.get(lang).to_owned();
    let severity_width = all
        .iter()
        .map(|rule| width(&word(term::severity(rule.severity))))
        .max()
        .unwrap_or(0);
    let category_width = all
        .iter()
        .map(|rule| width(&word(term::category(rule.category))))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for rule in &all {
        let severity = word(term::severity(rule.severity));
        let category = word(term::category(rule.category));
        out.push_str(&format!(
            "{:<6} {:<name_width$} {severity}{} {category}{} {}\n",
            rule.code,
            rule.name,
            " ".repeat(severity_width - width(&severity)),
            " ".repeat(category_width - width(&category)),
            rule.summary.get(lang)
        ));
    }
    write_stdout(&out)
}

/// Columns a text takes in a terminal: a Chinese character takes two.
fn width(text: &str) -> usize {
    text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum()
}

/// A code's documentation for a terminal: `## heading` lines as `heading：`, links as their
/// text, and each paragraph on one line for the terminal to wrap (the rule files wrap their
/// English by hand, Markdown ignores those breaks, and so does this); list items keep theirs.
fn terminal(markdown: &str, lang: Lang) -> String {
    let colon = if lang == Lang::Zh { "：" } else { ":" };
    let mut blocks: Vec<String> = Vec::new();
    let mut block = String::new();
    for line in docs::plain(markdown).lines().map(str::trim_end) {
        if let Some(heading) = line.strip_prefix("## ") {
            blocks.extend((!block.is_empty()).then(|| std::mem::take(&mut block)));
            blocks.push(format!("{heading}{colon}"));
        } else if line.is_empty() {
            blocks.extend((!block.is_empty()).then(|| std::mem::take(&mut block)));
        } else if block.is_empty() || line.starts_with("- ") {
            if !block.is_empty() {
                block.push('\n');
            }
            block.push_str(line);
        } else {
            // A line the file wrapped by hand: a space between words, none between Chinese.
            if !(block.ends_with(wide) && line.starts_with(wide)) {
                block.push(' ');
            }
            block.push_str(line);
        }
    }
    blocks.extend((!block.is_empty()).then_some(block));
    blocks.join("\n\n")
}

/// A character that a terminal shows two columns wide, and that needs no space to join a
/// line broken after or before it.
fn wide(c: char) -> bool {
    !c.is_ascii()
}

pub fn show(args: &RuleArgs) -> u8 {
    let lang: Lang = args.lang.into();
    let rules = match load(args.rules.as_deref(), lang) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let all = catalogue(&rules, Docs::Left);
    let wanted = args.code.trim();
    let Some(rule) = all.iter().find(|rule| {
        rule.code.eq_ignore_ascii_case(wanted) || rule.name.eq_ignore_ascii_case(wanted)
    }) else {
        let hint = closest::hint(wanted, &all, Wanted::Code, lang);
        let message = match lang {
            Lang::Zh => format!("nianbao: 未知的规则代码：{wanted}；{hint}\n"),
            Lang::En => format!("nianbao: unknown rule code: {wanted}; {hint}\n"),
        };
        let _ = std::io::stderr().write_all(message.as_bytes());
        return 2;
    };
    let labels = match lang {
        Lang::Zh => [
            "严重程度：",
            "类别：",
            "适用格式：",
            "定义于：",
            "定义：",
            "提示：",
            "帮助：",
            "说明页：",
        ],
        Lang::En => [
            "severity: ",
            "category: ",
            "templates: ",
            "defined in: ",
            "definition:",
            "message: ",
            "help: ",
            "page: ",
        ],
    };
    let [
        severity,
        category,
        applies,
        file,
        definition,
        message,
        help,
        page,
    ] = labels;
    let mut out = format!(
        "{} ({})\n\n{}\n\n{severity}{}\n{category}{}\n",
        rule.code,
        rule.name,
        rule.summary.get(lang),
        term::severity(rule.severity).get(lang),
        term::category(rule.category).get(lang),
    );
    let declared = rules.rules().iter().find(|r| r.code == rule.code);
    if let Some(declared) = declared {
        let separator = if lang == Lang::Zh { "、" } else { ", " };
        let templates: Vec<String> = declared
            .templates
            .iter()
            .map(|t| term::template(*t).get(lang).to_owned())
            .collect();
        out.push_str(&format!("{applies}{}\n", templates.join(separator)));
        out.push_str(&format!("{file}{}\n", declared.file.display()));
    }
    if let Some(doc) = catalog::doc(&rules, &rule.code) {
        out.push('\n');
        out.push_str(&terminal(doc.get(lang), lang));
        out.push('\n');
    }
    if let Some(declared) = declared {
        if !declared.docs().definition.is_empty() {
            out.push_str(&format!("\n{definition}\n"));
            for item in &declared.docs().definition {
                out.push_str(item);
                out.push('\n');
            }
        }
        out.push_str(&format!("\n{message}{}\n", declared.message.get(lang)));
        if let Some(text) = &declared.help {
            out.push_str(&format!("{help}{}\n", text.get(lang)));
        }
    }
    out.push_str(&format!("\n{page}{}/{}.md\n", docs::RULE_DOCS, rule.code));
    write_stdout(&out)
}

/// Writes to stdout; a closed pipe (`nianbao rules | head`) is not an error worth a panic.
pub fn write_stdout(text: &str) -> u8 {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => 0,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(_) => 2,
    }
}

//! Loading the rule set, and the `rules` / `rule CODE` commands.

use crate::args::{RuleArgs, RulesArgs, RulesFormat};
use crate::catalog::catalogue;
use crate::file_error;
use nianbao_model::Lang;
use nianbao_rules::RuleSet;
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
    let all = catalogue(&rules);
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
    let mut out = String::new();
    for rule in &all {
        out.push_str(&format!(
            "{:<6} {:<name_width$} {:<7} {:<11} {}\n",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.category.as_str(),
            rule.summary.get(lang)
        ));
    }
    write_stdout(&out)
}

pub fn show(args: &RuleArgs) -> u8 {
    let lang: Lang = args.lang.into();
    let rules = match load(args.rules.as_deref(), lang) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let all = catalogue(&rules);
    let Some(rule) = all
        .iter()
        .find(|rule| rule.code.eq_ignore_ascii_case(args.code.trim()))
    else {
        let message = match lang {
            Lang::Zh => format!(
                "未知的规则代码：{}（`nianbao rules` 列出全部规则）\n",
                args.code
            ),
            Lang::En => format!(
                "unknown rule code: {} (`nianbao rules` lists them all)\n",
                args.code
            ),
        };
        let _ = std::io::stderr().write_all(message.as_bytes());
        return 2;
    };
    let (severity, category) = match lang {
        Lang::Zh => ("严重程度：", "类别："),
        Lang::En => ("severity: ", "category: "),
    };
    let mut out = format!(
        "{} ({})\n\n{}\n\n{severity}{}\n{category}{}\n",
        rule.code,
        rule.name,
        rule.summary.get(lang),
        rule.severity.as_str(),
        rule.category.as_str()
    );
    if let Some(declared) = rules.rules().iter().find(|r| r.code == rule.code) {
        let templates: Vec<&str> = declared.templates.iter().map(|t| t.as_str()).collect();
        let (applies, file) = match lang {
            Lang::Zh => ("适用模板：", "定义于："),
            Lang::En => ("templates: ", "defined in: "),
        };
        out.push_str(&format!("{applies}{}\n", templates.join(", ")));
        out.push_str(&format!("{file}{}\n", declared.file.display()));
    }
    if let Some(doc) = &rule.doc {
        out.push('\n');
        out.push_str(doc.get(lang));
        out.push('\n');
    }
    if let Some(declared) = rules.rules().iter().find(|r| r.code == rule.code) {
        if !declared.definition.is_empty() {
            out.push('\n');
            for item in &declared.definition {
                out.push_str(item);
                out.push('\n');
            }
        }
    }
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

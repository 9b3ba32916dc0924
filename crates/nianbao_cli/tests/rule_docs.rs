//! The code reference and the `rules` / `rule` commands in the user's language: the generated
//! `docs/rules/` is exactly what `cargo xtask docs` writes from the rule files and this
//! binary's catalogue (every code, the parser's and the input layer's too, has a page), and
//! `nianbao rule CODE` follows `--lang`, Chinese by default.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nianbao_rules::RuleSet;
use nianbao_rules::docs::{CodeDoc, DocsStatus, other_codes};
use std::path::Path;
use std::process::Command;

fn nianbao(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env_remove("LANG")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn generated_docs_are_current() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let rules = RuleSet::builtin().unwrap();
    let (code, json, stderr) = nianbao(&["rules", "--output-format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let catalogue: Vec<CodeDoc> = serde_json::from_str(&json).unwrap();
    let codes = other_codes(catalogue, &rules);
    assert!(codes.iter().any(|code| code.code == "PA005"));
    assert!(codes.iter().any(|code| code.code == "IO001"));
    let status = DocsStatus::read(root, &rules, &codes).unwrap();
    // A page per rule and per other code, the index, and the README's table of kinds.
    assert_eq!(status.files().len(), rules.rules().len() + codes.len() + 2);
    assert!(status.is_current(), "{status}");
}

#[test]
fn rule_pages_are_chinese_first_with_english_below() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    for code in ["T3001", "PA005", "IO003", "X001"] {
        let page = std::fs::read_to_string(root.join(format!("docs/rules/{code}.md"))).unwrap();
        let english = page
            .find("\n## English\n")
            .unwrap_or_else(|| panic!("{code}"));
        let chinese = &page[..english];
        assert!(chinese.contains("严重程度"), "{code}");
        assert!(page[english..].contains("Severity"), "{code}");
    }
    let pa005 = std::fs::read_to_string(root.join("docs/rules/PA005.md")).unwrap();
    assert!(pa005.contains("## 怎么办") && pa005.contains("### What to do"));
}

#[test]
fn rule_follows_the_language_chinese_by_default() {
    let (code, zh, _) = nianbao(&["rule", "T3001"]);
    assert_eq!(code, 0);
    assert!(zh.contains("严重程度：错误"), "{zh}");
    assert!(
        zh.contains("检查内容：") && zh.contains("勾稽关系 H01"),
        "{zh}"
    );
    // Links are shown as their text in a terminal; the page is named.
    assert!(!zh.contains("](../spec"), "{zh}");
    assert!(zh.contains("docs/rules/T3001.md"), "{zh}");
    assert!(!zh.contains("What it checks"), "{zh}");
    let (code, en, _) = nianbao(&["rule", "T3001", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(
        en.contains("severity: error") && en.contains("What it checks:"),
        "{en}"
    );
    assert!(!en.contains("检查内容"), "{en}");
    // The file's hand-wrapped English is one paragraph a line, for the terminal to wrap.
    assert!(
        en.contains("column C7 equals 自然人 (C1) plus the five"),
        "{en}"
    );
    // A parse code comes with advice.
    let (code, pa005, _) = nianbao(&["rule", "PA005"]);
    assert_eq!(code, 0);
    assert!(
        pa005.contains("怎么办：") && pa005.contains("原件"),
        "{pa005}"
    );
}

#[test]
fn an_unknown_code_names_the_closest_and_exits_2() {
    let (code, out, err) = nianbao(&["rule", "T3010"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "nianbao: 未知的规则代码：T3010；是否想用：T3001？（`nianbao rules` 列出全部规则）\n"
    );
    let (code, _, err) = nianbao(&["rule", "ZZZ", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("nianbao: unknown rule code: ZZZ; codes look like T3001"),
        "{err}"
    );
    // A rule's name finds it too.
    let (code, out, _) = nianbao(&["rule", "table3-row-total"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("T3001 (table3-row-total)"), "{out}");
}

#[test]
fn rules_lists_in_the_language() {
    let (_, zh, _) = nianbao(&["rules"]);
    let t3001 = zh.lines().find(|line| line.starts_with("T3001")).unwrap();
    assert!(t3001.contains("错误") && t3001.contains("算术"), "{t3001}");
    assert!(t3001.contains("表三每行的总计"), "{t3001}");
    let (_, en, _) = nianbao(&["rules", "--lang", "en"]);
    let t3001 = en.lines().find(|line| line.starts_with("T3001")).unwrap();
    assert!(
        t3001.contains("error") && t3001.contains("arithmetic"),
        "{t3001}"
    );
    assert!(!t3001.contains("表三每行"), "{t3001}");
}

#[test]
fn sarif_carries_the_language_and_help() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let seed = root.join("corpus/seed/000_19ca39454c16e942.txt");
    let seed = seed.to_str().unwrap();
    for (lang, language, heading) in [
        ("zh", "zh-CN", "## 检查内容"),
        ("en", "en-US", "## What it checks"),
    ] {
        let (_, out, stderr) =
            nianbao(&["check", seed, "--output-format", "sarif", "--lang", lang]);
        let log: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        let run = &log["runs"][0];
        assert_eq!(run["language"], language);
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let t3001 = rules.iter().find(|rule| rule["id"] == "T3001").unwrap();
        let help = t3001["help"]["markdown"].as_str().unwrap();
        assert!(help.starts_with(heading), "{help}");
        assert_eq!(t3001["help"]["text"].as_str(), Some(help));
        let pa005 = rules.iter().find(|rule| rule["id"] == "PA005").unwrap();
        assert!(pa005["help"]["markdown"].as_str().unwrap().len() > 100);
    }
}

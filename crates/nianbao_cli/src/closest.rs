//! The known selectors closest to one that matches nothing: `--select T301` names T3001,
//! `nianbao rule N04` names N004 and N014, `--ignore arith` names `arithmetic`. A typo in a
//! selection would otherwise check nothing (or ignore nothing) without a word, so the CLI refuses
//! it and says what was probably meant.

use crate::policy::CATEGORIES;
use nianbao_diagnostics::RuleMeta;
use nianbao_model::Lang;
use std::collections::BTreeSet;

/// At most this many suggestions are named.
const MAX: usize = 5;

/// One edit (a character added, dropped, changed, or two swapped) for a short selector, two for
/// one of six characters or more: `T3010` → T3001, `narative` → narrative, but `ZZZ` → nothing.
fn near(selector: &str, candidate: &str) -> Option<usize> {
    let length = selector.chars().count().min(candidate.chars().count());
    let allowed = if length < 6 { 1 } else { 2 };
    let distance = strsim::osa_distance(selector, candidate);
    (distance <= allowed).then_some(distance)
}

/// What a mistyped word was meant to name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wanted {
    /// A selection (`--select`, `--ignore`): a code, a code prefix, a rule name or a category.
    Selector,
    /// One code (`nianbao rule`): a code or a rule name.
    Code,
}

/// The codes, code prefixes, rule names and categories closest to `selector`, nearest first
/// (then in catalogue order): a code or name within an edit or two, a code prefix of the
/// selector's length within one edit (`T39` → T30), a name or category the selector begins.
/// Prefixes and categories only when a selection is `wanted`.
pub fn closest(selector: &str, catalogue: &[RuleMeta], wanted: Wanted) -> Vec<String> {
    let selector = selector.trim();
    let upper = selector.to_ascii_uppercase();
    let lower = selector.to_ascii_lowercase();
    let mut found: Vec<(usize, String)> = Vec::new();
    let offer = |found: &mut Vec<(usize, String)>, distance: Option<usize>, candidate: &str| {
        if let Some(distance) = distance {
            found.push((distance, candidate.to_owned()));
        }
    };
    for rule in catalogue {
        offer(
            &mut found,
            near(&upper, &rule.code.to_ascii_uppercase()),
            &rule.code,
        );
    }
    let codes = found.len();
    for rule in catalogue {
        offer(&mut found, near(&lower, &rule.name), &rule.name);
    }
    let selection = wanted == Wanted::Selector;
    // A mistyped prefix (`T39`) only when no whole code is near.
    if selection && codes == 0 && upper.len() >= 2 {
        for rule in catalogue {
            if let Some(prefix) = rule.code.get(..upper.len()) {
                offer(
                    &mut found,
                    near(&upper, &prefix.to_ascii_uppercase()),
                    prefix,
                );
            }
        }
    }
    for name in CATEGORIES.iter().filter(|_| selection) {
        let begins = lower.len() >= 3 && name.starts_with(&lower);
        offer(
            &mut found,
            near(&lower, name).or(begins.then_some(usize::MAX)),
            name,
        );
    }
    found.sort_by_key(|(distance, _)| *distance);
    let mut seen = BTreeSet::new();
    found
        .into_iter()
        .map(|(_, candidate)| candidate)
        .filter(|candidate| seen.insert(candidate.to_ascii_uppercase()))
        .take(MAX)
        .collect()
}

/// What to say after "`X` is no known code": the closest codes, or what codes look like.
pub fn hint(selector: &str, catalogue: &[RuleMeta], wanted: Wanted, lang: Lang) -> String {
    let suggestions = closest(selector, catalogue, wanted);
    match (lang, suggestions.is_empty()) {
        (Lang::Zh, false) => format!(
            "是否想用：{}？（`nianbao rules` 列出全部规则）",
            suggestions.join("、")
        ),
        (Lang::En, false) => format!(
            "did you mean {}? (`nianbao rules` lists every rule)",
            suggestions.join(", ")
        ),
        (Lang::Zh, true) => match wanted {
            Wanted::Selector => "规则代码形如 T3001、N004、PA002，也可用代码前缀（T3）、规则名称或类别（arithmetic）；`nianbao rules` 列出全部规则",
            Wanted::Code => "规则代码形如 T3001、N004、PA002；`nianbao rules` 列出全部规则",
        }
        .to_owned(),
        (Lang::En, true) => match wanted {
            Wanted::Selector => "codes look like T3001, N004, PA002; a code prefix (T3), a rule name or a category (arithmetic) also select; `nianbao rules` lists every rule",
            Wanted::Code => "codes look like T3001, N004, PA002; `nianbao rules` lists every rule",
        }
        .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::{Category, Message, Severity};

    fn rule(code: &str, name: &str, category: Category) -> RuleMeta {
        RuleMeta {
            code: code.into(),
            name: name.into(),
            severity: Severity::Error,
            category,
            summary: Message::default(),
            doc: None,
        }
    }

    fn catalogue() -> Vec<RuleMeta> {
        vec![
            rule("N004", "narrative-closed", Category::Narrative),
            rule("N014", "narrative-reconsideration", Category::Narrative),
            rule("PA002", "table-row-missing", Category::Structure),
            rule("T3001", "table3-row-total", Category::Arithmetic),
            rule("T3002", "table3-column-total", Category::Arithmetic),
            rule("T4001", "table4-block-total", Category::Arithmetic),
        ]
    }

    #[test]
    fn a_typo_names_the_codes_it_is_one_edit_from() {
        let catalogue = catalogue();
        assert_eq!(closest("T301", &catalogue, Wanted::Selector), ["T3001"]);
        assert_eq!(closest("t3010", &catalogue, Wanted::Selector), ["T3001"]);
        assert_eq!(closest("T30001", &catalogue, Wanted::Selector), ["T3001"]);
        assert_eq!(
            closest("N04", &catalogue, Wanted::Selector),
            ["N004", "N014"]
        );
        assert_eq!(closest("PA02", &catalogue, Wanted::Selector), ["PA002"]);
        assert_eq!(closest("T39", &catalogue, Wanted::Selector), ["T30"]);
    }

    #[test]
    fn names_and_categories_are_suggested_too() {
        let catalogue = catalogue();
        assert_eq!(
            closest("tabel3-row-total", &catalogue, Wanted::Selector),
            ["table3-row-total"]
        );
        assert_eq!(
            closest("narative", &catalogue, Wanted::Selector),
            ["narrative"]
        );
        assert_eq!(
            closest("arith", &catalogue, Wanted::Selector),
            ["arithmetic"]
        );
    }

    #[test]
    fn one_code_wanted_is_never_a_prefix_or_a_category() {
        let catalogue = catalogue();
        assert!(closest("T39", &catalogue, Wanted::Code).is_empty());
        assert!(closest("arith", &catalogue, Wanted::Code).is_empty());
        assert_eq!(closest("T3010", &catalogue, Wanted::Code), ["T3001"]);
        assert_eq!(
            closest("table3-row-totl", &catalogue, Wanted::Code),
            ["table3-row-total"]
        );
    }

    #[test]
    fn nothing_near_says_what_codes_look_like() {
        let catalogue = catalogue();
        assert!(closest("ZZZ", &catalogue, Wanted::Selector).is_empty());
        assert!(hint("ZZZ", &catalogue, Wanted::Selector, Lang::Zh).contains("T3001"));
        assert!(hint("ZZZ", &catalogue, Wanted::Code, Lang::En).contains("T3001"));
        assert_eq!(
            hint("T301", &catalogue, Wanted::Selector, Lang::Zh),
            "是否想用：T3001？（`nianbao rules` 列出全部规则）"
        );
    }
}

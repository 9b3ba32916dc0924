//! `title`: the title has the national form `{机关}{Y}年[度]{机关}政府信息公开工作年度报告`.

use super::{CheckKind, KindDoc};
use crate::fold::fold;
use crate::message::var;
use crate::params::{LoadFailure, RuleText};
use crate::rule::{Check, Ctx, Rule};
use nianbao_model::Diagnostic;
use serde::Deserialize;
use std::ops::Range;

/// `[rules.title]` as written: no parameters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {}

#[derive(Debug)]
pub(crate) struct TitleCheck;

impl CheckKind for TitleCheck {
    const KEY: &'static str = "title";
    const DOC: KindDoc = KindDoc {
        parameters: "none",
        placeholders: "`title`, `expected`",
    };
    type Params = Params;

    fn definition(_: &Params) -> Vec<String> {
        vec!["- title against `{机关}{Y}年[度]{机关}政府信息公开工作年度报告`".to_owned()]
    }

    fn compile(_: Params, _: RuleText<'_>, _: Range<usize>) -> Result<Self, LoadFailure> {
        Ok(Self)
    }
}

impl Check for TitleCheck {
    fn placeholders(&self) -> &'static [&'static str] {
        &["title", "expected"]
    }

    fn run(&self, rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        run(rule, ctx, out);
    }
}

const SUFFIX: &str = "政府信息公开工作年度报告";

/// `{机关}{Y}年[度]{机关}政府信息公开工作年度报告`, with an issuer on at least one side.
fn canonical(title: &str) -> bool {
    let folded = fold(title);
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    for (index, window) in chars.windows(5).enumerate() {
        let &[(_, c1), (_, c2), (_, c3), (_, c4), (_, c5)] = window else {
            continue;
        };
        let is_year = matches!((c1, c2), ('1', '9') | ('2', '0'))
            && c3.is_ascii_digit()
            && c4.is_ascii_digit()
            && c5 == '年';
        if !is_year {
            continue;
        }
        let Some(&(start, _)) = chars.get(index) else {
            continue;
        };
        let org = &folded[..start];
        let after = &folded[start + 4 + '年'.len_utf8()..];
        let after = after.strip_prefix('度').unwrap_or(after);
        let Some(org2) = after.strip_suffix(SUFFIX) else {
            return false;
        };
        return !(org.is_empty() && org2.is_empty());
    }
    false
}

fn run(rule: &Rule, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(title) = &ctx.report.title else {
        return;
    };
    let text = title.span.slice(ctx.source).trim();
    if text.is_empty() || canonical(text) {
        return;
    }
    let expected = match (ctx.report.organ(), title.year) {
        (Some(organ), Some(year)) => format!("{organ}{year}年{SUFFIX}"),
        _ => format!("{{机关}}{{年份}}年{SUFFIX}"),
    };
    let vars = vec![var("title", text), var("expected", expected)];
    out.push(rule.emit(None, title.span, &vars));
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn canonical_titles() {
        assert!(canonical(
            "偃师区人民政府办公室 2024 年政府信息公开工作年度报告"
        ));
        assert!(canonical("2022年上海市政府信息公开工作年度报告"));
        assert!(canonical("兴安盟审计局2025年度政府信息公开工作年度报告"));
        assert!(!canonical("2022年度 政府信息公开工作年度报告"));
        assert!(!canonical("舒兰市2016年政务信息公开年度报告"));
        assert!(!canonical("漳平市2025年政府信息公开工作的年度报告"));
        assert!(!canonical("某局政府信息公开工作年度报告"));
    }
}

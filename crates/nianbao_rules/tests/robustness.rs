//! No input may panic the rules: mangled copies of the seed and token soups through the real
//! parser, then every rule.

use nianbao_rules::RuleSet;
use proptest::prelude::*;
use std::sync::OnceLock;

const SEED: &str = include_str!("fixtures/seed.txt");

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().unwrap_or_default())
}

/// Runs everything and checks that every span lies on character boundaries of the text.
fn run(text: &str) {
    let parsed = nianbao_syntax::parse(text);
    for diagnostic in rules().check(&parsed.report, text) {
        let span = diagnostic.span;
        assert!(
            span.start <= span.end && span.end as usize <= text.len(),
            "{diagnostic:?}"
        );
        assert!(text.is_char_boundary(span.start as usize), "{diagnostic:?}");
        assert!(text.is_char_boundary(span.end as usize), "{diagnostic:?}");
    }
}

fn boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

const TOKENS: &[&str] = &[
    "\t",
    "\n",
    " ",
    "0",
    "7",
    "81",
    "-3",
    "1.5",
    "/",
    "—",
    "无",
    "%",
    "占",
    "件",
    "，",
    "。",
    "、",
    "（",
    "）",
    "受理",
    "新收",
    "办结",
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不掌握",
    "结转下年度",
    "顺延到下年度",
    "行政复议",
    "诉讼",
    "均获维持",
    "均已办结",
    "未发生",
    "2024 年，",
    "一、总体情况",
    "三、收到和处理政府信息公开申请情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "(七) 总计",
    "本年度止件数",
    "结果 维持",
    "十二",
    "两",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn truncated_and_spliced_seeds(cut in 0usize..SEED.len(), from in 0usize..SEED.len(), len in 0usize..400) {
        let cut = boundary(SEED, cut);
        run(&SEED[..cut]);
        let start = boundary(SEED, from);
        let end = boundary(SEED, start.saturating_add(len));
        let spliced = format!("{}{}", &SEED[..cut], &SEED[start..end.max(start)]);
        run(&spliced);
        let removed = format!("{}{}", &SEED[..start], &SEED[end.max(start)..]);
        run(&removed);
    }

    #[test]
    fn token_soup(indices in proptest::collection::vec(0usize..TOKENS.len(), 0..300)) {
        let text: String = indices.iter().filter_map(|&i| TOKENS.get(i).copied()).collect();
        run(&text);
        run(&format!("{SEED}{text}"));
    }
}

//! The words of a pre-2019 report's counts: which sections hold which counts, what makes a
//! count a total, a part of a breakdown, or a breakdown complete.

use super::clauses::Count;
use nianbao_model::stated::{Completion, Measure, StatedCount};

/// Which counts a section holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Scope {
    /// 主动公开: information produced and published.
    Proactive,
    /// 依申请公开: applications received and answered.
    Requests,
}

/// What the parts of a breakdown are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    /// 主动公开 / 依申请公开 / 不予公开 of the information produced.
    Kinds,
    /// 主动公开 by the units that published (县直各单位, 各乡镇).
    Units,
    /// 主动公开 by category (`机构职能类信息148条`), within one sentence.
    Categories,
    /// Applications by channel (当面, 网上, 信函 …).
    Channels,
    /// Answers by outcome (同意公开, 否决公开, 其它 …).
    Outcomes,
}

const CHANNELS: [&str; 9] = [
    "当面",
    "传真",
    "电子邮件",
    "邮件",
    "网上",
    "网络",
    "信函",
    "电话",
    "形式",
];
const OUTCOMES: [&str; 15] = [
    "同意公开",
    "部分公开",
    "否决公开",
    "不予公开",
    "不同意公开",
    "免于公开",
    "免予公开",
    "予以公开",
    "不存在",
    "非本",
    "不属于",
    "不明确",
    "告知",
    "其他",
    "其它",
];
/// Words that make an application or an answer something other than a disclosure request.
const OTHER_PROCEEDINGS: [&str; 6] = ["复议", "诉讼", "申诉", "举报", "投诉", "咨询"];
/// What may stand before `主动公开` in a total: who (the whole body) and when.
const WHOLE_BODY: [&str; 16] = [
    "其中",
    "全年",
    "本年",
    "今年",
    "全区",
    "全县",
    "全市",
    "全镇",
    "我区",
    "我县",
    "我市",
    "我局",
    "我委",
    "我办",
    "本机关",
    "共",
];

/// Why the parts are all of the total's, if the text shows it.
pub(super) fn completion(
    count: &StatedCount,
    family: Family,
    labels: &[String],
) -> Option<Completion> {
    if count.parts.is_empty() {
        return None;
    }
    if labels
        .iter()
        .any(|label| label.contains("其他") || label.contains("其它"))
    {
        return Some(Completion::Rest);
    }
    let shares: Option<Vec<f64>> = count.parts.iter().map(|part| part.percent).collect();
    if let Some(shares) = shares {
        if (shares.iter().sum::<f64>() - 100.0).abs() <= 0.2 {
            return Some(Completion::Shares);
        }
    }
    let has = |word: &str| labels.iter().any(|label| label.contains(word));
    if family == Family::Kinds && has("主动公开") && has("依申请") && has("不予公开") {
        return Some(Completion::AllKinds);
    }
    None
}

fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|word| text.contains(word))
}

/// Whether `count` is a part of a breakdown of `family`.
pub(super) fn is_part(family: Family, count: &Count<'_>) -> bool {
    let label = count.label;
    match family {
        // 主动公开 of the whole body, not of one of its units.
        Family::Kinds => {
            proactive_total(label)
                || has_any(label, &["依申请公开", "不予公开", "免予公开", "免于公开"])
        }
        Family::Units => {
            label.contains("主动公开") && !proactive_total(label) && count.tail.is_empty()
        }
        Family::Categories => count.tail.is_empty(),
        Family::Channels => {
            label.contains("申请")
                && has_any(label, &CHANNELS)
                && !has_any(label, &["收到", "受理"])
                && !has_any(label, &OTHER_PROCEEDINGS)
        }
        Family::Outcomes => has_any(label, &OUTCOMES) && !has_any(label, &OTHER_PROCEEDINGS),
    }
}

/// The total `count` states in a section of `scope`, if it is one, and the family of its
/// parts.
pub(super) fn total_of(scope: Scope, count: &Count<'_>) -> Option<(Measure, Family)> {
    let label = count.label;
    let words = format!("{label}{}", count.tail);
    match scope {
        Scope::Proactive => {
            if label.contains("制作") && label.contains("获取") {
                Some((Measure::Produced, Family::Kinds))
            } else if label.ends_with("主动公开的")
                && (count.tail.starts_with("政府信息中") || count.tail.starts_with("信息中"))
            {
                Some((Measure::Proactive, Family::Categories))
            } else if proactive_total(label) && count.tail.is_empty() {
                Some((Measure::Proactive, Family::Units))
            } else {
                None
            }
        }
        Scope::Requests => {
            if has_any(&words, &OTHER_PROCEEDINGS) {
                None
            } else if has_any(label, &["收到", "受理"]) && words.contains("申请") {
                Some((Measure::Requests, Family::Channels))
            } else if has_any(label, &["答复", "办结"]) && !has_any(label, &OUTCOMES) {
                Some((Measure::Replies, Family::Outcomes))
            } else {
                None
            }
        }
    }
}

/// `2018年全区主动公开政府信息`, `其中主动公开政府信息`: the 主动公开 count of the whole body,
/// not of one of its units.
pub(super) fn proactive_total(label: &str) -> bool {
    // A sub-heading run into the sentence (`（一）主动公开政府信息的数量2016年全区…`) ends at
    // the year.
    let mut rest = label.trim_start_matches(['、', ' ']);
    if let Some(year) = last_year(rest) {
        rest = &rest[year..];
    }
    loop {
        let before = rest;
        // A year: digits then 年.
        if let Some(at) = rest.find('年') {
            let head = &rest[..at];
            if !head.is_empty()
                && head
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                rest = &rest[at + '年'.len_utf8()..];
            }
        }
        for word in WHOLE_BODY {
            rest = rest.strip_prefix(word).unwrap_or(rest);
        }
        rest = rest.trim_start_matches(['，', '、', ' ']);
        if rest == before {
            break;
        }
    }
    let Some(what) = rest.strip_prefix("主动公开") else {
        return false;
    };
    let mut what = what;
    for ending in ["为", "达", "共计", "共", "总数", "数", "量"] {
        what = what.strip_suffix(ending).unwrap_or(what);
    }
    matches!(what, "" | "政府信息" | "信息" | "的政府信息")
}

/// Where the last year (`2016年`) of `text` starts.
pub(super) fn last_year(text: &str) -> Option<usize> {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    text.rmatch_indices('年').find_map(|(at, _)| {
        let head = &text[..at];
        let digits: Vec<(usize, char)> = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_digit(c))
            .collect();
        (digits.len() == 4).then(|| digits.last().map_or(at, |&(start, _)| start))
    })
}

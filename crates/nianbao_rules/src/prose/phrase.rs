//! Narrative phrases (`办结`, `未发生…行政复议`): literal text, or two parts with a short gap
//! inside one clause.

use super::is_clause_break;

/// The most characters a `…` in a phrase stands for; it may cross a `、` (`未发生…行政复议、行政诉讼`).
const MAX_ELLIPSIS: usize = 16;

/// A phrase: literal text, or `A…B` (A, then B after a short gap inside one clause).
#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    parts: Vec<String>,
}

impl Phrase {
    pub(crate) fn parse(text: &str) -> Option<Phrase> {
        let parts: Vec<String> = text.split('…').map(str::to_owned).collect();
        if parts.is_empty() || parts.len() > 2 || parts.iter().any(String::is_empty) {
            return None;
        }
        Some(Phrase { parts })
    }

    /// The literal text the phrase starts with.
    pub(crate) fn first(&self) -> Option<&str> {
        self.parts.first().map(String::as_str)
    }

    /// The end of the phrase when it occurs at byte `at` of `text`.
    pub(crate) fn match_at(&self, text: &str, at: usize) -> Option<usize> {
        let first = self.parts.first()?;
        let rest = text.get(at..)?;
        if !rest.starts_with(first.as_str()) {
            return None;
        }
        let after = at + first.len();
        let Some(second) = self.parts.get(1) else {
            return Some(after);
        };
        let rest = text.get(after..)?;
        // The first occurrence of the second part, looked for only as far as the gap may reach
        // (no searcher is built per call); a later one would be too far anyway.
        let gap = rest
            .char_indices()
            .map(|(at, _)| at)
            .chain([rest.len()])
            .take(MAX_ELLIPSIS + 1)
            .find(|&at| {
                rest.get(at..)
                    .is_some_and(|tail| tail.starts_with(second.as_str()))
            })?;
        let between = rest.get(..gap)?;
        let clean = !between
            .chars()
            .any(|c| (is_clause_break(c) && c != '、') || c.is_ascii_digit());
        clean.then_some(after + gap + second.len())
    }
}

/// What a phrase introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A claim's number, after the phrase or (`before`) before it.
    Claim { claim: usize, before: bool },
    /// A statement's phrase, by its position in the statement's list.
    Statement { claim: usize, phrase: usize },
}

/// A phrase a check reads, with what it introduces.
#[derive(Clone, Debug)]
pub(crate) struct PhraseUse {
    pub phrase: Phrase,
    pub target: Target,
    /// Sections (1–6) the phrase is read in; all when empty.
    pub sections: Vec<u8>,
    /// Words that make an occurrence mean something else when they stand between the phrase
    /// and its number, or (for a statement) anywhere from the phrase to the end of its clause:
    /// `行政复议被纠错 0 件` counts corrections, not reconsiderations.
    pub unless: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsis_phrases_stay_in_one_clause() {
        let phrase = Phrase::parse("未发生…行政复议").unwrap();
        let text = "本年度未发生因政府信息公开引起的行政复议、行政诉讼";
        let at = text.find("未发生").unwrap();
        assert_eq!(phrase.match_at(text, at), Some(text.find("、").unwrap()));
        assert_eq!(phrase.match_at("未发生行政诉讼，行政复议1件", 0), None);
        let far = "未发生一二三四五六七八九十一二三四五六七行政复议";
        assert_eq!(phrase.match_at(far, 0), None);
        assert!(Phrase::parse("…行政复议").is_none());
    }
}

//! Where the boilerplate phrases of a reuse rule (`ignore = ["本报告根据", …]`) occur in a
//! report's folded prose: one vectorised pass for all of them.
//!
//! Ten `memchr` substring searches over the prose, one per phrase, were a third of the cost of
//! a report's cross facts: each phrase starts with a common Chinese character, whose
//! bytes every search's prefilter keeps stopping at. aho-corasick's packed searcher (Teddy)
//! matches the first bytes of every phrase at once, a vector of text at a time: 0.40× the
//! instructions of the ten searches on the 200-report slice's texts alone, 0.71× of the search
//! inside a whole run (a general Aho-Corasick automaton was ~7× slower than the ten searches, its
//! prefilter defeated by the same characters). A rule with more phrases
//! than the packed searcher takes gets one search per phrase, as before.

use aho_corasick::packed;
use memchr::memmem;

/// The searcher for one reuse rule's phrases.
#[derive(Clone, Debug)]
pub(crate) enum Boilerplate {
    /// All the phrases in one pass.
    Packed(packed::Searcher),
    /// One search per phrase (more phrases than the packed searcher takes).
    Each(Vec<memmem::Finder<'static>>),
}

impl Boilerplate {
    /// The searcher for `phrases` (folded); empty phrases are left out.
    pub(crate) fn new(phrases: &[String]) -> Self {
        let phrases: Vec<&String> = phrases.iter().filter(|phrase| !phrase.is_empty()).collect();
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(phrases.iter().copied())
            .build();
        match packed {
            Some(searcher) if !phrases.is_empty() => Boilerplate::Packed(searcher),
            _ => Boilerplate::Each(
                phrases
                    .iter()
                    .map(|phrase| memmem::Finder::new(phrase.as_bytes()).into_owned())
                    .collect(),
            ),
        }
    }

    /// Calls `found` with the byte offset of a phrase in `text`, for every line of `text` that
    /// holds one (at least once a line: a phrase overlapping an earlier one on its line may be
    /// passed over), in any order.
    pub(crate) fn for_each_start(&self, text: &str, mut found: impl FnMut(usize)) {
        match self {
            Boilerplate::Packed(searcher) => {
                for hit in searcher.find_iter(text.as_bytes()) {
                    found(hit.start());
                }
            }
            Boilerplate::Each(finders) => {
                for finder in finders {
                    for start in finder.find_iter(text.as_bytes()) {
                        found(start);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The lines holding a phrase, by each searcher.
    fn lines(searcher: &Boilerplate, text: &str) -> Vec<usize> {
        let mut lines = Vec::new();
        searcher.for_each_start(text, |start| {
            lines.push(text[..start].matches('\n').count());
        });
        lines.sort_unstable();
        lines.dedup();
        lines
    }

    proptest! {
        #[test]
        fn the_packed_search_flags_the_lines_one_search_per_phrase_flags(
            text in "[本报告根据由统计期限如对年度有联系电话\n,。]{0,80}",
            phrases in proptest::collection::vec("[本报告根据由统计期限如对年度有]{0,4}", 0..6),
        ) {
            let packed = Boilerplate::new(&phrases);
            let each = Boilerplate::Each(
                phrases
                    .iter()
                    .filter(|phrase| !phrase.is_empty())
                    .map(|phrase| memmem::Finder::new(phrase.as_bytes()).into_owned())
                    .collect(),
            );
            prop_assert_eq!(lines(&packed, &text), lines(&each, &text));
        }
    }

    #[test]
    fn the_rules_phrases_take_the_packed_searcher() {
        let phrases: Vec<String> = ["本报告根据", "统计期限", "联系电话"]
            .map(String::from)
            .to_vec();
        assert!(matches!(Boilerplate::new(&phrases), Boilerplate::Packed(_)));
        assert!(matches!(Boilerplate::new(&[]), Boilerplate::Each(_)));
    }
}

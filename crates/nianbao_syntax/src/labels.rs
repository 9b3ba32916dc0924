//! Template labels in folded form, and the search for one label in the folded text.

use crate::fold::{Folded, Needle, fold_str, fuzzy_find};
use nianbao_model::{Label, LabelMatch};
use nianbao_source::Span;

/// A template label ready for search.
pub(crate) struct LabelForm {
    /// The label as the template prints it (numbering excluded).
    pub printed: &'static str,
    /// The numbering as the template prints it (`（一）`, `1.`), possibly empty.
    pub printed_numbering: &'static str,
    pub folded: Needle,
    /// Accepted folded numberings.
    pub numberings: Numberings,
    /// Short labels (`其他`, `总计`) occur inside other text: require their numbering.
    pub needs_numbering: bool,
    /// The label without its parenthesised note (`部分公开` for `部分公开（区分处理的，…）`,
    /// `本年收费金额` for `本年收费金额（单位：万元）`): reports that drop the note print this.
    pub short: Option<Needle>,
}

impl LabelForm {
    pub fn new(numbering: &'static str, printed: &'static str) -> Self {
        let folded = fold_str(printed);
        let numberings = Numberings::new(numbering);
        let needs_numbering = !numberings.is_empty() && printed.chars().count() <= 2;
        let short = folded
            .find('(')
            .filter(|&at| at > 0 && folded.ends_with(')'))
            .and_then(|at| folded.get(..at))
            .map(|short| Needle::folded(short.to_owned()));
        Self {
            printed,
            printed_numbering: numbering,
            folded: Needle::folded(folded),
            numberings,
            needs_numbering,
            short,
        }
    }
}

/// The folded numberings a label accepts: `1.` → `(1)`, `1,` (from `1、`), `1.`; `（一）` →
/// `(一)`, `一,`, `一.`; and the template's own. Matched part by part, so a label built once per
/// process does not format four strings.
pub(crate) struct Numberings {
    /// The numeral (`1`, `一`); empty when the label has no numbering.
    core: String,
    /// The template's numbering, folded.
    folded: String,
}

impl Numberings {
    fn new(numbering: &str) -> Self {
        let folded = fold_str(numbering);
        let core = folded
            .chars()
            .filter(|c| !matches!(c, '(' | ')' | '.' | ','))
            .collect();
        Self { core, folded }
    }

    pub fn is_empty(&self) -> bool {
        self.core.is_empty()
    }

    /// The length of the first accepted numbering (in the order of the type doc) that ends
    /// folded byte `at` and starts at or after `from`.
    fn ending_at(&self, folded: &Folded, from: usize, at: usize) -> Option<usize> {
        if self.core.is_empty() {
            return None;
        }
        let before = folded.slice(0, at).as_bytes();
        let before = before.get(from.min(before.len())..).unwrap_or(&[]);
        let core = self.core.as_bytes();
        [
            &[b"(", core, b")"][..],
            &[core, b","],
            &[core, b"."],
            &[self.folded.as_bytes()],
        ]
        .into_iter()
        .find_map(|parts| ends_with_parts(before, parts))
    }
}

/// The length of `parts` joined when `text` ends with them.
fn ends_with_parts(text: &[u8], parts: &[&[u8]]) -> Option<usize> {
    let mut rest = text;
    for part in parts.iter().rev() {
        rest = rest.strip_suffix(*part)?;
    }
    Some(text.len() - rest.len())
}

/// A label found in the folded text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    /// Folded start, numbering included.
    pub start: usize,
    /// Folded end of the label.
    pub end: usize,
    pub label: Label,
}

/// The folded gap a missing label `index` must lie in: after the nearest label found before it
/// (or `from`) and before the nearest one found after it (or `to`).
pub(crate) fn gap(found: &[Option<Found>], index: usize, from: usize, to: usize) -> (usize, usize) {
    let low = found
        .get(..index)
        .and_then(|before| before.iter().rev().flatten().next())
        .map_or(from, |f| f.end);
    let high = found
        .get(index + 1..)
        .and_then(|after| after.iter().flatten().next())
        .map_or(to, |f| f.start);
    (low, high)
}

/// The first occurrence of `form` in folded `[from, to)`; failing that, of its short form (the
/// label without its note), which is a [`LabelMatch::Variant`].
pub(crate) fn find(
    source: &str,
    folded: &Folded,
    form: &LabelForm,
    from: usize,
    to: usize,
) -> Option<Found> {
    if let Some((start, end, numbered)) =
        find_text(folded, form, &form.folded, form.needs_numbering, from, to)
    {
        let span = folded.span(start, end);
        let printed = span.slice(source);
        let exact = if numbered {
            printed
                .strip_prefix(form.printed_numbering)
                .is_some_and(|label| label == form.printed)
        } else {
            form.numberings.is_empty() && printed == form.printed
        };
        let matched = if exact {
            LabelMatch::Exact
        } else {
            LabelMatch::Folded
        };
        return Some(Found {
            start,
            end,
            label: Label { span, matched },
        });
    }
    let short = form.short.as_ref()?;
    // A short form inside a table row needs its numbering to be told from running text.
    let needs_numbering = !form.numberings.is_empty();
    let (start, end, _) = find_text(folded, form, short, needs_numbering, from, to)?;
    Some(Found {
        start,
        end,
        label: Label {
            span: folded.span(start, end),
            matched: LabelMatch::Variant,
        },
    })
}

/// `(start with numbering, end, numbered)` of the first acceptable occurrence of `text`.
fn find_text(
    folded: &Folded,
    form: &LabelForm,
    text: &Needle,
    needs_numbering: bool,
    from: usize,
    to: usize,
) -> Option<(usize, usize, bool)> {
    let mut cursor = from;
    while let Some(at) = folded.find(text, cursor, to) {
        cursor = at + text.len().max(1);
        let numbering = form.numberings.ending_at(folded, from, at);
        if needs_numbering && numbering.is_none() {
            continue;
        }
        let start = numbering.map_or(at, |len| at - len);
        return Some((start, at + text.len(), numbering.is_some()));
    }
    None
}

/// Edits a near miss of a label of `chars` characters may have: one in a short label, two up
/// to eleven characters (`规范性文件` for `行政规范性文件`), a quarter of a longer one
/// (`其他法律行政止公开` drops three of `其他法律行政法规禁止公开`'s twelve), never more than four.
/// Labels under four characters must match exactly.
fn allowed_edits(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=5 => 1,
        _ => (chars / 4).clamp(2, 4),
    }
}

/// A near miss of `form` in folded `[from, to)` (see [`allowed_edits`]): a misprinted label,
/// searched only between the neighbours found, so the template order decides which row it is.
pub(crate) fn find_variant(
    folded: &Folded,
    form: &LabelForm,
    from: usize,
    to: usize,
) -> Option<Found> {
    let chars = form.folded.chars().count();
    let allowed = allowed_edits(chars);
    if allowed == 0 || to <= from || to - from > 4000 {
        return None;
    }
    let window = folded.slice(from, to);
    let (start, end, _) = fuzzy_find(window, &form.folded, allowed)?;
    let (start, end) = (from + start, from + end);
    // The numbering before a typo'd label (`4.保护第三方合法权利`) belongs to it, not to the
    // previous row's values, where its digit would be read as one more glued cell.
    // The label itself (what deviates) stays without it.
    let numbered_start = form
        .numberings
        .ending_at(folded, from, start)
        .map_or(start, |len| start - len);
    Some(Found {
        start: numbered_start,
        end,
        label: Label {
            span: folded.span(start, end),
            matched: LabelMatch::Variant,
        },
    })
}

/// The source text between a label ending at folded byte `label_end` and the next item starting
/// at folded byte `next_start`, separators included.
pub(crate) fn region(folded: &Folded, label_end: usize, next_start: usize) -> Span {
    let start = folded.source_end(label_end);
    let end = folded.source_start(next_start).max(start);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numberings_end_where_the_label_starts() {
        let numberings = Numberings::new("（一）");
        let ending = |text: &str, from: usize| {
            let folded = Folded::new(text);
            numberings.ending_at(&folded, from, folded.slice(0, usize::MAX).len())
        };
        assert_eq!(ending("表（一）", 0), Some(5));
        assert_eq!(ending("表一、", 0), Some(4));
        assert_eq!(ending("一.", 0), Some(4));
        assert_eq!(ending("（二）", 0), None);
        // Not before `from`: the numbering must lie inside the searched range.
        assert_eq!(ending("（一）", 1), None);
        assert!(Numberings::new("").is_empty());
        assert_eq!(
            Numberings::new("").ending_at(&Folded::new("1."), 0, 2),
            None
        );
        assert_eq!(
            Numberings::new("1.").ending_at(&Folded::new("(1)"), 0, 3),
            Some(3)
        );
    }
}

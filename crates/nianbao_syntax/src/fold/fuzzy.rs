//! Near misses of a label: the best approximate match of a folded label in folded text.

/// Where `needle` best matches a substring of `haystack` with at most `max_edits` edits
/// (semi-global Levenshtein): `(start, end, edits)` in bytes of `haystack`.
pub(crate) fn fuzzy_find(
    haystack: &str,
    needle: &str,
    max_edits: usize,
) -> Option<(usize, usize, usize)> {
    let pattern: Vec<char> = needle.chars().collect();
    if pattern.is_empty() {
        return None;
    }
    let m = pattern.len();
    // Column state per pattern prefix: (cost, start byte in haystack).
    let mut previous: Vec<(usize, usize)> = (0..=m).map(|i| (i, 0)).collect();
    let mut current = previous.clone();
    let mut best: Option<(usize, usize, usize)> = None;
    for (offset, c) in haystack.char_indices() {
        let next = offset + c.len_utf8();
        current[0] = (0, next);
        for i in 1..=m {
            let substitute = (
                previous[i - 1].0 + usize::from(pattern[i - 1] != c),
                if i == 1 { offset } else { previous[i - 1].1 },
            );
            let delete_text = (previous[i].0 + 1, previous[i].1);
            let skip_pattern = (current[i - 1].0 + 1, current[i - 1].1);
            // Fewest edits; on a tie the shortest match (latest start), so that a near miss
            // does not swallow the values printed before it.
            current[i] = [substitute, delete_text, skip_pattern]
                .into_iter()
                .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                .unwrap_or(substitute);
        }
        if let Some(&(cost, start)) = current.get(m)
            && cost <= max_edits
        {
            // Fewer edits win; with as many edits, the same start extended further wins.
            let better = match best {
                None => true,
                Some((best_start, _, edits)) => {
                    cost < edits || (cost == edits && start == best_start)
                }
            };
            if better {
                best = Some((start, next, cost));
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_finds_a_typo() {
        let (start, end, edits) =
            fuzzy_find("信息内容本年制发件数本年度止件数现行", "本年废止件数", 2).unwrap();
        assert_eq!(edits, 1);
        assert_eq!(
            &"信息内容本年制发件数本年度止件数现行"[start..end],
            "本年度止件数"
        );
        assert_eq!(fuzzy_find("abc", "xyz", 1), None);
    }
}

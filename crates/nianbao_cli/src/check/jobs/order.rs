//! The order a listing's jobs are checked and shown in: by displayed path, then by path.

use super::Job;

/// The order of `jobs` by displayed path, then by path. The displays are compared as bytes
/// (the order of their text), from where they start to differ: a walk's paths share its folder,
/// and the next eight bytes, as one number, tell most apart in an integer sort; only names
/// whose numbers are equal are compared whole.
pub(super) fn by_display(jobs: &[Job]) -> Vec<usize> {
    let shown = |at: usize| jobs.get(at).map(Job::display_bytes);
    let first = shown(0).unwrap_or_default();
    let mut shared = first.len();
    for other in jobs.iter().map(Job::display_bytes) {
        let prefix = &first[..shared];
        if !other.starts_with(prefix) {
            shared = prefix.iter().zip(other).take_while(|(a, b)| a == b).count();
        }
    }
    let rest = |at: usize| shown(at).and_then(|shown| shown.get(shared..));
    let mut keyed: Vec<(u64, usize)> = (0..jobs.len())
        .map(|at| (leading_word(rest(at).unwrap_or_default()), at))
        .collect();
    keyed.sort_unstable();
    for tied in keyed.chunk_by_mut(|(a, _), (b, _)| a == b) {
        if tied.len() > 1 {
            tied.sort_unstable_by(|(_, a), (_, b)| {
                rest(*a)
                    .cmp(&rest(*b))
                    .then_with(|| match (jobs.get(*a), jobs.get(*b)) {
                        (Some(a), Some(b)) => a.origin.cmp(&b.origin),
                        _ => std::cmp::Ordering::Equal,
                    })
                    .then(a.cmp(b))
            });
        }
    }
    keyed.into_iter().map(|(_, at)| at).collect()
}

/// The first eight bytes of `bytes` as a big-endian number, zeros past its end: numbers in the
/// order of the byte strings, or equal.
fn leading_word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    for (slot, byte) in word.iter_mut().zip(bytes) {
        *slot = *byte;
    }
    u64::from_be_bytes(word)
}

/// Puts `items` in `order` (a permutation of their places: the item at `order[i]` goes to `i`)
/// in place, a cycle of the permutation at a time: a second list of 100,000 jobs would be
/// 6.4 MB of fresh memory, its every page a fault.
pub(super) fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        // Swapping each item of the cycle into place carries the first one along to the end.
        while placed.get(at) == Some(&false) {
            if let Some(slot) = placed.get_mut(at) {
                *slot = true;
            }
            let Some(&from) = order.get(at) else {
                break;
            };
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn jobs_of(paths: &[String]) -> Vec<Job> {
        paths
            .iter()
            .map(|path| Job::of_path(Path::new(path).into()))
            .collect()
    }

    proptest::proptest! {
        /// Each item goes where the order puts it, in place.
        #[test]
        fn permuting_puts_each_item_in_its_place(keys in proptest::collection::vec(0u8..8, 0..40)) {
            let mut order: Vec<usize> = (0..keys.len()).collect();
            order.sort_by_key(|&at| keys[at]);
            let mut items: Vec<String> = (0..keys.len()).map(|at| at.to_string()).collect();
            permute(&mut items, &order);
            let expected: Vec<String> = order.iter().map(usize::to_string).collect();
            proptest::prop_assert_eq!(items, expected);
        }

        /// The order is that of the displayed paths, then of the paths, whatever they share.
        #[test]
        fn jobs_are_ordered_by_display_then_path(
            paths in proptest::collection::vec(
                "(\\./|/)?(r/){0,2}[a.年/]{0,12}|corpus/20[12]9/?[a.年]{0,14}",
                0..12,
            )
        ) {
            let jobs = jobs_of(&paths);
            let mut expected: Vec<usize> = (0..jobs.len()).collect();
            expected.sort_by(|&a, &b| {
                jobs[a].display().cmp(jobs[b].display())
                    .then_with(|| jobs[a].origin.cmp(&jobs[b].origin))
                    .then(a.cmp(&b))
            });
            proptest::prop_assert_eq!(by_display(&jobs), expected);
        }
    }

    #[test]
    fn leading_words_order_as_their_bytes() {
        let words = ["", "a", "a\0", "a\0b", "ab", "abcdefgh", "abcdefghi", "b"];
        for pair in words.windows(2) {
            let (a, b) = (pair[0].as_bytes(), pair[1].as_bytes());
            assert!(leading_word(a) <= leading_word(b), "{pair:?}");
        }
        assert_eq!(leading_word(b"abcdefgh"), leading_word(b"abcdefghi"));
    }
}

//! Glued digits: whether a row's numbers, printed without separators, split back one way only.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Check {
    /// No identity: the glued string must have exactly one split.
    #[default]
    None,
    /// Six parts and their total (H01).
    RowTotal,
    /// Three blocks of four parts and a total (H04–H06).
    Blocks,
}

/// How many ways the concatenated digits of `numbers` split into `numbers.len()` tokens (no
/// leading zeros) that satisfy `check`. Stops counting at 2.
pub(super) fn splits(numbers: &[i64], check: Check) -> usize {
    let digits: String = numbers.iter().map(i64::to_string).collect();
    let mut tokens = Vec::with_capacity(numbers.len());
    count_splits(digits.as_bytes(), numbers.len(), check, &mut tokens)
}

fn count_splits(rest: &[u8], wanted: usize, check: Check, tokens: &mut Vec<i64>) -> usize {
    if tokens.len() == wanted {
        let ok = rest.is_empty()
            && match check {
                Check::None => true,
                Check::RowTotal => satisfies_blocks(tokens, 7),
                Check::Blocks => satisfies_blocks(tokens, 5),
            };
        return usize::from(ok);
    }
    // Prune: in block mode, a completed block must already add up.
    if check == Check::Blocks && tokens.len() % 5 == 0 {
        if let Some(&[a, b, c, d, total]) = tokens.last_chunk::<5>() {
            if a + b + c + d != total {
                return 0;
            }
        }
    }
    let remaining = wanted - tokens.len();
    if rest.len() < remaining {
        return 0;
    }
    let mut found = 0;
    let longest = if rest.first() == Some(&b'0') {
        1
    } else {
        (rest.len() - (remaining - 1)).min(12)
    };
    for length in 1..=longest {
        let (Some(head), Some(tail)) = (rest.get(..length), rest.get(length..)) else {
            break;
        };
        let Some(value) = std::str::from_utf8(head)
            .ok()
            .and_then(|text| text.parse::<i64>().ok())
        else {
            continue;
        };
        tokens.push(value);
        found += count_splits(tail, wanted, check, tokens);
        tokens.pop();
        if found >= 2 {
            return found;
        }
    }
    found
}

fn satisfies_blocks(tokens: &[i64], block: usize) -> bool {
    tokens.chunks(block).all(|chunk| match chunk.split_last() {
        Some((total, parts)) => parts.iter().sum::<i64>() == *total,
        None => true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_splits_match_the_documented_examples() {
        // `layouts.md` §8: 平潭 2024's row has exactly one split satisfying H01.
        assert_eq!(splits(&[217, 1, 0, 0, 0, 0, 218], Check::RowTotal), 1);
        // The constructed ambiguous string `0250201037` splits two ways.
        assert_eq!(splits(&[0, 25, 0, 2, 0, 10, 37], Check::RowTotal), 2);
        // Table 4 `21317000001324019` is unique block by block.
        let table4 = [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19];
        assert_eq!(splits(&table4, Check::Blocks), 1);
        // Table 2's `693665` has no identity to choose with.
        assert_eq!(splits(&[69, 3, 665], Check::None), 2);
        assert_eq!(splits(&[0, 0, 0], Check::None), 1);
    }
}

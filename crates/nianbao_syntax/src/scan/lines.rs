//! What a line of a value region is before it is cut: trimmed, a page number printed in a
//! footer, or a Markdown table rule.

use super::number::digit;

/// [`str::trim`], with the ASCII whitespace around nearly every line and cell trimmed byte by
/// byte: only an end left on a non-ASCII character or a vertical tab (other Unicode whitespace)
/// takes the character-by-character trim.
pub(crate) fn trim(text: &str) -> &str {
    let trimmed = text.trim_ascii();
    let unusual = |byte: Option<&u8>| byte.is_some_and(|&byte| byte >= 0x80 || byte == 0x0B);
    let bytes = trimmed.as_bytes();
    if unusual(bytes.first()) || unusual(bytes.last()) {
        trimmed.trim()
    } else {
        trimmed
    }
}

/// A page number a PDF prints in its footer or header, alone on its line (trimmed): `-1-`,
/// `— 4 —`, `- 4 -`, `第 2 页`, `第2页 共5页`. It is not part of any table or paragraph. `line` is
/// trimmed already (every caller has trimmed it with [`trim`]).
pub(crate) fn is_page_marker(line: &str) -> bool {
    const DASHES: [char; 4] = ['—', '-', '－', '–'];
    // Nearly every line fails on its first byte: `-`, or the lead byte of `—`/`–` (E2),
    // `－` (EF) or `第` (E7).
    if !matches!(line.as_bytes().first(), Some(b'-' | 0xE2 | 0xEF | 0xE7))
        || (!line.starts_with(DASHES) && !line.starts_with('第'))
    {
        return false;
    }
    let digits = |text: &str| {
        let text = text.trim();
        !text.is_empty() && text.chars().all(|c| digit(c).is_some())
    };
    if line.starts_with(DASHES) && line.ends_with(DASHES) {
        let inner = line.trim_start_matches(DASHES).trim_end_matches(DASHES);
        return inner.len() < line.len() && digits(inner);
    }
    let Some(rest) = line.strip_prefix('第') else {
        return false;
    };
    let Some((page, rest)) = rest.split_once('页') else {
        return false;
    };
    let rest = rest.trim();
    digits(page)
        && (rest.is_empty()
            || rest
                .strip_prefix('共')
                .and_then(|rest| rest.strip_suffix('页'))
                .is_some_and(digits))
}

/// Whether a trimmed line is a page marker or a Markdown rule, neither of which holds cells.
/// Nearly every line is told by its first byte here, without a call.
#[inline]
pub(super) fn is_layout_line(line: &str) -> bool {
    matches!(
        line.as_bytes().first(),
        Some(b'-' | b'|' | b':' | 0xE2 | 0xEF | 0xE7)
    ) && (is_page_marker(line) || is_rule_line(line))
}

fn is_rule_line(line: &str) -> bool {
    // Every character must be one of `|-: `, the first one included (checked first: nearly every
    // line fails there).
    matches!(line.as_bytes().first(), Some(b'|' | b'-' | b':'))
        && line.contains('-')
        && line.contains('|')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_agrees_with_str_trim() {
        let pieces = [
            "", " ", "\t", "\u{b}", "\u{c}", "\r\n", "\u{3000}", "\u{a0}", "\u{85}", "a", "数",
            "|", "\u{1c}",
        ];
        for left in pieces {
            for middle in ["", "0", "数 据", " \u{3000} "] {
                for right in pieces {
                    let text = format!("{left}{middle}{right}");
                    assert_eq!(trim(&text), text.trim(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn page_markers() {
        for marker in [
            "-1-",
            "— 4 —",
            "- 12 -",
            "  －3－ ",
            "第 2 页",
            "第2页 共5页",
            "\u{c}-5-",
        ] {
            assert!(is_page_marker(trim(marker)), "{marker:?}");
        }
        for text in ["-", "—— ——", "第二页", "0517-87222589", "-1", "第 2 页内容"] {
            assert!(!is_page_marker(trim(text)), "{text:?}");
        }
    }
}

//! Positions as editors show them: lines, and columns in characters, UTF-16 units or bytes.

use serde::Serialize;

/// A position as editors show it. Lines and columns are 1-based; `column` counts Unicode scalar
/// values (a tab is one column), `utf16_column` counts UTF-16 code units (LSP's default),
/// `byte_column` counts UTF-8 bytes (Vim's `%c`, LSP's `utf-8` encoding).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub utf16_column: u32,
    pub byte_column: u32,
}

impl Position {
    /// The column counted in `unit`.
    pub fn column_in(&self, unit: ColumnUnit) -> u32 {
        match unit {
            ColumnUnit::Char => self.column,
            ColumnUnit::Utf16 => self.utf16_column,
            ColumnUnit::Byte => self.byte_column,
        }
    }
}

/// What a column counts. Every tool agrees on lines and disagrees on columns: people and most
/// of our output count characters, Vim and LSP's `utf-8` encoding count bytes, LSP's default
/// and VS Code count UTF-16 code units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnUnit {
    /// Unicode scalar values: `偃` is one column.
    #[default]
    Char,
    /// UTF-8 bytes: `偃` is three.
    Byte,
    /// UTF-16 code units: `偃` is one, `𠀀` two.
    Utf16,
}

/// Maps byte offsets of one text to lines and character columns.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // Counting first (a vectorised pass) sizes the vector once instead of growing it.
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let mut line_starts = Vec::with_capacity(newlines + 1);
        line_starts.push(0);
        line_starts.extend(
            memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|offset| u32::try_from(offset + 1).unwrap_or(u32::MAX)),
        );
        Self { line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 1-based line holding `offset`.
    pub fn line_of(&self, offset: u32) -> u32 {
        let index = self.line_starts.partition_point(|&start| start <= offset);
        u32::try_from(index.max(1)).unwrap_or(u32::MAX)
    }

    /// Byte offset where 1-based `line` starts, if the line exists.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts
            .get((line as usize).checked_sub(1)?)
            .copied()
    }

    /// The editor position of byte `offset` in `text` (the text this index was built from).
    /// An offset inside a multi-byte character is treated as that character's start.
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let offset = offset.min(u32::try_from(text.len()).unwrap_or(u32::MAX));
        let line = self.line_of(offset);
        let start = self.line_start(line).unwrap_or(0) as usize;
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = text.get(start..end).unwrap_or("");
        let column = prefix.chars().count() + 1;
        // A character takes two UTF-16 units exactly when UTF-8 takes four bytes for it, and
        // those start with 0xF0–0xF4: counting bytes vectorises, decoding characters does not.
        // (In chunks of 255 with a byte-wide counter, which vectorises to full-width lanes.)
        let astral: usize = prefix
            .as_bytes()
            .chunks(255)
            .map(|chunk| {
                let in_chunk = chunk.iter().fold(0_u8, |count, &byte| {
                    count.wrapping_add(u8::from(byte >= 0xF0))
                });
                usize::from(in_chunk)
            })
            .sum();
        let utf16_column = column + astral;
        Position {
            line,
            column: u32::try_from(column).unwrap_or(u32::MAX),
            utf16_column: u32::try_from(utf16_column).unwrap_or(u32::MAX),
            byte_column: u32::try_from(prefix.len() + 1).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of 1-based `line` and `column` (counted in `unit`) in `text`: the inverse
    /// of [`LineIndex::position`]. Like LSP, a column past the end of the line means the end of
    /// the line (before its `\n` or `\r\n`), a line past the last means the end of the text,
    /// and a column inside a character (a byte of `偃`, half a surrogate pair) means that
    /// character's start.
    pub fn offset(&self, text: &str, line: u32, column: u32, unit: ColumnUnit) -> u32 {
        let Some(start) = self.line_start(line.max(1)) else {
            return u32::try_from(text.len()).unwrap_or(u32::MAX);
        };
        let rest = text.get(start as usize..).unwrap_or("");
        let content = rest.split('\n').next().unwrap_or("");
        let content = content.strip_suffix('\r').unwrap_or(content);
        let wanted = column.saturating_sub(1) as usize;
        let mut counted = 0usize;
        let mut at = content.len();
        for (offset, ch) in content.char_indices() {
            let width = match unit {
                ColumnUnit::Char => 1,
                ColumnUnit::Byte => ch.len_utf8(),
                ColumnUnit::Utf16 => ch.len_utf16(),
            };
            if counted + width > wanted {
                at = offset;
                break;
            }
            counted += width;
        }
        start.saturating_add(u32::try_from(at).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Columns in characters and in UTF-16 units, as their definitions say, at every
        /// character boundary of text mixing Chinese, ASCII, line breaks and astral characters,
        /// on lines long enough to cross the 255-byte chunks of the UTF-16 count.
        #[test]
        fn positions_match_their_definition(text in "[偃师a-z0-9 \t\n😀𠀀é]{0,200}") {
            let index = LineIndex::new(&text);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let position = index.position(&text, offset as u32);
                let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
                let prefix = &text[line_start..offset];
                prop_assert_eq!(position.line as usize, text[..offset].matches('\n').count() + 1);
                prop_assert_eq!(position.column as usize, prefix.chars().count() + 1);
                prop_assert_eq!(
                    position.utf16_column as usize,
                    prefix.chars().map(char::len_utf16).sum::<usize>() + 1
                );
                prop_assert_eq!(position.byte_column as usize, prefix.len() + 1);
                // And back, in every unit.
                for unit in [ColumnUnit::Char, ColumnUnit::Byte, ColumnUnit::Utf16] {
                    let back = index.offset(&text, position.line, position.column_in(unit), unit);
                    prop_assert_eq!(back as usize, offset);
                }
            }
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "一、总体情况\n偃师区 2024 年\t81 件";
        let index = LineIndex::new(text);
        let offset = text.find("81").unwrap() as u32;
        let position = index.position(text, offset);
        assert_eq!(position.line, 2);
        // 偃 师 区 ␠ 2 0 2 4 ␠ 年 ⇥ → "81" is the 12th character.
        assert_eq!(position.column, 12);
        assert_eq!(position.utf16_column, 12);
        // Vim's byte column: 偃师区年 are three bytes each, ` 2024 ` and the tab one each.
        assert_eq!(position.byte_column, 20);
        assert_eq!(position.column_in(ColumnUnit::Byte), 20);
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "𠀀a";
        let position = LineIndex::new(text).position(text, 4);
        assert_eq!((position.column, position.utf16_column), (2, 3));
    }

    #[test]
    fn offsets_from_columns_clamp_like_lsp() {
        let text = "总计\t81\r\n𠀀a\n";
        let index = LineIndex::new(text);
        // Past the end of a line: its end, before the CR LF.
        assert_eq!(index.offset(text, 1, 99, ColumnUnit::Utf16), 9);
        // Inside a character: its start (the second byte of 总, the low surrogate of 𠀀).
        assert_eq!(index.offset(text, 1, 2, ColumnUnit::Byte), 0);
        assert_eq!(index.offset(text, 2, 2, ColumnUnit::Utf16), 11);
        assert_eq!(index.offset(text, 2, 3, ColumnUnit::Utf16), 15);
        // Past the last line: the end of the text.
        assert_eq!(
            index.offset(text, 9, 1, ColumnUnit::Char),
            text.len() as u32
        );
        assert_eq!(
            index.offset(text, 3, 1, ColumnUnit::Char),
            text.len() as u32
        );
    }

    #[test]
    fn offsets_inside_a_character_snap_back() {
        let text = "总计";
        let position = LineIndex::new(text).position(text, 4);
        assert_eq!(position.column, 2);
    }

    #[test]
    fn crlf_lines() {
        let text = "a\r\nbc\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 4).line, 2);
        assert_eq!(index.position(text, 4).column, 2);
        assert_eq!(index.line_count(), 3);
    }
}

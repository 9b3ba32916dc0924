//! The comparison copy of a text: widths, quotes and enumeration commas folded, whitespace gone,
//! with every folded byte mapped back to the source character it came from.
//!
//! Labels broken by spaces or line breaks, half-width brackets and full-width digits all compare
//! equal in this copy, so label search is a plain substring search.

use memchr::memmem::Finder;
use nianbao_source::Span;

/// Folds one character for comparison; `None` drops it (whitespace and invisible marks).
pub(crate) fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return (!c.is_ascii_whitespace()).then_some(c);
    }
    // Ideographs first: they are nearly every character of a report.
    match c {
        '\u{4E00}'..='\u{9FFF}' => Some(simplified(c)),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        c if c.is_whitespace() => None,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '“' | '”' | '„' | '″' => Some('"'),
        '‘' | '’' | '′' => Some('\''),
        '、' => Some(','),
        _ => Some(c),
    }
}

/// Traditional characters of the template vocabulary and their Simplified forms, sorted by the
/// Traditional character: mirrors serve 繁體 pages (`layouts.md` §1 step 3). Only characters that
/// are not themselves in Simplified use are mapped (覆 stays, 複 and 復 become 复).
const TRADITIONAL: [(char, char); 123] = [
    ('來', '来'),
    ('個', '个'),
    ('內', '内'),
    ('則', '则'),
    ('動', '动'),
    ('務', '务'),
    ('區', '区'),
    ('問', '问'),
    ('單', '单'),
    ('國', '国'),
    ('圍', '围'),
    ('執', '执'),
    ('報', '报'),
    ('實', '实'),
    ('審', '审'),
    ('專', '专'),
    ('對', '对'),
    ('導', '导'),
    ('屬', '属'),
    ('廢', '废'),
    ('廣', '广'),
    ('廳', '厅'),
    ('強', '强'),
    ('後', '后'),
    ('復', '复'),
    ('採', '采'),
    ('據', '据'),
    ('數', '数'),
    ('於', '于'),
    ('時', '时'),
    ('會', '会'),
    ('條', '条'),
    ('業', '业'),
    ('構', '构'),
    ('機', '机'),
    ('權', '权'),
    ('決', '决'),
    ('沒', '没'),
    ('況', '况'),
    ('減', '减'),
    ('為', '为'),
    ('無', '无'),
    ('獲', '获'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('當', '当'),
    ('發', '发'),
    ('確', '确'),
    ('穩', '稳'),
    ('範', '范'),
    ('糾', '纠'),
    ('紀', '纪'),
    ('納', '纳'),
    ('級', '级'),
    ('組', '组'),
    ('結', '结'),
    ('統', '统'),
    ('經', '经'),
    ('維', '维'),
    ('網', '网'),
    ('線', '线'),
    ('編', '编'),
    ('縣', '县'),
    ('總', '总'),
    ('織', '织'),
    ('繳', '缴'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('義', '义'),
    ('聞', '闻'),
    ('聯', '联'),
    ('與', '与'),
    ('舉', '举'),
    ('萬', '万'),
    ('處', '处'),
    ('號', '号'),
    ('補', '补'),
    ('製', '制'),
    ('複', '复'),
    ('見', '见'),
    ('規', '规'),
    ('計', '计'),
    ('訊', '讯'),
    ('記', '记'),
    ('訟', '讼'),
    ('訪', '访'),
    ('許', '许'),
    ('訴', '诉'),
    ('詢', '询'),
    ('話', '话'),
    ('認', '认'),
    ('請', '请'),
    ('議', '议'),
    ('護', '护'),
    ('財', '财'),
    ('費', '费'),
    ('資', '资'),
    ('購', '购'),
    ('轉', '转'),
    ('辦', '办'),
    ('這', '这'),
    ('進', '进'),
    ('過', '过'),
    ('郵', '邮'),
    ('鄉', '乡'),
    ('錄', '录'),
    ('鎮', '镇'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('閱', '阅'),
    ('關', '关'),
    ('電', '电'),
    ('頁', '页'),
    ('項', '项'),
    ('預', '预'),
    ('領', '领'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('體', '体'),
];

/// One bit per CJK Unified Ideograph (U+4E00–U+9FFF): set when the character is in
/// [`TRADITIONAL`]. Nearly every character of a report is an ideograph and nearly none is
/// Traditional, so the bit test spares the table search on the hot path of folding.
static TRADITIONAL_BITS: [u64; 328] = {
    let mut bits = [0u64; 328];
    let mut index = 0;
    while index < TRADITIONAL.len() {
        let offset = TRADITIONAL[index].0 as usize - 0x4E00;
        bits[offset / 64] |= 1 << (offset % 64);
        index += 1;
    }
    bits
};

fn is_traditional(code: u32) -> bool {
    let offset = (code as usize).wrapping_sub(0x4E00);
    TRADITIONAL_BITS
        .get(offset / 64)
        .is_some_and(|word| word & (1 << (offset % 64)) != 0)
}

fn simplified(c: char) -> char {
    if !is_traditional(c as u32) {
        return c;
    }
    TRADITIONAL
        .binary_search_by_key(&c, |&(traditional, _)| traditional)
        .ok()
        .and_then(|index| TRADITIONAL.get(index))
        .map_or(c, |&(_, simplified)| simplified)
}

/// Folds a template label the same way as the text.
pub(crate) fn fold_str(label: &str) -> String {
    label.chars().filter_map(fold_char).collect()
}

/// A folded search text with its substring searcher built once: labels are searched hundreds of
/// times per report, and building a searcher per search cost more than the searching.
pub(crate) struct Needle {
    text: String,
    finder: Finder<'static>,
}

impl Needle {
    /// Folds `text` and prepares its searcher.
    pub fn new(text: &str) -> Self {
        Self::folded(fold_str(text))
    }

    /// Prepares the searcher for text that is folded already.
    pub fn folded(text: String) -> Self {
        let finder = Finder::new(text.as_bytes()).into_owned();
        Self { text, finder }
    }
}

impl std::ops::Deref for Needle {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

/// The end of the run of characters from byte `at` that fold to themselves.
fn identity_run(source: &str, mut at: usize) -> usize {
    let bytes = source.as_bytes();
    while let Some(&lead) = bytes.get(at) {
        if lead < 0x80 {
            if lead.is_ascii_whitespace() {
                break;
            }
            at += 1;
            continue;
        }
        // Ideographs U+4E00–U+9FFF are three bytes led by E4–E9; in valid UTF-8 the two bytes
        // after such a lead are continuation bytes, so the code point is read off directly.
        if !(0xE4..=0xE9).contains(&lead) {
            break;
        }
        let (Some(&second), Some(&third)) = (bytes.get(at + 1), bytes.get(at + 2)) else {
            break;
        };
        let code = (u32::from(lead & 0x0F) << 12)
            | (u32::from(second & 0x3F) << 6)
            | u32::from(third & 0x3F);
        if code < 0x4E00 || is_traditional(code) {
            break;
        }
        at += 3;
    }
    at
}

/// Folded bytes per entry of the piece index.
const BLOCK: usize = 64;

/// Where a stretch of the folded text comes from: either bytes copied unchanged from the source
/// (`copied`), or one character folded to another form.
#[derive(Clone, Copy, Debug)]
struct Piece {
    folded: u32,
    source: u32,
    copied: bool,
}

/// The folded copy of a whole text.
pub(crate) struct Folded<'a> {
    pub text: String,
    /// The folded text as pieces in order, each mapping back to the source: one entry per run
    /// of unchanged text rather than one per byte, so folding a report costs a copy, not a map.
    pieces: Vec<Piece>,
    /// For every block of [`BLOCK`] folded bytes, the piece holding its first byte: a lookup
    /// searches only the few pieces of its block.
    blocks: Vec<u32>,
    source: &'a str,
}

impl<'a> Folded<'a> {
    pub fn new(source: &'a str) -> Self {
        let mut text = String::with_capacity(source.len());
        let mut pieces = Vec::new();
        let bytes = source.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Most characters fold to themselves (ASCII other than whitespace, and ideographs
            // U+4E00–U+9FFF that are not Traditional): copy such runs whole.
            let run_end = identity_run(source, at);
            if run_end > at {
                let Some(run) = source.get(at..run_end) else {
                    break;
                };
                pieces.push(Piece {
                    folded: text.len() as u32,
                    source: at as u32,
                    copied: true,
                });
                text.push_str(run);
                at = run_end;
                continue;
            }
            let offset = at as u32;
            let Some(c) = source.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            at += c.len_utf8();
            if let Some(folded) = fold_char(c) {
                pieces.push(Piece {
                    folded: text.len() as u32,
                    source: offset,
                    copied: false,
                });
                text.push(folded);
            }
        }
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut piece = 0usize;
        for block_start in (0..text.len()).step_by(BLOCK) {
            while pieces
                .get(piece + 1)
                .is_some_and(|next| next.folded as usize <= block_start)
            {
                piece += 1;
            }
            blocks.push(piece as u32);
        }
        Self {
            text,
            pieces,
            blocks,
            source,
        }
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// The piece holding folded byte `at < len`.
    fn piece_at(&self, at: usize) -> Option<&Piece> {
        let block = at / BLOCK;
        let low = *self.blocks.get(block)? as usize;
        let high = self
            .blocks
            .get(block + 1)
            .map_or(self.pieces.len(), |&next| next as usize + 1);
        let candidates = self.pieces.get(low..high)?;
        let index = candidates
            .partition_point(|piece| piece.folded as usize <= at)
            .checked_sub(1)?;
        candidates.get(index)
    }

    /// Source offset where the character holding folded byte `at` starts (the source end for
    /// `at >= len`).
    pub fn source_start(&self, at: usize) -> u32 {
        if at >= self.text.len() {
            return self.source.len() as u32;
        }
        let Some(piece) = self.piece_at(at) else {
            return 0;
        };
        if !piece.copied {
            return piece.source;
        }
        // Copied bytes sit at the same distance from the piece start in both texts.
        let mut source = piece.source as usize + (at - piece.folded as usize);
        while source > 0 && !self.source.is_char_boundary(source) {
            source -= 1;
        }
        source as u32
    }

    /// Source offset just after the character holding folded byte `end - 1`.
    pub fn source_end(&self, end: usize) -> u32 {
        let Some(last) = end.checked_sub(1) else {
            return 0;
        };
        if last >= self.text.len() {
            return self.source.len() as u32;
        }
        let start = self.source_start(last);
        let width = self
            .source
            .get(start as usize..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        start + width as u32
    }

    /// The source span of folded bytes `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        if end <= start {
            let at = self.source_start(start);
            return Span::new(at, at);
        }
        Span::new(self.source_start(start), self.source_end(end))
    }

    /// The first folded byte whose source character starts at or after `offset`.
    pub fn at_source(&self, offset: u32) -> usize {
        let index = self.pieces.partition_point(|piece| piece.source < offset);
        let next = self
            .pieces
            .get(index)
            .map_or(self.text.len(), |piece| piece.folded as usize);
        let Some(piece) = index.checked_sub(1).and_then(|i| self.pieces.get(i)) else {
            return next;
        };
        if !piece.copied {
            return next;
        }
        // Inside a copied piece: the first character boundary at or after `offset`.
        let mut source = offset as usize;
        while source < self.source.len() && !self.source.is_char_boundary(source) {
            source += 1;
        }
        let folded = piece.folded as usize + (source - piece.source as usize);
        folded.min(next)
    }

    /// Finds `needle` in folded bytes `[from, to)`.
    pub fn find(&self, needle: &Needle, from: usize, to: usize) -> Option<usize> {
        let haystack = self.text.get(from..to.min(self.text.len()))?;
        needle.finder.find(haystack.as_bytes()).map(|at| at + from)
    }

    /// The folded text in `[from, to)`, empty when the bounds are not char boundaries.
    pub fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to.min(self.text.len())).unwrap_or("")
    }
}

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
    fn folds_widths_and_drops_whitespace() {
        let source = "（二） 部分\n公开１２";
        let folded = Folded::new(source);
        assert_eq!(folded.text, "(二)部分公开12");
        let at = folded.find(&Needle::new("公开"), 0, folded.len()).unwrap();
        let span = folded.span(at, at + "公开".len());
        assert_eq!(span.slice(source), "公开");
        assert_eq!(folded.span(0, 1).slice(source), "（");
    }

    #[test]
    fn piece_map_agrees_with_a_per_character_map() {
        let source =
            "\u{FEFF}标题: 平潭 2021年度\t１２，３\n（二）部分公開 “引” 、a b\r\n\u{200B}末";
        let folded = Folded::new(source);
        // The reference: every folded byte mapped to its source character's start.
        let mut text = String::new();
        let mut starts = Vec::new();
        for (offset, c) in source.char_indices() {
            if let Some(f) = fold_char(c) {
                text.push(f);
                starts.resize(starts.len() + f.len_utf8(), offset as u32);
            }
        }
        assert_eq!(folded.text, text);
        for at in 0..=text.len() + 1 {
            let expected = starts.get(at).copied().unwrap_or(source.len() as u32);
            assert_eq!(folded.source_start(at), expected, "folded byte {at}");
        }
        for offset in 0..=source.len() as u32 + 1 {
            let expected = starts.partition_point(|&start| start < offset);
            assert_eq!(folded.at_source(offset), expected, "source byte {offset}");
        }
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(
            fold_str("政府信息公開工作年度報告"),
            "政府信息公开工作年度报告"
        );
        assert_eq!(fold_str("行政複議"), fold_str("行政复议"));
        assert_eq!(fold_str("覆盖"), "覆盖");
        assert!(TRADITIONAL.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

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

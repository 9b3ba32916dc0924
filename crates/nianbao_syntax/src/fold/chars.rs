//! How one character folds: widths, quotes, enumeration commas, Traditional characters of the
//! template vocabulary, whitespace and invisible marks dropped. The fold is a `const fn`, so the
//! table of the characters it leaves alone ([`folds_to_itself`]) is computed by the compiler from
//! the same rules and can never drift from them.

/// Folds one character for comparison; `None` drops it (whitespace and invisible marks).
pub(crate) const fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return if c.is_ascii_whitespace() {
            None
        } else {
            Some(c)
        };
    }
    // Ideographs first: they are nearly every character of a report.
    match c {
        '\u{4E00}'..='\u{9FFF}' => Some(simplified(c)),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        c if is_whitespace(c) => None,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '“' | '”' | '„' | '″' => Some('"'),
        '‘' | '’' | '′' => Some('\''),
        '、' => Some(','),
        _ => Some(c),
    }
}

/// [`char::is_whitespace`] (Unicode White_Space), usable in a `const fn` on the workspace's
/// minimum Rust version; a test checks that the two agree on every character.
const fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{D}'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
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
/// Traditional, so the bit test spares the table search.
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

const fn simplified(c: char) -> char {
    let offset = (c as usize).wrapping_sub(0x4E00);
    if offset / 64 >= TRADITIONAL_BITS.len()
        || TRADITIONAL_BITS[offset / 64] & (1 << (offset % 64)) == 0
    {
        return c;
    }
    // Binary search by the Traditional character (a loop: `const fn`).
    let (mut low, mut high) = (0, TRADITIONAL.len());
    while low < high {
        let middle = (low + high) / 2;
        let (traditional, simplified) = TRADITIONAL[middle];
        if traditional == c {
            return simplified;
        }
        if (traditional as u32) < c as u32 {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    c
}

/// One bit per character of the Basic Multilingual Plane: set when [`fold_char`] leaves it as it
/// is. Runs of such characters are copied whole into the folded text, and a three-byte character
/// (ideographs and CJK punctuation) is tested with one load.
static FOLDS_TO_ITSELF: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut code = 0u32;
    while code < 0x1_0000 {
        if let Some(c) = char::from_u32(code)
            && let Some(folded) = fold_char(c)
            && folded as u32 == code
        {
            bits[code as usize / 64] |= 1 << (code % 64);
        }
        code += 1;
    }
    bits
};

/// Whether [`fold_char`] leaves the character `code` of the Basic Multilingual Plane as it is.
#[cfg(test)]
fn folds_to_itself(code: u32) -> bool {
    FOLDS_TO_ITSELF
        .get(code as usize / 64)
        .is_some_and(|word| word & (1 << (code % 64)) != 0)
}

/// Whether `lead second third` start with the UTF-8 encoding of a three-byte character that
/// [`fold_char`] leaves as it is: its code point divided by 64 indexes the table and its last
/// six bits pick the bit, so the character is never decoded. A lead byte outside `E0`–`EF`
/// indexes past the table's 1,024 words (`lead ^ 0xE0` is 16 or more), which is the test that
/// the character has three bytes.
#[inline]
pub(super) fn three_byte_folds_to_itself(lead: u8, second: u8, third: u8) -> bool {
    let word = (usize::from(lead ^ 0xE0) << 6) | usize::from(second & 0x3F);
    FOLDS_TO_ITSELF
        .get(word)
        .is_some_and(|bits| bits & (1 << (third & 0x3F)) != 0)
}

/// The ASCII byte the commonest three-byte characters that do not fold to themselves fold to:
/// the full-width forms U+FF01–U+FF5E (`，（）：；`) and the enumeration comma `、`. `None` for
/// every other character (a test checks this against [`fold_char`]).
#[inline]
pub(super) fn three_byte_to_ascii(lead: u8, second: u8, third: u8) -> Option<u8> {
    match (lead, second, third) {
        (0xEF, 0xBC, 0x81..=0xBF) => Some(third - 0x60),
        (0xEF, 0xBD, 0x80..=0x9E) => Some(third - 0x20),
        (0xE3, 0x80, 0x81) => Some(b','),
        _ => None,
    }
}

/// Folds a template label the same way as the text.
pub(crate) fn fold_str(label: &str) -> String {
    // Most labels are ideographs that fold to themselves: copied whole, as `Folded` copies them.
    if super::build::identity_run(label.as_bytes(), 0) == label.len() {
        return label.to_owned();
    }
    let mut folded = String::with_capacity(label.len());
    folded.extend(label.chars().filter_map(fold_char));
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_str_copies_what_folds_to_itself_and_folds_the_rest() {
        // The copied runs hold only characters `fold_char` keeps.
        assert!(
            (b'!'..=b'~')
                .map(char::from)
                .all(|c| fold_char(c) == Some(c))
        );
        assert_eq!(fold_str("政府信息公开"), "政府信息公开");
        assert_eq!(fold_str("（一）報告 １"), "(一)报告1");
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
    fn the_ascii_shortcut_agrees_with_the_fold() {
        for code in 0x800..0x1_0000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let mut bytes = [0u8; 4];
            c.encode_utf8(&mut bytes);
            let folded = fold_char(c);
            match three_byte_to_ascii(bytes[0], bytes[1], bytes[2]) {
                Some(ascii) => assert_eq!(folded, Some(char::from(ascii)), "U+{code:04X}"),
                None => assert!(!matches!(c, '\u{FF01}'..='\u{FF5E}' | '、'), "U+{code:04X}"),
            }
        }
        assert_eq!(three_byte_to_ascii(b'a', b'b', b'c'), None);
    }

    #[test]
    fn whitespace_agrees_with_char_is_whitespace() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(is_whitespace(c), c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_identity_table_agrees_with_the_fold() {
        for code in 0..0x1_0000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(
                folds_to_itself(code),
                fold_char(c) == Some(c),
                "U+{code:04X}"
            );
        }
        let three_bytes = |c: char| {
            let mut bytes = [0u8; 4];
            c.encode_utf8(&mut bytes);
            three_byte_folds_to_itself(bytes[0], bytes[1], bytes[2])
        };
        assert!(['。', '政', '报', '《', '—'].into_iter().all(three_bytes));
        // Lead bytes of one, two and four bytes never test as three-byte characters.
        assert!(!three_byte_folds_to_itself(b'a', 0x80, 0x80));
        assert!(!three_byte_folds_to_itself(0xC2, 0xA0, 0x80));
        assert!(!three_byte_folds_to_itself(0xF0, 0x9F, 0x99));
        assert!(!['報', '　', '，', '、', '“'].into_iter().any(three_bytes));
        assert!(folds_to_itself('。' as u32) && folds_to_itself('政' as u32));
        assert!(!folds_to_itself('報' as u32) && !folds_to_itself('　' as u32));
        assert!(!folds_to_itself('，' as u32) && !folds_to_itself('、' as u32));
    }
}

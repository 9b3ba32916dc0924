//! One cell's text read as a value: numbers (ASCII or full-width digits, thousands groups,
//! decimals, a sign or 增/减, a unit or note after them) and the placeholders `/`, `—`, `无`.

use nianbao_model::{Placeholder, Value};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::take_while_m_n,
    character::complete::{char as chr, digit1},
    combinator::{opt, recognize},
    multi::many0_count,
    sequence::preceded,
};

/// The value of decimal digit `c`, ASCII or full-width.
pub(crate) fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// A word of digits alone, read by [`plain_number`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PlainNumber {
    pub value: i64,
    /// How many digits it has (a full-width digit is one).
    pub digits: usize,
}

/// Digits alone, ASCII or full-width (`０`–`９`), most cells: read without the grammar, to the
/// value [`classify`] gives them. Eighteen digits always fit an i64; longer runs take the
/// checked path.
pub(super) fn plain_number(word: &str) -> Option<PlainNumber> {
    let bytes = word.as_bytes();
    let mut value = 0i64;
    let mut digits = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let digit = if byte.is_ascii_digit() {
            at += 1;
            byte - b'0'
        } else if let Some(&[0xEF, 0xBC, third @ 0x90..=0x99]) = bytes.get(at..at + 3) {
            at += 3;
            third - 0x90
        } else {
            return None;
        };
        digits += 1;
        if digits > 18 {
            return None;
        }
        value = value * 10 + i64::from(digit);
    }
    (digits > 0).then_some(PlainNumber { value, digits })
}

/// Reads one cell text; `None` means it is not a value (text).
pub(crate) fn classify(word: &str) -> Option<Value> {
    if let Some(number) = plain_number(word) {
        return Some(Value::Number(number.value));
    }
    // The placeholders are six bytes at most (`——`): longer words skip the comparisons.
    if word.len() <= 6 {
        match word {
            "/" | "／" | "\\" => return Some(Value::Placeholder(Placeholder::Slash)),
            "—" | "——" | "-" | "－" | "–" | "--" | "―" => {
                return Some(Value::Placeholder(Placeholder::Dash));
            }
            "无" => return Some(Value::Placeholder(Placeholder::None)),
            _ => {}
        }
    }
    // Most words of a value region are label or header text: reject them before folding.
    let first = word.chars().next()?;
    if digit(first).is_none() && !matches!(first, '+' | '-' | '增' | '减' | '＋' | '－') {
        return None;
    }
    if !may_read_as_number(word) {
        return None;
    }
    let ascii = AsciiDigits::new(word)?;
    let folded = ascii.as_str();
    match number(folded) {
        Ok((rest, value)) if rest.is_empty() || is_annotation(rest) => Some(value),
        _ => None,
    }
}

/// Whether what follows the longest run of number characters (after a sign) in `word` is
/// nothing, a bracketed note or a unit: otherwise the grammar, whose number is a prefix of that
/// run, cannot end in an accepted rest either. Prose that starts with a year (`2021年，本机关…`)
/// is rejected here without folding it.
fn may_read_as_number(word: &str) -> bool {
    let body = word
        .strip_prefix(['+', '-', '增', '减', '＋', '－'])
        .unwrap_or(word);
    let rest = body.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '０'..='９' | ',' | '，' | '.' | '．')
    });
    rest.is_empty()
        || (rest.starts_with(['(', '（']) && rest.ends_with([')', '）']))
        || matches!(
            rest,
            "件" | "条" | "个" | "项" | "元" | "万元" | "次" | "人次"
        )
}

fn is_annotation(rest: &str) -> bool {
    (rest.starts_with('(') && rest.ends_with(')'))
        || matches!(
            rest,
            "件" | "条" | "个" | "项" | "元" | "万元" | "次" | "人次"
        )
}

/// A number: optional sign (`+ - 增 减`), digits with optional `,` thousands groups, optional
/// decimals.
fn number(input: &str) -> IResult<&str, Value> {
    let (rest, sign) = opt(alt((chr('+'), chr('-'), chr('增'), chr('减')))).parse(input)?;
    let (rest, integer) = recognize((
        digit1,
        many0_count(preceded(
            chr(','),
            take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        )),
    ))
    .parse(rest)?;
    let (rest, fraction) = opt(preceded(chr('.'), digit1)).parse(rest)?;
    let negative = matches!(sign, Some('-' | '减'));
    let mut value: i64 = 0;
    for digit in integer.bytes().filter(u8::is_ascii_digit) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(digit - b'0')))
            .ok_or_else(|| fail(input))?;
    }
    let value = match fraction {
        Some(fraction) => {
            let mut buffer = [0u8; 64];
            let decimal = decimal_text(&mut buffer, integer, fraction)
                .and_then(|text| text.parse::<f64>().ok())
                .ok_or_else(|| fail(input))?;
            Value::Decimal(if negative { -decimal } else { decimal })
        }
        None => Value::Number(if negative { -value } else { value }),
    };
    Ok((rest, value))
}

/// `integer.fraction` without thousands separators, on the stack.
fn decimal_text<'b>(buffer: &'b mut [u8; 64], integer: &str, fraction: &str) -> Option<&'b str> {
    let mut len = 0;
    for byte in integer
        .bytes()
        .filter(u8::is_ascii_digit)
        .chain([b'.'])
        .chain(fraction.bytes())
    {
        *buffer.get_mut(len)? = byte;
        len += 1;
    }
    std::str::from_utf8(buffer.get(..len)?).ok()
}

fn fail(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify))
}

/// A cell text with full-width digits and signs folded to ASCII, on the stack for short cells.
struct AsciiDigits {
    buffer: [u8; 64],
    len: usize,
}

impl AsciiDigits {
    fn new(word: &str) -> Option<Self> {
        let mut buffer = [0u8; 64];
        let mut len = 0;
        for c in word.chars() {
            let folded = match c {
                '０'..='９' => char::from(b'0' + digit(c)?),
                '，' => ',',
                '．' => '.',
                '（' => '(',
                '）' => ')',
                '＋' => '+',
                '－' => '-',
                c => c,
            };
            let mut encoded = [0u8; 4];
            let bytes = folded.encode_utf8(&mut encoded).as_bytes();
            let target = buffer.get_mut(len..len + bytes.len())?;
            target.copy_from_slice(bytes);
            len += bytes.len();
        }
        Some(Self { buffer, len })
    }

    fn as_str(&self) -> &str {
        self.buffer
            .get(..self.len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_read_as_the_grammar_reads_them() {
        for word in [
            "0",
            "7",
            "12",
            "０",
            "８１",
            "1２3",
            "000123",
            "123456789012345678",
            "１２３４５６７８９０１２３４５６７８",
        ] {
            let plain = plain_number(word).map(|number| Value::Number(number.value));
            let ascii = AsciiDigits::new(word);
            let grammar = ascii
                .as_ref()
                .and_then(|ascii| number(ascii.as_str()).ok())
                .filter(|(rest, _)| rest.is_empty())
                .map(|(_, value)| value);
            assert_eq!(plain, grammar, "{word}");
            assert_eq!(
                plain_number(word).map(|number| number.digits),
                Some(word.chars().count()),
                "{word}"
            );
        }
        for word in [
            "",
            "1234567890123456789",
            "12a",
            " 1",
            "1,2",
            "１．５",
            "\u{FF10}x",
        ] {
            assert_eq!(plain_number(word), None, "{word}");
        }
    }

    #[test]
    fn words_rejected_early_are_rejected_by_the_grammar() {
        for word in [
            "2021年，本机关因政府信息公开工作被申请行政复议0件",
            "12,077",
            "22（其中修订 16 件）",
            "22(1)",
            "3件",
            "3万元",
            "减4",
            "＋５",
            "1,2",
            "1.5.",
            "9116.36元",
            "12a",
            "1)",
            "-",
            "增",
        ] {
            let grammar = AsciiDigits::new(word).and_then(|ascii| match number(ascii.as_str()) {
                Ok((rest, value)) if rest.is_empty() || is_annotation(rest) => Some(value),
                _ => None,
            });
            assert!(may_read_as_number(word) || grammar.is_none(), "{word}");
        }
        assert!(!may_read_as_number("2021年，本机关"));
        assert!(may_read_as_number("22（其中修订 16 件）") && may_read_as_number("3万元"));
    }

    #[test]
    fn classifies_cells() {
        assert_eq!(classify("12,077"), Some(Value::Number(12077)));
        assert_eq!(classify("８１"), Some(Value::Number(81)));
        assert_eq!(classify("22（其中修订 16 件）"), Some(Value::Number(22)));
        assert_eq!(classify("减4"), Some(Value::Number(-4)));
        assert_eq!(classify("9116.36"), Some(Value::Decimal(9116.36)));
        assert_eq!(classify("——"), Some(Value::Placeholder(Placeholder::Dash)));
        assert_eq!(classify("结果"), None);
        assert_eq!(classify("1,2"), None);
        assert_eq!(classify("99999999999999999999"), None);
    }
}

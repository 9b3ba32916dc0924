//! What every layout prints the same way: a label with its injected typo, numbers with
//! thousands separators, and Table 3's check note.

use super::rendered::Anchor;
use crate::report::GeneratedReport;

/// A label as printed: the fault's typo if it targets this label (then anchored), else the
/// template's wording.
pub(crate) fn printed_label(
    report: &GeneratedReport,
    template: &'static str,
) -> (&'static str, Option<Anchor>) {
    match report.edits.label {
        Some((original, typo)) if original == template => (typo, Some(Anchor::Label(template))),
        _ => (template, None),
    }
}

/// `12077` as `12,077`.
pub(crate) fn with_thousands(value: i64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position) % 3 == 0 && digit.is_ascii_digit() {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

pub(crate) const CHECK_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators_group_by_three() {
        assert_eq!(with_thousands(12_077), "12,077");
        assert_eq!(with_thousands(1_234_567), "1,234,567");
        assert_eq!(with_thousands(100_000), "100,000");
    }
}

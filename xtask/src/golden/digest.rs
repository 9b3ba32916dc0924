//! A run's record as a digest: the timing masked, the bytes hashed stably.

/// The summary line's time (`用时 0.04 秒`, `in 0.04 s`) is the only output that changes from
/// run to run.
pub(super) fn mask_timing(stderr: &str) -> String {
    let mut out = String::with_capacity(stderr.len());
    for line in stderr.split_inclusive('\n') {
        let masked = [("用时 ", " 秒"), (" in ", " s:")]
            .iter()
            .find_map(|(before, after)| {
                let start = line.find(before)? + before.len();
                let length = line.get(start..)?.find(after)?;
                let number = line.get(start..start + length)?;
                number
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || ch == '.')
                    .then(|| format!("{}…{}", &line[..start], &line[start + length..]))
            });
        out.push_str(masked.as_deref().unwrap_or(line));
    }
    out
}

/// FNV-1a, 64 bits: stable across toolchains, which `DefaultHasher` does not promise.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_is_masked_and_nothing_else() {
        assert_eq!(
            mask_timing("已检查 66 份报告，用时 0.04 秒：29 份有错误\nx in 3 s: y\n"),
            "已检查 66 份报告，用时 … 秒：29 份有错误\nx in … s: y\n"
        );
        assert_eq!(
            mask_timing("checked 2 reports in 0.50 s: 1 with errors"),
            "checked 2 reports in … s: 1 with errors"
        );
        assert_eq!(mask_timing("in a s: b"), "in a s: b");
    }
}

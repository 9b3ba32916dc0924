//! A fast hash for the short keys looked up per report (folded labels): FNV-1a, which beats the
//! standard library's DoS-resistant SipHash several times on keys of a few dozen bytes. The keys
//! are the template's own labels, never chosen by an input, so flooding is not a concern.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A set hashed with [`Fnv`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_it_holds_and_nothing_else() {
        let set: FastSet<String> = ["结果维持", "申请人情况"]
            .map(str::to_owned)
            .into_iter()
            .collect();
        assert!(set.contains("结果维持"));
        assert!(!set.contains("结果维护"));
    }

    #[test]
    fn different_keys_hash_apart() {
        let hash = |text: &str| {
            let mut hasher = Fnv::default();
            hasher.write(text.as_bytes());
            hasher.finish()
        };
        assert_ne!(hash("结果维持"), hash("结果维护"));
        assert_eq!(hash("总计"), hash("总计"));
    }
}

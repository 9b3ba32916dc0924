//! A fast hash for the short keys looked up per report (folded labels, printed header cells):
//! FNV-1a's step taken over eight bytes at a time, which beats the standard library's
//! DoS-resistant SipHash several times on keys of a few dozen bytes, and byte-at-a-time FNV-1a
//! about three times on labels of ten Chinese characters. The keys are the template's own
//! labels and a report's cells, looked up in maps of verdicts, never chosen to collide with
//! each other to any effect beyond a slower lookup.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over 64-bit words (the last, short one padded with zeros and its length), folded
/// down at the end so that the low bits a table indexes with depend on every byte.
pub(crate) struct Fnv(u64);

const PRIME: u64 = 0x0100_0000_01b3;

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        let hash = self.0;
        (hash ^ hash >> 32).wrapping_mul(PRIME) ^ hash >> 47
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in words.by_ref() {
            let word = <[u8; 8]>::try_from(word).unwrap_or_default();
            self.0 = (self.0 ^ u64::from_le_bytes(word)).wrapping_mul(PRIME);
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut word = [0_u8; 8];
            for (to, from) in word.iter_mut().zip(rest) {
                *to = *from;
            }
            if let (Some(last), Ok(len)) = (word.last_mut(), u8::try_from(rest.len())) {
                *last = len;
            }
            self.0 = (self.0 ^ u64::from_le_bytes(word)).wrapping_mul(PRIME);
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
        // Every prefix of a label (short last words of each length, whole words) apart.
        let label = "本机关不掌握相关政府信息\0";
        let mut hashes: Vec<u64> = (0..=label.len())
            .filter_map(|end| label.get(..end))
            .map(hash)
            .collect();
        let count = hashes.len();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), count);
    }
}

//! Unit tests of [`super`].

use super::*;
use proptest::prelude::*;

fn sample() -> CrossFacts {
    CrossFacts {
        organ: Some("偃师区人民政府办公室".into()),
        year: Some(2024),
        anchor: Some(Span::new(1, 40)),
        cells: vec![CellFact {
            slot: 3,
            value: -7,
            span: Span::new(50, 51),
        }],
        sentences: vec![(4, vec![(9, 12), (10, 30)])],
        ..CrossFacts::default()
    }
}

proptest! {
    /// A damaged record (a spill file changed under the run) is refused or read, never a
    /// panic or a huge allocation: lengths are checked against the bytes at hand.
    #[test]
    fn any_bytes_decode_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn a_record_with_a_changed_byte_decodes_without_panicking(at in any::<usize>(), byte in any::<u8>()) {
        let mut bytes = Vec::new();
        encode("a/b.txt", &sample(), &mut bytes);
        let at = at % bytes.len();
        bytes[at] = byte;
        let _ = decode(&bytes);
    }

    /// Every prefix of a real record but the whole is refused.
    #[test]
    fn truncated_records_are_refused(cut in 0_usize..200) {
        let mut bytes = Vec::new();
        encode("a/b.txt", &sample(), &mut bytes);
        let cut = cut.min(bytes.len() - 1);
        prop_assert_eq!(decode(&bytes[..cut]), None);
    }
}

#[test]
fn facts_read_back_as_written() {
    let rules = crate::RuleSet::builtin().expect("builtin rules");
    let reports = nianbao_gen::series(&nianbao_gen::SeriesOptions {
        seed: 3,
        index: 7,
        first_year: 2020,
        years: 3,
        faults: Vec::new(),
    });
    for report in &reports {
        let text = nianbao_gen::render(report, nianbao_gen::Layout::Tab).text;
        let parsed = nianbao_syntax::parse(&text);
        let facts = rules.cross_facts(&parsed.report, &text);
        assert!(facts.organ.is_some() && facts.year.is_some() && facts.anchor.is_some());
        assert!(!facts.cells.is_empty());
        assert!(facts.sentences.iter().all(|(_, hashes)| !hashes.is_empty()));
        let mut bytes = Vec::new();
        encode("甲/2021.txt", &facts, &mut bytes);
        assert_eq!(decode(&bytes), Some(("甲/2021.txt".to_owned(), facts)));
        // Cut short or with bytes left over, a record is refused, not misread.
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        bytes.push(0);
        assert_eq!(decode(&bytes), None);
    }
}

#[test]
fn empty_facts_round_trip() {
    let mut bytes = Vec::new();
    encode("", &CrossFacts::default(), &mut bytes);
    assert_eq!(decode(&bytes), Some((String::new(), CrossFacts::default())));
}

/// The sentence hash as first defined: 8-byte little-endian words, the last zero-padded. The
/// corpus store compares hashes of reports read in different runs, so it must never change.
fn hash_by_definition(text: &str) -> u32 {
    let mut state = 0x243f_6a88_85a3_08d3_u64 ^ text.len() as u64;
    for chunk in text.as_bytes().chunks(8) {
        let mut word = [0_u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        state =
            (state.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    state ^= state >> 33;
    state = state.wrapping_mul(0xff51_afd7_ed55_8ccd);
    state ^= state >> 33;
    state = state.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    state ^= state >> 33;
    state as u32
}

proptest! {
    #[test]
    fn the_sentence_hash_is_stable(text in "[政府a-z0-9，]{0,30}") {
        prop_assert_eq!(hash(&text), hash_by_definition(&text));
    }
}

/// A cell is found by its slot whether the report has every cell before it (found in place)
/// or lacks some (searched for).
#[test]
fn cells_are_found_by_slot_with_or_without_gaps() {
    let cell = |slot: u16| CellFact {
        slot,
        value: i64::from(slot) * 10,
        span: Span::new(u32::from(slot), u32::from(slot) + 1),
    };
    let facts = CrossFacts {
        cells: vec![cell(0), cell(1), cell(3), cell(7)],
        ..CrossFacts::default()
    };
    assert_eq!(facts.cell(Some(1)), Some((10, Span::new(1, 2))));
    assert_eq!(facts.cell(Some(3)), Some((30, Span::new(3, 4))));
    assert_eq!(facts.cell(Some(7)), Some((70, Span::new(7, 8))));
    assert_eq!(facts.cell(Some(2)), None);
    assert_eq!(facts.cell(Some(9)), None);
    assert_eq!(facts.cell(None), None);
}

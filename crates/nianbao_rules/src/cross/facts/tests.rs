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

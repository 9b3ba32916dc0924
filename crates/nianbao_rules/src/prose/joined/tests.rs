//! Unit tests of [`super`].

use super::*;
use proptest::prelude::*;

proptest! {
    /// The byte-level search finds exactly the characters that may end a sentence, on text
    /// mixing them with characters that share their lead bytes (`、「」`, `，：（）`).
    #[test]
    fn breaks_as_defined(text in "[。；！？;!?\n\r、「」〈，：（）Ａ政府a \u{3000}]{0,20}") {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some((index, c)) = next_break(text.as_bytes(), at) {
            found.push((index, c));
            at = index + c.len_utf8();
        }
        let expected: Vec<(usize, char)> = text
            .char_indices()
            .filter(|&(_, c)| matches!(c, '。' | '；' | '！' | '？' | ';' | '!' | '?' | '\n' | '\r'))
            .collect();
        prop_assert_eq!(found, expected);
    }
}

fn sentences(source: &str, wraps: bool) -> Vec<CutSentence<'_>> {
    let mut out = Vec::new();
    cut(source, Span::from_range(0..source.len()), wraps, |s| {
        out.push(s)
    });
    out
}

fn texts(source: &str, wraps: bool) -> Vec<String> {
    sentences(source, wraps)
        .into_iter()
        .map(|sentence| sentence.text.text().to_owned())
        .collect()
}

#[test]
fn a_wrap_is_no_boundary_and_maps_back() {
    let source = "区政府办代表区政府受理政府\n   信息公开申请 17 件。";
    assert_eq!(
        texts(source, true),
        ["区政府办代表区政府受理政府信息公开申请 17 件。"]
    );
    assert_eq!(
        texts(source, false),
        ["区政府办代表区政府受理政府\n", "   信息公开申请 17 件。"]
    );
    // CRLF is one line break.
    assert_eq!(
        texts(&source.replace('\n', "\r\n"), true),
        ["区政府办代表区政府受理政府信息公开申请 17 件。"]
    );
    let [sentence] = sentences(source, true).try_into().unwrap();
    let at = sentence.text.text().find("17").unwrap();
    assert_eq!(sentence.text.span(at..at + 2).slice(source), "17");
    let wrap = sentence.text.text().find("信息").unwrap();
    // The text before the wrap ends at its own line; the text after starts on the next.
    assert_eq!(
        sentence.text.span(0..wrap).slice(source),
        "区政府办代表区政府受理政府"
    );
    assert_eq!(sentence.text.span(wrap..wrap + 6).slice(source), "信息");
    assert_eq!(sentence.span.slice(source), source);
}

#[test]
fn page_markers_and_blank_lines_inside_a_paragraph_are_nothing() {
    let source = "好政治关、法律关、政策关、保密关，严格执行“分\n\n                    -1-\n级审核、先审后发”程序。";
    assert_eq!(
        texts(source, true),
        ["好政治关、法律关、政策关、保密关，严格执行“分级审核、先审后发”程序。"]
    );
    for marker in ["-1-", "— 2 —", "- 3 -", "第 4 页", "5/12", "－6－"] {
        assert!(is_page_marker(marker), "{marker}");
    }
    for text in ["17", "1.", "-", "第一页", "2024年"] {
        assert!(!is_page_marker(text), "{text}");
    }
}

#[test]
fn headings_items_signatures_and_sentence_ends_stay_boundaries() {
    for source in [
        "（一）主动公开\n偃师区人民政府办公室稳步扎实推进政务公开工作，坚持公开为常态",
        "一是加强平台建设，及时发布信息\n二是完善制度，规范办理流程",
        "固原市原州区人力资源和社会保障局\n2024年1月25日",
        "江油市教育局\n2026年1月10日",
        "共办结 82 件。\n其中予以公开 11 件",
    ] {
        assert_eq!(texts(source, true).len(), 2, "{source:?}");
    }
    assert_eq!(
        texts(
            "（一）主动公开情况。主要通过政府门户网站主动公开政府\n文件、通知公告等各类政府信息。",
            true
        ),
        [
            "（一）主动公开情况。",
            "主要通过政府门户网站主动公开政府文件、通知公告等各类政府信息。"
        ]
    );
}

#[test]
fn display_width_counts_wide_characters_twice() {
    assert_eq!(width("ab\t政府，１😀"), 3 + 2 * 5);
    assert_eq!(width(""), 0);
}

//! A page as tokens (from `html5gum`, with byte spans), reduced to what extraction needs: start
//! and end tags with the attributes that matter, and text with the bytes each character came
//! from.

use crate::map::{SourceChar, align};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::ops::Range;

/// A token reduced to what extraction needs.
#[derive(Debug)]
pub(super) enum Node {
    Start {
        name: String,
        /// The content container a CMS marks (`TRS_Editor`, `id=zoom`, …), see [`MARKERS`].
        marker: bool,
        /// `style="display:none"` (Word's hidden text, a CMS's hidden print copy).
        hidden: bool,
        rowspan: usize,
        colspan: usize,
        span: Range<usize>,
    },
    End {
        name: String,
        span: Range<usize>,
    },
    Text(Vec<SourceChar>),
}

fn attribute(tag: &html5gum::StartTag<usize>, name: &str) -> Option<String> {
    tag.attributes
        .get(name.as_bytes())
        .map(|value| String::from_utf8_lossy(&value.value).into_owned())
}

/// `rowspan="3"`, `rowspan=3`, even `rowspan="3px"`: the leading digits, as browsers read it.
fn span_attribute(tag: &html5gum::StartTag<usize>, name: &str) -> usize {
    attribute(tag, name)
        .map(|value| {
            value
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .take(6)
                .collect::<String>()
        })
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(1)
}

pub(super) fn tokenize(original: &str) -> Vec<Node> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script, style and title contents are raw text: without the switch a `<` in a script
    // would open tags.
    emitter.naively_switch_states(true);
    let mut nodes = Vec::new();
    for token in Tokenizer::new_with_emitter(original, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let class = attribute(&tag, "class").unwrap_or_default();
                let id = attribute(&tag, "id").unwrap_or_default();
                let marker = name == "ucapcontent"
                    || name == "article"
                    || MARKERS.iter().any(|marker| {
                        class.split_ascii_whitespace().any(|word| word == *marker) || id == *marker
                    });
                let style: String = attribute(&tag, "style")
                    .unwrap_or_default()
                    .chars()
                    .filter(|ch| !ch.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                nodes.push(Node::Start {
                    marker,
                    hidden: style.contains("display:none"),
                    rowspan: span_attribute(&tag, "rowspan"),
                    colspan: span_attribute(&tag, "colspan"),
                    span: tag.span.start..tag.span.end,
                    name,
                });
            }
            Token::EndTag(tag) => nodes.push(Node::End {
                name: String::from_utf8_lossy(&tag.name).to_ascii_lowercase(),
                span: tag.span.start..tag.span.end,
            }),
            Token::String(text) => {
                let decoded = String::from_utf8_lossy(&text.value);
                let chars = match original.get(text.span.start..text.span.end) {
                    Some(raw) => align(raw, &decoded, text.span.start),
                    None => decoded
                        .chars()
                        .map(|ch| SourceChar {
                            ch,
                            at: text.span.start..text.span.start,
                        })
                        .collect(),
                };
                nodes.push(Node::Text(chars));
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    nodes
}

/// Classes and ids content-management systems give the element holding an article's text.
const MARKERS: [&str; 8] = [
    "TRS_Editor",
    "TRS_UEDITOR",
    "Custom_UnionStyle",
    "zoom",
    "Zoom",
    "content",
    "article-content",
    "ucapcontent",
];

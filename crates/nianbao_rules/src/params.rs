//! What the check kinds share to read their parameters: a load failure with its span in the
//! rule file, and expressions, identities and phrases parsed with errors that point inside the
//! string literal they were written in.

use crate::expr::{self, Expr, ExprError, Identity};
use crate::message::placeholders;
use crate::prose::phrase::Phrase;
use crate::tree::de::DeError;
use nianbao_model::Message;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// Why a rule could not be loaded, and where in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LoadFailure {
    pub span: Range<usize>,
    pub message: String,
}

impl LoadFailure {
    pub(crate) fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
        }
    }

    /// A value that could not be read, at the span the reader gave, else at `whole` (the span
    /// of what was being read).
    pub(crate) fn unread(error: &DeError, whole: Range<usize>) -> Self {
        Self::new(error.span().unwrap_or(whole), error.message())
    }
}

/// A zh/en pair as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MessageDef {
    pub zh: Spanned<String>,
    pub en: Spanned<String>,
}

impl MessageDef {
    pub(crate) fn message(&self) -> Message {
        Message::new(self.zh.get_ref().clone(), self.en.get_ref().clone())
    }

    /// The pair, its strings moved.
    pub(crate) fn into_message(self) -> Message {
        Message::new(self.zh.into_inner(), self.en.into_inner())
    }
}

/// A rule's documentation in both languages (`description.zh = """…"""`, `description.en =
/// …`): both are required, and the Chinese must be Chinese.
#[derive(Clone, Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a text in both languages: `description.zh = \"…\"` and `description.en = \"…\"` (the same for `why`)"
)]
pub(crate) struct DocDef {
    pub zh: Spanned<String>,
    pub en: Spanned<String>,
}

impl DocDef {
    /// Both texts, trimmed; an empty one, or a Chinese one without a Chinese character, is a
    /// load error at that text.
    pub(crate) fn message(&self, field: &str) -> Result<Message, LoadFailure> {
        let zh = self.zh.get_ref().trim();
        let en = self.en.get_ref().trim();
        if !zh.chars().any(is_han) {
            return Err(LoadFailure::new(
                self.zh.span(),
                format!("`{field}.zh` must be written in Chinese"),
            ));
        }
        if en.is_empty() {
            return Err(LoadFailure::new(
                self.en.span(),
                format!("`{field}.en` is empty"),
            ));
        }
        Ok(Message::new(zh, en))
    }
}

/// A CJK unified ideograph (the basic block and extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// A rule file's text, for pointing inside its string literals.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RuleText<'a> {
    pub text: &'a str,
}

impl RuleText<'_> {
    /// The span of the characters of a string value, given the span of its TOML literal;
    /// `offset` is a byte offset into the value. Falls back to the whole literal when escapes
    /// make the mapping uncertain.
    pub(crate) fn inside(
        &self,
        literal: &Range<usize>,
        value: &str,
        offset: usize,
    ) -> Range<usize> {
        let text = self.text;
        let raw = text.get(literal.clone()).unwrap_or("");
        let mut prefix = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            3
        } else {
            1
        };
        if raw.get(prefix..).is_some_and(|rest| rest.starts_with('\n')) {
            prefix += 1;
        }
        let body = raw.get(prefix..).unwrap_or("");
        if body.starts_with(value) {
            let start = literal.start + prefix + offset.min(value.len());
            let end = (start + 1)
                .min(literal.start + prefix + value.len())
                .max(start);
            let end = (end..=literal.end)
                .find(|&at| text.is_char_boundary(at))
                .unwrap_or(literal.end);
            start..end
        } else {
            literal.clone()
        }
    }

    fn expr_failure(&self, written: &Spanned<String>, error: ExprError) -> LoadFailure {
        LoadFailure::new(
            self.inside(&written.span(), written.get_ref(), error.offset),
            error.message,
        )
    }

    /// A sum of cells (`R01[C7] + R02[C7]`); with `ranges`, bare ranges (`F1..F4`) too.
    pub(crate) fn expr(
        &self,
        written: &Spanned<String>,
        ranges: bool,
    ) -> Result<Expr, LoadFailure> {
        expr::parse_expr(written.get_ref(), ranges)
            .map_err(|error| self.expr_failure(written, error))
    }

    /// An identity or bound (`F5 == F1 + F2`).
    pub(crate) fn identity(&self, written: &Spanned<String>) -> Result<Identity, LoadFailure> {
        expr::parse_identity(written.get_ref()).map_err(|error| self.expr_failure(written, error))
    }

    /// Every `{placeholder}` of a message must be one the kind provides.
    pub(crate) fn check_placeholders(
        &self,
        def: &MessageDef,
        allowed: &[&str],
    ) -> Result<(), LoadFailure> {
        for part in [&def.zh, &def.en] {
            for placeholder in placeholders(part.get_ref()) {
                let (offset, name) = (placeholder.offset, placeholder.name);
                if !allowed.contains(&name) {
                    return Err(LoadFailure::new(
                        self.inside(&part.span(), part.get_ref(), offset),
                        format!(
                            "unknown placeholder `{{{name}}}`; this kind of check provides: {}",
                            allowed
                                .iter()
                                .map(|name| format!("{{{name}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Narrative phrases as written (`办结`, `未发生…行政复议`).
pub(crate) fn phrases(written: &[Spanned<String>]) -> Result<Vec<Phrase>, LoadFailure> {
    written
        .iter()
        .map(|def| {
            Phrase::parse(def.get_ref()).ok_or_else(|| {
                LoadFailure::new(def.span(), "a phrase needs text on both sides of `…`")
            })
        })
        .collect()
}

/// Strings as a Markdown list of code spans, for the docs: `` `a`, `b` ``.
pub(crate) fn quoted(items: &[Spanned<String>]) -> String {
    items
        .iter()
        .map(|item| format!("`{}`", item.get_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

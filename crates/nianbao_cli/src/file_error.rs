//! A problem inside a file the user handed us (a rule file, a `nianbao.toml`), shown with the
//! offending line underlined, as a finding would be.

use nianbao_diagnostics::full::{self, FullOptions};
use nianbao_model::{Category, Diagnostic, Lang, Message, Severity, Span};
use nianbao_source::LineIndex;
use std::path::Path;

/// The message for a file that could not be loaded, with its line underlined when `span` says
/// where.
pub fn render(path: &Path, text: &str, span: Option<Span>, message: &str, lang: Lang) -> String {
    let headline = match lang {
        Lang::Zh => format!("无法加载 {}：{message}", path.display()),
        Lang::En => format!("cannot load {}: {message}", path.display()),
    };
    let diagnostic = Diagnostic::new(
        "nianbao",
        "load-error",
        Severity::Error,
        // Not `Input`: that category is for whole-file findings, drawn without a snippet.
        Category::Structure,
        Message::new(headline.clone(), headline),
        span.unwrap_or_default(),
    );
    let text = if span.is_some() { text } else { "" };
    full::render(
        &path.display().to_string(),
        text,
        &LineIndex::new(text),
        &[diagnostic],
        FullOptions {
            lang,
            ..FullOptions::default()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_error_points_at_the_span() {
        let text = "[rule]\ncode = 3\n";
        let start = text.find('3').unwrap();
        let out = render(
            Path::new("rules/t3.toml"),
            text,
            Some(Span::from_range(start..start + 1)),
            "code must be a string",
            Lang::En,
        );
        assert!(out.starts_with("rules/t3.toml:2:8: "), "{out}");
        assert!(out.contains("code must be a string"), "{out}");
    }
}

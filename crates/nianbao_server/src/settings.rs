//! What the client tells the server: the column unit it counts in, and the user's settings
//! (`initializationOptions` at start, `workspace/configuration` or
//! `workspace/didChangeConfiguration` later), with what the server answers it can do.

use lsp_types as lsp;
use nianbao_model::Lang;
use nianbao_source::ColumnUnit;
use serde_json::Value;
use std::time::Duration;

/// The settings section, in `workspace/configuration` and in nested settings objects.
pub const SECTION: &str = "nianbao";

/// How long a document must rest after a change before it is checked again.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// The user's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// `lang`: `zh` (default) or `en`.
    pub lang: Lang,
    /// `debounceMs`.
    pub debounce: Duration,
    /// `rulesDocsUrl`: where rule pages are, `{rulesDocsUrl}{CODE}.md`.
    pub rules_docs: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::Zh,
            debounce: DEFAULT_DEBOUNCE,
            rules_docs: None,
        }
    }
}

impl Settings {
    /// These settings with what `value` sets (`{"lang": "en"}`, or the same under `nianbao`);
    /// anything else, or a value of the wrong type, is left as it was.
    pub fn updated(&self, value: &Value) -> Settings {
        let value = value.get(SECTION).unwrap_or(value);
        let mut settings = self.clone();
        match value.get("lang").and_then(Value::as_str) {
            Some("en") => settings.lang = Lang::En,
            Some("zh") => settings.lang = Lang::Zh,
            _ => {}
        }
        if let Some(ms) = value.get("debounceMs").and_then(Value::as_u64) {
            settings.debounce = Duration::from_millis(ms);
        }
        if let Some(url) = value.get("rulesDocsUrl").and_then(Value::as_str) {
            let mut url = url.to_owned();
            if !url.ends_with('/') {
                url.push('/');
            }
            settings.rules_docs = Some(url);
        }
        settings
    }
}

/// UTF-8 when the client offers it (no conversion, and what Neovim and Helix prefer), else
/// the protocol's mandatory UTF-16.
pub fn column_unit(capabilities: &lsp::ClientCapabilities) -> ColumnUnit {
    let offered = capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref());
    if offered.is_some_and(|kinds| kinds.contains(&lsp::PositionEncodingKind::UTF8)) {
        ColumnUnit::Byte
    } else {
        ColumnUnit::Utf16
    }
}

/// Whether the client answers `workspace/configuration`.
pub fn pulls_configuration(capabilities: &lsp::ClientCapabilities) -> bool {
    capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.configuration)
        .unwrap_or(false)
}

/// The initialize result: full text sync with open, close and save; hover; quick fixes.
pub fn initialize_result(unit: ColumnUnit) -> lsp::InitializeResult {
    let encoding = match unit {
        ColumnUnit::Byte => lsp::PositionEncodingKind::UTF8,
        _ => lsp::PositionEncodingKind::UTF16,
    };
    lsp::InitializeResult {
        capabilities: lsp::ServerCapabilities {
            position_encoding: Some(encoding),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::FULL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
                        lsp::SaveOptions {
                            include_text: Some(false),
                        },
                    )),
                    ..lsp::TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                    ..lsp::CodeActionOptions::default()
                },
            )),
            ..lsp::ServerCapabilities::default()
        },
        server_info: Some(lsp::ServerInfo {
            name: "nianbao".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_flat_or_nested_and_bad_values_ignored() {
        let base = Settings::default();
        assert_eq!(base.updated(&json!({"lang": "en"})).lang, Lang::En);
        let nested = base.updated(&json!({"nianbao": {"lang": "en", "debounceMs": 10}}));
        assert_eq!(
            (nested.lang, nested.debounce),
            (Lang::En, Duration::from_millis(10))
        );
        assert_eq!(base.updated(&json!({"lang": 3, "debounceMs": "x"})), base);
        assert_eq!(
            base.updated(&json!({"rulesDocsUrl": "https://example.org/rules"}))
                .rules_docs
                .as_deref(),
            Some("https://example.org/rules/")
        );
    }

    #[test]
    fn utf8_only_when_offered() {
        let mut capabilities = lsp::ClientCapabilities::default();
        assert_eq!(column_unit(&capabilities), ColumnUnit::Utf16);
        capabilities.general = Some(lsp::GeneralClientCapabilities {
            position_encodings: Some(vec![
                lsp::PositionEncodingKind::UTF16,
                lsp::PositionEncodingKind::UTF8,
            ]),
            ..lsp::GeneralClientCapabilities::default()
        });
        assert_eq!(column_unit(&capabilities), ColumnUnit::Byte);
    }
}

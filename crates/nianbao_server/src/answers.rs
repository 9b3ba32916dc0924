//! Answers to the requests about a checked document, in the protocol's terms: hover on a table
//! cell and the quick fixes whose finding meets the requested range.

use crate::analysis::Analysis;
use crate::convert::Publish;
use crate::{fixes, hover};
use lsp_types as lsp;
use std::collections::HashMap;

pub fn hover(
    publish: &Publish<'_>,
    analysis: &Analysis,
    position: lsp::Position,
) -> Option<lsp::Hover> {
    let lines = publish.lines;
    let offset = lines.offset(position);
    let found = hover::hover(analysis, lines.text, offset, publish.lang)?;
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: found.markdown,
        }),
        range: Some(lines.range(found.span)),
    })
}

pub fn code_actions(
    publish: &Publish<'_>,
    analysis: &Analysis,
    requested: lsp::Range,
) -> Vec<lsp::CodeActionOrCommand> {
    let mut actions = Vec::new();
    for fix in fixes::fixes(analysis, publish.lines.text, publish.rules) {
        let Some(finding) = analysis.diagnostics.get(fix.finding) else {
            continue;
        };
        let diagnostic = publish.one(finding, analysis);
        if !overlaps(diagnostic.range, requested) {
            continue;
        }
        let edit = lsp::TextEdit::new(publish.lines.range(fix.span), fix.replacement);
        actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: fix.title.get(publish.lang).to_owned(),
            kind: Some(lsp::CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic]),
            edit: Some(lsp::WorkspaceEdit {
                changes: Some(HashMap::from([(publish.uri.clone(), vec![edit])])),
                ..lsp::WorkspaceEdit::default()
            }),
            is_preferred: Some(true),
            ..lsp::CodeAction::default()
        }));
    }
    actions
}

/// Whether two ranges share a position (touching counts: a cursor at a finding's end).
fn overlaps(a: lsp::Range, b: lsp::Range) -> bool {
    let key = |p: lsp::Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

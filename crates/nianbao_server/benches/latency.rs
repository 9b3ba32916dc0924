//! Editor latency: from a `didChange` of a typical report (the seed, alternately with one total
//! wrong and right) to its `publishDiagnostics`, through the whole server over an in-memory
//! connection (debounce off), against a plain `check` of the same text (parse and rules).
//!
//!     nice -n 10 cargo bench -p nianbao_server --bench latency

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types as lsp;
use lsp_types::request::Request as _;
use serde_json::json;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../../../corpus/seed/000_19ca39454c16e942.txt");
static FAULTY: LazyLock<String> = LazyLock::new(|| {
    SEED.replacen(
        "予以公开\t11\t0\t0\t0\t0\t0\t11",
        "予以公开\t11\t0\t0\t0\t0\t0\t12",
        1,
    )
});

fn send_notification<N: lsp::notification::Notification>(client: &Connection, params: N::Params) {
    client
        .sender
        .send(Message::Notification(Notification::new(
            N::METHOD.to_owned(),
            params,
        )))
        .unwrap();
}

/// Waits for the diagnostics of `version`.
fn published(client: &Connection, version: i32) -> usize {
    loop {
        if let Message::Notification(notification) = client.receiver.recv().unwrap() {
            let params: lsp::PublishDiagnosticsParams =
                serde_json::from_value(notification.params).unwrap();
            if params.version == Some(version) {
                return params.diagnostics.len();
            }
        }
    }
}

/// A change re-published: the server's whole path for one keystroke that has rested.
#[divan::bench]
fn change_to_diagnostics(bencher: divan::Bencher) {
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || {
        nianbao_server::serve(&server, nianbao_server::Options::default())
    });
    let params = json!({
        "processId": null,
        "capabilities": {},
        "initializationOptions": { "debounceMs": 0 },
    });
    client
        .sender
        .send(Message::Request(Request::new(
            RequestId::from(1),
            lsp::request::Initialize::METHOD.to_owned(),
            params,
        )))
        .unwrap();
    assert!(matches!(
        client.receiver.recv().unwrap(),
        Message::Response(_)
    ));
    send_notification::<lsp::notification::Initialized>(&client, lsp::InitializedParams {});
    let uri: lsp::Uri = "untitled:seed.txt".parse().unwrap();
    send_notification::<lsp::notification::DidOpenTextDocument>(
        &client,
        lsp::DidOpenTextDocumentParams {
            text_document: lsp::TextDocumentItem {
                uri: uri.clone(),
                language_id: "plaintext".to_owned(),
                version: 1,
                text: SEED.to_owned(),
            },
        },
    );
    published(&client, 1);
    let mut version = 1;
    bencher.bench_local(|| {
        version += 1;
        let text = if version % 2 == 0 {
            FAULTY.as_str()
        } else {
            SEED
        };
        send_notification::<lsp::notification::DidChangeTextDocument>(
            &client,
            lsp::DidChangeTextDocumentParams {
                text_document: lsp::VersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version,
                },
                content_changes: vec![lsp::TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: text.to_owned(),
                }],
            },
        );
        published(&client, version)
    });
    drop(client);
    let _ = thread.join();
}

/// The same text checked the way `nianbao check` checks one file, without the server.
#[divan::bench]
fn plain_check(bencher: divan::Bencher) {
    let rules = nianbao_rules::RuleSet::builtin().unwrap();
    let text = FAULTY.as_str();
    bencher.bench_local(|| {
        let parsed = nianbao_syntax::parse(divan::black_box(text));
        rules.check(&parsed.report, text).len()
    });
}

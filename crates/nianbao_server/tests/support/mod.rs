//! An editor in a test: drives the server over an in-memory connection with typed requests and
//! notifications, and waits for what it publishes by message order, never by time (each wait has
//! a generous bound only so that a broken server fails the test instead of hanging it).

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use nianbao_server::{Exit, Options, ServerError};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::thread::JoinHandle;
use std::time::Duration;

/// Only a hang guard: nothing in these tests waits for time to pass.
const HANG_GUARD: Duration = Duration::from_secs(120);

pub const SEED: &str = include_str!("../../../../corpus/seed/000_19ca39454c16e942.txt");
/// The seed's R03 row (予以公开) as printed: 11 in C1 and in the total C7.
pub const R03: &str = "予以公开\t11\t0\t0\t0\t0\t0\t11";
/// The same row with the total one too many.
pub const R03_WRONG_TOTAL: &str = "予以公开\t11\t0\t0\t0\t0\t0\t12";

/// The seed with its R03 total wrong.
pub fn faulty() -> String {
    let text = SEED.replacen(R03, R03_WRONG_TOTAL, 1);
    assert_ne!(text, SEED);
    text
}

pub struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<Exit, ServerError>>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    queued: VecDeque<Notification>,
    /// The answer to the server's `workspace/configuration` requests.
    pub configuration: Value,
    pub initialized: lsp::InitializeResult,
}

/// What the client announces at `initialize`.
#[derive(Default)]
pub struct Setup {
    pub utf8: bool,
    pub pulls_configuration: bool,
    pub initialization_options: Option<Value>,
    pub options: Options,
}

impl Client {
    pub fn start(setup: Setup) -> Client {
        let (server_side, client_side) = Connection::memory();
        let options = setup.options;
        let server = std::thread::spawn(move || nianbao_server::serve(&server_side, options));
        let mut client = Client {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            queued: VecDeque::new(),
            configuration: Value::Null,
            initialized: lsp::InitializeResult::default(),
        };
        let mut capabilities = lsp::ClientCapabilities::default();
        if setup.utf8 {
            capabilities.general = Some(lsp::GeneralClientCapabilities {
                position_encodings: Some(vec![
                    lsp::PositionEncodingKind::UTF8,
                    lsp::PositionEncodingKind::UTF16,
                ]),
                ..Default::default()
            });
        }
        if setup.pulls_configuration {
            capabilities.workspace = Some(lsp::WorkspaceClientCapabilities {
                configuration: Some(true),
                ..Default::default()
            });
        }
        let params = json!({
            "processId": null,
            "rootUri": null,
            "capabilities": capabilities,
            "initializationOptions": setup.initialization_options,
        });
        let result = client.request_raw(lsp::request::Initialize::METHOD, params);
        client.initialized = serde_json::from_value(result).unwrap();
        client.notify::<lsp::notification::Initialized>(lsp::InitializedParams {});
        client
    }

    pub fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        self.connection
            .sender
            .send(Message::Notification(Notification::new(
                N::METHOD.to_owned(),
                params,
            )))
            .unwrap();
    }

    pub fn request<R: lsp::request::Request>(&mut self, params: R::Params) -> R::Result {
        let result = self.request_raw(R::METHOD, serde_json::to_value(params).unwrap());
        serde_json::from_value(result).unwrap()
    }

    /// Sends a request and returns its response's result, panicking on an error response.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        match self.request_response(method, params).response_result {
            Ok(result) => result,
            Err(error) => panic!("{method} failed: {error:?}"),
        }
    }

    pub fn request_response(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.connection
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.to_owned(),
                params,
            )))
            .unwrap();
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => return response,
                Message::Response(other) => panic!("unexpected response {other:?}"),
                Message::Notification(notification) => self.queued.push_back(notification),
                Message::Request(request) => self.answer(request),
            }
        }
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(HANG_GUARD)
            .expect("the server answers")
    }

    fn answer(&self, request: Request) {
        assert_eq!(request.method, lsp::request::WorkspaceConfiguration::METHOD);
        let response = Response::new_ok(request.id, json!([self.configuration]));
        self.connection
            .sender
            .send(Message::Response(response))
            .unwrap();
    }

    /// The next notification, queued or new.
    pub fn next_notification(&mut self) -> Notification {
        if let Some(queued) = self.queued.pop_front() {
            return queued;
        }
        loop {
            match self.receive() {
                Message::Notification(notification) => return notification,
                Message::Request(request) => self.answer(request),
                Message::Response(response) => panic!("unexpected response {response:?}"),
            }
        }
    }

    /// The next diagnostics published for any document.
    pub fn published(&mut self) -> lsp::PublishDiagnosticsParams {
        loop {
            let notification = self.next_notification();
            if notification.method == lsp::notification::PublishDiagnostics::METHOD {
                return serde_json::from_value(notification.params).unwrap();
            }
        }
    }

    /// The diagnostics published for `uri` at `version`. Other documents' and earlier versions'
    /// are passed over; a later version of `uri` first fails the test.
    pub fn diagnostics_at(&mut self, uri: &lsp::Uri, version: i32) -> Vec<lsp::Diagnostic> {
        loop {
            let published = self.published();
            if &published.uri == uri && published.version == Some(version) {
                return published.diagnostics;
            }
            assert!(
                &published.uri != uri || published.version < Some(version),
                "published {:?} while waiting for version {version}",
                published.version
            );
        }
    }

    pub fn open(&self, uri: &lsp::Uri, language: &str, text: &str) {
        self.notify::<lsp::notification::DidOpenTextDocument>(lsp::DidOpenTextDocumentParams {
            text_document: lsp::TextDocumentItem {
                uri: uri.clone(),
                language_id: language.to_owned(),
                version: 1,
                text: text.to_owned(),
            },
        });
    }

    pub fn change(&self, uri: &lsp::Uri, version: i32, text: &str) {
        self.notify::<lsp::notification::DidChangeTextDocument>(lsp::DidChangeTextDocumentParams {
            text_document: lsp::VersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version,
            },
            content_changes: vec![lsp::TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: text.to_owned(),
            }],
        });
    }

    pub fn save(&self, uri: &lsp::Uri) {
        self.notify::<lsp::notification::DidSaveTextDocument>(lsp::DidSaveTextDocumentParams {
            text_document: lsp::TextDocumentIdentifier { uri: uri.clone() },
            text: None,
        });
    }

    pub fn code_actions(&mut self, uri: &lsp::Uri, range: lsp::Range) -> Vec<lsp::CodeAction> {
        let params = lsp::CodeActionParams {
            text_document: lsp::TextDocumentIdentifier { uri: uri.clone() },
            range,
            context: lsp::CodeActionContext::default(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        self.request::<lsp::request::CodeActionRequest>(params)
            .unwrap_or_default()
            .into_iter()
            .map(|action| match action {
                lsp::CodeActionOrCommand::CodeAction(action) => action,
                lsp::CodeActionOrCommand::Command(command) => panic!("a bare command {command:?}"),
            })
            .collect()
    }

    pub fn hover(&mut self, uri: &lsp::Uri, position: lsp::Position) -> Option<lsp::Hover> {
        self.request::<lsp::request::HoverRequest>(lsp::HoverParams {
            text_document_position_params: lsp::TextDocumentPositionParams {
                text_document: lsp::TextDocumentIdentifier { uri: uri.clone() },
                position,
            },
            work_done_progress_params: Default::default(),
        })
    }

    /// `shutdown`, `exit`, and how the server ended.
    pub fn shutdown_and_exit(mut self) -> Exit {
        self.request_raw(lsp::request::Shutdown::METHOD, Value::Null);
        self.exit()
    }

    pub fn exit(mut self) -> Exit {
        self.notify::<lsp::notification::Exit>(());
        self.server.take().unwrap().join().unwrap().unwrap()
    }
}

/// A finding's code.
pub fn code(diagnostic: &lsp::Diagnostic) -> &str {
    match &diagnostic.code {
        Some(lsp::NumberOrString::String(code)) => code,
        _ => "",
    }
}

/// The LSP position of byte `offset` in `text`, computed from the definition: the line is the
/// number of line feeds before it, the character the UTF-16 units (or bytes) since the line's
/// start.
pub fn position(text: &str, offset: usize, utf8: bool) -> lsp::Position {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let prefix = &text[line_start..offset];
    let character = if utf8 {
        prefix.len()
    } else {
        prefix.encode_utf16().count()
    };
    lsp::Position::new(line as u32, character as u32)
}

/// The byte offset of an LSP position, by the definition (the inverse of [`position`]).
pub fn offset(text: &str, position: lsp::Position, utf8: bool) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(position.line as usize)
        .map(str::len)
        .sum();
    let line = &text[line_start..];
    let mut units = 0;
    for (at, ch) in line.char_indices() {
        if units >= position.character as usize || ch == '\n' {
            return line_start + at;
        }
        units += if utf8 { ch.len_utf8() } else { ch.len_utf16() };
    }
    text.len()
}

/// `text` with a code action's edits for `uri` applied, as an editor applies them.
pub fn apply(text: &str, uri: &lsp::Uri, action: &lsp::CodeAction, utf8: bool) -> String {
    let edits = action
        .edit
        .as_ref()
        .and_then(|edit| edit.changes.as_ref())
        .and_then(|changes| changes.get(uri))
        .expect("edits for the document");
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            (
                offset(text, edit.range.start, utf8),
                offset(text, edit.range.end, utf8),
                edit.new_text.as_str(),
            )
        })
        .collect();
    edits.sort_by_key(|&(start, _, _)| std::cmp::Reverse(start));
    let mut out = text.to_owned();
    for (start, end, new_text) in edits {
        out.replace_range(start..end, new_text);
    }
    out
}

pub fn file_uri(path: &str) -> lsp::Uri {
    path.parse().unwrap()
}

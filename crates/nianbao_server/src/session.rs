//! The message loop: one thread, the documents, and the checks that are due.
//!
//! Opening or saving a document makes it due at once; a change makes it due when the document
//! has rested for the debounce time. The loop only ever waits for the next message until the
//! earliest due time, so everything already queued (a burst of keystrokes) is read before any
//! check runs, and only the last text is checked. A request about a document (hover, code
//! actions) checks it first if it is due, so answers always describe the text the client has.

use crate::analysis::{Analysis, Checker};
use crate::convert::{Lines, Publish, RuleDocs};
use crate::documents::Document;
use crate::settings::{self, Settings};
use crate::{Exit, ServerError, answers};
use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use nianbao_source::ColumnUnit;
use serde_json::Value;
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

pub struct Session<'c> {
    connection: &'c Connection,
    checker: Checker,
    unit: ColumnUnit,
    settings: Settings,
    docs: RuleDocs,
    pulls_configuration: bool,
    documents: HashMap<lsp::Uri, Document>,
    /// When each document with an unchecked text is to be checked.
    due: HashMap<lsp::Uri, Instant>,
    shutdown: bool,
    /// Ids of our `workspace/configuration` requests.
    next_request: i32,
}

impl<'c> Session<'c> {
    pub fn new(
        connection: &'c Connection,
        checker: Checker,
        unit: ColumnUnit,
        settings: Settings,
        pulls_configuration: bool,
    ) -> Self {
        let docs = RuleDocs::new(settings.rules_docs.clone());
        Self {
            connection,
            checker,
            unit,
            settings,
            docs,
            pulls_configuration,
            documents: HashMap::new(),
            due: HashMap::new(),
            shutdown: false,
            next_request: 0,
        }
    }

    /// Runs until `exit` or until the client goes away.
    pub fn run(mut self) -> Result<Exit, ServerError> {
        if self.pulls_configuration {
            self.request_configuration()?;
        }
        loop {
            let received = match self.due.values().min().copied() {
                Some(deadline) => match self.connection.receiver.recv_deadline(deadline) {
                    Ok(message) => Some(message),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(Exit::WithoutShutdown),
                },
                None => match self.connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(Exit::WithoutShutdown),
                },
            };
            match received {
                None => self.check_due()?,
                Some(Message::Request(request)) => self.request(request)?,
                Some(Message::Response(response)) => self.response(response)?,
                Some(Message::Notification(notification)) => {
                    if notification.method == lsp::notification::Exit::METHOD {
                        return Ok(if self.shutdown {
                            Exit::AfterShutdown
                        } else {
                            Exit::WithoutShutdown
                        });
                    }
                    self.notification(notification)?;
                }
            }
        }
    }

    fn send(&self, message: impl Into<Message>) -> Result<(), ServerError> {
        self.connection
            .sender
            .send(message.into())
            .map_err(|_| ServerError::Disconnected)
    }

    fn check_due(&mut self) -> Result<(), ServerError> {
        let now = Instant::now();
        let due: Vec<lsp::Uri> = self
            .due
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.check(&uri)?;
        }
        Ok(())
    }

    /// Checks a document now and publishes its findings.
    fn check(&mut self, uri: &lsp::Uri) -> Result<(), ServerError> {
        self.due.remove(uri);
        let Some(document) = self.documents.get_mut(uri) else {
            return Ok(());
        };
        let analysis =
            self.checker
                .analyse(&document.text, document.format, document.path.as_deref());
        let publish = Publish {
            uri,
            lines: Lines {
                text: &document.text,
                index: &analysis.index,
                unit: self.unit,
            },
            lang: self.settings.lang,
            rules: &self.checker.rules,
            docs: &self.docs,
        };
        let params = lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: publish.all(&analysis),
            version: Some(document.version),
        };
        document.analysis = Some(analysis);
        self.send(Notification::new(
            lsp::notification::PublishDiagnostics::METHOD.to_owned(),
            params,
        ))
    }

    /// Checks the document now if its text has changed since it was last checked.
    fn refresh(&mut self, uri: &lsp::Uri) -> Result<(), ServerError> {
        let stale = self
            .documents
            .get(uri)
            .is_some_and(|document| document.analysis.is_none());
        if stale {
            self.check(uri)?;
        }
        Ok(())
    }

    /// Handles a notification; one with malformed parameters is ignored (there is no one to
    /// answer), and said so on standard error, which clients keep as the server's log.
    fn notification(&mut self, notification: Notification) -> Result<(), ServerError> {
        let method = notification.method.clone();
        match self.notify(notification) {
            Err(ServerError::Params(error)) => {
                eprintln!("nianbao server: ignoring {method}: {error}");
                Ok(())
            }
            other => other,
        }
    }

    fn notify(&mut self, notification: Notification) -> Result<(), ServerError> {
        use lsp::notification as n;
        let method = notification.method.as_str();
        let params = notification.params;
        match method {
            n::DidOpenTextDocument::METHOD => {
                let params: lsp::DidOpenTextDocumentParams = parse(params)?;
                if let Some(document) = Document::open(params.text_document) {
                    self.due.insert(document.uri.clone(), Instant::now());
                    self.documents.insert(document.uri.clone(), document);
                }
            }
            n::DidChangeTextDocument::METHOD => {
                let params: lsp::DidChangeTextDocumentParams = parse(params)?;
                let uri = params.text_document.uri;
                if let Some(document) = self.documents.get_mut(&uri) {
                    document.change(
                        params.text_document.version,
                        params.content_changes,
                        self.unit,
                    );
                    self.due
                        .insert(uri, Instant::now() + self.settings.debounce);
                }
            }
            n::DidSaveTextDocument::METHOD => {
                let params: lsp::DidSaveTextDocumentParams = parse(params)?;
                let uri = params.text_document.uri;
                if uri.as_str().ends_with(crate::config::CONFIG_FILE) {
                    // A saved nianbao.toml may change any document's findings.
                    self.recheck_all();
                } else if self.documents.contains_key(&uri) {
                    self.due.insert(uri, Instant::now());
                }
            }
            n::DidCloseTextDocument::METHOD => {
                let params: lsp::DidCloseTextDocumentParams = parse(params)?;
                let uri = params.text_document.uri;
                self.due.remove(&uri);
                if self.documents.remove(&uri).is_some() {
                    self.send(Notification::new(
                        n::PublishDiagnostics::METHOD.to_owned(),
                        lsp::PublishDiagnosticsParams {
                            uri,
                            diagnostics: Vec::new(),
                            version: None,
                        },
                    ))?;
                }
            }
            n::DidChangeConfiguration::METHOD => {
                let params: lsp::DidChangeConfigurationParams = parse(params)?;
                if self.pulls_configuration {
                    self.request_configuration()?;
                } else {
                    self.apply_settings(&params.settings);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn recheck_all(&mut self) {
        let now = Instant::now();
        for uri in self.documents.keys() {
            self.due.insert(uri.clone(), now);
        }
    }

    fn apply_settings(&mut self, value: &Value) {
        let updated = self.settings.updated(value);
        if updated != self.settings {
            self.docs = RuleDocs::new(updated.rules_docs.clone());
            self.settings = updated;
            self.recheck_all();
        }
    }

    fn request_configuration(&mut self) -> Result<(), ServerError> {
        self.next_request += 1;
        let params = lsp::ConfigurationParams {
            items: vec![lsp::ConfigurationItem {
                scope_uri: None,
                section: Some(settings::SECTION.to_owned()),
            }],
        };
        self.send(Request::new(
            RequestId::from(format!("nianbao-configuration-{}", self.next_request)),
            lsp::request::WorkspaceConfiguration::METHOD.to_owned(),
            params,
        ))
    }

    fn response(&mut self, response: Response) -> Result<(), ServerError> {
        let ours = response.id.to_string().contains("nianbao-configuration-");
        if let (true, Ok(result)) = (ours, response.response_result) {
            if let Some(section) = result.as_array().and_then(|items| items.first()) {
                self.apply_settings(section);
            }
        }
        Ok(())
    }

    fn request(&mut self, request: Request) -> Result<(), ServerError> {
        use lsp::request as r;
        let id = request.id.clone();
        if self.shutdown {
            return self.send(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".to_owned(),
            ));
        }
        let answer = match request.method.as_str() {
            r::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            r::HoverRequest::METHOD => parse(request.params)
                .map_err(Failure::from)
                .and_then(|params| self.hover(params)),
            r::CodeActionRequest::METHOD => parse(request.params)
                .map_err(Failure::from)
                .and_then(|params| self.code_actions(params)),
            method => {
                return self.send(Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("unhandled method {method}"),
                ));
            }
        };
        let response = match answer {
            Ok(result) => Response::new_ok(id, result),
            Err(Failure::Internal(message)) => {
                Response::new_err(id, ErrorCode::InternalError as i32, message)
            }
            Err(Failure::Server(ServerError::Params(error))) => {
                Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string())
            }
            Err(Failure::Server(error)) => return Err(error),
        };
        self.send(response)
    }

    fn hover(&mut self, params: lsp::HoverParams) -> Result<Value, Failure> {
        let at = params.text_document_position_params;
        self.refresh(&at.text_document.uri)?;
        let Some((publish, analysis)) = self.publishing(&at.text_document.uri) else {
            return Ok(Value::Null);
        };
        to_value(guarded(|| answers::hover(&publish, analysis, at.position))?)
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Result<Value, Failure> {
        let quick_fixes_wanted = params.context.only.as_ref().is_none_or(|kinds| {
            kinds.iter().any(|kind| {
                lsp::CodeActionKind::QUICKFIX
                    .as_str()
                    .starts_with(kind.as_str())
            })
        });
        let uri = params.text_document.uri;
        self.refresh(&uri)?;
        let Some((publish, analysis)) = self.publishing(&uri).filter(|_| quick_fixes_wanted) else {
            return Ok(Value::Array(Vec::new()));
        };
        to_value(guarded(|| {
            answers::code_actions(&publish, analysis, params.range)
        })?)
    }

    /// A checked document's analysis, with what it takes to show it to the client.
    fn publishing<'a>(&'a self, uri: &'a lsp::Uri) -> Option<(Publish<'a>, &'a Analysis)> {
        let document = self.documents.get(uri)?;
        let analysis = document.analysis.as_ref()?;
        let publish = Publish {
            uri,
            lines: Lines {
                text: &document.text,
                index: &analysis.index,
                unit: self.unit,
            },
            lang: self.settings.lang,
            rules: &self.checker.rules,
            docs: &self.docs,
        };
        Some((publish, analysis))
    }
}

/// What a code action request says that the server reads. The diagnostics a client echoes in
/// `context` are not among it: fixes are found from the server's own analysis, so a client
/// that echoes them incompletely (Neovim 0.7 drops their ranges) is still answered.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CodeActionParams {
    text_document: lsp::TextDocumentIdentifier,
    range: lsp::Range,
    #[serde(default)]
    context: CodeActionContext,
}

#[derive(Default, serde::Deserialize)]
struct CodeActionContext {
    #[serde(default)]
    only: Option<Vec<lsp::CodeActionKind>>,
}

/// Why a request got no answer.
enum Failure {
    /// A bug while answering: the client gets an error response, the server goes on.
    Internal(String),
    /// The connection itself failed.
    Server(ServerError),
}

impl From<ServerError> for Failure {
    fn from(error: ServerError) -> Self {
        Failure::Server(error)
    }
}

/// Runs an answer's computation; a panic in it becomes an error response.
fn guarded<T>(compute: impl FnOnce() -> T) -> Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(compute))
        .map_err(|_| Failure::Internal("internal error while answering".to_owned()))
}

fn to_value<T: serde::Serialize>(value: T) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|error| Failure::Internal(error.to_string()))
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, ServerError> {
    serde_json::from_value(params).map_err(ServerError::Params)
}

//! `nianbao server`: the language server that underlines a report's errors as it is typed.
//!
//! This crate owns the editor side of nianbao: the Language Server Protocol over an
//! [`lsp_server::Connection`] (standard input and output for `nianbao server`, an in-memory pair
//! in tests), one thread and no async runtime, as rust-analyzer and ruff do it. For each open
//! report (text, Markdown or a saved web page) it runs the parser and the per-report rules as
//! `nianbao check` does (the cross-report rules need a corpus and do not run here), applies the
//! nearest `nianbao.toml`, and publishes the findings: on open and save at once, on change once
//! the text has rested (debounced). Columns are UTF-16 code units, or UTF-8 bytes when the
//! client offers them. It answers hover on a table cell (the cell, its row and column, and the
//! identities it takes part in with their values) and offers quick fixes where the report
//! itself makes the repair certain. A panic while checking becomes the document's
//! internal-error finding; the server goes on.
//!
//! Settings (`initializationOptions`, or the `nianbao` section of `workspace/configuration`):
//! `lang` (`zh`, the default, or `en`), `debounceMs` (150), `rulesDocsUrl` (the base of the
//! rule pages linked from each finding; by default the `docs/rules/` folder of the source tree
//! the binary was built from, when it exists).

mod analysis;
mod answers;
mod config;
mod convert;
mod documents;
mod fixes;
mod hover;
mod session;
mod settings;
mod uri;

pub use lsp_server::Connection;

use analysis::Checker;
use lsp_types as lsp;
use nianbao_rules::RuleSet;
use std::fmt;

/// How the session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// `exit` after `shutdown`: exit code 0.
    AfterShutdown,
    /// `exit` without `shutdown`, or the client went away: exit code 1.
    WithoutShutdown,
}

impl Exit {
    /// The process exit code the protocol prescribes.
    pub fn code(self) -> u8 {
        match self {
            Self::AfterShutdown => 0,
            Self::WithoutShutdown => 1,
        }
    }
}

/// Why the server could not run.
#[derive(Debug)]
pub enum ServerError {
    /// The built-in rules did not load (a bug: they are tested at build time).
    Rules(nianbao_rules::RuleLoadError),
    /// The initialize handshake failed.
    Protocol(lsp_server::ProtocolError),
    /// A message's parameters are not what the protocol says.
    Params(serde_json::Error),
    /// The client went away while the server was answering it.
    Disconnected,
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rules(error) => write!(f, "cannot load the built-in rules: {error}"),
            Self::Protocol(error) => write!(f, "{error}"),
            Self::Params(error) => write!(f, "malformed parameters: {error}"),
            Self::Disconnected => f.write_str("the client disconnected"),
        }
    }
}

impl std::error::Error for ServerError {}

/// What the embedding program chooses (not the client).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Makes checking panic on documents containing this text, to exercise the internal-error
    /// path in tests.
    pub debug_panic_marker: Option<String>,
}

/// Serves one client on `connection`: the initialize handshake, then messages until `exit`.
pub fn serve(connection: &Connection, options: Options) -> Result<Exit, ServerError> {
    let rules = RuleSet::builtin().map_err(ServerError::Rules)?;
    let (id, params) = connection
        .initialize_start()
        .map_err(ServerError::Protocol)?;
    let params: lsp::InitializeParams =
        serde_json::from_value(params).map_err(ServerError::Params)?;
    let unit = settings::column_unit(&params.capabilities);
    let initial = params
        .initialization_options
        .as_ref()
        .map(|options| settings::Settings::default().updated(options))
        .unwrap_or_default();
    let result =
        serde_json::to_value(settings::initialize_result(unit)).map_err(ServerError::Params)?;
    connection
        .initialize_finish(id, result)
        .map_err(ServerError::Protocol)?;
    let checker = Checker {
        rules,
        panic_marker: options.debug_panic_marker,
    };
    session::Session::new(
        connection,
        checker,
        unit,
        initial,
        settings::pulls_configuration(&params.capabilities),
    )
    .run()
}

/// `nianbao server`: serves a client on standard input and output; returns the exit code (0
/// after `shutdown` and `exit`, 1 otherwise). Problems go to standard error, which clients
/// keep as the server's log.
pub fn run_stdio() -> u8 {
    let (connection, io_threads) = Connection::stdio();
    match serve(&connection, Options::default()) {
        Ok(exit) => {
            // The writer thread ends once the last sender is gone, after writing what was sent;
            // the reader has stopped at `exit` or at the end of the input.
            drop(connection);
            if let Err(error) = io_threads.join() {
                eprintln!("nianbao server: {error}");
            }
            exit.code()
        }
        Err(error) => {
            // The reader may still wait on standard input: leave without it.
            eprintln!("nianbao server: {error}");
            1
        }
    }
}

//! `nianbao`: lint 政府信息公开工作年度报告 files and folders.
//!
//! This crate owns the command line: finding report files, reading them within the size limit
//! (the document front end, `nianbao_html`, turns their bytes into the grammar's text), running
//! the parser and the rules on each in parallel, applying the user's selection, configuration
//! and baseline, and writing the findings in the format asked for, in an order that does not
//! depend on the number of threads. It also prints a report's model (`nianbao parse`), the text
//! it read from a report (`nianbao text`) and the rule catalogue (`nianbao rules`,
//! `nianbao rule CODE`).
//!
//! Exit codes: 0 no finding at or above `--fail-on`, 1 some, 2 usage error, unreadable rules or
//! configuration, a path that does not exist, or an internal failure of the run itself.

mod args;
mod baseline;
mod catalog;
mod check;
mod closest;
mod config;
mod file_error;
mod file_id;
mod mounts;
mod parse_cmd;
mod policy;
mod project;
mod read;
mod rules_cmd;
mod say;
mod text_cmd;
mod walk;
mod working_dir;

use args::{Cli, Command};
use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

/// mimalloc in place of the system allocator (see the crate's Cargo.toml for why).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    if let (Command::Check(args), Some(("check", check))) = (&mut cli.command, matches.subcommand())
    {
        args.given = project::given_on_command_line(check);
    }
    let code = match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Parse(args) => parse_cmd::run(&args),
        Command::Text(args) => text_cmd::run(&args),
        Command::Rules(args) => rules_cmd::list(&args),
        Command::Rule(args) => rules_cmd::show(&args),
        Command::Server { .. } => nianbao_server::run_stdio(),
    };
    ExitCode::from(code)
}

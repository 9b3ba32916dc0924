//! The command line as clap reads it: the subcommands and their options, and the values options
//! take (formats, languages, severities, sizes).

use clap::{Args, Parser, Subcommand, ValueEnum};
use nianbao_model::{Lang, Severity};
use nianbao_source::ColumnUnit;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "nianbao",
    version,
    about = "检查政府信息公开工作年度报告 / lint annual government information disclosure reports"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check report files and folders.
    Check(Box<CheckArgs>),
    /// Print the parsed model of reports (tables, sections, coverage, parse diagnostics).
    Parse(ParseArgs),
    /// Print the text nianbao read from one report (PDF, web page, Word, text): what was
    /// checked, and what the lines and columns of its findings count in.
    Text(TextArgs),
    /// List every rule: code, name, severity, category.
    Rules(RulesArgs),
    /// Print the documentation of one rule.
    Rule(RuleArgs),
    /// Serve editors: a language server on standard input and output (see README, Editors).
    Server {
        /// Accepted for clients that pass it; standard input and output is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Full,
    Concise,
    Json,
    Jsonl,
    Sarif,
    Github,
    /// The audit page: one self-contained HTML file to open in a browser.
    Html,
    /// One row per finding, for a spreadsheet (UTF-8 with BOM).
    Csv,
}

impl OutputFormat {
    /// Formats meant for a person reading a terminal, which get a progress bar and a summary.
    pub fn is_human(self) -> bool {
        matches!(self, Self::Full | Self::Concise)
    }

    /// Formats that show findings on the text of a page or Word file as extracted (which a
    /// reader can follow), not on its markup.
    pub fn shows_extracted(self) -> bool {
        matches!(self, Self::Full | Self::Html)
    }

    /// Formats a person reads finding by finding (a terminal, an editor's list, a pull
    /// request's annotations), which show infos only on request (`--show-info`): what is shown
    /// by default is what a reviewer must act on. Machine formats, the CSV and the audit page
    /// (which has its own severity filter) keep every finding.
    pub fn hides_infos(self) -> bool {
        matches!(self, Self::Full | Self::Concise | Self::Github)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// What the columns of findings count (`--column-unit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColumnUnitArg {
    /// Characters (Unicode scalar values): `偃` is one column. For people, Emacs and SARIF.
    Char,
    /// UTF-8 bytes: `偃` is three. For Vim's quickfix.
    Byte,
    /// UTF-16 code units: `偃` is one, `𠀀` two. For VS Code and LSP.
    Utf16,
}

impl From<ColumnUnitArg> for ColumnUnit {
    fn from(unit: ColumnUnitArg) -> ColumnUnit {
        match unit {
            ColumnUnitArg::Char => ColumnUnit::Char,
            ColumnUnitArg::Byte => ColumnUnit::Byte,
            ColumnUnitArg::Utf16 => ColumnUnit::Utf16,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(severity: SeverityArg) -> Severity {
        match severity {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// How to read input files: by their name and content, or as one format regardless.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// By extension (.html/.htm/.shtml/.xhtml, .docx, .pdf), else by the content.
    Auto,
    Text,
    Html,
    Docx,
    Pdf,
}

impl InputFormatArg {
    /// The format every file is read as, or `None` to decide per file.
    pub fn forced(self) -> Option<nianbao_html::InputFormat> {
        match self {
            Self::Auto => None,
            Self::Text => Some(nianbao_html::InputFormat::Text),
            Self::Html => Some(nianbao_html::InputFormat::Html),
            Self::Docx => Some(nianbao_html::InputFormat::Docx),
            Self::Pdf => Some(nianbao_html::InputFormat::Pdf),
        }
    }
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input. None: standard input when it is
    /// piped, else the working folder.
    pub paths: Vec<PathBuf>,
    /// The path to show (and to look up configuration for) when reading standard input.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,
    /// What columns count, in every output format: characters, UTF-8 bytes (Vim) or UTF-16
    /// code units (VS Code).
    #[arg(long, value_enum, default_value_t = ColumnUnitArg::Char)]
    pub column_unit: ColumnUnitArg,
    /// Language of messages.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = SeverityArg::Error)]
    pub fail_on: SeverityArg,
    /// Exit 0 even when there are findings.
    #[arg(long)]
    pub exit_zero: bool,
    /// Only these codes, code prefixes or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Never these codes, code prefixes or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Use this configuration for every file (default: the nearest `nianbao.toml` in or above
    /// each file's folder).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use the rules in this folder instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Hide the findings recorded in this baseline.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings as a baseline.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print counts per rule and per severity, and the files with errors (alone: only them;
    /// with `--output-format`: after the findings).
    #[arg(long)]
    pub statistics: bool,
    /// Show info findings in the full, concise and GitHub formats too (by default they are
    /// only counted in the summary; the other formats always carry them).
    #[arg(long)]
    pub show_info: bool,
    /// Worker threads (default: one per core; at most four per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Skip the cross-report rules (X…), which compare reports with each other (last year's
    /// report, duplicates) once every file is read.
    #[arg(long)]
    pub no_cross: bool,
    /// Skip files larger than this (bytes; `k`, `M`, `G` suffixes allowed; at most 2G).
    #[arg(long, value_name = "SIZE", default_value = "20M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Read every file as this format instead of deciding by name and content.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
    /// Colours in the full format.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Skip what these gitignore-style globs match in folder walks (comma-separated; relative
    /// to the working folder), besides the `exclude` of `nianbao.toml`.
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub exclude: Vec<String>,
    /// Walk folders without honouring `.gitignore` and `.ignore` files.
    #[arg(long)]
    pub no_respect_gitignore: bool,
    /// Print the findings and nothing else: no progress bar, summary or notes (errors still go
    /// to standard error).
    #[arg(long, short)]
    pub quiet: bool,
    /// Write the findings to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// The options given on the command line (their ids), which `nianbao.toml` does not
    /// override: set from clap's matches.
    #[arg(skip)]
    pub given: Vec<String>,
    /// `--statistics` with no output format chosen (on the command line or in `nianbao.toml`):
    /// the table only.
    #[arg(skip)]
    pub statistics_only: bool,
    /// What folder walks skip, once the project's `nianbao.toml` is read.
    #[arg(skip)]
    pub walking: crate::walk::WalkOptions,
    /// Makes processing panic on files containing this text, to exercise the per-file
    /// internal-error path in tests.
    #[arg(long, hide = true, value_name = "TEXT")]
    pub debug_panic_marker: Option<String>,
    /// Says on standard error how often each file was read, to test that the cross-report pass
    /// reads a file a bounded number of times however many findings point into it.
    #[arg(long, hide = true)]
    pub debug_read_counts: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// One pretty object for one file; JSON Lines for several or a folder.
    Json,
    /// One object per report, a line each.
    Jsonl,
    /// One row per cell, with the report's body, year and template, and the template's words
    /// for each row and column.
    Csv,
}

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// Report files and folders (`-` for standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
    pub output_format: ParseFormat,
    /// What the columns of the parse diagnostics count: characters, UTF-8 bytes or UTF-16
    /// code units.
    #[arg(long, value_enum, default_value_t = ColumnUnitArg::Char)]
    pub column_unit: ColumnUnitArg,
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// Refuse files larger than this (bytes; `k`, `M`, `G` suffixes allowed; at most 2G).
    #[arg(long, value_name = "SIZE", default_value = "20M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Read the file as this format instead of deciding by name and content.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
}

#[derive(Args, Debug)]
pub struct TextArgs {
    /// The report file (`-` for standard input).
    pub file: PathBuf,
    /// The language of the message when the file cannot be read.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    #[arg(long, value_name = "SIZE", default_value = "20M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Read the file as this format instead of deciding by name and content.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// `json` prints every rule with both languages' texts, for scripts and dashboards.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub output_format: RulesFormat,
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RuleArgs {
    /// A rule code such as `T3001`, or a rule name such as `table3-row-total`.
    pub code: String,
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

/// `20M`, `512k`, `1048576`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|ch: char| !ch.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("not a size: {text:?}"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown size unit {other:?}")),
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("size too large: {text:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn sizes() {
        assert_eq!(parse_size("20M"), Ok(20 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("1T").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

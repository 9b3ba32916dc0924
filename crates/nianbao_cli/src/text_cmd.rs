//! `nianbao text FILE`: the text nianbao read from a report — a PDF's or a page's tab grid, a
//! Word file's, a plain-text file's decoded text — exactly as the grammar read it, so a user can
//! see what was checked. Lines and columns of every finding (on a PDF, with its page) count in
//! this text.

use crate::args::TextArgs;
use crate::read::{Origin, load};
use crate::rules_cmd::write_stdout;
use nianbao_diagnostics::{Finding, machine};
use nianbao_model::Lang;
use nianbao_source::{ColumnUnit, LineIndex};
use std::path::Path;

pub fn run(args: &TextArgs) -> u8 {
    let lang: Lang = args.lang.into();
    let (origin, path) = if args.file.as_os_str() == "-" {
        (Origin::Stdin, "-".to_owned())
    } else {
        (
            Origin::File(args.file.as_path().into()),
            args.file.display().to_string(),
        )
    };
    match load(
        &origin,
        Path::new(&path),
        args.max_file_size,
        args.input_format.forced(),
    ) {
        Ok(document) => write_stdout(document.text()),
        Err(problem) => {
            let finding =
                Finding::locate(&path, "", &LineIndex::new(""), &problem.diagnostic(), lang);
            crate::say::line(machine::concise(&finding, ColumnUnit::Char, lang));
            2
        }
    }
}

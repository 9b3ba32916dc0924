//! The command line of `gen-corpus`: counts, seed, output folder, faults, layouts, years, formats.

use nianbao_gen::{CorpusOptions, Layout};
use std::path::PathBuf;

const USAGE: &str = "usage: cargo xtask gen-corpus --count N --seed S --out DIR [--faults] [--fault-rate PERCENT] [--layouts a,b,…] [--years FIRST-LAST] [--formats text,html,docx]";

/// A file format the corpus can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    /// The plaintext layout chosen by `--layouts`.
    Text,
    /// A saved government web page ([`nianbao_gen::render_html`]).
    Html,
    /// A Word file ([`nianbao_gen::render_docx`]).
    Docx,
}

impl Format {
    const ALL: [Format; 3] = [Format::Text, Format::Html, Format::Docx];

    pub(super) fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

pub(super) struct Args {
    pub(super) count: u64,
    pub(super) out: PathBuf,
    pub(super) options: CorpusOptions,
    pub(super) formats: Vec<Format>,
}

pub(super) fn parse(args: &[String]) -> Result<Args, String> {
    let mut count = None;
    let mut seed = None;
    let mut out = None;
    let mut faults = false;
    let mut rate = None;
    let mut options = CorpusOptions::default();
    let mut formats = vec![Format::Text];
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| iter.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag {
            "--count" => count = Some(number(flag, &value()?)?),
            "--seed" => seed = Some(number(flag, &value()?)?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--faults" => faults = true,
            "--fault-rate" => {
                let percent = number(flag, &value()?)?;
                if percent > 100 {
                    return Err(format!(
                        "--fault-rate is a percentage (0–100), got {percent}"
                    ));
                }
                rate = Some(percent);
            }
            "--layouts" => {
                let list = value()?;
                options.layouts = list
                    .split(',')
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                    .map(|name| {
                        Layout::parse(name).ok_or_else(|| {
                            let known: Vec<&str> = Layout::EVERY.iter().map(|l| l.name()).collect();
                            format!(
                                "unknown layout {name:?}; known layouts: {}",
                                known.join(", ")
                            )
                        })
                    })
                    .collect::<Result<_, _>>()?;
                if options.layouts.is_empty() {
                    return Err("--layouts needs at least one layout name".into());
                }
            }
            "--years" => {
                let range = value()?;
                let (first, last) = range.split_once('-').ok_or_else(|| {
                    format!("--years wants FIRST-LAST, e.g. 2019-2025, got {range:?}")
                })?;
                let year = |text: &str| -> Result<u16, String> {
                    text.trim()
                        .parse::<u16>()
                        .ok()
                        .filter(|year| (2019..=2100).contains(year))
                        .ok_or_else(|| format!("--years: {text:?} is not a year from 2019 on"))
                };
                options.generate.first_year = year(first)?;
                options.generate.last_year = year(last)?;
                if options.generate.first_year > options.generate.last_year {
                    return Err(format!("--years: {first} comes after {last}"));
                }
            }
            "--formats" => {
                let list = value()?;
                formats = Vec::new();
                for name in list
                    .split(',')
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                {
                    let format = Format::ALL
                        .into_iter()
                        .find(|format| format.name() == name)
                        .ok_or_else(|| {
                            format!("unknown format {name:?}; known formats: text, html, docx")
                        })?;
                    // `text,text` would write every file twice under one name.
                    if !formats.contains(&format) {
                        formats.push(format);
                    }
                }
                if formats.is_empty() {
                    return Err("--formats needs at least one of text, html, docx".into());
                }
            }
            "-h" | "--help" => return Err(USAGE.into()),
            _ => return Err(format!("unknown argument {arg:?}\n{USAGE}")),
        }
    }
    if rate.is_some() && !faults {
        return Err("--fault-rate only makes sense with --faults".into());
    }
    options.seed = seed.ok_or_else(|| format!("--seed is required\n{USAGE}"))?;
    options.fault_percent = if faults { rate.unwrap_or(100) } else { 0 };
    Ok(Args {
        count: count.ok_or_else(|| format!("--count is required\n{USAGE}"))?,
        out: out.ok_or_else(|| format!("--out is required\n{USAGE}"))?,
        options,
        formats,
    })
}

fn number(flag: &str, text: &str) -> Result<u64, String> {
    text.trim()
        .replace('_', "")
        .parse()
        .map_err(|_| format!("{flag} wants a whole number ≥ 0, got {text:?}"))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::gen_corpus) fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    fn error(text: &str) -> String {
        parse(&args(text)).err().unwrap_or_default()
    }

    #[test]
    fn bad_arguments_are_explained_in_plain_words() {
        assert!(error("--count 3 --out x").contains("--seed is required"));
        assert!(error("--count three --seed 1 --out x").contains("--count wants a whole number"));
        assert!(
            error("--count 3 --seed 1 --out x --layouts tab,html")
                .contains("unknown layout \"html\"")
        );
        assert!(
            error("--count 3 --seed 1 --out x --fault-rate 50")
                .contains("only makes sense with --faults")
        );
        assert!(
            error("--count 3 --seed 1 --out x --faults --fault-rate 150").contains("percentage")
        );
        assert!(error("--count 3 --seed 1 --out x --years 2025-2021").contains("comes after"));
        assert!(error("--count 3 --seed 1 --out").contains("--out needs a value"));
        assert!(error("--count 3 --seed 1 --out x --colour").contains("unknown argument"));
        assert!(
            error("--count 3 --seed 1 --out x --formats text,pdf")
                .contains("unknown format \"pdf\"; known formats: text, html, docx")
        );
        assert!(error("--count 3 --seed 1 --out x --formats ,").contains("at least one"));
    }

    #[test]
    fn formats_are_read_in_order_once_each() {
        let parsed = parse(&args("--count 1 --seed 1 --out x --formats docx,text,docx"));
        assert_eq!(
            parsed.map(|parsed| parsed.formats),
            Ok(vec![Format::Docx, Format::Text])
        );
    }

    #[test]
    fn good_arguments_fill_the_options() {
        let parsed = parse(&args(
            "--count=20_000 --seed 7 --out /tmp/x --faults --layouts spaces,markdown --years 2021-2022",
        ));
        let Ok(parsed) = parsed else {
            panic!("{:?}", parsed.err());
        };
        assert_eq!(parsed.formats, [Format::Text], "text by default");
        assert_eq!(parsed.count, 20_000);
        assert_eq!(parsed.options.seed, 7);
        assert_eq!(parsed.options.fault_percent, 100);
        assert_eq!(parsed.options.layouts, [Layout::Spaces, Layout::Markdown]);
        assert_eq!(
            (
                parsed.options.generate.first_year,
                parsed.options.generate.last_year
            ),
            (2021, 2022)
        );
    }
}

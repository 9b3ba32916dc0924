//! `cargo xtask gen-corpus --count N --seed S --out DIR [--faults] [--fault-rate P] [--layouts a,b,…]
//! [--formats text,html,docx]`: writes N generated reports, each in every format asked for, and
//! `manifest.json` into DIR. Same arguments, same bytes.
//!
//! A report's `.html` and `.docx` files hold the same report (same numbers, same fault) as its
//! `.txt`: they dress the tab grid as a saved web page or a Word file. nianbao_gen knows the line
//! of every finding in its plaintext layouts but not in the markup, so a markup file's manifest
//! entry gives the expected finding's code, target and description with `"line": null`, and
//! says so in its notes.

use nianbao_gen::{CorpusFile, CorpusOptions, Layout, Manifest, corpus_file};
use std::fmt::Write as _;
use std::path::PathBuf;

const USAGE: &str = "usage: cargo xtask gen-corpus --count N --seed S --out DIR [--faults] [--fault-rate PERCENT] [--layouts a,b,…] [--years FIRST-LAST] [--formats text,html,docx]";

/// A file format the corpus can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// The plaintext layout chosen by `--layouts`.
    Text,
    /// A saved government web page ([`nianbao_gen::render_html`]).
    Html,
    /// A Word file ([`nianbao_gen::render_docx`]).
    Docx,
}

impl Format {
    const ALL: [Format; 3] = [Format::Text, Format::Html, Format::Docx];

    fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

struct Args {
    count: u64,
    out: PathBuf,
    options: CorpusOptions,
    formats: Vec<Format>,
}

fn parse(args: &[String]) -> Result<Args, String> {
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

/// Makes room for a new corpus: an empty folder is fine; a folder holding an earlier corpus loses
/// exactly the files its manifest lists (so a smaller rerun leaves no stale files behind); any
/// other content is refused rather than deleted.
fn clear_previous(out: &std::path::Path) -> Result<(), String> {
    let manifest = out.join("manifest.json");
    match std::fs::read_to_string(&manifest) {
        Ok(json) => {
            let paths = nianbao_gen::manifest_paths(&json).map_err(|error| {
                format!("{} is not a corpus manifest: {error}", manifest.display())
            })?;
            for path in paths {
                let path = out.join(path);
                match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                    Err(error) => return Err(format!("cannot remove {}: {error}", path.display())),
                }
            }
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let mut entries = std::fs::read_dir(out)
                .map_err(|error| format!("cannot read {}: {error}", out.display()))?;
            if entries.next().is_some() {
                return Err(format!(
                    "{} is not empty and holds no manifest.json from an earlier run; choose an empty or new folder",
                    out.display()
                ));
            }
            Ok(())
        }
        Err(error) => Err(format!("cannot read {}: {error}", manifest.display())),
    }
}

fn number(flag: &str, text: &str) -> Result<u64, String> {
    text.trim()
        .replace('_', "")
        .parse()
        .map_err(|_| format!("{flag} wants a whole number ≥ 0, got {text:?}"))
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ch if u32::from(ch) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(ch));
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// The manifest entry of `file` written as `format` under `path`, indented as an element of
/// the pretty-printed `files` array. Hand-written because its `line` is null, which
/// [`nianbao_gen::ManifestEntry`] cannot say; `text` names the same report's plaintext file
/// when one is written.
fn markup_entry(file: &CorpusFile, format: Format, path: &str, text: Option<&str>) -> String {
    let entry = &file.entry;
    let mut out = format!("    {{\n      \"path\": {},\n", json_string(path));
    let _ = writeln!(out, "      \"format\": {},", json_string(format.name()));
    if let Some(text) = text {
        let _ = writeln!(out, "      \"same_report_as\": {},", json_string(text));
    }
    let _ = writeln!(out, "      \"encoding\": \"utf-8\",");
    let _ = writeln!(out, "      \"template\": {},", json_string(entry.template));
    let _ = writeln!(out, "      \"year\": {},", entry.year);
    let _ = writeln!(out, "      \"organ\": {},", json_string(&entry.organ));
    match &entry.fault {
        None => out.push_str("      \"fault\": null\n"),
        Some(fault) => {
            let also: Vec<String> = fault
                .also
                .iter()
                .map(|also| {
                    format!(
                        "          {{\n            \"code\": {},\n            \"line\": null\n          }}",
                        json_string(also.code)
                    )
                })
                .collect();
            let also = if also.is_empty() {
                "[]".to_owned()
            } else {
                format!("[\n{}\n        ]", also.join(",\n"))
            };
            let _ = write!(
                out,
                "      \"fault\": {{\n        \"code\": {},\n        \"kind\": {},\n        \"line\": null,\n        \"target\": {},\n        \"description\": {},\n        \"also\": {also}\n      }},\n",
                json_string(fault.code),
                json_string(fault.kind.name()),
                json_string(&fault.target),
                json_string(&fault.description),
            );
            let note = format!(
                "line is null: the generator does not know which line of the {} the finding lands on; match it by code and target",
                match format {
                    Format::Docx => "Word file's text",
                    Format::Html | Format::Text => "page",
                }
            );
            let _ = writeln!(
                out,
                "      \"notes\": [\n        {}\n      ]",
                json_string(&note)
            );
        }
    }
    out.push_str("    }");
    out
}

/// Appends the hand-written markup entries to the `files` array of the manifest's JSON.
fn with_markup_entries(json: String, entries: &[String]) -> Result<String, String> {
    if entries.is_empty() {
        return Ok(json);
    }
    let body = entries.join(",\n");
    if let Some(head) = json.strip_suffix("\"files\": []\n}\n") {
        return Ok(format!("{head}\"files\": [\n{body}\n  ]\n}}\n"));
    }
    if let Some(head) = json.strip_suffix("\n  ]\n}\n") {
        return Ok(format!("{head},\n{body}\n  ]\n}}\n"));
    }
    Err("the manifest's JSON does not end with its files array".into())
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|error| format!("cannot create {}: {error}", args.out.display()))?;
    clear_previous(&args.out)?;
    let width = args.count.saturating_sub(1).to_string().len().max(5);
    let mut files = Vec::with_capacity(usize::try_from(args.count).unwrap_or(0));
    let mut markup = Vec::new();
    let mut bytes = 0usize;
    let mut written = 0usize;
    let mut faulty = 0usize;
    let started = std::time::Instant::now();
    let write = |name: &str, content: &[u8]| {
        let path = args.out.join(name);
        std::fs::write(&path, content)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))
    };
    for index in 0..args.count {
        let file = corpus_file(&args.options, index, width);
        faulty += usize::from(file.entry.fault.is_some());
        let text = args
            .formats
            .contains(&Format::Text)
            .then_some(file.entry.path.as_str());
        // `00007_tab_T3001.txt` → `00007_html_T3001.html`: same index and status, so the
        // renderings of one report sort next to each other.
        let status = file
            .entry
            .fault
            .as_ref()
            .map_or("clean", |fault| fault.code);
        for &format in &args.formats {
            // The page and Word renderers dress the template's tables; a report in the 2008
            // format has none, and is written as text only.
            if format != Format::Text && file.entry.layout == Layout::Pre2019 {
                continue;
            }
            let (name, content) = match format {
                Format::Text => (file.entry.path.clone(), file.rendered.bytes.clone()),
                Format::Html => (
                    format!("{index:0width$}_html_{status}.html"),
                    nianbao_gen::render_html(&file.report).into_bytes(),
                ),
                Format::Docx => (
                    format!("{index:0width$}_docx_{status}.docx"),
                    nianbao_gen::render_docx(&file.report)
                        .map_err(|error| format!("cannot render a Word file: {error}"))?,
                ),
            };
            write(&name, &content)?;
            bytes += content.len();
            written += 1;
            if format != Format::Text {
                markup.push(markup_entry(&file, format, &name, text));
            }
        }
        if text.is_some() {
            files.push(file.entry);
        }
    }
    let manifest = Manifest {
        generator: "nianbao_gen",
        seed: args.options.seed,
        count: args.count,
        fault_percent: args.options.fault_percent,
        files,
    };
    let json = manifest
        .to_json()
        .map_err(|error| format!("cannot serialise the manifest: {error}"))?;
    let json = with_markup_entries(json, &markup)?;
    let path = args.out.join("manifest.json");
    std::fs::write(&path, json)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    let formats: Vec<&str> = args.formats.iter().map(|format| format.name()).collect();
    eprintln!(
        "wrote {} reports ({faulty} with a fault) as {written} files ({}, {:.1} MB) and manifest.json to {} in {:.2}s",
        args.count,
        formats.join(", "),
        bytes as f64 / 1e6,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rerun_replaces_the_previous_corpus_and_nothing_else() {
        let out = std::env::temp_dir().join(format!("nianbao-gen-corpus-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let run_with = |count: &str| {
            run(&args(&format!(
                "--count {count} --seed 4 --out {}",
                out.display()
            )))
        };
        assert_eq!(run_with("14"), Ok(()));
        assert_eq!(run_with("3"), Ok(()));
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        assert_eq!(
            names,
            [
                "00000_tab_clean.txt",
                "00001_half-width_clean.txt",
                "00002_spaces_clean.txt",
                "manifest.json"
            ]
        );
        std::fs::write(out.join("notes.txt"), "mine").ok();
        std::fs::remove_file(out.join("manifest.json")).ok();
        assert!(run_with("3").is_err_and(|error| error.contains("not empty")));
        assert!(out.join("notes.txt").exists());
        let _ = std::fs::remove_dir_all(&out);
    }

    fn listing(out: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(out)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn html_and_docx_files_are_listed_with_their_expected_code_and_no_line() {
        let out = std::env::temp_dir().join(format!("nianbao-gen-formats-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let command = format!(
            "--count 3 --seed 5 --out {} --faults --layouts tab,spaces --formats text,html,docx",
            out.display()
        );
        assert_eq!(run(&args(&command)), Ok(()));
        let names = listing(&out);
        assert_eq!(names.len(), 10, "{names:?}");
        let json = std::fs::read_to_string(out.join("manifest.json")).unwrap_or_default();
        let mut listed = nianbao_gen::manifest_paths(&json).unwrap_or_default();
        listed.push("manifest.json".to_owned());
        listed.sort();
        assert_eq!(listed, names, "the manifest lists every file written");
        for index in 0..3u64 {
            let file = corpus_file(
                &parse(&args(&command))
                    .map(|a| a.options)
                    .unwrap_or_default(),
                index,
                5,
            );
            let Some(fault) = &file.entry.fault else {
                panic!("--faults gives every file a fault");
            };
            let fault_json = format!(
                "\"code\": \"{}\",\n        \"kind\": \"{}\",\n        \"line\": null,",
                fault.code,
                fault.kind.name()
            );
            for format in ["html", "docx"] {
                let path = format!("{index:05}_{format}_{}.{format}", fault.code);
                assert!(names.contains(&path), "{path} in {names:?}");
                let head = format!(
                    "\"path\": \"{path}\",\n      \"format\": \"{format}\",\n      \"same_report_as\": \"{}\"",
                    file.entry.path
                );
                let entry = json
                    .split_once(&head)
                    .and_then(|(_, rest)| rest.split("\"path\"").next())
                    .unwrap_or_default();
                assert!(entry.contains(&fault_json), "{fault_json} in {head}{entry}");
                assert!(entry.contains("match it by code and target"), "{entry}");
            }
        }
        let html = names
            .iter()
            .find(|name| name.ends_with(".html"))
            .map(|name| std::fs::read_to_string(out.join(name)).unwrap_or_default())
            .unwrap_or_default();
        assert!(
            html.contains("<table") && html.contains("总计"),
            "a saved page"
        );
        let docx = names
            .iter()
            .find(|name| name.ends_with(".docx"))
            .map(|name| std::fs::read(out.join(name)).unwrap_or_default())
            .unwrap_or_default();
        assert!(docx.starts_with(b"PK\x03\x04"), "a zip");
        // A text-only rerun removes the markup files, which the manifest listed.
        let text_only = format!("--count 2 --seed 5 --out {}", out.display());
        assert_eq!(run(&args(&text_only)), Ok(()));
        assert!(
            listing(&out)
                .iter()
                .all(|name| !name.ends_with("html") && !name.ends_with("docx"))
        );
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn markup_renderings_are_the_same_bytes_on_every_run() {
        let base =
            std::env::temp_dir().join(format!("nianbao-gen-determinism-{}", std::process::id()));
        let runs: Vec<Vec<(String, Vec<u8>)>> = ["a", "b"]
            .iter()
            .map(|name| {
                let out = base.join(name);
                let _ = std::fs::remove_dir_all(&out);
                let command = format!(
                    "--count 4 --seed 9 --out {} --faults --fault-rate 50 --formats docx,html",
                    out.display()
                );
                assert_eq!(run(&args(&command)), Ok(()));
                listing(&out)
                    .into_iter()
                    .map(|name| {
                        let content = std::fs::read(out.join(&name)).unwrap_or_default();
                        (name, content)
                    })
                    .collect()
            })
            .collect();
        let _ = std::fs::remove_dir_all(&base);
        assert_eq!(
            runs.first().map(Vec::len),
            Some(9),
            "8 files and the manifest"
        );
        assert!(runs.first() == runs.get(1), "two runs differ");
        // Without text files the markup entries are the whole array, with no pointer to a
        // plaintext file that was not written.
        let manifest = runs
            .first()
            .and_then(|files| files.iter().find(|(name, _)| name == "manifest.json"))
            .map(|(_, json)| String::from_utf8_lossy(json).into_owned())
            .unwrap_or_default();
        assert_eq!(
            nianbao_gen::manifest_paths(&manifest)
                .ok()
                .map(|paths| paths.len()),
            Some(8)
        );
        assert!(!manifest.contains("same_report_as"));
        assert!(manifest.contains("\"fault\": null"), "clean files at 50%");
    }

    #[test]
    fn json_strings_survive_quotes_backslashes_and_control_characters() {
        // No backslash: manifest_paths drops names that could leave the folder.
        let tricky = "a\"b\nd\te\u{1}f 偃师";
        let json = format!("{{\"files\": [{{\"path\": {}}}]}}", json_string(tricky));
        assert_eq!(
            nianbao_gen::manifest_paths(&json).ok(),
            Some(vec![tricky.to_owned()])
        );
    }

    fn args(text: &str) -> Vec<String> {
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

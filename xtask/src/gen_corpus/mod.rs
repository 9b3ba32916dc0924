//! `cargo xtask gen-corpus --count N --seed S --out DIR [--faults] [--fault-rate P] [--layouts a,b,…]
//! [--formats text,html,docx]`: writes N generated reports, each in every format asked for, and
//! `manifest.json` into DIR. Same arguments, same bytes.
//!
//! A report's `.html` and `.docx` files hold the same report (same numbers, same fault) as its
//! `.txt`: they dress the tab grid as a saved web page or a Word file. nianbao_gen knows the line
//! of every finding in its plaintext layouts but not in the markup, so a markup file's manifest
//! entry gives the expected finding's code, target and description with `"line": null`, and
//! says so in its notes.

mod args;
mod manifest;
mod out_dir;

use args::{Format, parse};
use manifest::{markup_entry, with_markup_entries};
use nianbao_gen::{Layout, Manifest, corpus_file};
use out_dir::clear_previous;

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
    use args::tests::args;

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
}

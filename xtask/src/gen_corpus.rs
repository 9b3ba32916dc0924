//! `cargo xtask gen-corpus --count N --seed S --out DIR [--faults] [--fault-rate P] [--layouts a,b,…]`:
//! writes N generated reports and `manifest.json` into DIR. Same arguments, same bytes.

use nianbao_gen::{CorpusOptions, Layout, Manifest, corpus_file};
use std::path::PathBuf;

const USAGE: &str = "usage: cargo xtask gen-corpus --count N --seed S --out DIR [--faults] [--fault-rate PERCENT] [--layouts a,b,…] [--years FIRST-LAST]";

struct Args {
    count: u64,
    out: PathBuf,
    options: CorpusOptions,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut count = None;
    let mut seed = None;
    let mut out = None;
    let mut faults = false;
    let mut rate = None;
    let mut options = CorpusOptions::default();
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
                            let known: Vec<&str> = Layout::ALL.iter().map(|l| l.name()).collect();
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

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|error| format!("cannot create {}: {error}", args.out.display()))?;
    clear_previous(&args.out)?;
    let width = args.count.saturating_sub(1).to_string().len().max(5);
    let mut files = Vec::with_capacity(usize::try_from(args.count).unwrap_or(0));
    let mut bytes = 0usize;
    let started = std::time::Instant::now();
    for index in 0..args.count {
        let file = corpus_file(&args.options, index, width);
        let path = args.out.join(&file.entry.path);
        std::fs::write(&path, &file.rendered.bytes)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        bytes += file.rendered.bytes.len();
        files.push(file.entry);
    }
    let faulty = files.iter().filter(|entry| entry.fault.is_some()).count();
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
    let path = args.out.join("manifest.json");
    std::fs::write(&path, json)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    eprintln!(
        "wrote {} reports ({faulty} with a fault, {:.1} MB) and manifest.json to {} in {:.2}s",
        args.count,
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
    }

    #[test]
    fn good_arguments_fill_the_options() {
        let parsed = parse(&args(
            "--count=20_000 --seed 7 --out /tmp/x --faults --layouts spaces,markdown --years 2021-2022",
        ));
        let Ok(parsed) = parsed else {
            panic!("{:?}", parsed.err());
        };
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

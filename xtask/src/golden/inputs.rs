//! The inputs the runs read: a generated corpus in every format, multi-year series and files
//! that are not reports, written afresh below `target/golden`.

use std::path::Path;

/// Where the generated inputs go, below the workspace root (rebuilt on every call).
const SCRATCH: &str = "target/golden";

/// The folders the runs read, relative to the workspace root.
pub(super) struct Inputs {
    pub(super) folders: Vec<String>,
}

pub(super) fn prepare_inputs(root: &Path) -> Result<Inputs, String> {
    let scratch = root.join(SCRATCH);
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)
            .map_err(|error| format!("cannot clear {}: {error}", scratch.display()))?;
    }
    let generated = format!("{SCRATCH}/generated");
    crate::gen_corpus::run(&[
        "--count".into(),
        "39".into(),
        "--seed".into(),
        "2027".into(),
        "--out".into(),
        root.join(&generated).display().to_string(),
        "--faults".into(),
        "--fault-rate".into(),
        "60".into(),
        "--formats".into(),
        "text,html,docx".into(),
    ])?;
    let series = format!("{SCRATCH}/series");
    write_series(&root.join(&series))?;
    let odd = format!("{SCRATCH}/odd");
    write_odd_files(&root.join(&odd))?;
    Ok(Inputs {
        folders: vec!["corpus".into(), generated, series, odd],
    })
}

/// Files that are not reports, or not readable as one: each must get its own input finding.
fn write_odd_files(dir: &Path) -> Result<(), String> {
    let seed = std::fs::read_to_string(crate::workspace_root()?.join(SEED))
        .map_err(|error| format!("{SEED}: {error}"))?;
    let files: [(&str, Vec<u8>); 7] = [
        ("empty.txt", Vec::new()),
        ("blank.txt", b"  \n\t\n".to_vec()),
        ("binary.txt", b"\x00\x01\x02PK\x00\x00binary".to_vec()),
        ("shopping-list.txt", "牛奶\n鸡蛋\n".as_bytes().to_vec()),
        ("not-a-zip.docx", b"PK\x03\x04 cut short".to_vec()),
        ("nul-page.html", b"<html>\x00\x00</html>".to_vec()),
        (
            "half-a-report.txt",
            seed.as_bytes()[..seed.len() / 2].to_vec(),
        ),
    ];
    std::fs::create_dir_all(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(())
}

const SEED: &str = "corpus/seed/000_19ca39454c16e942.txt";

/// Four bodies' reports over four years, with a carry-over break, a stock break and copied
/// prose, in text and as pages and Word files, plus one report saved twice: every cross-report
/// rule fires, and related locations point into text and markup.
fn write_series(dir: &Path) -> Result<(), String> {
    use nianbao_gen::{Layout, SeriesFault, SeriesOptions};
    std::fs::create_dir_all(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    let write = |name: String, bytes: &[u8]| {
        let path = dir.join(name);
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, bytes))
            .map_err(|error| format!("{}: {error}", path.display()))
    };
    for body in 0..4u16 {
        let options = SeriesOptions {
            seed: 2027,
            index: u64::from(body),
            first_year: 2021,
            years: 4,
            faults: vec![
                (
                    2022,
                    SeriesFault::CarryOver {
                        column: usize::from(body),
                        delta: 3,
                    },
                ),
                (2023, SeriesFault::Stock { delta: -2 }),
                (2024, SeriesFault::CopiedProse),
            ],
        };
        for (offset, report) in nianbao_gen::series(&options).iter().enumerate() {
            let year = 2021 + offset;
            let layout = Layout::ALL[(usize::from(body) * 4 + offset) % Layout::ALL.len()];
            let rendered = nianbao_gen::render(report, layout);
            match body {
                1 => write(
                    format!("body{body}/{year}.html"),
                    nianbao_gen::render_html(report).as_bytes(),
                )?,
                2 => write(
                    format!("body{body}/{year}.docx"),
                    &nianbao_gen::render_docx(report).map_err(|error| error.to_string())?,
                )?,
                _ => write(format!("body{body}/{year}.txt"), &rendered.bytes)?,
            }
            if body == 3 && offset == 1 {
                write(format!("body{body}/{year}-copy.txt"), &rendered.bytes)?;
            }
        }
    }
    Ok(())
}

//! The runs: every folder in every `check` format, each file in four formats and through `parse`.

use super::inputs::Inputs;
use std::path::{Path, PathBuf};

/// One run of the binary.
pub(super) struct Run {
    pub(super) label: String,
    pub(super) args: Vec<String>,
}

pub(super) fn runs(root: &Path, inputs: &Inputs) -> Result<Vec<Run>, String> {
    let mut runs = Vec::new();
    let check = |label: String, target: &str, extra: &[&str]| Run {
        label,
        args: ["check", target, "--color", "never"]
            .iter()
            .chain(extra)
            .map(|arg| (*arg).to_owned())
            .collect(),
    };
    for folder in &inputs.folders {
        for format in [
            "full", "concise", "json", "jsonl", "sarif", "github", "html", "csv",
        ] {
            runs.push(check(
                format!("check {format} {folder}/"),
                folder,
                &["--output-format", format],
            ));
        }
        for format in ["full", "concise"] {
            runs.push(check(
                format!("check {format} en {folder}/"),
                folder,
                &["--output-format", format, "--lang", "en", "--statistics"],
            ));
        }
        runs.push(check(
            format!("check json no-cross {folder}/"),
            folder,
            &["--output-format", "json", "--no-cross"],
        ));
        // A panic inside one file's checking becomes that file's internal-error finding.
        runs.push(check(
            format!("check concise panic {folder}/"),
            folder,
            &[
                "--output-format",
                "concise",
                "--debug-panic-marker",
                "二、主动公开",
            ],
        ));
        for file in report_files(&root.join(folder))? {
            let file = file
                .strip_prefix(root)
                .map_err(|_| format!("{} is outside the workspace", file.display()))?
                .display()
                .to_string();
            for format in ["full", "concise", "json", "sarif"] {
                runs.push(check(
                    format!("check {format} {file}"),
                    &file,
                    &["--output-format", format],
                ));
            }
            runs.push(Run {
                label: format!("parse json {file}"),
                args: vec![
                    "parse".into(),
                    file.clone(),
                    "--output-format".into(),
                    "json".into(),
                ],
            });
        }
    }
    Ok(runs)
}

/// The report files below `dir`, sorted (the manifest and READMEs are not reports).
fn report_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|error| error.to_string())?;
        let path = entry.path();
        let report = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| ["txt", "html", "docx"].contains(&extension));
        if entry.file_type().is_file() && report {
            files.push(path.to_path_buf());
        }
    }
    files.sort();
    Ok(files)
}

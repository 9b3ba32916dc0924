//! Baselines: accept today's findings so that only new ones are shown.
//!
//! A finding is keyed on (path, code, flagged text without whitespace), never on its line, so
//! a report re-exported with a line added above its tables keeps its baseline. Keys are counted:
//! a baseline holding two blank cells on one row hides two such findings, not a third. Input
//! findings (a file not read, or not entirely) are neither recorded nor hidden.
//!
//! `--write-baseline` writes a temporary file beside the target and renames it over the target
//! ([`Target`]): a reader sees the old baseline or the new one, never a part; the temporary file
//! is made before any report is read, so a folder that cannot be written is said at once, and a
//! target that is one of the run's inputs is refused.

use crate::file_id::FileId;
use nianbao_diagnostics::Finding;
use nianbao_model::Category;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub text: String,
}

impl Entry {
    pub fn of(finding: &Finding) -> Entry {
        Entry {
            path: finding.path.clone(),
            code: finding.code.clone(),
            text: finding.flagged.clone(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// The recorded findings, with how many of each.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    counts: HashMap<Entry, usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = crate::read::read_to_string(path).map_err(|error| error.to_string())?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|error| error.to_string())?;
        let mut counts = HashMap::new();
        for entry in file.findings {
            *counts.entry(entry).or_insert(0) += 1;
        }
        Ok(Baseline { counts })
    }

    /// For each finding of one file (in output order), whether it is new, i.e. not recorded.
    /// Each file is filtered on its own, so this runs in parallel on a shared, read-only
    /// baseline.
    pub fn keep_mask(&self, findings: &[Finding]) -> Vec<bool> {
        let mut used: HashMap<Entry, usize> = HashMap::new();
        findings
            .iter()
            .map(|finding| {
                if self.counts.is_empty() || finding.category == Category::Input {
                    return true;
                }
                let entry = Entry::of(finding);
                let recorded = self.counts.get(&entry).copied().unwrap_or(0);
                let seen = used.entry(entry).or_insert(0);
                *seen += 1;
                *seen > recorded
            })
            .collect()
    }
}

/// Where `--write-baseline` goes: a temporary file beside the target, renamed over it once
/// written. Dropped unwritten, the temporary file is removed.
pub struct Target {
    path: PathBuf,
    temporary: PathBuf,
    file: Option<File>,
}

/// Why a baseline cannot be written where asked.
#[derive(Debug)]
pub enum TargetError {
    /// The target is one of the files the run checks.
    IsInput,
    /// The target exists and is not a regular file.
    NotAFile,
    Io(std::io::Error),
}

impl Target {
    /// Makes the temporary file beside `path` now, before any report is read; refuses a
    /// target that is one of `inputs` (the files the run checks) or not a regular file.
    pub fn create(
        path: &Path,
        mut inputs: impl Iterator<Item = FileId>,
    ) -> Result<Target, TargetError> {
        if let Ok(metadata) = std::fs::metadata(path) {
            if !metadata.is_file() {
                return Err(TargetError::NotAFile);
            }
            let target = FileId::of(path);
            if target.is_some_and(|target| inputs.any(|input| input == target)) {
                return Err(TargetError::IsInput);
            }
        }
        let folder = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let temporary = folder.join(format!(".{name}.nianbao-{}.tmp", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .map_err(TargetError::Io)?;
        Ok(Target {
            path: path.to_owned(),
            temporary,
            file: Some(file),
        })
    }

    /// Writes the baseline, sorted so that it diffs well under version control, and puts it in
    /// place.
    pub fn commit(mut self, mut entries: Vec<Entry>) -> std::io::Result<()> {
        entries.sort_by(|a, b| (&a.path, &a.code, &a.text).cmp(&(&b.path, &b.code, &b.text)));
        let file = BaselineFile {
            version: 1,
            findings: entries,
        };
        let Some(handle) = self.file.take() else {
            return Err(std::io::Error::other("the baseline was already written"));
        };
        let mut out = BufWriter::new(handle);
        serde_json::to_writer_pretty(&mut out, &file).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
        out.into_inner()
            .map_err(|error| error.into_error())?
            .sync_all()?;
        std::fs::rename(&self.temporary, &self.path)
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        // Written or not, the temporary file does not outlive the run (after a rename there is
        // nothing left to remove).
        let _ = std::fs::remove_file(&self.temporary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_diagnostics::Lang;
    use nianbao_model::{Category, Diagnostic, Message, Severity, Span};

    fn findings(source: &str) -> Vec<Finding> {
        let blank = u32::try_from(source.find("\t\t").unwrap() + 1).unwrap();
        let diagnostic = Diagnostic::new(
            "B001",
            "blank-cell",
            Severity::Warning,
            Category::Format,
            Message::default(),
            Span::new(blank, blank),
        );
        Finding::locate_all("a.txt", source, &[diagnostic.clone(), diagnostic], Lang::Zh)
    }

    #[test]
    fn survives_line_shifts_and_counts_duplicates() {
        let dir = std::env::temp_dir().join(format!("nianbao-baseline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("baseline.json");
        let before = findings("（一）自然人\t\t81\n");
        let target = Target::create(&path, std::iter::empty()).unwrap();
        target
            .commit(before[..1].iter().map(Entry::of).collect())
            .unwrap();
        let baseline = Baseline::load(&path).unwrap();
        let after = findings("新增一行\n（一）自然人\t\t81\n");
        assert_eq!(after[0].region.start.line, 2);
        // One recorded, two found: one is still shown.
        assert_eq!(baseline.keep_mask(&after), [false, true]);
        // Nothing but the baseline is left in the folder.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        // A target that is an input is refused before anything is written.
        let id = FileId::of(&path).unwrap();
        assert!(matches!(
            Target::create(&path, [id].into_iter()),
            Err(TargetError::IsInput)
        ));
        assert!(matches!(
            Target::create(&dir, std::iter::empty()),
            Err(TargetError::NotAFile)
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Baselines: accept today's findings so that only new ones are shown.
//!
//! A finding is keyed on (path, code, flagged text without whitespace), never on its line, so
//! a report re-exported with a line added above its tables keeps its baseline. Keys are counted:
//! a baseline holding two blank cells on one row hides two such findings, not a third.

use nianbao_diagnostics::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

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
        let text = std::fs::read_to_string(path).map_err(|error| error.to_string())?;
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
                if self.counts.is_empty() {
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

/// Writes the baseline, sorted so that it diffs well under version control.
pub fn write(path: &Path, mut entries: Vec<Entry>) -> std::io::Result<()> {
    entries.sort_by(|a, b| (&a.path, &a.code, &a.text).cmp(&(&b.path, &b.code, &b.text)));
    let file = BaselineFile {
        version: 1,
        findings: entries,
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(path, text)
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
        write(&path, before[..1].iter().map(Entry::of).collect()).unwrap();
        let baseline = Baseline::load(&path).unwrap();
        let after = findings("新增一行\n（一）自然人\t\t81\n");
        assert_eq!(after[0].region.start.line, 2);
        // One recorded, two found: one is still shown.
        assert_eq!(baseline.keep_mask(&after), [false, true]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

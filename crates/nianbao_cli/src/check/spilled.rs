//! The cross-report findings of a run, kept until their file's turn in path order. The rules
//! hand them over a body at a time; each goes to an unlinked temporary file as it comes (as
//! JSON, the finding's own serialisation), and only a 16-byte key stays in memory: the file and
//! where the finding lies on disk. A finding that cannot be written is held
//! in memory instead, so none is lost to a full disk.

use nianbao_model::Diagnostic;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};

/// The cross-report findings of one file.
pub struct CrossFindings {
    /// The file's job number (its place in path order).
    pub job: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// One finding, 16 bytes: a run keeps one per cross-report finding until its file's turn.
struct Key {
    /// The file's job number.
    job: u32,
    /// Its length on disk, or [`IN_MEMORY`].
    len: u32,
    /// Its offset on disk, or its index in [`Spilled::memory`].
    at: u64,
}

/// The length of a finding held in memory.
const IN_MEMORY: u32 = u32::MAX;

/// The findings of a run in file order, read back a file at a time ([`Spilled::next_file`]).
pub struct Spilled {
    disk: Option<BufWriter<File>>,
    written: u64,
    /// In the order the rules emitted them; sorted by file (stably) before they are read.
    keys: Vec<Key>,
    /// Findings that could not be written.
    memory: Vec<Option<Diagnostic>>,
    /// The next key [`Spilled::next_file`] reads.
    next: usize,
    lost: usize,
}

impl Spilled {
    /// Findings kept in `disk` (an unlinked temporary file), or in memory if there is none.
    pub fn new(disk: Option<File>) -> Spilled {
        Spilled {
            disk: disk.map(BufWriter::new),
            written: 0,
            keys: Vec::new(),
            memory: Vec::new(),
            next: 0,
            lost: 0,
        }
    }

    /// Keeps `found` until their files' turn.
    pub fn extend(&mut self, found: Vec<(usize, Diagnostic)>) {
        for (job, diagnostic) in found {
            let job = u32::try_from(job).unwrap_or(u32::MAX);
            let key = match self.write(&diagnostic) {
                Some((at, len)) => Key { job, len, at },
                None => {
                    let at = u64::try_from(self.memory.len()).unwrap_or(u64::MAX);
                    self.memory.push(Some(diagnostic));
                    Key {
                        job,
                        len: IN_MEMORY,
                        at,
                    }
                }
            };
            self.keys.push(key);
        }
    }

    /// Writes one finding to disk: where it lies, and how long it is.
    fn write(&mut self, diagnostic: &Diagnostic) -> Option<(u64, u32)> {
        let disk = self.disk.as_mut()?;
        let bytes = serde_json::to_vec(diagnostic).ok()?;
        let len = u32::try_from(bytes.len())
            .ok()
            .filter(|&len| len != IN_MEMORY)?;
        disk.write_all(&bytes).ok()?;
        let offset = self.written;
        self.written += u64::from(len);
        Some((offset, len))
    }

    /// Puts the findings in file order, each file's as the rules emitted them, and makes what
    /// was written readable. Each file's are put in output order as they are read back.
    pub fn sort(&mut self) {
        self.keys.sort_by_key(|key| key.job);
        if let Some(disk) = self.disk.as_mut()
            && disk.flush().is_err()
        {
            // Nothing written can be trusted: what was held on disk is lost.
            self.disk = None;
        }
    }

    /// The next file's findings, in output order (position, code, then as emitted, as a stable
    /// sort of the whole run would give), read back from disk. A finding that cannot be read
    /// back is counted in [`Spilled::lost`].
    pub fn next_file(&mut self) -> Option<CrossFindings> {
        let job = self.keys.get(self.next)?.job;
        let mut diagnostics = Vec::new();
        while let Some(key) = self.keys.get(self.next).filter(|key| key.job == job) {
            self.next += 1;
            let diagnostic = match key.len {
                IN_MEMORY => usize::try_from(key.at)
                    .ok()
                    .and_then(|at| self.memory.get_mut(at))
                    .and_then(Option::take),
                len => self
                    .disk
                    .as_ref()
                    .and_then(|disk| read_back(disk.get_ref(), key.at, len)),
            };
            match diagnostic {
                Some(diagnostic) => diagnostics.push(diagnostic),
                None => self.lost += 1,
            }
        }
        diagnostics.sort_by(|a, b| (a.span, &a.code).cmp(&(b.span, &b.code)));
        Some(CrossFindings {
            job: usize::try_from(job).unwrap_or(usize::MAX),
            diagnostics,
        })
    }

    /// How many findings could not be read back.
    pub fn lost(&self) -> usize {
        self.lost
    }
}

fn read_back(mut disk: &File, offset: u64, len: u32) -> Option<Diagnostic> {
    disk.seek(SeekFrom::Start(offset)).ok()?;
    let mut bytes = vec![0; usize::try_from(len).ok()?];
    disk.read_exact(&mut bytes).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::{Category, Message, RelatedLocation, Severity, Span};

    fn finding(code: &'static str, start: u32) -> Diagnostic {
        Diagnostic::new(
            code,
            "name",
            Severity::Warning,
            Category::Consistency,
            Message::new("中文", "English"),
            Span::new(start, start + 2),
        )
        .with_label(Span::new(0, 1), Message::new("合计", "total"))
        .with_help(Message::new("应为 3", "should be 3"))
        .with_related(RelatedLocation::new(
            "二〇二二/甲.txt",
            Span::new(3, 9),
            Message::new("去年", "last year"),
        ))
    }

    fn all(mut spilled: Spilled) -> Vec<(usize, Vec<Diagnostic>)> {
        spilled.sort();
        let mut out = Vec::new();
        while let Some(file) = spilled.next_file() {
            out.push((file.job, file.diagnostics));
        }
        assert_eq!(spilled.lost(), 0);
        out
    }

    #[test]
    fn findings_come_back_whole_in_file_order_on_disk_and_in_memory() {
        let emitted = [
            vec![(2, finding("X001", 5)), (0, finding("X002", 1))],
            vec![(2, finding("X001", 1)), (0, finding("X002", 1))],
        ];
        let expected = vec![
            (0, vec![finding("X002", 1), finding("X002", 1)]),
            (2, vec![finding("X001", 1), finding("X001", 5)]),
        ];
        for store in [Spilled::new(Some(tempfile())), Spilled::new(None)] {
            let mut store = store;
            for found in emitted.clone() {
                store.extend(found);
            }
            assert_eq!(all(store), expected);
        }
    }

    fn tempfile() -> File {
        let path =
            std::env::temp_dir().join(format!("nianbao-spilled-test-{}", std::process::id()));
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        file
    }
}

//! Which file a path names: the file itself, never its spelling, so a run checks each file once
//! and a baseline entry matches the file however the command line names it.

use std::path::{Path, PathBuf};

/// A file itself: its device and inode where the system has them (so `a.txt`, `./a.txt`,
/// `ov//a.txt`, a symbolic or hard link to it are one file), else its canonical path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileId {
    Inode { device: u64, inode: u64 },
    Path(PathBuf),
}

impl FileId {
    /// The identity of the file at `path` (links followed), if it exists.
    #[cfg(unix)]
    pub fn of(path: &Path) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        let metadata = std::fs::metadata(path).ok()?;
        Some(FileId::Inode {
            device: metadata.dev(),
            inode: metadata.ino(),
        })
    }

    /// The identity of the file at `path` (links followed), if it exists.
    #[cfg(not(unix))]
    pub fn of(path: &Path) -> Option<FileId> {
        std::fs::canonicalize(path).ok().map(FileId::Path)
    }
}

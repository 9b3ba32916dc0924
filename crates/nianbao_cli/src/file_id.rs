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

/// A listed path: the file it names and whether the path itself is a symbolic link.
pub struct Listed {
    pub id: FileId,
    pub is_link: bool,
    /// The path names a regular file itself (not through a link).
    pub is_regular: bool,
}

impl Listed {
    /// Looks at `path` once when it is not a symbolic link (a link is followed with a second
    /// look); a path that cannot be looked at is its own identity.
    #[cfg(unix)]
    pub fn of(path: &Path) -> Listed {
        use std::os::unix::fs::MetadataExt;
        match path.symlink_metadata() {
            Ok(metadata) if !metadata.file_type().is_symlink() => Listed {
                id: FileId::Inode {
                    device: metadata.dev(),
                    inode: metadata.ino(),
                },
                is_link: false,
                is_regular: metadata.file_type().is_file(),
            },
            looked => Listed {
                id: FileId::of(path).unwrap_or_else(|| FileId::Path(path.to_path_buf())),
                is_link: looked.is_ok(),
                is_regular: false,
            },
        }
    }

    #[cfg(not(unix))]
    pub fn of(path: &Path) -> Listed {
        Listed {
            id: FileId::of(path).unwrap_or_else(|| FileId::Path(path.to_path_buf())),
            is_link: path
                .symlink_metadata()
                .is_ok_and(|metadata| metadata.file_type().is_symlink()),
            is_regular: false,
        }
    }
}

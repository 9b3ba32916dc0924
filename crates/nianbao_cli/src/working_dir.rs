//! Absolute paths with the working folder asked for once: a walk of 100,000 files made each of
//! its paths absolute twice (exclude globs, configuration discovery), two system calls a file.

use std::path::{Path, PathBuf};

/// The working folder, read once.
#[derive(Clone, Debug)]
pub struct WorkingDir {
    /// `None` when it cannot be read (removed under the run): paths are then taken as given.
    cwd: Option<PathBuf>,
}

impl WorkingDir {
    pub fn current() -> Self {
        Self {
            cwd: std::env::current_dir().ok(),
        }
    }

    /// What [`std::path::absolute`] makes of `path` (its `.` components and repeated
    /// separators removed, `..` kept), or `path` itself when that fails. Only a working folder
    /// that could not be read is asked for again.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        let joined;
        let path = match &self.cwd {
            Some(cwd) if path.is_relative() => {
                joined = cwd.join(path);
                joined.as_path()
            }
            _ => path,
        };
        std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_the_standard_library() {
        let cwd = WorkingDir::current();
        for path in [
            "a/./b//c",
            "./x",
            "../y/z",
            "/abs//p/./q",
            "中文/报告.txt",
            ".",
        ] {
            let path = Path::new(path);
            assert_eq!(
                cwd.absolute(path),
                std::path::absolute(path).unwrap(),
                "{path:?}"
            );
        }
        // Without a working folder read, the standard library is asked.
        let lost = WorkingDir { cwd: None };
        assert_eq!(lost.absolute(Path::new("/a/./b")), Path::new("/a/b"));
    }
}

//! Folder walks, for `nianbao check` and `nianbao parse`: the report files under a folder, in
//! no particular order (callers sort), skipping what the user said to skip.
//!
//! What is skipped: hidden files and folders; what `.gitignore` and `.ignore` files in the
//! folder and above it say (also outside a git repository, but not the user's global gitignore,
//! which differs from machine to machine; `respect-gitignore = false` turns this off); and the
//! `exclude` globs of `--exclude` (relative to the working folder) and of the project's
//! `nianbao.toml` (relative to its folder), which are gitignore lines: `drafts/` a folder of
//! that name anywhere, `*.bak.txt` such files anywhere, `2019/old/` that folder only. A path
//! named on the command line is checked whatever these say. Symbolic links are followed, a loop
//! said on standard error and not entered. The `ignore` crate (ripgrep's) walks and matches.

use crate::catalog::{InputFinding, InputProblem};
use crate::say;
use crate::working_dir::WorkingDir;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use nianbao_model::{Lang, Message};
use std::path::{Path, PathBuf};

/// What folder walks skip besides hidden entries.
#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    /// Exclude globs, each group relative to its folder.
    pub excludes: Vec<Excludes>,
    /// Do not honour `.gitignore` / `.ignore` files.
    pub no_ignore_files: bool,
}

/// Gitignore-style globs relative to a folder.
#[derive(Clone, Debug, Default)]
pub struct Excludes {
    pub root: PathBuf,
    pub globs: Vec<String>,
}

/// What a walk found.
pub enum Walked {
    File(WalkedFile),
    /// An entry that could not be read (a folder without permission, a dangling link).
    Unreadable(PathBuf, Box<InputFinding>),
}

/// A file a walk found.
pub struct WalkedFile {
    pub path: PathBuf,
    /// The file's inode number, as the folder's entry gives it, when that tells it from every
    /// other file (see [`crate::mounts`]): a regular file, not a symbolic link, not reached
    /// through one, under a folder whose entries carry the files' own numbers. `None`: the file
    /// must be looked at to be told from others.
    pub inode: Option<u64>,
}

/// The compiled exclude globs.
#[derive(Clone)]
pub struct Excluder {
    matchers: Vec<Gitignore>,
    cwd: WorkingDir,
}

impl WalkOptions {
    /// Compiles the exclude globs; a glob that is not one is said with the folder it is
    /// relative to.
    pub fn excluder(&self) -> Result<Excluder, String> {
        let cwd = WorkingDir::current();
        let mut matchers = Vec::new();
        // A group without globs excludes nothing: leaving it out spares every walked path
        // being made absolute and matched against nothing.
        for group in self.excludes.iter().filter(|group| !group.globs.is_empty()) {
            let root = cwd.absolute(&group.root);
            let mut builder = GitignoreBuilder::new(&root);
            for glob in &group.globs {
                builder
                    .add_line(None, glob)
                    .map_err(|error| format!("{glob:?}: {error}"))?;
            }
            matchers.push(builder.build().map_err(|error| error.to_string())?);
        }
        Ok(Excluder { matchers, cwd })
    }
}

impl Excluder {
    /// Whether `path` (a folder when `is_dir`) is excluded.
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        if self.matchers.is_empty() {
            return false;
        }
        let absolute = self.cwd.absolute(path);
        self.matchers.iter().any(|matcher| {
            absolute.starts_with(matcher.path()) && matcher.matched(&absolute, is_dir).is_ignore()
        })
    }
}

/// The report files under `root` (see the module doc), with entries that could not be read,
/// as the walk finds them: a caller listing 100 000 files holds no second list of them.
pub fn walk(
    root: &Path,
    options: &WalkOptions,
    excluder: &Excluder,
    is_report_file: impl Fn(&Path) -> bool,
    lang: Lang,
) -> impl Iterator<Item = Walked> {
    let honour = !options.no_ignore_files;
    // Where the folders above and the filesystem are judged from.
    let canonical = std::fs::canonicalize(root).ok();
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .follow_links(true)
        .hidden(true)
        .parents(honour && ignore_files_above(canonical.as_deref()))
        .ignore(honour)
        .git_ignore(honour)
        .git_exclude(honour)
        .git_global(false)
        .require_git(false);
    let excluder = excluder.clone();
    builder.filter_entry(move |entry| {
        let is_dir = entry.file_type().is_some_and(|kind| kind.is_dir());
        entry.depth() == 0 || !excluder.excludes(entry.path(), is_dir)
    });
    let mut inodes = Inodes {
        faithful: crate::mounts::inodes_are_faithful(canonical.as_deref()),
        link_depth: None,
    };
    builder.build().filter_map(move |entry| match entry {
        Ok(entry) => {
            let inode = inodes.of(&entry);
            let is_dir = entry.file_type().is_some_and(|kind| kind.is_dir());
            // Not only regular files: a named pipe or a device named like a report is listed,
            // to be reported as what it is rather than skipped in silence.
            (!is_dir && entry.depth() > 0 && is_report_file(entry.path())).then(|| {
                Walked::File(WalkedFile {
                    path: entry.into_path(),
                    inode,
                })
            })
        }
        Err(error) => unreadable(&error, lang),
    })
}

/// Whether a folder above `root` (canonical; `None` if it could not be made so: then they may)
/// may hold a file the walk reads rules from (`.gitignore`, `.ignore`, or a repository's
/// `.git/info/exclude`). Only then are the walked paths matched against the folders above: the
/// `ignore` crate joins and compares each path to do so, even where those folders have no
/// rules, as above a corpus outside any repository.
fn ignore_files_above(root: Option<&Path>) -> bool {
    let Some(root) = root else {
        return true;
    };
    root.ancestors().skip(1).any(|folder| {
        [".gitignore", ".ignore", ".git"].iter().any(|name| {
            // What cannot be looked at may be there.
            !matches!(folder.join(name).symlink_metadata(),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound)
        })
    })
}

/// Which entries of a walk are told apart by their folder's inode numbers. The walk yields a
/// folder before what is in it (depth first): what follows a followed link to a folder, deeper
/// than it, lies below the link, maybe on another filesystem, until an entry at its depth or
/// above.
struct Inodes {
    /// The walk's root is on a filesystem whose entries carry the files' own inode numbers.
    faithful: bool,
    /// The depth of the followed link to a folder the walk is below, if any.
    link_depth: Option<usize>,
}

impl Inodes {
    /// The inode number of `entry` that tells it from other files ([`WalkedFile::inode`]).
    #[cfg(unix)]
    fn of(&mut self, entry: &ignore::DirEntry) -> Option<u64> {
        let depth = entry.depth();
        if self.link_depth.is_some_and(|link| depth <= link) {
            self.link_depth = None;
        }
        let is_dir = entry.file_type().is_some_and(|kind| kind.is_dir());
        // The root's own link does not count: the filesystem judged is the one it leads to.
        if is_dir && depth > 0 && entry.path_is_symlink() && self.link_depth.is_none() {
            self.link_depth = Some(depth);
        }
        let plain = entry.file_type().is_some_and(|kind| kind.is_file())
            && !entry.path_is_symlink()
            && self.link_depth.is_none();
        (self.faithful && plain).then(|| entry.ino()).flatten()
    }

    #[cfg(not(unix))]
    fn of(&mut self, _: &ignore::DirEntry) -> Option<u64> {
        None
    }
}

/// A walk error as the entry it concerns: a loop is said on stderr and skipped, an ignore file
/// that cannot be read or parsed is said there too; anything else is an unreadable entry.
fn unreadable(error: &ignore::Error, lang: Lang) -> Option<Walked> {
    let (path, is_loop) = parts(error);
    let shown = path
        .map(|path| path.display().to_string())
        .unwrap_or_default();
    if is_loop {
        say::line(match lang {
            Lang::Zh => format!("nianbao: 跳过符号链接循环：{shown}"),
            Lang::En => format!("nianbao: skipping symbolic link loop: {shown}"),
        });
        return None;
    }
    let Some((path, io)) = path.zip(error.io_error()) else {
        // A malformed line in a .gitignore: the walk goes on without it.
        say::line(format!("nianbao: {error}"));
        return None;
    };
    let reason = io.to_string();
    // The system's text is English: the Chinese message says the same in words.
    let zh = match io.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        std::io::ErrorKind::NotFound => "文件不存在（可能是指向已删除文件的符号链接）".to_owned(),
        _ => format!("无法读取（{reason}）"),
    };
    let problem = InputProblem::Unreadable.because(Message::new(zh, reason));
    Some(Walked::Unreadable(path.to_path_buf(), Box::new(problem)))
}

/// The path an error is about, and whether it is a symbolic link loop.
fn parts(error: &ignore::Error) -> (Option<&Path>, bool) {
    match error {
        ignore::Error::Loop { child, .. } => (Some(child), true),
        ignore::Error::WithPath { path, err } => {
            let (inner, is_loop) = parts(err);
            (inner.or(Some(path)), is_loop)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            parts(err)
        }
        _ => (None, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excludes_are_gitignore_lines_relative_to_their_folder() {
        let options = WalkOptions {
            excludes: vec![Excludes {
                root: PathBuf::from("/reports"),
                globs: vec!["drafts/".into(), "*.bak.txt".into(), "/2019/old".into()],
            }],
            no_ignore_files: false,
        };
        let excluder = options.excluder().unwrap();
        let excluded = |path: &str, is_dir| excluder.excludes(Path::new(path), is_dir);
        assert!(excluded("/reports/a/drafts", true));
        assert!(!excluded("/reports/a/drafts", false));
        assert!(excluded("/reports/甲.bak.txt", false));
        assert!(excluded("/reports/2019/old", true));
        assert!(!excluded("/reports/a/2019/old", true));
        assert!(!excluded("/elsewhere/drafts", true));
        assert!(!excluded("/reports/年报.txt", false));
    }
}

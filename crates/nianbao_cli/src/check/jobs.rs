//! Which files a run checks: the paths given, folders walked, each file once however many
//! spellings name it (identity is the file itself, device and inode where there are such, never
//! its displayed name), sorted by displayed path, each with the configuration that governs it.

mod once;
mod order;

use super::names::{display, shown_otherwise};
use crate::args::CheckArgs;
use crate::catalog::{InputFinding, InputProblem};
use crate::config::{BadConfig, Config, ConfigError, Discovery};
use crate::file_error;
use crate::file_id::FileId;
use crate::read::{Origin, Seen};
use crate::say;
use crate::walk::{WalkOptions, Walked, WalkedFile};
use nianbao_html::InputFormat;
use nianbao_model::{Lang, Message};
use nianbao_source::LineIndex;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// One file to check, with the configuration that governs it.
pub struct Job {
    pub origin: Origin,
    /// How the file is shown ([`display`]) when that is not its path's own text: a path spelled
    /// `./a.txt`, a name not in UTF-8, standard input's name. A corpus's paths are shown as they
    /// are, and a run of 100 000 files then keeps each once (see [`Job::display`]).
    shown: Option<Box<str>>,
    pub config: Option<Arc<Config>>,
    /// A problem found while listing (a folder that could not be read, a malformed
    /// configuration). Boxed: a run holds a job per file, and most have none.
    pub listing_error: Option<Box<InputFinding>>,
    /// How often the file has been read in this run (`--debug-read-counts`).
    reads: AtomicU32,
    /// Its place in path order, once the run's files are sorted.
    number: u32,
    /// What the listing saw at its path, for opening it.
    seen: Seen,
}

impl Job {
    fn found(origin: Origin, display: String) -> Job {
        let own_text = match &origin {
            Origin::File(path) => path.to_str(),
            Origin::Stdin => None,
        };
        let shown = (own_text != Some(display.as_str())).then(|| display.into_boxed_str());
        Job::shown_as(origin, shown)
    }

    /// The job of the file at `path`, shown as [`display`] shows it: kept once, as its path,
    /// when that is its own text.
    fn of_path(path: Box<Path>) -> Job {
        let shown = shown_otherwise(&path).map(String::into_boxed_str);
        Job::shown_as(Origin::File(path), shown)
    }

    /// A job not yet numbered, configured or looked at; `shown` when its display is not its
    /// path's own text.
    fn shown_as(origin: Origin, shown: Option<Box<str>>) -> Job {
        Job {
            origin,
            shown,
            config: None,
            listing_error: None,
            reads: AtomicU32::new(0),
            number: 0,
            seen: Seen::Unknown,
        }
    }

    /// The file itself, when it can be looked at. Asked when the run's files are listed, and by
    /// `--write-baseline`; not kept, as a run holds a job per file.
    pub fn file_id(&self) -> Option<FileId> {
        match &self.origin {
            Origin::File(path) => FileId::of(path),
            Origin::Stdin => None,
        }
    }

    /// What the listing saw at the job's path, for opening it ([`crate::read::open_regular`]).
    pub fn seen(&self) -> Seen {
        self.seen
    }

    /// The file's place in path order (its index in [`Listing::jobs`]).
    pub fn number(&self) -> usize {
        usize::try_from(self.number).unwrap_or(usize::MAX)
    }

    /// The path as shown in the output ([`display`]): unique in a run.
    pub fn display(&self) -> &str {
        match (&self.shown, &self.origin) {
            (Some(shown), _) => shown,
            // Not shown otherwise only when the path is its own text (see `found`).
            (None, Origin::File(path)) => path.to_str().unwrap_or_default(),
            (None, Origin::Stdin) => STDIN_NAME,
        }
    }

    /// The bytes of [`Job::display`], without validating them as UTF-8 again: what a listing
    /// sorts and compares.
    fn display_bytes(&self) -> &[u8] {
        match (&self.shown, &self.origin) {
            (Some(shown), _) => shown.as_bytes(),
            (None, Origin::File(path)) => path.as_os_str().as_encoded_bytes(),
            (None, Origin::Stdin) => STDIN_NAME.as_bytes(),
        }
    }

    /// Counts one reading of the file.
    pub fn count_read(&self) {
        self.reads.fetch_add(1, Ordering::Relaxed);
    }

    /// How often the file was read.
    pub fn reads(&self) -> u32 {
        self.reads.load(Ordering::Relaxed)
    }

    /// The path per-file ignores match: the file's, or for standard input the name it goes by.
    pub fn policy_path(&self) -> &Path {
        match &self.origin {
            Origin::File(path) => path,
            Origin::Stdin => Path::new(self.display()),
        }
    }

    /// The folder whose `nianbao.toml` (or the nearest above it) governs this file.
    fn config_dir<'p>(&'p self, stdin_filename: Option<&'p str>) -> &'p Path {
        match &self.origin {
            Origin::File(path) => path.parent(),
            Origin::Stdin => stdin_filename.and_then(|name| Path::new(name).parent()),
        }
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
    }
}

/// The files of a run, the paths given that do not exist, and how many configurations could
/// not be loaded (both reported after the files are checked, and exit code 2).
pub struct Listing {
    /// Sorted by displayed path, which [`find`] relies on.
    pub jobs: Vec<Job>,
    pub missing: Vec<PathBuf>,
    pub bad_configs: usize,
}

/// The job of the file shown as `display`, in jobs sorted as [`collect`] sorts them.
pub fn find<'j>(jobs: &'j [Job], display: &str) -> Option<&'j Job> {
    let at = jobs
        .binary_search_by(|job| job.display().cmp(display))
        .ok()?;
    jobs.get(at)
}

/// Lists every file to check with its configuration. A `--config` that cannot be loaded stops
/// the run (exit code 2): it governs every file. A `nianbao.toml` found in a folder that cannot
/// be loaded is printed once with its line underlined, and the files it governs get a finding
/// saying so instead of being checked; the other folders are checked as usual.
pub fn collect(args: &CheckArgs, lang: Lang) -> Result<Listing, u8> {
    let fixed_config = match &args.config {
        Some(path) => match Config::load(path) {
            Ok(config) => Some(Arc::new(config)),
            Err(error) => {
                say::text(&render_config_error(&error, lang));
                return Err(2);
            }
        },
        None => None,
    };
    let mut found = Found::default();
    let mut missing = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .as_deref()
                .unwrap_or(STDIN_NAME)
                .to_owned();
            found.push(Job::found(Origin::Stdin, name), None);
        } else if path.is_dir() {
            walk(path, &args.walking, &mut found, lang)?;
        } else if path.exists() || path.symlink_metadata().is_ok() {
            found.push(Job::of_path(path.as_path().into()), None);
        } else {
            // A finding in every format, not only a line on stderr.
            let mut job = Job::of_path(path.as_path().into());
            let problem = InputProblem::Unreadable.because(Message::new(
                "路径不存在（没有这个文件或文件夹）",
                "no such file or folder",
            ));
            job.listing_error = Some(Box::new(problem));
            found.push(job, None);
            missing.push(path.clone());
        }
    }
    let Found {
        mut jobs,
        mut inodes,
    } = found;
    let sorted = order::by_display(&jobs);
    order::permute(&mut jobs, &sorted);
    order::permute(&mut inodes, &sorted);
    let mut keep = once::preferred_names(&mut jobs, &inodes, args.threads).into_iter();
    jobs.retain(|_| keep.next().unwrap_or(true));
    jobs.dedup_by(|a, b| a.display_bytes() == b.display_bytes());
    // Grown by doubling: a run of 100 000 files would keep room for 31 000 more.
    jobs.shrink_to_fit();

    let mut discovery = Discovery::default();
    let mut bad_configs = 0;
    for (number, job) in jobs.iter_mut().enumerate() {
        job.number = u32::try_from(number).unwrap_or(u32::MAX);
        job.config = match &fixed_config {
            Some(config) => Some(Arc::clone(config)),
            None => match discovery.for_dir(job.config_dir(args.stdin_filename.as_deref())) {
                Ok(config) => config,
                Err(BadConfig { error, first }) => {
                    if first {
                        bad_configs += 1;
                        say::text(&render_config_error(&error, lang));
                    }
                    job.listing_error = Some(Box::new(config_finding(&error)));
                    None
                }
            },
        };
    }
    Ok(Listing {
        jobs,
        missing,
        bad_configs,
    })
}

/// The jobs a listing found, and the inode number that tells each from the others when the
/// walk that found it read one ([`WalkedFile::inode`]): kept beside the jobs, as only telling
/// them apart needs it.
#[derive(Default)]
struct Found {
    jobs: Vec<Job>,
    inodes: Vec<Option<u64>>,
}

impl Found {
    fn push(&mut self, job: Job, inode: Option<u64>) {
        self.jobs.push(job);
        self.inodes.push(inode);
    }
}

/// A malformed configuration, its line underlined, for standard error.
fn render_config_error(error: &ConfigError, lang: Lang) -> String {
    let path = Path::new(&display(&near(&error.path))).to_path_buf();
    file_error::render(&path, &error.text, error.span, &error.message, lang)
}

/// A configuration's path as found (absolute), shown relative to the working folder when it
/// lies below it, as the paths of the files it governs are.
fn near(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|here| path.strip_prefix(here).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// The finding of a file its malformed configuration kept from being checked: where in the
/// configuration, and why.
fn config_finding(error: &ConfigError) -> InputFinding {
    let place = match error.span {
        Some(span) => {
            let position = LineIndex::new(&error.text).position(&error.text, span.start);
            let shown = display(&near(&error.path));
            format!("{shown}:{}:{}", position.line, position.column)
        }
        None => display(&near(&error.path)),
    };
    InputProblem::BadConfig.because(Message::new(
        format!("{place}：{}", error.message),
        format!("{place}: {}", error.message),
    ))
}

/// The name standard input goes by without `--stdin-filename`.
pub const STDIN_NAME: &str = "<stdin>";

/// Walks a folder ([`crate::walk`]): report files only (not the folder's README, LICENSE or
/// CHANGELOG), what cannot be read listed with its finding. Exclude globs that are no globs
/// stop the run (exit code 2).
fn walk(root: &Path, options: &WalkOptions, found: &mut Found, lang: Lang) -> Result<(), u8> {
    let excluder = options.excluder().map_err(|error| {
        say::line(match lang {
            Lang::Zh => format!("nianbao: 错误：exclude 中的模式无效：{error}"),
            Lang::En => format!("nianbao: error: invalid exclude pattern: {error}"),
        });
        2u8
    })?;
    for walked in crate::walk::walk(root, options, &excluder, is_report_file, lang) {
        match walked {
            Walked::File(WalkedFile { path, inode }) => {
                found.push(Job::of_path(path.into_boxed_path()), inode);
            }
            Walked::Unreadable(path, problem) => {
                let mut job = Job::of_path(path.into_boxed_path());
                job.listing_error = Some(problem);
                found.push(job, None);
            }
        }
    }
    Ok(())
}

/// The extensions a folder walk picks up: plain text, and what the front end reads.
pub fn is_report_file(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    // The stem and extension as `Path::file_stem` and `Path::extension` split them (at the
    // last dot, not at a leading one), from the name taken once: asked of every walked file.
    let name = name.as_encoded_bytes();
    let (stem, extension) = match name.iter().rposition(|&byte| byte == b'.') {
        Some(dot) if dot > 0 => (&name[..dot], name.get(dot + 1..)),
        _ => (name, None),
    };
    // A folder's README, LICENSE or CHANGELOG documents the folder; it is never a report, and
    // a corpus folder with a README must not lint it (named on the command line, it still is).
    let documents_the_folder = ["readme", "license", "changelog"]
        .iter()
        .any(|known| stem.eq_ignore_ascii_case(known.as_bytes()));
    !documents_the_folder
        && extension.is_some_and(|extension| {
            ["txt", "md"]
                .iter()
                .chain(InputFormat::EXTENSIONS.iter())
                .any(|known| extension.eq_ignore_ascii_case(known.as_bytes()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_extensions() {
        assert!(is_report_file(Path::new("a/年报.TXT")));
        assert!(is_report_file(Path::new("a.md")));
        assert!(is_report_file(Path::new("a.PDF")));
        assert!(is_report_file(Path::new("年报.HTML")));
        assert!(is_report_file(Path::new("年报.docx")));
        assert!(!is_report_file(Path::new("txt")));
        assert!(!is_report_file(Path::new("corpus/README.md")));
        assert!(!is_report_file(Path::new("LICENSE.txt")));
        assert!(is_report_file(Path::new("readme-2024年报.txt")));
        assert!(!is_report_file(Path::new("a/.txt")));
        assert!(is_report_file(Path::new("a/b..txt")));
        assert!(!is_report_file(Path::new("a/readme")));
    }

    /// What the listing asked before it split names itself.
    fn by_the_standard_library(path: &Path) -> bool {
        let documents_the_folder =
            path.file_stem()
                .and_then(|stem| stem.to_str())
                .is_some_and(|stem| {
                    ["readme", "license", "changelog"]
                        .iter()
                        .any(|name| stem.eq_ignore_ascii_case(name))
                });
        !documents_the_folder
            && path
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| {
                    ["txt", "md"]
                        .iter()
                        .chain(InputFormat::EXTENSIONS.iter())
                        .any(|known| ext.eq_ignore_ascii_case(known))
                })
    }

    proptest::proptest! {
        #[test]
        fn report_names_split_as_the_standard_library_splits_them(
            name in "[./a年tx]{0,3}(\\.|/)?(txt|TxT|md|pdf|readme|README|license)?(\\.[tx]{0,3})?"
        ) {
            let path = Path::new(&name);
            proptest::prop_assert_eq!(is_report_file(path), by_the_standard_library(path));
        }
    }
}

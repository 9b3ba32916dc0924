//! Which files a run checks: the paths given, folders walked, sorted by displayed path with each
//! file once, each with the configuration that governs it.

use crate::args::CheckArgs;
use crate::catalog::{InputFinding, InputProblem};
use crate::config::{Config, ConfigError, Discovery};
use crate::file_error;
use crate::read::Origin;
use nianbao_html::InputFormat;
use nianbao_model::{Lang, Message};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file to check, with the configuration that governs it.
pub struct Job {
    pub origin: Origin,
    /// The path as shown in the output.
    pub display: String,
    pub config: Option<Arc<Config>>,
    /// A problem found while listing (a folder that could not be read).
    /// Boxed: a run holds a job per file, and most have none.
    pub listing_error: Option<Box<InputFinding>>,
}

impl Job {
    fn found(origin: Origin, display: String) -> Job {
        Job {
            origin,
            display,
            config: None,
            listing_error: None,
        }
    }

    /// The path per-file ignores match: the file's, or for standard input the name it goes by.
    pub fn policy_path(&self) -> &Path {
        match &self.origin {
            Origin::File(path) => path,
            Origin::Stdin => Path::new(&self.display),
        }
    }

    /// The folder whose `nianbao.toml` (or the nearest above it) governs this file.
    fn config_dir(&self, stdin_filename: Option<&str>) -> PathBuf {
        match &self.origin {
            Origin::File(path) => path.parent().map(Path::to_path_buf),
            Origin::Stdin => {
                stdin_filename.and_then(|name| Path::new(name).parent().map(Path::to_path_buf))
            }
        }
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."))
    }
}

/// The files of a run, and the paths given that do not exist (reported after the others are
/// checked).
pub struct Listing {
    /// Sorted by displayed path, which [`find`] relies on.
    pub jobs: Vec<Job>,
    pub missing: Vec<PathBuf>,
}

/// The job of the file shown as `display`, in jobs sorted as [`collect`] sorts them.
pub fn find<'j>(jobs: &'j [Job], display: &str) -> Option<&'j Job> {
    let at = jobs
        .binary_search_by(|job| job.display.as_str().cmp(display))
        .ok()?;
    jobs.get(at)
}

/// Lists every file to check with its configuration. A configuration that cannot be loaded is
/// printed with its line underlined, and the run stops with exit code 2.
pub fn collect(args: &CheckArgs, lang: Lang) -> Result<Listing, u8> {
    let stop = |error: ConfigError| {
        eprint!(
            "{}",
            file_error::render(&error.path, &error.text, error.span, &error.message, lang)
        );
        2
    };
    let fixed_config = match &args.config {
        Some(path) => Some(Arc::new(Config::load(path).map_err(stop)?)),
        None => None,
    };
    let mut jobs = Vec::new();
    let mut missing = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            let name = args.stdin_filename.as_deref().unwrap_or("-").to_owned();
            jobs.push(Job::found(Origin::Stdin, name));
        } else if path.is_dir() {
            walk(path, &mut jobs, lang);
        } else if path.exists() || path.symlink_metadata().is_ok() {
            jobs.push(Job::found(Origin::File(path.clone()), display(path)));
        } else {
            missing.push(path.clone());
        }
    }
    jobs.sort_by(|a, b| {
        a.display
            .cmp(&b.display)
            .then_with(|| a.origin.cmp(&b.origin))
    });
    // `seed.txt` and `./seed.txt`, or a file also inside a folder given: checked once.
    jobs.dedup_by(|a, b| a.display == b.display);

    let mut discovery = Discovery::default();
    for job in &mut jobs {
        job.config = match &fixed_config {
            Some(config) => Some(Arc::clone(config)),
            None => discovery
                .for_dir(&job.config_dir(args.stdin_filename.as_deref()))
                .map_err(stop)?,
        };
    }
    Ok(Listing { jobs, missing })
}

fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}

/// Walks a folder: report files only (not the folder's README, LICENSE or CHANGELOG), hidden
/// folders skipped, symbolic links followed with loop detection (a loop is reported on stderr
/// and not entered).
fn walk(root: &Path, jobs: &mut Vec<Job>, lang: Lang) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file() && is_report_file(entry.path()) {
                    let path = entry.into_path();
                    let shown = display(&path);
                    jobs.push(Job::found(Origin::File(path), shown));
                }
            }
            Err(error) => {
                let path = error.path().map(Path::to_path_buf).unwrap_or_default();
                if error.loop_ancestor().is_some() {
                    eprintln!(
                        "{}",
                        match lang {
                            Lang::Zh => format!("nianbao: 跳过符号链接循环：{}", path.display()),
                            Lang::En =>
                                format!("nianbao: skipping symbolic link loop: {}", path.display()),
                        }
                    );
                } else {
                    let shown = display(&path);
                    let reason = error.to_string();
                    // walkdir's text is English: the Chinese message says the same in words.
                    let zh = match error.io_error().map(std::io::Error::kind) {
                        Some(std::io::ErrorKind::PermissionDenied) => "没有读取权限".to_owned(),
                        Some(std::io::ErrorKind::NotFound) => {
                            "文件不存在（可能是指向已删除文件的符号链接）".to_owned()
                        }
                        _ => format!("无法读取（{reason}）"),
                    };
                    let mut job = Job::found(Origin::File(path), shown);
                    let problem = InputProblem::Unreadable.because(Message::new(zh, reason));
                    job.listing_error = Some(Box::new(problem));
                    jobs.push(job);
                }
            }
        }
    }
}

/// The extensions a folder walk picks up: plain text, and what the front end reads.
pub fn is_report_file(path: &Path) -> bool {
    // A folder's README, LICENSE or CHANGELOG documents the folder; it is never a report, and
    // a corpus folder with a README must not lint it (named on the command line, it still is).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_extensions() {
        assert!(is_report_file(Path::new("a/年报.TXT")));
        assert!(is_report_file(Path::new("a.md")));
        assert!(!is_report_file(Path::new("a.pdf")));
        assert!(is_report_file(Path::new("年报.HTML")));
        assert!(is_report_file(Path::new("年报.docx")));
        assert!(!is_report_file(Path::new("txt")));
        assert!(!is_report_file(Path::new("corpus/README.md")));
        assert!(!is_report_file(Path::new("LICENSE.txt")));
        assert!(is_report_file(Path::new("readme-2024年报.txt")));
    }
}

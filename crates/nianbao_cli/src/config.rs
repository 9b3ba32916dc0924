//! `nianbao.toml`: read, and discovered upward from each file (or given with `--config`). The
//! file format, every key, is `nianbao_config`'s (the language server reads it too). What its
//! selection and severities do to findings is [`crate::policy`]'s; its run settings
//! (`output-format`, `exclude` …) are applied by [`crate::project`]; its `[aliases]` and
//! `[regions]` feed the cross-report rules.
//!
//! Published reports cannot be edited, so suppression lives here and in the baseline, never in
//! the report. A `nianbao.toml`:
//!
//! ```toml
//! select = ["arithmetic", "N"]      # codes, code prefixes, rule names or categories; default all
//! ignore = ["M004"]
//!
//! [per-file-ignores]                # globs relative to this file's folder (see below)
//! "2019/**" = ["M003"]
//!
//! [severity]                        # the most specific selector wins
//! B001 = "info"
//!
//! [aliases]                         # other names of a body, for the cross-report rules (X…)
//! "平潭县人民政府" = "平潭综合实验区"
//!
//! [regions]                         # parent body → the bodies its report sums up (X005)
//! "平潭综合实验区" = ["平潭综合实验区教育局", "平潭综合实验区财政金融局"]
//! ```
//!
//! `[per-file-ignores]` globs are `globset`'s: `*` stays within a folder, `**` crosses folders,
//! `?` is one byte (an ASCII character; a Chinese one is three), `[abc]` and `{a,b}` as usual;
//! a glob without `/` matches the file's name in any folder. They never ignore input findings
//! (IO…).
//!
//! Body names in `[aliases]` and `[regions]` are matched as reports are grouped: whitespace,
//! full/half width and 管委会 / 政府办 abbreviations do not matter, and `[aliases]` apply to the
//! names in `[regions]` too. In a folder run the configurations of every file are merged; the
//! first (in path order) to name an alias or a parent wins, and two spellings of one parent
//! (`三明市`, `三明市人民政府`) make one family with the children of both.

use crate::working_dir::WorkingDir;
use globset::{GlobBuilder, GlobMatcher};
pub use nianbao_config::CONFIG_FILE;
use nianbao_config::ConfigFile;
use nianbao_model::{Severity, Span};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A loaded configuration, with the folder its globs are relative to.
#[derive(Clone, Debug, Default)]
pub struct Config {
    root: PathBuf,
    /// Where it was read from, and its text: what an unknown code or a wrong value in it is
    /// shown on.
    path: PathBuf,
    text: String,
    file: ConfigFile,
    /// `[per-file-ignores]` compiled once, in the file's order.
    ignores: Vec<PerFileIgnore>,
}

/// One `[per-file-ignores]` entry: the files its glob matches, and the selectors ignored there.
#[derive(Clone, Debug)]
pub struct PerFileIgnore {
    glob: GlobMatcher,
    /// A glob without `/` matches a file name in any folder, as in `.gitignore`.
    by_name: bool,
    pub selectors: Vec<String>,
}

impl PerFileIgnore {
    /// Compiles `pattern`: `*` and `?` stay within one path segment, `**` crosses segments.
    /// `globset` compiles it to an automaton, so matching is linear in the path whatever the
    /// pattern (a hand-written backtracking matcher once took minutes on `*a*a*a…b`).
    fn new(pattern: &str, selectors: Vec<String>) -> Result<Self, globset::Error> {
        let pattern = pattern.trim_start_matches("./");
        let glob = GlobBuilder::new(pattern)
            .literal_separator(true)
            .backslash_escape(true)
            .build()?
            .compile_matcher();
        Ok(PerFileIgnore {
            glob,
            by_name: !pattern.contains('/'),
            selectors,
        })
    }

    /// Whether the glob matches `relative` (a file's path relative to the configuration's
    /// folder).
    pub fn matches(&self, relative: &Path) -> bool {
        if self.by_name {
            relative
                .file_name()
                .is_some_and(|name| self.glob.is_match(Path::new(name)))
        } else {
            self.glob.is_match(relative)
        }
    }
}

/// A config file that could not be read or parsed, with where in it.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub span: Option<Span>,
    pub message: String,
}

impl Config {
    /// The folder per-file-ignore globs are relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file's keys as written, the run's settings among them.
    pub fn file(&self) -> &ConfigFile {
        &self.file
    }

    /// The file's text as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A problem at `span` of this file (a value the keys' types allow but the run does not).
    pub fn error_at(&self, span: Option<Span>, message: String) -> ConfigError {
        ConfigError {
            path: self.path.clone(),
            text: self.text.clone(),
            span,
            message,
        }
    }

    /// `select`: the selectors findings must match, if the file names any.
    pub fn select(&self) -> Option<&[String]> {
        self.file.select.as_deref()
    }

    /// `ignore`: selectors of findings never shown.
    pub fn ignore(&self) -> &[String] {
        &self.file.ignore
    }

    /// `[per-file-ignores]`: globs and the selectors to ignore in the files they match.
    pub fn per_file_ignores(&self) -> &[PerFileIgnore] {
        &self.ignores
    }

    /// `[severity]`: selector → the severity its findings take.
    pub fn severity(&self) -> &BTreeMap<String, Severity> {
        &self.file.severity
    }

    /// `[aliases]`: other names of an issuing body, for grouping reports across years.
    pub fn aliases(&self) -> &BTreeMap<String, String> {
        &self.file.aliases
    }

    /// `[regions]`: parent body → its child bodies, for comparing a parent's figures with the
    /// sum of its children's.
    pub fn regions(&self) -> &BTreeMap<String, Vec<String>> {
        &self.file.regions
    }

    /// Reads and parses the configuration at `path` (a regular file: a named pipe is refused,
    /// not waited on).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = crate::read::read_to_string(path).map_err(|error| ConfigError {
            path: path.to_owned(),
            text: String::new(),
            span: None,
            message: error.to_string(),
        })?;
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Config::parse(root, path.to_owned(), text)
    }

    /// The configuration written as `text` (read from `path`), governing `root`.
    fn parse(root: PathBuf, path: PathBuf, text: String) -> Result<Config, ConfigError> {
        let error = |span: Option<Span>, message: String, text: &str| ConfigError {
            path: path.clone(),
            text: text.to_owned(),
            span,
            message,
        };
        let file =
            ConfigFile::parse(&text).map_err(|parse| error(parse.span, parse.message, &text))?;
        let mut ignores = Vec::new();
        for (pattern, selectors) in &file.per_file_ignores {
            let compiled = PerFileIgnore::new(pattern, selectors.clone()).map_err(|bad| {
                // The key as written: quoted, in the table.
                let span = text
                    .find(&format!("\"{pattern}\""))
                    .map(|at| Span::from_range(at..at + pattern.len() + 2));
                error(
                    span,
                    format!("invalid glob {pattern:?}: {}", bad.kind()),
                    &text,
                )
            })?;
            ignores.push(compiled);
        }
        Ok(Config {
            root,
            path,
            text,
            file,
            ignores,
        })
    }

    /// A configuration written as `text`, governing `root`.
    #[cfg(test)]
    pub fn from_toml(root: &str, text: &str) -> Config {
        let root = PathBuf::from(root);
        Config::parse(root.clone(), root.join(CONFIG_FILE), text.to_owned()).unwrap()
    }
}

/// A `nianbao.toml` that could not be loaded, and whether this is the first folder it governs
/// (the error is said once, the files of every folder it governs get a finding).
pub struct BadConfig {
    pub error: Arc<ConfigError>,
    pub first: bool,
}

/// The configuration governing a folder, as found.
type Governing = Result<Option<Arc<Config>>, Arc<ConfigError>>;

/// Finds and caches the `nianbao.toml` governing each folder.
pub struct Discovery {
    cache: HashMap<PathBuf, Governing>,
    /// The folder last asked about, as given, and its answer: files come sorted by path, so
    /// most share the folder of the one before, and are answered without a lookup.
    last: Option<(PathBuf, Governing)>,
    cwd: WorkingDir,
}

impl Default for Discovery {
    fn default() -> Self {
        Self {
            cache: HashMap::new(),
            last: None,
            cwd: WorkingDir::current(),
        }
    }
}

impl Discovery {
    /// The nearest `nianbao.toml` in `dir` or above it (a file of that name that is not a
    /// regular file is one that cannot be loaded).
    pub fn for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, BadConfig> {
        if let Some((last, found)) = &self.last
            && last.as_os_str() == dir.as_os_str()
        {
            return found.clone().map_err(|error| BadConfig {
                error,
                first: false,
            });
        }
        let found = self.lookup(dir);
        let kept = match &found {
            Ok(config) => Ok(config.clone()),
            Err(bad) => Err(Arc::clone(&bad.error)),
        };
        self.last = Some((dir.to_path_buf(), kept));
        found
    }

    /// [`Discovery::for_dir`] through the cache of folders.
    fn lookup(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, BadConfig> {
        let dir = self.cwd.absolute(dir);
        let mut visited = Vec::new();
        let mut current = Some(dir.as_path());
        let mut found: Governing = Ok(None);
        let mut first = false;
        while let Some(folder) = current {
            if let Some(cached) = self.cache.get(folder) {
                found = cached.clone();
                break;
            }
            visited.push(folder.to_path_buf());
            let candidate = folder.join(CONFIG_FILE);
            if candidate.symlink_metadata().is_ok() && !candidate.is_dir() {
                found = Config::load(&candidate)
                    .map(|config| Some(Arc::new(config)))
                    .map_err(Arc::new);
                first = true;
                break;
            }
            current = folder.parent();
        }
        for folder in visited {
            self.cache.insert(folder, found.clone());
        }
        found.map_err(|error| BadConfig { error, first })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_config_points_into_the_file() {
        let dir = std::env::temp_dir().join(format!("nianbao-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(CONFIG_FILE);
        std::fs::write(&path, "ignore = [\"B001\"]\nselct = 1\n").unwrap();
        let error = Config::load(&path).unwrap_err();
        let span = error.span.unwrap();
        assert_eq!(span.slice(&error.text), "selct");
        assert_eq!(error.path, path);
        std::fs::write(&path, "[per-file-ignores]\n\"a/[b\" = [\"B\"]\n").unwrap();
        let error = Config::load(&path).unwrap_err();
        assert_eq!(error.span.unwrap().slice(&error.text), "\"a/[b\"");
        assert!(error.message.contains("invalid glob"), "{}", error.message);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn regions_map_a_parent_to_a_list() {
        let config = Config::from_toml("/", "[regions]\n\"三明市\" = [\"三明市教育局\"]\n");
        assert_eq!(config.regions()["三明市"], ["三明市教育局"]);
        assert!(ConfigFile::parse("[regions]\n\"甲\" = \"乙\"\n").is_err());
    }
}

//! `nianbao.toml`: read, and discovered upward from each file (or given with `--config`). What
//! its selection and severities do to findings is [`crate::policy`]'s; its `[aliases]` and
//! `[regions]` feed the cross-report rules.
//!
//! Published reports cannot be edited, so suppression lives here and in the baseline, never in
//! the report. A `nianbao.toml`:
//!
//! ```toml
//! select = ["arithmetic", "N"]      # codes, code prefixes, rule names or categories; default all
//! ignore = ["M004"]
//!
//! [per-file-ignores]                # globs relative to this file's folder
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
//! Body names in `[aliases]` and `[regions]` are matched as reports are grouped: whitespace,
//! full/half width and 管委会 / 政府办 abbreviations do not matter, and `[aliases]` apply to the
//! names in `[regions]` too. In a folder run the configurations of every file are merged; the
//! first (in path order) to name an alias or a parent wins, and two spellings of one parent
//! (`三明市`, `三明市人民政府`) make one family with the children of both.

use nianbao_model::{Severity, Span};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const CONFIG_FILE: &str = "nianbao.toml";

/// `nianbao.toml` as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(default)]
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    /// Glob (relative to the config's folder) → selectors to ignore in matching files.
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Selector → severity.
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    /// Body name → the body it stands for, for the cross-report rules.
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    /// Parent body → the bodies whose reports its report sums up, for the region rule.
    #[serde(default)]
    regions: BTreeMap<String, Vec<String>>,
}

/// A loaded configuration, with the folder its globs are relative to.
#[derive(Clone, Debug, Default)]
pub struct Config {
    root: PathBuf,
    file: ConfigFile,
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

    /// `select`: the selectors findings must match, if the file names any.
    pub fn select(&self) -> Option<&[String]> {
        self.file.select.as_deref()
    }

    /// `ignore`: selectors of findings never shown.
    pub fn ignore(&self) -> &[String] {
        &self.file.ignore
    }

    /// `[per-file-ignores]`: glob → selectors to ignore in the files it matches.
    pub fn per_file_ignores(&self) -> &BTreeMap<String, Vec<String>> {
        &self.file.per_file_ignores
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

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError {
            path: path.to_owned(),
            text: String::new(),
            span: None,
            message: error.to_string(),
        })?;
        let file: ConfigFile = toml::from_str(&text).map_err(|error| ConfigError {
            path: path.to_owned(),
            span: error.span().map(Span::from_range),
            message: error.message().to_owned(),
            text: text.clone(),
        })?;
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Config { root, file })
    }

    /// A configuration written as `text`, governing `root`.
    #[cfg(test)]
    pub fn from_toml(root: &str, text: &str) -> Config {
        Config {
            root: PathBuf::from(root),
            file: toml::from_str(text).unwrap(),
        }
    }
}

/// Finds and caches the `nianbao.toml` governing each folder.
#[derive(Default)]
pub struct Discovery {
    cache: HashMap<PathBuf, Option<Arc<Config>>>,
}

impl Discovery {
    /// The nearest `nianbao.toml` in `dir` or above it.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut visited = Vec::new();
        let mut current = Some(dir.as_path());
        let mut found = None;
        while let Some(folder) = current {
            if let Some(cached) = self.cache.get(folder) {
                found = cached.clone();
                break;
            }
            visited.push(folder.to_path_buf());
            let candidate = folder.join(CONFIG_FILE);
            if candidate.is_file() {
                found = Some(Arc::new(Config::load(&candidate)?));
                break;
            }
            current = folder.parent();
        }
        for folder in visited {
            self.cache.insert(folder, found.clone());
        }
        Ok(found)
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
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn regions_map_a_parent_to_a_list() {
        let config = Config::from_toml("/", "[regions]\n\"三明市\" = [\"三明市教育局\"]\n");
        assert_eq!(config.regions()["三明市"], ["三明市教育局"]);
        assert!(toml::from_str::<ConfigFile>("[regions]\n\"甲\" = \"乙\"\n").is_err());
    }
}

//! Compiling a rule set's files: each file on its own, the files spread over the cores (loading
//! the built-in rules is most of a single report's run, the editor's and the language server's
//! case), the results taken back in path order so that errors and rule order do not depend on
//! which thread finished first.

use crate::RuleLoadError;
use crate::compile::{self, RuleSource};
use crate::rule::Rule;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One file's rules, or why it did not load.
pub(crate) type FileRules = Result<Vec<Rule>, RuleLoadError>;

/// Compiles every file, in parallel when there are several files and cores; the result is in
/// the order of `files`.
pub(crate) fn compile_files(files: &[RuleSource<'_>]) -> Vec<FileRules> {
    let one = compile::rule_file;
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len());
    if workers <= 1 {
        return files.iter().map(one).collect();
    }
    // Files are taken from a shared counter; one file (the narrative rules) is the bulk, so
    // finer balancing would not help.
    let next = AtomicUsize::new(0);
    let mut done: Vec<Option<FileRules>> = files.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(at) else {
                            break mine;
                        };
                        mine.push((at, one(file)));
                    }
                })
            })
            .collect();
        for (at, rules) in handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_default())
        {
            if let Some(slot) = done.get_mut(at) {
                *slot = Some(rules);
            }
        }
    });
    // A file whose worker did not come back is compiled here, so none is ever left out.
    done.into_iter()
        .zip(files)
        .map(|(rules, file)| rules.unwrap_or_else(|| one(file)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(path: &str, code: &str) -> RuleSource<'static> {
        let name = code.to_lowercase();
        let text = format!(
            "[[rules]]\ncode = \"{code}\"\nname = \"rule-{name}\"\ncategory = \"arithmetic\"\nseverity = \"error\"\ntemplates = [\"2021\"]\nsummary = {{ zh = \"总\", en = \"sum\" }}\ndescription = {{ zh = \"总计\", en = \"d\" }}\nwhy = {{ zh = \"原因\", en = \"w\" }}\nmessage = {{ zh = \"错\", en = \"wrong\" }}\n[rules.identity]\nchecks = [\"R24[C7] == sum(R03..R23[C7])\"]\n"
        );
        RuleSource::parse(PathBuf::from(path), text)
    }

    #[test]
    fn files_come_back_in_their_order_whatever_thread_compiled_them() {
        let files: Vec<_> = (0..12)
            .map(|n| file(&format!("{n:02}.toml"), &format!("Z{n:03}")))
            .collect();
        let codes: Vec<String> = compile_files(&files)
            .into_iter()
            .flat_map(|rules| rules.unwrap_or_else(|error| panic!("{error}")))
            .map(|rule| rule.code)
            .collect();
        let expected: Vec<String> = (0..12).map(|n| format!("Z{n:03}")).collect();
        assert_eq!(codes, expected);
    }

    #[test]
    fn the_first_bad_file_in_path_order_is_the_one_reported() {
        let mut files: Vec<_> = (0..6)
            .map(|n| file(&format!("{n:02}.toml"), &format!("Z{n:03}")))
            .collect();
        for at in [2, 4] {
            if let Some(source) = files.get_mut(at) {
                let text = format!("{}oops = \n", source.text);
                *source = RuleSource::parse(source.path.clone(), text);
            }
        }
        let first_error = compile_files(&files)
            .into_iter()
            .find_map(Result::err)
            .map(|error| error.path);
        assert_eq!(first_error, Some(PathBuf::from("02.toml")));
    }
}

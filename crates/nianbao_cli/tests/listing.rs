//! Which files a run checks when names overlap: each file once, under the first of its names
//! in path order that is not a symbolic link, however the command line and the folders name
//! it. A walked file is told from others by its folder's inode numbers where those are the
//! files' own, so each way a second name can arise is run here: hard links, a file named inside
//! a folder also given, other spellings of it, links to files and folders, a folder given
//! twice.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod matrix;

use matrix::{Case, GOOD, run_in};
use std::os::unix::fs::symlink;

/// The seed report and a second report: their one L001 finding each says they were checked.
fn reports(name: &str) -> Case {
    let case = Case::new(name);
    std::fs::remove_file(case.dir.join("good.txt")).unwrap();
    case.write("a/x.txt", GOOD);
    let mut other = GOOD.to_vec();
    other.extend_from_slice("\n附：本报告另有电子版。\n".as_bytes());
    case.write("a/z.txt", &other);
    case
}

/// The files checked by `nianbao check ARGS` in the case's folder, by the name each was shown
/// under, in output order: one L001 finding a check.
fn checked(case: &Case, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", "--output-format", "concise", "--no-cross"];
    all.extend_from_slice(args);
    let run = run_in(&case.dir, &all);
    assert_eq!(run.code, Some(0), "{args:?}: {}{}", run.stdout, run.stderr);
    run.stdout
        .lines()
        .filter(|line| line.contains("warning[L001]"))
        .filter_map(|line| line.split(':').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn hard_links_are_one_file() {
    let case = reports("listing-hard-links");
    std::fs::hard_link(case.dir.join("a/x.txt"), case.dir.join("a/y.txt")).unwrap();
    std::fs::create_dir_all(case.dir.join("b")).unwrap();
    std::fs::hard_link(case.dir.join("a/z.txt"), case.dir.join("b/w.txt")).unwrap();
    assert_eq!(checked(&case, &["a"]), ["a/x.txt", "a/z.txt"]);
    assert_eq!(checked(&case, &["b", "a"]), ["a/x.txt", "a/z.txt"]);
    // One of them named, the other walked.
    assert_eq!(checked(&case, &["b/w.txt", "a"]), ["a/x.txt", "a/z.txt"]);
    assert_eq!(checked(&case, &["a/y.txt", "a"]), ["a/x.txt", "a/z.txt"]);
}

#[test]
fn a_file_named_inside_a_folder_given_is_checked_once() {
    let case = reports("listing-named-inside");
    for named in ["a/x.txt", "./a/x.txt", "a//x.txt"] {
        assert_eq!(
            checked(&case, &[named, "a"]),
            ["a/x.txt", "a/z.txt"],
            "{named}"
        );
        assert_eq!(
            checked(&case, &["a", named]),
            ["a/x.txt", "a/z.txt"],
            "{named}"
        );
    }
    assert_eq!(
        checked(&case, &["./a/x.txt", "./a"]),
        ["a/x.txt", "a/z.txt"]
    );
    let absolute = case.dir.join("a/x.txt");
    let absolute = absolute.to_str().unwrap();
    // Sorted first, the absolute name is the one shown.
    assert_eq!(checked(&case, &[absolute, "a"]), [absolute, "a/z.txt"]);
}

#[test]
fn a_folder_given_twice_is_walked_as_one() {
    let case = reports("listing-folder-twice");
    case.write("a/sub/s.txt", GOOD);
    std::fs::remove_file(case.dir.join("a/x.txt")).unwrap();
    for args in [
        &["a", "a"][..],
        &["a", "./a"],
        &["a/sub", "a"],
        &["a", "a/"],
    ] {
        assert_eq!(checked(&case, args), ["a/sub/s.txt", "a/z.txt"], "{args:?}");
    }
}

#[test]
fn links_to_walked_files_and_folders_are_not_second_files() {
    let case = reports("listing-links");
    std::fs::create_dir_all(case.dir.join("b")).unwrap();
    symlink("../a/x.txt", case.dir.join("b/link.txt")).unwrap();
    // The walked file, not the link, whichever comes first.
    assert_eq!(checked(&case, &["b", "a"]), ["a/x.txt", "a/z.txt"]);
    assert_eq!(checked(&case, &["b/link.txt", "a"]), ["a/x.txt", "a/z.txt"]);
    // Alone, a link is checked under its own name.
    assert_eq!(checked(&case, &["b"]), ["b/link.txt"]);
    // A folder reached through a link and also given: its files once, under their first name.
    symlink("../a", case.dir.join("b/folder")).unwrap();
    assert_eq!(
        checked(&case, &["a", "b"]),
        ["a/x.txt", "a/z.txt"],
        "the link's names sort after a/"
    );
    std::fs::remove_file(case.dir.join("b/link.txt")).unwrap();
    symlink("../b", case.dir.join("a/back")).unwrap();
    std::fs::remove_file(case.dir.join("b/folder")).unwrap();
    case.write("b/v.txt", GOOD);
    std::fs::remove_file(case.dir.join("a/x.txt")).unwrap();
    assert_eq!(checked(&case, &["b", "a"]), ["a/back/v.txt", "a/z.txt"]);
}

/// Rules in the folders above a walked one apply to it (`.gitignore`, `.ignore`, a repository's
/// exclude file); without such files above, nothing is skipped.
#[test]
fn ignore_files_above_a_walked_folder_apply_to_it() {
    let case = reports("listing-above");
    case.write("a/sub/x.draft.txt", GOOD);
    let walked = ["a/sub/x.draft.txt", "a/x.txt", "a/z.txt"];
    assert_eq!(checked(&case, &["a"]), walked);
    for (file, rules) in [
        (".gitignore", "*.draft.txt\n"),
        (".ignore", "*.draft.txt\n"),
        (".git/info/exclude", "*.draft.txt\n"),
    ] {
        let written = case.write(file, rules.as_bytes());
        assert_eq!(checked(&case, &["a"]), ["a/x.txt", "a/z.txt"], "{file}");
        assert_eq!(checked(&case, &["a/sub"]), Vec::<String>::new(), "{file}");
        std::fs::remove_file(written).unwrap();
        assert_eq!(checked(&case, &["a"]), walked, "{file}");
    }
}

/// Unmounts what a test mounted, however the test ends.
#[cfg(feature = "root-tests")]
struct Mounted(std::path::PathBuf);

#[cfg(feature = "root-tests")]
impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// A folder's entry for a file mounted over another (a bind mount) carries the inode number of
/// the file it covers, not of the one shown: a walk with a mount point below it looks at every
/// file, so the mounted file, also found elsewhere, is still one file. It needs root, so it is
/// built only with the `root-tests` feature: `sudo cargo test -p nianbao_cli --features
/// root-tests --test listing` (not in CI, where mounting may not be allowed; left out, it is
/// not there at all rather than passing without having mounted anything).
#[cfg(feature = "root-tests")]
#[test]
fn a_file_mounted_over_an_entry_is_one_file() {
    let case = reports("listing-mount");
    let over = case.write("c/over.txt", b"covered");
    let mounted = std::process::Command::new("mount")
        .arg("--bind")
        .arg(case.dir.join("a/z.txt"))
        .arg(&over)
        .status()
        .unwrap();
    assert!(mounted.success(), "mount --bind needs root");
    let _mounted = Mounted(over);
    assert_eq!(checked(&case, &["c", "a"]), ["a/x.txt", "a/z.txt"]);
    assert_eq!(checked(&case, &["c"]), ["c/over.txt"]);
}

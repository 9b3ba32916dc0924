//! Whether a folder walk may take readdir's inode numbers (`d_ino`) for the files' own.
//!
//! A walk reads each folder's entries with their inode numbers; telling one file from two by
//! those spares a `statx` a file, most of listing a corpus. They are the files' own (`st_ino`)
//! only on filesystems that store them so and where nothing is mounted over an entry: overlayfs
//! and FUSE can report other numbers, and a file or folder mounted over an entry (a bind mount)
//! is listed with the inode of what it covers. So the numbers are trusted only under a folder on
//! one of [`FAITHFUL`]'s filesystems with no mount point below it, as `/proc/self/mountinfo`
//! says; anywhere else (and on any other system) every file is looked at.

use std::path::{Path, PathBuf};

/// Filesystems whose directory entries carry the inode number `stat` gives.
const FAITHFUL: [&str; 6] = ["ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs"];

/// Whether the inode numbers a walk of `root` (canonical; `None` if it could not be made so)
/// reads are the files' own (see the module doc). Entries reached through a symbolic link below
/// `root` are not covered: the walk looks at them.
#[cfg(target_os = "linux")]
pub fn inodes_are_faithful(root: Option<&Path>) -> bool {
    // Read once a run: a command line may name many folders.
    static TABLE: std::sync::OnceLock<Option<Vec<Option<Mount>>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        std::fs::read_to_string("/proc/self/mountinfo")
            .ok()
            .map(|table| mounts(&table))
    });
    match (table, root) {
        (Some(table), Some(root)) => faithful_under(root, table),
        _ => false,
    }
}

/// Whether the inode numbers a walk of `root` reads are the files' own: not known here.
#[cfg(not(target_os = "linux"))]
pub fn inodes_are_faithful(_: Option<&Path>) -> bool {
    false
}

/// A line of the mount table: where a filesystem is mounted, and its type.
#[derive(Debug, PartialEq)]
struct Mount {
    point: PathBuf,
    kind: String,
}

/// The mounts of a `/proc/self/mountinfo` table, in its order; `None` for a line that cannot
/// be read, which then makes no folder faithful.
fn mounts(table: &str) -> Vec<Option<Mount>> {
    table.lines().map(mount).collect()
}

/// One line: `id parent major:minor root point options [optional…] - type source options`.
fn mount(line: &str) -> Option<Mount> {
    let (before, after) = line.split_once(" - ")?;
    let point = before.split(' ').nth(4)?;
    let kind = after.split(' ').next()?;
    Some(Mount {
        point: PathBuf::from(unescape(point)?),
        kind: kind.to_owned(),
    })
}

/// A mount point as the table writes it: space, tab, newline and backslash as `\ooo`.
fn unescape(field: &str) -> Option<String> {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(rest.get(..at)?);
        let code = rest.get(at + 1..at + 4)?;
        out.push(char::from(u8::from_str_radix(code, 8).ok()?));
        rest = rest.get(at + 4..)?;
    }
    out.push_str(rest);
    Some(out)
}

/// Whether `root` (canonical) lies on a faithful filesystem (the last mount listed at the
/// deepest mount point above it is the one on top) with no mount point below it.
fn faithful_under(root: &Path, mounts: &[Option<Mount>]) -> bool {
    let mut on_top: Option<&Mount> = None;
    for mount in mounts {
        let Some(mount) = mount else {
            return false;
        };
        if mount.point != root && mount.point.starts_with(root) {
            return false;
        }
        let deeper = on_top
            .is_none_or(|top| mount.point.components().count() >= top.point.components().count());
        if root.starts_with(&mount.point) && deeper {
            on_top = Some(mount);
        }
    }
    on_top.is_some_and(|mount| FAITHFUL.contains(&mount.kind.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard
30 27 0:27 / /work/over rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u
31 27 254:0 /src/a.txt /work/ext/bound\\040file.txt rw shared:1 - ext4 /dev/vda rw
32 27 0:28 / /tmp rw - tmpfs tmpfs rw
33 32 0:29 / /tmp rw - fuse.sshfs host: rw
";

    fn faithful(root: &str) -> bool {
        faithful_under(Path::new(root), &mounts(TABLE))
    }

    #[test]
    fn mount_points_are_unescaped_and_typed() {
        let read = mounts(TABLE);
        assert_eq!(
            read.get(3),
            Some(&Some(Mount {
                point: PathBuf::from("/work/ext/bound file.txt"),
                kind: "ext4".into(),
            }))
        );
        assert_eq!(mount("no separator"), None);
        assert_eq!(unescape("a\\04"), None);
    }

    #[test]
    fn only_a_faithful_filesystem_without_mounts_below_is_trusted() {
        assert!(faithful("/work/reports"));
        assert!(faithful("/work/ext/sub"));
        // A file bound over an entry below the folder: its entry names what it covers.
        assert!(!faithful("/work/ext"));
        assert!(!faithful("/work"));
        assert!(!faithful("/work/over"));
        assert!(!faithful("/work/over/reports"));
        // The mount listed last at a point is the one on top.
        assert!(!faithful("/tmp/reports"));
        assert!(!faithful("/proc/1"));
        // Prefixes are whole components.
        assert!(faithful("/work/overt"));
        let unreadable = [None];
        assert!(!faithful_under(Path::new("/work"), &unreadable));
    }
}

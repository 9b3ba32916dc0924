//! Each file once: which of a listing's names name the same file, and which name it is
//! checked under.

use super::Job;
use crate::file_id::{FileId, Listed};
use crate::read::{Origin, Seen};
use std::path::Path;

/// Which of `jobs` (sorted by path) to keep. `seed.txt`, `./seed.txt`, a link to it, or a file
/// also inside a folder given: one file, checked once, under the first of its names that is
/// not a symbolic link (else the first). A file that cannot be looked at is its path. The
/// identities are sorted in place: for 100 000 files a map of them was the largest thing a run
/// ever held.
///
/// A walked file whose inode number (`inodes`, [`crate::walk::WalkedFile::inode`]) no other
/// name shares is a file of its own without a look: looking at each path had been most of
/// listing a corpus. Every other name is looked at: a path named on the command line, a link,
/// a file the walk gave no number for, a number read twice (hard links, a folder walked twice,
/// or two filesystems), and a walked file whose number is that of a file looked at (the same
/// file named on the command line, or through a link). A job whose path names a regular file
/// remembers it ([`Job::seen`]): opening it later need not look again.
pub(super) fn preferred_names(
    jobs: &mut [Job],
    inodes: &[Option<u64>],
    threads: Option<usize>,
) -> Vec<bool> {
    let mut read: Vec<u64> = inodes.iter().flatten().copied().collect();
    read.sort_unstable();
    let told: Vec<Option<u64>> = inodes
        .iter()
        .map(|&inode| {
            let inode = inode?;
            let first = read.partition_point(|&other| other < inode);
            (read.get(first + 1) != Some(&inode)).then_some(inode)
        })
        .collect();
    let told_apart = |at: usize| told.get(at).copied().flatten();
    let mut looked = look(
        jobs,
        (0..jobs.len()).filter(|&at| told_apart(at).is_none()),
        threads,
    );
    let mut seen: Vec<u64> = looked
        .iter()
        .filter_map(|(_, listed)| match listed.id {
            FileId::Inode { inode, .. } => Some(inode),
            FileId::Path(_) => None,
        })
        .collect();
    seen.sort_unstable();
    let also = (0..jobs.len())
        .filter(|&at| told_apart(at).is_some_and(|inode| seen.binary_search(&inode).is_ok()));
    let also = look(jobs, also, threads);
    looked.extend(also);
    for (at, job) in jobs.iter_mut().enumerate() {
        if told_apart(at).is_some() {
            job.seen = Seen::Regular;
        }
    }
    let mut names: Vec<(FileId, Candidate)> = Vec::with_capacity(looked.len());
    for (at, listed) in looked {
        if let Some(job) = jobs.get_mut(at) {
            job.seen = if listed.is_regular {
                Seen::Regular
            } else {
                Seen::Unknown
            };
        }
        let is_link = listed.is_link;
        names.push((listed.id, Candidate { is_link, at }));
    }
    names.sort_unstable();
    let mut keep = vec![true; jobs.len()];
    for file in names.chunk_by(|a, b| a.0 == b.0) {
        // Sorted: the preferred name comes first.
        for (_, other) in file.iter().skip(1) {
            if let Some(slot) = keep.get_mut(other.at) {
                *slot = false;
            }
        }
    }
    keep
}

/// Looks at the paths of `jobs` at places `which` (standard input has none). A long list is
/// looked at on as many threads as the run has workers (the path lookups are most of what is
/// left of listing, and the workers wait for it).
fn look(
    jobs: &[Job],
    which: impl Iterator<Item = usize>,
    threads: Option<usize>,
) -> Vec<(usize, Listed)> {
    let paths: Vec<(usize, &Path)> = which
        .filter_map(|at| match &jobs.get(at)?.origin {
            Origin::File(path) => Some((at, &**path)),
            Origin::Stdin => None,
        })
        .collect();
    let look_at = |paths: &[(usize, &Path)]| -> Vec<(usize, Listed)> {
        paths
            .iter()
            .map(|&(at, path)| (at, Listed::of(path)))
            .collect()
    };
    let share = if paths.len() > PER_LOOKER {
        paths.len().div_ceil(lookers(threads)).max(PER_LOOKER)
    } else {
        paths.len()
    };
    if share >= paths.len() {
        return look_at(&paths);
    }
    std::thread::scope(|scope| {
        let lookers: Vec<_> = paths
            .chunks(share)
            .map(|chunk| scope.spawn(move || look_at(chunk)))
            .collect();
        lookers
            .into_iter()
            .flat_map(|looker| looker.join().unwrap_or_default())
            .collect()
    })
}

/// Paths one thread looks at, at least, when a listing is looked at on several.
const PER_LOOKER: usize = 1024;

/// Threads to look at a long listing's paths on: as many as the run's workers (`--threads`,
/// else the cores).
fn lookers(asked: Option<usize>) -> usize {
    asked
        .filter(|&asked| asked > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

/// One name of a file, as the listing weighs it against the file's other names: the first that
/// is not a symbolic link, else the first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    is_link: bool,
    at: usize,
}

//! A set of a run's files by their place in path order.

/// Files by their place in path order, a bit each: a run of 100 000 files with errors keeps
/// 12.5 kB, not every path again, and a file's cross-report errors find it at once.
#[derive(Default)]
pub struct FileSet {
    words: Vec<u64>,
    len: usize,
}

impl FromIterator<usize> for FileSet {
    fn from_iter<I: IntoIterator<Item = usize>>(files: I) -> Self {
        let mut set = FileSet::default();
        for file in files {
            set.insert(file);
        }
        set
    }
}

impl FileSet {
    /// Adds `file`; whether it was not there yet.
    pub fn insert(&mut self, file: usize) -> bool {
        let (word, bit) = (file / 64, 1u64 << (file % 64));
        if self.words.len() <= word {
            self.words.resize(word + 1, 0);
        }
        let Some(slot) = self.words.get_mut(word) else {
            return false;
        };
        let new = *slot & bit == 0;
        *slot |= bit;
        self.len += usize::from(new);
        new
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The files, in path order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(at, &word)| {
            (0..64)
                .filter(move |bit| word & (1u64 << bit) != 0)
                .map(move |bit| at * 64 + bit)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_once_in_path_order() {
        let mut files = FileSet::default();
        assert!(files.insert(130));
        assert!(!files.insert(130));
        for file in [2, 64, 2, 0] {
            files.insert(file);
        }
        assert_eq!(files.len(), 4);
        assert_eq!(files.iter().collect::<Vec<_>>(), [0, 2, 64, 130]);
    }
}

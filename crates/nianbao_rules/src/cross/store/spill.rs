//! Where the store's records lie: one byte space, numbered from the first record pushed, whose
//! chunks are in the spill file or, until written (or when a write failed), in memory. A chunk
//! is handed to the pushing worker to write ([`Chunk::write`]) after the store's lock is
//! released, at the offset reserved for it under the lock, so that the other workers do not
//! wait for the disk.

use std::fs::File;
use std::sync::Arc;

/// Records are written to the spill file in chunks of about this many bytes.
const CHUNK: usize = 256 << 10;

/// Emptied buffers kept for later chunks, at most: one per worker writing at once.
const SPARE: usize = 2;

#[derive(Debug)]
pub(super) struct Space {
    file: Option<Arc<File>>,
    /// False once a write to the spill file has failed: later chunks stay in memory.
    writable: bool,
    /// Bytes pushed so far: the offset of the next record.
    end: u64,
    /// The last bytes pushed, `end - memory.len()..end`, not (yet) handed out to be written.
    memory: Vec<u8>,
    /// Chunks whose write failed, in memory for good.
    held: Vec<Chunk>,
    /// Buffers of chunks written, emptied, to take the next chunk: a run allocates a few
    /// buffers, not one per chunk (fresh ones, on whichever worker, grew the peak RSS).
    spare: Vec<Vec<u8>>,
    /// Bytes are handed out to be written once this many wait in memory.
    pub(super) chunk: usize,
}

impl Default for Space {
    fn default() -> Self {
        Self {
            file: None,
            writable: false,
            end: 0,
            memory: Vec::new(),
            held: Vec::new(),
            spare: Vec::new(),
            chunk: CHUNK,
        }
    }
}

/// Bytes of records to write to the spill file at `start`, taken out of the store under its
/// lock: write them after releasing it ([`Chunk::write`]), then hand what became of them back
/// to the store ([`CorpusFacts::written`](super::CorpusFacts::written)).
#[derive(Debug)]
#[must_use = "a chunk holds records: write it and hand it back to the store"]
pub struct Chunk {
    file: Option<Arc<File>>,
    start: u64,
    pub(super) bytes: Vec<u8>,
}

/// What became of a [`Chunk`]: written (its emptied buffer, for the next chunk), or not (the
/// chunk, whose records the store then keeps in memory).
#[derive(Debug)]
#[must_use = "hand it back to the store: an unwritten chunk holds records"]
pub struct Written(pub(super) Result<Vec<u8>, Chunk>);

impl Chunk {
    /// Writes the chunk where it belongs in the spill file.
    pub fn write(mut self) -> Written {
        match &self.file {
            Some(file) if write_at(file, self.start, &self.bytes).is_ok() => {
                self.bytes.clear();
                Written(Ok(self.bytes))
            }
            _ => Written(Err(self)),
        }
    }
}

impl Space {
    pub(super) fn spill_to(&mut self, file: File) {
        self.file = Some(Arc::new(file));
        self.writable = true;
    }

    /// Appends one record's bytes; returns where it starts, and the chunk to write if memory
    /// has filled up.
    /// Appends one record's bytes; returns where it starts, and the chunk to write if memory
    /// has no room for it (a chunk is handed out before it outgrows its buffer).
    pub(super) fn append(&mut self, record: &[u8]) -> (u64, Option<Chunk>) {
        let full = self.writable
            && !self.memory.is_empty()
            && self.memory.len() + record.len() > self.chunk;
        let chunk = full.then(|| {
            let next = self
                .spare
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(self.chunk));
            Chunk {
                file: self.file.clone(),
                start: self.end - self.memory.len() as u64,
                bytes: std::mem::replace(&mut self.memory, next),
            }
        });
        let at = self.end;
        self.memory.extend_from_slice(record);
        self.end += record.len() as u64;
        (at, chunk)
    }

    /// What became of a chunk: its buffer kept for a later chunk, or, if it could not be
    /// written, the chunk kept in memory (and later chunks too).
    pub(super) fn written(&mut self, written: Written) {
        match written.0 {
            Ok(buffer) => {
                if self.spare.len() < SPARE {
                    self.spare.push(buffer);
                }
            }
            Err(chunk) => {
                self.writable = false;
                let at = self.held.partition_point(|held| held.start < chunk.start);
                self.held.insert(at, chunk);
            }
        }
    }

    /// The bytes at `start..end` if they are in memory; `None` if they are in the file (or
    /// nowhere).
    pub(super) fn in_memory(&self, start: u64, end: u64) -> Option<&[u8]> {
        let chunk = match self.held.partition_point(|held| held.start <= start) {
            0 => None,
            at => self.held.get(at - 1),
        };
        let (base, bytes) = match chunk {
            Some(held) if start < held.start + held.bytes.len() as u64 => {
                (held.start, held.bytes.as_slice())
            }
            _ => (self.end - self.memory.len() as u64, self.memory.as_slice()),
        };
        let from = usize::try_from(start.checked_sub(base)?).ok()?;
        let to = usize::try_from(end.checked_sub(base)?).ok()?;
        bytes.get(from..to)
    }

    /// Fills `bytes` from the spill file at `start`.
    pub(super) fn read(&self, start: u64, bytes: &mut [u8]) -> std::io::Result<()> {
        match &self.file {
            Some(file) => read_at(file, start, bytes),
            None => Err(std::io::ErrorKind::NotFound.into()),
        }
    }

    /// Bytes handed out to be written and not given back (tests).
    #[cfg(test)]
    pub(super) fn in_file(&self) -> u64 {
        self.end - self.memory() as u64
    }

    /// Bytes in memory (tests).
    #[cfg(test)]
    pub(super) fn memory(&self) -> usize {
        self.memory.len() + self.held.iter().map(|held| held.bytes.len()).sum::<usize>()
    }
}

/// Positioned reads and writes (`pread`, `pwrite`): the file is shared by the threads that
/// write chunks and those that read records back, none of which may move a shared cursor.
#[cfg(unix)]
fn read_at(file: &File, offset: u64, bytes: &mut [u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(unix)]
fn write_at(file: &File, offset: u64, bytes: &[u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut offset: u64, mut bytes: &mut [u8]) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_read(bytes, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            read => {
                bytes = &mut bytes[read..];
                offset += read as u64;
            }
        }
    }
    Ok(())
}

#[cfg(windows)]
fn write_at(file: &File, mut offset: u64, mut bytes: &[u8]) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_write(bytes, offset)? {
            0 => return Err(std::io::ErrorKind::WriteZero.into()),
            written => {
                bytes = &bytes[written..];
                offset += written as u64;
            }
        }
    }
    Ok(())
}

/// Elsewhere nothing is spilled: every record stays in memory.
#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: u64, _: &mut [u8]) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(any(unix, windows)))]
fn write_at(_: &File, _: u64, _: &[u8]) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

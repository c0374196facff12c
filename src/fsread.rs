//! Reading one input file safely: open it (non-blocking, so a FIFO swapped in cannot hang
//! us), check the open handle (`fstat`) is a regular file, and read at most a documented
//! number of bytes. There is no window between the check and the read for the file to change.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The largest article read, in bytes (64 MiB). Longer files are refused with a clear error.
pub const ARTICLE_LIMIT: u64 = 64 << 20;
/// The largest catalogue read (64 MiB: about a million entities).
pub const CATALOGUE_LIMIT: u64 = 64 << 20;
/// The largest keymap or settings file read (4 MiB).
pub const CONFIG_LIMIT: u64 = 4 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// A directory, pipe, socket or device: reading it could block or never end.
    NotRegular(&'static str),
    /// Larger than the limit for its kind of file.
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => write!(f, "not found"),
            ReadError::NotRegular(kind) => write!(f, "not a regular file (a {kind})"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "too large: {} MiB, the limit is {} MiB",
                size.div_ceil(1 << 20),
                limit >> 20
            ),
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound,
            _ => ReadError::Io(e),
        }
    }
}

/// What a non-regular file is, for messages.
pub fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "pipe";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "device";
        }
    }
    if file_type.is_dir() {
        "directory"
    } else if file_type.is_file() {
        "file"
    } else {
        "special file"
    }
}

/// Opens `path` for reading without blocking on a FIFO.
fn open(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads the regular file at `path` (symbolic links followed), at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    // The file may grow between fstat and read: read one byte past the limit to notice.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "Kim").unwrap();
        assert_eq!(read_regular(&path, 10).unwrap(), b"Kim");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        // Sparse: a size on paper only, so the refusal must come from the handle's size.
        let file = File::create(&path).unwrap();
        file.set_len(6 << 30).unwrap();
        let e = read_regular(&path, ARTICLE_LIMIT).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
        assert_eq!(e.to_string(), "too large: 6144 MiB, the limit is 64 MiB");
    }

    #[test]
    fn a_directory_and_a_missing_file_are_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), 10).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a directory)");
        let e = read_regular(&dir.path().join("none"), 10).unwrap_err();
        assert!(matches!(e, ReadError::NotFound));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_without_a_writer_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.md");
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo(3) with a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = read_regular(&path, 10).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a pipe)");
    }
}

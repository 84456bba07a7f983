//! Opening input files safely: only regular files are read (a FIFO, a device such as
//! `/dev/zero` or a folder is refused before a byte is read), the open never blocks (a FIFO
//! without a writer would hang a plain open), and no more than a stated number of bytes is
//! ever read, even from a file that grows while it is read.

use std::io::Read;
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub enum OpenError {
    /// There is nothing at the path.
    NotFound,
    /// Something other than a regular file is there; the kind in words ("a folder").
    NotRegular(&'static str),
    /// The file is larger than allowed.
    TooLarge {
        /// Its size in bytes (at least; a growing file may be larger).
        len: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// Any other reason of the operating system.
    Io(std::io::Error),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::NotFound => write!(f, "no such file or folder"),
            OpenError::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            OpenError::TooLarge { len, max } => {
                write!(f, "it is {len} bytes; at most {max} are read")
            }
            OpenError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                write!(f, "permission denied")
            }
            OpenError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<std::io::Error> for OpenError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => OpenError::NotFound,
            _ => OpenError::Io(e),
        }
    }
}

/// The kind of a file that is not a regular one, in words.
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Opens `path` for reading without blocking (and, on Unix, without making a terminal the
/// controlling one).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o.open(path)
}

/// Reads the regular file at `path`, at most `max` bytes (following symlinks).
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, OpenError> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(OpenError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > max {
        return Err(OpenError::TooLarge {
            len: meta.len(),
            max,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(OpenError::TooLarge {
            len: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(OpenError::NotRegular("a folder"))
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(OpenError::NotRegular("a device"))
        ));
        assert!(matches!(
            read_regular(&dir.path().join("missing"), 10),
            Err(OpenError::NotFound)
        ));
        let big = dir.path().join("big");
        std::fs::write(&big, [b'x'; 11]).unwrap();
        assert!(matches!(
            read_regular(&big, 10),
            Err(OpenError::TooLarge { len: 11, max: 10 })
        ));
        assert_eq!(read_regular(&big, 11).unwrap().len(), 11);
    }
}

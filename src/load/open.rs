//! The one way downkit reads a file: only regular files are read (a FIFO, a device such as
//! `/dev/zero` or a folder is refused before a byte is read), the open never blocks (a FIFO
//! without a writer would hang a plain open), and no more than a stated number of bytes is
//! ever read, even from a file that grows while it is read.
//!
//! Two entry points, both bounded:
//!
//! - [`read_regular`]: a file the user named at run time (a scan, an export, a password file,
//!   an old binder for `diff`). A symlink the user gave is followed: the user chose the path.
//! - [`super::Roots::read`]: a file of a kit (`kit.toml`, an include, a font, `drills.toml`,
//!   a ledger). Its real path, symlinks resolved by the filesystem, must lie inside the kit
//!   folder or one of its declared shared folders, and that real path is opened without
//!   following a link (a link swapped in after the check is refused, not followed), so a
//!   kit never reads, and never echoes, a file from anywhere else.

use std::io::Read;
use std::path::{Path, PathBuf};

/// A size in words for messages: `900 bytes`, `64 kB`, `340 MB`, `2.1 GB` (never "0 MB").
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / f64::from(1u32 << 30)),
        b if b >= 1 << 20 => format!("{} MB", b.div_ceil(1 << 20)),
        b if b >= 1 << 10 => format!("{} kB", b.div_ceil(1 << 10)),
        b => format!("{b} bytes"),
    }
}

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
    /// A kit's file whose real path (symlinks resolved) is outside the kit folder and its
    /// shared folders: never opened.
    Outside(PathBuf),
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
            OpenError::Outside(to) => write!(
                f,
                "it leads outside the kit folder and its shared folders (to {}); a kit reads \
                 only its own files: move the file into the kit folder, or declare its folder \
                 in [kit] as `shared-folders`",
                to.display()
            ),
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
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a file"
    }
}

/// Opens `path` for reading without blocking (and, on Unix, without making a terminal the
/// controlling one); with `follow` false, a symlink as the last component is refused.
fn open_nonblocking(path: &Path, follow: bool) -> Result<std::fs::File, OpenError> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow { 0 } else { libc::O_NOFOLLOW };
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | nofollow);
    }
    o.open(path).map_err(|e| {
        // O_NOFOLLOW on a link fails with ELOOP.
        #[cfg(unix)]
        if !follow && e.raw_os_error() == Some(libc::ELOOP) {
            return OpenError::NotRegular("a symbolic link");
        }
        OpenError::from(e)
    })
}

/// Reads the regular file at `path`, at most `max` bytes, following symlinks: for paths the
/// user names at run time.
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, OpenError> {
    read_open(open_nonblocking(path, true)?, max)
}

/// Reads the regular file at `path`, at most `max` bytes, refusing a symlink as its last
/// component: for real paths already checked against a kit's roots.
pub(crate) fn read_no_link(path: &Path, max: u64) -> Result<Vec<u8>, OpenError> {
    read_open(open_nonblocking(path, false)?, max)
}

fn read_open(file: std::fs::File, max: u64) -> Result<Vec<u8>, OpenError> {
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
        assert_eq!(size_text(64 << 10), "64 kB");
        assert_eq!(size_text(900), "900 bytes");
        assert_eq!(size_text(512 << 20), "512 MB");
        assert_eq!(size_text(3 << 30), "3.0 GB");
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&big, &link).unwrap();
            assert_eq!(read_regular(&link, 11).unwrap().len(), 11);
            assert!(matches!(
                read_no_link(&link, 11),
                Err(OpenError::NotRegular("a symbolic link"))
            ));
        }
    }
}

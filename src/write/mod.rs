//! Write: put bytes on disk atomically (stage 5 of the pipeline, called by the CLI).
//!
//! [`write_atomic`] writes to a temporary file created exclusively (`O_EXCL`, an
//! unpredictable name, by the `tempfile` crate) in the target's folder, flushes it to disk,
//! renames it over the target and flushes the folder. A failure leaves any existing file
//! untouched and removes the temporary file; a reader never sees a half-written file. A
//! replaced file keeps its permissions; a symlink is written through to the file it points
//! at. Temporary files a killed run left behind are removed by a later write into the same
//! folder ([`temp`]). [`write_new`] does the same but never replaces an existing file, and
//! [`update_locked`] is a read-modify-write under an exclusive lock (the drill log).

mod lock;
mod temp;

pub use lock::{update_locked, UpdateError, MAX_LOCKED_BYTES};
pub use temp::{is_own_temp, STALE_AFTER, TEMP_SUFFIX};

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug)]
pub struct WriteError {
    /// The file or folder involved.
    pub path: PathBuf,
    /// What was being done.
    pub action: &'static str,
    /// The operating system's reason.
    pub source: std::io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

fn err(path: &Path, action: &'static str, source: std::io::Error) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        action,
        source,
    }
}

/// Writes `bytes` to `path` atomically: exclusive temp file in the same folder, fsync,
/// rename, fsync of the folder. An existing file keeps its mode; a symlink keeps pointing at
/// its target, which gets the new content.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let target = resolve_links(path).map_err(|e| err(path, "follow the link", e))?;
    let mode = fs::metadata(&target).ok().map(|m| m.permissions());
    let dir = folder_of(&target);
    let tmp = temp::filled(&dir, &target, bytes, mode)?;
    tmp.persist(&target)
        .map_err(|e| err(&target, "replace", e.error))?;
    sync_folder(&dir)
}

/// Writes `bytes` to `path` as a new file, atomically as [`write_atomic`]; fails with
/// `AlreadyExists` (and writes nothing) when `path` exists, even as a dangling symlink.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = folder_of(path);
    let tmp = temp::filled(&dir, path, bytes, None)?;
    tmp.persist_noclobber(path)
        .map_err(|e| err(path, "create", e.error))?;
    sync_folder(&dir)
}

/// The folder a path is in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Follows `path` while it is a symlink (relative links resolve against the link's folder),
/// so that the file it points at is the one replaced. A missing path is returned as it is.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = if to.is_absolute() {
                    to
                } else {
                    folder_of(&p).join(to)
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Makes a rename in `dir` durable. Only Unix can open a folder for this.
fn sync_folder(dir: &Path) -> Result<(), WriteError> {
    if cfg!(unix) {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| err(dir, "flush to disk the folder", e))?;
    }
    Ok(())
}

/// Writes all of `bytes` and flushes them to disk.
fn write_synced(f: &mut File, bytes: &[u8], path: &Path) -> Result<(), WriteError> {
    f.write_all(bytes).map_err(|e| err(path, "write", e))?;
    f.sync_all().map_err(|e| err(path, "flush to disk", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("kit.pdf");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_bare_name_is_written_in_the_current_folder() {
        assert_eq!(folder_of(Path::new("kit.pdf")), Path::new("."));
        assert_eq!(folder_of(Path::new("out/kit.pdf")), Path::new("out"));
    }
}

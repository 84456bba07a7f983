//! Write: put bytes on disk atomically (stage 5 of the pipeline, called by the CLI).
//!
//! [`write_atomic`] writes to a temporary file created exclusively (`O_EXCL`, an
//! unpredictable name, by the `tempfile` crate) in the target's folder, flushes it to disk,
//! renames it over the target and flushes the folder. A failure leaves any existing file
//! untouched and removes the temporary file; a reader never sees a half-written file.
//!
//! An output name never leads anywhere else: a symlink at the name is refused with an error
//! that names it and where it points ([`Refused`]), never written through, and since the new
//! file is renamed over the name (a rename replaces a link, it does not follow it) a link
//! planted between the check and the rename is replaced, its target untouched. A replaced
//! file keeps its permissions when it is the user's own; [`Access::Private`] files
//! (snapshots, ledgers) are always mode 0600. Temporary files a killed run left behind are
//! removed by a later write into the same folder ([`temp`]). [`write_new`] does the same but
//! never replaces an existing file, and [`update_locked`] is a read-modify-write under an
//! exclusive lock (the drill log, a ledger).

mod lock;
mod temp;

pub use lock::{update_locked, UpdateError, MAX_LOCKED_BYTES};
pub use temp::{is_own_temp, STALE_AFTER, TEMP_SUFFIX};

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Who may read a file downkit writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// As any new file (0666 less the umask), or as the file it replaces when that file is
    /// the user's own: binders, records, logs kept beside the kit.
    Shared,
    /// The owner only (0600), whatever was there before: snapshots of today's data and the
    /// back-entry ledgers.
    Private,
}

/// Why an output name was refused before anything was written.
#[derive(Debug)]
pub struct Refused {
    /// Where the symlink points, as it is written.
    pub to: PathBuf,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "it is a symbolic link (to {}), and downkit never writes through a link; remove \
             the link (or move it away) and run again, or write into the folder the file \
             really is in",
            self.to.display()
        )
    }
}

impl std::error::Error for Refused {}

/// Why a file could not be written.
#[derive(Debug)]
pub struct WriteError {
    /// The file or folder involved.
    pub path: PathBuf,
    /// What was being done.
    pub action: &'static str,
    /// The operating system's reason, or a [`Refused`] link.
    pub source: std::io::Error,
}

impl WriteError {
    /// True when the name was refused because it is a symlink.
    pub fn is_link(&self) -> bool {
        self.source
            .get_ref()
            .is_some_and(|e| e.downcast_ref::<Refused>().is_some())
    }
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

/// Refuses `path` when it is a symlink (dangling or not); what is there otherwise, if
/// anything, as `symlink_metadata` sees it.
fn no_link(path: &Path) -> Result<Option<fs::Metadata>, WriteError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let to = fs::read_link(path).unwrap_or_default();
            Err(err(path, "write", std::io::Error::other(Refused { to })))
        }
        Ok(m) => Ok(Some(m)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(err(path, "look at", e)),
    }
}

/// Writes `bytes` to `path` atomically as [`Access::Shared`]: exclusive temp file in the
/// same folder, fsync, rename over the name, fsync of the folder. A symlink at `path` is
/// refused ([`WriteError::is_link`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_as(path, bytes, Access::Shared)
}

/// [`write_atomic`] with the given access: [`Access::Private`] files are mode 0600.
pub fn write_as(path: &Path, bytes: &[u8], access: Access) -> Result<(), WriteError> {
    let existing = no_link(path)?;
    let dir = folder_of(path);
    let tmp = temp::filled(&dir, path, bytes, access, existing.as_ref())?;
    tmp.persist(path)
        .map_err(|e| err(path, "replace", e.error))?;
    sync_folder(&dir)
}

/// Writes `bytes` to `path` as a new file, atomically as [`write_atomic`]; fails with
/// `AlreadyExists` (and writes nothing) when `path` exists, even as a dangling symlink.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = folder_of(path);
    let tmp = temp::filled(&dir, path, bytes, Access::Shared, None)?;
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

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_name_is_refused_and_its_target_untouched() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        fs::write(&elsewhere, b"secret").unwrap();
        fs::set_permissions(&elsewhere, fs::Permissions::from_mode(0o600)).unwrap();
        let name = dir.path().join("kit.pdf");
        std::os::unix::fs::symlink(&elsewhere, &name).unwrap();
        for access in [Access::Shared, Access::Private] {
            let e = write_as(&name, b"pdf", access).unwrap_err();
            assert!(e.is_link(), "{e}");
            let text = e.to_string();
            assert!(
                text.contains("kit.pdf") && text.contains("symbolic link"),
                "{text}"
            );
            assert!(
                text.contains("elsewhere") && text.contains("remove the link"),
                "{text}"
            );
        }
        assert_eq!(fs::read(&elsewhere).unwrap(), b"secret");
        let mode = fs::metadata(&elsewhere).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // A dangling link is refused too: nothing is created where it points.
        let dangling = dir.path().join("ledger.toml");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(write_as(&dangling, b"x", Access::Private)
            .unwrap_err()
            .is_link());
        assert!(!dir.path().join("nowhere").exists());
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_0600_and_a_foreign_mode_is_not_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("snapshot.pdf");
        fs::write(&p, b"old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o666)).unwrap();
        write_as(&p, b"new", Access::Private).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), 0o600);
        // The user's own file keeps its mode when it is shared.
        let q = dir.path().join("binder.pdf");
        fs::write(&q, b"old").unwrap();
        fs::set_permissions(&q, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&q, b"new").unwrap();
        assert_eq!(mode(&q), 0o640);
    }
}

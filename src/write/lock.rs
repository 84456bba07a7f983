//! Read-modify-write under an exclusive lock, for files that several runs change (the drill
//! log): each caller reads the file as the previous one left it, so no change is lost.
//!
//! The lock is held on a companion file `.<name>.downkit-lock` beside the target, never on
//! the target itself: the target is replaced by a rename, and a lock on a replaced file would
//! protect nothing. A target that is a symlink is refused, as by [`super::write_atomic`].
//! The companion file is empty and stays; removing it would let two runs lock two files.

use super::{err, no_link, write_as, Access, WriteError};
use crate::load::open::{read_regular, OpenError};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The largest file [`update_locked`] reads when the caller has no limit of its own.
pub const MAX_LOCKED_BYTES: u64 = 16 * 1024 * 1024;

/// Why a locked update did not happen.
#[derive(Debug)]
pub enum UpdateError<E> {
    /// The lock could not be taken or the new content not written.
    Write(WriteError),
    /// The current content could not be read (not a regular file, too large, unreadable).
    Read(PathBuf, OpenError),
    /// The caller's change refused the current content.
    Rejected(E),
}

impl<E: std::fmt::Display> std::fmt::Display for UpdateError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpdateError::Write(e) => write!(f, "{e}"),
            UpdateError::Read(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            UpdateError::Rejected(e) => write!(f, "{e}"),
        }
    }
}

/// The companion lock file of `target`.
fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.downkit-lock"))
}

/// Opens (creating when missing) the lock file without following a link planted there.
fn open_lock(path: &Path) -> std::io::Result<File> {
    let mut o = File::options();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW);
    }
    o.open(path)
}

/// Under an exclusive lock: reads `path` (`None` when it does not exist; at most
/// `max_bytes`, a regular file only), passes its bytes to `change` and writes what `change`
/// returns with [`write_as`] and `access`. A symlink at `path` is refused before the lock is
/// taken. Concurrent callers, in this process or others, run one after another. When `change`
/// fails, nothing is written.
pub fn update_locked<E>(
    path: &Path,
    max_bytes: u64,
    access: Access,
    change: impl FnOnce(Option<&[u8]>) -> Result<Vec<u8>, E>,
) -> Result<(), UpdateError<E>> {
    no_link(path).map_err(UpdateError::Write)?;
    let target = path.to_path_buf();
    let lock_file = lock_path(&target);
    let lock = open_lock(&lock_file)
        .map_err(|e| UpdateError::Write(err(&lock_file, "create the lock file", e)))?;
    lock.lock()
        .map_err(|e| UpdateError::Write(err(&lock_file, "lock", e)))?;
    let current = match read_regular(&target, max_bytes) {
        Ok(b) => Some(b),
        Err(OpenError::NotFound) => None,
        Err(e) => return Err(UpdateError::Read(target, e)),
    };
    let next = change(current.as_deref()).map_err(UpdateError::Rejected)?;
    write_as(&target, &next, access).map_err(UpdateError::Write)?;
    // Closing the file releases the lock; only after the rename is durable.
    drop(lock);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_updates_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log.txt");
        std::thread::scope(|s| {
            for i in 0..8 {
                let log = &log;
                s.spawn(move || {
                    update_locked(
                        log,
                        MAX_LOCKED_BYTES,
                        Access::Shared,
                        |old| -> Result<_, ()> {
                            let mut v = old.unwrap_or_default().to_vec();
                            // Widen the window between read and write.
                            std::thread::sleep(std::time::Duration::from_millis(5));
                            v.extend_from_slice(format!("{i}\n").as_bytes());
                            Ok(v)
                        },
                    )
                    .unwrap();
                });
            }
        });
        let text = std::fs::read_to_string(&log).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines.sort_unstable();
        assert_eq!(lines, ["0", "1", "2", "3", "4", "5", "6", "7"]);
    }

    #[test]
    fn a_refused_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log.txt");
        std::fs::write(&log, b"kept").unwrap();
        let r = update_locked(&log, 100, Access::Shared, |_| Err("no"));
        assert!(matches!(r, Err(UpdateError::Rejected("no"))));
        assert_eq!(std::fs::read(&log).unwrap(), b"kept");
        let r = update_locked(&log, 2, Access::Shared, |_| Ok::<_, ()>(b"new".to_vec()));
        assert!(matches!(
            r,
            Err(UpdateError::Read(_, OpenError::TooLarge { .. }))
        ));
        assert_eq!(std::fs::read(&log).unwrap(), b"kept");
    }
}

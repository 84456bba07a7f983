//! Temporary files for atomic writes: created exclusively under an unpredictable name
//! `.<target>.<random>.downkit-tmp` beside the target, removed on every error path (the
//! `tempfile` crate deletes an unpersisted file when it is dropped), and swept up by a later
//! write when a killed run left one behind.

use super::{err, write_synced, Access, WriteError};
use std::fs::{Metadata, Permissions};
use std::path::Path;
use std::time::{Duration, SystemTime};
use tempfile::NamedTempFile;

/// How every temporary file downkit creates ends; together with a leading `.` this is how a
/// later run recognises its own leftovers.
pub const TEMP_SUFFIX: &str = ".downkit-tmp";

/// A temporary file untouched for this long belongs to no running write (a write holds one
/// for milliseconds): a later write into the same folder removes it.
pub const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

/// True for a file name of downkit's own temporary files.
pub fn is_own_temp(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX) && name.len() > TEMP_SUFFIX.len() + 1
}

/// A temporary file in `dir` for `target`, holding `bytes`, flushed to disk. Its mode: 0600
/// for [`Access::Private`], created so (never readable by others, not even empty); else the
/// mode of `existing`, the file it replaces, when that is a regular file of the user's own (a
/// file someone else left at the name must not hand its mode on), else that of any new file
/// (0666 less the umask).
pub(super) fn filled(
    dir: &Path,
    target: &Path,
    bytes: &[u8],
    access: Access,
    existing: Option<&Metadata>,
) -> Result<NamedTempFile, WriteError> {
    remove_stale(dir);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(10);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(Permissions::from_mode(match access {
            Access::Private => 0o600,
            Access::Shared => 0o666,
        }));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| err(dir, "create a file in folder", e))?;
    if let Some(mode) = kept_mode(existing, access, tmp.as_file()) {
        tmp.as_file()
            .set_permissions(mode)
            .map_err(|e| err(tmp.path(), "set the permissions of", e))?;
    }
    let path = tmp.path().to_path_buf();
    write_synced(tmp.as_file_mut(), bytes, &path)?;
    Ok(tmp)
}

/// The replaced file's mode, when a shared write keeps it: `existing` is a regular file
/// owned by whoever owns `new` (the temporary file just created, so the user running).
fn kept_mode(
    existing: Option<&Metadata>,
    access: Access,
    new: &std::fs::File,
) -> Option<Permissions> {
    let existing = existing.filter(|m| m.is_file() && access == Access::Shared)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let own = new.metadata().ok()?.uid();
        (existing.uid() == own).then(|| existing.permissions())
    }
    #[cfg(not(unix))]
    {
        let _ = new;
        Some(existing.permissions())
    }
}

/// Removes downkit's temporary files in `dir` that are older than [`STALE_AFTER`]. Best
/// effort: a folder that cannot be listed is left alone (creating the new file reports it).
fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        if !is_own_temp(&entry.file_name().to_string_lossy()) {
            continue;
        }
        // Never follows a link: a planted link is removed as a link, its target untouched.
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let kind = meta.file_type();
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if old && (kind.is_file() || kind.is_symlink()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn own_temp_names() {
        assert!(super::is_own_temp(".kit.pdf.Ab3xY9kLq0.downkit-tmp"));
        assert!(!super::is_own_temp("kit.pdf.downkit-tmp"));
        assert!(!super::is_own_temp(".downkit-tmp"));
        assert!(!super::is_own_temp(".kit.pdf.swp"));
    }
}

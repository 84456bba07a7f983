//! Temporary files for atomic writes: created exclusively under an unpredictable name
//! `.<target>.<random>.downkit-tmp` beside the target, removed on every error path (the
//! `tempfile` crate deletes an unpersisted file when it is dropped), and swept up by a later
//! write when a killed run left one behind.

use super::{err, write_synced, WriteError};
use std::fs::Permissions;
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

/// A temporary file in `dir` for `target`, holding `bytes`, flushed to disk, with the mode
/// `mode` when given (the replaced file's) and else the mode of any new file (0666 less the
/// umask).
pub(super) fn filled(
    dir: &Path,
    target: &Path,
    bytes: &[u8],
    mode: Option<Permissions>,
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
        builder.permissions(Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| err(dir, "create a file in folder", e))?;
    if let Some(mode) = mode {
        tmp.as_file()
            .set_permissions(mode)
            .map_err(|e| err(tmp.path(), "set the permissions of", e))?;
    }
    let path = tmp.path().to_path_buf();
    write_synced(tmp.as_file_mut(), bytes, &path)?;
    Ok(tmp)
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

//! Write: put bytes on disk atomically (stage 5 of the pipeline, called by the CLI).
//!
//! The bytes go to a temporary file in the target folder, are flushed to disk, and the file
//! is renamed over the target. A failure leaves any existing file untouched and removes the
//! temporary file; a reader never sees a half-written PDF.

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

/// Writes `bytes` to `path` atomically: temp file in the same folder, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let err = |p: &Path, action, source| WriteError {
        path: p.to_path_buf(),
        action,
        source,
    };
    let result = (|| {
        let mut f = File::create(&tmp).map_err(|e| err(&dir, "create a file in folder", e))?;
        f.write_all(bytes).map_err(|e| err(&tmp, "write", e))?;
        f.sync_all().map_err(|e| err(&tmp, "flush to disk", e))?;
        drop(f);
        fs::rename(&tmp, path).map_err(|e| err(path, "replace", e))?;
        // Make the rename itself durable; not every platform can open a folder, so best effort.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_file_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("downkit-write-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let p = dir.join("kit.pdf");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }
}

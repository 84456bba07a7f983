//! Kit discovery: the kits at a path, as every command and `serve` find them.

use std::path::{Path, PathBuf};

/// Kit folders (with kit.toml) and loose `.toml` kit files directly under `dir`, sorted.
pub fn find_kits(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut kits = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let kit_folder = path.is_dir() && path.join("kit.toml").is_file();
        // A loose drills.toml is a drill log, never a kit.
        let kit_file = path.extension().is_some_and(|e| e == "toml")
            && path.file_name() != Some(std::ffi::OsStr::new(crate::load::drills::FILE_NAME))
            && path.is_file();
        if kit_folder || kit_file {
            kits.push(path);
        }
    }
    kits.sort();
    Ok(kits)
}

/// The kits at `path`: the kit itself when it is one (a `.toml` file, or a folder with a
/// `kit.toml`), else the kits directly under the folder.
pub fn kits_at(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)?;
    let kit_folder = meta.is_dir() && std::fs::symlink_metadata(path.join("kit.toml")).is_ok();
    if !meta.is_dir() || kit_folder {
        return Ok(vec![path.to_path_buf()]);
    }
    find_kits(path)
}

/// Expands a folder that holds kits (but is not one itself, like `kits/`) into those kits, so
/// that `downkit check kits` checks every kit; other paths stay as given.
pub fn expand_kits(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() && !p.join("kit.toml").exists() {
            if let Ok(kits) = find_kits(p) {
                if !kits.is_empty() {
                    out.extend(kits);
                    continue;
                }
            }
        }
        out.push(p.clone());
    }
    out
}

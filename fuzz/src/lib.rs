//! What the fuzz targets share: turning one fuzz input into a kit folder on disk.
//!
//! An input is the text of `kit.toml`, optionally followed by further files, each after a
//! line `#%% FILE <path>` (the path relative to the kit folder, such as `blanketter.toml`,
//! `drills.toml` or `../shared/kontakter.toml`). The kit lives in `<tmp>/kits/kit`, so a
//! shared folder beside it works as in `kits/`; a path that would leave `<tmp>/kits` is
//! skipped. `fuzz/seed-corpus.sh` packs the repository's kits into this form.

use std::path::{Component, Path, PathBuf};

/// The line that starts a further file.
pub const FILE_MARK: &str = "#%% FILE ";

/// A kit written from a fuzz input; the folder is removed when this is dropped.
pub struct FuzzKit {
    /// Keeps the temporary folder alive.
    pub _dir: tempfile::TempDir,
    /// The kit folder (with `kit.toml`).
    pub kit: PathBuf,
}

/// `rel` joined to `kit`, when it stays inside `root` (`root/kits/kit` is the kit folder):
/// only plain names and `..`, never an absolute path.
fn inside(root: &Path, kit: &Path, rel: &str) -> Option<PathBuf> {
    let mut depth = 2usize;
    let mut out = kit.to_path_buf();
    for c in Path::new(rel.trim()).components() {
        match c {
            Component::Normal(n) => {
                out.push(n);
                depth += 1;
            }
            Component::ParentDir if depth > 0 => {
                out.pop();
                depth -= 1;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    (out.starts_with(root) && out != root && out != kit).then_some(out)
}

/// Writes the kit of `data` into a fresh temporary folder (in `/dev/shm` when there is one:
/// the fuzzer writes a kit for every input).
pub fn write_kit(data: &[u8]) -> Option<FuzzKit> {
    let base = Path::new("/dev/shm");
    let dir = if base.is_dir() {
        tempfile::tempdir_in(base).ok()?
    } else {
        tempfile::tempdir().ok()?
    };
    let root = dir.path().to_path_buf();
    let kit = root.join("kits").join("kit");
    std::fs::create_dir_all(&kit).ok()?;
    // Input that is not UTF-8 is written as it is, as kit.toml alone: the loader must say
    // what is wrong with it.
    let Ok(text) = std::str::from_utf8(data) else {
        std::fs::write(kit.join("kit.toml"), data).ok()?;
        return Some(FuzzKit { _dir: dir, kit });
    };
    let mark = format!("\n{FILE_MARK}");
    let mut parts = text.split(mark.as_str());
    std::fs::write(kit.join("kit.toml"), parts.next().unwrap_or_default()).ok()?;
    for part in parts {
        let (name, body) = part.split_once('\n').unwrap_or((part, ""));
        if let Some(path) = inside(&root, &kit, name) {
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let _ = std::fs::write(path, body);
        }
    }
    Some(FuzzKit { _dir: dir, kit })
}

/// The print date of every fuzz build.
pub fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a valid date")
}

//! Where a kit may read from: its own folder and the shared folders its `[kit]` declares
//! (`shared-folders = ["../shared"]`), each resolved with `std::fs::canonicalize` (symlinks
//! and `..` resolved by the filesystem, never by rewriting the path's text). A path a kit
//! names — an include, a font — is resolved the same way and must land inside one of them;
//! an absolute path or an escape is an error at the path's position, and the file is never
//! opened, so no line of it can appear in a diagnostic. [`Roots::read`] is how every file of
//! a kit is read (see [`super::open`]); [`Roots::side_file`] is where a file downkit keeps
//! beside `kit.toml` (the drill log, a ledger) is read and replaced.

use super::open::{read_no_link, OpenError};
use crate::diag::Diagnostic;
use crate::model::{At, Loc};
use std::path::{Component, Path, PathBuf};

/// One folder files may be read from.
#[derive(Debug, Clone, PartialEq)]
struct Root {
    /// Canonical path.
    canon: PathBuf,
    /// How diagnostics name it: the kit path as given, joined with the declared folder.
    shown: PathBuf,
}

/// The kit folder and its declared shared folders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Roots {
    roots: Vec<Root>,
}

impl Roots {
    /// The roots of a kit whose folder is `dir` (as given; `""` is the current folder).
    pub fn new(dir: &Path) -> std::io::Result<Roots> {
        let shown = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.to_path_buf()
        };
        let canon = std::fs::canonicalize(&shown)?;
        Ok(Roots {
            roots: vec![Root { canon, shown }],
        })
    }

    /// The kit folder, canonical: the base of the main file's relative paths.
    pub fn kit(&self) -> &Path {
        &self.roots[0].canon
    }

    /// Adds a shared folder declared in `[kit]`, relative to the kit folder.
    pub fn declare(&mut self, folder: &At<String>) -> Result<(), Diagnostic> {
        let p = Path::new(&folder.v);
        if p.is_absolute() {
            return Err(Diagnostic::error(
                "absolute-path",
                folder.loc,
                format!("the shared folder `{}` is an absolute path", folder.v),
            )
            .hint("write it relative to the kit folder, e.g. `shared-folders = [\"../shared\"]`, so the kits move together"));
        }
        let canon = std::fs::canonicalize(self.kit().join(p))
            .ok()
            .filter(|c| c.is_dir())
            .ok_or_else(|| {
                Diagnostic::error(
                    "not-found",
                    folder.loc,
                    format!("the shared folder `{}` does not exist", folder.v),
                )
                .hint("give a folder relative to the kit folder, e.g. `\"../shared\"`")
            })?;
        let shown = display_clean(&self.roots[0].shown.join(p));
        self.roots.push(Root { canon, shown });
        Ok(())
    }

    /// Whether the canonical path `canon` lies inside a root.
    pub fn contains(&self, canon: &Path) -> bool {
        self.roots.iter().any(|r| canon.starts_with(&r.canon))
    }

    /// Reads the kit's file at `path` (at most `max` bytes, a regular file only): its real
    /// path, symlinks resolved, must lie inside a root ([`OpenError::Outside`] otherwise,
    /// and nothing is opened), and is opened without following a link. Returns the real path
    /// and the bytes.
    pub fn read(&self, path: &Path, max: u64) -> Result<(PathBuf, Vec<u8>), OpenError> {
        let canon = std::fs::canonicalize(path)?;
        if !self.contains(&canon) {
            return Err(OpenError::Outside(canon));
        }
        let bytes = read_no_link(&canon, max)?;
        Ok((canon, bytes))
    }

    /// Where the file `name` beside `kit.toml` is read and written: the path in the kit
    /// folder as given, or, when a symlink is there, its real path if that lies inside a
    /// root (the file is then replaced where it really is, the link kept) —
    /// [`OpenError::Outside`] if it leads anywhere else, dangling links included.
    pub fn side_file(&self, name: &str) -> Result<PathBuf, OpenError> {
        let path = self.roots[0].shown.join(name);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(&path) {
                Ok(canon) if self.contains(&canon) => Ok(canon),
                Ok(canon) => Err(OpenError::Outside(canon)),
                Err(_) => Err(OpenError::Outside(
                    std::fs::read_link(&path).unwrap_or_default(),
                )),
            },
            _ => Ok(path),
        }
    }

    /// Resolves `rel`, written in a file whose canonical folder is `base`, to a canonical
    /// path inside a root; `what` names it in messages ("include", "font"). Returns the
    /// canonical path and the name diagnostics show for it.
    pub fn resolve(
        &self,
        base: &Path,
        rel: &str,
        loc: Loc,
        what: &str,
    ) -> Result<(PathBuf, String), Diagnostic> {
        if Path::new(rel).is_absolute() {
            return Err(Diagnostic::error(
                "absolute-path",
                loc,
                format!("the {what} path `{rel}` is absolute"),
            )
            .hint(
                "write it relative to the file that names it; a kit reads only from its folder and its `shared-folders`",
            ));
        }
        let joined = base.join(rel);
        let canon = std::fs::canonicalize(&joined).map_err(|e| {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
                _ => e.to_string(),
            };
            Diagnostic::error(
                "not-found",
                loc,
                format!("cannot read the {what} `{rel}`: {reason}"),
            )
            .hint("check the path: it is relative to the file that names it")
        })?;
        let Some((root, rest)) = self
            .roots
            .iter()
            .find_map(|r| canon.strip_prefix(&r.canon).ok().map(|rest| (r, rest)))
        else {
            return Err(Diagnostic::error(
                "outside-kit",
                loc,
                format!(
                    "the {what} `{rel}` is outside the kit folder and its shared folders"
                ),
            )
            .hint("move the file into the kit folder, or declare its folder in [kit] as `shared-folders = [\"../shared\"]`"));
        };
        let shown = root.shown.join(rest).display().to_string();
        Ok((canon, shown))
    }
}

/// `path` with `.` removed and `dir/..` pairs folded, for display only: the name shown in
/// diagnostics. Files are always opened through canonical paths.
fn display_clean(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::display_clean;
    use std::path::Path;

    #[test]
    fn display_names() {
        assert_eq!(display_clean(Path::new("k/../shared")), Path::new("shared"));
        assert_eq!(
            display_clean(Path::new("./../shared")),
            Path::new("../shared")
        );
        assert_eq!(display_clean(Path::new("k/./x/..")), Path::new("k"));
        assert_eq!(display_clean(Path::new("k/..")), Path::new("."));
        assert_eq!(display_clean(Path::new("/a/../b")), Path::new("/b"));
    }
}

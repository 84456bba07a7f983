//! The file-change check behind the live preview: a stamp of the names, sizes and times of
//! the files of a kit's folder and of the files it includes from its shared folders. The
//! page asks for it a few times a second and lays the kit out again when it changes; only
//! the kit's TOML is read (to find its includes), so asking is cheap.

use super::routes::Reply;
use super::State;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

/// Folders deeper than this are not looked into.
const MAX_DEPTH: usize = 4;
/// Files looked at, at most.
const MAX_FILES: usize = 2000;

fn walk(dir: &Path, depth: usize, seen: &mut usize, h: &mut DefaultHasher) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        if *seen >= MAX_FILES {
            return;
        }
        *seen += 1;
        let Ok(meta) = e.metadata() else { continue };
        e.file_name().hash(h);
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                walk(&e.path(), depth + 1, seen, h);
            }
            continue;
        }
        meta.len().hash(h);
        if let Ok(m) = meta.modified() {
            m.hash(h);
        }
    }
}

/// The stamp of the kit at `path` (a folder, or a kit file: then its folder), and of every
/// file it includes from elsewhere (its shared folders), found by loading it: saving an
/// included contact list refreshes the preview too.
pub fn of(path: &Path) -> String {
    let mut h = DefaultHasher::new();
    let dir = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    walk(dir, 0, &mut 0, &mut h);
    let loaded = crate::load::load(path);
    for i in 0..loaded.sources.len() {
        // Every file read, those in the folder again: `kit/../shared/x.toml` is outside it.
        let file = loaded.sources.path(i);
        file.hash(&mut h);
        if let Ok(meta) = std::fs::metadata(file) {
            meta.len().hash(&mut h);
            meta.modified().ok().hash(&mut h);
        }
    }
    format!("{:016x}", h.finish())
}

/// `GET /kit/<key>/stamp`.
pub fn reply(state: &State, key: &str) -> Reply {
    match super::kits::find(state, key) {
        Some(p) => Reply::text(200, of(&p)),
        None => Reply::not_found(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn changes_when_a_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kit.toml"), "a").unwrap();
        let a = super::of(dir.path());
        assert_eq!(a, super::of(dir.path()));
        std::fs::write(dir.path().join("kit.toml"), "ab").unwrap();
        let b = super::of(dir.path());
        assert_ne!(a, b);
        std::fs::write(dir.path().join("kontakter.toml"), "").unwrap();
        assert_ne!(b, super::of(dir.path()));
    }

    #[test]
    fn changes_when_an_included_shared_file_changes() {
        let root = tempfile::tempdir().unwrap();
        let (kit, shared) = (root.path().join("kit"), root.path().join("shared"));
        std::fs::create_dir_all(&kit).unwrap();
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::write(
            kit.join("kit.toml"),
            "include = [\"../shared/k.toml\"]\n[kit]\nid = \"k\"\nshared-folders = [\"../shared\"]\n",
        )
        .unwrap();
        std::fs::write(shared.join("k.toml"), "").unwrap();
        let a = super::of(&kit);
        std::fs::write(shared.join("k.toml"), "# changed\n").unwrap();
        assert_ne!(a, super::of(&kit));
    }
}

//! Several kits built by one `downkit build` (on all cores) give the same bytes as each kit
//! built on its own.

use std::path::{Path, PathBuf};
use std::process::Command;

const KIT: &str = "tests/fixtures/kits/full";

/// A copy of the fixture kit under `root` with its own id.
fn kit(root: &Path, id: &str) -> PathBuf {
    let dir = root.join(id);
    std::fs::create_dir_all(&dir).unwrap();
    for f in std::fs::read_dir(KIT).unwrap() {
        let f = f.unwrap().path();
        let text = std::fs::read_to_string(&f).unwrap();
        let text = text.replace("id = \"testkit\"", &format!("id = \"{id}\""));
        std::fs::write(dir.join(f.file_name().unwrap()), text).unwrap();
    }
    dir
}

fn build(kits: &[PathBuf], out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_downkit"))
        .arg("build")
        .args(kits)
        .args([
            "--split",
            "--copies",
            "40",
            "--date",
            "2026-11-27",
            "-q",
            "-o",
        ])
        .arg(out)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn parallel_build_is_byte_identical_to_one_kit_at_a_time() {
    let root = tempfile::tempdir().unwrap();
    let kits: Vec<PathBuf> = ["kit-a", "kit-b", "kit-c", "kit-d", "kit-e"]
        .iter()
        .map(|id| kit(root.path(), id))
        .collect();
    let together = root.path().join("together");
    build(&kits, &together);
    let alone = root.path().join("alone");
    for k in &kits {
        build(std::slice::from_ref(k), &alone);
    }
    let (a, b) = (files(&together), files(&alone));
    assert_eq!(
        a.len(),
        kits.len() * 8,
        "binder + 5 split artifacts + the build record and its lock file per kit"
    );
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{name} differs between the parallel and the serial build"
        );
    }
}

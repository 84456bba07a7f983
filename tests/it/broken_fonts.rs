//! Fonts that parse but cannot be embedded (issue 28, item 11): `check` refuses what
//! `build` would refuse, at the font's path in `[kit]`. Three kinds, each made in the test
//! from the built-in font's bytes: a table the subsetter needs is missing (`post`), one is cut
//! short (`loca`), and one the PDF writer reads first is garbage (`hhea`).

use crate::support;

use std::path::{Path, PathBuf};
use support::downkit;
use support::scans::copy_dir;

/// The font's bytes with `change` applied to the table directory entry of `tag`: its
/// (tag, offset, length) fields and the file.
fn with_table(tag: &[u8; 4], change: impl Fn(&mut Vec<u8>, usize, usize, usize)) -> Vec<u8> {
    let mut font = downkit::fonts::DEFAULT_REGULAR.to_vec();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    let entry = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&e| &font[e..e + 4] == tag)
        .expect("the font has the table");
    let (offset, length) = (be(&font[entry + 8..]), be(&font[entry + 12..]));
    change(&mut font, entry, offset, length);
    font
}

fn kit(dir: &Path, regular: &[u8]) -> PathBuf {
    let kit = dir.join("egna-typsnitt");
    copy_dir(Path::new("examples/custom-fonts"), &kit);
    std::fs::write(kit.join("fonts/AtkinsonHyperlegible-Regular.ttf"), regular).unwrap();
    kit
}

#[test]
fn check_refuses_the_fonts_build_refuses() {
    let broken: [(&str, Vec<u8>); 3] = [
        (
            "post missing",
            with_table(b"post", |f, e, _, _| f[e..e + 4].copy_from_slice(b"xost")),
        ),
        (
            "loca cut short",
            with_table(b"loca", |f, e, _, _| {
                f[e + 12..e + 16].copy_from_slice(&2u32.to_be_bytes())
            }),
        ),
        (
            "hhea garbage",
            with_table(b"hhea", |f, _, off, len| {
                f[off..off + len].iter_mut().for_each(|b| *b = 0xAB)
            }),
        ),
    ];
    for (what, bytes) in broken {
        let dir = tempfile::tempdir().unwrap();
        let kit = kit(dir.path(), &bytes);
        let k = kit.to_str().unwrap();
        let out = dir.path().join("out");
        let o = downkit(&[
            "build",
            k,
            "-o",
            out.to_str().unwrap(),
            "--date",
            "2026-12-01",
        ]);
        assert_eq!(o.status.code(), Some(1), "{what}: build should refuse it");
        let o = downkit(&[
            "check",
            k,
            "--date",
            "2026-12-01",
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains("error[font-unreadable]"), "{what}: {err}");
        assert!(err.contains("the regular font"), "{what}: {err}");
        assert!(err.contains("kit.toml:21:21"), "{what}: {err}");
        assert!(!err.contains("the bold font"), "{what}: {err}");
    }
}

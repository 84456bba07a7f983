//! Symlinks planted where downkit writes or reads (issue 28, items 3 and 8): an output name
//! that is a link — the binder's, `<kit>.last-build.json`, a snapshot's predictable name, a
//! ledger — is refused with an error naming it, and the file it points at is untouched;
//! snapshots and ledgers are written mode 0600; a kit's `kit.toml`, `drills.toml` or
//! `shelf-checks.toml` that links out of the kit's folders is never read or echoed; `diff`
//! reads an old binder only through the bounded reader.

use crate::support;

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;
use support::downkit;
use support::scans::copy_dir;

const SECRET: &str = "kund: 19121212-1212 (mode 600, not downkit's)";

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A file of someone else's, mode 0600, that a planted link points at.
fn victim(dir: &Path) -> PathBuf {
    let v = dir.join("victim.txt");
    std::fs::write(&v, SECRET).unwrap();
    std::fs::set_permissions(&v, std::fs::Permissions::from_mode(0o600)).unwrap();
    v
}

fn untouched(v: &Path) {
    assert_eq!(std::fs::read_to_string(v).unwrap(), SECRET);
    let mode = std::fs::metadata(v).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

/// The refusal names the path and says what to do.
fn refused(o: &Output, name: &str) {
    let t = text(o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains(name), "{t}");
    assert!(
        t.contains("symbolic link") && t.contains("remove the link"),
        "{t}"
    );
}

#[test]
fn build_refuses_a_link_at_the_binder_and_at_the_last_build_record() {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("kit");
    support::init_kit(&kit, "en");
    let out = work.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let v = victim(work.path());
    let build = || {
        downkit(&[
            "build",
            kit.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--date",
            "2026-12-01",
            "-q",
        ])
    };
    // Learn the names from a first build, then plant links there.
    let first = build();
    assert!(first.status.success(), "{}", text(&first));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let binder = names.iter().find(|n| n.ends_with(".pdf")).unwrap().clone();
    let record = names
        .iter()
        .find(|n| n.ends_with(".last-build.json"))
        .unwrap()
        .clone();
    for name in [&binder, &record] {
        std::fs::remove_file(out.join(name)).unwrap();
        symlink(&v, out.join(name)).unwrap();
        let o = build();
        refused(&o, name);
        untouched(&v);
        assert!(std::fs::symlink_metadata(out.join(name))
            .unwrap()
            .is_symlink());
        std::fs::remove_file(out.join(name)).unwrap();
        assert!(build().status.success());
    }
}

#[test]
fn a_snapshot_never_follows_a_link_and_is_private() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("reserv");
    std::fs::create_dir(&out).unwrap();
    let v = victim(work.path());
    let name = "hemtjanst-planering-snapshot-2026-12-01-0600.pdf";
    symlink(&v, out.join(name)).unwrap();
    let snapshot = || {
        downkit(&[
            "snapshot",
            "kits/hemtjanst-planering",
            "--sample",
            "--no-encrypt",
            "--as-of",
            "2026-12-01 06:00",
            "-o",
            out.to_str().unwrap(),
            "-q",
        ])
    };
    refused(&snapshot(), name);
    untouched(&v);
    // Without the link: written, readable by its owner only, even unencrypted.
    std::fs::remove_file(out.join(name)).unwrap();
    let o = snapshot();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(mode(&out.join(name)), 0o600);
    // A file someone else left at the name with mode 666 does not pass its mode on.
    std::fs::set_permissions(out.join(name), std::fs::Permissions::from_mode(0o666)).unwrap();
    assert!(snapshot().status.success());
    assert_eq!(mode(&out.join(name)), 0o600);
}

#[test]
fn a_ledger_never_follows_a_link_out_of_the_kit_and_is_private() {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("skanning");
    copy_dir(Path::new("tests/fixtures/kits/scanback"), &kit);
    let v = victim(work.path());
    let ledger = kit.join("ledger-2027-03.toml");
    symlink(&v, &ledger).unwrap();
    let enter = || {
        downkit(&[
            "reconcile",
            kit.to_str().unwrap(),
            "--incident",
            "2027-03",
            "--date",
            "2027-03-22",
            "--entered",
            "HM-0002",
            "--case",
            "4711",
            "--by",
            "AB",
        ])
    };
    let o = enter();
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(
        t.contains("ledger-2027-03.toml") && t.contains("outside the kit folder"),
        "{t}"
    );
    assert!(!t.contains("19121212"), "the linked file was echoed: {t}");
    untouched(&v);
    std::fs::remove_file(&ledger).unwrap();
    let o = enter();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(mode(&ledger), 0o600);
}

#[test]
fn kit_files_that_link_out_of_the_kit_are_never_read() {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("kit");
    support::init_kit(&kit, "sv");
    let v = victim(work.path());
    // A kit.toml that is a link to a file elsewhere.
    let elsewhere = work.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::rename(kit.join("kit.toml"), elsewhere.join("kit.toml")).unwrap();
    symlink(elsewhere.join("kit.toml"), kit.join("kit.toml")).unwrap();
    let o = downkit(&["check", kit.to_str().unwrap(), "--date", "2026-12-01"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("outside the kit folder"), "{t}");
    std::fs::remove_file(kit.join("kit.toml")).unwrap();
    std::fs::rename(elsewhere.join("kit.toml"), kit.join("kit.toml")).unwrap();
    // drills.toml and shelf-checks.toml linked to a file outside: refused, never echoed.
    for log in ["drills.toml", "shelf-checks.toml"] {
        symlink(&v, kit.join(log)).unwrap();
        let o = downkit(&["check", kit.to_str().unwrap(), "--date", "2026-12-01"]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{log}: {t}");
        assert!(
            t.contains(log) && t.contains("outside the kit folder"),
            "{t}"
        );
        assert!(!t.contains("19121212"), "{log} was echoed: {t}");
        std::fs::remove_file(kit.join(log)).unwrap();
    }
    untouched(&v);
}

#[test]
fn a_log_linked_into_a_shared_folder_is_read_and_replaced_where_it_is() {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("ovningskit");
    copy_dir(Path::new("tests/fixtures/kits/drill"), &kit);
    let shared = work.path().join("loggar");
    std::fs::create_dir(&shared).unwrap();
    let real = shared.join("ovningskit-drills.toml");
    std::fs::rename(kit.join("drills.toml"), &real).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    symlink(&real, kit.join("drills.toml")).unwrap();
    let toml = std::fs::read_to_string(kit.join("kit.toml")).unwrap();
    let declared = toml.replacen("[kit]\n", "[kit]\nshared-folders = [\"../loggar\"]\n", 1);
    assert_ne!(toml, declared);
    std::fs::write(kit.join("kit.toml"), declared).unwrap();
    let before = std::fs::read_to_string(&real)
        .unwrap()
        .matches("[[drill]]")
        .count();
    let o = downkit(&[
        "drill",
        kit.to_str().unwrap(),
        "--record",
        "--date",
        "2026-12-03",
        "--participant",
        "Anna Berg",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::symlink_metadata(kit.join("drills.toml"))
        .unwrap()
        .is_symlink());
    let after = std::fs::read_to_string(&real)
        .unwrap()
        .matches("[[drill]]")
        .count();
    assert_eq!(after, before + 1);
    assert_eq!(mode(&real), 0o640);
}

#[test]
fn diff_reads_an_old_binder_only_through_the_bounded_reader() {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("kit");
    support::init_kit(&kit, "sv");
    // A `.pdf` that is a link to an endless device, and a FIFO: refused at once, never read.
    let zero = work.path().join("zero.pdf");
    symlink("/dev/zero", &zero).unwrap();
    let fifo = work.path().join("fifo.pdf");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for (old, kind) in [(&zero, "a device"), (&fifo, "a named pipe")] {
        let o = downkit(&["diff", old.to_str().unwrap(), kit.to_str().unwrap()]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(2), "{t}");
        assert!(t.contains(kind) && t.contains("not a regular file"), "{t}");
    }
}

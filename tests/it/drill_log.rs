//! The drill log under concurrent `drill --record`: every recorded drill is kept, the log
//! keeps its mode, and a log linked out of the kit's folders is refused.

use crate::support;
use support::downkit;

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};

const KIT: &str = "tests/fixtures/kits/drill";

/// A copy of the drill fixture in a fresh temp folder.
fn copy_kit(work: &Path) -> PathBuf {
    let kit = work.join("ovningskit");
    std::fs::create_dir_all(&kit).unwrap();
    for f in ["kit.toml", "kontakter.toml", "drills.toml"] {
        std::fs::copy(Path::new(KIT).join(f), kit.join(f)).unwrap();
    }
    kit
}

fn drills(log: &Path) -> usize {
    std::fs::read_to_string(log)
        .unwrap()
        .lines()
        .filter(|l| l.trim() == "[[drill]]")
        .count()
}

fn record(kit: &Path, who: &str) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args([
            "drill",
            kit.to_str().unwrap(),
            "--record",
            "--date",
            "2026-12-03",
            "--participant",
            who,
        ])
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn eight_concurrent_records_keep_eight_drills_in_twenty_trials() {
    for trial in 0..20 {
        let work = tempfile::tempdir().unwrap();
        let kit = copy_kit(work.path());
        let log = kit.join("drills.toml");
        let before = drills(&log);
        let children: Vec<_> = (0..8)
            .map(|i| record(&kit, &format!("Deltagare {trial}-{i}")))
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        assert_eq!(drills(&log), before + 8, "trial {trial}");
        let text = std::fs::read_to_string(&log).unwrap();
        for i in 0..8 {
            assert!(text.contains(&format!("Deltagare {trial}-{i}")), "{text}");
        }
        // The log still reads: `check` is clean about it.
        let o = downkit(&["check", kit.to_str().unwrap(), "--date", "2026-12-04"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

#[test]
fn recording_keeps_the_mode_and_refuses_a_log_linked_out_of_the_kit() {
    let work = tempfile::tempdir().unwrap();
    let kit = copy_kit(work.path());
    std::fs::set_permissions(
        kit.join("drills.toml"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    let before = drills(&kit.join("drills.toml"));
    let o = record(&kit, "Anna Berg").wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(drills(&kit.join("drills.toml")), before + 1);
    let mode = std::fs::metadata(kit.join("drills.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o7777, 0o640);
    // The log lives elsewhere, in a folder the kit does not declare: neither read nor written
    // (tests/it/links.rs has the declared shared folder).
    let other = work.path().join("logs");
    std::fs::create_dir(&other).unwrap();
    let real = other.join("ovningskit-drills.toml");
    std::fs::rename(kit.join("drills.toml"), &real).unwrap();
    symlink(&real, kit.join("drills.toml")).unwrap();
    let o = record(&kit, "Bo Ek").wait_with_output().unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("outside the kit folder"), "{err}");
    assert_eq!(drills(&real), before + 1);
}

#[test]
fn a_log_that_is_not_a_file_is_refused_without_hanging() {
    let work = tempfile::tempdir().unwrap();
    let kit = copy_kit(work.path());
    std::fs::remove_file(kit.join("drills.toml")).unwrap();
    std::fs::create_dir(kit.join("drills.toml")).unwrap();
    let o = record(&kit, "Anna Berg").wait_with_output().unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("drills.toml") && err.contains("folder"),
        "{err}"
    );
}

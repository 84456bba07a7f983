//! A shelf-check log that cannot be read (issue 28, item 10) is an error where it is read:
//! `binder` lists nothing as "never checked" with a due date in the past, `binder --checked`
//! does not append to it, and `status` says the checks are unknown.

use crate::support;

use std::path::{Path, PathBuf};
use support::downkit;
use support::scans::copy_dir;

const BROKEN: &str =
    "[[check]]\nlocation = \"hemtjanst-norra\"\ndate = 2026-13-01\nby = \"AB\"\nfound = \"1.0\"\n";

fn kit(dir: &Path) -> PathBuf {
    copy_dir(Path::new("kits/shared"), &dir.join("shared"));
    let kit = dir.join("hjalpmedel-hemtjanst");
    copy_dir(Path::new("kits/hjalpmedel-hemtjanst"), &kit);
    std::fs::write(kit.join("shelf-checks.toml"), BROKEN).unwrap();
    kit
}

#[test]
fn a_broken_shelf_check_log_is_an_error_where_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let kit = kit(dir.path());
    let k = kit.to_str().unwrap();
    let o = downkit(&["binder", k, "--date", "2026-12-01"]);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(err.contains("shelf-checks.toml:3:8"), "{err}");
    assert!(err.contains("cannot be read"), "{err}");
    assert!(
        !out.contains("never checked") && !out.contains("next by"),
        "{out}"
    );
    // Recording a check: refused, the log untouched.
    let o = downkit(&[
        "binder",
        k,
        "--checked",
        "hemtjanst-norra",
        "--by",
        "AB",
        "--found",
        "1.0",
        "--date",
        "2026-12-01",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("before recording another check"), "{err}");
    assert_eq!(
        std::fs::read_to_string(kit.join("shelf-checks.toml")).unwrap(),
        BROKEN
    );
    // status: the kit is invalid, and no location is called never checked or late.
    let o = downkit(&["status", k, "--date", "2026-12-01", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for l in v[0]["locations"].as_array().unwrap() {
        assert!(l["next_check"].is_null(), "{l}");
        assert_eq!(l["checks_unreadable"], true, "{l}");
        let problems = l["problems"].to_string();
        assert!(problems.contains("cannot be read"), "{problems}");
        assert!(!problems.contains("never checked"), "{problems}");
    }
}

#[test]
fn a_drill_log_with_a_syntax_error_is_never_appended_to() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("ovningskit");
    copy_dir(Path::new("tests/fixtures/kits/drill"), &kit);
    let broken = "[[drill]]\ndate = 2026-13-01\nscenario = \"x\"\n";
    std::fs::write(kit.join("drills.toml"), broken).unwrap();
    let o = downkit(&[
        "drill",
        kit.to_str().unwrap(),
        "--record",
        "--date",
        "2026-12-03",
        "--participant",
        "Anna Berg",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("drills.toml:2:8"), "{err}");
    assert_eq!(
        std::fs::read_to_string(kit.join("drills.toml")).unwrap(),
        broken
    );
}

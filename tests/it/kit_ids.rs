//! Two kits with one id in one run are both refused before anything is written: they would
//! write the same PDF and print the same QR payloads. `list` and `status` say which.

use crate::support;
use support::downkit;

use std::path::Path;

const DATE: &str = "2026-11-27";

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string("examples/minimal.toml").unwrap();
    for (name, text) in [
        ("a", minimal.clone()),
        (
            "b",
            minimal.replace("version = \"1.0\"", "version = \"2.0\""),
        ),
        ("c", minimal.replace("id = \"minimal\"", "id = \"annan\"")),
    ] {
        std::fs::create_dir(dir.path().join(name)).unwrap();
        std::fs::write(dir.path().join(name).join("kit.toml"), text).unwrap();
    }
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn build_refuses_both_kits_and_writes_nothing_for_them() {
    let dir = folder();
    let out = dir.path().join("out");
    let o = downkit(&["build", s(dir.path()), "-o", s(&out), "--date", DATE]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error[duplicate-kit-id]"), "{err}");
    assert!(
        err.contains("a/kit.toml:7:6") && err.contains("b/kit.toml:7:6"),
        "{err}"
    );
    let written: Vec<String> = std::fs::read_dir(&out)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    // The other kit's binder, its build record and the record's lock file.
    assert_eq!(written.len(), 3, "{written:?}");
    assert!(
        written.contains(&"annan-1.0.pdf".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"annan.last-build.json".to_string()),
        "{written:?}"
    );
}

#[test]
fn check_list_and_status_name_the_duplicate() {
    let dir = folder();
    let o = downkit(&["check", s(dir.path()), "--date", DATE]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the kit id `minimal` is also used by"),
        "{err}"
    );
    let o = downkit(&["list", s(dir.path()), "--date", DATE, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let status: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["duplicate id", "duplicate id", "ok"], "{v}");
    let o = downkit(&["list", s(dir.path()), "--date", DATE]);
    let rows = String::from_utf8_lossy(&o.stdout).into_owned();
    let lines: Vec<&str> = rows.lines().skip(1).collect();
    assert_ne!(lines[0], lines[1], "{rows}");
    let o = downkit(&["status", s(dir.path()), "--date", DATE, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["status"], "invalid", "{v}");
    assert!(
        v[0]["errors"][0]
            .as_str()
            .unwrap()
            .contains("duplicate-kit-id"),
        "{v}"
    );
    assert_eq!(v[2]["errors"].as_array().unwrap().len(), 0, "{v}");
}

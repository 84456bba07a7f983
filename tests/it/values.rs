//! Values that used to be misread silently, end to end: a date of 1970-01-01 is a date like
//! any other (an overdue review in `status`), and a kit with an empty id is refused before
//! any PDF is written. The loader's messages are pinned in `tests/fixtures/diag/values`.

use crate::support;
use support::downkit;

const KIT: &str = r#"[kit]
id = "gammal"
title = "Gammal"
organisation = "Exempelby kommun"
owner = "Enhetschef"
version = "1"
issued = 1970-01-01
review-by = 1970-01-01
activation = "Enhetschefen beslutar."

[[contact]]
id = "vaxel"
role = "Växel"
phones = [{ kind = "switchboard", number = "08-465 004 00" }]
verified = 1970-01-01
"#;

#[test]
fn status_counts_a_review_date_of_1970_as_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("gammal");
    std::fs::create_dir(&kit).unwrap();
    std::fs::write(kit.join("kit.toml"), KIT).unwrap();
    let o = downkit(&[
        "status",
        dir.path().to_str().unwrap(),
        "--date",
        "2026-11-27",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let k = &v[0];
    assert_eq!(k["review_by"], "1970-01-01", "{k}");
    assert_eq!(k["review_overdue_days"], 20784, "{k}");
    assert_eq!(k["stale_contacts"][0]["id"], "vaxel", "{k}");
}

#[test]
fn an_empty_kit_id_is_an_error_and_nothing_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("tom");
    std::fs::create_dir(&kit).unwrap();
    let text = KIT
        .replace("id = \"gammal\"", "id = \"\"")
        .replace("1970-01-01", "2026-10-01");
    std::fs::write(
        kit.join("kit.toml"),
        text.replace("review-by = 2026-10-01", "review-by = 2027-04-01"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = downkit(&[
        "build",
        kit.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--date",
        "2026-11-27",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error[empty-id]") && err.contains("kit.toml:2:6"),
        "{err}"
    );
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().count() == 0);
}

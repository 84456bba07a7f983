//! The content fingerprint in every QR payload is over what is printed: a comment or
//! reformatting keeps a printout current, any printed change makes it stale, and `check`
//! warns when printed content changed since the last build but `version` did not.

use crate::support;
use support::downkit;

use std::path::{Path, PathBuf};

const DATE: &str = "2026-11-27";
const FIXTURE: &str = "tests/fixtures/kits/drill";

fn copy_kit(work: &Path) -> PathBuf {
    let kit = work.join("ovningskit");
    std::fs::create_dir_all(&kit).unwrap();
    for f in ["kit.toml", "kontakter.toml", "drills.toml"] {
        std::fs::copy(Path::new(FIXTURE).join(f), kit.join(f)).unwrap();
    }
    kit
}

/// The kit's own QR payload (the cover's), as a build prints it.
fn cover_payload(kit: &Path) -> String {
    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).unwrap();
    let opts = downkit::compose::BuildOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        only: Some("cover".into()),
        ..Default::default()
    };
    let out = downkit::compose::build(&loaded, &fonts, &opts).unwrap();
    out[0]
        .payloads
        .iter()
        .find(|p| p.starts_with("DK1/"))
        .unwrap()
        .clone()
}

fn current(payload: &str, kit: &Path) -> bool {
    let o = downkit(&["decode", payload, "--kit", kit.to_str().unwrap()]);
    o.status.success()
}

fn edit(path: &Path, f: impl Fn(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    let new = f(text.clone());
    assert_ne!(new, text, "the edit changed nothing in {}", path.display());
    std::fs::write(path, new).unwrap();
}

#[test]
fn comments_and_reformatting_keep_a_printout_current() {
    let work = tempfile::tempdir().unwrap();
    let kit = copy_kit(work.path());
    let payload = cover_payload(&kit);
    assert!(current(&payload, &kit));
    edit(&kit.join("kit.toml"), |t| {
        format!(
            "# Granskad 2026-11-27 av Anna.\n\n{}\n# slut\n",
            t.replace(" = ", "   =   ")
        )
    });
    edit(&kit.join("kontakter.toml"), |t| t.replace('\n', "\n\n"));
    assert!(
        current(&payload, &kit),
        "a comment or blank lines made it stale"
    );
    assert_eq!(cover_payload(&kit), payload);
    // Recording a drill is not a change to the printout either.
    let o = downkit(&["drill", kit.to_str().unwrap(), "--record", "--date", DATE]);
    assert!(o.status.success());
    assert!(current(&payload, &kit));
}

#[test]
fn any_printed_change_makes_a_printout_stale() {
    let work = tempfile::tempdir().unwrap();
    let kit = copy_kit(work.path());
    let payload = cover_payload(&kit);
    let text = std::fs::read_to_string(kit.join("kontakter.toml")).unwrap();
    let number = text
        .lines()
        .find_map(|l| l.split("number = \"").nth(1))
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let last = number.chars().last().unwrap().to_digit(10).unwrap();
    let changed = format!("{}{}", &number[..number.len() - 1], (last + 1) % 10);
    assert_ne!(changed, number);
    edit(&kit.join("kontakter.toml"), |t| {
        t.replacen(&number, &changed, 1)
    });
    assert!(
        !current(&payload, &kit),
        "a changed phone number kept it current"
    );
}

#[test]
fn check_warns_when_printed_content_changed_but_version_did_not() {
    let work = tempfile::tempdir().unwrap();
    let kit = copy_kit(work.path());
    let out = work.path().join("out");
    let (k, o) = (kit.to_str().unwrap(), out.to_str().unwrap());
    let b = downkit(&["build", k, "-o", o, "--date", DATE, "-q"]);
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let check = || {
        let c = downkit(&["check", k, "--out", o, "--date", DATE]);
        String::from_utf8_lossy(&c.stderr).into_owned()
    };
    // A comment is not a change.
    edit(&kit.join("kit.toml"), |t| format!("# kommentar\n{t}"));
    assert!(!check().contains("version-not-raised"), "{}", check());
    edit(&kit.join("kit.toml"), |t| {
        t.replacen("title = \"", "title = \"Ny: ", 1)
    });
    let err = check();
    assert!(err.contains("warning[version-not-raised]"), "{err}");
    assert!(err.contains("kit.toml:"), "{err}");
    edit(&kit.join("kit.toml"), |t| {
        t.replacen("version = \"2.1\"", "version = \"2.2\"", 1)
    });
    assert!(!check().contains("version-not-raised"), "{}", check());
}

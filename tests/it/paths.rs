//! Paths: a kit is found however its path is spelt and from whichever folder downkit runs,
//! and every file it reads (includes, fonts) stays inside the kit folder and the shared
//! folders `[kit]` declares, after symlinks are resolved. A refused file is never printed.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;

const DATE: &str = "2026-11-27";

/// The repository's `kits/` folder, absolute.
fn kits() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("kits")
}

fn run_in(cwd: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("runs downkit")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_clean(cwd: &Path, kit: &str) {
    let o = run_in(cwd, &["check", kit, "--date", DATE]);
    let err = stderr(&o);
    assert!(
        o.status.success() && err.contains("ok (0 errors"),
        "`check {kit}` in {}: {err}",
        cwd.display()
    );
}

#[test]
fn a_kit_with_shared_includes_checks_clean_however_its_path_is_spelt() {
    let kits = kits();
    let root = kits.parent().unwrap();
    let abs = kits.join("hjalpmedel-hemtjanst");
    for kit in [
        "hjalpmedel-hemtjanst",
        "./hjalpmedel-hemtjanst",
        "hjalpmedel-hemtjanst/",
        "hjalpmedel-hemtjanst/kit.toml",
        abs.to_str().unwrap(),
    ] {
        assert_clean(&kits, kit);
    }
    assert_clean(root, "kits/hjalpmedel-hemtjanst");
    assert_clean(&kits.join("shared"), "../hjalpmedel-hemtjanst");
    assert_clean(&kits.join("trygghetslarm"), "../hjalpmedel-hemtjanst/");
    assert_clean(&abs, ".");
    assert_clean(&abs, "kit.toml");
    assert_clean(Path::new("/"), abs.to_str().unwrap());
}

#[test]
fn status_and_list_of_the_current_folder_find_every_kit_valid() {
    let kits = kits();
    let o = run_in(&kits, &["status", ".", "--date", DATE, "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{}", stderr(&o)));
    let all = v.as_array().unwrap();
    assert!(all.len() >= 4, "{v}");
    for k in all {
        assert!(k["errors"].as_array().unwrap().is_empty(), "{k}");
        assert!(k["build_error"].is_null(), "{k}");
    }
    let o = run_in(&kits, &["list", ".", "--date", DATE, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for k in v.as_array().unwrap() {
        assert_ne!(k["status"], "invalid", "{k}");
    }
}

/// A kit in a temp folder whose main file is `kit_toml`; returns (work folder, kit folder).
fn kit_with(kit_toml: &str) -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("kits").join("k");
    std::fs::create_dir_all(&kit).unwrap();
    std::fs::write(kit.join("kit.toml"), kit_toml).unwrap();
    (work, kit)
}

fn head(include: &str, extra_kit: &str) -> String {
    format!(
        r#"include = [{include}]

[kit]
id = "k"
title = "Rutin"
organisation = "Exempelby kommun"
owner = "Enhetschef"
version = "1"
issued = 2026-09-01
review-by = 2027-03-01
activation = "Enhetschefen beslutar."
{extra_kit}
"#
    )
}

/// Lines of a file outside every root that must never reach the terminal.
const SECRET: &str = "[[contact]]\nid = \"hemlig\"\nrole = \"HEMLIG-RAD root:x:0:0\"\nverified = 2026-10-01\nbroken =\n";

fn check(kit: &Path) -> (Option<i32>, String) {
    let o = run_in(
        kit.parent().unwrap(),
        &["check", kit.to_str().unwrap(), "--date", DATE],
    );
    let json = run_in(
        kit.parent().unwrap(),
        &[
            "check",
            kit.to_str().unwrap(),
            "--date",
            DATE,
            "--format",
            "json",
        ],
    );
    let all = format!(
        "{}{}{}",
        stderr(&o),
        String::from_utf8_lossy(&json.stdout),
        stderr(&json)
    );
    (o.status.code(), all)
}

#[test]
fn an_absolute_include_is_refused_at_its_position_and_never_printed() {
    let (work, kit) = kit_with(&head("\"/etc/passwd\"", ""));
    let secret = work.path().join("secret.toml");
    std::fs::write(&secret, SECRET).unwrap();
    for target in ["/etc/passwd".to_string(), secret.display().to_string()] {
        std::fs::write(kit.join("kit.toml"), head(&format!("{target:?}"), "")).unwrap();
        let (code, out) = check(&kit);
        assert_eq!(code, Some(1), "{out}");
        assert!(out.contains("kit.toml:1:12"), "{out}");
        assert!(out.contains("absolute"), "{out}");
        assert!(
            !out.contains("root:x:0:0") && !out.contains("HEMLIG"),
            "{out}"
        );
    }
}

#[test]
fn an_include_that_escapes_the_kit_is_refused_even_through_a_symlink() {
    let (work, kit) = kit_with("");
    std::fs::write(work.path().join("secret.toml"), SECRET).unwrap();
    symlink(work.path().join("secret.toml"), kit.join("link.toml")).unwrap();
    symlink(work.path(), kit.join("up")).unwrap();
    std::fs::create_dir(kit.join("sub")).unwrap();
    for inc in [
        "../../secret.toml",
        "../../../../../../../../etc/passwd",
        "link.toml",
        "up/secret.toml",
        "./sub/../../../secret.toml",
    ] {
        std::fs::write(kit.join("kit.toml"), head(&format!("{inc:?}"), "")).unwrap();
        let (code, out) = check(&kit);
        assert_eq!(code, Some(1), "{inc}: {out}");
        assert!(out.contains("kit.toml:1:12"), "{inc}: {out}");
        assert!(out.contains("outside the kit folder"), "{inc}: {out}");
        assert!(out.contains("shared-folders"), "{inc}: {out}");
        assert!(
            !out.contains("root:x:0:0") && !out.contains("HEMLIG"),
            "{inc}: {out}"
        );
    }
}

const CONTACT: &str = "[[contact]]\nid = \"vaxel\"\nrole = \"Växel\"\nphones = [{ kind = \"switchboard\", number = \"08-465 004 00\" }]\nverified = 2026-10-01\n";

#[test]
fn a_declared_shared_folder_may_be_included_from_and_nothing_beside_it() {
    let (work, kit) = kit_with("");
    let shared = work.path().join("kits").join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::write(shared.join("kontakter.toml"), CONTACT).unwrap();
    std::fs::write(work.path().join("kits").join("other.toml"), SECRET).unwrap();
    let inc = "\"../shared/kontakter.toml\"";
    // Not declared: refused.
    std::fs::write(kit.join("kit.toml"), head(inc, "")).unwrap();
    let (code, out) = check(&kit);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("outside the kit folder"), "{out}");
    // Declared: read, also when the shared file is reached through a link in the kit.
    let declared = "shared-folders = [\"../shared\"]";
    std::fs::write(kit.join("kit.toml"), head(inc, declared)).unwrap();
    let (code, out) = check(&kit);
    assert_eq!(code, Some(0), "{out}");
    symlink("../shared/kontakter.toml", kit.join("via-link.toml")).unwrap();
    std::fs::write(kit.join("kit.toml"), head("\"via-link.toml\"", declared)).unwrap();
    let (code, out) = check(&kit);
    assert_eq!(code, Some(0), "{out}");
    // A sibling of the shared folder stays out.
    let beside = "\"../shared/../other.toml\"";
    std::fs::write(kit.join("kit.toml"), head(beside, declared)).unwrap();
    let (code, out) = check(&kit);
    assert_eq!(code, Some(1), "{out}");
    assert!(!out.contains("HEMLIG"), "{out}");
}

#[test]
fn shared_folders_must_exist_and_be_relative() {
    let (_work, kit) = kit_with(&head("", "shared-folders = [\"../saknas\", \"/etc\"]"));
    let (code, out) = check(&kit);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("kit.toml:12:19"), "{out}");
    assert!(out.contains("`../saknas`"), "{out}");
    assert!(out.contains("kit.toml:12:32"), "{out}");
    assert!(out.contains("relative"), "{out}");
}

#[test]
fn a_font_outside_the_kit_is_refused() {
    let (work, kit) = kit_with("");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/AtkinsonHyperlegible-Regular.ttf"),
        work.path().join("font.ttf"),
    )
    .unwrap();
    for path in ["/etc/passwd", "../../font.ttf"] {
        let fonts = format!("fonts = {{ regular = {path:?}, bold = {path:?} }}");
        std::fs::write(kit.join("kit.toml"), head("", &fonts)).unwrap();
        let (code, out) = check(&kit);
        assert_eq!(code, Some(1), "{out}");
        assert!(out.contains("kit.toml:12:"), "{out}");
        assert!(
            out.contains("outside the kit folder") || out.contains("absolute"),
            "{out}"
        );
        assert!(!out.contains("root:x:0:0"), "{out}");
    }
}

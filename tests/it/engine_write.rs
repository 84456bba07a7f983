//! Atomic write: failures never truncate or replace a good file and name the folder; temp
//! files are created exclusively under unpredictable names, never follow a planted link,
//! are removed on every error path and, when a crashed run left them, by a later write; a
//! replaced file keeps its mode, and a symlink at the name is refused, never written through.

use crate::support;

use downkit::write::{write_atomic, write_new};
use std::os::unix::fs::{symlink, PermissionsExt};
use std::time::{Duration, SystemTime};
use support::tmp;

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_link_planted_at_a_predictable_temp_name_is_never_followed() {
    let dir = tmp("planted");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, b"precious").unwrap();
    // The names an older downkit used, and a few likely guesses.
    let pid = std::process::id();
    for name in [
        format!(".kit.pdf.{pid}.tmp"),
        ".kit.pdf.tmp".to_string(),
        "kit.pdf.tmp".to_string(),
    ] {
        symlink(&victim, dir.join(name)).unwrap();
    }
    let target = dir.join("kit.pdf");
    write_atomic(&target, b"new kit").unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert_eq!(std::fs::read(&target).unwrap(), b"new kit");
    assert!(!std::fs::symlink_metadata(&target).unwrap().is_symlink());
}

#[test]
fn a_failing_replace_leaves_the_old_content_and_no_temp_file() {
    let dir = tmp("atomic");
    let target = dir.join("kit.pdf");
    write_atomic(&target, b"good old kit").unwrap();
    write_atomic(&target, b"second").unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"second");
    assert_eq!(names(&dir), ["kit.pdf"]);
    // A folder with content where the file should go: the rename fails after the temp file
    // was written; the temp file must go.
    let busy = dir.join("busy.pdf");
    std::fs::create_dir(&busy).unwrap();
    std::fs::write(busy.join("inside"), b"keep").unwrap();
    let err = write_atomic(&busy, b"new").unwrap_err();
    assert!(err.to_string().contains("busy.pdf"), "{err}");
    assert_eq!(std::fs::read(busy.join("inside")).unwrap(), b"keep");
    assert_eq!(names(&dir), ["busy.pdf", "kit.pdf"]);
}

#[test]
fn unwritable_folder_is_named() {
    let dir = tmp("nofolder");
    let missing = dir.join("does-not-exist");
    let err = write_atomic(&missing.join("kit.pdf"), b"x").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("cannot create a file in folder") && msg.contains(missing.to_str().unwrap()),
        "{msg}"
    );
    // A file where a folder should be.
    std::fs::write(dir.join("plain"), b"").unwrap();
    let err = write_atomic(&dir.join("plain").join("kit.pdf"), b"x").unwrap_err();
    assert!(err.to_string().contains("plain"), "{err}");
}

#[test]
fn stale_temp_files_of_a_crashed_run_are_removed_and_fresh_ones_kept() {
    let dir = tmp("stale");
    let old = SystemTime::now() - Duration::from_secs(3 * 3600);
    let stale = dir.join(".kit.pdf.a1b2c3.downkit-tmp");
    let other_stale = dir.join(".drills.toml.zz9Q.downkit-tmp");
    let fresh = dir.join(".kit.pdf.d4e5f6.downkit-tmp");
    let foreign = dir.join(".kit.pdf.swp");
    for p in [&stale, &other_stale, &fresh, &foreign] {
        std::fs::write(p, b"partial").unwrap();
    }
    for p in [&stale, &other_stale, &foreign] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    write_atomic(&dir.join("kit.pdf"), b"kit").unwrap();
    // A fresh one may belong to a build running right now; other files are not ours.
    assert_eq!(
        names(&dir),
        [".kit.pdf.d4e5f6.downkit-tmp", ".kit.pdf.swp", "kit.pdf"]
    );
}

#[test]
fn a_replaced_file_keeps_its_mode_and_a_new_one_gets_the_usual_mode() {
    let dir = tmp("mode");
    let target = dir.join("drills.toml");
    std::fs::write(&target, b"old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    write_atomic(&target, b"new").unwrap();
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640);
    // A new file is readable as any file the user creates (not the temp file's 0600).
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .map(|u| u32::from_str_radix(u.trim(), 8).unwrap())
        })
        .unwrap_or(0o022);
    let fresh = dir.join("kit.pdf");
    write_atomic(&fresh, b"pdf").unwrap();
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o666 & !umask);
}

#[test]
fn a_symlink_at_the_name_is_refused_and_its_target_untouched() {
    let dir = tmp("link");
    std::fs::create_dir(dir.join("real")).unwrap();
    let real = dir.join("real").join("drills.toml");
    std::fs::write(&real, b"old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.join("drills.toml");
    symlink("real/drills.toml", &link).unwrap();
    let err = write_atomic(&link, b"new").unwrap_err();
    assert!(err.is_link(), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("drills.toml") && text.contains("symbolic link"),
        "{text}"
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read(&real).unwrap(), b"old");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o600);
    assert_eq!(names(&dir.join("real")), ["drills.toml"]);
    assert_eq!(names(&dir), ["drills.toml", "real"]);
}

#[test]
fn write_new_never_replaces_an_existing_file() {
    let dir = tmp("new");
    let target = dir.join("kit.toml");
    write_new(&target, b"first").unwrap();
    let err = write_new(&target, b"second").unwrap_err();
    assert_eq!(
        err.source.kind(),
        std::io::ErrorKind::AlreadyExists,
        "{err}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"first");
    assert_eq!(names(&dir), ["kit.toml"]);
}

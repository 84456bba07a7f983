//! Atomic write: failures never truncate or replace a good file, and name the folder.

mod support;

use downkit::write::write_atomic;
use support::tmp;

#[test]
fn failing_write_leaves_old_file_intact() {
    let dir = tmp("atomic");
    let target = dir.join("kit.pdf");
    write_atomic(&target, b"good old kit").unwrap();
    // Block the temp file's name with a folder so that creating it fails.
    let blocker = dir.join(format!(".kit.pdf.{}.tmp", std::process::id()));
    std::fs::create_dir(&blocker).unwrap();
    let err = write_atomic(&target, b"new").unwrap_err();
    assert_eq!(std::fs::read(&target).unwrap(), b"good old kit");
    assert!(err.to_string().contains(dir.to_str().unwrap()), "{err}");
    std::fs::remove_dir(&blocker).unwrap();
    write_atomic(&target, b"new").unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
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

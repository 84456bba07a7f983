//! Files that are not files: a FIFO, a device, a folder or a 2 GB sparse file given as the
//! kit, an include, a font or the drill log is refused with a clear message, never read —
//! no hang (every run here has a time limit), no memory eaten.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const DATE: &str = "2026-11-27";
const LIMIT: Duration = Duration::from_secs(30);

/// Runs downkit, killing it and failing the test when it takes longer than [`LIMIT`].
fn run_limited(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("downkit {args:?} hung for {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo {}", p.display());
}

fn sparse(p: &Path, bytes: u64) {
    std::fs::File::create(p).unwrap().set_len(bytes).unwrap();
}

const KIT: &str = r#"[kit]
id = "k"
title = "Rutin"
organisation = "Exempelby kommun"
owner = "Enhetschef"
version = "1"
issued = 2026-09-01
review-by = 2027-03-01
activation = "Enhetschefen beslutar."
"#;

/// Checks `kit` and returns the exit code and stderr.
fn check(kit: &Path) -> (Option<i32>, String) {
    let o = run_limited(&["check", kit.to_str().unwrap(), "--date", DATE]);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn an_include_that_is_a_fifo_a_folder_or_huge_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.toml"));
    std::fs::create_dir(dir.path().join("folder.toml")).unwrap();
    sparse(&dir.path().join("huge.toml"), 2 << 30);
    for (name, says) in [
        ("pipe.toml", "named pipe"),
        ("folder.toml", "folder"),
        ("huge.toml", "2147483648 bytes"),
    ] {
        let text = format!("include = [\"{name}\"]\n{KIT}");
        std::fs::write(dir.path().join("kit.toml"), text).unwrap();
        let (code, err) = check(dir.path());
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains(says) && err.contains(name), "{name}: {err}");
        assert!(err.contains("kit.toml:1:12"), "{name}: {err}");
    }
}

#[test]
fn a_kit_that_is_a_device_or_a_fifo_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("kit.toml");
    mkfifo(&fifo);
    for (kit, says) in [
        (Path::new("/dev/zero"), "device"),
        (Path::new("/dev/urandom"), "device"),
        (fifo.as_path(), "named pipe"),
        (dir.path(), "named pipe"),
    ] {
        let (code, err) = check(kit);
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains(says), "{}: {err}", kit.display());
    }
}

#[test]
fn a_font_that_is_a_fifo_a_folder_or_huge_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.ttf"));
    std::fs::create_dir(dir.path().join("folder.ttf")).unwrap();
    sparse(&dir.path().join("huge.ttf"), 2 << 30);
    for (name, says) in [
        ("pipe.ttf", "named pipe"),
        ("folder.ttf", "folder"),
        ("huge.ttf", "2147483648 bytes"),
    ] {
        let text = format!("{KIT}fonts = {{ regular = \"{name}\", bold = \"{name}\" }}\n");
        std::fs::write(dir.path().join("kit.toml"), text).unwrap();
        let (code, err) = check(dir.path());
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains(says) && err.contains(name), "{name}: {err}");
        assert!(err.contains("kit.toml:10:"), "{name}: {err}");
    }
}

#[test]
fn a_drill_log_that_is_not_a_file_is_refused_by_check_status_and_record() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("k");
    std::fs::create_dir(&kit).unwrap();
    std::fs::write(kit.join("kit.toml"), KIT).unwrap();
    let log = kit.join("drills.toml");
    let kit_s = kit.to_str().unwrap();
    let make: [(&str, &dyn Fn()); 4] = [
        ("named pipe", &|| mkfifo(&log)),
        // A link to a device leads out of the kit's folders: refused before it is opened.
        ("outside the kit folder", &|| {
            symlink("/dev/zero", &log).unwrap()
        }),
        ("outside the kit folder", &|| {
            symlink("/dev/urandom", &log).unwrap()
        }),
        ("bytes", &|| sparse(&log, 2 << 30)),
    ];
    for (says, make) in make {
        let _ = std::fs::remove_file(&log);
        make();
        let (code, err) = check(&kit);
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains(says) && err.contains("drills.toml"), "{err}");
        let o = run_limited(&["status", dir.path().to_str().unwrap(), "--date", DATE]);
        assert_eq!(o.status.code(), Some(1));
        let o = run_limited(&["drill", kit_s, "--record", "--date", DATE]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{err}");
    }
    // Nothing was written through the link to the device or into the pipe's place.
    assert!(std::fs::symlink_metadata(&log).unwrap().len() == 2 << 30);
}

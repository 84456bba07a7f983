//! What `downkit snapshot` reads and leaves behind: an export given at run time lies outside
//! the kit folder, but like every other input it must be a regular file (a folder, a device
//! or a named pipe is refused at once, and a pipe never hangs the job), and so must the
//! password file; a run writes the snapshot and nothing else — no copy of the export, no
//! cache, nothing in the kit folder — and no export value reaches its output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const KIT: &str = "kits/hemtjanst-planering";
const PASSWORD: &str = "korrekt häst batteri häftstift";

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// Runs `downkit snapshot` of the kit with `args`, failing the test if it takes more than a
/// minute (a blocked read of a pipe would).
fn snapshot(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args([
            "snapshot",
            root(KIT).to_str().unwrap(),
            "--as-of",
            "2026-12-01 06:00",
        ])
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("DOWNKIT_PASSWORD", PASSWORD)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs downkit");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("downkit snapshot {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn sample(file: &str) -> String {
    root(&format!("{KIT}/exempeldata-fiktiv/{file}"))
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn an_export_that_is_not_a_regular_file_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reserv");
    let besok = format!("besok={}", sample("besok.csv"));
    let folder = dir.path().join("export");
    std::fs::create_dir(&folder).unwrap();
    let mut cases = vec![(folder.to_str().unwrap().to_string(), "a folder")];
    #[cfg(unix)]
    {
        cases.push(("/dev/zero".to_string(), "a device"));
        let fifo = dir.path().join("brukare.csv");
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        cases.push((fifo.to_str().unwrap().to_string(), "a named pipe"));
    }
    for (path, kind) in cases {
        let o = snapshot(&[
            "--data",
            &format!("brukare={path}"),
            "--data",
            &besok,
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{path}: {err}");
        assert!(err.contains("error[not-a-file]"), "{path}: {err}");
        assert!(err.contains(kind), "{path}: {err}");
        assert!(!out
            .join("hemtjanst-planering-snapshot-2026-12-01-0600.pdf")
            .exists());
    }
}

#[cfg(unix)]
#[test]
fn a_password_file_that_is_a_named_pipe_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("snapshot.pass");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let out = dir.path().join("reserv");
    let o = snapshot(&[
        "--sample",
        "--password-file",
        fifo.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("named pipe"), "{}", stderr(&o));
    assert!(!out.exists());
}

/// Every file under `dir` with its size.
fn tree(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push((p.clone(), e.metadata().unwrap().len()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_snapshot_leaves_nothing_behind_but_the_encrypted_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    for f in ["brukare.csv", "besok.csv"] {
        std::fs::copy(sample(f), export.join(f)).unwrap();
    }
    let out = dir.path().join("reserv");
    let kit_before = tree(&root(KIT));
    let export_before = tree(&export);
    let o = snapshot(&[
        "--data",
        &format!("brukare={}", export.join("brukare.csv").display()),
        "--data",
        &format!("besok={}", export.join("besok.csv").display()),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        tree(&root(KIT)),
        kit_before,
        "nothing is written into the kit"
    );
    assert_eq!(tree(&export), export_before, "the export is only read");
    let written: Vec<String> = tree(&out)
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        written,
        ["hemtjanst-planering-snapshot-2026-12-01-0600.pdf"]
    );
    // Neither the file nor what the run printed holds a value of the export in the clear.
    let pdf = std::fs::read(out.join(&written[0])).unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    for value in ["19320405-4393", "Björkvägen", "Nyckelgömma", "B-40101"] {
        assert!(!said.contains(value), "{value} in the output: {said}");
        assert!(
            !pdf.windows(value.len()).any(|w| w == value.as_bytes()),
            "{value} readable in the encrypted file"
        );
    }
}

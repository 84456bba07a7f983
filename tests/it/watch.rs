//! `downkit watch` through the binary: it builds at start, rebuilds after a save, reports a
//! broken kit without touching the last good PDF, and builds again once the kit is fixed.
//! Every wait polls the process's output with a deadline; nothing sleeps a fixed time
//! before asserting.

use crate::support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Generous: the machine may be busy; a passing run waits far less.
const DEADLINE: Duration = Duration::from_secs(90);

struct Watch {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watch {
    fn start(kit: &Path, out: &Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_downkit"))
            .args(["watch", kit.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .args(["--date", "2026-12-01", "--format", "json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch { child, lines }
    }

    /// The next build's event (`built`, `invalid`, `failed`) and message.
    fn next(&self) -> (String, String) {
        let line = self
            .lines
            .recv_timeout(DEADLINE)
            .expect("watch printed nothing before the deadline");
        let v: serde_json::Value = serde_json::from_str(&line).expect(&line);
        (
            v["event"].as_str().unwrap().to_string(),
            v["message"].as_str().unwrap().to_string(),
        )
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Saves `text` as an editor does: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("toml.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let dir = support::tmp("watch");
    let kit = dir.join("kit");
    std::fs::create_dir_all(&kit).unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal.toml"),
    )
    .unwrap();
    let file = kit.join("kit.toml");
    std::fs::write(&file, &text).unwrap();
    let out = dir.join("out");
    let watch = Watch::start(&kit, &out);

    let (event, message) = watch.next();
    assert_eq!(event, "built", "{message}");
    let pdf = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("a PDF was written");
    let first = std::fs::read(&pdf).unwrap();

    // A save with a new title rebuilds: the PDF changes.
    let renamed = text.replacen("title = \"", "title = \"Ny ", 1);
    assert_ne!(renamed, text, "the example has a title");
    save(&file, &renamed);
    let (event, message) = watch.next();
    assert_eq!(event, "built", "{message}");
    let second = std::fs::read(&pdf).unwrap();
    assert_ne!(second, first, "the rebuilt PDF has the new title");

    // A broken save is reported; the last good PDF stays as it was.
    save(&file, &renamed.replacen("[kit]", "[kit\n", 1));
    let (event, message) = watch.next();
    assert_eq!(event, "invalid", "{message}");
    assert!(message.contains("last good PDF is kept"), "{message}");
    assert_eq!(std::fs::read(&pdf).unwrap(), second);

    // Fixed again: built again.
    save(&file, &text);
    let (event, message) = watch.next();
    assert_eq!(event, "built", "{message}");
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        first,
        "same kit, same date, same bytes"
    );
}

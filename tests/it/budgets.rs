//! Bounded work: kit-wide budgets for pages, serialized copies and entries are checked
//! before any layout — in `check` and `status` as in `build` — with an error that says the
//! total and the limit; a layout that would run past the page limit stops with an error.
//! Every run here is capped at 1 GiB of address space, so an unbounded one fails fast
//! instead of taking the machine (no timing is asserted).

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

const DATE: &str = "2026-11-27";

const HEAD: &str = r#"[kit]
id = "stor"
title = "Stor"
organisation = "Exempelby kommun"
owner = "Enhetschef"
version = "1"
issued = 2026-09-01
review-by = 2027-03-01
activation = "Enhetschefen beslutar."
"#;

fn run(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_downkit"));
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH");
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("runs downkit")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write_kit(dir: &Path, body: &str) {
    std::fs::write(dir.join("kit.toml"), format!("{HEAD}{body}")).unwrap();
}

fn logs(n: usize, sheets: u32) -> String {
    (0..n)
        .map(|i| format!("[[log]]\nid = \"logg-{i}\"\ntitle = \"Logg {i}\"\nsheets = {sheets}\n"))
        .collect()
}

fn forms(n: usize, copies: u32) -> String {
    (0..n)
        .map(|i| {
            format!(
                "[[form]]\nid = \"blankett-{i}\"\ntitle = \"Blankett {i}\"\nserial = {{ copies = {copies}, prefix = \"B{i}-\", digits = 5 }}\n\n[[form.section]]\ntitle = \"Del\"\n\n[[form.section.field]]\nlabel = \"Namn\"\n"
            )
        })
        .collect()
}

/// `check`, `status` and `build` all refuse the kit in `dir` with `says` in the error.
fn refused_everywhere(dir: &Path, says: &[&str]) {
    let d = dir.to_str().unwrap();
    let out = dir.join("out");
    for args in [
        vec!["check", d, "--date", DATE],
        vec!["status", d, "--date", DATE],
        vec!["build", d, "-o", out.to_str().unwrap(), "--date", DATE],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let text = format!("{}{}", stderr(&o), String::from_utf8_lossy(&o.stdout));
        for s in says {
            assert!(text.contains(s), "{args:?}: no {s:?} in {text}");
        }
    }
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn thousands_of_log_sheets_are_refused_before_layout() {
    let dir = tempfile::tempdir().unwrap();
    write_kit(dir.path(), &logs(999, 100));
    refused_everywhere(dir.path(), &["99900 log sheets", "at most 1000"]);
}

#[test]
fn a_million_serialized_copies_are_refused_before_layout() {
    let dir = tempfile::tempdir().unwrap();
    write_kit(dir.path(), &forms(100, 10_000));
    refused_everywhere(dir.path(), &["1000000 serialized copies", "at most 10000"]);
}

#[test]
fn the_entry_limit_holds_for_the_whole_kit_not_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut include = Vec::new();
    for f in 0..101 {
        let name = format!("kontakter-{f}.toml");
        let text: String = (0..1000)
            .map(|i| {
                format!("[[contact]]\nid = \"k{f}-{i}\"\nrole = \"Roll\"\nphones = [{{ kind = \"mobile\", number = \"070-174 06 05\" }}]\nverified = 2026-10-01\n")
            })
            .collect();
        std::fs::write(dir.path().join(&name), text).unwrap();
        include.push(format!("{name:?}"));
    }
    let body = format!("include = [{}]\n{HEAD}", include.join(", "));
    std::fs::write(dir.path().join("kit.toml"), body).unwrap();
    refused_everywhere(dir.path(), &["101000 contacts", "at most 1000"]);
}

#[test]
fn copies_given_on_the_command_line_count_too() {
    let dir = tempfile::tempdir().unwrap();
    write_kit(dir.path(), &forms(3, 10));
    let out = dir.path().join("out");
    let o = run(&[
        "build",
        dir.path().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--date",
        DATE,
        "--copies",
        "10000",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("30000 serialized copies") && err.contains("--copies"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_layout_past_the_page_limit_stops_with_an_error() {
    // Few copies, but each copy of the form runs to hundreds of pages.
    let dir = tempfile::tempdir().unwrap();
    let sections: String = (0..100)
        .map(|s| {
            let fields: String = (0..20)
                .map(|f| format!("[[form.section.field]]\nlabel = \"Fält {f}\"\nkind = \"lines\"\nlines = 20\n"))
                .collect();
            format!("[[form.section]]\ntitle = \"Del {s}\"\n\n{fields}")
        })
        .collect();
    let body = format!(
        "[[form]]\nid = \"lang\"\ntitle = \"Lång\"\nserial = {{ copies = 100 }}\n\n{sections}"
    );
    write_kit(dir.path(), &body);
    let o = run(&["check", dir.path().to_str().unwrap(), "--date", DATE]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("pages") && err.contains("at most 10000 pages"),
        "{err}"
    );
}

//! The real binary on fixture folders: `check`, `init`, `list`, exit codes and bad input.

use crate::support;
use support::downkit;

use std::path::Path;
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const DATE: &str = "2026-11-27";

/// A kit with a misspelt key, a dangling contact reference and an overdue review date.
const BROKEN: &str = r#"[kit]
id = "broken"
title = "Trasig"
subtitel = "Felstavad nyckel"
organisation = "Exempelby kommun"
owner = "Enhetschef"
version = "1"
issued = 2025-06-01
review-by = 2026-01-01
activation = "Enhetschefen beslutar."

[[contact]]
id = "tib"
role = "Tjänsteman i beredskap"
phones = [{ kind = "mobile", number = "070-174 06 05" }]
verified = 2026-10-01

[[procedure]]
id = "rutin"
title = "Rutin"
who = ["personal"]

[[procedure.step]]
text = "Ring TiB."
call = "tjb"

[[role]]
id = "personal"
name = "Personalen på passet"

[[term]]
term = "TiB"
means = "Tjänsteman i beredskap."
"#;

#[test]
fn broken_kit_reports_all_three_problems_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kit.toml"), BROKEN).unwrap();
    let kit = dir.path().to_str().unwrap();
    let o = downkit(&["check", kit, "--date", DATE]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("unknown key `subtitel` in [kit]"), "{err}");
    // A Swedish kit: the help line in Swedish.
    assert!(err.contains("menade du `subtitle`?"), "{err}");
    assert!(err.contains("kit.toml:4:1"), "{err}");
    assert!(err.contains("there is no contact with id `tjb`"), "{err}");
    assert!(err.contains("kit.toml:25:8"), "{err}");
    assert!(err.contains("passed 330 days ago"), "{err}");
    assert!(err.contains("kit.toml:9:13"), "{err}");
    assert!(err.contains("2 errors, 1 warning"), "{err}");
    // Piped output is plain: no colour escapes.
    assert!(!err.contains('\u{1b}'), "colour codes in piped output");
}

#[test]
fn json_format_is_machine_readable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kit.toml"), BROKEN).unwrap();
    let o = downkit(&[
        "check",
        dir.path().to_str().unwrap(),
        "--date",
        DATE,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let diags = v[0]["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        ["unknown-key", "review-overdue", "unknown-reference"]
    );
    assert_eq!(diags[2]["line"], 25);
    assert_eq!(diags[2]["column"], 8);
    assert_eq!(v[0]["errors"], 2);
    assert_eq!(v[0]["warnings"], 1);
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = tempfile::tempdir().unwrap();
    let only_warning = BROKEN
        .replace("subtitel", "subtitle")
        .replace("\"tjb\"", "\"tib\"");
    std::fs::write(dir.path().join("kit.toml"), only_warning).unwrap();
    let kit = dir.path().to_str().unwrap();
    assert_eq!(
        downkit(&["check", kit, "--date", DATE]).status.code(),
        Some(0)
    );
    let o = downkit(&["check", kit, "--date", DATE, "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(downkit(&["check"]).status.code(), Some(2));
    assert_eq!(downkit(&["frobnicate"]).status.code(), Some(2));
    let o = downkit(&["check", "x", "--date", "27/11/2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("write YYYY-MM-DD"));
}

#[test]
fn init_writes_a_kit_that_passes_check_and_never_overwrites() {
    for lang in ["sv", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let kit = dir.path().join("ny");
        let kit = kit.to_str().unwrap();
        let o = downkit(&["init", kit, "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = downkit(&["check", kit, "--deny-warnings"]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "init output fails check: {}",
            stderr(&o)
        );
        let before = std::fs::read(Path::new(kit).join("kit.toml")).unwrap();
        let o = downkit(&["init", kit]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("never overwrites"));
        assert_eq!(
            std::fs::read(Path::new(kit).join("kit.toml")).unwrap(),
            before
        );
    }
}

#[test]
fn bad_input_gets_a_clear_message_and_exit_1_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("empty.toml"), "").unwrap();
    std::fs::write(p.join("latin1.toml"), b"title = \"K\xe4rnan\"\n").unwrap();
    std::fs::write(p.join("binary.toml"), [0x00u8, 0x01, 0x00, 0x00, 0xff]).unwrap();
    let deep = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(p.join("deep.toml"), deep).unwrap();
    std::fs::create_dir(p.join("nokit")).unwrap();
    let cases = [
        ("empty.toml", "is empty"),
        ("latin1.toml", "is not UTF-8"),
        ("binary.toml", "is a binary file"),
        ("deep.toml", "deeper than 32 levels"),
        ("nokit", "has no kit.toml"),
        ("does-not-exist", "no such file or folder"),
    ];
    for (name, expect) in cases {
        let path = p.join(name);
        let o = downkit(&["check", path.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(expect), "{name}: expected `{expect}` in {err}");
        assert!(!err.contains("panicked"), "{name} panicked: {err}");
    }
}

#[test]
fn list_shows_status_of_each_kit() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    assert!(downkit(&[
        "init",
        p.join("a-good").to_str().unwrap(),
        "--date",
        "2026-11-01"
    ])
    .status
    .success());
    std::fs::create_dir(p.join("b-broken")).unwrap();
    std::fs::write(p.join("b-broken/kit.toml"), BROKEN).unwrap();
    let overdue = BROKEN
        .replace("subtitel", "subtitle")
        .replace("\"tjb\"", "\"tib\"")
        .replace("broken", "overdue");
    std::fs::write(p.join("c-overdue.toml"), overdue).unwrap();
    std::fs::create_dir(p.join("not-a-kit")).unwrap();
    let o = downkit(&["list", p.to_str().unwrap(), "--date", DATE]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("ID"));
    assert!(
        lines[1].starts_with("min-reservrutin")
            && lines[1].contains("2027-05-01")
            && lines[1].contains(" ok "),
        "{out}"
    );
    assert!(
        lines[2].starts_with("broken") && lines[2].contains("invalid"),
        "{out}"
    );
    assert!(
        lines[3].starts_with("overdue") && lines[3].contains("review overdue"),
        "{out}"
    );
}

#[test]
fn shipped_kits_and_examples_pass_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["kits", "examples"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let is_kit =
                path.join("kit.toml").is_file() || path.extension().is_some_and(|e| e == "toml");
            if !is_kit || path.ends_with("broken") {
                continue;
            }
            let o = downkit(&[
                "check",
                path.to_str().unwrap(),
                "--deny-warnings",
                "--date",
                DATE,
            ]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}: {}",
                path.display(),
                stderr(&o)
            );
        }
    }
}

#[test]
fn check_finds_content_that_cannot_fit_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("kit");
    let kit_s = kit.to_str().unwrap();
    assert!(downkit(&["init", kit_s, "--date", DATE]).status.success());
    let text = std::fs::read_to_string(kit.join("kit.toml")).unwrap();
    std::fs::write(kit.join("kit.toml"), text.replace("rows = 20", "rows = 60")).unwrap();
    let o = downkit(&["check", kit_s, "--date", DATE]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error[does-not-fit]"), "{err}");
    assert!(err.contains("a sheet of log \"handelselogg\""), "{err}");
    assert!(err.contains("of its 60 rows fit a page"), "{err}");
    assert!(err.contains("kit.toml:124:1"), "{err}");
}

#[test]
fn check_reports_every_layout_problem_of_a_kit_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("kit.toml");
    std::fs::write(
        &kit,
        r#"[kit]
id = "layout"
title = "Layout"
organisation = "X"
owner = "Y"
version = "1"
issued = 2026-11-01
review-by = 2027-05-01
activation = "Z"

[[form]]
id = "dagar"
title = "Dagar"

[[form.section]]
title = "Månaden"

[form.section.table]
rows = 3

[[form.section.table.column]]
heading = "Läkemedel"

[[form.section.table.column]]
heading = "{n}"
repeat = 32

[[log]]
id = "liggande"
title = "Liggande logg"
orientation = "landscape"
rows = 30
"#,
    )
    .unwrap();
    let o = downkit(&["check", kit.to_str().unwrap(), "--date", DATE]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("error[does-not-fit]").count(), 2, "{err}");
    // The table: its line, how many columns fit in portrait and in landscape.
    assert!(err.contains("kit.toml:18:1"), "{err}");
    assert!(err.contains("33 columns need"), "{err}");
    assert!(err.contains("på en stående rad och"), "{err}");
    assert!(err.contains("orientation = \"landscape\""), "{err}");
    // The landscape log: its line and how many of its rows fit.
    assert!(err.contains("kit.toml:28:1"), "{err}");
    assert!(err.contains("of its 30 rows fit a page"), "{err}");
}

/// Issue 28, item 12: a 900 kB line is shown around its caret, not printed whole, and its
/// position is the real one.
#[test]
fn a_900_kb_line_is_shown_around_its_caret_only() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("k");
    support::init_kit(&kit, "sv");
    let toml = std::fs::read_to_string(kit.join("kit.toml")).unwrap();
    // A long value, then a syntax error on the same line 450 kB in.
    let long = "ö".repeat(225_000);
    let line = format!("note = \"{long}\"; x = 1\n");
    let col = line.chars().position(|c| c == ';').unwrap() + 1;
    let toml = toml.replacen("[kit]\n", &format!("[kit]\n{line}"), 1);
    std::fs::write(kit.join("kit.toml"), &toml).unwrap();
    let start = std::time::Instant::now();
    let o = downkit(&["check", kit.to_str().unwrap(), "--date", DATE]);
    let took = start.elapsed();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{}", &err[..err.len().min(2000)]);
    assert!(err.len() < 4000, "{} bytes of output", err.len());
    let line_no = toml.lines().position(|l| l.starts_with("note")).unwrap() + 1;
    assert!(err.contains(&format!("kit.toml:{line_no}:{col}")), "{err}");
    assert!(
        err.contains("\"; x = 1"),
        "the caret's surroundings are shown: {err}"
    );
    assert!(
        err.contains("characters long") && err.contains("are shown"),
        "{err}"
    );
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
}

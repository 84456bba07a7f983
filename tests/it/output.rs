//! `status` of one kit (folder or file) reads its drill log; diagnostics output is capped
//! (the first problems and a count, never megabytes); a syntax error in an include is
//! listed before the errors it causes.

use crate::support;
use support::downkit;

use std::path::Path;

const DATE: &str = "2026-11-27";

fn json(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&o.stderr)))
}

#[test]
fn status_of_a_kit_folder_reads_its_drill_log_and_a_kit_file_works() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("ovningskit");
    std::fs::create_dir(&kit).unwrap();
    for f in ["kit.toml", "kontakter.toml", "drills.toml"] {
        std::fs::copy(Path::new("tests/fixtures/kits/drill").join(f), kit.join(f)).unwrap();
    }
    let k = kit.to_str().unwrap();
    let o = downkit(&["drill", k, "--record", "--date", "2026-11-20"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = downkit(&["status", k, "--date", DATE, "--format", "json"]);
    let v = json(&o);
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["id"], "ovningskit", "{v}");
    assert_eq!(v[0]["last_drill"], "2026-11-20", "{v}");
    for p in [kit.join("kit.toml"), "examples/minimal.toml".into()] {
        let o = downkit(&[
            "status",
            p.to_str().unwrap(),
            "--date",
            DATE,
            "--format",
            "json",
        ]);
        let v = json(&o);
        assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
        assert!(v[0]["errors"].as_array().unwrap().is_empty(), "{v}");
    }
    let o = downkit(&["list", k, "--date", DATE, "--format", "json"]);
    assert_eq!(json(&o).as_array().unwrap().len(), 1);
}

#[test]
fn thousands_of_syntax_errors_print_the_first_ones_and_a_count() {
    // The kit in a folder of its own, so that `status` of its parent sees only it (the
    // parent of a bare temporary folder is the system's /tmp, with whatever lies there).
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("k");
    std::fs::create_dir(&dir).unwrap();
    let mut text = String::from("[kit]\nid = \"k\"\n");
    for i in 0..5000 {
        text.push_str(&format!("fel{i} = = {i}\n"));
    }
    std::fs::write(dir.join("kit.toml"), text).unwrap();
    let d = dir.to_str().unwrap();
    let o = downkit(&["check", d, "--date", DATE]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.stderr.len() < 64 * 1024, "{} bytes", o.stderr.len());
    assert!(
        err.contains("more error"),
        "{}",
        &err[err.len().saturating_sub(600)..]
    );
    let o = downkit(&["check", d, "--date", DATE, "--format", "json"]);
    assert!(o.stdout.len() < 256 * 1024, "{} bytes", o.stdout.len());
    let v = json(&o);
    assert!(
        v[0]["omitted"].as_u64().unwrap() > 4000,
        "{}",
        v[0]["omitted"]
    );
    let o = downkit(&["status", root.path().to_str().unwrap()]);
    assert!(o.stdout.len() < 64 * 1024, "{} bytes", o.stdout.len());
}

#[test]
fn a_syntax_error_in_an_include_comes_before_the_errors_it_causes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kit.toml"),
        r#"include = ["kontakter.toml"]

[kit]
id = "k"
title = "Rutin"
organisation = "Exempelby kommun"
owner = "Enhetschef"
version = "1"
issued = 2026-09-01
review-by = 2027-03-01
activation = "Enhetschefen beslutar."

[[procedure]]
id = "rutin"
title = "Rutin"

[[procedure.step]]
text = "Ring växeln."
call = "vaxel"
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("kontakter.toml"),
        "[[contact]]\nid = \"vaxel\nrole = \"Växel\"\n",
    )
    .unwrap();
    let o = downkit(&["check", dir.path().to_str().unwrap(), "--date", DATE]);
    let err = String::from_utf8_lossy(&o.stderr);
    let syntax = err.find("error[syntax]").expect(&err);
    let reference = err.find("error[unknown-reference]").expect(&err);
    assert!(syntax < reference, "{err}");
    let o = downkit(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    let v = json(&o);
    assert_eq!(v[0]["diagnostics"][0]["code"], "syntax", "{v}");
}

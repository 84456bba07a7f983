//! `downkit schema` against the files downkit reads: every shipped kit, example and drill log
//! validates with a draft 2020-12 validator, a misspelt key is rejected, every key the loader
//! reads in those files is in the schema (the schema is made from the loader's own reading,
//! so the converse holds by construction), and every key has a description.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::scans::copy_dir;

fn schema(which: &str) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args(["schema", which])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

/// TOML as the JSON an editor validates: dates and times become strings.
fn to_json(v: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => J::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect()),
    }
}

/// Every `.toml` under `dir`, recursively.
fn tomls(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            tomls(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn shipped() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in [
        "kits",
        "examples",
        "tests/fixtures/kits",
        "tests/fixtures/diff",
    ] {
        tomls(&root.join(d), &mut files);
    }
    // Examples of broken kits are broken on purpose.
    files.retain(|p| !p.components().any(|c| c.as_os_str() == "broken"));
    files.sort();
    files
}

#[test]
fn every_shipped_kit_and_drill_log_validates() {
    let kit = jsonschema::draft202012::new(&schema("kit")).expect("a valid draft 2020-12 schema");
    let drills = jsonschema::draft202012::new(&schema("drills")).unwrap();
    let shelves = jsonschema::draft202012::new(&schema("shelf-checks")).unwrap();
    let ledger = jsonschema::draft202012::new(&schema("ledger")).unwrap();
    let files = shipped();
    assert!(files.len() > 30, "{files:?}");
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let value =
            to_json(toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display())));
        let name = f.file_name().unwrap().to_string_lossy();
        let validator = match name.as_ref() {
            "drills.toml" => &drills,
            "shelf-checks.toml" => &shelves,
            n if n.starts_with("ledger-") => &ledger,
            _ => &kit,
        };
        for e in validator.iter_errors(&value) {
            failures.push(format!("{}: {} at {}", f.display(), e, e.instance_path()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_misspelt_key_is_rejected() {
    let kit = jsonschema::draft202012::new(&schema("kit")).unwrap();
    let good = serde_json::json!({
        "kit": {"id": "k", "title": "T", "organisation": "O", "owner": "R", "version": "1",
                "issued": "2026-10-01", "review-by": "2027-04-01", "activation": "A"},
        "contact": [{"id": "c", "role": "R", "verified": "2026-10-01",
                     "phones": [{"kind": "mobile", "number": "070-174 06 05"}]}]
    });
    let errors: Vec<String> = kit.iter_errors(&good).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut bad = good.clone();
    let meta = bad["kit"].as_object_mut().unwrap();
    let title = meta.remove("title").unwrap();
    meta.insert("titel".into(), title);
    let errors: Vec<String> = kit.iter_errors(&bad).map(|e| e.to_string()).collect();
    assert!(errors.iter().any(|e| e.contains("titel")), "{errors:?}");
    let mut wrong_kind = good;
    wrong_kind["contact"][0]["phones"][0]["kind"] = "mobil".into();
    assert!(!kit.is_valid(&wrong_kind));
}

#[test]
fn the_loader_reads_nothing_the_schema_lacks_and_every_key_is_described() {
    let probed = downkit::load::keys::probe_kit();
    let logs = downkit::load::keys::probe_drill_log();
    let shelves = downkit::load::keys::probe_shelf_log();
    for f in shipped() {
        let seen = downkit::load::keys::record(|| {
            downkit::load::load(&f);
        });
        for (path, key) in seen.keys() {
            let k = (path.clone(), key.clone());
            assert!(
                probed.contains_key(&k) || logs.contains_key(&k) || shelves.contains_key(&k),
                "{}: the loader read `{key}` in `{path}`, which the schema lacks",
                f.display()
            );
        }
    }
    for (file, name, _) in downkit::load::schema::File::ALL {
        let missing = downkit::load::schema::undocumented(file);
        assert!(
            missing.is_empty(),
            "{name}: keys without a description in docs/kit-format.md: {missing:?}"
        );
    }
}

/// Runs downkit and asserts it ran (exit 0 or 1: a late binder is exit 1).
fn run(args: &[&str]) {
    let o = support::downkit(args);
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn toml_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    to_json(toml::from_str(&text).unwrap())
}

#[test]
fn the_logs_downkit_writes_validate_and_a_misspelt_key_in_them_is_rejected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    // A ledger as `reconcile` writes it, with every kind of entry.
    let kit = dir.path().join("skanning");
    copy_dir(&root.join("tests/fixtures/kits/scanback"), &kit);
    let k = kit.to_str().unwrap();
    let rec = [
        "reconcile",
        k,
        "--incident",
        "2027-03",
        "--date",
        "2027-03-22",
    ];
    for extra in [
        &["--entered", "HM-0002", "--case", "4711", "--by", "AB"][..],
        &["--checked", "HM-0002", "--by", "CD"],
        &["--void", "TA-002", "--reason", "felskriven", "--by", "AB"],
        &["--duplicate", "HM-0001", "--case", "4720", "--by", "AB"],
    ] {
        run(&[&rec[..], extra].concat());
    }
    let ledger = jsonschema::draft202012::new(&schema("ledger")).unwrap();
    let mut value = toml_json(&kit.join("ledger-2027-03.toml"));
    let errors: Vec<String> = ledger.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{value}");
    assert_eq!(value["sheet"].as_array().unwrap().len(), 3, "{value}");
    // Every field downkit can write (a scanned copy of a second print run, all four
    // entries) is one the schema knows, in the form it says.
    let full = downkit::ledger::to_toml(
        &downkit::ledger::parse(
            "[incident]\nkit = \"k\"\nid = \"2026-03\"\nstarted = 2026-03-02\nended = 2026-03-20\n\n\
             [[sheet]]\nform = \"bestallning\"\nserial = \"HM-0007\"\ncopy = 2\n\
             run = \"20260110-2\"\nversion = \"1.0\"\nhash = \"ad0fdecd\"\nreceived = 2026-03-21\n\
             pages = [{ file = \"skanning.pdf\", page = 3, digest = \"0123456789abcdef\" }]\n\
             entered = { date = 2026-03-22, case = \"4711\", by = \"AB\" }\n\
             checked = { date = 2026-03-22, by = \"CD\" }\n\
             void = { date = 2026-03-23, reason = \"felskriven\", by = \"AB\" }\n\
             duplicate = { date = 2026-03-23, case = \"4720\", by = \"AB\" }\n",
        )
        .unwrap(),
    );
    let all = to_json(toml::from_str(&full).unwrap());
    let errors: Vec<String> = ledger.iter_errors(&all).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{full}");
    assert!(all["sheet"][0]["pages"][0]["digest"].is_string(), "{full}");
    assert_eq!(all["sheet"][0]["copy"], 2, "{full}");

    let entered = value["sheet"][0]["entered"].as_object_mut().unwrap();
    let case = entered.remove("case").unwrap();
    entered.insert("cse".into(), case);
    let errors: Vec<String> = ledger.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.iter().any(|e| e.contains("cse")), "{errors:?}");

    // A shelf-check log as `binder --checked` writes it, both kinds of entry.
    let kit = dir.path().join("planering");
    copy_dir(&root.join("kits/hemtjanst-planering"), &kit);
    let k = kit.to_str().unwrap();
    let check = ["binder", k, "--date", "2026-12-01", "--by", "Anna Berg"];
    run(&[
        &check[..],
        &["--checked", "hemtjanst-norra", "--found", "1.0"],
    ]
    .concat());
    run(&[&check[..], &["--checked", "nattpatrull", "--missing"]].concat());
    let shelves = jsonschema::draft202012::new(&schema("shelf-checks")).unwrap();
    let mut value = toml_json(&kit.join("shelf-checks.toml"));
    let errors: Vec<String> = shelves.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{value}");
    let first = value["check"][0].as_object_mut().unwrap();
    let by = first.remove("by").unwrap();
    first.insert("vem".into(), by);
    let errors: Vec<String> = shelves.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.iter().any(|e| e.contains("vem")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("by")), "{errors:?}");
}

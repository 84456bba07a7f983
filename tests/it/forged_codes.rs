//! Codes that are no sheet the kit printed (issue 28, items 1 and 2), made in the test as
//! clean QR images: a serial above the copies printed, one never printed in its run, 20- and
//! 1000-digit serials, serials with quotes, line breaks and terminal escape codes, print runs
//! that never happened. Each is reported as not ours or never printed, with control
//! characters shown escaped, and none is recorded in the ledger — by a scan or by --entered.

use crate::support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use support::downkit;
use support::scans::{copy_dir, qr_png};

const DATE: &str = "2026-12-01";

fn kit(dir: &Path) -> PathBuf {
    let kit = dir.join("skanning");
    copy_dir(Path::new("tests/fixtures/kits/scanback"), &kit);
    kit
}

/// Builds the order form with `copies` copies into `out`; returns its codes in order.
fn build(kit: &Path, out: &Path, copies: &str) -> Vec<String> {
    let o = downkit(&[
        "build",
        kit.to_str().unwrap(),
        "--only",
        "bestallning",
        "--copies",
        copies,
        "-o",
        out.to_str().unwrap(),
        "--date",
        DATE,
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).unwrap();
    let opts = downkit::compose::BuildOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        copies: Some(copies.parse().unwrap()),
        only: Some("bestallning".into()),
        ..Default::default()
    };
    let built = downkit::compose::build(&loaded, &fonts, &opts).unwrap();
    built[0]
        .payloads
        .iter()
        .filter(|p| p.contains("/bestallning/"))
        .cloned()
        .collect()
}

/// One PNG per code, in `dir`.
fn scans(dir: &Path, codes: &[String]) -> Vec<PathBuf> {
    codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = dir.join(format!("sida-{i:02}.png"));
            qr_png(&[c], &p);
            p
        })
        .collect()
}

fn reconcile(kit: &Path, args: &[&str], files: &[PathBuf]) -> Output {
    let mut all: Vec<String> = [
        "reconcile",
        kit.to_str().unwrap(),
        "--incident",
        "2027-03",
        "--date",
        "2027-03-21",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(files.iter().map(|f| f.display().to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    downkit(&all)
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn serials(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sheet"].as_str().unwrap().to_string())
        .collect()
}

fn ledger(kit: &Path) -> String {
    std::fs::read_to_string(kit.join("ledger-2027-03.toml")).unwrap_or_default()
}

#[test]
fn a_serial_above_the_copies_given_is_never_silence() {
    let dir = tempfile::tempdir().unwrap();
    let kit = kit(dir.path());
    let out = dir.path().join("out");
    // 30 copies printed; HM-0001 and HM-0025 come back.
    let codes = build(&kit, &out, "30");
    let files = scans(dir.path(), &[codes[0].clone(), codes[24].clone()]);
    // Without the print record, `--copies 20`: HM-0025 is loud, not a blank in the binder.
    let elsewhere = dir.path().join("no-record");
    let o = reconcile(
        &kit,
        &[
            "--copies",
            "20",
            "--out",
            elsewhere.to_str().unwrap(),
            "--format",
            "json",
        ],
        &files,
    );
    let v = json(&o);
    assert_eq!(o.status.code(), Some(1), "{v}");
    assert_eq!(serials(&v, "received"), ["HM-0001"]);
    let refused = v["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 1, "{v}");
    let why = refused[0]["reason"].as_str().unwrap();
    assert!(
        why.contains("HM-0025") && why.contains("20 copies given with --copies"),
        "{why}"
    );
    assert!(!ledger(&kit).contains("HM-0025"));
    // With the record of the build, `--copies 20` contradicts what was printed: an error.
    let o = reconcile(
        &kit,
        &["--copies", "20", "--out", out.to_str().unwrap()],
        &files,
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("--copies 20 is fewer than the 30 copies") && err.contains("last-build.json"),
        "{err}"
    );
    // Without --copies the record says 30: HM-0025 is received, HM-0002–HM-0024 missing,
    // HM-0026–HM-0030 still blank.
    let o = reconcile(
        &kit,
        &["--out", out.to_str().unwrap(), "--format", "json"],
        &files,
    );
    let v = json(&o);
    assert_eq!(serials(&v, "received"), ["HM-0001", "HM-0025"]);
    assert_eq!(v["missing"].as_array().unwrap().len(), 23, "{v}");
    assert_eq!(
        v["not-used"][0]["serials"].as_array().unwrap().len(),
        5,
        "{v}"
    );
    assert!(v["refused"].as_array().unwrap().is_empty());
}

#[test]
fn forged_and_absurd_codes_are_refused_shown_escaped_and_never_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let kit = kit(dir.path());
    let out = dir.path().join("out");
    let codes = build(&kit, &out, "6");
    // DK1/skanning/bestallning/<version>/<hash>
    let head = codes[0].rsplitn(3, '/').nth(2).unwrap().to_string();
    let forged = [
        // A serial this run never printed (6 copies were).
        format!("{head}/HM-0007/20261201"),
        format!("{head}/HM-{}/20261201", "9".repeat(20)),
        format!("{head}/HM-{}/20261201", "9".repeat(1000)),
        format!("{head}/HM-\"0002\"/20261201"),
        format!("{head}/HM-0003\nHM-0004/20261201"),
        format!("{head}/HM-\u{1b}[2J\u{1b}]0;pwned\u{7}0005/20261201"),
        // Runs that never happened: not in the record, and after today.
        format!("{head}/HM-0001/20261201-7"),
        format!("{head}/HM-0002/20990101"),
    ];
    let files = scans(dir.path(), &forged);
    let o = reconcile(&kit, &["--out", out.to_str().unwrap()], &files);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("NOT OURS OR NEVER PRINTED"), "{text}");
    assert!(
        text.contains("\u{241b}[2J"),
        "the escape is shown, escaped: {text}"
    );
    for (i, _) in forged.iter().enumerate() {
        assert!(
            text.contains(&format!("sida-{i:02}.png page 1")),
            "page {i} is not named: {text}"
        );
    }
    assert!(text.contains("never printed"), "{text}");
    assert!(text.contains("after today"), "{text}");
    // Nothing of it is in the ledger.
    let l = ledger(&kit);
    assert!(!l.contains("[[sheet]]"), "{l}");
    let o = reconcile(
        &kit,
        &["--out", out.to_str().unwrap(), "--format", "json"],
        &files,
    );
    let v = json(&o);
    assert_eq!(v["refused"].as_array().unwrap().len(), forged.len(), "{v}");
    assert!(v["received"].as_array().unwrap().is_empty());
    // --entered refuses them too, with the serial shown escaped, and records nothing.
    for serial in [
        "HM-0007".to_string(),
        format!("HM-{}", "9".repeat(20)),
        format!("HM-{}", "9".repeat(1000)),
        "HM-\"0002\"".into(),
        "HM-0003\nHM-0004".into(),
        "HM-\u{1b}[2J0005".into(),
    ] {
        let o = reconcile(
            &kit,
            &[
                "--out",
                out.to_str().unwrap(),
                "--entered",
                &serial,
                "--case",
                "1",
                "--by",
                "AB",
            ],
            &[],
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{serial:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
        assert!(err.len() < 1000, "{err}");
    }
    assert!(!ledger(&kit).contains("[[sheet]]"), "{}", ledger(&kit));
}

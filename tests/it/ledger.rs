//! The back-entry ledger through the command line: the back office's actions and their
//! refusals, `status` after the incident, the filled register, concurrent use and kill -9.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use support::scans::copy_dir;
use support::{downkit, tool};

const FIXTURE: &str = "tests/fixtures/kits/scanback";

fn kit() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("skanning");
    copy_dir(Path::new(FIXTURE), &kit);
    (dir, kit)
}

/// `downkit reconcile <kit> <args> --incident 2027-03 --date 2027-03-22`: exit code, stdout,
/// stderr.
fn rec(kit: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec![
        "reconcile",
        kit.to_str().unwrap(),
        "--incident",
        "2027-03",
        "--date",
        "2027-03-22",
    ];
    all.extend_from_slice(args);
    let o = downkit(&all);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn entering_twice_or_a_serial_never_printed_is_an_error() {
    let (_d, kit) = kit();
    let (code, out, err) = rec(
        &kit,
        &["--entered", "HM-0002", "--case", "4711", "--by", "AB"],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("HM-0002: entered (case 4711, by AB)"), "{out}");
    let (code, _, err) = rec(
        &kit,
        &["--entered", "HM-0002", "--case", "4712", "--by", "CD"],
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("HM-0002 was already entered on 2027-03-22, case 4711, by AB"),
        "{err}"
    );
    let (code, _, err) = rec(&kit, &["--entered", "HM-0007", "--case", "1", "--by", "AB"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("`HM-0007` was never printed (bestallning prints HM-0001–HM-0006"),
        "{err}"
    );
    assert!(err.contains("--copies"), "{err}");
    // Built with --copies 8, HM-0007 was printed.
    let (code, _, err) = rec(
        &kit,
        &[
            "--entered",
            "HM-0007",
            "--case",
            "1",
            "--by",
            "AB",
            "--copies",
            "8",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = rec(&kit, &["--checked", "HM-0002", "--by", "ab"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("second person"), "{err}");
    assert_eq!(
        rec(&kit, &["--checked", "HM-0002", "--by", "CD"]).0,
        Some(0)
    );
    assert_eq!(
        rec(
            &kit,
            &["--void", "TA-002", "--reason", "felskriven", "--by", "AB"]
        )
        .0,
        Some(0)
    );
    let (code, _, err) = rec(&kit, &["--entered", "TA-002", "--case", "9", "--by", "AB"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("TA-002 was voided on 2027-03-22"), "{err}");
    assert_eq!(
        rec(
            &kit,
            &["--duplicate", "HM-0001", "--case", "4720", "--by", "AB"]
        )
        .0,
        Some(0)
    );
    // Usage: an action without what it needs, or with scan files.
    assert_eq!(
        rec(&kit, &["--entered", "HM-0003", "--case", "1"]).0,
        Some(2)
    );
    assert_eq!(rec(&kit, &["--void", "HM-0003"]).0, Some(2));
    assert_eq!(
        rec(
            &kit,
            &["--entered", "HM-0003", "--case", "1", "--by", "A", "x.pdf"]
        )
        .0,
        Some(2)
    );
    assert_eq!(rec(&kit, &["--incident", "Mars 2027"]).0, Some(2));
    let ledger = std::fs::read_to_string(kit.join("ledger-2027-03.toml")).unwrap();
    assert!(
        ledger.contains("void = { date = 2027-03-22, reason = \"felskriven\", by = \"AB\" }"),
        "{ledger}"
    );
    assert!(
        ledger.contains("checked = { date = 2027-03-22, by = \"CD\" }"),
        "{ledger}"
    );
}

#[test]
fn status_exits_1_while_sheets_are_open_after_the_incident_ended() {
    let (_d, kit) = kit();
    // A sheet received (as by a scan) but not entered.
    let text = "[incident]\nkit = \"skanning\"\nid = \"2027-03\"\n\n[[sheet]]\nform = \"bestallning\"\nserial = \"HM-0003\"\nrun = \"20261201\"\nversion = \"3.0\"\nhash = \"00000000\"\nreceived = 2027-03-21\n";
    std::fs::write(kit.join("ledger-2027-03.toml"), text).unwrap();
    assert_eq!(
        rec(&kit, &["--ended", "2027-03-20", "--format", "json"]).0,
        Some(1)
    );
    let status = |date: &str| {
        let o = downkit(&[
            "status",
            kit.to_str().unwrap(),
            "--date",
            date,
            "--format",
            "json",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (o.status.code(), v)
    };
    let (_, v) = status("2027-03-20");
    let b = &v[0]["back_entry"][0];
    assert_eq!(
        (
            b["incident"].as_str(),
            b["open"].as_u64(),
            b["overdue"].as_u64()
        ),
        (Some("2027-03"), Some(1), Some(0)),
        "{v:#}"
    );
    assert!(
        !v[0]["problems"].to_string().contains("back-entry"),
        "{v:#}"
    );
    let (code, v) = status("2027-03-21");
    assert_eq!(code, Some(1));
    assert!(
        v[0]["problems"]
            .to_string()
            .contains("back-entry overdue: 1 sheet(s) of incident `2027-03`"),
        "{v:#}"
    );
    assert_eq!(
        rec(
            &kit,
            &["--entered", "HM-0003", "--case", "4711", "--by", "AB"]
        )
        .0,
        Some(0)
    );
    let (_, v) = status("2027-03-21");
    assert!(
        !v[0]["problems"].to_string().contains("back-entry"),
        "{v:#}"
    );
    let o = downkit(&["status", kit.to_str().unwrap(), "--date", "2027-03-21"]);
    assert!(String::from_utf8_lossy(&o.stdout)
        .contains("back-entry `2027-03` (ended 2027-03-20): 1 sheet(s) back, 1 entered"));
    // A broken ledger is a problem status names, not a crash.
    std::fs::write(kit.join("ledger-2027-04.toml"), "[incident]\nkit = 1\n").unwrap();
    let (code, v) = status("2027-03-21");
    assert_eq!(code, Some(1));
    assert!(
        v[0]["problems"]
            .to_string()
            .contains("ledger-2027-04.toml` cannot be read"),
        "{v:#}"
    );
}

#[test]
fn the_register_is_printed_filled_from_the_ledger() {
    let (d, kit) = kit();
    for args in [
        &["--entered", "HM-0001", "--case", "4711", "--by", "AB"][..],
        &["--checked", "HM-0001", "--by", "CD"],
        &["--entered", "HM-0003", "--case", "4713", "--by", "AB"],
        &["--void", "TA-001", "--reason", "felskriven"],
    ] {
        assert_eq!(rec(&kit, args).0, Some(0), "{args:?}");
    }
    let out = d.path().join("print");
    let (_, _, err) = rec(&kit, &["--register", "-o", out.to_str().unwrap()]);
    assert!(err.contains("wrote the filled register"), "{err}");
    let pdf = out.join("skanning-3.0-register-2027-03.pdf");
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    for s in [
        "Efterregistrering – läget 2027-03-22",
        "2027-03",
        "Beställning – tryckomgång",
        "Kontrollerad av",
        "Dubblett",
        "HM-0002",
        "SAKNAS",
        "4711",
        "4713",
        "CD",
        "felskriven",
    ] {
        assert!(text.contains(s), "{s}: {text}");
    }
}

/// A tiny deterministic random sequence (no crate for one test).
fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

fn spawn_entered(kit: &Path, serial: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args([
            "reconcile",
            kit.to_str().unwrap(),
            "--incident",
            "2027-03",
            "--date",
            "2027-03-22",
        ])
        .args([
            "--entered",
            serial,
            "--case",
            serial,
            "--by",
            "AB",
            "--copies",
            "20",
        ])
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn entered_serials(kit: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(kit.join("ledger-2027-03.toml")).unwrap_or_default();
    let mut v: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("serial = \""))
        .map(|s| s.trim_end_matches('"').to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn concurrent_back_office_entries_are_all_kept() {
    for trial in 0..20 {
        let (_d, kit) = kit();
        let serials: Vec<String> = (1..=8).map(|i| format!("HM-{:04}", i)).collect();
        let children: Vec<_> = serials.iter().map(|s| spawn_entered(&kit, s)).collect();
        for mut c in children {
            assert!(c.wait().unwrap().success(), "trial {trial}");
        }
        assert_eq!(entered_serials(&kit), serials, "trial {trial}");
    }
}

#[test]
fn the_ledger_survives_kill_9() {
    let mut seed = 13;
    for trial in 0..20 {
        let (_d, kit) = kit();
        let serials: Vec<String> = (1..=8).map(|i| format!("HM-{:04}", i)).collect();
        let mut children: Vec<_> = serials.iter().map(|s| spawn_entered(&kit, s)).collect();
        // Kill half of them at random moments of their run (one takes ~0.1 s).
        let mut kept = Vec::new();
        for (i, c) in children.iter_mut().enumerate() {
            if i % 2 == 0 {
                std::thread::sleep(std::time::Duration::from_millis(lcg(&mut seed) % 40));
                let _ = c.kill();
            }
        }
        for (i, mut c) in children.into_iter().enumerate() {
            if c.wait().unwrap().success() {
                kept.push(serials[i].clone());
            }
        }
        // The ledger is whole, keeps every entry whose run finished, and is not locked.
        let got = entered_serials(&kit);
        for s in &kept {
            assert!(got.contains(s), "trial {trial}: {s} lost: {got:?}");
        }
        let (code, out, err) = rec(
            &kit,
            &[
                "--entered",
                "HM-0010",
                "--case",
                "10",
                "--by",
                "AB",
                "--copies",
                "20",
            ],
        );
        assert_eq!(code, Some(0), "trial {trial}: {out}{err}");
        let (_, json, err) = rec(&kit, &["--format", "json", "--copies", "20"]);
        let v: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("trial {trial}: {e} {err}"));
        assert_eq!(
            v["totals"]["entered"].as_u64().unwrap() as usize,
            got.len() + 1,
            "trial {trial}"
        );
    }
}

//! Drills end to end with the real binary and tools: the drill packet (every page marked,
//! every downkit QR code an exercise payload), recording a drill, checking the drill log, and
//! `downkit status` with its exit code.

use crate::support;
use support::{decode_all, downkit, init_kit, tool};

use std::path::{Path, PathBuf};
use std::process::Output;

const KIT: &str = "tests/fixtures/kits/drill";
const DATE: &str = "2026-11-27";

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The text of each page, whitespace collapsed.
fn pages(p: &Path) -> Vec<String> {
    let raw = tool("pdftotext", &[p.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = raw
        .split('\u{c}')
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

/// A copy of the drill fixture in a temp folder (`<tmp>/kits/ovningskit`).
fn copy_kit() -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("kits").join("ovningskit");
    std::fs::create_dir_all(&kit).unwrap();
    for f in ["kit.toml", "kontakter.toml", "drills.toml"] {
        std::fs::copy(Path::new(KIT).join(f), kit.join(f)).unwrap();
    }
    (work, kit)
}

fn packet(kit: &str, extra: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        "drill",
        kit,
        "-o",
        dir.path().to_str().unwrap(),
        "--date",
        DATE,
    ];
    args.extend_from_slice(extra);
    let o = downkit(&args);
    (dir, o)
}

#[test]
fn drill_packet_marks_every_page_and_every_code_as_an_exercise() {
    let (dir, o) = packet(KIT, &["--scenario", "natverk-nere"]);
    assert!(o.status.success(), "{}", err(&o));
    let p = dir.path().join("ovningskit-2.1-ovning.pdf");
    assert!(p.is_file(), "{}", out(&o));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "one PDF");
    let pages = pages(&p);
    assert!(
        pages.len() > 14,
        "leader pages and the binder: {}",
        pages.len()
    );
    for (i, t) in pages.iter().enumerate() {
        assert!(
            t.contains("ÖVNING – ovningskit – 2.1 – 2026-11-27"),
            "page {} has no exercise marking: {t}",
            i + 1
        );
        assert!(t.contains(&format!("Sida {} av {}", i + 1, pages.len())));
    }
    let all = pages.join(" ");
    // Scenario card, inject cards in time order, timing sheet, evaluation, then the binder.
    for s in [
        "Scenario: Nätverket nere en måndagsmorgon",
        "System som ligger nere: Beställningssystemet, E-post, Intranätet",
        "Det här är en övning.",
        "ÖVNING · Inspel 1 · 08:00",
        "ÖVNING · Inspel 2 · 08:25",
        "ÖVNING · Inspel 3 · 08:40",
        "Leverantören svarar inte i telefon.",
        "Tidsprotokoll",
        "Inspel 2 delas ut – Den som ringer: Leverantören svarar inte i telefon.",
        "Förväntat: Beställningen faxas enligt steg 3.",
        "Checklista klar: När systemet går ner",
        "Övningen avslutas",
        "09:30",
        "Vad fungerade inte?",
        "Vad ska ändras i pärmen?",
        "Ring: Kundtjänst – Växel 031-390 06 00",
    ] {
        assert!(all.contains(s), "missing {s:?}");
    }
    // The expected action is for the leader only: never on the page of cards.
    let cards = pages.iter().find(|t| t.contains("Inspelskort")).unwrap();
    assert!(!cards.contains("Förväntat"), "{cards}");

    let codes = decode_all(&p, 150);
    assert_eq!(codes.len(), 9, "{codes:?}");
    let (tel, dk): (Vec<&String>, Vec<&String>) = codes.iter().partition(|c| c.starts_with("tel:"));
    assert_eq!(tel.len(), 2, "contact codes kept as they are: {codes:?}");
    assert!(tel.iter().all(|c| !c.ends_with("/X")));
    assert_eq!(dk.len(), 7);
    for c in &dk {
        assert!(c.starts_with("DK1/ovningskit/") && c.ends_with("/X"), "{c}");
    }
    let form = dk
        .iter()
        .find(|c| c.contains("/HM-0002/"))
        .expect("a serial code");
    let o = downkit(&["decode", form]);
    assert!(o.status.success());
    assert!(
        out(&o).contains("EXERCISE printout: not a real order or record"),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("serial number: HM-0002"));
}

#[test]
fn a_kit_without_scenarios_gets_the_standard_one_and_english_labels() {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("en");
    init_kit(&kit, "en");
    let (dir, o) = packet(kit.to_str().unwrap(), &[]);
    assert!(o.status.success(), "{}", err(&o));
    let p = dir.path().join("my-fallback-routine-0.1-exercise.pdf");
    let pages = pages(&p);
    for t in &pages {
        assert!(t.contains("EXERCISE – my-fallback-routine – 0.1"), "{t}");
    }
    let all = pages.join(" ");
    for s in [
        // The standard scenario plays a real outage length: three days with time jumps.
        "Scenario: The business system is down for 3 days",
        "EXERCISE · Inject 1 · Day 1 09:00",
        "EXERCISE · Inject 5 · Day 1 22:00",
        "EXERCISE · Inject 6 · Day 2 07:00",
        "Time jump: day 2, 07.00.",
        "Day 3 16:00",
        "Timing sheet",
        "Drill evaluation",
        "What should change in the kit?",
    ] {
        assert!(all.contains(s), "missing {s:?}");
    }
    assert!(!all.contains("Sida "), "Swedish label in an English packet");
    // A scenario the kit does not have.
    let (_, o) = packet(kit.to_str().unwrap(), &["--scenario", "flood"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("the kit has no scenario `flood`"),
        "{}",
        err(&o)
    );
    let (_, o) = packet(KIT, &["--scenario", "natverk"]);
    assert!(
        err(&o).contains("choose one of: natverk-nere, strom, standard, call-tree"),
        "{}",
        err(&o)
    );
}

#[test]
fn recording_a_drill_appends_to_the_log_and_keeps_printouts_current() {
    let (work, kit) = copy_kit();
    let k = kit.to_str().unwrap();
    let before = std::fs::read_to_string(kit.join("drills.toml")).unwrap();
    // Build a packet first: recording must not make it look stale.
    let (dir, _) = packet(k, &[]);
    let code = decode_all(&dir.path().join("ovningskit-2.1-ovning.pdf"), 150)
        .into_iter()
        .find(|c| c.starts_with("DK1/"))
        .unwrap();
    let o = downkit(&[
        "drill",
        k,
        "--record",
        "--date",
        "2026-12-03",
        "--scenario",
        "strom",
        "--participant",
        "Anna \"Nisse\" Berg",
        "--participant",
        "Bo Ek",
        "--finding",
        "Ficklampan saknades",
        "--follow-up",
        "Köp ficklampa | Enhetschef | 2026-12-20",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("next drill due by 2027-03-04"),
        "{}",
        out(&o)
    );
    let after = std::fs::read_to_string(kit.join("drills.toml")).unwrap();
    assert!(after.starts_with(&before), "the coordinator's text is kept");
    assert!(
        after.contains("date = 2026-12-03\nscenario = \"strom\""),
        "{after}"
    );
    assert!(after.contains("participants = [\"Anna \\\"Nisse\\\" Berg\", \"Bo Ek\"]"));
    assert!(after.contains("by = 2026-12-20\ndone = false"));
    let o = downkit(&["check", k, "--date", "2026-12-04", "--deny-warnings"]);
    assert!(o.status.success(), "{}", err(&o));
    let o = downkit(&["decode", &code, "--kit", k]);
    assert!(out(&o).contains("Current"), "{}", out(&o));
    // A scenario that does not exist is refused before anything is written.
    let o = downkit(&["drill", k, "--record", "--scenario", "natverk"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("choose one of: natverk-nere, strom"));
    assert_eq!(
        std::fs::read_to_string(kit.join("drills.toml")).unwrap(),
        after
    );
    // A kit without a log gets one.
    std::fs::remove_file(kit.join("drills.toml")).unwrap();
    let o = downkit(&["drill", k, "--record", "--date", "2026-12-03"]);
    assert!(o.status.success(), "{}", err(&o));
    let log = std::fs::read_to_string(kit.join("drills.toml")).unwrap();
    assert!(
        log.starts_with("# Drill log of the kit `ovningskit`"),
        "{log}"
    );
    drop(work);
}

#[test]
fn check_reads_the_drill_log_strictly() {
    let (_work, kit) = copy_kit();
    std::fs::write(
        kit.join("drills.toml"),
        r#"[[drill]]
date = "2026-13-01"
scenario = "natverk-ner"
participents = ["Anna"]

[[drill]]
date = 2026-10-01
participants = ["Anna"]

[[drill.follow-up]]
what = "Uppdatera kontaktlistan"
who = "Anna"
by = 2026-11-01
"#,
    )
    .unwrap();
    let o = downkit(&["check", kit.to_str().unwrap(), "--date", DATE]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    for s in [
        "unknown key `participents`",
        "menade du `participants`?",
        "is not a date: `2026-13-01`",
        "there is no scenario with id `natverk-ner`",
        "menade du `natverk-nere`?",
        "warning[follow-up-overdue]",
        "follow-up \"Uppdatera kontaktlistan\" (Anna) was due 2026-11-01 (26 days ago)",
        "drills.toml:3:12",
    ] {
        assert!(e.contains(s), "missing {s:?} in\n{e}");
    }
}

#[test]
fn check_reports_scenario_problems() {
    let (_work, kit) = copy_kit();
    let text = std::fs::read_to_string(kit.join("kit.toml")).unwrap();
    let text = text
        .replace("time = \"08:40\"", "time = \"10:40\"")
        .replace("start = 13:00:00", "start = \"25:00\"")
        .replace("id = \"strom\"", "id = \"natverk-nere\"")
        .replace("drill-interval-days = 91", "drill-intervall-days = 91");
    std::fs::write(kit.join("kit.toml"), text).unwrap();
    let o = downkit(&["check", kit.to_str().unwrap(), "--date", DATE]);
    let e = err(&o);
    for s in [
        "the inject at 10:40 is outside the drill (08:00–09:30)",
        "is not a time of day: `25:00`",
        "the scenario id `natverk-nere` is used twice",
        "menade du `drill-interval-days`?",
    ] {
        assert!(e.contains(s), "missing {s:?} in\n{e}");
    }
}

#[test]
fn status_says_what_is_due_and_exits_1_when_something_is_overdue() {
    let (work, kit) = copy_kit();
    let kits = work.path().join("kits");
    let dir = kits.to_str().unwrap();
    // Last drill 2026-09-10, every 91 days: due 2026-12-10.
    let o = downkit(&["status", dir, "--date", "2026-11-27"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let s = out(&o);
    assert!(
        s.contains("2026-09-10  2026-12-10  ok, drill due in 13 days"),
        "{s}"
    );
    let o = downkit(&["status", dir, "--date", "2026-12-20"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("drill overdue: due 2026-12-10, 10 days ago (last drill 2026-09-10)"));
    // Recording the drill clears it.
    assert!(downkit(&[
        "drill",
        kit.to_str().unwrap(),
        "--record",
        "--date",
        "2026-12-18"
    ])
    .status
    .success());
    let o = downkit(&["status", dir, "--date", "2026-12-20", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v[0]["id"], "ovningskit");
    assert_eq!(v[0]["last_drill"], "2026-12-18");
    assert_eq!(v[0]["next_drill"], "2027-03-19");
    assert_eq!(v[0]["attention"], false);
    // A year on: review overdue, contacts stale, drill overdue; a broken kit is invalid.
    std::fs::create_dir(kits.join("trasig")).unwrap();
    std::fs::write(kits.join("trasig/kit.toml"), "[kit]\nid = \"trasig\"\n").unwrap();
    let o = downkit(&["status", dir, "--date", "2027-11-20", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let good = &v[0];
    assert_eq!(good["review_overdue_days"], 233);
    assert_eq!(good["stale_contacts"][0]["id"], "hmc");
    assert_eq!(good["drill_overdue_days"], 246);
    assert_eq!(v[1]["status"], "invalid");
    assert!(v[1]["errors"].as_array().unwrap().len() > 3);
    let o = downkit(&["status", dir, "--date", "2027-11-20"]);
    let s = out(&o);
    assert!(
        s.contains("review overdue: review-by 2027-04-01 passed 233 days ago"),
        "{s}"
    );
    assert!(
        s.contains("contact `hmc` not verified since 2026-10-15"),
        "{s}"
    );
    assert!(s.contains("trasig"), "{s}");
}

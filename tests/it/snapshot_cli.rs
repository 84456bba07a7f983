//! `downkit snapshot` end to end, checked with the real tools: qpdf reports AES-256 R6,
//! pdftotext cannot read the file without the password and finds every value of the sample
//! export with it (å ä ö intact); a Windows-1252 and a UTF-8 export of the same data give the
//! same PDF; a broken export exits 1 with row and column and leaves the last snapshot alone;
//! `--keep` removes only older snapshots of the kit; `status` judges the newest one's age.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::tool;

const KIT: &str = "kits/hemtjanst-planering";
const PASSWORD: &str = "korrekt häst batteri häftstift";
const AS_OF: &str = "2026-12-01 06:00";
const FILE: &str = "hemtjanst-planering-snapshot-2026-12-01-0600.pdf";

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// Runs downkit with `args`, no password in the environment unless `env` gives one.
fn downkit(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_downkit"));
    c.args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("DOWNKIT_PASSWORD");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("runs downkit")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A private password file in `dir`.
fn password_file(dir: &Path) -> PathBuf {
    let p = dir.join("snapshot.pass");
    std::fs::write(&p, format!("{PASSWORD}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    p
}

/// `downkit snapshot` of the kit's sample into `out`, encrypted with the password file.
fn snapshot_sample(out: &Path, extra: &[&str]) -> Output {
    let pw = password_file(out.parent().unwrap());
    let mut args = vec![
        "snapshot",
        KIT,
        "--sample",
        "--as-of",
        AS_OF,
        "--password-file",
        pw.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    downkit(&args, &[])
}

/// Every value of a sample export's columns as the snapshot prints it.
fn sample_values(file: &str) -> Vec<String> {
    let bytes = std::fs::read(root(&format!("{KIT}/exempeldata-fiktiv/{file}"))).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in r.records() {
        out.extend(
            rec.unwrap()
                .iter()
                .filter(|v| !v.is_empty())
                .map(str::to_string),
        );
    }
    out
}

/// The text of a PDF with the words of wrapped and hyphenated lines joined: each line of a
/// table cell is one piece of text in the content, so `-raw` keeps a cell's lines together.
fn joined_text(pdf: &Path) -> [String; 2] {
    let raw = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    let spaced = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let unhyphenated = raw
        .replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    [spaced, unhyphenated]
}

#[test]
fn an_encrypted_snapshot_is_aes_256_r6_and_only_readable_with_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reserv");
    let o = snapshot_sample(&out, &[]);
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "{stderr}");
    assert!(stdout.contains("encrypted (AES-256)"), "{stdout}");
    let pdf = out.join(FILE);
    let p = pdf.to_str().unwrap();
    let pw = format!("--password={PASSWORD}");

    let enc = tool("qpdf", &[&pw, "--show-encryption", p]);
    for line in [
        "R = 6",
        "Supplied password is user password",
        "stream encryption method: AESv3",
        "string encryption method: AESv3",
        "file encryption method: AESv3",
    ] {
        assert!(
            enc.contains(line),
            "qpdf --show-encryption lacks `{line}`:\n{enc}"
        );
    }
    let info = tool("pdfinfo", &["-upw", PASSWORD, p]);
    assert!(info.contains("algorithm:AES-256"), "{info}");
    tool("qpdf", &[&pw, "--check", p]);

    // Without the password nothing can be read.
    let plain = Command::new("pdftotext").args([p, "-"]).output().unwrap();
    assert!(
        !plain.status.success(),
        "pdftotext read the file without the password"
    );
    assert!(plain.stdout.is_empty());
    let check = Command::new("qpdf").args(["--check", p]).output().unwrap();
    assert!(!check.status.success());
    let wrong = Command::new("qpdf")
        .args(["--password=fel lösenord här", "--decrypt", p, "/dev/null"])
        .output()
        .unwrap();
    assert!(!wrong.status.success());

    // With it, every value of both sample exports is there, å ä ö and all.
    let dec = dir.path().join("decrypted.pdf");
    tool("qpdf", &[&pw, "--decrypt", p, dec.to_str().unwrap()]);
    let texts = joined_text(&dec);
    let mut values = sample_values("brukare.csv");
    values.extend(sample_values("besok.csv"));
    assert!(values.len() > 4000, "{} values", values.len());
    for v in &values {
        assert!(
            texts.iter().any(|t| t.contains(v.as_str())),
            "`{v}` is not in the decrypted snapshot"
        );
    }
    for word in [
        "Åke",
        "Märta",
        "Östen",
        "Ängsvägen",
        "Förstör efter 2026-12-15",
        "Uppgifter per 2026-12-01 06:00",
    ] {
        assert!(texts[0].contains(word), "{word}");
    }
}

#[test]
fn windows_1252_and_utf8_exports_of_the_same_data_give_the_same_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut pdfs = Vec::new();
    for (name, utf8) in [("ansi", false), ("utf8", true), ("utf8-bom", true)] {
        let d = dir.path().join(name);
        std::fs::create_dir_all(&d).unwrap();
        for f in ["brukare.csv", "besok.csv"] {
            let bytes = std::fs::read(root(&format!("{KIT}/exempeldata-fiktiv/{f}"))).unwrap();
            let out = if utf8 {
                let (t, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
                let mut b = if name.ends_with("bom") {
                    vec![0xEF, 0xBB, 0xBF]
                } else {
                    Vec::new()
                };
                b.extend_from_slice(t.as_bytes());
                b
            } else {
                bytes
            };
            std::fs::write(d.join(f), out).unwrap();
        }
        let out = d.join("out");
        let o = downkit(
            &[
                "snapshot",
                KIT,
                "--data",
                &format!("brukare={}", d.join("brukare.csv").display()),
                "--data",
                &format!("besok={}", d.join("besok.csv").display()),
                "--as-of",
                AS_OF,
                "--no-encrypt",
                "-o",
                out.to_str().unwrap(),
            ],
            &[],
        );
        let (stdout, stderr) = text(&o);
        assert!(o.status.success(), "{stderr}");
        assert!(
            stderr.contains("UNENCRYPTED"),
            "--no-encrypt warns: {stderr}"
        );
        assert!(
            stdout.contains(if utf8 { "(UTF-8)" } else { "(windows-1252)" }),
            "{stdout}"
        );
        pdfs.push(std::fs::read(out.join(FILE)).unwrap());
    }
    assert!(
        pdfs[0] == pdfs[1] && pdfs[1] == pdfs[2],
        "the same data gave different PDFs"
    );

    // Encrypted, the files differ (fresh salts and IVs) but decrypt to the same document.
    let mut decrypted = Vec::new();
    for n in 0..2 {
        let out = dir.path().join(format!("enc{n}"));
        assert!(snapshot_sample(&out, &[]).status.success());
        let dec = dir.path().join(format!("dec{n}.pdf"));
        let pw = format!("--password={PASSWORD}");
        let p = out.join(FILE);
        tool(
            "qpdf",
            &[
                &pw,
                "--decrypt",
                "--deterministic-id",
                p.to_str().unwrap(),
                dec.to_str().unwrap(),
            ],
        );
        decrypted.push((std::fs::read(&p).unwrap(), std::fs::read(&dec).unwrap()));
    }
    assert_ne!(decrypted[0].0, decrypted[1].0);
    assert_eq!(decrypted[0].1, decrypted[1].1);
}

/// The sample exports copied to `dir`, the clients' one changed by `edit`.
fn exports(dir: &Path, edit: impl Fn(&str) -> String) -> (String, String) {
    let src = root(&format!("{KIT}/exempeldata-fiktiv"));
    let bytes = std::fs::read(src.join("brukare.csv")).unwrap();
    let (t, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let changed = edit(&t);
    let (edited, _, _) = encoding_rs::WINDOWS_1252.encode(&changed);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("brukare.csv"), &edited).unwrap();
    std::fs::copy(src.join("besok.csv"), dir.join("besok.csv")).unwrap();
    (
        format!("brukare={}", dir.join("brukare.csv").display()),
        format!("besok={}", dir.join("besok.csv").display()),
    )
}

#[test]
fn a_broken_export_exits_1_with_row_and_column_and_the_last_snapshot_stays() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reserv");
    let pw = password_file(dir.path());
    assert!(snapshot_sample(&out, &[]).status.success());
    let before = std::fs::read(out.join(FILE)).unwrap();

    // Row 4 loses its last field; row 6 repeats row 1's personnummer; row 2's is mistyped.
    let (brukare, besok) = exports(&dir.path().join("broken"), |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
        assert!(!lines[4].contains('"'), "a line without quoted fields");
        let first_pnr = lines[1].split(';').next().unwrap().to_string();
        lines[4] = lines[4].rsplit_once(';').unwrap().0.to_string();
        let rest = lines[6].split_once(';').unwrap().1.to_string();
        lines[6] = format!("{first_pnr};{rest}");
        let (pnr, rest) = lines[2].split_once(';').unwrap();
        let last = pnr.chars().last().unwrap().to_digit(10).unwrap();
        lines[2] = format!("{}{};{rest}", &pnr[..pnr.len() - 1], (last + 1) % 10);
        lines.join("\r\n") + "\r\n"
    });
    let o = downkit(
        &[
            "snapshot",
            KIT,
            "--data",
            &brukare,
            "--data",
            &besok,
            "--as-of",
            "2026-12-02 06:00",
            "--password-file",
            pw.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--keep",
            "1",
        ],
        &[],
    );
    let (stdout, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}\n{stderr}");
    let file = dir.path().join("broken/brukare.csv");
    let f = file.display();
    for expected in [
        format!("{f}:3:1: warning[bad-personnummer]: row 2, field `Personnummer`"),
        format!("{f}:5:1: error[field-count]: row 4: the row has 10 fields; the header has 11"),
        format!("{f}:7:1: error[duplicate-key]: row 6, field `Personnummer`: the key repeats the one of row 1"),
        "no snapshot written".to_string(),
    ] {
        assert!(stderr.contains(&expected), "missing `{expected}` in:\n{stderr}");
    }
    assert!(stdout.is_empty(), "{stdout}");
    // No personal data in what a job log keeps.
    for v in sample_values("brukare.csv")
        .iter()
        .filter(|v| v.chars().count() > 3 && v.parse::<u32>().is_err())
    {
        if ["Norr", "Söder", "Centrum"].contains(&v.as_str()) {
            continue;
        }
        assert!(
            !stderr.contains(v.as_str()),
            "stderr quotes `{v}`:\n{stderr}"
        );
    }
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [FILE], "nothing new was written, nothing removed");
    assert_eq!(std::fs::read(out.join(FILE)).unwrap(), before);

    // An export with nothing in it is an error too: a blank list is worse than none.
    let (brukare, besok) = exports(&dir.path().join("empty"), |t| {
        t.lines().next().unwrap().to_string() + "\r\n"
    });
    let o = downkit(
        &[
            "snapshot",
            KIT,
            "--data",
            &brukare,
            "--data",
            &besok,
            "--as-of",
            AS_OF,
            "--no-encrypt",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("error[empty-export]"), "{}", text(&o).1);
    assert_eq!(std::fs::read(out.join(FILE)).unwrap(), before);
}

#[test]
fn keep_removes_only_older_snapshots_of_the_kit_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reserv");
    std::fs::create_dir_all(&out).unwrap();
    let others = [
        "hjalpmedel-hemtjanst-snapshot-2026-11-01-0600.pdf",
        "hemtjanst-planering-1.0.pdf",
        "hemtjanst-planering-snapshot-2026-11-01-0600 kopia.pdf",
        "anteckningar.txt",
    ];
    for o in others {
        std::fs::write(out.join(o), "not ours to remove").unwrap();
    }
    let old = "hemtjanst-planering-snapshot-2026-11-01-0600.pdf";
    #[cfg(unix)]
    std::os::unix::fs::symlink(out.join(others[1]), out.join(old)).unwrap();
    for (as_of, keep) in [
        ("2026-11-29 06:00", "3"),
        ("2026-11-30 06:00", "3"),
        ("2026-12-01 06:00", "2"),
    ] {
        let pw = password_file(dir.path());
        let mut args = vec![
            "snapshot",
            KIT,
            "--sample",
            "--as-of",
            as_of,
            "--password-file",
            pw.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--keep",
            keep,
        ];
        // A removal is said even with -q (the nightly job runs quiet).
        if keep == "2" {
            args.push("-q");
        }
        let o = downkit(&args, &[]);
        let (stdout, stderr) = text(&o);
        assert!(o.status.success(), "{stderr}");
        if keep == "2" {
            let removed: Vec<&str> = stdout
                .lines()
                .filter(|l| l.starts_with("removed "))
                .collect();
            assert_eq!(removed.len(), 1, "{stdout}");
            assert!(
                removed[0].contains("hemtjanst-planering-snapshot-2026-11-29-0600.pdf"),
                "{stdout}"
            );
        } else {
            assert!(!stdout.contains("removed "), "{stdout}");
        }
    }
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<&str> = others.to_vec();
    expected.extend([
        "hemtjanst-planering-snapshot-2026-11-30-0600.pdf",
        "hemtjanst-planering-snapshot-2026-12-01-0600.pdf",
    ]);
    if cfg!(unix) {
        expected.push(old);
    }
    expected.sort();
    assert_eq!(names, expected);
}

#[test]
fn format_json_says_what_a_nightly_job_checks_and_no_personal_value() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reserv");
    let first = snapshot_sample(&out, &["--format", "json"]);
    assert!(first.status.success(), "{}", text(&first).1);
    let o = downkit(
        &[
            "snapshot",
            KIT,
            "--sample",
            "--as-of",
            "2026-12-02 06:00",
            "--password-file",
            dir.path().join("snapshot.pass").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--keep",
            "1",
            "--format",
            "json",
        ],
        &[],
    );
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["kit"], "hemtjanst-planering");
    assert!(v["file"]
        .as_str()
        .unwrap()
        .ends_with("hemtjanst-planering-snapshot-2026-12-02-0600.pdf"));
    assert_eq!(v["personal_data"], true);
    assert_eq!(v["encrypted"], true);
    assert_eq!(v["as_of"], "2026-12-02 06:00");
    assert!(v["pages"].as_u64().unwrap() > 1, "{v}");
    assert!(v["datasets"][0]["rows"].as_u64().unwrap() > 0, "{v}");
    let removed = v["removed"].as_array().unwrap();
    assert_eq!(removed.len(), 1, "{v}");
    assert!(
        removed[0].as_str().unwrap().contains("2026-12-01-0600"),
        "{v}"
    );
    // The object names files and counts, never a value of the export (short values such
    // as "Ja" or a door code would match by chance).
    for value in sample_values("brukare.csv")
        .into_iter()
        .filter(|v| v.chars().count() > 4)
    {
        assert!(!stdout.contains(&value), "{value} in {stdout}");
    }
}

#[test]
fn personal_data_is_never_written_unencrypted_without_being_asked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reserv");
    let o = downkit(
        &[
            "snapshot",
            KIT,
            "--sample",
            "--as-of",
            AS_OF,
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    let (_, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr.contains("--password-file") && stderr.contains("DOWNKIT_PASSWORD"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
    let o = downkit(
        &[
            "snapshot",
            KIT,
            "--sample",
            "--as-of",
            AS_OF,
            "-o",
            out.to_str().unwrap(),
        ],
        &[("DOWNKIT_PASSWORD", "kort")],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).1.contains("fewer than 12 characters"),
        "{}",
        text(&o).1
    );
    // The password from the environment works like the file.
    let o = downkit(
        &[
            "snapshot",
            KIT,
            "--sample",
            "--as-of",
            AS_OF,
            "-o",
            out.to_str().unwrap(),
        ],
        &[("DOWNKIT_PASSWORD", PASSWORD)],
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let p = out.join(FILE);
    let enc = tool(
        "qpdf",
        &[
            &format!("--password={PASSWORD}"),
            "--show-encryption",
            p.to_str().unwrap(),
        ],
    );
    assert!(enc.contains("R = 6"), "{enc}");
    // There is no option for a password on the command line.
    let o = downkit(&["snapshot", KIT, "--sample", "--password", PASSWORD], &[]);
    assert_eq!(o.status.code(), Some(2));
}

/// The hemtjänst kit and the shared files it includes, alone in a kits folder.
fn kits_folder(dir: &Path) -> PathBuf {
    let kits = dir.join("kits");
    for sub in [
        "hemtjanst-planering",
        "hemtjanst-planering/exempeldata-fiktiv",
        "shared",
    ] {
        std::fs::create_dir_all(kits.join(sub)).unwrap();
        for e in std::fs::read_dir(root(&format!("kits/{sub}"))).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, kits.join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    kits
}

#[test]
fn status_shows_the_age_of_the_newest_snapshot_and_fails_when_it_is_too_old() {
    let dir = tempfile::tempdir().unwrap();
    let kits = kits_folder(dir.path());
    // Only the snapshot is judged here: the kit's binder locations (never shelf-checked in
    // this copy) would make status exit 1 on their own.
    let kit_file = kits.join("hemtjanst-planering/kit.toml");
    let source = std::fs::read_to_string(&kit_file).unwrap();
    let mut kept = Vec::new();
    let mut in_location = false;
    for line in source.lines() {
        if line.starts_with('[') {
            in_location = line.trim() == "[[location]]";
        }
        if !in_location {
            kept.push(line);
        }
    }
    std::fs::write(&kit_file, kept.join("\n") + "\n").unwrap();
    let out = dir.path().join("reserv");
    let status = |now: &str| {
        let o = downkit(
            &[
                "status",
                kits.to_str().unwrap(),
                "--snapshots",
                out.to_str().unwrap(),
                "--date",
                now,
            ],
            &[],
        );
        (o.status.code(), text(&o).0)
    };
    std::fs::create_dir_all(&out).unwrap();
    let (code, stdout) = status("2026-12-02 07:00");
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("no snapshot in"), "{stdout}");

    assert!(snapshot_sample(&out, &[]).status.success());
    let (code, stdout) = status("2026-12-02 07:00");
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("snapshot: 2026-12-01 06:00 (25 h old, max 26 h)"),
        "{stdout}"
    );
    let (code, stdout) = status("2026-12-02 08:30");
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("snapshot stale"), "{stdout}");

    let o = downkit(
        &[
            "status",
            kits.to_str().unwrap(),
            "--snapshots",
            out.to_str().unwrap(),
            "--date",
            "2026-12-02 07:00",
            "--format",
            "json",
        ],
        &[],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &v[0]["snapshot"];
    assert_eq!(s["newest"], FILE);
    assert_eq!(s["age_hours"], 25);
    assert_eq!(s["max_age_hours"], 26);
    assert_eq!(s["stale"], false);
}

/// Issue 28, item 7: one client's 800-character note, another's 20,000-letter word and a
/// group name of a paragraph no longer stop the nightly snapshot for every client. Each value
/// is cut with a visible `[…]` and a warning naming its row and field (never the value), and
/// the snapshot is written, in seconds.
#[test]
fn long_values_are_cut_with_a_mark_and_a_warning_and_the_snapshot_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(root(&format!("{KIT}/exempeldata-fiktiv/brukare.csv"))).unwrap();
    let (csv, _, _) = encoding_rs::WINDOWS_1252.decode(&sample);
    let nl = if csv.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = csv.split(nl).map(str::to_string).collect();
    let head: Vec<&str> = lines[0].split(';').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let (note, group) = (col("Att tänka på"), col("Grupp"));
    let set = |line: &mut String, i: usize, v: &str| {
        let mut f: Vec<String> = line.split(';').map(str::to_string).collect();
        f[i] = v.to_string();
        *line = f.join(";");
    };
    let long_note = "Ring alltid innan besöket och vänta på svar. ".repeat(18);
    set(&mut lines[1], note, &long_note[..800]);
    set(&mut lines[2], note, &"x".repeat(20_000));
    set(
        &mut lines[3],
        group,
        &"Väster om ån och norr om järnvägen ".repeat(6),
    );
    let export = dir.path().join("brukare.csv");
    let joined = lines.join(nl);
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&joined);
    std::fs::write(&export, bytes).unwrap();
    let out = dir.path().join("out");
    let start = std::time::Instant::now();
    let o = downkit(
        &[
            "snapshot",
            KIT,
            "--data",
            &format!("brukare={}", export.display()),
            "--sample",
            "--no-encrypt",
            "--as-of",
            AS_OF,
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    let took = start.elapsed();
    let (_, err) = text(&o);
    assert!(o.status.success(), "{err}");
    for (row, field, limit) in [
        (1, "Att tänka på", 200),
        (2, "Att tänka på", 200),
        (3, "Grupp", 40),
    ] {
        assert!(
            err.contains(&format!(
                "warning[value-cut]: row {row}, field `{field}`: the value is"
            )) && err.contains(&format!("its first {limit} at most")),
            "row {row}: {err}"
        );
    }
    assert!(
        !err.contains("Ring alltid") && !err.contains("xxxx"),
        "{err}"
    );
    let [printed, _] = joined_text(&out.join(FILE));
    assert!(printed.contains("[…]"), "the cut is marked on paper");
    assert!(took < std::time::Duration::from_secs(60), "{took:?}");
}

//! `downkit serve` end to end (the browser part in `browser.rs`), in a real headless Chromium over chromedriver, against a
//! server started on a free 127.0.0.1 port: the kits page, a broken file's diagnostic in the
//! preview, the preview following a fix, a sheet ticked in the worklist and found in the
//! ledger file; and without a browser, 401 without the token and 403 for a POST without the
//! CSRF value. With `DOWNKIT_SCREENSHOTS=<folder>` the browser's screenshots of each page are
//! written there (README shows them from docs/serve/).

mod browser;
mod driver;
mod front_ends;
mod injection;
mod records;
mod slow;
mod snapshots;

// The pens of the mark-reading tests, to write on the fixture's sheets.
use crate::marks::scans;
use crate::support;

use driver::{http, Server};
use std::path::{Path, PathBuf};
use support::scans::{copy_dir, img2pdf, page_with, render};
use support::{downkit, init_kit, tmp};

pub const DATE: &str = "2026-12-01";
pub const INCIDENT: &str = "2026-12-natverk";

/// A folder of three kits: `rutin` and `routine` (from `init`, Swedish and English) and
/// `skanning` (the scan-back fixture) with a ledger read by `reconcile` from real scans:
/// HM-0001, HM-0003 twice, HM-0004; HM-0002 missing. Beside them, PNGs of HM-0005 and of a
/// drill copy of HM-0002 to upload.
/// Writes on every line and box of the order form on a page rendered at 100 dpi, as a sheet
/// that was used (a blank one is reported unused, not work to enter).
fn fill(kit: &Path, png: &Path) {
    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).expect("fonts");
    let printed = downkit::reconcile::Printed::of(&loaded, &fonts, None).expect("laid out");
    let spec = printed.form("bestallning").unwrap().read.as_ref().unwrap();
    let spots = scans::spots(spec);
    let pens = vec![scans::Pen::Write; spots.len()];
    let draw = scans::draw_args(&spots, &pens, 100, &mut scans::Rng::new(26));
    let args: Vec<&str> = draw.iter().map(String::as_str).collect();
    crate::support::scans::magick_run(png, &args, png);
}

pub fn kits(name: &str) -> (PathBuf, PathBuf) {
    let root = tmp(name);
    let kits = root.join("kits");
    init_kit(&kits.join("rutin"), "sv");
    init_kit(&kits.join("routine"), "en");
    let kit = kits.join("skanning");
    copy_dir(Path::new("tests/fixtures/kits/scanback"), &kit);
    let out = root.join("out");
    let o = downkit(&[
        "build",
        kit.to_str().unwrap(),
        "--only",
        "bestallning",
        "-o",
        out.to_str().unwrap(),
        "--date",
        DATE,
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.join("skanning-3.0-bestallning.pdf");
    let pages: Vec<PathBuf> = [1, 3, 4]
        .iter()
        .map(|&p| render(&pdf, p, 100, &root.join(format!("p{p}"))))
        .collect();
    for p in &pages {
        fill(&kit, p);
    }
    let again = root.join("p3-again.png");
    std::fs::copy(&pages[1], &again).unwrap();
    let scan = root.join("scan.pdf");
    img2pdf(
        &[pages[0].clone(), pages[1].clone(), pages[2].clone(), again],
        &scan,
    );
    // For the upload in the browser: HM-0005, not yet read, and a drill copy of HM-0002.
    fill(&kit, &render(&pdf, 5, 100, &root.join("hm5")));
    let o = downkit(&[
        "drill",
        kit.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--date",
        DATE,
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let drill = out.join("skanning-3.0-ovning.pdf");
    let page = page_with(&drill, &["Löpnummer HM-0002", "ÖVNING"]);
    render(&drill, page, 100, &root.join("drill"));
    let o = downkit(&[
        "reconcile",
        kit.to_str().unwrap(),
        scan.to_str().unwrap(),
        "--incident",
        INCIDENT,
        "--date",
        DATE,
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("HM-0003-B") && text.contains("HM-0002"),
        "{text}"
    );
    (root, kits)
}

#[test]
fn no_token_is_401_and_a_post_without_csrf_is_refused() {
    let (root, kits) = kits("serve-auth");
    let s = Server::start(&root, Path::new("kits"), &["--date", DATE]);
    let (code, _) = http(&s.addr(), "GET / HTTP/1.1", "");
    assert_eq!(code, 401);
    let (code, _) = http(&s.addr(), "GET /kit/rutin/pdf?token=wrong HTTP/1.1", "");
    assert_eq!(code, 401);
    let (code, resp) = http(&s.addr(), &format!("GET /?token={} HTTP/1.1", s.token), "");
    assert_eq!(code, 303, "{resp}");
    let cookie = resp
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a cookie")
        .to_string();
    let (code, page) = http(
        &s.addr(),
        &format!("GET / HTTP/1.1\r\nCookie: {cookie}"),
        "",
    );
    assert_eq!(code, 200);
    assert!(page.contains("Cache-Control: no-store"), "{page}");
    assert!(page.contains("<html lang=\"sv\">") && page.contains("Pärmar"));
    // The UI follows the kit's language.
    let (code, en) = http(
        &s.addr(),
        &format!("GET /kit/routine HTTP/1.1\r\nCookie: {cookie}"),
        "",
    );
    assert_eq!(code, 200);
    assert!(
        en.contains("<html lang=\"en\">") && en.contains("Download PDF"),
        "{en}"
    );
    // Nothing from outside: every address in the pages is the server's own.
    for p in [&page, &en] {
        for attr in ["src=\"", "href=\""] {
            for (i, _) in p.match_indices(attr) {
                let rest = &p[i + attr.len()..];
                assert!(
                    rest.starts_with('/') || rest.starts_with('#'),
                    "{}",
                    &p[i..i + 60]
                );
            }
        }
    }
    let (code, pdf) = http(
        &s.addr(),
        &format!("GET /kit/routine/pdf HTTP/1.1\r\nCookie: {cookie}"),
        "",
    );
    assert_eq!(code, 200);
    assert!(pdf.contains("Content-Type: application/pdf") && pdf.contains("%PDF-"));
    let ledger = kits
        .join("skanning")
        .join(format!("ledger-{INCIDENT}.toml"));
    let before = std::fs::read_to_string(&ledger).unwrap();
    let form = format!(
        "incident={INCIDENT}&sheet=HM-0001&form=bestallning&run=20261201&case=4711&by=AB&action=enter"
    );
    let post = |extra: &str, body: &str| {
        http(
            &s.addr(),
            &format!(
                "POST /kit/skanning/worklist HTTP/1.1\r\nCookie: {cookie}\r\n\
                 Content-Type: application/x-www-form-urlencoded{extra}"
            ),
            body,
        )
        .0
    };
    assert_eq!(post("", &form), 403);
    assert_eq!(post("", &format!("csrf=nonsense&{form}")), 403);
    let csrf = page
        .split("name=\"csrf\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    let good = format!("csrf={csrf}&{form}");
    assert_eq!(post("\r\nOrigin: http://evil.example", &good), 403);
    assert_eq!(std::fs::read_to_string(&ledger).unwrap(), before);
    assert_eq!(post("", &good), 303);
    assert!(std::fs::read_to_string(&ledger)
        .unwrap()
        .contains("case = \"4711\""));
    // The ledger's refusal in the kit's language (Swedish), not in English.
    let (code, page) = http(
        &s.addr(),
        &format!(
            "POST /kit/skanning/worklist HTTP/1.1\r\nCookie: {cookie}\r\n\
             Content-Type: application/x-www-form-urlencoded"
        ),
        &good,
    );
    assert_eq!(code, 409, "{page}");
    assert!(
        page.contains("HM-0001 är redan införd 2026-12-01, ärende 4711, av AB"),
        "{page}"
    );
    assert!(!page.contains("already entered"), "{page}");
}

#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_address_to_the_browser() {
    use std::io::BufRead;
    use std::os::unix::fs::PermissionsExt;
    let root = tmp("serve-open");
    init_kit(&root.join("kits").join("rutin"), "sv");
    // A stand-in for the desktop's opener: it writes down what it was given.
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opener = bin.join("xdg-open");
    let got = root.join("opened.txt");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{0}.part' && mv '{0}.part' '{0}'\n",
            got.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args(["serve", "kits", "--port", "0", "--open", "--date", DATE])
        .current_dir(&root)
        .env("PATH", path)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    let start = std::time::Instant::now();
    while !got.exists() && start.elapsed() < driver::PATIENCE {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(std::fs::read_to_string(&got).unwrap(), url);
}

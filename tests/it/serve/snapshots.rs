//! The status page's shelf checks and snapshot age, and the snapshots page behind the
//! kit's snapshot password, with the home-care planning kit and a snapshot of its
//! fictional sample export made in a temporary folder.

use super::browser::{shot, texts};
use super::driver::{http, in_browser, main_text, until, Server};
use super::support::{downkit, scans::copy_dir, tmp};
use fantoccini::{Client, Locator};
use std::path::{Path, PathBuf};

const KIT: &str = "hemtjanst-planering";
const PASSWORD: &str = "korrekt häst batteri häftklammer";
const SNAPSHOT: &str = "hemtjanst-planering-snapshot-2026-12-01-0600.pdf";
/// 27 hours after the sample's data time: one hour past the kit's snapshot-max-age of 26 h.
const NOW: &str = "2026-12-02 09:00";

/// The kit (with a shelf-check log: one binder checked late, one found in an old version;
/// too few signing sheets) and its shared contacts under `kits/`, its encrypted sample snapshot in `snaps/`.
fn setup(name: &str) -> PathBuf {
    let root = tmp(name);
    let kits = root.join("kits");
    copy_dir(&Path::new("kits").join(KIT), &kits.join(KIT));
    copy_dir(Path::new("kits/shared"), &kits.join("shared"));
    std::fs::write(
        kits.join(KIT).join("shelf-checks.toml"),
        "[[check]]\nlocation = \"nattpatrull\"\ndate = 2026-11-01\nby = \"Gruppledare natt\"\nfound = \"1.1\"\n\n\
         [[check]]\nlocation = \"hemtjanst-norra\"\ndate = 2026-11-20\nby = \"Gruppledare\"\nfound = \"0.9\"\n",
    )
    .unwrap();
    // Too few signing sheets for the 72 hours planned.
    let forms = kits.join(KIT).join("blanketter.toml");
    let text = std::fs::read_to_string(&forms).unwrap();
    assert!(text.contains("\nsignering = { copies = 60,"));
    std::fs::write(
        &forms,
        text.replace(
            "\nsignering = { copies = 60,",
            "\nsignering = { copies = 20,",
        ),
    )
    .unwrap();
    let pw = root.join("pass");
    std::fs::write(&pw, format!("{PASSWORD}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let o = downkit(&[
        "snapshot",
        kits.join(KIT).to_str().unwrap(),
        "--sample",
        "--password-file",
        pw.to_str().unwrap(),
        "-o",
        root.join("snaps").to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(root.join("snaps").join(SNAPSHOT).is_file());
    root
}

/// The personal values of the sample export (its personal-data columns), as text.
fn personal_values() -> Vec<String> {
    let bytes = std::fs::read(
        Path::new("kits")
            .join(KIT)
            .join("exempeldata-fiktiv/brukare.csv"),
    )
    .unwrap();
    // Windows-1252; the letters used (å ä ö é) are where Latin-1 has them.
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(';').collect();
        for i in [0, 1, 3, 6, 8] {
            if f.get(i).is_some_and(|v| v.len() > 3) {
                out.push(f[i].to_string());
            }
        }
    }
    assert!(out.len() > 10, "{out:?}");
    out
}

/// The access cookie, from the address with the token.
fn cookie(s: &Server) -> String {
    let (_, resp) = http(&s.addr(), &format!("GET /?token={} HTTP/1.1", s.token), "");
    resp.lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string()
}

#[test]
fn shelf_checks_snapshot_age_and_the_password_gate() {
    let root = setup("serve-snapshots");
    let file = std::fs::read(root.join("snaps").join(SNAPSHOT)).unwrap();
    let s = Server::start(
        &root,
        Path::new("kits"),
        &["--date", NOW, "--snapshots", "snaps"],
    );
    let c = cookie(&s);
    let download = format!("/kit/{KIT}/snapshots/{SNAPSHOT}");
    // Without the password no byte of the snapshot: 403 with the access cookie, 401 without.
    let (code, resp) = http(
        &s.addr(),
        &format!("GET {download} HTTP/1.1\r\nCookie: {c}"),
        "",
    );
    assert_eq!(code, 403, "{resp}");
    assert!(!resp.contains("%PDF"));
    assert_eq!(
        http(&s.addr(), &format!("GET {download} HTTP/1.1"), "").0,
        401
    );
    // Over plain HTTP too: a wrong password is refused, a right one gives a session of its
    // own, and only that session gets the file, exactly as written (encrypted).
    let (_, page) = http(&s.addr(), &format!("GET / HTTP/1.1\r\nCookie: {c}"), "");
    let csrf = page
        .split("name=\"csrf\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let post = |body: String| {
        http(
            &s.addr(),
            &format!(
                "POST /kit/{KIT}/snapshots HTTP/1.1\r\nCookie: {c}\r\n\
                 Content-Type: application/x-www-form-urlencoded"
            ),
            &body,
        )
    };
    let enc = |v: &str| form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    let good = format!("action=unlock&password={}", enc(PASSWORD));
    assert_eq!(post(good.clone()).0, 403, "no CSRF value");
    let (code, wrong) = post(format!(
        "csrf={csrf}&action=unlock&password=fel+l%C3%B6senord+h%C3%A4r"
    ));
    assert_eq!(code, 403);
    assert!(
        wrong.contains("Fel lösenord") && !wrong.contains("Set-Cookie"),
        "{wrong}"
    );
    let (code, right) = post(format!("csrf={csrf}&{good}"));
    assert_eq!(code, 303, "{right}");
    let snap = right
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_string();
    assert!(snap.contains("-snap="), "{snap}");
    // HTTP/1.0: the body comes whole, not in chunks.
    let get = format!("GET {download} HTTP/1.0\r\nCookie: {c}; {snap}");
    let mut sock = std::net::TcpStream::connect(s.addr()).unwrap();
    use std::io::{Read, Write};
    write!(
        sock,
        "{get}\r\nHost: {}\r\nConnection: close\r\n\r\n",
        s.addr()
    )
    .unwrap();
    let mut bytes = Vec::new();
    sock.read_to_end(&mut bytes).unwrap();
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    assert!(head.contains(" 200 "), "{head}");
    assert!(head.contains("Cache-Control: no-store"), "{head}");
    assert!(
        head.contains("application/pdf") && head.contains("attachment"),
        "{head}"
    );
    assert!(
        bytes[split..] == file[..],
        "the download is the file as written"
    );
    assert!(String::from_utf8_lossy(&file).contains("/Encrypt"));
    // Forgotten: refused again.
    let (code, _) = http(
        &s.addr(),
        &format!(
            "POST /kit/{KIT}/snapshots HTTP/1.1\r\nCookie: {c}; {snap}\r\n\
             Content-Type: application/x-www-form-urlencoded"
        ),
        &format!("csrf={csrf}&action=forget"),
    );
    assert_eq!(code, 303);
    assert_eq!(http(&s.addr(), &get, "").0, 403);

    browser(&s, file.len());

    // A snapshot written with --no-encrypt is never handed out, not even to a session whose
    // password opens the encrypted one.
    let plain = "hemtjanst-planering-snapshot-2026-11-30-0600.pdf";
    let o = downkit(&[
        "snapshot",
        root.join("kits").join(KIT).to_str().unwrap(),
        "--sample",
        "--no-encrypt",
        "--as-of",
        "2026-11-30 06:00",
        "-o",
        root.join("snaps").to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (code, right) = post(format!("csrf={csrf}&{good}"));
    assert_eq!(code, 303, "{right}");
    let snap = right
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_string();
    let with = |file: &str| {
        http(
            &s.addr(),
            &format!("GET /kit/{KIT}/snapshots/{file} HTTP/1.0\r\nCookie: {c}; {snap}"),
            "",
        )
    };
    assert_eq!(with(SNAPSHOT).0, 200);
    let (code, resp) = with(plain);
    assert_eq!(code, 403);
    assert!(!resp.contains("%PDF"));
    let (_, page) = http(
        &s.addr(),
        &format!("GET /kit/{KIT}/snapshots HTTP/1.0\r\nCookie: {c}; {snap}"),
        "",
    );
    assert!(page.contains("Skriven okrypterad (--no-encrypt)"), "{page}");
    for v in personal_values() {
        assert!(!page.contains(&v), "`{v}` is on the page");
    }
}

/// The browser part.
fn browser(s: &Server, size: usize) {
    let (base, url) = (s.base.clone(), s.url());
    in_browser(move |c| async move { walk(&c, &base, &url, size).await });
}

/// `fetch` of `path` from the page: status, Cache-Control, length, first bytes.
async fn fetch(c: &Client, path: &str) -> serde_json::Value {
    let js = "const done = arguments[arguments.length - 1];\
              fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {\
                const b = new Uint8Array(await r.arrayBuffer());\
                done([r.status, r.headers.get('cache-control'), b.length,\
                      String.fromCharCode(...b.slice(0, 5))]);\
              }).catch(e => done([0, String(e), 0, '']));";
    c.execute_async(js, vec![serde_json::json!(path)])
        .await
        .unwrap()
}

async fn walk(c: &Client, base: &str, url: &str, size: usize) {
    c.goto(url).await.unwrap();
    c.goto(&format!("{base}/status")).await.unwrap();
    let t = until("the status page", || async move {
        Some(main_text(c).await).filter(|t| t.contains("Pärmarna på sina platser"))
    })
    .await;
    // The night patrol's binder, checked every 14 days, last on 2026-11-01: late.
    let row = texts(c, "#loc-nattpatrull").await.join(" ");
    assert!(
        row.contains("2026-11-01") && row.contains("Försenad, 17 dagar"),
        "{row}"
    );
    let row = texts(c, "#loc-hemtjanst-norra").await.join(" ");
    assert!(row.contains("Gammal version 0.9 (aktuell 1.1)"), "{row}");
    assert!(
        t.contains("Senaste har data per 2026-12-01 06:00 och är 27 h gammal (högst 26 h)"),
        "{t}"
    );
    assert!(texts(c, &format!("#snap-{KIT}"))
        .await
        .join("")
        .contains("För gammal"));
    let js = "document.querySelector('table.shelf').scrollIntoView(); return true;";
    c.execute(js, vec![]).await.unwrap();
    shot(c, "status-shelf").await;

    // The snapshots page, from the kits page's link, locked: names, dates, sizes; no
    // personal value, no download.
    c.goto(base).await.unwrap();
    let link = format!("a[href='/kit/{KIT}/snapshots']");
    let link = until("the kits page's snapshots link", || {
        let link = link.clone();
        async move { c.find(Locator::Css(&link)).await.ok() }
    })
    .await;
    assert_eq!(link.text().await.unwrap(), "Reservutskrifter");
    link.click().await.unwrap();
    until("the snapshots page", || async move {
        Some(main_text(c).await).filter(|t| t.contains(SNAPSHOT))
    })
    .await;
    let html = c.source().await.unwrap();
    for v in personal_values() {
        assert!(!html.contains(&v), "`{v}` is on the locked page");
    }
    assert!(c.find(Locator::Css("a[download]")).await.is_err());
    let t = main_text(c).await;
    assert!(
        t.contains("2026-12-01 06:00") && t.contains("27 h") && t.contains("kB"),
        "{t}"
    );
    shot(c, "snapshots").await;
    let download = format!("/kit/{KIT}/snapshots/{SNAPSHOT}");
    assert_eq!(fetch(c, &download).await[0], 403);

    // A wrong password: refused, clearly, and still nothing offered.
    // The first by the button, the second by keyboard only: the password, then Enter.
    let unlock = |pw: &'static str, by_key: bool, expect: &'static str| async move {
        let f = c.find(Locator::Id("pw")).await.unwrap();
        if by_key {
            f.send_keys(&format!("{pw}\u{E007}")).await.unwrap();
        } else {
            f.send_keys(pw).await.unwrap();
            c.find(Locator::Css("button[value=unlock]"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        }
        until("the answer to the password", || async move {
            let t = c
                .find(Locator::Id("pw-result"))
                .await
                .ok()?
                .text()
                .await
                .ok()?;
            t.contains(expect).then_some(t)
        })
        .await
    };
    let said = unlock("inte det rätta lösenordet", false, "Fel lösenord").await;
    assert!(said.contains("Fel lösenord"), "{said}");
    assert!(c.find(Locator::Css("a[download]")).await.is_err());
    assert_eq!(fetch(c, &download).await[0], 403);

    // The right one: the download is offered, and is the encrypted file as written.
    let said = unlock(PASSWORD, true, "Lösenordet stämmer").await;
    assert!(said.contains("Lösenordet stämmer"), "{said}");
    c.find(Locator::Css("a[download]")).await.unwrap();
    let got = fetch(c, &download).await;
    assert_eq!(got[0], 200, "{got}");
    assert_eq!(got[1], "no-store");
    assert_eq!(got[2], size);
    assert_eq!(got[3], "%PDF-");
    assert!(main_text(c).await.contains("glöms om 15 minuter"));
    shot(c, "snapshots-unlocked").await;

    // Forget: the download is gone and refused.
    c.find(Locator::Css("button[value=forget]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until("the password forgotten", || async move {
        Some(main_text(c).await).filter(|t| t.contains("Lösenordet är glömt"))
    })
    .await;
    assert!(c.find(Locator::Css("a[download]")).await.is_err());
    assert_eq!(fetch(c, &download).await[0], 403);

    // At 200 % zoom (640 CSS px) neither page scrolls sideways.
    c.set_window_size(660, 1400).await.unwrap();
    for path in ["/status", &format!("/kit/{KIT}/snapshots")] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        let js = "return [document.documentElement.scrollWidth, window.innerWidth];";
        let v = c.execute(js, vec![]).await.unwrap();
        let (w, inner) = (v[0].as_u64().unwrap(), v[1].as_u64().unwrap());
        assert!(w <= inner, "{path}: {w} px wide in a {inner} px window");
    }
}

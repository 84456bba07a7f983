//! `downkit serve` end to end, in a real headless Chromium over chromedriver, against a
//! server started on a free 127.0.0.1 port: the kits page, a broken file's diagnostic in the
//! preview, the preview following a fix, a sheet ticked in the worklist and found in the
//! ledger file; and without a browser, 401 without the token and 403 for a POST without the
//! CSRF value. With `DOWNKIT_SCREENSHOTS=<folder>` the browser's screenshots of each page are
//! written there (README shows them from docs/serve/).

#[path = "support/browser.rs"]
mod browser;
mod support;

use browser::{http, main_text, until, Driver, Server};
use fantoccini::{Client, Locator};
use std::path::{Path, PathBuf};
use support::scans::{copy_dir, img2pdf, page_with, render};
use support::{downkit, init_kit, tmp};

const DATE: &str = "2026-12-01";
const INCIDENT: &str = "2026-12-natverk";

/// A folder of three kits: `rutin` and `routine` (from `init`, Swedish and English) and `skanning` (the scan-back fixture) with a
/// ledger read by `reconcile` from real scans: HM-0001, HM-0003 twice, HM-0004; HM-0002
/// missing.
fn kits(name: &str) -> (PathBuf, PathBuf) {
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
    let again = root.join("p3-again.png");
    std::fs::copy(&pages[1], &again).unwrap();
    let scan = root.join("scan.pdf");
    img2pdf(
        &[pages[0].clone(), pages[1].clone(), pages[2].clone(), again],
        &scan,
    );
    // For the upload in the browser: HM-0005, not yet read, and a drill copy of HM-0002.
    render(&pdf, 5, 100, &root.join("hm5"));
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
}

/// Saves a screenshot when `DOWNKIT_SCREENSHOTS` names a folder.
async fn shot(c: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("DOWNKIT_SCREENSHOTS") {
        let png = c.screenshot().await.unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

/// The text content of every element that matches `css` (SVG text too).
async fn texts(c: &Client, css: &str) -> Vec<String> {
    let js = "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);";
    match c.execute(js, vec![serde_json::json!(css)]).await {
        Ok(serde_json::Value::Array(v)) => v
            .into_iter()
            .map(|x| x.as_str().unwrap_or_default().to_string())
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn in_a_browser_kits_preview_and_worklist() {
    let (root, kits) = kits("serve-browser");
    let s = Server::start(&root, Path::new("kits"), &["--date", DATE]);
    let driver = Driver::start();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let session = driver.session().await;
        let c = &session;
        // Kits page: both kits with version and state.
        c.goto(&s.url()).await.unwrap();
        let t = until("the kits page", || async move {
            Some(main_text(c).await).filter(|t| t.contains("skanning") && t.contains("rutin"))
        })
        .await;
        assert!(t.contains("Pärmar") && t.contains("3.0"), "{t}");
        shot(c, "kits").await;

        // Preview: the pages as SVG, drawn from the layout.
        c.goto(&format!("{}/kit/rutin", s.base)).await.unwrap();
        let first = until("the preview's pages", || async move {
            texts(c, "svg.page")
                .await
                .into_iter()
                .next()
                .filter(|t| !t.is_empty())
        })
        .await;
        shot(c, "preview").await;

        // A broken file: the diagnostic with file:line and the source line appears.
        let file = kits.join("rutin").join("kit.toml");
        let good = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            good.replacen("[kit]", "[kit]\nversion-typo = \"1\"", 1),
        )
        .unwrap();
        let diag = until("the diagnostic of the broken file", || async move {
            texts(c, ".diag")
                .await
                .into_iter()
                .find(|t| t.contains("kit.toml:"))
        })
        .await;
        assert!(diag.contains("version-typo"), "{diag}");
        shot(c, "diagnostics").await;

        // Fixed with a new title: the preview shows it.
        let title = good
            .lines()
            .find_map(|l| l.strip_prefix("title = \""))
            .and_then(|l| l.split('"').next())
            .unwrap()
            .to_string();
        std::fs::write(&file, good.replacen(&title, "Ny rubrik efter ändring", 1)).unwrap();
        let now = until("the preview after the fix", || async move {
            texts(c, "svg.page")
                .await
                .into_iter()
                .next()
                .filter(|t| t.contains("Ny rubrik"))
        })
        .await;
        assert_ne!(now, first);

        // Worklist: tick HM-0004 and find it in the ledger file.
        c.goto(&format!("{}/kit/skanning/worklist", s.base))
            .await
            .unwrap();
        let count = || async move {
            c.find(Locator::Id("open-count"))
                .await
                .ok()?
                .text()
                .await
                .ok()
        };
        assert_eq!(until("the count", count).await, "4");
        let t = main_text(c).await;
        assert!(t.contains("Saknas (1)") && t.contains("HM-0002"), "{t}");
        assert!(t.contains("Samma serienummer på flera blad (1)"), "{t}");
        let sheet = c.find(Locator::Id("sheet-HM-0004")).await.unwrap();
        sheet
            .find(Locator::Css("input[name=case]"))
            .await
            .unwrap()
            .send_keys("4711")
            .await
            .unwrap();
        sheet
            .find(Locator::Css("input[name=by]"))
            .await
            .unwrap()
            .send_keys("AB")
            .await
            .unwrap();
        sheet
            .find(Locator::Css("summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        until("the scanned page of HM-0004", || async move {
            let js = "const i = document.querySelector('#sheet-HM-0004 img'); \
                      return i.complete && i.naturalWidth > 500;";
            c.execute(js, vec![])
                .await
                .ok()
                .filter(|v| v == &serde_json::json!(true))
        })
        .await;
        shot(c, "worklist").await;
        sheet
            .find(Locator::Css("button[value=enter]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        until("the count after ticking", || async move {
            count().await.filter(|n| n == "3")
        })
        .await;
        let ledger = std::fs::read_to_string(
            kits.join("skanning")
                .join(format!("ledger-{INCIDENT}.toml")),
        )
        .unwrap();
        let entry = ledger
            .split("[[sheet]]")
            .find(|s| s.contains("\"HM-0004\""))
            .unwrap();
        assert!(
            entry.contains("entered = { date = 2026-12-01, case = \"4711\", by = \"AB\" }"),
            "{entry}"
        );

        // By keyboard only: the first sheet's case field has the focus; Tab, Enter.
        until("the worklist after ticking", || async move {
            texts(c, ".notice")
                .await
                .into_iter()
                .find(|t| t.contains("HM-0004"))
        })
        .await;
        let focused = c.active_element().await.unwrap();
        assert_eq!(
            focused.attr("id").await.unwrap().as_deref(),
            Some("s0-case")
        );
        focused.send_keys("4712\u{E004}CD\u{E007}").await.unwrap();
        until("the count after ticking by keyboard", || async move {
            count().await.filter(|n| n == "2")
        })
        .await;

        // The missing HM-0002 voided, HM-0004 checked by a second person.
        let void = c.find(Locator::Id("v-bestallning-HM-0002")).await.unwrap();
        void.send_keys("förkommen\u{E007}").await.unwrap();
        until("the missing sheet voided", || async move {
            Some(main_text(c).await).filter(|t| t.contains("Saknas (0)"))
        })
        .await;
        let check = c.find(Locator::Id("c-bestallning-HM-0004")).await.unwrap();
        check.send_keys("CD\u{E007}").await.unwrap();
        until("the check recorded", || async move {
            texts(c, ".notice")
                .await
                .into_iter()
                .find(|t| t.contains("HM-0004"))
        })
        .await;
        let ledger = std::fs::read_to_string(
            kits.join("skanning")
                .join(format!("ledger-{INCIDENT}.toml")),
        )
        .unwrap();
        assert!(
            ledger.contains("void = { date = 2026-12-01, reason = \"förkommen\" }"),
            "{ledger}"
        );
        assert!(
            ledger.contains("checked = { date = 2026-12-01, by = \"CD\" }"),
            "{ledger}"
        );
        assert_eq!(count().await.as_deref(), Some("2"));

        // Scans read in from the browser: the new sheet goes into the list, the drill copy
        // is named apart and not entered.
        let files = format!(
            "{}\n{}",
            root.join("hm5.png").display(),
            root.join("drill.png").display()
        );
        c.find(Locator::Id("up-files"))
            .await
            .unwrap()
            .send_keys(&files)
            .await
            .unwrap();
        c.find(Locator::Css("#upload button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let done = until("the scans read in", || async move {
            c.find(Locator::Id("upload-done")).await.ok()?;
            Some(main_text(c).await)
        })
        .await;
        assert!(done.contains("1 nya blad i liggaren"), "{done}");
        assert!(
            done.contains("Övningsexemplar, förs inte in (1): bestallning HM-0002"),
            "{done}"
        );
        let js = "document.getElementById('h-up').scrollIntoView(); return true;";
        c.execute(js, vec![]).await.unwrap();
        shot(c, "upload").await;
        c.find(Locator::Id("upload-done"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        until("HM-0005 in the list", || async move {
            c.find(Locator::Id("sheet-HM-0005")).await.ok()
        })
        .await;
        assert_eq!(count().await.as_deref(), Some("3"));

        // The status page.
        c.goto(&format!("{}/status", s.base)).await.unwrap();
        let t = until("the status page", || async move {
            Some(main_text(c).await).filter(|t| t.contains("blad kvar att föra in"))
        })
        .await;
        assert!(t.contains("3 blad kvar"), "{t}");
        shot(c, "status").await;

        // At 200 % zoom a 1280 px window is 640 CSS px wide: every page reflows into it,
        // nothing to scroll sideways.
        c.set_window_size(660, 1400).await.unwrap();
        for path in ["/", "/kit/skanning/worklist", "/status", "/kit/rutin"] {
            c.goto(&format!("{}{path}", s.base)).await.unwrap();
            let js = "return [document.documentElement.scrollWidth, window.innerWidth];";
            let v = c.execute(js, vec![]).await.unwrap();
            let (w, inner) = (v[0].as_u64().unwrap(), v[1].as_u64().unwrap());
            assert!(w <= inner, "{path}: {w} px wide in a {inner} px window");
        }
        session.close().await.unwrap();
    });
}

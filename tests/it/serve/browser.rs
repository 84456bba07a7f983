//! The browser part: kits page, preview, diagnostics, worklist, upload, status, zoom.

use super::driver::{in_browser, main_text, until, Server};
use super::{kits, DATE, INCIDENT};
use fantoccini::{Client, Locator};
use std::path::Path;

/// Saves a screenshot when `DOWNKIT_SCREENSHOTS` names a folder.
pub async fn shot(c: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("DOWNKIT_SCREENSHOTS") {
        let png = c.screenshot().await.unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

/// The text content of every element that matches `css` (SVG text too).
pub async fn texts(c: &Client, css: &str) -> Vec<String> {
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
    let (base, url) = (s.base.clone(), s.url());
    in_browser(move |c| async move { walk(&c, &base, &url, &root, &kits).await });
}

/// Every page, as a coordinator and a clerk use them.
async fn walk(c: &Client, base: &str, url: &str, root: &Path, kits: &Path) {
    // Kits page: both kits with version and state.
    c.goto(url).await.unwrap();
    let t = until("the kits page", || async move {
        Some(main_text(c).await).filter(|t| t.contains("skanning") && t.contains("rutin"))
    })
    .await;
    assert!(t.contains("Pärmar") && t.contains("3.0"), "{t}");
    shot(c, "kits").await;

    // Preview: the pages as SVG, drawn from the layout.
    c.goto(&format!("{}/kit/rutin", base)).await.unwrap();
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
    c.goto(&format!("{}/kit/skanning/worklist", base))
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
    c.goto(&format!("{}/status", base)).await.unwrap();
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
        c.goto(&format!("{}{path}", base)).await.unwrap();
        let js = "return [document.documentElement.scrollWidth, window.innerWidth];";
        let v = c.execute(js, vec![]).await.unwrap();
        let (w, inner) = (v[0].as_u64().unwrap(), v[1].as_u64().unwrap());
        assert!(w <= inner, "{path}: {w} px wide in a {inner} px window");
    }
}

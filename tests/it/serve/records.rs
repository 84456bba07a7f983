//! What a coordinator records in the browser, without a terminal: a shelf check, a drill
//! with a follow-up and a call-tree result, the follow-up done, an incident started and
//! another ended — each found in its file with who and when, and the status page changing.

use super::browser::shot;
use super::driver::{http, in_browser, login, main_text, until, Server};
use super::{kits, DATE, INCIDENT};
use fantoccini::{Client, Locator};
use std::path::Path;

/// A binder location checked every day: on DATE its check is late.
const LOCATION: &str = "\n[[location]]\nid = \"norra\"\nunit = \"Hemtjänst Norra\"\n\
                        place = \"Personalrummet\"\nresponsible = \"Enhetschef\"\n\
                        shelf-check-days = 1\n";

#[test]
fn a_coordinator_records_in_the_browser_and_status_changes() {
    let (root, kits) = kits("serve-records");
    let kit = kits.join("rutin").join("kit.toml");
    let text = std::fs::read_to_string(&kit).unwrap();
    std::fs::write(&kit, format!("{text}{LOCATION}")).unwrap();
    let s = Server::start(&root, Path::new("kits"), &["--date", DATE]);

    // Without the form's CSRF value nothing is recorded.
    let cookie = login(&s);
    let (code, _) = http(
        &s.addr(),
        &format!(
            "POST /kit/rutin/shelf HTTP/1.1\r\nCookie: {cookie}\r\n\
             Content-Type: application/x-www-form-urlencoded"
        ),
        "location=norra&found=missing&by=X",
    );
    assert_eq!(code, 403);
    assert!(!kits.join("rutin").join("shelf-checks.toml").exists());

    let (base, url) = (s.base.clone(), s.url());
    in_browser(move |c| async move { walk(&c, &base, &url, &kits).await });
}

async fn fill(c: &Client, css: &str, text: &str) {
    let e = c.find(Locator::Css(css)).await.unwrap();
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits for the notice after a form was sent and returns it.
async fn notice(c: &Client, what: &str, want: &'static str) -> String {
    until(what, || async move {
        let e = c.find(Locator::Css(".notice")).await.ok()?;
        e.text().await.ok().filter(|t| t.contains(want))
    })
    .await
}

async fn status_section(c: &Client, base: &str, id: &str) -> String {
    c.goto(&format!("{base}/status")).await.unwrap();
    let css = format!("section[aria-labelledby=st-{id}]");
    until("the status page", || {
        let css = css.clone();
        async move { c.find(Locator::Css(&css)).await.ok()?.text().await.ok() }
    })
    .await
}

async fn walk(c: &Client, base: &str, url: &str, kits: &Path) {
    c.goto(url).await.unwrap();
    until("the kits page", || async move {
        Some(main_text(c).await).filter(|t| t.contains("rutin"))
    })
    .await;

    // Before: the binder at `norra` is late; no follow-up is due.
    let before = status_section(c, base, "rutin").await;
    assert!(before.contains("Försenad, 3 dagar"), "{before}");
    assert!(!before.contains("Åtgärd efter övning"), "{before}");

    // The shelf check, from the status page's link.
    c.find(Locator::Css(
        "section[aria-labelledby=st-rutin] a[href$='/records']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    until("the record page", || async move {
        c.find(Locator::Id("sh-by")).await.ok()
    })
    .await;
    shot(c, "records").await;
    fill(c, "#sh-by", "Anna Berg").await;
    click(c, "#shelf button").await;
    let n = notice(c, "the shelf check recorded", "norra").await;
    assert!(n.contains("registrerad"), "{n}");
    let log = std::fs::read_to_string(kits.join("rutin").join("shelf-checks.toml")).unwrap();
    assert!(
        log.contains(
            "location = \"norra\"\ndate = 2026-12-01\nby = \"Anna Berg\"\nfound = \"0.1\""
        ),
        "{log}"
    );

    // A drill with a follow-up already due and a contact that did not answer.
    fill(c, "#dr-part", "Anna Berg\nBo Ek").await;
    fill(c, "#dr-find", "Faxen saknade papper").await;
    fill(c, "input[name=fu-what-0]", "Köp faxpapper").await;
    fill(c, "input[name=fu-who-0]", "Enhetschef").await;
    let js = "document.querySelector('input[name=\"fu-by-0\"]').value = '2026-11-30'; \
              document.querySelector('select[name=\"call-enhetschef\"]').value = 'no-answer'; \
              return true;";
    c.execute(js, vec![]).await.unwrap();
    click(c, "#drill button").await;
    let n = notice(c, "the drill recorded", "2026-12-01").await;
    assert!(n.contains("Övningen"), "{n}");
    let log = std::fs::read_to_string(kits.join("rutin").join("drills.toml")).unwrap();
    for want in [
        "date = 2026-12-01",
        "participants = [\"Anna Berg\", \"Bo Ek\"]",
        "\"Faxen saknade papper\"",
        "Kontakttest: ",
        "what = \"Köp faxpapper\"\nwho = \"Enhetschef\"\nby = 2026-11-30\ndone = false",
        "contact = \"enhetschef\"\nresult = \"no-answer\"",
    ] {
        assert!(log.contains(want), "{want:?} not in\n{log}");
    }

    // The status page now lists the follow-up as overdue, and the binder is current.
    let mid = status_section(c, base, "rutin").await;
    assert!(mid.contains("Åtgärd efter övning “Köp faxpapper”"), "{mid}");
    let row = c.find(Locator::Id("loc-norra")).await.unwrap();
    let row = row.text().await.unwrap();
    assert!(
        row.contains("2026-12-01 (Anna Berg)") && row.contains("OK"),
        "{row}"
    );

    // The follow-up done.
    c.goto(&format!("{base}/kit/rutin/records")).await.unwrap();
    fill(c, "#followups input[name=by]", "CD").await;
    click(c, "#followups button").await;
    let n = notice(c, "the follow-up done", "Köp faxpapper").await;
    assert!(n.contains("klar"), "{n}");
    let log = std::fs::read_to_string(kits.join("rutin").join("drills.toml")).unwrap();
    assert!(
        log.contains("done = true\ndone-on = 2026-12-01\ndone-by = \"CD\""),
        "{log}"
    );
    let after = status_section(c, base, "rutin").await;
    assert!(!after.contains("Åtgärd efter övning"), "{after}");

    // The incident of the scanned sheets ended yesterday: its open sheets are overdue.
    let before = status_section(c, base, "skanning").await;
    assert!(!before.contains("försenat"), "{before}");
    c.goto(&format!("{base}/kit/skanning/records"))
        .await
        .unwrap();
    until("the incident form", || async move {
        c.find(Locator::Id("in-which")).await.ok()
    })
    .await;
    c.find(Locator::Id("in-which"))
        .await
        .unwrap()
        .select_by_value(INCIDENT)
        .await
        .unwrap();
    let js = "document.getElementById('in-end').value = '2026-11-30'; return true;";
    c.execute(js, vec![]).await.unwrap();
    fill(c, "#in-by2", "EF").await;
    click(c, "#incident form:nth-of-type(2) button").await;
    notice(c, "the incident ended", "avslutades").await;
    let ledger = std::fs::read_to_string(
        kits.join("skanning")
            .join(format!("ledger-{INCIDENT}.toml")),
    )
    .unwrap();
    assert!(
        ledger.contains("ended = 2026-11-30\nended-by = \"EF\""),
        "{ledger}"
    );
    let after = status_section(c, base, "skanning").await;
    assert!(after.contains("försenat, händelsen är avslutad"), "{after}");

    // A new incident started: its ledger is there, with who started it.
    c.goto(&format!("{base}/kit/skanning/records"))
        .await
        .unwrap();
    fill(c, "#in-new", "2026-12-prov").await;
    fill(c, "#in-by", "GH").await;
    click(c, "#incident form button").await;
    notice(c, "the incident started", "startade").await;
    let ledger =
        std::fs::read_to_string(kits.join("skanning").join("ledger-2026-12-prov.toml")).unwrap();
    assert!(
        ledger.contains("started = 2026-12-01\nstarted-by = \"GH\""),
        "{ledger}"
    );

    // The preview's contents: each part with its page number, a jump to that page.
    c.goto(&format!("{base}/kit/rutin")).await.unwrap();
    let links = until("the preview's contents", || async move {
        let v = c
            .execute(
                "return [...document.querySelectorAll('nav.contents a')].map(a => [a.getAttribute('href'), a.parentElement.textContent]);",
                vec![],
            )
            .await
            .ok()?;
        v.as_array().filter(|a| a.len() > 1).cloned()
    })
    .await;
    let (href, text) = (
        links[1][0].as_str().unwrap().to_string(),
        links[1][1].as_str().unwrap().to_string(),
    );
    let n: usize = href.trim_start_matches("#page-").parse().unwrap();
    assert!(
        n > 1 && text.ends_with(&format!("sidan {n}")),
        "{href} {text}"
    );
    let open = c
        .execute(
            "return document.querySelector('nav.contents details').open;",
            vec![],
        )
        .await
        .unwrap();
    if open != serde_json::json!(true) {
        click(c, "nav.contents summary").await;
    }
    c.find(Locator::Css(&format!("nav.contents a[href='{href}']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let js = "return location.hash === arguments[0] && document.querySelector(arguments[0] + ' svg.page') !== null;";
    let at = c.execute(js, vec![serde_json::json!(href)]).await.unwrap();
    assert_eq!(at, serde_json::json!(true), "{href}");

    // At 400 px: the forms and tables stack (each value with its label), nothing to
    // scroll sideways.
    c.set_window_size(400, 1200).await.unwrap();
    for path in [
        "/",
        "/status",
        "/kit/rutin/records",
        "/kit/skanning/records",
        "/kit/skanning/worklist",
        "/kit/rutin",
    ] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        let js = "return [document.documentElement.scrollWidth, window.innerWidth];";
        let v = c.execute(js, vec![]).await.unwrap();
        let (w, inner) = (v[0].as_u64().unwrap(), v[1].as_u64().unwrap());
        assert!(w <= inner, "{path}: {w} px wide in a {inner} px window");
    }
    c.goto(&format!("{base}/")).await.unwrap();
    let js = "return getComputedStyle(document.querySelector('table.kits td[data-label]'), '::before').content;";
    let label = c.execute(js, vec![]).await.unwrap();
    assert!(
        label.as_str().is_some_and(|l| l.contains("Version")),
        "{label}"
    );
}

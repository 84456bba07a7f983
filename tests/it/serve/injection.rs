//! Markup in a kit stays text: `<script>` and `"` in every kit string the web app shows —
//! the kit's title, its contacts, its binder locations, its drills' participants, findings
//! and follow-ups, a diagnostic's message and source line, a refused form's echo — come out
//! escaped on every page, and the page's only script is the app's own.

use super::driver::{http, login, Server};
use super::DATE;
use crate::support::{init_kit, tmp};
use std::path::Path;

/// Breaks out of text (`<script>`) and out of a double-quoted attribute (`"`).
const EVIL: &str = "<script>alert(1)</script>\" onmouseover=\"alert(2)";
/// `EVIL` in a TOML basic string.
const EVIL_TOML: &str = "<script>alert(1)</script>\\\" onmouseover=\\\"alert(2)";

fn check(page: &str, what: &str, shown: bool) {
    assert!(
        !page.contains("<script>alert"),
        "{what}: a script got in:\n{page}"
    );
    assert!(
        !page.contains("\" onmouseover=\""),
        "{what}: an attribute got in:\n{page}"
    );
    assert_eq!(
        page.matches("<script").count(),
        usize::from(page.contains("<html")),
        "{what}: only the app's script"
    );
    if shown {
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)"),
            "{what}: the string is not shown, escaped:\n{page}"
        );
    }
}

#[test]
fn script_and_quotes_in_every_kit_string_stay_text() {
    let root = tmp("serve-injection");
    let kits = root.join("kits");
    let kit = kits.join("elak");
    init_kit(&kit, "sv");
    let file = kit.join("kit.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replacen(
            "title = \"Min reservrutin\"",
            &format!("title = \"{EVIL_TOML}\""),
            1,
        )
        .replacen(
            "role = \"Enhetschef\"",
            &format!("role = \"{EVIL_TOML}\""),
            1,
        )
        .replacen(
            "name = \"Anna Exempel\"",
            &format!("name = \"{EVIL_TOML}\""),
            1,
        );
    std::fs::write(
        &file,
        format!(
            "{text}\n[[location]]\nid = \"norra\"\nunit = \"{EVIL_TOML}\"\nplace = \"{EVIL_TOML}\"\n\
             responsible = \"{EVIL_TOML}\"\nshelf-check-days = 1\n"
        ),
    )
    .unwrap();
    std::fs::write(
        kit.join("drills.toml"),
        format!(
            "[[drill]]\ndate = 2026-11-28\nparticipants = [\"{EVIL_TOML}\"]\nfindings = [\"{EVIL_TOML}\"]\n\n\
             [[drill.follow-up]]\nwhat = \"{EVIL_TOML}\"\nwho = \"{EVIL_TOML}\"\nby = 2026-11-29\ndone = false\n"
        ),
    )
    .unwrap();
    std::fs::write(
        kit.join("shelf-checks.toml"),
        format!("[[check]]\nlocation = \"norra\"\ndate = 2026-11-28\nby = \"{EVIL_TOML}\"\nfound = \"0.1\"\n"),
    )
    .unwrap();
    // A kit with an error whose message and source line hold the string.
    let broken = kits.join("trasig");
    init_kit(&broken, "sv");
    let file = broken.join("kit.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "[kit]",
            &format!("[kit]\n\"{EVIL_TOML}\" = \"{EVIL_TOML}\""),
            1,
        ),
    )
    .unwrap();

    let s = Server::start(&root, Path::new("kits"), &["--date", DATE]);
    let cookie = login(&s);
    let get = |path: &str| {
        let (code, page) = http(
            &s.addr(),
            &format!("GET {path} HTTP/1.1\r\nCookie: {cookie}"),
            "",
        );
        assert_eq!(code, 200, "{path}: {page}");
        page
    };
    for (path, shown) in [
        ("/", true),
        ("/status", true),
        ("/kit/elak", true),
        ("/kit/elak/pages", true),
        ("/kit/elak/records", true),
        ("/kit/elak/worklist", false),
        ("/kit/trasig", true),
    ] {
        check(&get(path), path, shown);
    }
    // The preview's SVG text holds the title, escaped.
    let pages = get("/kit/elak/pages");
    assert!(pages.contains("<svg"), "{pages}");

    // A refused form echoes what was sent, escaped.
    let page = get("/kit/elak/records");
    let csrf = page
        .split("name=\"csrf\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let evil: String = form_urlencoded::byte_serialize(EVIL.as_bytes()).collect();
    for (path, body) in [
        (
            "shelf",
            format!("csrf={csrf}&location={evil}&found=binder&version=0.1&by=AB"),
        ),
        (
            "shelf",
            format!("csrf={csrf}&location=norra&found=binder&version={evil}&by=AB"),
        ),
        ("follow-up", format!("csrf={csrf}&what={evil}x&by=AB")),
        (
            "incident",
            format!("csrf={csrf}&what=end&incident={evil}&date=2026-12-01&by=AB"),
        ),
    ] {
        let (code, page) = http(
            &s.addr(),
            &format!(
                "POST /kit/elak/{path} HTTP/1.1\r\nCookie: {cookie}\r\n\
                 Content-Type: application/x-www-form-urlencoded"
            ),
            &body,
        );
        assert!(code == 409 || code == 404, "{path}: {code} {page}");
        check(&page, path, false);
    }
}

//! The two front ends stand on one application layer: the command line and `serve` import
//! nothing of each other, judge the same clock the same way, and the PDF `serve` hands out
//! is the one `build` writes, refused for the same reasons. And `serve`'s session stays with
//! its own port.

use super::driver::{get_bytes, http, login, Server, PATIENCE};
use super::DATE;
use crate::support::{downkit, init_kit, tmp};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    out
}

/// The lines of `files` (comments left out) that name the module `other`.
fn naming(files: &[(String, String)], other: &str) -> Vec<String> {
    let paths = [
        format!("crate::{other}"),
        format!("super::{other}"),
        format!("downkit::{other}"),
        format!("{other}::"),
    ];
    let mut found = Vec::new();
    for (name, text) in files {
        let mut in_use = false;
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("").trim();
            // A grouped `use crate::{…, other, …};` spans lines.
            if code.starts_with("use ") || code.starts_with("pub use ") {
                in_use = !code.ends_with(';');
            }
            let grouped = (in_use || code.starts_with("use crate::{"))
                && code
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == other);
            if paths.iter().any(|p| code.contains(p.as_str())) || grouped {
                found.push(format!("{name}:{}: {line}", n + 1));
            }
            if code.ends_with(';') {
                in_use = false;
            }
        }
    }
    found
}

#[test]
fn cli_and_serve_import_neither_the_other() {
    let cli = sources(Path::new("src/cli"));
    let serve = sources(Path::new("src/serve"));
    assert!(cli.len() > 10 && serve.len() > 10);
    let wrong: Vec<_> = naming(&cli, "serve")
        .into_iter()
        .chain(naming(&serve, "cli"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The scan finds such a line when there is one.
    let planted = vec![(
        "x.rs".to_string(),
        "use crate::{app, cli};\nfn f() { crate::cli::run(); }\n".to_string(),
    )];
    assert_eq!(naming(&planted, "cli").len(), 2);
}

#[test]
fn serve_and_check_refuse_a_bad_source_date_epoch_alike() {
    let root = tmp("epoch");
    let kit = root.join("kits").join("rutin");
    init_kit(&kit, "sv");
    let run = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_downkit"))
            .args(args)
            .current_dir(&root)
            .env("SOURCE_DATE_EPOCH", "abc")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if start.elapsed() > PATIENCE {
                let _ = child.kill();
                panic!("`downkit {}` ran on with a bad SOURCE_DATE_EPOCH", args[0]);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let o = child.wait_with_output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let check = run(&["check", "kits/rutin"]);
    let serve = run(&["serve", "kits", "--port", "0"]);
    assert_eq!(check.0, Some(2), "{}", check.1);
    assert!(
        check
            .1
            .contains("SOURCE_DATE_EPOCH=`abc` is not a number of seconds"),
        "{}",
        check.1
    );
    assert_eq!(serve, check);
}

#[test]
fn the_pdf_from_serve_is_the_pdf_build_writes() {
    let root = tmp("serve-pdf");
    let kits = root.join("kits");
    init_kit(&kits.join("rutin"), "sv");
    let out = root.join("out");
    let o = downkit(&[
        "build",
        kits.join("rutin").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--date",
        DATE,
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let built: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(built.len(), 1, "{built:?}");
    let built = std::fs::read(&built[0]).unwrap();

    let s = Server::start(&root, Path::new("kits"), &["--date", DATE]);
    let cookie = login(&s);
    let (code, served) = get_bytes(&s.addr(), "/kit/rutin/pdf", &cookie);
    assert_eq!(code, 200);
    assert!(served == built, "the PDF served differs from the one built");

    // Two kits with one id: `build` refuses them, and so does the download.
    super::super::support::scans::copy_dir(&kits.join("rutin"), &kits.join("rutin-kopia"));
    let o = downkit(&[
        "build",
        kits.to_str().unwrap(),
        "-o",
        root.join("out2").to_str().unwrap(),
        "--date",
        DATE,
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("duplicate-kit-id"));
    let (code, body) = get_bytes(&s.addr(), "/kit/rutin/pdf", &cookie);
    assert_eq!(code, 409, "{}", String::from_utf8_lossy(&body));
}

#[test]
fn the_session_is_bound_to_the_servers_port_and_name() {
    let root = tmp("serve-host");
    init_kit(&root.join("kits").join("rutin"), "sv");
    let s = Server::start(&root, Path::new("kits"), &["--date", DATE]);
    let cookie = login(&s);
    let port = s.addr().rsplit_once(':').unwrap().1.to_string();
    // The cookie's name holds the port and a part nobody else can guess or set.
    let name = cookie.split('=').next().unwrap();
    let tail = name
        .strip_prefix(&format!("downkit-{port}-"))
        .unwrap_or_else(|| panic!("{name}"));
    assert!(
        tail.len() >= 8 && tail.bytes().all(|b| b.is_ascii_hexdigit()),
        "{name}"
    );
    let (_, resp) = http(&s.addr(), &format!("GET /?token={} HTTP/1.1", s.token), "");
    let set = resp
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .unwrap();
    assert!(
        set.contains("SameSite=Strict") && set.contains("HttpOnly"),
        "{set}"
    );
    // With the right cookie, but another name for the server (DNS rebinding) or another
    // port in `Host`: refused, before anything else is looked at.
    let asked = |host: &str| {
        let mut st = std::net::TcpStream::connect(s.addr()).unwrap();
        st.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            st,
            "GET / HTTP/1.0\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        let _ = st.read_to_string(&mut out);
        out.split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok())
            .unwrap_or(0)
    };
    assert_eq!(asked(&format!("127.0.0.1:{port}")), 200);
    assert_eq!(asked(&format!("localhost:{port}")), 200);
    assert_eq!(asked(&format!("evil.example:{port}")), 421);
    assert_eq!(asked("127.0.0.1:1"), 421);
    assert_eq!(asked(""), 421);
    // A POST whose Origin is this host on another port is not from this server's pages.
    let (code, page) = http(
        &s.addr(),
        &format!("GET / HTTP/1.1\r\nCookie: {cookie}"),
        "",
    );
    assert_eq!(code, 200);
    let csrf = page
        .split("name=\"csrf\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    let (code, _) = http(
        &s.addr(),
        &format!(
            "POST /kit/rutin/worklist HTTP/1.1\r\nCookie: {cookie}\r\nOrigin: http://127.0.0.1:1\r\n\
             Content-Type: application/x-www-form-urlencoded"
        ),
        &format!("csrf={csrf}&incident=x"),
    );
    assert_eq!(code, 403);
}

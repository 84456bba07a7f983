//! Slow and hostile clients cannot stop `serve` (issue 28, item 4): connections that trickle
//! a request body a byte at a time, connections that ask for large answers and never read
//! them, and oversized or too many headers — while they hang on, another client is answered
//! at once, and the headers are refused before they are kept.

use super::driver::{login, Server};
use super::DATE;
use crate::support::{init_kit, tmp};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long an ordinary request may take while the others hang on (generous for a loaded
/// machine; the server answers in milliseconds).
const ANSWER_WITHIN: Duration = Duration::from_secs(15);

/// One GET with a deadline: the status code, or `None` when no answer came in time.
fn get(addr: &str, path: &str, cookie: &str) -> Option<u16> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(ANSWER_WITHIN)).ok()?;
    s.set_write_timeout(Some(ANSWER_WITHIN)).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 12];
    s.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// The server's peak resident memory in MB (Linux).
fn peak_mb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024)
}

/// Another client is answered, several times over, while `who` hang on.
fn answered(addr: &str, cookie: &str, who: &str) {
    for path in ["/", "/status", "/kit/rutin/records"] {
        let t = Instant::now();
        assert_eq!(
            get(addr, path, cookie),
            Some(200),
            "{path}: no answer within {ANSWER_WITHIN:?} while {who} hang on"
        );
        assert!(t.elapsed() < ANSWER_WITHIN);
    }
}

#[test]
fn trickling_and_never_reading_clients_do_not_stop_serve() {
    let root = tmp("serve-slow");
    init_kit(&root.join("kits").join("rutin"), "sv");
    let s = Server::start(&root, Path::new("kits"), &["--date", DATE]);
    let addr = s.addr();
    let cookie = login(&s);
    assert_eq!(get(&addr, "/", &cookie), Some(200));
    let stop = Arc::new(AtomicBool::new(false));
    let mut hanging = Vec::new();

    // Four connections trickle a form body, a byte every 200 ms.
    for _ in 0..4 {
        let (addr, cookie, stop) = (addr.clone(), cookie.clone(), Arc::clone(&stop));
        hanging.push(std::thread::spawn(move || {
            let Ok(mut c) = TcpStream::connect(&addr) else {
                return;
            };
            let _ = write!(
                c,
                "POST /kit/rutin/shelf HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000\r\n\r\n"
            );
            while !stop.load(Ordering::Relaxed) {
                if c.write_all(b"x").is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        }));
    }
    std::thread::sleep(Duration::from_secs(1));
    answered(&addr, &cookie, "trickling clients");
    // Eight connections ask for a font (hundreds of KB) forty times over and never read.
    let mut unread = Vec::new();
    for _ in 0..8 {
        let mut c = TcpStream::connect(&addr).unwrap();
        let one = format!(
            "GET /kit/rutin/font/regular HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\r\n"
        );
        let _ = c.write_all(one.repeat(40).as_bytes());
        unread.push(c);
    }
    std::thread::sleep(Duration::from_secs(2));
    answered(&addr, &cookie, "clients that never read");

    // Headers: a 4 MB header, and 500 headers, are refused before the token is looked at;
    // four 64 MB headers sent at once leave the server's memory as it was.
    let before = peak_mb(s.pid());
    let mut big = Vec::new();
    for _ in 0..4 {
        let addr = addr.clone();
        big.push(std::thread::spawn(move || {
            let Ok(mut c) = TcpStream::connect(&addr) else {
                return;
            };
            let _ = c.set_write_timeout(Some(Duration::from_secs(20)));
            let _ = write!(c, "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Big: ");
            let chunk = vec![b'a'; 1 << 20];
            for _ in 0..64 {
                if c.write_all(&chunk).is_err() {
                    return;
                }
            }
        }));
    }
    for b in big {
        let _ = b.join();
    }
    let after = peak_mb(s.pid());
    if let (Some(b), Some(a)) = (before, after) {
        assert!(
            a < b + 64,
            "the server grew from {b} MB to {a} MB on headers"
        );
    }
    for (what, head) in [
        (
            "a 4 MB header",
            format!("X-Big: {}\r\n", "a".repeat(4 << 20)),
        ),
        ("500 headers", "X-Many: 1\r\n".repeat(500)),
    ] {
        let mut c = TcpStream::connect(&addr).unwrap();
        c.set_read_timeout(Some(ANSWER_WITHIN)).unwrap();
        let _ = write!(c, "GET / HTTP/1.1\r\nHost: {addr}\r\n{head}\r\n");
        let mut answer = Vec::new();
        let _ = c.read_to_end(&mut answer);
        let text = String::from_utf8_lossy(&answer);
        assert!(
            text.is_empty() || text.starts_with("HTTP/1.1 431"),
            "{what}: {}",
            &text[..text.len().min(200)]
        );
    }
    assert_eq!(get(&addr, "/", &cookie), Some(200));

    // A body larger than the route allows is refused before it is read.
    let mut c = TcpStream::connect(&addr).unwrap();
    c.set_read_timeout(Some(ANSWER_WITHIN)).unwrap();
    let _ = write!(
        c,
        "POST /kit/rutin/shelf HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000000\r\n\r\n"
    );
    let mut head = [0u8; 12];
    c.read_exact(&mut head).unwrap();
    assert_eq!(&head[9..12], b"413");

    stop.store(true, Ordering::Relaxed);
    drop(unread);
    for h in hanging {
        let _ = h.join();
    }
}

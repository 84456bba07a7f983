//! For the `downkit serve` tests: the server and chromedriver as child processes on free
//! 127.0.0.1 ports (killed when dropped), a headless Chromium session over WebDriver
//! (fantoccini), plain HTTP requests without a browser, and waiting by polling.

use fantoccini::{Client, ClientBuilder};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a step may take on a loaded machine before the test gives up.
pub const PATIENCE: Duration = Duration::from_secs(120);

/// A running `downkit serve`.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The access token.
    pub token: String,
}

impl Server {
    /// Starts `downkit serve <dir> --port 0 <extra>` in `cwd` and reads the address it prints.
    pub fn start(cwd: &Path, dir: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_downkit"))
            .arg("serve")
            .arg(dir)
            .args(["--port", "0"])
            .args(extra)
            .current_dir(cwd)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("downkit serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        let (base, token) = url.split_once("/?token=").expect("the address has a token");
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Server {
            child,
            base: base.to_string(),
            token: token.to_string(),
        }
    }

    /// The address with the token, as printed.
    pub fn url(&self) -> String {
        format!("{}/?token={}", self.base, self.token)
    }

    /// `host:port`.
    pub fn addr(&self) -> String {
        self.base.trim_start_matches("http://").to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One GET of `path` with `cookie` (HTTP/1.0, so that the body comes whole, never in
/// chunks); the status code and the body's bytes.
pub fn get_bytes(addr: &str, path: &str, cookie: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\nCookie: {cookie}\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, bytes[end + 4..].to_vec())
}

/// The access cookie (`name=value`) the server sets for its token.
pub fn login(s: &Server) -> String {
    let (code, resp) = http(&s.addr(), &format!("GET /?token={} HTTP/1.1", s.token), "");
    assert_eq!(code, 303, "{resp}");
    resp.lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a cookie")
        .to_string()
}

/// One HTTP/1.1 request (`head` is the request line and headers without the final blank
/// line); returns the status code and the whole response (binary bodies lossily as text).
pub fn http(addr: &str, head: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        s,
        "{head}\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let out = String::from_utf8_lossy(&bytes).into_owned();
    let code = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, out)
}

/// A chromedriver on a free port.
pub struct Driver {
    child: Child,
    /// Its WebDriver address.
    pub url: String,
}

impl Driver {
    /// Starts chromedriver and waits until it accepts connections.
    pub fn start() -> Driver {
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "chromedriver is needed for this test (apt-get install chromium chromium-driver)",
            );
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < PATIENCE, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    /// A headless Chromium session.
    pub async fn session(&self) -> Client {
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,1400",
                         "--no-first-run", "--no-default-browser-check"]
            },
            "pageLoadStrategy": "normal",
        });
        let caps = caps.as_object().unwrap().clone();
        let conn = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(conn)
            .capabilities(caps)
            .connect(&self.url)
            .await
            .expect("a Chromium session")
    }
}

/// Starts chromedriver and a headless Chromium session and runs `walk` in it. The walk runs
/// as a task, so that a failed step still closes the browser before its panic goes on.
pub fn in_browser<F, Fut>(walk: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let driver = Driver::start();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let session = driver.session().await;
        let walked = tokio::spawn(walk(session.clone())).await;
        let _ = session.close().await;
        if let Err(e) = walked {
            std::panic::resume_unwind(e.into_panic());
        }
    });
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` until it gives a value or [`PATIENCE`] has passed, then panics with `what`.
pub async fn until<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(start.elapsed() < PATIENCE, "waited {PATIENCE:?} for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The text of the page's `<main>`, or empty while the page loads.
pub async fn main_text(c: &Client) -> String {
    match c.find(fantoccini::Locator::Css("main")).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

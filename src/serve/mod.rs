//! `downkit serve`: a local web app for the people who are not at a terminal — the kits and
//! their problems, a live preview of the pages as they will print, the back-entry worklist,
//! what is due, and a kit's snapshots behind its snapshot password.
//!
//! A front end beside the command line on the same application layer ([`crate::app`]): the
//! kits page is `status` and `check` ([`crate::app::status::one`],
//! [`crate::app::check::diagnostics`]), the preview is the layout stage's
//! [`crate::layout::Document`] drawn as SVG (`svg`), the PDF to download is
//! [`crate::app::compile::compile`] as `build` calls it, and ticking a sheet calls
//! [`crate::app::ledger::record`], the function behind `reconcile --entered`.
//!
//! `tiny_http` serves it: a small blocking server, no async runtime, a few threads. Every
//! request needs the access token printed at start (`auth`); responses are never cached.

mod assets;
mod auth;
mod handout;
mod html;
mod kits;
mod preview;
mod routes;
mod scanimg;
mod sheets;
mod snapshots;
mod stamp;
mod status;
mod svg;
mod unlock;
mod upkeep;
mod upload;
mod worklist;

use chrono::{NaiveDate, NaiveDateTime};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

/// Threads answering requests: a preview being laid out does not hold up the worklist.
const WORKERS: usize = 4;

/// How to serve.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The kit, or the folder of kits.
    pub dir: PathBuf,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Listen on this address instead of 127.0.0.1 (`--listen`).
    pub listen: Option<IpAddr>,
    /// Judge dates as of this moment instead of now (`--date`).
    pub date: Option<NaiveDateTime>,
    /// The output folder of the last build (`check`'s `--out`).
    pub out: PathBuf,
    /// The folder `downkit snapshot` writes to (`--snapshots`): the snapshots' age on the
    /// status page, and the snapshots page.
    pub snapshots: Option<PathBuf>,
}

/// What every request handler shares.
pub struct State {
    /// The options the server was started with.
    pub opts: Options,
    /// The access token and the CSRF value.
    pub auth: auth::Auth,
    /// The kits as last checked, with the stamp of their files and the date (in memory only).
    pub checked: kits::Cache,
    /// The snapshot passwords given in the browser's sessions (in memory only).
    pub unlocked: unlock::Sessions,
    /// The clock, resolved when the server started.
    pub clock: crate::app::clock::Clock,
}

impl State {
    /// The moment to judge against: `--date`, else `SOURCE_DATE_EPOCH`, else now.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    /// The day to judge dates against: the day of [`State::now`].
    pub fn today(&self) -> NaiveDate {
        self.now().date()
    }
}

/// Starts the server and answers requests until the process is stopped. Returns only when
/// the server cannot start, with the reason.
pub fn run(opts: Options) -> Result<(), String> {
    // Resolved once, before anything listens: a bad SOURCE_DATE_EPOCH stops `serve` as it
    // stops every other command.
    let clock = crate::app::clock::Clock::resolve(opts.date)?;
    if !opts.dir.exists() {
        return Err(format!("`{}` does not exist", opts.dir.display()));
    }
    let ip = opts.listen.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        eprintln!(
            "warning: listening on {ip}: anyone who can reach this machine and has the address \
             with its token can read the kits and change the back-entry ledgers; the connection \
             is not encrypted"
        );
    }
    let server = tiny_http::Server::http(SocketAddr::new(ip, opts.port))
        .map_err(|e| format!("cannot listen on {ip} port {}: {e}", opts.port))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or("the server has no IP address")?;
    let auth = auth::Auth::new(addr.ip(), addr.port())?;
    let unlocked = unlock::Sessions::new(auth.cookie_name());
    let state = Arc::new(State {
        opts,
        auth,
        checked: kits::Cache::default(),
        unlocked,
        clock,
    });
    let host = match addr.ip() {
        IpAddr::V4(v) if v.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(v) => format!("[{v}]"),
        v => v.to_string(),
    };
    // Written once and never again: a closed standard output must not stop the server.
    use std::io::Write;
    let _ = write!(
        std::io::stdout(),
        "downkit serve: {} at http://{host}:{}/?token={}\n\
         open the address in a browser on this machine; stop with Ctrl+C\n",
        state.opts.dir.display(),
        addr.port(),
        state.auth.token()
    );
    let _ = std::io::stdout().flush();
    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, state) = (Arc::clone(&server), Arc::clone(&state));
            std::thread::spawn(move || {
                while let Ok(rq) = server.recv() {
                    routes::handle(&state, rq);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

//! The HTTP layer: hyper's HTTP/1.1 server on a small tokio runtime, so that no client can
//! hold the server up. Reading a request and writing its answer are asynchronous: a client
//! that trickles its body or never reads the answer holds one connection (a task and its
//! buffers), not a thread. The request line and headers are limited in size, count and time
//! (hyper answers 431, or closes the connection); a body is read only once the request is
//! admitted, up to the limit of its route and within a time limit (413, 408). Only then does
//! a blocking thread answer it from the complete request ([`super::routes::handle`]), and
//! the answer goes back asynchronously again.

use super::routes::{self, Reply};
use super::State;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue, CONTENT_LENGTH};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The request line and headers together (a request of the app needs under 2 KB).
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Headers in one request.
pub const MAX_HEADERS: usize = 64;
/// Time for the request line and headers (also how long an idle connection is kept).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Time for a form's body.
const FORM_BODY_TIMEOUT: Duration = Duration::from_secs(20);
/// Time for an uploaded scan's body (hundreds of MB over a slow network).
const SCAN_BODY_TIMEOUT: Duration = Duration::from_secs(600);
/// How long one connection may live: a client that stops reading an answer lets its
/// connection go after this.
const CONNECTION_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// Connections open at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 1024;
/// Threads answering complete requests at once (laying out a preview, building a PDF).
const ANSWERING_THREADS: usize = 8;

/// A request as the views see it: read completely.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The path and query, as sent.
    pub url: String,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body (empty unless the route takes one and the request was admitted).
    pub body: Vec<u8>,
}

/// The methods the app tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// GET.
    #[default]
    Get,
    /// HEAD.
    Head,
    /// POST.
    Post,
    /// Anything else.
    Other,
}

impl Request {
    /// The path and query.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The values of every header called `name` (case-insensitive).
    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first header called `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path without the query.
    pub fn path(&self) -> &str {
        self.url.split_once('?').map_or(&self.url, |(p, _)| p)
    }
}

/// Serves `listener` until the process is stopped.
pub fn serve(listener: TcpListener, state: Arc<State>) -> Result<(), String> {
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen: {e}"))?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(ANSWERING_THREADS)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| format!("cannot listen: {e}"))?;
        let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        loop {
            let Ok(permit) = Arc::clone(&open).acquire_owned().await else {
                return Ok(());
            };
            let stream = match listener.accept().await {
                Ok((s, _)) => s,
                Err(_) => {
                    // Out of file descriptors and the like: wait a moment, go on.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let state = Arc::clone(&state);
            tokio::spawn(async move {
                let _permit = permit;
                let service = service_fn(move |rq| answer(Arc::clone(&state), rq));
                let conn = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .title_case_headers(true)
                    .header_read_timeout(HEAD_TIMEOUT)
                    .max_header_size(MAX_HEAD_BYTES)
                    .max_headers(MAX_HEADERS)
                    .max_buf_size(MAX_HEAD_BYTES.max(64 * 1024))
                    .serve_connection(TokioIo::new(stream), service);
                let _ = tokio::time::timeout(CONNECTION_LIFETIME, conn).await;
            });
        }
    })
}

fn method(m: &hyper::Method) -> Method {
    match *m {
        hyper::Method::GET => Method::Get,
        hyper::Method::HEAD => Method::Head,
        hyper::Method::POST => Method::Post,
        _ => Method::Other,
    }
}

/// Reads one request (its body only when admitted), answers it on a blocking thread.
async fn answer(
    state: Arc<State>,
    rq: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = rq.into_parts();
    let mut request = Request {
        method: method(&parts.method),
        url: parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_string(), |p| p.as_str().to_string()),
        headers: parts
            .headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect(),
        body: Vec::new(),
    };
    // A body is read only for a POST that may be answered: nothing is buffered for a
    // request without the token.
    if request.method == Method::Post && state.auth.access(&request) == super::auth::Access::Granted
    {
        let (limit, time) = if routes::takes_scan(request.path()) {
            (super::upload::MAX_SCAN_BYTES, SCAN_BODY_TIMEOUT)
        } else {
            (routes::MAX_FORM_BYTES, FORM_BODY_TIMEOUT)
        };
        let declared = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        let too_large = || {
            Reply::text(
                413,
                format!("larger than {}", crate::load::open::size_text(limit)),
            )
        };
        if declared.is_some_and(|n| n > limit) {
            return Ok(response(too_large()));
        }
        let read = Limited::new(body, usize::try_from(limit).unwrap_or(usize::MAX)).collect();
        match tokio::time::timeout(time, read).await {
            Err(_) => return Ok(response(Reply::text(408, "the request took too long"))),
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
                return Ok(response(too_large()))
            }
            Ok(Err(_)) => return Ok(response(Reply::text(400, "the request could not be read"))),
            Ok(Ok(b)) => request.body = b.to_bytes().to_vec(),
        }
    }
    let reply = tokio::task::spawn_blocking(move || routes::handle(&state, &request))
        .await
        .unwrap_or_else(|_| Reply::text(500, "the answer failed"));
    Ok(response(reply))
}

fn response(r: Reply) -> hyper::Response<Full<Bytes>> {
    let (status, headers, body) = r.into_parts();
    let mut resp = hyper::Response::new(Full::new(Bytes::from(body)));
    *resp.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in headers {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::try_from(v)) {
            resp.headers_mut().append(k, v);
        }
    }
    resp
}

//! Requests to views: the access check first, then the path; every answer uncached, with a
//! content security policy that allows nothing from outside the server.

use super::{auth::Access, State};
use std::io::Read;
use tiny_http::{Header, Method, Request, Response};

/// Largest form body read (a worklist tick is a few hundred bytes).
const MAX_FORM_BYTES: u64 = 64 * 1024;

/// An answer to send.
pub struct Reply {
    status: u16,
    ctype: &'static str,
    body: Vec<u8>,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    /// A page.
    pub fn html(body: String) -> Reply {
        Reply::bytes("text/html; charset=utf-8", body.into_bytes())
    }

    /// Bytes of a type.
    pub fn bytes(ctype: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            ctype,
            body,
            headers: Vec::new(),
        }
    }

    /// Plain text with a status.
    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            ..Reply::bytes("text/plain; charset=utf-8", body.into().into_bytes())
        }
    }

    /// "See other": after a POST, or to drop the token from the address.
    pub fn redirect(to: &str) -> Reply {
        Reply::text(303, "").header("Location", to.to_string())
    }

    /// Not found.
    pub fn not_found() -> Reply {
        Reply::text(404, "not found")
    }

    /// With a header.
    pub fn header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }

    /// With a status.
    pub fn status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }
}

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   font-src 'self'; connect-src 'self'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";

fn send(rq: Request, r: Reply) {
    let mut resp = Response::from_data(r.body).with_status_code(r.status);
    let mut add = |k: &str, v: &str| {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            resp.add_header(h);
        }
    };
    add("Content-Type", r.ctype);
    add("Cache-Control", "no-store");
    add("X-Content-Type-Options", "nosniff");
    // `same-origin`, not `no-referrer`: with that, browsers send `Origin: null` on a POST.
    add("Referrer-Policy", "same-origin");
    add("Content-Security-Policy", CSP);
    for (k, v) in &r.headers {
        add(k, v);
    }
    let _ = rq.respond(resp);
}

/// Answers one request.
pub fn handle(state: &State, mut rq: Request) {
    let reply = match state.auth.access(&rq) {
        Access::Denied => Reply::text(
            401,
            "401: this address needs the access token. Open the address `downkit serve` \
             printed when it started (…/?token=…).",
        ),
        Access::WrongHost => Reply::text(
            421,
            "421: this server answers only to the address `downkit serve` printed when it started",
        ),
        Access::FromAddress { path } => {
            Reply::redirect(&path).header("Set-Cookie", state.auth.set_cookie())
        }
        Access::Granted => route(state, &mut rq),
    };
    send(rq, reply);
}

fn decode(s: &str) -> String {
    form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

fn route(state: &State, rq: &mut Request) -> Reply {
    let url = rq.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let q: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let parts: Vec<String> = path.trim_matches('/').split('/').map(decode).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match rq.method() {
        Method::Get | Method::Head => get(state, rq, &parts, &q),
        Method::Post => {
            let scans = matches!(parts.as_slice(), ["kit", _, "scans"]);
            let limit = if scans {
                super::upload::MAX_SCAN_BYTES
            } else {
                MAX_FORM_BYTES
            };
            let mut body = Vec::new();
            if rq
                .as_reader()
                .take(limit + 1)
                .read_to_end(&mut body)
                .is_err()
            {
                return Reply::text(400, "the request could not be read");
            }
            if body.len() as u64 > limit {
                return Reply::text(
                    413,
                    format!("larger than {}", crate::load::open::size_text(limit)),
                );
            }
            let form: Vec<(String, String)> = if scans {
                Vec::new()
            } else {
                form_urlencoded::parse(&body).into_owned().collect()
            };
            if !state.auth.post_ok(rq, &form) {
                return Reply::text(
                    403,
                    "403: the form is not from this server's page (CSRF check); reload the page and try again",
                );
            }
            match parts.as_slice() {
                ["kit", k, "worklist"] => super::worklist::post(state, k, &form),
                ["kit", k, "scans"] => super::upload::post(state, k, &q, body),
                ["kit", k, "snapshots"] => super::handout::post(state, rq, k, &form),
                _ => Reply::not_found(),
            }
        }
        _ => Reply::text(405, "method not allowed").header("Allow", "GET, POST".into()),
    }
}

fn get(state: &State, rq: &Request, parts: &[&str], q: &[(String, String)]) -> Reply {
    match parts {
        [""] => super::kits::page(state),
        ["status"] => super::status::page(state),
        ["assets", name] => super::assets::get(name),
        ["kit", k] => super::preview::page(state, k),
        ["kit", k, "pages"] => super::preview::fragment(state, k),
        ["kit", k, "stamp"] => super::stamp::reply(state, k),
        ["kit", k, "pdf"] => super::preview::pdf(state, k),
        ["kit", k, "fonts.css"] => super::preview::fonts_css(k),
        ["kit", k, "font", w] => super::preview::font(state, k, w),
        ["kit", k, "worklist"] => super::worklist::page(state, k, q),
        ["kit", k, "scan"] => super::scanimg::get(state, k, q),
        ["kit", k, "snapshots"] => super::snapshots::page(state, rq, k),
        ["kit", k, "snapshots", file] => super::handout::download(state, rq, k, file),
        _ => Reply::not_found(),
    }
}

//! Access: a random token printed in the address (as Jupyter does), kept in a cookie after
//! the first visit; a CSRF value in every form, checked on every POST.
//!
//! Browsers keep cookies per host, not per port, so the session is bound to this server's
//! port: the cookie's name holds the port and a random part (another program on the machine
//! can neither guess it nor set one in its place), it is `SameSite=Strict` and `HttpOnly`,
//! and every request must name this server exactly in `Host` (and, on a POST, in `Origin`):
//! a page that reaches the port under another name (DNS rebinding) gets nothing.

use tiny_http::Request;

/// The secrets of one server run.
pub struct Auth {
    token: String,
    csrf: String,
    cookie: String,
    /// The `Host` values that name this server (`host:port`); empty: any host, on this port.
    hosts: Vec<String>,
    port: u16,
}

/// What a request may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// The cookie holds the token.
    Granted,
    /// The token came in the address: set the cookie and send the browser on to `path`
    /// (the address without the token, so that it does not stay in the history).
    FromAddress {
        /// Where to go next.
        path: String,
    },
    /// No token, or a wrong one.
    Denied,
    /// `Host` names another server (another port, or a name this one is not reached by).
    WrongHost,
}

fn random_hex(bytes: usize) -> Result<String, String> {
    let mut b = vec![0u8; bytes];
    getrandom::fill(&mut b).map_err(|e| format!("no random numbers for the token: {e}"))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// Compares in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Auth {
    /// New random secrets for a server listening on `ip` and `port`; the cookie is named
    /// after the port and a random part, so that two servers on one machine keep apart and
    /// no other program can set it.
    pub fn new(ip: std::net::IpAddr, port: u16) -> Result<Auth, String> {
        let hosts = if ip.is_loopback() || ip.is_unspecified() {
            let mut h = vec![
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
            ];
            if ip.is_unspecified() {
                // Reached by the machine's names on the network: any host, on this port.
                h.clear();
            }
            h
        } else {
            match ip {
                std::net::IpAddr::V6(v) => vec![format!("[{v}]:{port}")],
                v => vec![format!("{v}:{port}")],
            }
        };
        Ok(Auth {
            token: random_hex(24)?,
            csrf: random_hex(24)?,
            cookie: format!("downkit-{port}-{}", random_hex(6)?),
            hosts,
            port,
        })
    }

    /// Whether `host` (a `Host` header) names this server.
    fn host_ok(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return false };
        if self.hosts.is_empty() {
            return host
                .rsplit_once(':')
                .is_some_and(|(_, p)| p == self.port.to_string());
        }
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    /// The access token.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The name of the access cookie.
    pub fn cookie_name(&self) -> &str {
        &self.cookie
    }

    /// The CSRF value every form carries.
    pub fn csrf(&self) -> &str {
        &self.csrf
    }

    /// The `Set-Cookie` value that admits the browser from now on.
    pub fn set_cookie(&self) -> String {
        format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict",
            self.cookie, self.token
        )
    }

    /// Whether `rq` may be answered.
    pub fn access(&self, rq: &Request) -> Access {
        let host = rq
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str());
        if !self.host_ok(host) {
            return Access::WrongHost;
        }
        let cookie_ok = rq
            .headers()
            .iter()
            .filter(|h| h.field.equiv("Cookie"))
            .flat_map(|h| h.value.as_str().split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .any(|(k, v)| k == self.cookie && same(v, &self.token));
        let (path, query) = rq.url().split_once('?').unwrap_or((rq.url(), ""));
        let mut given = None;
        let mut rest = Vec::new();
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            if k == "token" {
                given = Some(v.into_owned());
            } else {
                rest.push((k.into_owned(), v.into_owned()));
            }
        }
        match given {
            Some(t) if same(&t, &self.token) => {
                let mut next = path.to_string();
                if !rest.is_empty() {
                    next.push('?');
                    next.push_str(
                        &form_urlencoded::Serializer::new(String::new())
                            .extend_pairs(rest)
                            .finish(),
                    );
                }
                Access::FromAddress { path: next }
            }
            _ if cookie_ok => Access::Granted,
            _ => Access::Denied,
        }
    }

    /// Whether a POST carries the CSRF value (the `csrf` form field, or the `X-CSRF` header
    /// the script sends with an upload) and, when the browser says where it comes from
    /// (`Origin`), comes from this server's own pages.
    pub fn post_ok(&self, rq: &Request, form: &[(String, String)]) -> bool {
        let in_header = rq
            .headers()
            .iter()
            .any(|h| h.field.equiv("X-CSRF") && same(h.value.as_str(), &self.csrf));
        let value_ok = in_header || form.iter().any(|(k, v)| k == "csrf" && same(v, &self.csrf));
        let header = |name: &'static str| {
            rq.headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_string())
        };
        let origin_ok = match (header("Origin"), header("Host")) {
            (None, _) => true,
            (Some(o), Some(h)) => o == format!("http://{h}") && self.host_ok(Some(&h)),
            (Some(_), None) => false,
        };
        value_ok && origin_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_compared_whole() {
        let ip = std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);
        let (a, b) = (Auth::new(ip, 1).unwrap(), Auth::new(ip, 1).unwrap());
        assert_ne!(a.cookie, b.cookie);
        assert!(a.cookie.starts_with("downkit-1-"));
        assert!(a.host_ok(Some("127.0.0.1:1")) && a.host_ok(Some("localhost:1")));
        assert!(!a.host_ok(Some("127.0.0.1:2")) && !a.host_ok(Some("evil.example:1")));
        assert!(!a.host_ok(None));
        assert_ne!(a.token(), b.token());
        assert_ne!(a.token(), a.csrf());
        assert_eq!(a.token().len(), 48);
        assert!(same(a.token(), a.token()));
        assert!(!same(a.token(), &a.token()[..47]));
        assert!(!same(a.token(), b.token()));
    }
}

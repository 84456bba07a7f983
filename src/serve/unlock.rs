//! Snapshot passwords given in the browser: held in this process's memory only, per browser
//! session (a random cookie of its own, set when a password is given) and per kit, never
//! written anywhere; forgotten [`FORGET_AFTER`] after they were given, when the user says
//! "forget", and when the server stops. The bytes are overwritten when a password is dropped.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tiny_http::Request;

/// How long a password given in the browser is kept.
pub const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);

/// A password in memory: overwritten with zeros when dropped.
struct Secret(Vec<u8>);

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.fill(0);
        std::hint::black_box(&self.0);
    }
}

/// A password given for a kit, and when.
struct Given {
    secret: Secret,
    at: Instant,
}

/// The passwords of every browser session, by session id and kit key.
pub struct Sessions {
    cookie: String,
    held: Mutex<HashMap<(String, String), Given>>,
}

impl Sessions {
    /// No passwords yet; the session cookie is named after the access cookie (`access`: its
    /// name, with the port and a random part).
    pub fn new(access: &str) -> Sessions {
        Sessions {
            cookie: format!("{access}-snap"),
            held: Mutex::new(HashMap::new()),
        }
    }

    /// The session id the request's cookie names, if any.
    pub fn session_of(&self, rq: &Request) -> Option<String> {
        rq.headers()
            .iter()
            .filter(|h| h.field.equiv("Cookie"))
            .flat_map(|h| h.value.as_str().split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, v)| *k == self.cookie && v.len() == 48)
            .map(|(_, v)| v.to_string())
    }

    /// A new random session id and the `Set-Cookie` value that gives it to the browser (a
    /// session cookie: gone when the browser closes).
    pub fn new_session(&self) -> Result<(String, String), String> {
        let mut b = [0u8; 24];
        getrandom::fill(&mut b).map_err(|e| format!("no random numbers: {e}"))?;
        let id: String = b.iter().map(|x| format!("{x:02x}")).collect();
        let cookie = format!("{}={id}; Path=/; HttpOnly; SameSite=Strict", self.cookie);
        Ok((id, cookie))
    }

    /// Keeps `password` for `kit` in `session` from `now`.
    pub fn give(&self, session: &str, kit: &str, password: &str, now: Instant) {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.insert(
            (session.to_string(), kit.to_string()),
            Given {
                secret: Secret(password.as_bytes().to_vec()),
                at: now,
            },
        );
    }

    /// Runs `f` with the password of `kit` in `session` when one is held and not yet
    /// forgotten at `now`, and when it will be forgotten; passwords past their time are
    /// dropped first.
    pub fn with<T>(
        &self,
        session: Option<&str>,
        kit: &str,
        now: Instant,
        f: impl FnOnce(&str, Instant) -> T,
    ) -> Option<T> {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.retain(|_, g| now.saturating_duration_since(g.at) < FORGET_AFTER);
        let g = held.get(&(session?.to_string(), kit.to_string()))?;
        let pw = std::str::from_utf8(&g.secret.0).ok()?;
        Some(f(pw, g.at + FORGET_AFTER))
    }

    /// Forgets the password of `kit` in `session`.
    pub fn forget(&self, session: Option<&str>, kit: &str) {
        if let Some(s) = session {
            let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
            held.remove(&(s.to_string(), kit.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_kept_per_session_and_kit_and_forgotten() {
        let s = Sessions::new("downkit-1-00");
        let t0 = Instant::now();
        s.give("a", "kit", "hemligt lösenord", t0);
        let got = |sess: Option<&str>, kit: &str, at: Instant| {
            s.with(sess, kit, at, |pw, _| pw.to_string())
        };
        assert_eq!(
            got(Some("a"), "kit", t0).as_deref(),
            Some("hemligt lösenord")
        );
        assert_eq!(got(Some("b"), "kit", t0), None);
        assert_eq!(got(None, "kit", t0), None);
        assert_eq!(got(Some("a"), "other", t0), None);
        let late = t0 + FORGET_AFTER;
        assert!(got(Some("a"), "kit", late - Duration::from_secs(1)).is_some());
        assert_eq!(got(Some("a"), "kit", late), None);
        // Gone for good once past its time.
        assert_eq!(got(Some("a"), "kit", t0), None);
        s.give("a", "kit", "hemligt lösenord", t0);
        s.forget(Some("a"), "kit");
        assert_eq!(got(Some("a"), "kit", t0), None);
        let (id, cookie) = s.new_session().unwrap();
        assert_eq!(id.len(), 48);
        assert!(cookie.starts_with("downkit-1-00-snap=") && cookie.contains("HttpOnly"));
    }
}

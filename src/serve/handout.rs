//! A kit's snapshot files and the answers that touch the password or a file: which files
//! are the kit's snapshots, whether a password opens one, the password form (unlock,
//! forget), and the download, which hands out the snapshot as written — still encrypted —
//! only to a browser session whose password opens that very file.

use super::html::{seg, t};
use super::http::Request;
use super::routes::Reply;
use super::snapshots::{view, Notice};
use super::State;
use crate::lifecycle::snapshots::as_of;
use crate::load::{self, Loaded};
use crate::render::{password_opens, Opens};
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A wrong password waits this long before the answer: guessing stays slow.
const WRONG_DELAY: Duration = Duration::from_secs(1);

/// Largest snapshot file read.
const MAX_SNAPSHOT_BYTES: u64 = 256 << 20;
/// Most snapshot files listed (the newest).
const MAX_LISTED: usize = 50;

/// A snapshot file of the kit: name, data time, size in bytes.
pub(super) struct File {
    /// File name.
    pub name: String,
    /// Data time.
    pub as_of: NaiveDateTime,
    /// Size in bytes.
    pub size: u64,
}

/// The kit with `key`, loaded, when it has datasets.
pub(super) fn kit(state: &State, key: &str) -> Option<Loaded> {
    let path = super::kits::find(state, key)?;
    let loaded = load::load(&path);
    (!loaded.kit.datasets.is_empty()).then_some(loaded)
}

/// The kit's snapshots in `dir`, newest first: regular files named as `downkit snapshot`
/// names them, nothing else (no symlinks, nothing in subfolders).
pub(super) fn files(dir: &Path, kit_id: &str) -> Vec<File> {
    let mut out: Vec<File> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let t = as_of(kit_id, &name)?;
            let meta = e
                .metadata()
                .ok()
                .filter(|_| e.file_type().is_ok_and(|t| t.is_file()))?;
            Some(File {
                name,
                as_of: t,
                size: meta.len(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.as_of.cmp(&a.as_of).then_with(|| a.name.cmp(&b.name)));
    out.truncate(MAX_LISTED);
    out
}

/// Whether the session's password (if any) opens the file; `None` when it cannot be read.
pub(super) fn opens(path: &Path, pw: Option<&str>) -> Option<Opens> {
    let bytes = crate::load::open::read_regular(path, MAX_SNAPSHOT_BYTES).ok()?;
    password_opens(&bytes, pw.unwrap_or("")).ok()
}

/// Whether the kit prints personal data (then an unencrypted snapshot is never handed out).
pub(super) fn personal(loaded: &Loaded) -> bool {
    loaded.kit.datasets.iter().any(|d| d.personal())
}

/// `POST /kit/<key>/snapshots`: `action=unlock` with `password`, or `action=forget`.
pub fn post(state: &State, rq: &Request, key: &str, form: &[(String, String)]) -> Reply {
    let Some(loaded) = kit(state, key) else {
        return Reply::not_found();
    };
    let back = format!("/kit/{}/snapshots", seg(key));
    let field = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let session = state.unlocked.session_of(rq);
    if field("action") == Some("forget") {
        state.unlocked.forget(session.as_deref(), key);
        return Reply::redirect(&format!("{back}?done=forgotten"));
    }
    let pw = field("password").unwrap_or("");
    let dir = state.opts.snapshots.clone().unwrap_or_default();
    let right = state.opts.snapshots.is_some()
        && files(&dir, &loaded.kit.meta.id.v)
            .iter()
            .any(|f| opens(&dir.join(&f.name), Some(pw)) == Some(Opens::Yes));
    if !right {
        std::thread::sleep(WRONG_DELAY);
        return view(state, rq, key, Some(Notice::Wrong), 403);
    }
    let (id, cookie) = match session {
        Some(id) => (id, None),
        None => match state.unlocked.new_session() {
            Ok((id, c)) => (id, Some(c)),
            Err(e) => return Reply::text(500, e),
        },
    };
    state.unlocked.give(&id, key, pw, Instant::now());
    let reply = Reply::redirect(&format!("{back}?done=unlocked"));
    match cookie {
        Some(c) => reply.header("Set-Cookie", c),
        None => reply,
    }
}

/// `GET /kit/<key>/snapshots/<file>`: the snapshot as written (encrypted), only to a session
/// whose password opens it; 403 otherwise, and no byte of it.
pub fn download(state: &State, rq: &Request, key: &str, name: &str) -> Reply {
    let (Some(loaded), Some(dir)) = (kit(state, key), state.opts.snapshots.as_ref()) else {
        return Reply::not_found();
    };
    if !files(dir, &loaded.kit.meta.id.v)
        .iter()
        .any(|f| f.name == name)
    {
        return Reply::not_found();
    }
    let path: PathBuf = dir.join(name);
    let Ok(bytes) = crate::load::open::read_regular(&path, MAX_SNAPSHOT_BYTES) else {
        return Reply::text(500, "the snapshot cannot be read");
    };
    let session = state.unlocked.session_of(rq);
    let held = state
        .unlocked
        .with(session.as_deref(), key, Instant::now(), |pw, _| {
            password_opens(&bytes, pw).ok()
        })
        .flatten();
    let allowed = match password_opens(&bytes, "") {
        Ok(Opens::NotEncrypted) => !personal(&loaded),
        Ok(_) => held == Some(Opens::Yes),
        Err(_) => false,
    };
    if !allowed {
        return Reply::text(
            403,
            t(
                loaded.kit.meta.language,
                "403: reservutskriften lämnas bara ut när pärmens lösenord för reservutskrifter är givet på sidan Reservutskrifter.",
                "403: the snapshot is handed out only once the kit's snapshot password is given on its Snapshots page.",
            ),
        );
    }
    Reply::bytes("application/pdf", bytes).header(
        "Content-Disposition",
        format!("attachment; filename=\"{name}\""),
    )
}

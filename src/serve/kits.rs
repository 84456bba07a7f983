//! The kits page: every kit with version, review date, next drill and state — the data of
//! `downkit status` — and each kit's problems as `downkit check` finds them, at file:line
//! with the source line.

use super::html::{esc, majority, page as shell, seg, t, Nav};
use super::routes::Reply;
use super::State;
use crate::diag::{Diagnostic, Severity};
use crate::lifecycle::KitStatus;
use crate::load::{self, Loaded};
use crate::model::Lang;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One kit, checked as `status` and `check` check it.
pub struct Checked {
    /// Its key in addresses: the folder (or file) name.
    pub key: String,
    /// The kit as loaded.
    pub loaded: Loaded,
    /// What `check` reports.
    pub diags: Vec<Diagnostic>,
    /// What `status` reports.
    pub status: KitStatus,
}

/// The kits being served: key and path, in order.
pub fn list(state: &State) -> Vec<(String, PathBuf)> {
    crate::app::kits::kits_at(&state.opts.dir)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let key = p
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            (key, p)
        })
        .collect()
}

/// The path of the kit with `key`.
pub fn find(state: &State, key: &str) -> Option<PathBuf> {
    list(state)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, p)| p)
}

/// The last [`check_all`], kept in memory while no file of any kit and no name in the
/// snapshot folder changes (and the hour stays the same, for the snapshots' age): the kits
/// and status pages come back at once.
#[derive(Default)]
pub struct Cache(Mutex<Option<(String, Arc<Vec<Checked>>)>>);

/// Every kit, loaded and checked (two kits with one id are found as `check` finds them);
/// the kits are checked on all cores, as `build` builds them.
pub fn check_all(state: &State) -> Arc<Vec<Checked>> {
    let now = state.now();
    let kits = list(state);
    let names = state
        .opts
        .snapshots
        .as_deref()
        .map(crate::app::status::snapshot_names);
    let first = format!("{} {:?}", now.format("%Y-%m-%d %H"), names);
    let key = kits.iter().fold(first, |mut k, (_, p)| {
        k.push(' ');
        k.push_str(&super::stamp::of(p));
        k
    });
    let mut cache = state.checked.0.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((k, v)) = cache.as_ref() {
        if *k == key {
            return Arc::clone(v);
        }
    }
    let checked = Arc::new(check_each(state, kits, now, names.as_deref()));
    *cache = Some((key, Arc::clone(&checked)));
    checked
}

fn check_each(
    state: &State,
    kits: Vec<(String, PathBuf)>,
    now: chrono::NaiveDateTime,
    names: Option<&[String]>,
) -> Vec<Checked> {
    let today = now.date();
    let loaded: Vec<Loaded> = kits.iter().map(|(_, p)| load::load(p)).collect();
    let pairs: Vec<_> = kits.iter().map(|(_, p)| p.clone()).zip(&loaded).collect();
    let dups = crate::app::ids::duplicates(&pairs);
    let jobs: Vec<_> = kits.into_iter().zip(loaded).zip(dups).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = jobs.len().div_ceil(threads).max(1);
    let mut jobs = jobs.into_iter().peekable();
    let mut chunks = Vec::new();
    while jobs.peek().is_some() {
        chunks.push(jobs.by_ref().take(per).collect::<Vec<_>>());
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|(((key, path), loaded), dup)| {
                            let mut status =
                                crate::app::status::one(&path, &loaded, dup.clone(), today);
                            if let (Some(dir), Some(names)) = (&state.opts.snapshots, names) {
                                status.snapshot =
                                    crate::app::status::snapshot_age(&loaded, names, dir, now);
                            }
                            let diags = crate::app::check::diagnostics(
                                &loaded,
                                dup,
                                today,
                                &state.opts.out,
                            );
                            Checked {
                                key,
                                loaded,
                                diags,
                                status,
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("checking a kit does not panic"))
            .collect()
    })
}

/// The state of a kit in a word or two.
pub fn summary(lang: Lang, s: &KitStatus) -> (String, &'static str) {
    if !s.errors.is_empty() {
        return (t(lang, "Fel i pärmen", "Invalid").into(), "bad");
    }
    if s.build_error.is_some() {
        return (
            t(lang, "Går inte att bygga", "Does not build").into(),
            "bad",
        );
    }
    match s.problems().len() {
        0 => ("OK".into(), "ok"),
        n => (
            format!("{} ({n})", t(lang, "Behöver åtgärd", "Needs attention")),
            "warn",
        ),
    }
}

/// Diagnostics as a list: severity, `file:line:column`, message, the source line, the fix.
pub fn diagnostics_html(lang: Lang, loaded: &Loaded, diags: &[Diagnostic]) -> String {
    let mut out = String::from("<ol class=\"diags\">");
    for d in diags.iter().take(crate::diag::MAX_SHOWN) {
        let (class, sev) = match d.severity {
            Severity::Error => ("error", t(lang, "Fel", "Error")),
            Severity::Warning => ("warning", t(lang, "Varning", "Warning")),
        };
        let vis = |s: &str| esc(&crate::diag::visible(s));
        out.push_str(&format!(
            "<li class=\"diag {class}\"><p><strong class=\"sev\">{sev}</strong> \
             <code class=\"pos\">{}</code> <span class=\"msg\">{}</span> \
             <code class=\"code\">[{}]</code></p>",
            esc(&d.position(&loaded.sources)),
            vis(&d.message),
            d.code
        ));
        if let Some(loc) = d.loc.filter(|l| l.file < loaded.sources.len()) {
            let (line, _) = loaded.sources.line_col(loc.file, loc.start);
            if let Some(text) = loaded.sources.text(loc.file).lines().nth(line - 1) {
                out.push_str(&format!(
                    "<pre class=\"src\"><span class=\"ln\">{line}</span> {}</pre>",
                    vis(text)
                ));
            }
        }
        if let Some(h) = &d.hint {
            out.push_str(&format!(
                "<p class=\"hint\">{}: {}</p>",
                t(lang, "Åtgärd", "Fix"),
                vis(h)
            ));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

fn date(d: Option<chrono::NaiveDate>, none: &str) -> String {
    d.map_or_else(|| none.to_string(), |d| d.to_string())
}

/// The kits page.
pub fn page(state: &State) -> Reply {
    let kits = check_all(state);
    let lang = majority(kits.iter().map(|k| k.loaded.kit.meta.language));
    let mut body = format!("<h1>{}</h1>", t(lang, "Pärmar", "Kits"));
    if kits.is_empty() {
        body.push_str(&format!(
            "<p>{} <code>{}</code>.</p>",
            t(lang, "Inga pärmar i", "No kits in"),
            esc(&state.opts.dir.display().to_string())
        ));
    }
    body.push_str(&format!(
        "<table class=\"kits\"><caption class=\"sr\">{}</caption><thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\">Version</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t(lang, "Pärmar och deras läge", "Kits and their state"),
        t(lang, "Pärm", "Kit"),
        t(lang, "Granskas senast", "Review by"),
        t(lang, "Nästa övning", "Next drill"),
        t(lang, "Läge", "State"),
        t(lang, "Öppna", "Open"),
    ));
    for k in kits.iter() {
        let s = &k.status;
        let (word, class) = summary(lang, s);
        let name = if s.title.is_empty() { &k.key } else { &s.title };
        let key = seg(&k.key);
        let mut links = format!(
            "<a href=\"/kit/{key}\">{}</a>",
            t(lang, "Förhandsgranska", "Preview")
        );
        if k.loaded.kit.forms.iter().any(|f| f.serial.is_some()) || !s.back_entry.is_empty() {
            links.push_str(&format!(
                " <a href=\"/kit/{key}/worklist\">{}</a>",
                t(lang, "Efterregistrering", "Back-entry")
            ));
        }
        if !k.loaded.kit.datasets.is_empty() {
            links.push_str(&format!(
                " <a href=\"/kit/{key}/snapshots\">{}</a>",
                t(lang, "Reservutskrifter", "Snapshots")
            ));
        }
        body.push_str(&format!(
            "<tr id=\"kit-{}\"><th scope=\"row\">{}<br><code>{}</code></th><td>{}</td><td>{}</td>\
             <td>{}</td><td><span class=\"state {class}\">{}</span></td><td class=\"links\">{links}</td></tr>",
            esc(&k.key),
            esc(name),
            esc(if s.id.is_empty() { &k.key } else { &s.id }),
            esc(&s.version),
            date(s.review_by, "–"),
            date(s.next_drill, "–"),
            esc(&word),
        ));
    }
    body.push_str("</tbody></table>");
    for k in kits.iter().filter(|k| !k.diags.is_empty()) {
        let lang = k.loaded.kit.meta.language;
        body.push_str(&format!(
            "<section class=\"problems\" aria-labelledby=\"p-{key}\"><h2 id=\"p-{key}\">{} <code>{}</code></h2>{}</section>",
            t(lang, "Problem i", "Problems in"),
            esc(&k.key),
            diagnostics_html(lang, &k.loaded, &k.diags),
            key = esc(&k.key),
        ));
    }
    Reply::html(shell(
        lang,
        t(lang, "Pärmar", "Kits"),
        Nav::Kits,
        &body,
        state.auth.csrf(),
        "",
    ))
}

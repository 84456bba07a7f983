//! The back-entry worklist of a kit and incident: the sheets that came back (from the
//! ledger `reconcile` keeps), each with a form for the case number and initials; ticking one
//! records it with [`crate::app::ledger::record`], the function behind
//! `reconcile --entered`, under the same lock and with the same atomic write.

use super::html::{esc, page as shell, seg, t, Nav};
use super::routes::Reply;
use super::State;
use crate::app::ledger as rec;
use crate::ledger::{self, Action, Target};
use crate::load::{self, Loaded};
use crate::model::Lang;
use crate::reconcile::{report::Report, Batch, Printed};
use std::path::{Path, PathBuf};

/// A kit ready for its ledgers: the kit, where it is, and what it prints.
pub struct Kit {
    /// The kit folder.
    pub dir: PathBuf,
    /// The kit as loaded.
    pub loaded: Loaded,
    /// Its serialized forms.
    pub printed: Printed,
}

/// Loads and checks the kit with `key`, as `reconcile` does before it reads a ledger.
pub fn kit(state: &State, key: &str) -> Result<Kit, Reply> {
    let dir = super::kits::find(state, key).ok_or_else(Reply::not_found)?;
    let loaded = load::load(&dir);
    let lang = loaded.kit.meta.language;
    let refuse = |m: String| Reply::text(409, m);
    if !dir.join("kit.toml").is_file() {
        return Err(refuse(
            t(
                lang,
                "Liggaren finns bara i en pärmmapp.",
                "Ledgers live in kit folders only.",
            )
            .into(),
        ));
    }
    let Ok((fonts, _)) = crate::app::compile::ready(&loaded, state.today(), None) else {
        return Err(refuse(
            t(
                lang,
                "Pärmen har fel; rätta dem först (se Pärmar).",
                "The kit has errors; fix them first (see Kits).",
            )
            .into(),
        ));
    };
    // What each print run printed, from the record of the build into --out, as `reconcile`.
    let printed = Printed::of(&loaded, &fonts, None).map_err(|e| refuse(e.to_string()))?;
    let printed = printed.with_record_in(&state.opts.out).map_err(refuse)?;
    Ok(Kit {
        dir,
        loaded,
        printed,
    })
}

/// The report of the ledger of `incident`, as `reconcile` without scans gives it.
pub fn report(k: &Kit, incident: &str) -> Result<Report, String> {
    let path = k.dir.join(ledger::file_name(incident));
    let l = rec::read_ledger(&path)?
        .ok_or_else(|| format!("there is no ledger `{}`", path.display()))?;
    Ok(Report::new(
        k.printed.clone(),
        l,
        path.display().to_string(),
        Batch::default(),
        &[],
    ))
}

/// The incident asked for, else the latest one.
fn incident(dir: &Path, q: &[(String, String)]) -> Option<String> {
    let known = rec::ledgers_in(dir);
    match q.iter().find(|(k, _)| k == "incident") {
        Some((_, i)) => known.into_iter().find(|k| k == i),
        None => known.into_iter().next_back(),
    }
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.trim())
}

/// `GET /kit/<key>/worklist[?incident=…]`.
pub fn page(state: &State, key: &str, q: &[(String, String)]) -> Reply {
    let k = match kit(state, key) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let done = q.iter().find(|(k, _)| k == "done").map(|(_, v)| v.clone());
    let notice = done.map(Notice::Done);
    view(state, key, &k, incident(&k.dir, q), notice, 200)
}

/// What the last action did.
pub enum Notice {
    /// The sheet was recorded.
    Done(String),
    /// It was refused, with the reason.
    Refused(String),
}

fn view(
    state: &State,
    key: &str,
    k: &Kit,
    inc: Option<String>,
    notice: Option<Notice>,
    status: u16,
) -> Reply {
    let lang = k.loaded.kit.meta.language;
    let title = format!(
        "{} · {}",
        t(lang, "Efterregistrering", "Back-entry"),
        k.printed.kit
    );
    let mut body = format!("<h1>{}</h1>", esc(&title));
    let incidents = rec::ledgers_in(&k.dir);
    if incidents.len() > 1 {
        body.push_str(&format!(
            "<nav class=\"incidents\" aria-label=\"{}\"><ul>",
            t(lang, "Händelser", "Incidents")
        ));
        for i in &incidents {
            let cur = if Some(i) == inc.as_ref() {
                " aria-current=\"page\""
            } else {
                ""
            };
            body.push_str(&format!(
                "<li><a href=\"/kit/{}/worklist?incident={}\"{cur}>{}</a></li>",
                seg(key),
                seg(i),
                esc(i)
            ));
        }
        body.push_str("</ul></nav>");
    }
    let Some(inc) = inc else {
        body.push_str(&format!(
            "<p>{}</p>",
            t(
                lang,
                "Ingen liggare ännu. Läs in de skannade bladen här nedan (eller med downkit reconcile).",
                "No ledger yet. Read the scanned sheets in below (or with downkit reconcile)."
            )
        ));
        body.push_str(&upload_form(lang, key, &state.today().to_string()));
        return Reply::html(shell(lang, &title, Nav::Kits, &body, state.auth.csrf(), ""))
            .status(status);
    };
    match notice {
        Some(Notice::Done(s)) => body.push_str(&format!(
            "<p class=\"notice ok\" role=\"status\">{} {}</p>",
            esc(&s),
            t(
                lang,
                "är registrerad i liggaren.",
                "is recorded in the ledger."
            )
        )),
        Some(Notice::Refused(m)) => body.push_str(&format!(
            "<p class=\"notice bad\" role=\"alert\">{}: {}</p>",
            t(lang, "Inte registrerad", "Not recorded"),
            esc(&m)
        )),
        None => {}
    }
    let here = |file: &str| super::scanimg::locate(file, &k.dir, &state.opts.dir).is_some();
    match report(k, &inc) {
        Ok(r) => {
            body.push_str(&super::sheets::html(
                lang,
                key,
                &inc,
                &r,
                state.auth.csrf(),
                &here,
            ));
            body.push_str(&upload_form(lang, key, &inc));
        }
        Err(e) => body.push_str(&format!(
            "<p class=\"notice bad\" role=\"alert\">{}</p>",
            esc(&e)
        )),
    }
    Reply::html(shell(lang, &title, Nav::Kits, &body, state.auth.csrf(), "")).status(status)
}

/// The form that reads scan files in (sent by the script, one file a request).
fn upload_form(lang: Lang, key: &str, incident: &str) -> String {
    format!(
        "<section aria-labelledby=\"h-up\"><h2 id=\"h-up\">{}</h2><p>{}</p>\
         <form id=\"upload\" action=\"/kit/{}/scans\" data-reload=\"{}\" class=\"fields\">\
         <label for=\"up-files\">{}</label> <input id=\"up-files\" type=\"file\" multiple required \
         accept=\".pdf,.png,.jpg,.jpeg,.tif,.tiff\"> <label for=\"up-inc\">{}</label> \
         <input id=\"up-inc\" name=\"incident\" value=\"{}\" required size=\"18\"> <button>{}</button></form>\
         <div id=\"upload-result\" aria-live=\"polite\"></div></section>",
        t(lang, "Läs in skanningar", "Read scans in"),
        t(
            lang,
            "PDF från skannern, eller PNG, JPEG, TIFF. Filerna läses i minnet och sparas inte; bladen förs in i liggaren.",
            "PDFs from the scanner, or PNG, JPEG, TIFF. The files are read in memory and not kept; their sheets go into the ledger."
        ),
        seg(key),
        t(lang, "Visa den uppdaterade listan", "Show the updated list"),
        t(lang, "Filer", "Files"),
        t(lang, "Händelse", "Incident"),
        esc(incident),
        t(lang, "Läs in", "Read in"),
    )
}

/// `POST /kit/<key>/worklist`: records one sheet (the CSRF value is checked before).
pub fn post(state: &State, key: &str, form: &[(String, String)]) -> Reply {
    let k = match kit(state, key) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let lang: Lang = k.loaded.kit.meta.language;
    let inc = field(form, "incident").to_string();
    if !rec::valid_incident(&inc) || !rec::ledgers_in(&k.dir).contains(&inc) {
        return Reply::text(400, "no such incident");
    }
    let (case, by) = (
        field(form, "case").to_string(),
        field(form, "by").to_string(),
    );
    let refuse = |m: &str| {
        view(
            state,
            key,
            &k,
            Some(inc.clone()),
            Some(Notice::Refused(m.into())),
            409,
        )
    };
    let reason = field(form, "reason").to_string();
    let action = match field(form, "action") {
        "check" if by.is_empty() => {
            return refuse(t(lang, "skriv din signatur", "write your initials"))
        }
        "check" => Action::Check { by },
        "void" if reason.is_empty() => {
            return refuse(t(
                lang,
                "skriv varför bladet makuleras",
                "write why the sheet is void",
            ))
        }
        "void" => Action::Void {
            reason,
            by: Some(by).filter(|b| !b.is_empty()),
        },
        "enter" | "duplicate" if case.is_empty() || by.is_empty() => {
            return refuse(t(
                lang,
                "skriv ärendenummer och signatur",
                "write the case number and initials",
            ))
        }
        "enter" => Action::Enter { case, by },
        "duplicate" => Action::Duplicate { case, by },
        _ => return Reply::text(400, "unknown action"),
    };
    let run = match field(form, "run") {
        "" => None,
        r => match crate::payload::PrintRun::parse(r) {
            Some(r) => Some(r),
            None => return Reply::text(400, "bad print run"),
        },
    };
    let sheet = field(form, "sheet").to_string();
    let target = Target {
        serial: sheet.clone(),
        run,
        form: Some(field(form, "form").to_string()).filter(|f| !f.is_empty()),
    };
    match rec::record(&k.dir, &k.printed, &inc, (target, action), state.today()) {
        Ok(_) => Reply::redirect(&format!(
            "/kit/{}/worklist?incident={}&done={}",
            seg(key),
            seg(&inc),
            seg(&sheet)
        )),
        Err(e) => refuse(&e),
    }
}

//! Reading scans in from the browser: the worklist's script sends each chosen file as the
//! body of a POST; it is read in memory (never written to disk: scanned sheets hold client
//! data), its sheets go into the ledger as `reconcile <scans>` records them, and the answer
//! tells what this file held — new sheets, drill copies, other kits, pages not read — apart.

use super::html::{esc, t};
use super::routes::Reply;
use super::State;
use crate::app::ledger as rec;
use crate::model::Lang;
use crate::reconcile::report::Report;

/// Largest scan file taken (a few hundred pages at 300 dpi).
pub const MAX_SCAN_BYTES: u64 = 512 << 20;

/// The file's name without any folder, as the ledger keeps it.
fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if clean.is_empty() {
        "scan".into()
    } else {
        clean
    }
}

/// `POST /kit/<key>/scans?incident=…&name=…` with the file as the body.
pub fn post(state: &State, key: &str, q: &[(String, String)], body: Vec<u8>) -> Reply {
    let k = match super::worklist::kit(state, key) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let lang = k.loaded.kit.meta.language;
    let arg = |n: &str| q.iter().find(|(k, _)| k == n).map_or("", |(_, v)| v.trim());
    let incident = arg("incident");
    if !rec::valid_incident(incident) {
        return Reply::text(
            400,
            t(
                lang,
                "Händelsen kan bara heta med små bokstäver, siffror och bindestreck, t.ex. 2026-03-natverk.",
                "Name the incident with lower-case letters, digits and dashes, such as 2026-03-natverk.",
            ),
        );
    }
    let name = file_name(arg("name"));
    let (files, errors) = crate::scan::scan_memory(vec![(name.clone(), body)], 0);
    if let Some(e) = errors.first() {
        return Reply::text(422, format!("{name}: {}", e.message));
    }
    let batch = crate::reconcile::sort(&k.printed, &files, state.today());
    match rec::receive(&k.dir, &k.printed, incident, batch, state.today()) {
        Ok(r) => Reply::html(summary(lang, &name, &r)),
        Err(e) => Reply::text(409, e),
    }
}

/// What one file held, as a fragment for the worklist.
fn summary(lang: Lang, name: &str, r: &Report) -> String {
    let b = &r.batch;
    let mut out = format!(
        "<div class=\"upload\"><h3>{}</h3><p>{} {}, {} {}.</p><ul>",
        esc(name),
        b.pages,
        t(lang, "sidor lästa", "pages read"),
        r.new.len(),
        t(lang, "nya blad i liggaren", "new sheets in the ledger"),
    );
    let list = |out: &mut String, head: &str, items: Vec<String>| {
        if !items.is_empty() {
            out.push_str(&format!(
                "<li><strong>{head} ({})</strong>: {}</li>",
                items.len(),
                esc(&items.join(", "))
            ));
        }
    };
    let code = |c: &crate::reconcile::SeenCode| {
        let serial = c.payload.serial.clone().unwrap_or_default();
        let form = c.payload.artifact.clone().unwrap_or_default();
        format!(
            "{form} {serial} ({} {})",
            t(lang, "sida", "page"),
            c.page.page
        )
    };
    list(
        &mut out,
        t(
            lang,
            "Övningsexemplar, förs inte in",
            "Drill copies, not to be entered",
        ),
        b.exercise.iter().map(code).collect(),
    );
    list(
        &mut out,
        t(lang, "Från en annan pärm", "From another kit"),
        b.other_kit
            .iter()
            .map(|c| format!("{} {}", c.payload.kit, code(c)))
            .collect(),
    );
    list(
        &mut out,
        t(
            lang,
            "Inte pärmens eller aldrig tryckta, förs inte in",
            "Not this kit's or never printed, not to be entered",
        ),
        b.refused
            .iter()
            .map(|r| {
                format!(
                    "{} {} ({}): {}",
                    t(lang, "sida", "page"),
                    r.page.page,
                    r.code,
                    r.why
                )
            })
            .collect(),
    );
    list(
        &mut out,
        t(
            lang,
            "Sidor som inte gick att läsa",
            "Pages that could not be read",
        ),
        b.unreadable
            .iter()
            .map(|(p, u)| format!("{} {}: {}", t(lang, "sida", "page"), p.page, u.message()))
            .collect(),
    );
    let known = b.sheets.len().saturating_sub(r.new.len());
    if known > 0 {
        out.push_str(&format!(
            "<li>{known} {}</li>",
            t(
                lang,
                "blad fanns redan i liggaren (samma sida inläst förut)",
                "sheets were in the ledger already (the same page read before)"
            )
        ));
    }
    out.push_str("</ul></div>");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_only_the_file_name() {
        assert_eq!(super::file_name("C:\\Skanner\\mars.pdf"), "mars.pdf");
        assert_eq!(super::file_name("../../etc/x.pdf"), "x.pdf");
        assert_eq!(super::file_name(""), "scan");
    }
}

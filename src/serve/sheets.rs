//! The worklist's sections, from a reconcile report: the count to zero, the sheets to enter,
//! sheets with one serial, missing serials, other versions, and what is done.

use super::html::{esc, seg, t};
use crate::ledger::Sheet;
use crate::model::Lang;
use crate::reconcile::report::Report;
use std::collections::BTreeSet;

/// The worklist of `incident` of the kit `key`.
/// `here` says whether a scan file the ledger names can still be read (for its page image).
pub fn html(
    lang: Lang,
    key: &str,
    incident: &str,
    r: &Report,
    csrf: &str,
    here: &dyn Fn(&str) -> bool,
) -> String {
    let totals = r.totals();
    let mut out = format!(
        "<div class=\"count\" id=\"open\" role=\"status\"><span class=\"n\" id=\"open-count\">{}</span> \
         {} <span class=\"of\">({} {} · {} {} · {} {})</span></div>",
        totals.open,
        t(lang, "kvar att föra in", "left to enter"),
        totals.sheets,
        t(lang, "blad", "sheets"),
        totals.entered,
        t(lang, "införda", "entered"),
        totals.void + totals.duplicate,
        t(lang, "makulerade eller dubbletter", "void or duplicates"),
    );
    let dup_groups = r.duplicates();
    let in_dup: BTreeSet<String> = dup_groups
        .iter()
        .filter(|(_, done)| !done)
        .flat_map(|(g, _)| g.iter().map(|s| format!("{}/{}", s.form, s.id())))
        .collect();
    let key_of = |s: &Sheet| format!("{}/{}", s.form, s.id());
    let idx: Vec<(usize, &Sheet)> = r.ledger.sheets.iter().enumerate().collect();
    let current: BTreeSet<usize> = r.received().map(|(i, _)| i).collect();
    let ctx = Ctx {
        lang,
        key,
        incident,
        csrf,
        here,
    };
    // To enter.
    let todo: Vec<_> = idx
        .iter()
        .filter(|(i, s)| current.contains(i) && !s.closed() && !in_dup.contains(&key_of(s)))
        .collect();
    out.push_str(&format!(
        "<section aria-labelledby=\"h-todo\"><h2 id=\"h-todo\">{} ({})</h2>",
        t(lang, "Att föra in", "To enter"),
        todo.len()
    ));
    if todo.is_empty() {
        out.push_str(&format!(
            "<p>{}</p>",
            t(lang, "Inga blad väntar.", "No sheets are waiting.")
        ));
    }
    out.push_str("<ol class=\"sheets\">");
    for (n, (i, s)) in todo.iter().enumerate() {
        out.push_str(&ctx.sheet(r, *i, s, false, n == 0));
    }
    out.push_str("</ol></section>");
    // Sheets with one serial.
    let open_dups: Vec<_> = dup_groups.iter().filter(|(_, done)| !done).collect();
    if !open_dups.is_empty() {
        out.push_str(&format!(
            "<section class=\"apart\" aria-labelledby=\"h-dup\"><h2 id=\"h-dup\">{} ({})</h2><p>{}</p><ol class=\"sheets\">",
            t(lang, "Samma serienummer på flera blad", "One serial on several sheets"),
            open_dups.len(),
            t(lang, "Ett kopierat blankettblad, eller samma blad skannat två gånger? Jämför bladen; för in det ena och markera det andra som dubblett.",
              "A photocopied blank, or one sheet scanned twice? Compare them; enter one and mark the other as a duplicate.")
        ));
        for (g, _) in open_dups {
            for s in g.iter().filter(|s| !s.closed()) {
                if let Some((i, _)) = idx.iter().find(|(_, x)| std::ptr::eq(*x, *s)) {
                    out.push_str(&ctx.sheet(r, *i, s, true, false));
                }
            }
        }
        out.push_str("</ol></section>");
    }
    // Missing.
    let missing: Vec<_> = r.gaps.iter().filter(|g| !g.missing.is_empty()).collect();
    out.push_str(&format!(
        "<section class=\"apart\" aria-labelledby=\"h-miss\"><h2 id=\"h-miss\">{} ({})</h2>",
        t(lang, "Saknas", "Missing"),
        missing.iter().map(|g| g.missing.len()).sum::<usize>()
    ));
    if missing.is_empty() {
        out.push_str(&format!(
            "<p>{}</p>",
            t(
                lang,
                "Inga luckor i serienumren.",
                "No gaps in the serials."
            )
        ));
    }
    for g in missing {
        out.push_str(&format!(
            "<p><strong>{}</strong>{}: <span class=\"serials\">{}</span></p><ul class=\"missing\">",
            esc(&g.form),
            g.run.map_or(String::new(), |r| format!(" ({r})")),
            esc(&g.missing.join(", "))
        ));
        for serial in &g.missing {
            out.push_str(&ctx.void_form(serial, &g.form, g.run));
        }
        out.push_str("</ul>");
    }
    out.push_str(&format!("<p class=\"note\">{}</p></section>", t(lang,
        "Övningsexemplar (ÖVNING) förs aldrig in och läggs inte i liggaren; de räknas upp när skanningen läses in (nedan, eller med downkit reconcile).",
        "Drill copies (EXERCISE) are never entered and never go into the ledger; they are listed when the scan is read in (below, or with downkit reconcile).")));
    // Other versions.
    let other: Vec<_> = r.other_version().filter(|(_, s)| !s.closed()).collect();
    if !other.is_empty() {
        out.push_str(&format!(
            "<section class=\"apart\" aria-labelledby=\"h-other\"><h2 id=\"h-other\">{} ({})</h2><ol class=\"sheets\">",
            t(lang, "Från en annan version av pärmen", "From another version of the kit"),
            other.len()
        ));
        for (i, s) in other {
            out.push_str(&ctx.sheet(r, i, s, false, false));
        }
        out.push_str("</ol></section>");
    }
    // Done.
    let closed: Vec<_> = idx.iter().filter(|(_, s)| s.closed()).collect();
    out.push_str(&format!(
        "<section aria-labelledby=\"h-done\"><h2 id=\"h-done\">{} ({})</h2><table class=\"done\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t(lang, "Klara", "Done"), closed.len(),
        t(lang, "Blad", "Sheet"), t(lang, "Blankett", "Form"), t(lang, "Läge", "State"),
        t(lang, "Ärende", "Case"), t(lang, "Av, dag", "By, day"),
        t(lang, "Kontrollerad", "Checked")
    ));
    for (_, s) in closed {
        let d = s
            .entered
            .as_ref()
            .or(s.duplicate.as_ref())
            .or(s.void.as_ref());
        let state = match s.state() {
            "entered" => t(lang, "införd", "entered"),
            "void" => t(lang, "makulerad", "void"),
            _ => t(
                lang,
                "dubblett, makulerad i systemet",
                "duplicate, cancelled",
            ),
        };
        let check = match (&s.checked, &s.entered) {
            (Some(d), _) => esc(&format!("{}, {}", d.by.as_deref().unwrap_or("–"), d.date)),
            (None, Some(_)) => ctx.check_form(s),
            _ => String::new(),
        };
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{state}</td><td>{}</td><td>{}</td><td>{check}</td></tr>",
            esc(&s.id()),
            esc(&s.form),
            esc(d
                .and_then(|d| d.case.as_deref().or(d.reason.as_deref()))
                .unwrap_or("")),
            esc(&d.map_or(String::new(), |d| format!(
                "{}, {}",
                d.by.as_deref().unwrap_or("–"),
                d.date
            ))),
        ));
    }
    out.push_str("</tbody></table></section>");
    out
}

struct Ctx<'a> {
    lang: Lang,
    key: &'a str,
    incident: &'a str,
    csrf: &'a str,
    here: &'a dyn Fn(&str) -> bool,
}

impl Ctx<'_> {
    /// The hidden fields every form carries.
    fn hidden(&self, sheet: &str, form: &str, run: Option<crate::payload::PrintRun>) -> String {
        format!(
            "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"incident\" value=\"{}\">\
             <input type=\"hidden\" name=\"sheet\" value=\"{}\"><input type=\"hidden\" name=\"form\" value=\"{}\">\
             <input type=\"hidden\" name=\"run\" value=\"{}\">",
            esc(self.csrf),
            esc(self.incident),
            esc(sheet),
            esc(form),
            run.map_or_else(String::new, |r| r.to_string())
        )
    }

    /// A second person's check of an entered sheet.
    fn check_form(&self, s: &Sheet) -> String {
        let id = format!("c-{}-{}", s.form, s.id());
        format!(
            "<form method=\"post\" action=\"/kit/{}/worklist\" class=\"inline\">{}\
             <label for=\"{id}\">{}</label> <input id=\"{id}\" name=\"by\" size=\"5\" required autocomplete=\"off\"> \
             <button name=\"action\" value=\"check\" class=\"secondary\">{}</button></form>",
            seg(self.key),
            self.hidden(&s.id(), &s.form, s.run),
            t(self.lang, "Signatur", "Initials"),
            t(self.lang, "Kontrollerad", "Checked"),
        )
    }

    /// Voiding a serial that did not come back (spoilt, lost, never used).
    fn void_form(&self, serial: &str, form: &str, run: Option<crate::payload::PrintRun>) -> String {
        let id = format!("v-{form}-{serial}");
        format!(
            "<li><form method=\"post\" action=\"/kit/{}/worklist\" class=\"inline\">{}\
             <span class=\"serial\">{}</span> <label for=\"{id}\">{}</label> \
             <input id=\"{id}\" name=\"reason\" required autocomplete=\"off\"> \
             <label for=\"{id}-by\">{}</label> <input id=\"{id}-by\" name=\"by\" size=\"5\" autocomplete=\"off\"> \
             <button name=\"action\" value=\"void\" class=\"secondary\">{}</button></form></li>",
            seg(self.key),
            self.hidden(serial, form, run),
            esc(serial),
            t(self.lang, "Varför makulerad", "Why void"),
            t(self.lang, "Signatur", "Initials"),
            t(self.lang, "Makulera", "Void"),
        )
    }

    /// One sheet with its scan and the form that records it.
    fn sheet(&self, r: &Report, i: usize, s: &Sheet, dup: bool, first: bool) -> String {
        let lang = self.lang;
        let form_title = r
            .printed
            .form(&s.form)
            .map_or(s.form.as_str(), |f| f.title.as_str());
        let id = format!("s{i}");
        let mut scans = String::new();
        for (n, p) in s.pages.iter().enumerate() {
            if !(self.here)(&p.file) {
                scans.push_str(&format!(
                    "<p class=\"meta\">{} {} ({}): {}</p>",
                    t(lang, "Skannad sida", "Scanned page"),
                    p.page,
                    esc(&p.file),
                    t(
                        lang,
                        "filen finns inte kvar här",
                        "the file is not here any more"
                    )
                ));
                continue;
            }
            scans.push_str(&format!(
                "<details><summary>{} {} ({})</summary><img loading=\"lazy\" alt=\"{} {}\" src=\"/kit/{}/scan?incident={}&amp;sheet={i}&amp;page={n}\"></details>",
                t(lang, "Skannad sida", "Scanned page"), p.page, esc(std::path::Path::new(&p.file).file_name().map_or(p.file.clone(), |n| n.to_string_lossy().into_owned()).as_str()),
                t(lang, "Skanning av", "Scan of"), esc(&s.id()),
                seg(self.key), seg(self.incident)
            ));
        }
        let buttons = if dup {
            format!(
                "<button name=\"action\" value=\"enter\">{}</button> <button name=\"action\" value=\"duplicate\" class=\"secondary\">{}</button>",
                t(lang, "Införd", "Entered"),
                t(lang, "Fanns redan – dubblett makulerad", "Already in the system – duplicate cancelled")
            )
        } else {
            format!(
                "<button name=\"action\" value=\"enter\">{}</button>",
                t(lang, "Införd", "Entered")
            )
        };
        format!(
            "<li class=\"sheet\" id=\"sheet-{sid}\"><form method=\"post\" action=\"/kit/{key}/worklist\" aria-labelledby=\"{id}-h\">\
             <h3 id=\"{id}-h\"><span class=\"serial\">{sid}</span> <span class=\"form\">{ft}</span></h3>\
             <p class=\"meta\">{run_l}: {run} · {got_l}: {got}</p>{scans}\
             {hidden}\
             <p class=\"fields\"><label for=\"{id}-case\">{case_l}</label> <input id=\"{id}-case\" name=\"case\" required autocomplete=\"off\"{af}>\
             <label for=\"{id}-by\">{by_l}</label> <input id=\"{id}-by\" name=\"by\" required size=\"6\" autocomplete=\"off\"> {buttons}</p>\
             </form></li>",
            sid = esc(&s.id()),
            key = seg(self.key),
            ft = esc(form_title),
            run_l = t(lang, "Tryckomgång", "Print run"),
            run = s.run.map_or_else(|| "–".into(), |r| r.to_string()),
            got_l = t(lang, "Skannad", "Scanned"),
            got = s.received.map_or_else(|| "–".into(), |d| d.to_string()),
            hidden = self.hidden(&s.id(), &s.form, s.run),
            case_l = t(lang, "Ärendenummer", "Case number"),
            by_l = t(lang, "Signatur", "Initials"),
            af = if first { " autofocus" } else { "" },
        )
    }
}

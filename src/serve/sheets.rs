//! The worklist's sections, from a reconcile report: the count to zero, the sheets to enter,
//! sheets with one serial, missing serials, other versions, and what is done.

use super::html::{seg, t};
use crate::ledger::Sheet;
use crate::model::Lang;
use crate::payload::PrintRun;
use crate::reconcile::report::Report;
use maud::{html, Markup};
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
) -> Markup {
    let l = |sv, en| t(lang, sv, en);
    let totals = r.totals();
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
    let todo: Vec<_> = idx
        .iter()
        .filter(|(i, s)| current.contains(i) && !s.closed() && !in_dup.contains(&key_of(s)))
        .collect();
    let open_dups: Vec<_> = dup_groups.iter().filter(|(_, done)| !done).collect();
    let missing: Vec<_> = r.gaps.iter().filter(|g| !g.missing.is_empty()).collect();
    let other: Vec<_> = r.other_version().filter(|(_, s)| !s.closed()).collect();
    let closed: Vec<_> = idx.iter().filter(|(_, s)| s.closed()).collect();
    html! {
        div.count #open role="status" {
            span.n #open-count { (totals.open) } " " (l("kvar att föra in", "left to enter")) " "
            span.of {
                "(" (totals.sheets) " " (l("blad", "sheets")) " · " (totals.entered) " " (l("införda", "entered"))
                " · " (totals.void + totals.duplicate) " " (l("makulerade eller dubbletter", "void or duplicates")) ")"
            }
        }
        section aria-labelledby="h-todo" {
            h2 #h-todo { (l("Att föra in", "To enter")) " (" (todo.len()) ")" }
            @if todo.is_empty() { p { (l("Inga blad väntar.", "No sheets are waiting.")) } }
            ol.sheets {
                @for (n, (i, s)) in todo.iter().enumerate() { (ctx.sheet(r, *i, s, false, n == 0)) }
            }
        }
        @if !open_dups.is_empty() {
            section.apart aria-labelledby="h-dup" {
                h2 #h-dup { (l("Samma serienummer på flera blad", "One serial on several sheets")) " (" (open_dups.len()) ")" }
                p { (l("Ett kopierat blankettblad, eller samma blad skannat två gånger? Jämför bladen; för in det ena och markera det andra som dubblett.",
                       "A photocopied blank, or one sheet scanned twice? Compare them; enter one and mark the other as a duplicate.")) }
                ol.sheets {
                    @for (g, _) in &open_dups {
                        @for s in g.iter().filter(|s| !s.closed()) {
                            @if let Some((i, _)) = idx.iter().find(|(_, x)| std::ptr::eq(*x, *s)) {
                                (ctx.sheet(r, *i, s, true, false))
                            }
                        }
                    }
                }
            }
        }
        section.apart aria-labelledby="h-miss" {
            h2 #h-miss { (l("Saknas", "Missing")) " (" (missing.iter().map(|g| g.missing.len()).sum::<usize>()) ")" }
            @if missing.is_empty() { p { (l("Inga luckor i serienumren.", "No gaps in the serials.")) } }
            @for g in &missing {
                p {
                    strong { (g.form) } @if let Some(r) = g.run { " (" (r.to_string()) ")" } ": "
                    span.serials { (g.missing.join(", ")) }
                }
                ul.missing { @for serial in &g.missing { (ctx.void_form(serial, &g.form, g.run)) } }
            }
            p.note { (l(
                "Övningsexemplar (ÖVNING) förs aldrig in och läggs inte i liggaren; de räknas upp när skanningen läses in (nedan, eller med downkit reconcile).",
                "Drill copies (EXERCISE) are never entered and never go into the ledger; they are listed when the scan is read in (below, or with downkit reconcile).")) }
        }
        @if !other.is_empty() {
            section.apart aria-labelledby="h-other" {
                h2 #h-other { (l("Från en annan version av pärmen", "From another version of the kit")) " (" (other.len()) ")" }
                ol.sheets { @for (i, s) in &other { (ctx.sheet(r, *i, s, false, false)) } }
            }
        }
        section aria-labelledby="h-done" {
            h2 #h-done { (l("Klara", "Done")) " (" (closed.len()) ")" }
            @let heads = [l("Blad", "Sheet"), l("Blankett", "Form"), l("Läge", "State"), l("Ärende", "Case"), l("Av, dag", "By, day"), l("Kontrollerad", "Checked")];
            table.done.stack {
                thead { tr { @for h in heads { th scope="col" { (h) } } } }
                tbody {
                    @for (_, s) in &closed {
                        @let d = s.entered.as_ref().or(s.duplicate.as_ref()).or(s.void.as_ref());
                        tr {
                            th scope="row" { (s.id()) }
                            td data-label=(heads[1]) { (s.form) }
                            td data-label=(heads[2]) { (match s.state() {
                                "entered" => l("införd", "entered"),
                                "void" => l("makulerad", "void"),
                                _ => l("dubblett, makulerad i systemet", "duplicate, cancelled"),
                            }) }
                            td data-label=(heads[3]) { (d.and_then(|d| d.case.as_deref().or(d.reason.as_deref())).unwrap_or("")) }
                            td data-label=(heads[4]) { @if let Some(d) = d { (d.by.as_deref().unwrap_or("–")) ", " (d.date.to_string()) } }
                            td data-label=(heads[5]) {
                                @match (&s.checked, &s.entered) {
                                    (Some(d), _) => { (d.by.as_deref().unwrap_or("–")) ", " (d.date.to_string()) },
                                    (None, Some(_)) => (ctx.check_form(s)),
                                    _ => {},
                                }
                            }
                        }
                    }
                }
            }
        }
    }
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
    fn hidden(&self, sheet: &str, form: &str, run: Option<PrintRun>) -> Markup {
        html! {
            input type="hidden" name="csrf" value=(self.csrf);
            input type="hidden" name="incident" value=(self.incident);
            input type="hidden" name="sheet" value=(sheet);
            input type="hidden" name="form" value=(form);
            input type="hidden" name="run" value=(run.map_or_else(String::new, |r| r.to_string()));
        }
    }

    fn action(&self) -> String {
        format!("/kit/{}/worklist", seg(self.key))
    }

    /// A second person's check of an entered sheet.
    fn check_form(&self, s: &Sheet) -> Markup {
        let id = format!("c-{}-{}", s.form, s.id());
        html! {
            form method="post" action=(self.action()) class="inline" {
                (self.hidden(&s.id(), &s.form, s.run))
                label for=(id) { (t(self.lang, "Signatur", "Initials")) } " "
                input id=(id) name="by" size="5" required autocomplete="off";
                " "
                button name="action" value="check" class="secondary" { (t(self.lang, "Kontrollerad", "Checked")) }
            }
        }
    }

    /// Voiding a serial that did not come back (spoilt, lost, never used).
    fn void_form(&self, serial: &str, form: &str, run: Option<PrintRun>) -> Markup {
        let id = format!("v-{form}-{serial}");
        html! {
            li {
                form method="post" action=(self.action()) class="inline" {
                    (self.hidden(serial, form, run))
                    span.serial { (serial) } " "
                    label for=(id) { (t(self.lang, "Varför makulerad", "Why void")) } " "
                    input id=(id) name="reason" required autocomplete="off";
                    " "
                    label for={ (id) "-by" } { (t(self.lang, "Signatur", "Initials")) } " "
                    input id={ (id) "-by" } name="by" size="5" autocomplete="off";
                    " "
                    button name="action" value="void" class="secondary" { (t(self.lang, "Makulera", "Void")) }
                }
            }
        }
    }

    /// One sheet with its scan and the form that records it.
    fn sheet(&self, r: &Report, i: usize, s: &Sheet, dup: bool, first: bool) -> Markup {
        let lang = self.lang;
        let form_title = r
            .printed
            .form(&s.form)
            .map_or(s.form.as_str(), |f| f.title.as_str());
        let id = format!("s{i}");
        let sid = s.id();
        html! {
            li.sheet id={ "sheet-" (sid) } {
                form method="post" action=(self.action()) aria-labelledby={ (id) "-h" } {
                    h3 id={ (id) "-h" } { span.serial { (sid) } " " span.form { (form_title) } }
                    p.meta {
                        (t(lang, "Tryckomgång", "Print run")) ": " (s.run.map_or_else(|| "–".into(), |r| r.to_string()))
                        " · " (t(lang, "Skannad", "Scanned")) ": " (s.received.map_or_else(|| "–".into(), |d| d.to_string()))
                    }
                    @for (n, p) in s.pages.iter().enumerate() {
                        @if (self.here)(&p.file) {
                            details {
                                summary {
                                    (t(lang, "Skannad sida", "Scanned page")) " " (p.page) " ("
                                    (std::path::Path::new(&p.file).file_name().map_or(p.file.clone(), |n| n.to_string_lossy().into_owned()))
                                    ")"
                                }
                                img loading="lazy" alt={ (t(lang, "Skanning av", "Scan of")) " " (sid) }
                                    src={ "/kit/" (seg(self.key)) "/scan?incident=" (seg(self.incident)) "&sheet=" (i) "&page=" (n) };
                            }
                        } @else {
                            p.meta {
                                (t(lang, "Skannad sida", "Scanned page")) " " (p.page) " (" (p.file) "): "
                                (t(lang, "filen finns inte kvar här", "the file is not here any more"))
                            }
                        }
                    }
                    (self.hidden(&sid, &s.form, s.run))
                    p.fields {
                        label for={ (id) "-case" } { (t(lang, "Ärendenummer", "Case number")) } " "
                        input id={ (id) "-case" } name="case" required autocomplete="off" autofocus[first];
                        label for={ (id) "-by" } { (t(lang, "Signatur", "Initials")) } " "
                        input id={ (id) "-by" } name="by" required size="6" autocomplete="off";
                        " "
                        button name="action" value="enter" { (t(lang, "Införd", "Entered")) }
                        @if dup {
                            " "
                            button name="action" value="duplicate" class="secondary" {
                                (t(lang, "Fanns redan – dubblett makulerad", "Already in the system – duplicate cancelled"))
                            }
                        }
                    }
                }
            }
        }
    }
}

//! What a coordinator records without a terminal, on one page per kit: a shelf check (the
//! version found, or no binder), a drill (participants, findings, follow-ups and the results
//! of a call-tree test), a follow-up done, and the start and end of an incident. Each form
//! calls the function behind its command — [`crate::app::shelf::record`] (`binder
//! --checked`), [`crate::app::drill::record`] (`drill --record`, also with `--done`) and
//! [`crate::app::ledger::update`] (`reconcile --started/--ended`) — after the CSRF check,
//! with who and the day.

use super::html::{page as shell, seg, t, Nav};
use super::routes::Reply;
use super::State;
use crate::app::calls::Given;
use crate::app::drill::{self as drill_app, Record};
use crate::app::ledger as rec;
use crate::app::refused::Refused;
use crate::app::shelf::{self, Check};
use crate::lifecycle::NewDrill;
use crate::load::Loaded;
use crate::model::shelf::Found;
use crate::model::{At, FollowUp, Lang};
use chrono::NaiveDate;
use maud::{html, Markup};

/// How many follow-up rows the drill form offers.
const FOLLOW_UP_ROWS: usize = 3;

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.trim())
}

/// The non-empty lines of a text area.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// What the last form did.
enum Notice {
    Done(String),
    Refused(String),
}

fn kit_dir(state: &State, key: &str) -> Result<std::path::PathBuf, Reply> {
    let dir = super::kits::find(state, key).ok_or_else(Reply::not_found)?;
    if !dir.join("kit.toml").is_file() {
        return Err(Reply::text(409, "records are kept in kit folders only"));
    }
    Ok(dir)
}

/// `GET /kit/<key>/records[?done=…]`.
pub fn page(state: &State, key: &str, q: &[(String, String)]) -> Reply {
    let notice = q
        .iter()
        .find(|(k, _)| k == "done")
        .map(|(_, v)| Notice::Done(v.clone()));
    view(state, key, notice, 200)
}

fn refused_text(lang: Lang, r: &Refused) -> String {
    match r {
        Refused::Kit(_) => t(
            lang,
            "Pärmen har fel; rätta dem först (se Pärmar).",
            "The kit has errors; fix them first (see Kits).",
        )
        .into(),
        Refused::Log(name, d) => format!(
            "{name} {}: {}",
            t(
                lang,
                "har fel, rätta filen först",
                "has errors, fix it first"
            ),
            d.first().map_or("", |d| d.message.as_str())
        ),
        other => other.to_string(),
    }
}

fn view(state: &State, key: &str, notice: Option<Notice>, status: u16) -> Reply {
    let dir = match kit_dir(state, key) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let loaded = crate::load::load(&dir);
    let lang = loaded.kit.meta.language;
    let l = |sv, en| t(lang, sv, en);
    let kit_title = if loaded.kit.meta.title.v.is_empty() {
        key.to_string()
    } else {
        loaded.kit.meta.title.v.clone()
    };
    let title = format!("{} · {kit_title}", l("Registrera", "Record"));
    let today = state.today();
    let csrf = state.auth.csrf();
    let action = |what: &str| format!("/kit/{}/{what}", seg(key));
    let shelf_state = shelf::open(&dir).map(|k| shelf::states(&k, today));
    let open_follow_ups: Vec<&FollowUp> = loaded
        .kit
        .drills
        .drills
        .iter()
        .flat_map(|d| &d.follow_ups)
        .filter(|f| !f.done)
        .collect();
    let incidents = rec::ledgers_in(&dir);
    let body = html! {
        h1 { (title) }
        @match &notice {
            Some(Notice::Done(what)) => p.notice.ok role="status" { (what) },
            Some(Notice::Refused(m)) => p.notice.bad role="alert" {
                (l("Inte registrerat", "Not recorded")) ": " (m)
            },
            None => {},
        }
        p { (l("Dagens datum", "Today's date")) ": " (today.to_string()) }

        section #shelf aria-labelledby="h-shelf" {
            h2 #h-shelf { (l("Hyllkontroll av pärmen", "Shelf check of the binder")) }
            @match &shelf_state {
                Err((_, r)) => p.notice.bad { (refused_text(lang, r)) },
                Ok(states) if states.is_empty() => p {
                    (l("Pärmen har inga platser ([[location]]).", "The kit lists no binder locations ([[location]])."))
                },
                Ok(states) => form method="post" action=(action("shelf")) class="stacked" {
                    input type="hidden" name="csrf" value=(csrf);
                    label for="sh-loc" { (l("Plats", "Location")) }
                    select #sh-loc name="location" required {
                        @for s in states {
                            option value=(s.id) { (s.unit) " – " (s.place) " (" (s.id) ")" }
                        }
                    }
                    fieldset {
                        legend { (l("Vad fanns på hyllan?", "What was on the shelf?")) }
                        label { input type="radio" name="found" value="binder" checked; " " (l("Pärmen, version", "The binder, version")) }
                        " "
                        label.sr for="sh-version" { (l("Version på pärmens framsida", "Version on the binder's cover")) }
                        input #sh-version name="version" value=(loaded.kit.meta.version.v) size="8";
                        br;
                        label { input type="radio" name="found" value="missing"; " " (l("Ingen pärm – den saknades", "No binder – it was missing")) }
                    }
                    label for="sh-by" { (l("Vem kontrollerade (namn eller signatur)", "Who looked (name or initials)")) }
                    input #sh-by name="by" required size="18" autocomplete="name";
                    button { (l("Registrera hyllkontrollen", "Record the shelf check")) }
                },
            }
        }

        section #followups aria-labelledby="h-fu" {
            h2 #h-fu { (l("Åtgärder efter övning", "Follow-ups after drills")) }
            @if open_follow_ups.is_empty() {
                p { (l("Inga öppna åtgärder.", "No open follow-ups.")) }
            } @else {
                ul.due {
                    @for f in &open_follow_ups {
                        li {
                            "“" (f.what) "” – " (f.who) ", " (l("klart senast", "due")) " " (f.by.v.to_string())
                            @if f.by.v < today { " " span.state.bad { (l("försenad", "overdue")) } }
                            form method="post" action=(action("follow-up")) class="fields" {
                                input type="hidden" name="csrf" value=(csrf);
                                input type="hidden" name="what" value=(f.what);
                                label { (l("Utfört av", "Done by")) " " input name="by" required size="12"; }
                                button { (l("Markera som klar", "Mark as done")) }
                            }
                        }
                    }
                }
            }
        }

        section #drill aria-labelledby="h-drill" {
            h2 #h-drill { (l("Registrera en övning", "Record a drill")) }
            (drill_form(lang, &loaded, &action("drill"), csrf, today))
        }

        section #incident aria-labelledby="h-inc" {
            h2 #h-inc { (l("Avbrott (händelse)", "Outage (incident)")) }
            p.hint { (l(
                "När avbrottet börjar: ge det ett namn (små bokstäver, siffror och bindestreck). När det är över: registrera slutdatum – därefter räknas blad som inte förts in som försenade.",
                "When the outage begins: give it a name (lower-case letters, digits and dashes). When it is over: record the day it ended – from then on, sheets not entered are overdue."
            )) }
            form method="post" action=(action("incident")) class="stacked" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="what" value="start";
                label for="in-new" { (l("Namn på händelsen", "Name of the incident")) }
                input #in-new name="incident" required pattern="[a-z0-9][a-z0-9-]*[a-z0-9]" size="24"
                    placeholder=(format!("{}-{}", today.format("%Y-%m"), l("natverk", "network")));
                label for="in-start" { (l("Började", "Began")) }
                input #in-start type="date" name="date" required value=(today.to_string());
                label for="in-by" { (l("Registrerat av", "Recorded by")) }
                input #in-by name="by" required size="18";
                button { (l("Starta händelsen", "Start the incident")) }
            }
            @if !incidents.is_empty() {
                form method="post" action=(action("incident")) class="stacked" {
                    input type="hidden" name="csrf" value=(csrf);
                    input type="hidden" name="what" value="end";
                    label for="in-which" { (l("Händelse", "Incident")) }
                    select #in-which name="incident" required {
                        @for i in incidents.iter().rev() { option value=(i) { (i) } }
                    }
                    label for="in-end" { (l("Slutade", "Ended")) }
                    input #in-end type="date" name="date" required value=(today.to_string());
                    label for="in-by2" { (l("Registrerat av", "Recorded by")) }
                    input #in-by2 name="by" required size="18";
                    button { (l("Avsluta händelsen", "End the incident")) }
                }
            }
        }
    };
    Reply::html(shell(lang, &title, Nav::Status, body, csrf, html! {})).status(status)
}

fn drill_form(lang: Lang, loaded: &Loaded, action: &str, csrf: &str, today: NaiveDate) -> Markup {
    let l = |sv, en| t(lang, sv, en);
    let k = &loaded.kit;
    let default = k.scenarios.first().map(|s| s.id.v.clone());
    html! {
        form method="post" action=(action) class="stacked" {
            input type="hidden" name="csrf" value=(csrf);
            label for="dr-date" { (l("Datum", "Date")) }
            input #dr-date type="date" name="date" required value=(today.to_string());
            label for="dr-sc" { (l("Scenario", "Scenario")) }
            select #dr-sc name="scenario" {
                @for s in &k.scenarios {
                    option value=(s.id.v) selected[default.as_deref() == Some(s.id.v.as_str())] { (s.title.v) " (" (s.id.v) ")" }
                }
                option value=(crate::compose::STANDARD) selected[default.is_none()] { (l("Standardövning", "Standard drill")) }
                option value=(crate::compose::CALL_TREE) { (l("Bara kontakttest", "Call-tree test only")) }
            }
            label for="dr-part" { (l("Deltagare (en per rad)", "Participants (one a line)")) }
            textarea #dr-part name="participants" rows="3" required {}
            label for="dr-find" { (l("Iakttagelser (en per rad)", "Findings (one a line)")) }
            textarea #dr-find name="findings" rows="3" {}
            fieldset {
                legend { (l("Åtgärder (vad, vem, klart senast)", "Follow-ups (what, who, due by)")) }
                @for i in 0..FOLLOW_UP_ROWS {
                    div.row {
                        label { (l("Vad", "What")) " " input name=(format!("fu-what-{i}")) size="30"; }
                        " "
                        label { (l("Vem", "Who")) " " input name=(format!("fu-who-{i}")) size="14"; }
                        " "
                        label { (l("Klart senast", "Due by")) " " input type="date" name=(format!("fu-by-{i}")); }
                    }
                }
            }
            @if !k.contacts.is_empty() {
                fieldset {
                    legend { (l("Kontakttest: hur gick samtalet?", "Call-tree test: how did the call go?")) }
                    table.stack {
                        thead { tr {
                            th scope="col" { (l("Kontakt", "Contact")) }
                            th scope="col" { (l("Resultat", "Result")) }
                        } }
                        tbody {
                            @for c in &k.contacts {
                                tr {
                                    th scope="row" { (c.role.v) @if let Some(n) = &c.name { " – " (n) } " " code { (c.id.v) } }
                                    td data-label=(l("Resultat", "Result")) {
                                        select name=(format!("call-{}", c.id.v)) aria-label=(format!("{} {}", l("Resultat för", "Result for"), c.role.v)) {
                                            option value="" { (l("inte ringd", "not called")) }
                                            option value="reached" { (l("svarade, rätt nummer", "answered, right number")) }
                                            option value="no-answer" { (l("svarade inte", "no answer")) }
                                            option value="wrong-number" { (l("fel nummer", "wrong number")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            button { (l("Registrera övningen", "Record the drill")) }
        }
    }
}

/// The reply to a refused form: the page again with the reason, in the kit's language.
fn refuse(state: &State, key: &str, lang: Lang, r: &Refused) -> Reply {
    view(
        state,
        key,
        Some(Notice::Refused(refused_text(lang, r))),
        409,
    )
}

fn done(key: &str, what: &str) -> Reply {
    Reply::redirect(&format!("/kit/{}/records?done={}", seg(key), seg(what)))
}

fn date_field(form: &[(String, String)], name: &str, lang: Lang) -> Result<NaiveDate, Refused> {
    NaiveDate::parse_from_str(field(form, name), "%Y-%m-%d").map_err(|_| {
        Refused::Invalid(
            t(
                lang,
                "skriv ett datum (ÅÅÅÅ-MM-DD)",
                "give a date (YYYY-MM-DD)",
            )
            .into(),
        )
    })
}

/// `POST /kit/<key>/shelf`: a shelf check, as `binder --checked`.
pub fn post_shelf(state: &State, key: &str, form: &[(String, String)]) -> Reply {
    let dir = match kit_dir(state, key) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let loaded = match shelf::open(&dir) {
        Ok(l) => l,
        Err((l, r)) => {
            let lang = l.map_or(Lang::Sv, |l| l.kit.meta.language);
            return refuse(state, key, lang, &r);
        }
    };
    let lang = loaded.kit.meta.language;
    let by = field(form, "by");
    if by.is_empty() {
        return refuse(
            state,
            key,
            lang,
            &Refused::Invalid(t(lang, "skriv vem som kontrollerade", "write who looked").into()),
        );
    }
    let found = if field(form, "found") == "missing" {
        Found::Missing
    } else {
        match shelf::parse_found(field(form, "version"), &loaded.kit.meta.id.v) {
            Ok(f) => f,
            Err(_) => {
                return refuse(
                    state,
                    key,
                    lang,
                    &Refused::Invalid(
                        t(
                            lang,
                            "skriv versionen som står på pärmens framsida, till exempel 1.0",
                            "write the version printed on the binder's cover, such as 1.0",
                        )
                        .into(),
                    ),
                )
            }
        }
    };
    let check = Check {
        location: field(form, "location").to_string(),
        by: by.to_string(),
        found,
        today: state.today(),
    };
    match shelf::record(&loaded, &check) {
        Ok(_) => done(
            key,
            &format!(
                "{} {} {}",
                t(lang, "Hyllkontrollen av", "The shelf check of"),
                check.location,
                t(lang, "är registrerad.", "is recorded.")
            ),
        ),
        Err(r) => refuse(state, key, lang, &r),
    }
}

fn drill_loaded(state: &State, key: &str) -> Result<Loaded, Reply> {
    let dir = kit_dir(state, key)?;
    drill_app::open(&dir).map_err(|(l, r)| {
        let lang = l.map_or(Lang::Sv, |l| l.kit.meta.language);
        refuse(state, key, lang, &r)
    })
}

/// `POST /kit/<key>/drill`: a drill with its follow-ups and call results, as `drill --record`.
pub fn post_drill(state: &State, key: &str, form: &[(String, String)]) -> Reply {
    let loaded = match drill_loaded(state, key) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let lang = loaded.kit.meta.language;
    let date = match date_field(form, "date", lang) {
        Ok(d) => d,
        Err(r) => return refuse(state, key, lang, &r),
    };
    let participants = lines(field(form, "participants"));
    if participants.is_empty() {
        return refuse(
            state,
            key,
            lang,
            &Refused::Invalid(t(lang, "skriv vilka som deltog", "write who took part").into()),
        );
    }
    let mut follow_ups = Vec::new();
    for i in 0..FOLLOW_UP_ROWS {
        let what = field(form, &format!("fu-what-{i}"));
        if what.is_empty() {
            continue;
        }
        let who = field(form, &format!("fu-who-{i}"));
        let Ok(by) = date_field(form, &format!("fu-by-{i}"), lang) else {
            return refuse(
                state,
                key,
                lang,
                &Refused::Invalid(format!(
                    "{} “{what}”",
                    t(
                        lang,
                        "skriv när åtgärden ska vara klar:",
                        "give the day it is due:"
                    )
                )),
            );
        };
        if who.is_empty() {
            return refuse(
                state,
                key,
                lang,
                &Refused::Invalid(format!(
                    "{} “{what}”",
                    t(
                        lang,
                        "skriv vem som ansvarar för",
                        "write who is responsible for"
                    )
                )),
            );
        }
        follow_ups.push(FollowUp {
            what: what.to_string(),
            who: who.to_string(),
            by: At::new(by, Default::default()),
            done: false,
            done_on: None,
            done_by: None,
        });
    }
    let mut calls = Given::default();
    for c in &loaded.kit.contacts {
        let id = c.id.v.clone();
        match field(form, &format!("call-{id}")) {
            "reached" => calls.reached.push(id),
            "no-answer" => calls.no_answer.push(id),
            "wrong-number" => calls.wrong_number.push(id),
            _ => {}
        }
    }
    let scenario = Some(field(form, "scenario").to_string()).filter(|s| !s.is_empty());
    let r = Record {
        drill: NewDrill {
            date,
            scenario,
            participants,
            findings: lines(field(form, "findings")),
            follow_ups,
            calls: Vec::new(),
        },
        done: Vec::new(),
        done_by: None,
        calls,
    };
    match drill_app::record(&loaded, &r) {
        Ok(d) => {
            let mut text = format!(
                "{} {date} {}",
                t(lang, "Övningen", "The drill of"),
                t(lang, "är registrerad.", "is recorded.")
            );
            let reached: Vec<String> = d
                .verified
                .iter()
                .filter_map(|(_, v)| v.as_ref().ok())
                .flatten()
                .cloned()
                .collect();
            if !reached.is_empty() {
                text.push_str(&format!(
                    " {} {}.",
                    t(lang, "Kontrollerat datum satt på", "Verified date set on"),
                    reached.join(", ")
                ));
            }
            for (path, v) in &d.verified {
                if let Err(e) = v {
                    text.push_str(&format!(" {}: {e}", path.display()));
                }
            }
            done(key, &text)
        }
        Err(r) => refuse(state, key, lang, &r),
    }
}

/// `POST /kit/<key>/follow-up`: a follow-up done, as `drill --record --done`.
pub fn post_follow_up(state: &State, key: &str, form: &[(String, String)]) -> Reply {
    let loaded = match drill_loaded(state, key) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let lang = loaded.kit.meta.language;
    let (what, by) = (field(form, "what"), field(form, "by"));
    if what.is_empty() || by.is_empty() {
        return refuse(
            state,
            key,
            lang,
            &Refused::Invalid(t(lang, "skriv vem som utförde åtgärden", "write who did it").into()),
        );
    }
    let r = Record {
        drill: NewDrill {
            date: state.today(),
            ..NewDrill::default()
        },
        done: vec![what.to_string()],
        done_by: Some(by.to_string()),
        calls: Given::default(),
    };
    match drill_app::record(&loaded, &r) {
        Ok(d) => done(
            key,
            &format!(
                "“{}” {}",
                d.marked.join("”, “"),
                t(lang, "är markerad som klar.", "is marked done.")
            ),
        ),
        Err(r) => refuse(state, key, lang, &r),
    }
}

/// `POST /kit/<key>/incident`: the start or the end of an incident in its back-entry
/// ledger, as `reconcile --incident … --started/--ended`.
pub fn post_incident(state: &State, key: &str, form: &[(String, String)]) -> Reply {
    let k = match super::worklist::kit(state, key) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let lang = k.loaded.kit.meta.language;
    let inc = field(form, "incident").to_string();
    let start = field(form, "what") == "start";
    let bad = |m: &str| refuse(state, key, lang, &Refused::Invalid(m.to_string()));
    if !rec::valid_incident(&inc) {
        return bad(t(
            lang,
            "namnet får bara ha små bokstäver a–z, siffror och bindestreck",
            "the name may hold only lower-case letters a–z, digits and dashes",
        ));
    }
    let exists = rec::ledgers_in(&k.dir).contains(&inc);
    if start && exists {
        return bad(t(
            lang,
            "det finns redan en händelse med det namnet",
            "there is already an incident of that name",
        ));
    }
    if !start && !exists {
        return bad(t(lang, "ingen sådan händelse", "no such incident"));
    }
    let by = field(form, "by").to_string();
    if by.is_empty() {
        return bad(t(lang, "skriv vem som registrerar", "write who records it"));
    }
    let date = match date_field(form, "date", lang) {
        Ok(d) => d,
        Err(r) => return refuse(state, key, lang, &r),
    };
    let change = rec::Change {
        started: start.then_some(date),
        ended: (!start).then_some(date),
        by: Some(by),
        action: None,
        void_unused: None,
        today: state.today(),
    };
    let path = k.dir.join(crate::ledger::file_name(&inc));
    match rec::update(
        &change,
        &k.printed,
        &inc,
        &path,
        &crate::reconcile::Batch::default(),
    ) {
        Ok(_) => done(
            key,
            &format!(
                "{} {inc} {} {date}.",
                t(lang, "Händelsen", "The incident"),
                if start {
                    t(lang, "startade", "began on")
                } else {
                    t(lang, "avslutades", "ended on")
                }
            ),
        ),
        Err(e) => bad(&e.text(lang)),
    }
}

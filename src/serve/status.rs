//! The status page: what is due across the kits — reviews, drills, contacts not verified,
//! follow-ups, back-entry per incident, and (`upkeep`) shelf checks, short stock and the
//! snapshot's age — from the same `KitStatus` as `downkit status`.

use super::html::{majority, page as shell, seg, t, Nav};
use super::kits::Checked;
use super::routes::Reply;
use super::State;
use crate::model::Lang;
use maud::{html, Markup};

/// `GET /status`.
pub fn page(state: &State) -> Reply {
    let kits = super::kits::check_all(state);
    let lang = majority(kits.iter().map(|k| k.loaded.kit.meta.language));
    let l = |sv, en| t(lang, sv, en);
    let body = html! {
        h1 { (l("Att göra", "Status")) }
        p { (l("Per", "As of")) " " (state.today().to_string()) }
        @for k in kits.iter() {
            (kit(state, lang, k))
        }
    };
    Reply::html(shell(
        lang,
        l("Att göra", "Status"),
        Nav::Status,
        body,
        state.auth.csrf(),
        html! {},
    ))
}

/// What is due for one kit.
fn kit(state: &State, lang: Lang, k: &Checked) -> Markup {
    let l = |sv, en| t(lang, sv, en);
    let s = &k.status;
    let (word, class) = super::kits::summary(lang, s);
    let mut items: Vec<Markup> = Vec::new();
    if let (Some(d), Some(days @ 1..)) = (s.review_by, s.review_overdue_days) {
        items.push(html! {
            (l("Granskning försenad: skulle granskas senast", "Review overdue: due by"))
            " " (d.to_string()) " (" (days) " " (l("dagar sedan", "days ago")) ")"
        });
    }
    match (s.next_drill, s.drill_overdue_days) {
        (Some(d), Some(days @ 1..)) => items.push(html! {
            (l("Övning försenad: skulle hållas", "Drill overdue: due")) " " (d.to_string())
            " (" (days) " " (l("dagar sedan", "days ago")) "; "
            @match s.last_drill {
                None => (l("aldrig övad", "never drilled")),
                Some(x) => { (l("senast", "last")) " " (x.to_string()) },
            }
            ")"
        }),
        (Some(d), Some(days)) if days > -crate::lifecycle::DUE_SOON_DAYS => items.push(html! {
            (l("Nästa övning", "Next drill")) " " (d.to_string()) " (" (l("om", "in")) " "
            (-days) " " (l("dagar", "days")) ")"
        }),
        _ => {}
    }
    for (id, v) in &s.stale_contacts {
        items.push(html! {
            (l("Kontakten", "Contact")) " " code { (id) } " "
            (l("inte kontrollerad sedan", "not verified since")) " " (v.to_string())
        });
    }
    for (what, who, by) in &s.overdue_follow_ups {
        items.push(html! {
            (l("Åtgärd efter övning", "Follow-up")) " “" (what) "” (" (who) ") "
            (l("skulle vara klar", "was due")) " " (by.to_string())
        });
    }
    for b in &s.back_entry {
        items.push(html! {
            (l("Efterregistrering", "Back-entry")) " "
            a href={ "/kit/" (seg(&k.key)) "/worklist?incident=" (seg(&b.incident)) } { (b.incident) }
            ": "
            @match &b.error {
                Some(e) => (e),
                None => {
                    (b.totals.open) " " (l("blad kvar att föra in", "sheets left to enter"))
                    @if b.overdue > 0 {
                        " " (l("– försenat, händelsen är avslutad", "– overdue, the incident has ended"))
                    }
                    @if let Some(d) = b.ended { " (" (d.to_string()) ")" }
                },
            }
        });
    }
    if s.error_count > 0 {
        items.push(html! {
            (s.error_count) " " (l("fel i pärmen", "errors in the kit")) " – "
            a href={ "/#p-" (k.key) } { (l("se Pärmar", "see Kits")) }
        });
    }
    if let Some(e) = &s.build_error {
        items.push(html! { (l("Går inte att bygga", "Does not build")) ": " (e) });
    }
    let upkeep = super::upkeep::of(
        k.loaded.kit.meta.language,
        &k.key,
        s,
        !k.loaded.kit.datasets.is_empty(),
        state.opts.snapshots.is_some(),
    );
    html! {
        section aria-labelledby={ "st-" (k.key) } {
            h2 id={ "st-" (k.key) } {
                (if s.title.is_empty() { &k.key } else { &s.title }) " "
                span class={ "state " (class) } { (word) }
            }
            @if items.is_empty() && upkeep.problems == 0 {
                p { (l("Inget att göra.", "Nothing is due.")) }
            } @else {
                ul.due { @for i in &items { li { (i) } } }
            }
            (upkeep.html)
            @if k.loaded.dir.join("kit.toml").is_file() {
                p.actions {
                    a.button href={ "/kit/" (seg(&k.key)) "/records" } {
                        (l("Registrera hyllkontroll, övning, åtgärd eller avbrott",
                           "Record a shelf check, drill, follow-up or outage"))
                    }
                }
            }
        }
    }
}

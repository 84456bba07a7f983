//! The upkeep part of the status page, per kit: the binders on their shelves (last check,
//! late, missing, an old version), the forms whose stock runs out before the planned outage
//! ends, and the age of the newest snapshot against `snapshot-max-age` — the same
//! `KitStatus` fields `downkit status` reports, in the kit's language.

use super::html::{seg, t};
use crate::lifecycle::shelf::LocationState;
use crate::lifecycle::KitStatus;
use crate::model::shelf::Found;
use crate::model::Lang;
use maud::{html, Markup};

/// What the status page shows of a kit's upkeep, and how many of its lines need attention.
pub struct Upkeep {
    /// The HTML: the locations' table, the short stock, the snapshot's age.
    pub html: Markup,
    /// Lines that need attention.
    pub problems: usize,
}

/// The upkeep of the kit with `key`, `s` its status; `snapshots_given` says whether the
/// server was started with `--snapshots`.
pub fn of(lang: Lang, key: &str, s: &KitStatus, datasets: bool, snapshots_given: bool) -> Upkeep {
    let l = |sv, en| t(lang, sv, en);
    let mut problems = 0;
    let (last_l, next_l, state_l) = (
        l("Senast kontrollerad", "Last checked"),
        l("Nästa kontroll senast", "Next check due"),
        l("Läge", "State"),
    );
    let rows: Vec<(&LocationState, String, bool)> = s
        .locations
        .iter()
        .map(|loc| {
            let (words, bad) = location_state(lang, loc, &s.version);
            let words = words.join("; ");
            let mut chars = words.chars();
            let words: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            (loc, words, bad)
        })
        .collect();
    problems += rows.iter().filter(|r| r.2).count();
    let short: Vec<_> = s.stock.iter().filter(|x| x.short()).collect();
    problems += short.len();
    let snapshot = datasets.then(|| snapshot_line(lang, s, snapshots_given));
    problems += usize::from(snapshot.as_ref().is_some_and(|x| x.2));
    let html = html! {
        @if !rows.is_empty() {
            h3 { (l("Pärmarna på sina platser", "The binders on their shelves")) }
            table.stack.shelf {
                thead { tr {
                    th scope="col" { (l("Plats", "Location")) }
                    th scope="col" { (last_l) }
                    th scope="col" { (next_l) }
                    th scope="col" { (state_l) }
                } }
                tbody {
                    @for (loc, words, bad) in &rows {
                        tr id={ "loc-" (loc.id) } {
                            th scope="row" {
                                (loc.unit) " " code { (loc.id) } br;
                                span.note { (loc.place) " · " (l("ansvarig", "responsible")) ": " (loc.responsible) }
                            }
                            td data-label=(last_l) {
                                @match &loc.last {
                                    Some((d, by, _)) => { (d.to_string()) " (" (by) ")" },
                                    None if loc.unknown => (l("okänt", "unknown")),
                                    None => (l("aldrig", "never")),
                                }
                            }
                            td data-label=(next_l) { (loc.next.map_or_else(|| "–".to_string(), |d| d.to_string())) }
                            td data-label=(state_l) {
                                span class={ "state " (if *bad { "bad" } else { "ok" }) } { (words) }
                            }
                        }
                    }
                }
            }
        }
        @if !short.is_empty() {
            h3 { (l("Blanketter som tar slut", "Forms that run out")) }
            ul.due {
                @for x in &short {
                    @let (held, lasts, need) = (x.held, x.lasts_hours.unwrap_or(0), x.need.unwrap_or(0));
                    li {
                        span.state.bad { (l("För få", "Short")) } " " (x.title) " " code { (x.id) } ": "
                        @match lang {
                            Lang::Sv => { (held) " ex. räcker " (lasts) " h av de planerade " (s.outage_hours) " h; " (need) " behövs" },
                            Lang::En => { (held) " copies last " (lasts) " h of the " (s.outage_hours) " h planned; " (need) " needed" },
                        }
                    }
                }
            }
        }
        @if let Some((text, word, bad)) = &snapshot {
            h3 { (l("Reservutskrift", "Snapshot")) }
            p id={ "snap-" (key) } {
                span class={ "state " (match (bad, &s.snapshot) {
                    (true, _) => "bad",
                    (false, None) => "warn",
                    (false, Some(_)) => "ok",
                }) } { (word) }
                " " (text)
                // What on the shelf a missing or stale snapshot leaves old: the binder's inserts.
                @if *bad && !s.snapshot_inserts.is_empty() {
                    " " (l("Inaktuellt i pärmen:", "Out of date in the binder:")) " "
                    @for (n, i) in s.snapshot_inserts.iter().enumerate() {
                        @if n > 0 { ", " }
                        "”" (i) "”"
                    }
                    "."
                }
                " " a href={ "/kit/" (seg(key)) "/snapshots" } { (l("Reservutskrifterna", "The snapshots")) }
            }
        }
    };
    Upkeep { html, problems }
}

/// The state words of a location, and whether it needs attention.
fn location_state(lang: Lang, loc: &LocationState, version: &str) -> (Vec<String>, bool) {
    let l = |sv, en| t(lang, sv, en);
    let mut words = Vec::new();
    if loc.unknown {
        words.push(
            l(
                "okänt: shelf-checks.toml har fel, rätta filen",
                "unknown: shelf-checks.toml has errors, fix the file",
            )
            .into(),
        );
    }
    if let Some((_, _, found)) = &loc.last {
        match found {
            Found::Missing => words.push(l("pärmen saknades", "the binder was missing").into()),
            Found::Binder { version: v, .. } if v != version => words.push(format!(
                "{} {} ({} {})",
                l("gammal version", "old version"),
                v,
                l("aktuell", "current"),
                version
            )),
            Found::Binder { .. } if loc.stale.is_some() => words.push(
                l(
                    "äldre tryckning: innehållet har ändrats",
                    "an earlier printing: the content changed",
                )
                .into(),
            ),
            Found::Binder { .. } => {}
        }
    }
    if let Some(days @ 1..) = loc.overdue_days {
        words.push(format!(
            "{} {days} {}{}",
            l("försenad,", "late,"),
            l("dagar", "days"),
            if loc.last.is_none() {
                l(" (aldrig kontrollerad)", " (never checked)")
            } else {
                ""
            }
        ));
    }
    let bad = !words.is_empty();
    if !bad {
        words.push("OK".into());
    }
    (words, bad)
}

/// The snapshot's age as a sentence, its state in a word, and whether it is too old or
/// missing.
fn snapshot_line(lang: Lang, s: &KitStatus, given: bool) -> (String, &'static str, bool) {
    let l = |sv, en| t(lang, sv, en);
    match &s.snapshot {
        None if !given => (
            l(
                "Åldern visas när downkit serve startas med --snapshots MAPP.",
                "Its age is shown when downkit serve is started with --snapshots DIR.",
            )
            .into(),
            l("Okänd", "Unknown"),
            false,
        ),
        None => (String::new(), "–", false),
        Some((dir, None)) => (
            format!("{} {}.", l("Ingen reservutskrift i", "No snapshot in"), dir),
            l("Saknas", "Missing"),
            true,
        ),
        Some((_, Some(a))) => {
            let limit = match a.max_hours {
                Some(h) => format!("{} {h} h", l("högst", "at most")),
                None => l("ingen snapshot-max-age", "no snapshot-max-age").into(),
            };
            (
                format!(
                    "{} {} {} {} ({limit}).",
                    l("Senaste har data per", "The newest has data as of"),
                    a.as_of.format("%Y-%m-%d %H:%M"),
                    l("och är", "and is"),
                    format_args!("{} {}", a.age_text(), l("gammal", "old")),
                ),
                if a.stale() {
                    l("För gammal", "Too old")
                } else {
                    "OK"
                },
                a.stale(),
            )
        }
    }
}

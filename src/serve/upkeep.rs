//! The upkeep part of the status page, per kit: the binders on their shelves (last check,
//! late, missing, an old version), the forms whose stock runs out before the planned outage
//! ends, and the age of the newest snapshot against `snapshot-max-age` — the same
//! `KitStatus` fields `downkit status` reports, in the kit's language.

use super::html::{esc, seg, t};
use crate::lifecycle::shelf::LocationState;
use crate::lifecycle::KitStatus;
use crate::model::shelf::Found;
use crate::model::Lang;

/// What the status page shows of a kit's upkeep, and how many of its lines need attention.
pub struct Upkeep {
    /// The HTML: the locations' table, the short stock, the snapshot's age.
    pub html: String,
    /// Lines that need attention.
    pub problems: usize,
}

/// The upkeep of the kit with `key`, `s` its status; `snapshots_given` says whether the
/// server was started with `--snapshots`.
pub fn of(lang: Lang, key: &str, s: &KitStatus, datasets: bool, snapshots_given: bool) -> Upkeep {
    let l = |sv, en| t(lang, sv, en);
    let mut html = String::new();
    let mut problems = 0;
    if !s.locations.is_empty() {
        html.push_str(&format!(
            "<h3>{}</h3><table class=\"stack shelf\"><thead><tr><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            l("Pärmarna på sina platser", "The binders on their shelves"),
            l("Plats", "Location"),
            l("Senast kontrollerad", "Last checked"),
            l("Nästa kontroll senast", "Next check due"),
            l("Läge", "State"),
        ));
        for loc in &s.locations {
            let (words, bad) = location_state(lang, loc, &s.version);
            let words = words.join("; ");
            let mut chars = words.chars();
            let words: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            problems += usize::from(bad);
            let last = match &loc.last {
                Some((d, by, _)) => format!("{d} ({})", esc(by)),
                None if loc.unknown => l("okänt", "unknown").to_string(),
                None => l("aldrig", "never").to_string(),
            };
            html.push_str(&format!(
                "<tr id=\"loc-{}\"><th scope=\"row\">{} <code>{}</code><br><span class=\"note\">{} · {}: {}</span></th>\
                 <td data-label=\"{}\">{last}</td><td data-label=\"{}\">{}</td>\
                 <td><span class=\"state {}\">{}</span></td></tr>",
                esc(&loc.id),
                esc(&loc.unit),
                esc(&loc.id),
                esc(&loc.place),
                l("ansvarig", "responsible"),
                esc(&loc.responsible),
                l("Senast kontrollerad", "Last checked"),
                l("Nästa kontroll senast", "Next check due"),
                loc.next.map_or_else(|| "–".to_string(), |d| d.to_string()),
                if bad { "bad" } else { "ok" },
                words,
            ));
        }
        html.push_str("</tbody></table>");
    }
    let short: Vec<_> = s.stock.iter().filter(|x| x.short()).collect();
    if !short.is_empty() {
        problems += short.len();
        html.push_str(&format!(
            "<h3>{}</h3><ul class=\"due\">",
            l("Blanketter som tar slut", "Forms that run out")
        ));
        for x in short {
            let (held, lasts, need) = (x.held, x.lasts_hours.unwrap_or(0), x.need.unwrap_or(0));
            let text = match lang {
                Lang::Sv => format!(
                    "{held} ex. räcker {lasts} h av de planerade {} h; {need} behövs",
                    s.outage_hours
                ),
                Lang::En => format!(
                    "{held} copies last {lasts} h of the {} h planned; {need} needed",
                    s.outage_hours
                ),
            };
            html.push_str(&format!(
                "<li><span class=\"state bad\">{}</span> {} <code>{}</code>: {text}</li>",
                l("För få", "Short"),
                esc(&x.title),
                esc(&x.id),
            ));
        }
        html.push_str("</ul>");
    }
    if datasets {
        let (mut text, word, bad) = snapshot_line(lang, s, snapshots_given);
        // What on the shelf a missing or stale snapshot leaves old: the binder's inserts.
        if bad && !s.snapshot_inserts.is_empty() {
            let names: Vec<String> = s
                .snapshot_inserts
                .iter()
                .map(|i| format!("”{}”", esc(i)))
                .collect();
            text.push_str(&format!(
                " {} {}.",
                l("Inaktuellt i pärmen:", "Out of date in the binder:"),
                names.join(", ")
            ));
        }
        problems += usize::from(bad);
        html.push_str(&format!(
            "<h3>{}</h3><p id=\"snap-{}\"><span class=\"state {}\">{}</span> {text} \
             <a href=\"/kit/{}/snapshots\">{}</a></p>",
            l("Reservutskrift", "Snapshot"),
            esc(key),
            match (bad, &s.snapshot) {
                (true, _) => "bad",
                (false, None) => "warn",
                (false, Some(_)) => "ok",
            },
            word,
            seg(key),
            l("Reservutskrifterna", "The snapshots"),
        ));
    }
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
                esc(v),
                l("aktuell", "current"),
                esc(version)
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
            format!(
                "{} {}.",
                l("Ingen reservutskrift i", "No snapshot in"),
                esc(dir)
            ),
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

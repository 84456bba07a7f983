//! The status page: what is due across the kits — reviews, drills, contacts not verified,
//! follow-ups, back-entry per incident, and (`upkeep`) shelf checks, short stock and the
//! snapshot's age — from the same `KitStatus` as `downkit status`.

use super::html::{esc, majority, page as shell, seg, t, Nav};
use super::routes::Reply;
use super::State;

/// `GET /status`.
pub fn page(state: &State) -> Reply {
    let kits = super::kits::check_all(state);
    let lang = majority(kits.iter().map(|k| k.loaded.kit.meta.language));
    let l = |sv, en| t(lang, sv, en);
    let mut body = format!(
        "<h1>{}</h1><p>{} {}</p>",
        l("Att göra", "Status"),
        l("Per", "As of"),
        state.today()
    );
    for k in kits.iter() {
        let s = &k.status;
        let (word, class) = super::kits::summary(lang, s);
        let mut items = Vec::new();
        if let (Some(d), Some(days @ 1..)) = (s.review_by, s.review_overdue_days) {
            items.push(format!(
                "{} {d} ({days} {})",
                l(
                    "Granskning försenad: skulle granskas senast",
                    "Review overdue: due by"
                ),
                l("dagar sedan", "days ago")
            ));
        }
        match (s.next_drill, s.drill_overdue_days) {
            (Some(d), Some(days @ 1..)) => items.push(format!(
                "{} {d} ({days} {}; {})",
                l("Övning försenad: skulle hållas", "Drill overdue: due"),
                l("dagar sedan", "days ago"),
                s.last_drill.map_or_else(
                    || l("aldrig övad", "never drilled").to_string(),
                    |x| format!("{} {x}", l("senast", "last"))
                ),
            )),
            (Some(d), Some(days)) if days > -crate::lifecycle::DUE_SOON_DAYS => {
                items.push(format!(
                    "{} {d} ({} {} {})",
                    l("Nästa övning", "Next drill"),
                    l("om", "in"),
                    -days,
                    l("dagar", "days")
                ))
            }
            _ => {}
        }
        for (id, v) in &s.stale_contacts {
            items.push(format!(
                "{} <code>{}</code> {} {v}",
                l("Kontakten", "Contact"),
                esc(id),
                l("inte kontrollerad sedan", "not verified since")
            ));
        }
        for (what, who, by) in &s.overdue_follow_ups {
            items.push(format!(
                "{} “{}” ({}) {} {by}",
                l("Åtgärd efter övning", "Follow-up"),
                esc(what),
                esc(who),
                l("skulle vara klar", "was due")
            ));
        }
        for b in &s.back_entry {
            let link = format!(
                "/kit/{}/worklist?incident={}",
                seg(&k.key),
                seg(&b.incident)
            );
            let text = match &b.error {
                Some(e) => esc(e),
                None => format!(
                    "{} {} {}{}",
                    b.totals.open,
                    l("blad kvar att föra in", "sheets left to enter"),
                    if b.overdue > 0 {
                        l(
                            "– försenat, händelsen är avslutad",
                            "– overdue, the incident has ended",
                        )
                    } else {
                        ""
                    },
                    b.ended.map_or(String::new(), |d| format!(" ({d})")),
                ),
            };
            items.push(format!(
                "{} <a href=\"{link}\">{}</a>: {text}",
                l("Efterregistrering", "Back-entry"),
                esc(&b.incident)
            ));
        }
        if s.error_count > 0 {
            items.push(format!(
                "{} {} – <a href=\"/#p-{}\">{}</a>",
                s.error_count,
                l("fel i pärmen", "errors in the kit"),
                esc(&k.key),
                l("se Pärmar", "see Kits")
            ));
        }
        if let Some(e) = &s.build_error {
            items.push(format!(
                "{}: {}",
                l("Går inte att bygga", "Does not build"),
                esc(e)
            ));
        }
        body.push_str(&format!(
            "<section aria-labelledby=\"st-{key}\"><h2 id=\"st-{key}\">{} <span class=\"state {class}\">{}</span></h2>",
            esc(if s.title.is_empty() { &k.key } else { &s.title }),
            esc(&word),
            key = esc(&k.key)
        ));
        let upkeep = super::upkeep::of(
            k.loaded.kit.meta.language,
            &k.key,
            s,
            !k.loaded.kit.datasets.is_empty(),
            state.opts.snapshots.is_some(),
        );
        if items.is_empty() && upkeep.problems == 0 {
            body.push_str(&format!(
                "<p>{}</p>",
                l("Inget att göra.", "Nothing is due.")
            ));
        } else {
            body.push_str("<ul class=\"due\">");
            for i in items {
                body.push_str(&format!("<li>{i}</li>"));
            }
            body.push_str("</ul>");
        }
        body.push_str(&upkeep.html);
        if k.loaded.dir.join("kit.toml").is_file() {
            body.push_str(&format!(
                "<p class=\"actions\"><a class=\"button\" href=\"/kit/{}/records\">{}</a></p>",
                seg(&k.key),
                l(
                    "Registrera hyllkontroll, övning, åtgärd eller avbrott",
                    "Record a shelf check, drill, follow-up or outage"
                )
            ));
        }
        body.push_str("</section>");
    }
    Reply::html(shell(
        lang,
        l("Att göra", "Status"),
        Nav::Status,
        &body,
        state.auth.csrf(),
        "",
    ))
}

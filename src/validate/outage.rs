//! Checks of what a kit says about the outage as a whole: the poster, the intake channels,
//! the recovery routine, binder locations and their shelf checks, reservnummer ranges,
//! identity on forms with personal data, stock for the planning horizon, and channels off
//! the organisation's own network.

use super::refs::{dangling, unique};
use crate::diag::Diagnostic;
use crate::model::outage::IntakeAction;
use crate::model::personnummer::{self, IdCheck};
use crate::model::{At, Channel, FieldKind, Kit, Priority};
use chrono::NaiveDate;

/// Most first steps the poster has room for, at a size read across a room.
pub const MAX_POSTER_STEPS: usize = 3;
/// Most numbers the poster prints.
pub const MAX_POSTER_CALLS: usize = 4;
/// Most numbers in one reservnummer range (each a row of the unit's list).
pub const MAX_RESERV_RANGE: u64 = 500;
/// Artifact ids that name the binder's own parts for `--only`.
pub const RESERVED_IDS: [&str; 6] = [
    "cover",
    "poster",
    "contacts",
    "reservnummer",
    "recovery",
    "register",
];

/// Runs the checks as of `today`.
pub fn check(kit: &Kit, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    let contacts: Vec<&At<String>> = kit.contacts.iter().map(|c| &c.id).collect();
    let contact = |id: &At<String>, diags: &mut Vec<Diagnostic>| {
        if !contacts.iter().any(|c| c.v == id.v) {
            dangling(id, "contact", &contacts, diags);
        }
    };
    if let Some(p) = &kit.poster {
        if let Some(extra) = p.first.get(MAX_POSTER_STEPS) {
            diags.push(
                Diagnostic::error(
                    "poster-too-long",
                    extra.loc,
                    format!(
                        "the poster has room for {MAX_POSTER_STEPS} first steps, this is the {}th",
                        p.first.len()
                    ),
                )
                .hint("keep the three that must happen first; the procedures hold the rest"),
            );
        }
        if p.first.is_empty() && kit.procedures.is_empty() {
            diags.push(
                Diagnostic::warning("poster-no-steps", p.loc, "the poster lists no first steps")
                    .hint("add `first = [\"…\", \"…\", \"…\"]`: the three things to do at once"),
            );
        }
        for id in &p.call {
            contact(id, diags);
        }
        poster_size(kit, p, diags);
        if let (Some(class), None) = (&kit.meta.classification, &p.marking) {
            diags.push(
                Diagnostic::warning(
                    "poster-marking",
                    p.loc,
                    format!("the poster is for the wall, but would carry the marking `{class}`"),
                )
                .hint("say what the poster shows, printed in its footer instead: `marking = \"Inga personuppgifter – får sitta på väggen\"` (and keep names and personal numbers off it)"),
            );
        }
        if let Some(extra) = p.call.get(MAX_POSTER_CALLS) {
            diags.push(
                Diagnostic::error(
                    "poster-too-long",
                    extra.loc,
                    format!("the poster prints at most {MAX_POSTER_CALLS} numbers"),
                )
                .hint("keep the numbers to call first; the contact list has the others"),
            );
        }
        if p.binder.is_none() && kit.locations.is_empty() {
            diags.push(
                Diagnostic::warning("poster-no-binder", p.loc, "the poster does not say where the binder is")
                    .hint("add [[location]]s (where the printed binders are kept), or `binder = \"…\"` to [poster]"),
            );
        }
    }
    intake(kit, diags, &contact);
    for id in RESERVED_IDS {
        let artifacts = kit.procedures.iter().map(|p| &p.id);
        let artifacts = artifacts
            .chain(kit.forms.iter().map(|f| &f.id))
            .chain(kit.checklists.iter().map(|c| &c.id))
            .chain(kit.logs.iter().map(|l| &l.id));
        for a in artifacts.filter(|a| a.v == id) {
            diags.push(
                Diagnostic::error(
                    "reserved-id",
                    a.loc,
                    format!("`{id}` names a part of the binder"),
                )
                .hint(format!(
                    "`--only {id}` prints the binder's own {}: give this one another id",
                    part_name(id)
                )),
            );
        }
    }
    super::recovery::check(kit, diags);
    locations(kit, today, diags);
    reservnummer(kit, diags);
    identity(kit, diags);
    stock(kit, diags);
    off_network(kit, diags);
}

/// Characters of a line of the poster's large type (42.5 pt, about 7.3 mm a character on
/// the 178 mm line of A4).
const POSTER_LINE_CHARS: usize = 24;
/// Height of a line of the poster's large type, mm (42.5 pt × 1.3).
const POSTER_LINE_MM: f32 = 19.5;
/// Room on an A4 poster page for its large lines, mm (the page less the title, code and
/// what is read close up).
const POSTER_ROOM_MM: f32 = 176.0;

/// The poster's lines that matter are read from two metres only with capitals 10 mm high:
/// a poster that cannot hold them at that size is set smaller (down to the 16 pt of old
/// posters). Estimated from its words, before layout.
fn poster_size(kit: &Kit, p: &crate::model::Poster, diags: &mut Vec<Diagnostic>) {
    let lines = |text: &str| text.chars().count().div_ceil(POSTER_LINE_CHARS).max(1);
    let mut n = 0;
    for s in kit.procedures.iter().filter_map(|p| p.start.as_ref()) {
        // The page stands in a column of its own: the line has 20 characters.
        n += (s.v.chars().count().div_ceil(POSTER_LINE_CHARS - 4)).max(1);
    }
    for f in &p.first {
        n += lines(&f.v);
    }
    let calls: Vec<&crate::model::Contact> = p
        .call
        .iter()
        .filter_map(|id| kit.contacts.iter().find(|c| c.id.v == id.v))
        .collect();
    // The same hours for every number are printed once above them.
    let shared = calls.len() > 1 && calls.iter().all(|c| c.hours == calls[0].hours);
    if shared {
        n += 1;
    }
    for c in calls {
        // As the poster names it: the role it reaches first, else its role up to a comma
        // or parenthesis.
        let role = kit
            .roles
            .iter()
            .find(|r| r.contacts.first().is_some_and(|f| f.v == c.id.v))
            .map_or_else(
                || {
                    c.role
                        .v
                        .split([',', '(', '–'])
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_string()
                },
                |r| r.name.v.clone(),
            );
        let hours = if shared {
            ""
        } else {
            c.hours.as_deref().unwrap_or("")
        };
        n += lines(&format!("{role}, {hours}")) + 1;
    }
    let need = n as f32 * POSTER_LINE_MM;
    if need > POSTER_ROOM_MM {
        diags.push(
            Diagnostic::warning(
                "poster-small-type",
                p.loc,
                format!(
                    "the poster holds about {n} lines in the type read from two metres; its page has room for {}",
                    (POSTER_ROOM_MM / POSTER_LINE_MM) as usize
                ),
            )
            .label("set smaller than 10 mm")
            .hint("fewer words: a short `start` line on each procedure (\"Akut behov i dag\") in place of `first`, and at most two numbers in `call`"),
        );
    }
}

fn intake(
    kit: &Kit,
    diags: &mut Vec<Diagnostic>,
    contact: &dyn Fn(&At<String>, &mut Vec<Diagnostic>),
) {
    for i in &kit.intake {
        for c in i.call.iter().chain(&i.call_also) {
            contact(c, diags);
        }
        match (i.action, &i.to) {
            (IntakeAction::Redirect, None) => diags.push(
                Diagnostic::error(
                    "missing-key",
                    i.name.loc,
                    format!("`{}` is redirected, but not where to", i.name.v),
                )
                .hint_in("add `to = \"…\"`: where requests go instead, as the poster prints it", "lägg till `to = \"…\"`: vart ärendena går i stället, så som affischen skriver det"),
            ),
            (IntakeAction::Close, Some(_)) => diags.push(
                Diagnostic::warning(
                    "unused-key",
                    i.name.loc,
                    format!("`{}` is closed: `to` is not printed", i.name.v),
                )
                .hint("use `action = \"redirect\"` to send requests to `to`, or remove `to`"),
            ),
            _ => {}
        }
    }
    let steps = kit.procedures.iter().flat_map(|p| &p.steps);
    let listed = steps.clone().any(|s| s.intake);
    if let Some(first) = kit.intake.first().filter(|_| !listed) {
        diags.push(
            Diagnostic::warning("intake-not-in-procedure", first.loc, "no procedure step lists the intake channels to close")
                .hint("add `intake = true` to the step of the start procedure where the paper routine begins"),
        );
    }
    if kit.intake.is_empty() {
        for s in steps.filter(|s| s.intake) {
            diags.push(
                Diagnostic::warning("unused-key", s.text.loc, "the step lists intake channels, but the kit has none")
                    .hint("add [[intake]] tables (e-services, phone menus, fax numbers to close or redirect)"),
            );
        }
    }
}

fn locations(kit: &Kit, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    let ids: Vec<&At<String>> = kit.locations.iter().map(|l| &l.id).collect();
    unique(&ids, "location", diags);
    for c in &kit.shelf.checks {
        if !c.location.v.is_empty() && !ids.iter().any(|i| i.v == c.location.v) {
            dangling(&c.location, "location", &ids, diags);
        }
        if c.date.loc.start != c.date.loc.end && c.date.v > today {
            diags.push(
                Diagnostic::warning(
                    "check-in-future",
                    c.date.loc,
                    format!(
                        "the shelf check of `{}` is recorded for {}, which has not come yet",
                        c.location.v, c.date.v
                    ),
                )
                .hint("set `date` to the day the binder was checked; `downkit binder --checked` records today by default"),
            );
        }
    }
}

fn reservnummer(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(&str, u64, u64, &crate::model::ReservRange)> = Vec::new();
    for r in &kit.reservnummer {
        if r.from.loc.start == r.from.loc.end || r.to.loc.start == r.to.loc.end {
            continue;
        }
        for end in [&r.from, &r.to] {
            let bare: String = end.v.chars().filter(|c| *c != '-').collect();
            let dash_ok = end
                .v
                .find('-')
                .is_none_or(|i| i == 8 && end.v.matches('-').count() == 1);
            if bare.chars().count() != 12
                || !dash_ok
                || !bare.chars().all(|c| c.is_ascii_alphanumeric())
            {
                diags.push(
                    Diagnostic::error("bad-reservnummer", end.loc, format!("`{}` does not fit the 12 boxes of the identity field", end.v))
                        .hint("write 12 letters or digits, with a dash after the 8th if any: `20269901-N001`"),
                );
            } else if personnummer::check(&end.v) == IdCheck::Valid {
                diags.push(
                    Diagnostic::warning("reservnummer-is-personnummer", end.loc, format!("`{}` is a valid personnummer", end.v))
                        .hint("use a series that can never be a person's number, e.g. month 99: `20269901-N001`"),
                );
            }
        }
        let Some((head, first, last, _)) = r.parts() else {
            diags.push(
                Diagnostic::error("bad-reservnummer", r.to.loc, format!("`{}` and `{}` must differ only in the digits at the end", r.from.v, r.to.v))
                    .hint("write the first and the last number of the unit's range: `from = \"20269901-N001\"`, `to = \"20269901-N050\"`"),
            );
            continue;
        };
        if first > last || last - first >= MAX_RESERV_RANGE {
            diags.push(
                Diagnostic::error("bad-reservnummer", r.to.loc, format!("the range {} – {} must run upwards and hold at most {MAX_RESERV_RANGE} numbers", r.from.v, r.to.v))
                    .hint("give each unit a range of what it uses in an outage, and more when it runs out"),
            );
            continue;
        }
        if let Some((_, _, _, other)) = seen
            .iter()
            .find(|(h, a, b, _)| *h == head && first <= *b && *a <= last)
        {
            diags.push(
                Diagnostic::error(
                    "reservnummer-overlap",
                    r.from.loc,
                    format!(
                        "the range {} – {} of {} overlaps the range {} – {} of {}",
                        r.from.v,
                        r.to.v,
                        unit(&r.unit),
                        other.from.v,
                        other.to.v,
                        unit(&other.unit)
                    ),
                )
                .label("two units would hand out one number")
                .hint(
                    "give every unit its own range: start this one after the other's last number",
                ),
            );
        }
        seen.push((head, first, last, r));
    }
}

/// What the binder's part a reserved id names is called.
fn part_name(id: &str) -> &'static str {
    match id {
        "cover" => "cover",
        "poster" => "poster",
        "contacts" => "contact list",
        "reservnummer" => "list of reservnummer",
        "recovery" => "recovery section",
        _ => "back-entry register",
    }
}

/// A range's unit as a message names it.
fn unit(name: &str) -> String {
    if name.trim().is_empty() {
        "a unit without a name".into()
    } else {
        format!("\"{name}\"")
    }
}

fn identity(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    for f in kit.forms.iter().filter(|f| f.personal_data) {
        if let Some(why) = &f.no_identity {
            if why.v.trim().is_empty() {
                diags.push(
                    Diagnostic::error("empty-value", why.loc, "`no-identity` is empty")
                        .hint("say whose personal data the form holds instead of a client's, e.g. `no-identity = \"personalens underskrifter\"`"),
                );
            }
            continue;
        }
        let has_id = f
            .sections
            .iter()
            .flat_map(|s| &s.fields)
            .any(|x| x.kind == FieldKind::Personnummer);
        if !has_id {
            diags.push(
                Diagnostic::error("no-identity-field", f.id.loc, format!("form `{}` holds personal data but has no personnummer or reservnummer field", f.id.v))
                    .hint("add a field `label = \"Personnummer eller reservnummer\"`, `kind = \"personnummer\"`: mixed-up identities are the main hazard on paper; a form that holds no client's data says whose it holds with `no-identity = \"...\"`"),
            );
        }
    }
}

fn stock(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    let hours = kit.meta.outage_hours();
    for line in kit.stock_plan(None).into_iter().filter(|l| l.short()) {
        let (Some(usage), Some(need)) = (&line.usage, line.need) else {
            continue;
        };
        let lasts = line.lasts_hours.unwrap_or(0);
        diags.push(
            Diagnostic::warning("stock-short", line.stock_loc.unwrap_or(usage.loc), format!(
                "the {} copies of `{}` last {lasts} h; the kit plans for {hours} h and needs {need}", line.held, line.id))
                .label(format!("{need} needed"))
                .hint(format!("raise [stock] `{} = {need}` (and a serialized form's `copies`), or `outage-hours` if the kit plans for less", line.id)),
        );
    }
}

fn off_network(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    if kit.meta.priority != Priority::LifeAndHealth || kit.contacts.is_empty() {
        return;
    }
    let off = |c: &Channel| matches!(c, Channel::Mobile | Channel::Rakel(_) | Channel::Messenger);
    if !kit.contacts.iter().any(|c| c.fallback.iter().any(off)) {
        diags.push(
            Diagnostic::warning("no-off-network-channel", kit.meta.loc, "no fallback chain of this life-and-health kit leaves the organisation's own network")
                .hint("phones, fax and e-mail go down with the network: add `mobile`, `rakel: <talk group>` or `messenger` to the chains of the contacts that matter most"),
        );
    }
}

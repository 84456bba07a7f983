//! Reads what a kit says about the outage as a whole: `[poster]`, `[[intake]]`,
//! `[recovery]`, `[[location]]`, `[[reservnummer]]`, and a form's or log's expected use.

use super::reader::{Cx, Table};
use crate::diag::Diagnostic;
use crate::model::outage::{Destroy, IntakeAction, IntakeKind};
use crate::model::*;

/// Most intake channels, locations or reservnummer ranges in one kit.
pub const MAX_OUTAGE_ITEMS: usize = 100;

/// The parts of the kit the outage tables go into.
pub struct Parts<'k> {
    /// `[poster]`.
    pub poster: &'k mut Option<Poster>,
    /// `[[intake]]`.
    pub intake: &'k mut Vec<Intake>,
    /// `[recovery]`.
    pub recovery: &'k mut Option<Recovery>,
    /// `[[location]]`.
    pub locations: &'k mut Vec<Location>,
    /// `[[reservnummer]]`.
    pub reservnummer: &'k mut Vec<ReservRange>,
}

/// Reads the outage tables of one file into `kit`; a second `[poster]` or `[recovery]` (in
/// an include) is an error.
pub fn read(cx: &mut Cx, root: &mut Table, kit: Parts) {
    if let Some(t) = root.table(cx, "poster") {
        let span = t.span();
        let p = poster(cx, t);
        if kit.poster.is_some() {
            twice(cx, span, "[poster]");
        } else {
            *kit.poster = Some(p);
        }
    }
    for t in root.tables(cx, "intake", MAX_OUTAGE_ITEMS) {
        kit.intake.push(intake(cx, t));
    }
    if let Some(t) = root.table(cx, "recovery") {
        let span = t.span();
        let r = recovery(cx, t);
        if kit.recovery.is_some() {
            twice(cx, span, "[recovery]");
        } else {
            *kit.recovery = Some(r);
        }
    }
    for t in root.tables(cx, "location", MAX_OUTAGE_ITEMS) {
        kit.locations.push(location(cx, t));
    }
    for t in root.tables(cx, "reservnummer", MAX_OUTAGE_ITEMS) {
        kit.reservnummer.push(reserv(cx, t));
    }
}

fn twice(cx: &mut Cx, span: std::ops::Range<usize>, what: &str) {
    cx.error(
        "duplicate-table",
        span.start..span.start + 1,
        format!("the kit has a second {what}"),
        format!("a kit has one {what}: keep it in one file"),
    );
}

fn poster(cx: &mut Cx, mut t: Table) -> Poster {
    let span = t.span();
    let decides = t.str_or_empty(cx, "decides");
    let first = t.opt_str_list(cx, "first").unwrap_or_default();
    let call = t.opt_str_list(cx, "call").unwrap_or_default();
    let binder = t.opt_str(cx, "binder").map(|s| s.v);
    let marking = t.opt_str(cx, "marking");
    t.finish(cx);
    Poster {
        decides,
        first,
        call,
        binder,
        marking,
        loc: cx.loc(span),
    }
}

fn intake(cx: &mut Cx, mut t: Table) -> Intake {
    let span = t.span();
    let name = t.str_or_empty(cx, "name");
    let kinds = [
        ("e-service", IntakeKind::EService),
        ("phone-menu", IntakeKind::PhoneMenu),
        ("fax", IntakeKind::Fax),
        ("email", IntakeKind::Email),
        ("other", IntakeKind::Other),
    ];
    let kind = super::fields::choice(cx, &mut t, "kind", &kinds).unwrap_or(IntakeKind::Other);
    let actions = [
        ("close", IntakeAction::Close),
        ("redirect", IntakeAction::Redirect),
    ];
    let action = super::fields::req_choice(cx, &mut t, "action", &actions);
    let to = t.opt_str(cx, "to").map(|s| s.v);
    let (call, call_also) = super::kit::calls(cx, &mut t);
    t.finish(cx);
    Intake {
        name,
        kind,
        action: action.unwrap_or(IntakeAction::Close),
        to,
        call,
        call_also,
        loc: cx.loc(span),
    }
}

fn recovery(cx: &mut Cx, mut t: Table) -> Recovery {
    let span = t.span();
    let title = t.opt_str(cx, "title").map(|s| s.v);
    let when = t.opt_str(cx, "when").map(|s| s.v).unwrap_or_default();
    let who = t.opt_str(cx, "who").map(|s| s.v).unwrap_or_default();
    let back_entry = t.str_or_empty(cx, "back-entry");
    let downtime_note = t.str_or_empty(cx, "downtime-note");
    let duplicates = t.str_or_empty(cx, "duplicates");
    let destroy = t
        .tables(cx, "destroy", 20)
        .into_iter()
        .map(|mut d| {
            let what = d.str_or_empty(cx, "what").v;
            let how = d.str_or_empty(cx, "how").v;
            let who = d.opt_str(cx, "who").map(|s| s.v);
            d.finish(cx);
            Destroy { what, how, who }
        })
        .collect();
    let items = t
        .tables(cx, "item", 20)
        .into_iter()
        .map(|i| super::artifacts::item(cx, i))
        .collect();
    t.finish(cx);
    Recovery {
        title,
        when,
        who,
        back_entry,
        downtime_note,
        duplicates,
        destroy,
        items,
        loc: cx.loc(span),
    }
}

fn location(cx: &mut Cx, mut t: Table) -> Location {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let unit = t.str_or_empty(cx, "unit").v;
    let place = t.str_or_empty(cx, "place").v;
    let responsible = t.str_or_empty(cx, "responsible").v;
    let interval = t.opt_u32_from(cx, "shelf-check-days", 1, 365);
    t.finish(cx);
    Location {
        id,
        unit,
        place,
        responsible,
        interval,
        loc: cx.loc(span),
    }
}

fn reserv(cx: &mut Cx, mut t: Table) -> ReservRange {
    let span = t.span();
    let unit = t.str_or_empty(cx, "unit").v;
    let from = t.str_or_empty(cx, "from");
    let to = t.str_or_empty(cx, "to");
    t.finish(cx);
    ReservRange {
        unit,
        from,
        to,
        loc: cx.loc(span),
    }
}

/// A form's or log's expected use: `use-per-hour` or `use-per-day` (not both).
pub fn usage(cx: &mut Cx, t: &mut Table) -> Option<At<Usage>> {
    let hour = t.opt_u32(cx, "use-per-hour", 10_000);
    let day = t.opt_u32(cx, "use-per-day", 100_000);
    match (hour, day) {
        (Some(h), Some(d)) => {
            cx.diags.push(
                Diagnostic::error(
                    "conflicting-keys",
                    d.loc,
                    "both `use-per-hour` and `use-per-day` are given",
                )
                .hint(
                    "give the expected use one way: per hour for busy forms, per day for the rest",
                ),
            );
            Some(At::new(Usage::PerHour(h.v), h.loc))
        }
        (Some(h), None) => Some(At::new(Usage::PerHour(h.v), h.loc)),
        (None, Some(d)) => Some(At::new(Usage::PerDay(d.v), d.loc)),
        (None, None) => None,
    }
}

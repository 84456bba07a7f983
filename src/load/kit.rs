//! Reads the tables of one kit file into the model, recording every problem.

use super::keys::Shape;
use super::reader::{Cx, Table};
use crate::diag::Diagnostic;
use crate::layout::Paper;
use crate::model::*;

/// Most entries of one kind a kit may have.
pub const MAX_ITEMS: usize = 1000;

/// Reads the `[kit]` table.
pub fn kit_meta(cx: &mut Cx, mut t: Table) -> KitMeta {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let subtitle = t.opt_str(cx, "subtitle").map(|s| s.v);
    let organisation = t.str_or_empty(cx, "organisation").v;
    let owner = t.str_or_empty(cx, "owner").v;
    let version = t.str_or_empty(cx, "version");
    t.note("language", Shape::Choice(vec!["sv", "en"]), false);
    let language = match t.opt_str(cx, "language") {
        None => Lang::Sv,
        Some(s) => match s.v.as_str() {
            "sv" => Lang::Sv,
            "en" => Lang::En,
            other => {
                bad_choice(cx, &s, "language", other, &["sv", "en"]);
                Lang::Sv
            }
        },
    };
    t.note("paper", Shape::Choice(vec!["a4", "letter"]), false);
    let paper = match t.opt_str(cx, "paper") {
        None => Paper::A4,
        Some(s) => match s.v.as_str() {
            "a4" => Paper::A4,
            "letter" => Paper::Letter,
            other => {
                bad_choice(cx, &s, "paper", other, &["a4", "letter"]);
                Paper::A4
            }
        },
    };
    // A missing date is reported; its zero-length location tells later checks to skip it.
    let placeholder = At::new(chrono::NaiveDate::default(), cx.loc(span.start..span.start));
    let issued = t
        .req_date(cx, "issued")
        .unwrap_or_else(|| placeholder.clone());
    let review_by = t.req_date(cx, "review-by").unwrap_or(placeholder);
    let classification = t.opt_str(cx, "classification").map(|s| s.v);
    let priorities = vec!["life-and-health", "essential", "important", "deferrable"];
    t.note("priority", Shape::Choice(priorities), false);
    let priority = match t.opt_str(cx, "priority") {
        None => Priority::Important,
        Some(s) => match s.v.as_str() {
            "life-and-health" => Priority::LifeAndHealth,
            "essential" => Priority::Essential,
            "important" => Priority::Important,
            "deferrable" => Priority::Deferrable,
            other => {
                let choices = ["life-and-health", "essential", "important", "deferrable"];
                bad_choice(cx, &s, "priority", other, &choices);
                Priority::Important
            }
        },
    };
    let activation = t.str_or_empty(cx, "activation").v;
    let how_to_use = t.opt_str(cx, "how-to-use").map(|s| s.v).unwrap_or_default();
    let logo = t
        .table(cx, "logo")
        .and_then(|i| super::images::image(cx, i));
    let fonts = t.table(cx, "fonts").and_then(|mut f| {
        let regular = f.req_str(cx, "regular");
        let bold = f.req_str(cx, "bold");
        f.finish(cx);
        let to_path = |s: At<String>| At::new(std::path::PathBuf::from(s.v), s.loc);
        Some((to_path(regular?), to_path(bold?)))
    });
    let sheets = [
        ("full", ContactSheet::Full),
        ("list", ContactSheet::List),
        ("details", ContactSheet::Details),
    ];
    let contact_sheet =
        super::fields::choice(cx, &mut t, "contact-sheet", &sheets).unwrap_or_default();
    let drill_interval = t.opt_u32(cx, "drill-interval-days", 730);
    if let Some(d) = drill_interval.as_ref().filter(|d| d.v == 0) {
        cx.diags.push(
            Diagnostic::error("out-of-range", d.loc, "`drill-interval-days` cannot be 0")
                .hint("drill at least once a year: `drill-interval-days = 91` is quarterly"),
        );
    }
    let snapshot = super::dataset::snapshot_settings(cx, &mut t);
    let shared_folders = t.opt_str_list(cx, "shared-folders").unwrap_or_default();
    let outage_hours = t.opt_u32_from(cx, "outage-hours", 1, 90 * 24);
    let codes = crate::model::short_numbers::COUNTRIES
        .iter()
        .map(|(c, _)| *c)
        .collect();
    t.note("country", Shape::Choice(codes), false);
    let country = match t.opt_str(cx, "country") {
        None => Country::default(),
        Some(s) => Country::from_code(&s.v).unwrap_or_else(|| {
            let codes: Vec<&str> = crate::model::short_numbers::COUNTRIES
                .iter()
                .map(|(c, _)| *c)
                .collect();
            bad_choice(cx, &s, "country", &s.v, &codes);
            Country::default()
        }),
    };
    let loc = cx.loc(span);
    t.finish(cx);
    KitMeta {
        id,
        title,
        subtitle,
        organisation,
        owner,
        version,
        language,
        paper,
        issued,
        review_by,
        classification,
        priority,
        activation,
        how_to_use,
        logo,
        fonts,
        drill_interval,
        shared_folders,
        contact_sheet,
        outage_hours,
        snapshot,
        country,
        loc,
    }
}

/// Reports a value that is not one of the allowed choices.
pub(super) fn bad_choice(cx: &mut Cx, s: &At<String>, key: &str, got: &str, choices: &[&str]) {
    let near = choices
        .iter()
        .min_by_key(|c| strsim::damerau_levenshtein(got, c))
        .filter(|c| strsim::damerau_levenshtein(got, c) <= 2);
    let hint = match near {
        Some(c) => format!("did you mean `{key} = \"{c}\"`?"),
        None => format!("write one of: {}", choices.join(", ")),
    };
    cx.diags.push(
        Diagnostic::error(
            "bad-value",
            s.loc,
            format!("`{got}` is not a valid `{key}`"),
        )
        .hint(hint),
    );
}

/// Reads one `[[contact]]`.
pub fn contact(cx: &mut Cx, mut t: Table, country: Country) -> Contact {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let group = t.opt_str(cx, "group").map(|s| s.v).unwrap_or_default();
    let role = t.str_or_empty(cx, "role");
    let name = t.opt_str(cx, "name").map(|s| s.v);
    let organisation = t.opt_str(cx, "organisation").map(|s| s.v);
    let mut phones = Vec::new();
    for mut p in t.tables(cx, "phones", 10) {
        let kinds = vec!["mobile", "landline", "switchboard", "fax"];
        p.note("kind", Shape::Choice(kinds), false);
        let kind = p.opt_str(cx, "kind");
        let number = p.req_str(cx, "number");
        p.finish(cx);
        let kind = match kind.as_ref().map(|k| k.v.as_str()) {
            None | Some("landline") => PhoneKind::Landline,
            Some("mobile") => PhoneKind::Mobile,
            Some("switchboard") => PhoneKind::Switchboard,
            Some("fax") => PhoneKind::Fax,
            Some(other) => {
                let choices = ["mobile", "landline", "switchboard", "fax"];
                bad_choice(
                    cx,
                    kind.as_ref().expect("kind present"),
                    "kind",
                    other,
                    &choices,
                );
                PhoneKind::Landline
            }
        };
        if let Some(number) = number {
            match PhoneNumber::parse_in(&number.v, country) {
                Ok(n) => phones.push(Phone {
                    kind,
                    number: At::new(n, number.loc),
                }),
                Err(e) => cx.diags.push(
                    Diagnostic::error("bad-phone", number.loc, e.0).hint(
                        "write a Swedish number as 070-123 45 67, 08-123 45 67, 0771-123 456 or 112, 114 14, an extension as `08-123 45 00 ankn. 4512`, a foreign one as +44 20 7946 0958 (or set `country` in [kit])",
                    ),
                ),
            }
        }
    }
    let fallback = t
        .opt_str_list(cx, "fallback")
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| channel(cx, &c))
        .collect();
    let hours = t.opt_str(cx, "hours").map(|s| s.v);
    let location = t.opt_str(cx, "location").map(|s| s.v);
    let notes = t.opt_str(cx, "notes").map(|s| s.v);
    // A missing date is reported; its zero-length location tells later checks to skip it.
    let placeholder = At::new(chrono::NaiveDate::default(), cx.loc(span.start..span.start));
    let verified = t.req_date(cx, "verified").unwrap_or(placeholder);
    t.finish(cx);
    Contact {
        id,
        group,
        role,
        name,
        organisation,
        phones,
        fallback,
        hours,
        location,
        notes,
        verified,
        loc: cx.loc(span),
    }
}

const CHANNELS: [&str; 6] = [
    "mobile",
    "landline",
    "switchboard",
    "fax",
    "rakel",
    "messenger",
];

/// Parses one entry of a fallback chain.
fn channel(cx: &mut Cx, c: &At<String>) -> Option<Channel> {
    let text = c.v.trim();
    let (head, rest) = match text.split_once(':') {
        Some((h, r)) => (
            h.trim(),
            Some(r.trim().to_string()).filter(|r| !r.is_empty()),
        ),
        None => (text, None),
    };
    Some(match head {
        "mobile" => Channel::Mobile,
        "landline" => Channel::Landline,
        "switchboard" => Channel::Switchboard,
        "fax" => Channel::Fax,
        "rakel" => Channel::Rakel(rest),
        "messenger" => Channel::Messenger,
        "other" => Channel::Other(rest.unwrap_or_default()),
        _ => {
            let near = CHANNELS
                .iter()
                .find(|k| strsim::damerau_levenshtein(head, k) <= 2);
            let hint = match near {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!(
                    "use one of {}, or `other: …` for anything else",
                    CHANNELS.join(", ")
                ),
            };
            cx.diags.push(
                Diagnostic::error(
                    "bad-channel",
                    c.loc,
                    format!("`{text}` is not a known channel"),
                )
                .hint(hint),
            );
            return None;
        }
    })
}

/// Reads one `[[procedure]]`.
pub fn procedure(cx: &mut Cx, mut t: Table) -> Procedure {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let when = t.opt_str(cx, "when").map(|s| s.v).unwrap_or_default();
    let (who, roles) = who_roles(cx, &mut t);
    let who = who.map(|w| w.v).unwrap_or_default();
    let start = t.opt_str(cx, "start");
    let steps = t
        .tables(cx, "step", 200)
        .into_iter()
        .map(|mut s| {
            let sspan = s.span();
            let step_id = s.opt_str(cx, "id");
            let text = s.str_or_empty(cx, "text");
            let (call, call_also) = calls(cx, &mut s);
            let at = s.opt_str(cx, "at");
            let end = s.opt_bool(cx, "end").unwrap_or(false);
            let form = s.opt_str(cx, "form");
            let checklist = s.opt_str(cx, "checklist");
            let log = s.opt_str(cx, "log");
            let intake = s.opt_bool(cx, "intake").unwrap_or(false);
            let branches = s
                .tables(cx, "branch", 10)
                .into_iter()
                .filter_map(|mut b| {
                    let when = b.str_or_empty(cx, "if").v;
                    let goto = b.req_str(cx, "goto");
                    b.finish(cx);
                    Some(Branch { when, goto: goto? })
                })
                .collect();
            s.finish(cx);
            Step {
                id: step_id,
                text,
                call,
                call_also,
                at,
                end,
                form,
                checklist,
                log,
                intake,
                branches,
                loc: cx.loc(sspan),
            }
        })
        .collect();
    t.finish(cx);
    Procedure {
        id,
        title,
        when,
        who,
        roles,
        start,
        steps,
        loc: cx.loc(span),
    }
}

/// `who`: the roles (`who = ["role-id", …]`), or free text from a kit written before roles
/// (`who = "…"`, kept and printed as it is). Returns (text, roles).
pub(super) fn who_roles(cx: &mut Cx, t: &mut Table) -> (Option<At<String>>, Vec<At<String>>) {
    match t.opt_str_or_list(cx, "who") {
        None => (None, Vec::new()),
        Some((mut list, true)) => (list.pop(), Vec::new()),
        Some((list, false)) => (None, list),
    }
}

/// `call`: one contact id, or several (`call = ["day-line", "night-line"]`).
pub(super) fn calls(cx: &mut Cx, t: &mut Table) -> (Option<At<String>>, Vec<At<String>>) {
    match t.opt_str_or_list(cx, "call") {
        None => (None, Vec::new()),
        Some((list, _)) => {
            let mut it = list.into_iter();
            (it.next(), it.collect())
        }
    }
}

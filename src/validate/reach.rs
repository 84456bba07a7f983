//! Whether the reader can reach whom a step says: someone it calls answers at the time the
//! step applies (contacts' `hours`), a fallback chain dials each number once, a role named
//! in a step has a contact, and one role or decision-maker has the same contacts wherever
//! it is named.

use super::prose::within;
use crate::diag::Diagnostic;
use crate::load::Loaded;
use crate::model::hours::{self, Week};
use crate::model::{At, Channel, Contact, Kit, Lang, Loc, PhoneKind, RefKind, TextPiece};

/// Runs the checks.
pub fn check(loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let kit = &loaded.kit;
    steps_answered(kit, diags);
    chains(kit, diags);
    roles_reached(loaded, diags);
    same_role(kit, diags);
}

/// The hours a contact answers: `None` when it gives none downkit can read.
fn answers(c: &Contact) -> Option<Week> {
    c.hours.as_deref().and_then(hours::parse)
}

/// The periods a week leaves open, in words.
fn gap_words(gaps: &[hours::Period], lang: Lang) -> String {
    let words: Vec<&str> = gaps.iter().map(|g| g.words(lang == Lang::Sv)).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Someone a step (or an intake channel) calls answers whenever it applies.
fn steps_answered(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    let contact = |id: &str| kit.contacts.iter().find(|c| c.id.v == id);
    // (what, calls, when it applies)
    let mut cases: Vec<(String, Vec<&At<String>>, Week)> = Vec::new();
    for p in &kit.procedures {
        for (i, s) in p.steps.iter().enumerate() {
            let need = match &s.at {
                None => Week::always(),
                Some(at) => match hours::parse(&at.v) {
                    Some(w) if !w.is_never() => w,
                    _ => {
                        diags.push(
                            Diagnostic::error(
                                "bad-hours",
                                at.loc,
                                format!("`at = \"{}\"` is not a time downkit can read", at.v),
                            )
                            .hint("write days and times as people write opening hours: \"Mån–fre 08.00–16.30\", \"22.00–07.00\", \"Kvällar, nätter och helger\""),
                        );
                        continue;
                    }
                },
            };
            let calls: Vec<&At<String>> = s.calls().collect();
            if !calls.is_empty() {
                cases.push((format!("step {} of `{}`", i + 1, p.id.v), calls, need));
            }
        }
    }
    for i in &kit.intake {
        let calls: Vec<&At<String>> = i.call.iter().chain(&i.call_also).collect();
        if !calls.is_empty() {
            cases.push((
                format!("intake channel `{}`", i.name.v),
                calls,
                Week::always(),
            ));
        }
    }
    for (what, calls, need) in cases {
        let mut week = Week::never();
        let mut known = true;
        let mut listed = Vec::new();
        for c in &calls {
            let Some(contact) = contact(&c.v) else {
                known = false;
                break;
            };
            match answers(contact) {
                Some(w) => week = week.union(&w),
                None => known = false,
            }
            listed.push(format!(
                "`{}` ({})",
                c.v,
                contact.hours.as_deref().unwrap_or("")
            ));
        }
        if !known || week.covers(&need) {
            continue;
        }
        let gaps = week.gaps(&need);
        let mostly: Vec<hours::Period> = gaps
            .iter()
            .copied()
            .filter(|g| !week.covers_half(&g.week()))
            .collect();
        let (gaps, part) = if mostly.is_empty() {
            (gaps, "during part of ")
        } else {
            (mostly, "")
        };
        let first = &calls[0];
        diags.push(
            Diagnostic::warning(
                "call-closed",
                first.loc,
                format!(
                    "{what} calls {}; nobody it calls answers {part}{}",
                    listed.join(" and "),
                    gap_words(&gaps, Lang::En)
                ),
            )
            .label("closed part of the time")
            .hint(format!(
                "add the contact that answers then (`call = [\"{}\", \"…\"]`: the binder prints both with their hours), or say when the step applies with `at = \"…\"` and give the other times a step of their own",
                first.v
            )),
        );
    }
}

/// The number a channel of a contact's chain dials, when it dials one.
fn dialled(kit: &Kit, c: &Contact, ch: &Channel) -> Option<String> {
    let kind = match ch {
        Channel::Mobile => PhoneKind::Mobile,
        Channel::Landline => PhoneKind::Landline,
        Channel::Switchboard => PhoneKind::Switchboard,
        Channel::Fax => PhoneKind::Fax,
        Channel::Other(t) => {
            return crate::model::guide::pieces(t)
                .into_iter()
                .find_map(|p| match p {
                    TextPiece::Ref {
                        kind: Some(RefKind::Contact),
                        id,
                        ..
                    } => kit
                        .contacts
                        .iter()
                        .find(|x| x.id.v == id)
                        .and_then(|x| x.phones.first())
                        .map(|p| p.number.v.national()),
                    _ => None,
                })
        }
        _ => return None,
    };
    c.phones
        .iter()
        .find(|p| p.kind == kind)
        .map(|p| p.number.v.national())
}

/// A fallback chain dials each number once.
fn chains(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    for c in &kit.contacts {
        let mut seen: Vec<String> = Vec::new();
        for ch in &c.fallback {
            let Some(n) = dialled(kit, c, ch) else {
                continue;
            };
            if seen.contains(&n) {
                diags.push(
                    Diagnostic::warning(
                        "fallback-repeats",
                        c.id.loc,
                        format!("the fallback chain of `{}` dials {n} twice", c.id.v),
                    )
                    .hint("when no one answers, the next step must be another way to reach them: remove the repeat, or name another contact (`other: {contact:…}`), Rakel or a messenger"),
                );
                break;
            }
            seen.push(n);
        }
    }
}

/// Words after which a role is someone to contact ("Ring {role:tib}").
const CONTACT_WORDS: [&str; 10] = [
    "ring",
    "call",
    "kontakta",
    "contact",
    "säg till",
    "tell",
    "meddela",
    "inform",
    "ring till",
    "fråga",
];

/// The roles named by `{role:…}` in a text, with where each is and whether the text says
/// to contact them (a contact word just before).
fn role_refs<'t>(loaded: &Loaded, text: &'t str, at: Loc) -> Vec<(&'t str, Loc, bool)> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for p in crate::model::guide::pieces(text) {
        if let TextPiece::Ref {
            kind: Some(RefKind::Role),
            id,
            written,
            range,
            ..
        } = p
        {
            let nth = seen.iter().filter(|w| **w == written).count();
            seen.push(written);
            let before = text[..range.start].trim_end().to_lowercase();
            let contacted = CONTACT_WORDS.iter().any(|w| before.ends_with(w));
            out.push((id, within(&loaded.sources, at, written, nth), contacted));
        }
    }
    out
}

/// A role named in a step has a contact, and the step calls one of its contacts; the
/// decision-maker the poster names is among the numbers it prints.
fn roles_reached(loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let kit = &loaded.kit;
    let role = |id: &str| kit.roles.iter().find(|r| r.id.v == id);
    for p in &kit.procedures {
        for (i, s) in p.steps.iter().enumerate() {
            let calls: Vec<&str> = s.calls().map(|c| c.v.as_str()).collect();
            let mut texts = vec![(s.text.v.as_str(), s.text.loc)];
            for b in &s.branches {
                if let Some(l) = super::prose::locate(kit, &b.when) {
                    texts.push((b.when.as_str(), l));
                }
            }
            for (text, at) in texts {
                for (id, loc, contacted) in role_refs(loaded, text, at) {
                    let Some(r) = role(id) else { continue };
                    if !contacted {
                        continue;
                    }
                    if r.contacts.is_empty() {
                        diags.push(
                            Diagnostic::warning(
                                "role-without-contact",
                                loc,
                                format!("step {} of `{}` names role `{id}`, which no contact reaches", i + 1, p.id.v),
                            )
                            .hint(format!("add `contacts = [\"…\"]` to [[role]] `{id}` (the contacts that reach whoever holds it), or say in the step how to reach them")),
                        );
                    } else if !calls.is_empty()
                        && !r.contacts.iter().any(|c| calls.contains(&c.v.as_str()))
                    {
                        diags.push(
                            Diagnostic::warning(
                                "role-other-contact",
                                loc,
                                format!(
                                    "step {} of `{}` names role `{id}` (reached at {}) but calls {}",
                                    i + 1,
                                    p.id.v,
                                    r.contacts.iter().map(|c| format!("`{}`", c.v)).collect::<Vec<_>>().join(", "),
                                    calls.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
                                ),
                            )
                            .hint("one role has the same contacts everywhere: call the role's contact, or correct the role's `contacts`"),
                        );
                    }
                }
            }
        }
    }
    // The poster names who decides: at least one of them must be among its numbers.
    if let Some(poster) = &kit.poster {
        let calls: Vec<&str> = poster.call.iter().map(|c| c.v.as_str()).collect();
        let named = role_refs(loaded, &poster.decides.v, poster.decides.loc);
        let deciders: Vec<_> = named
            .iter()
            .filter_map(|(id, ..)| role(id))
            .filter(|r| !r.contacts.is_empty())
            .collect();
        let printed = deciders
            .iter()
            .any(|r| r.contacts.iter().any(|c| calls.contains(&c.v.as_str())));
        if let (false, Some((_, loc, _))) = (printed || deciders.is_empty(), named.first()) {
            let contacts: Vec<String> = deciders
                .iter()
                .flat_map(|r| &r.contacts)
                .map(|c| format!("`{}`", c.v))
                .collect();
            diags.push(
                Diagnostic::warning(
                    "role-other-contact",
                    *loc,
                    "the poster names who decides, but prints none of their numbers",
                )
                .hint(format!(
                    "add one of {} to the poster's `call`",
                    contacts.join(", ")
                )),
            );
        }
    }
}

/// Two entries for the same role with different numbers: one of them is wrong.
fn same_role(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    let norm = |c: &Contact| {
        let role = c.role.v.trim().to_lowercase();
        let org = c
            .organisation
            .as_deref()
            .unwrap_or("")
            .trim()
            .to_lowercase();
        (role, org)
    };
    for (i, c) in kit.contacts.iter().enumerate() {
        let Some(first) = kit.contacts[..i].iter().find(|o| norm(o) == norm(c)) else {
            continue;
        };
        let number = |x: &Contact| x.phones.first().map(|p| p.number.v.national());
        if number(first) != number(c) {
            diags.push(
                Diagnostic::warning(
                    "same-role-numbers",
                    c.role.loc,
                    format!(
                        "`{}` and `{}` are both `{}` but have different numbers",
                        first.id.v, c.id.v, c.role.v
                    ),
                )
                .hint("keep one entry for the role, or say in `role` how the two differ (\"… dagtid\", \"… jour\")"),
            );
        }
    }
}

//! The checks that keep a binder findable: roles declared once and used by id, references
//! in kit text that name something the kit has, free text that names an item without its
//! reference (so it would print without a page), text that points into the binder without
//! saying where, abbreviations the glossary does not explain, and inserts.

use super::prose::{prose, within, Owner, Prose};
use super::refs::{dangling, unique};
use crate::diag::Diagnostic;
use crate::load::Loaded;
use crate::model::{At, Kit, Lang, Loc, RefKind, TextPiece};

/// Runs the checks.
pub fn check(loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let kit = &loaded.kit;
    roles(kit, diags);
    inserts(kit, diags);
    let texts = prose(kit);
    references(loaded, &texts, diags);
    free_titles(kit, &texts, diags);
    binder_pointers(&texts, diags);
    terms(loaded, diags);
}

/// The ids of the kit's roles.
fn role_ids(kit: &Kit) -> Vec<&At<String>> {
    kit.roles.iter().map(|r| &r.id).collect()
}

fn roles(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    let ids = role_ids(kit);
    unique(&ids, "role", diags);
    let contacts: Vec<&At<String>> = kit.contacts.iter().map(|c| &c.id).collect();
    for r in &kit.roles {
        for c in &r.contacts {
            if !contacts.iter().any(|k| k.v == c.v) {
                dangling(c, "contact", &contacts, diags);
            }
        }
    }
    let known = |id: &At<String>, diags: &mut Vec<Diagnostic>| {
        if !ids.iter().any(|r| r.v == id.v) {
            dangling(id, "role", &ids, diags);
        }
    };
    let how = "declare the roles once (`[[role]]` with `id` and a plain-language `name`) and write `who = [\"role-id\"]`: the start page then says who may carry out each procedure";
    for p in &kit.procedures {
        for r in &p.roles {
            known(r, diags);
        }
        if !p.who.trim().is_empty() {
            let at = super::prose::locate(kit, &p.who).unwrap_or(p.id.loc);
            diags.push(
                Diagnostic::warning(
                    "who-text",
                    at,
                    format!(
                        "procedure `{}` says who carries it out in free text",
                        p.id.v
                    ),
                )
                .hint(how),
            );
        } else if p.roles.is_empty() && p.id.loc.start != p.id.loc.end {
            diags.push(
                Diagnostic::warning(
                    "no-who",
                    p.id.loc,
                    format!("procedure `{}` does not say who carries it out", p.id.v),
                )
                .hint(how),
            );
        }
    }
    for f in &kit.forms {
        for r in &f.roles {
            known(r, diags);
        }
        for s in &f.sections {
            for field in &s.fields {
                for r in &field.fill.filled_by {
                    known(r, diags);
                }
            }
        }
    }
}

fn inserts(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    let ids: Vec<&At<String>> = kit.inserts.iter().map(|i| &i.id).collect();
    unique(&ids, "insert", diags);
    let datasets: Vec<&At<String>> = kit.datasets.iter().map(|d| &d.id).collect();
    for i in &kit.inserts {
        if i.title.v.trim().is_empty() && i.title.loc.start != i.title.loc.end {
            diags.push(
                Diagnostic::error("empty-title", i.title.loc, "the insert has an empty title")
                    .hint("write what is kept behind the divider, e.g. `title = \"Brukarlista med riskgrupp\"`"),
            );
        }
        if let Some(d) = &i.dataset {
            if !datasets.iter().any(|k| k.v == d.v) {
                dangling(d, "dataset", &datasets, diags);
            }
        }
        if i.if_missing.trim().is_empty() && i.id.loc.start != i.id.loc.end {
            diags.push(
                Diagnostic::warning(
                    "insert-if-missing",
                    i.id.loc,
                    format!("insert `{}` does not say what to do when it is missing", i.id.v),
                )
                .hint("add `if-missing = \"…\"`: whom to call or what to use instead, printed on its divider"),
            );
        }
        let written = format!("{{insert:{}}}", i.id.v);
        let used = prose(kit).iter().any(|p| p.text.contains(&written));
        if !used && i.id.loc.start != i.id.loc.end {
            diags.push(
                Diagnostic::warning(
                    "insert-unused",
                    i.id.loc,
                    format!("no text of the kit refers to insert `{}`", i.id.v),
                )
                .hint(format!("write `{written}` in the step that needs it: the binder prints its title and page")),
            );
        }
    }
}

/// The names the kinds are written with, for a hint.
fn kind_names() -> String {
    RefKind::ALL
        .iter()
        .map(|(n, _, id)| {
            if *id {
                format!("{{{n}:…}}")
            } else {
                format!("{{{n}}}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every reference of the kit's running text names something the kit has.
fn references(loaded: &Loaded, texts: &[Prose], diags: &mut Vec<Diagnostic>) {
    let kit = &loaded.kit;
    for p in texts {
        let mut seen: Vec<&str> = Vec::new();
        for piece in crate::model::guide::pieces(p.text) {
            let TextPiece::Ref {
                kind,
                name,
                id,
                written,
                ..
            } = piece
            else {
                continue;
            };
            let nth = seen.iter().filter(|w| **w == written).count();
            seen.push(written);
            let at = p
                .loc
                .map(|l| within(&loaded.sources, l, written, nth))
                .unwrap_or(kit.meta.loc);
            let r = At::new(id.to_string(), at);
            let Some(kind) = kind else {
                let near = RefKind::ALL
                    .iter()
                    .map(|(n, ..)| (strsim::damerau_levenshtein(name, n), *n))
                    .filter(|(d, _)| *d <= 2)
                    .min();
                let hint = match near {
                    Some((_, n)) => format!(
                        "did you mean `{{{n}{}}}`?",
                        if id.is_empty() {
                            String::new()
                        } else {
                            format!(":{id}")
                        }
                    ),
                    None => format!("a reference is one of {}", kind_names()),
                };
                diags.push(
                    Diagnostic::error(
                        "bad-reference",
                        at,
                        format!("`{written}` is not a reference downkit knows"),
                    )
                    .label("unknown kind")
                    .hint(hint),
                );
                continue;
            };
            if kind.takes_id() && id.is_empty() {
                diags.push(
                    Diagnostic::error(
                        "bad-reference",
                        at,
                        format!("`{written}` does not say which {name}"),
                    )
                    .hint(format!("write `{{{name}:<id>}}` with the {name}'s id")),
                );
                continue;
            }
            if !kind.takes_id() && !id.is_empty() {
                diags.push(
                    Diagnostic::error(
                        "bad-reference",
                        at,
                        format!("`{written}` names a part of the binder and takes no id"),
                    )
                    .hint(format!("write `{{{name}}}`")),
                );
                continue;
            }
            target(kit, kind, &r, p.owner, diags);
        }
    }
}

/// Checks that the reference `r` (its id) of `kind` written in text of `owner` exists.
fn target(kit: &Kit, kind: RefKind, r: &At<String>, owner: Owner, diags: &mut Vec<Diagnostic>) {
    let ids = |list: Vec<&At<String>>, what: &str, diags: &mut Vec<Diagnostic>| {
        if !list.iter().any(|k| k.v == r.v) {
            dangling(r, what, &list, diags);
        }
    };
    let missing = |what: &str, how: (&str, &str), diags: &mut Vec<Diagnostic>| {
        diags.push(
            Diagnostic::error(
                "unknown-reference",
                r.loc,
                format!("the binder has no {what} to refer to"),
            )
            .label("not in the binder")
            .hint_in(how.0, how.1),
        );
    };
    match kind {
        RefKind::Procedure => ids(
            kit.procedures.iter().map(|p| &p.id).collect(),
            "procedure",
            diags,
        ),
        RefKind::Checklist => {
            let mut list: Vec<&At<String>> = kit.checklists.iter().map(|c| &c.id).collect();
            if kit.recovery.is_some() && r.v == crate::model::RECOVERY_ID {
                return;
            }
            list.sort_by(|a, b| a.v.cmp(&b.v));
            ids(list, "checklist", diags)
        }
        RefKind::Form => ids(kit.forms.iter().map(|f| &f.id).collect(), "form", diags),
        RefKind::Log => ids(kit.logs.iter().map(|l| &l.id).collect(), "log", diags),
        RefKind::Insert => ids(kit.inserts.iter().map(|i| &i.id).collect(), "insert", diags),
        RefKind::Contact => ids(
            kit.contacts.iter().map(|c| &c.id).collect(),
            "contact",
            diags,
        ),
        RefKind::Role => ids(role_ids(kit), "role", diags),
        RefKind::Step => step(kit, r, owner, diags),
        RefKind::Contacts if kit.contacts.is_empty() => missing(
            "contact list",
            ("add [[contact]] entries, or remove the reference",
             "lägg till [[contact]]-poster, eller ta bort hänvisningen"),
            diags,
        ),
        RefKind::Recovery if kit.recovery.is_none() => missing(
            "recovery section",
            ("add a [recovery] table, or remove the reference",
             "lägg till en [recovery]-tabell, eller ta bort hänvisningen"),
            diags,
        ),
        RefKind::Register if !kit.forms.iter().any(|f| f.serial.is_some()) => missing(
            "back-entry register",
            ("the register lists serialized forms: give a form a `serial`, or remove the reference",
             "registret listar numrerade blanketter: ge en blankett `serial`, eller ta bort hänvisningen"),
            diags,
        ),
        RefKind::Reservnummer if kit.reservnummer.is_empty() => missing(
            "list of reservnummer",
            ("add [[reservnummer]] ranges, or remove the reference",
             "lägg till [[reservnummer]]-serier, eller ta bort hänvisningen"),
            diags,
        ),
        RefKind::Poster if kit.poster.is_none() => missing(
            "poster",
            ("add a [poster] table, or remove the reference",
             "lägg till en [poster]-tabell, eller ta bort hänvisningen"),
            diags,
        ),
        _ => {}
    }
}

/// `{step:id}` in its own procedure, `{step:procedure.id}` anywhere.
fn step(kit: &Kit, r: &At<String>, owner: Owner, diags: &mut Vec<Diagnostic>) {
    let (proc_index, step_id) = match r.v.split_once('.') {
        Some((p, s)) => {
            let procs: Vec<&At<String>> = kit.procedures.iter().map(|p| &p.id).collect();
            match kit.procedures.iter().position(|x| x.id.v == p) {
                Some(i) => (i, s),
                None => {
                    dangling(&At::new(p.to_string(), r.loc), "procedure", &procs, diags);
                    return;
                }
            }
        }
        None => match owner {
            Owner::Step(p, _) | Owner::Procedure(p) => (p, r.v.as_str()),
            _ => {
                diags.push(
                    Diagnostic::error(
                        "bad-reference",
                        r.loc,
                        format!(
                            "`{{step:{}}}` outside a procedure does not say whose step",
                            r.v
                        ),
                    )
                    .hint(format!("write `{{step:<procedure-id>.{}}}`", r.v)),
                );
                return;
            }
        },
    };
    let p = &kit.procedures[proc_index];
    let steps: Vec<&At<String>> = p.steps.iter().filter_map(|s| s.id.as_ref()).collect();
    if !steps.iter().any(|s| s.v == step_id) {
        dangling(&At::new(step_id.to_string(), r.loc), "step", &steps, diags);
    }
}

/// Lower-case words of a text: letters and digits, with a dash inside a word kept.
pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The part of a title a text would name it by: before " (", " – " or ":".
fn short_title(title: &str) -> &str {
    let cut = [" (", " – ", " - ", ": "]
        .iter()
        .filter_map(|s| title.find(s))
        .min()
        .unwrap_or(title.len());
    title[..cut].trim()
}

/// The words a title is recognised by in running text; none when they are too few to tell
/// (one word of fewer than nine letters: "Ärende" is a word, "Kontaktlista" a title).
pub(super) fn title_words(title: &str) -> Vec<String> {
    let w = words(short_title(title));
    match w.as_slice() {
        [one] if one.chars().count() < 9 => Vec::new(),
        _ => w,
    }
}

/// True when `text` (its words) names the title (its words): each word in a row, a text
/// word being the title word with at most a short ending ("kontaktlistan", "loggen").
pub(super) fn names(text: &[String], title: &[String]) -> bool {
    if title.is_empty() || text.len() < title.len() {
        return false;
    }
    text.windows(title.len()).any(|win| {
        win.iter()
            .zip(title)
            .all(|(t, w)| t.starts_with(w.as_str()) && t.chars().count() - w.chars().count() <= 4)
    })
}

/// An item that running text may name: its kind, id and title words.
struct Named {
    kind: RefKind,
    id: String,
    title: String,
    words: Vec<String>,
}

/// An item by its title, when the title is one running text can be told to name.
fn named(kind: RefKind, id: &str, title: &str) -> Option<Named> {
    let words = title_words(title);
    (!words.is_empty()).then(|| Named {
        kind,
        id: id.to_string(),
        title: short_title(title).to_string(),
        words,
    })
}

fn named_items(kit: &Kit) -> Vec<Named> {
    let mut out: Vec<Named> = kit
        .procedures
        .iter()
        .map(|p| (RefKind::Procedure, &p.id.v, &p.title.v))
        .chain(
            kit.checklists
                .iter()
                .map(|c| (RefKind::Checklist, &c.id.v, &c.title.v)),
        )
        .chain(
            kit.forms
                .iter()
                .map(|f| (RefKind::Form, &f.id.v, &f.title.v)),
        )
        .chain(kit.logs.iter().map(|l| (RefKind::Log, &l.id.v, &l.title.v)))
        .chain(
            kit.inserts
                .iter()
                .map(|i| (RefKind::Insert, &i.id.v, &i.title.v)),
        )
        .filter_map(|(kind, id, title)| named(kind, id, title))
        .collect();
    // A short title several items share ("Incident Commander – first 2 hours", "… – 2 to
    // 12 hours") names none of them: those are recognised by their whole title.
    let shared: Vec<usize> = (0..out.len())
        .filter(|&i| (0..out.len()).any(|j| i != j && out[i].words == out[j].words))
        .collect();
    for i in shared {
        let full = full_title(kit, out[i].kind, &out[i].id);
        out[i].words = words(&full);
        out[i].title = full;
    }
    if let Some(r) = &kit.recovery {
        out.extend(named(RefKind::Recovery, "", &r.title_in(kit)));
    }
    if !kit.contacts.is_empty() {
        let list = match kit.meta.language {
            Lang::Sv => "kontaktlista",
            Lang::En => "contact list",
        };
        out.extend(named(RefKind::Contacts, "", list));
    }
    out
}

/// An item's whole title.
fn full_title(kit: &Kit, kind: RefKind, id: &str) -> String {
    let title = match kind {
        RefKind::Procedure => kit
            .procedures
            .iter()
            .find(|p| p.id.v == id)
            .map(|p| &p.title.v),
        RefKind::Checklist => kit
            .checklists
            .iter()
            .find(|p| p.id.v == id)
            .map(|p| &p.title.v),
        RefKind::Form => kit.forms.iter().find(|p| p.id.v == id).map(|p| &p.title.v),
        RefKind::Log => kit.logs.iter().find(|p| p.id.v == id).map(|p| &p.title.v),
        RefKind::Insert => kit
            .inserts
            .iter()
            .find(|p| p.id.v == id)
            .map(|p| &p.title.v),
        _ => None,
    };
    title.cloned().unwrap_or_default()
}

/// What a kind of item is called in a message.
fn kind_words(kind: RefKind) -> &'static str {
    match kind {
        RefKind::Contacts => "the contact list",
        RefKind::Recovery => "the recovery section",
        RefKind::Start => "the start page",
        k => k.name(),
    }
}

/// True when the text's owner is the item itself, or a step that already points to it
/// with its own key (which prints it with its page).
fn own(kit: &Kit, owner: Owner, kind: RefKind, id: &str) -> bool {
    match owner {
        Owner::Procedure(p) => kind == RefKind::Procedure && kit.procedures[p].id.v == id,
        Owner::Step(p, s) => {
            let proc = &kit.procedures[p];
            let st = &proc.steps[s];
            let is = |x: &Option<At<String>>| x.as_ref().is_some_and(|x| x.v == id);
            match kind {
                RefKind::Procedure => proc.id.v == id,
                RefKind::Form => is(&st.form),
                RefKind::Checklist => is(&st.checklist),
                RefKind::Log => is(&st.log),
                _ => false,
            }
        }
        Owner::Checklist(c) => kind == RefKind::Checklist && kit.checklists[c].id.v == id,
        Owner::Form(f) => kind == RefKind::Form && kit.forms[f].id.v == id,
        Owner::Insert(i) => kind == RefKind::Insert && kit.inserts[i].id.v == id,
        Owner::Recovery => kind == RefKind::Recovery,
        _ => false,
    }
}

/// The written reference to an item.
fn written(kind: RefKind, id: &str) -> String {
    if kind.takes_id() {
        format!("{{{}:{id}}}", kind.name())
    } else {
        format!("{{{}}}", kind.name())
    }
}

/// Running text that names an item's title without its reference would print without a
/// page; text in a step that names a contact other than the ones it calls would print the
/// wrong number beside it; a fallback that names a contact prints no number at all.
fn free_titles(kit: &Kit, texts: &[Prose], diags: &mut Vec<Diagnostic>) {
    let items = named_items(kit);
    let contacts: Vec<(usize, Vec<String>)> = kit
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| (i, title_words(&c.role.v)))
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for p in texts {
        let Some(at) = p.loc else { continue };
        let plain: String = crate::model::guide::pieces(p.text)
            .iter()
            .map(|x| match x {
                TextPiece::Text(t) => *t,
                TextPiece::Ref { .. } => " \u{1} ",
            })
            .collect();
        let w = words(&plain);
        let mut reported = Vec::new();
        // The start page is named by its title as printed, question mark and all ("Vad
        // har hänt?"): the words alone are everyday words ("find what has happened").
        let start = crate::labels::Label::StartTitle.text(kit.meta.language);
        if !kit.procedures.is_empty() && !p.fallback && plain.contains(start) {
            diags.push(
                Diagnostic::warning(
                    "unreferenced-title",
                    at,
                    format!("the text names the start page `{start}` without a reference, so the binder prints no page for it"),
                )
                .hint_in(
                    "write `{start}` where it names it: the binder prints the title with its page",
                    "skriv `{start}` där texten nämner den: pärmen skriver ut titeln med sidnummer",
                ),
            );
        }
        // Where a reader is sent on (the cover, the poster, steps, notes, forms'
        // instructions); a checklist item or the recovery section names what is at hand.
        let sends = !matches!(
            p.owner,
            Owner::Checklist(_) | Owner::Recovery | Owner::Term(_) | Owner::Intake(_)
        );
        if !p.fallback && sends {
            for it in &items {
                if names(&w, &it.words) && !own(kit, p.owner, it.kind, &it.id) {
                    if reported.contains(&it.title) {
                        continue;
                    }
                    reported.push(it.title.clone());
                    let r = written(it.kind, &it.id);
                    diags.push(
                        Diagnostic::warning(
                            "unreferenced-title",
                            at,
                            format!("the text names {} `{}` without a reference, so the binder prints no page for it", kind_words(it.kind), it.title),
                        )
                        .hint_in(
                            format!("write `{r}` where it names it: the binder prints the title with its page"),
                            format!("skriv `{r}` där texten nämner den: pärmen skriver ut titeln med sidnummer"),
                        ),
                    );
                }
            }
        }
        let calls: Vec<&str> = match p.owner {
            Owner::Step(pi, si) => kit.procedures[pi].steps[si]
                .calls()
                .map(|c| c.v.as_str())
                .collect(),
            Owner::Intake(i) => kit.intake[i]
                .call
                .iter()
                .chain(&kit.intake[i].call_also)
                .map(|c| c.v.as_str())
                .collect(),
            _ => Vec::new(),
        };
        let in_scope = p.fallback || matches!(p.owner, Owner::Step(..)) && !calls.is_empty();
        if !in_scope {
            continue;
        }
        // The title words of the contacts called: a contact whose title is part of one of
        // theirs ("IT-servicedesk" in "Regionens IT-servicedesk") is not named apart.
        let called: Vec<&Vec<String>> = contacts
            .iter()
            .filter(|(ci, _)| calls.contains(&kit.contacts[*ci].id.v.as_str()))
            .map(|(_, w)| w)
            .collect();
        for (ci, cw) in &contacts {
            let c = &kit.contacts[*ci];
            if calls.contains(&c.id.v.as_str())
                || Owner::Contact(*ci) == p.owner
                || called.iter().any(|w| names(w, cw))
            {
                continue;
            }
            if names(&w, cw) {
                let r = written(RefKind::Contact, &c.id.v);
                let d = if p.fallback {
                    Diagnostic::warning(
                        "contact-without-number",
                        at,
                        format!("the fallback names `{}` without its number", c.role.v),
                    )
                    .hint(format!(
                        "write `other: {r}`: the binder prints the contact with its number"
                    ))
                } else {
                    Diagnostic::warning(
                        "unreferenced-title",
                        at,
                        format!("the step names contact `{}` but calls another", c.role.v),
                    )
                    .hint_in(
                        format!("add it to the step's calls (`call = [\"…\", \"{}\"]`), or write `{r}`: the binder prints it with its number", c.id.v),
                        format!("lägg till den bland stegets samtal (`call = [\"…\", \"{}\"]`), eller skriv `{r}`: pärmen skriver ut den med sitt nummer", c.id.v),
                    )
                };
                diags.push(d);
            }
        }
    }
}

/// Phrases that point into the binder without saying where.
const BINDER_PHRASES: [&str; 8] = [
    "i pärmen",
    "sist i pärmen",
    "bak i pärmen",
    "längst bak",
    "in the binder",
    "at the back",
    "end of the binder",
    "back of the binder",
];

/// Text that points into the binder ("sist i pärmen") with no reference in it: the binder
/// may not hold what it points to, and the reader is not told the page.
fn binder_pointers(texts: &[Prose], diags: &mut Vec<Diagnostic>) {
    for p in texts {
        let Some(at) = p.loc else { continue };
        let lower = p.text.to_lowercase();
        let Some(phrase) = BINDER_PHRASES.iter().find(|ph| lower.contains(*ph)) else {
            continue;
        };
        if crate::model::guide::has_refs(p.text) {
            continue;
        }
        diags.push(
            Diagnostic::warning(
                "binder-pointer",
                at,
                format!("the text says `{phrase}` but not where: the binder may not hold it"),
            )
            .hint("write a reference to what it points to: `{insert:…}` for material printed elsewhere and kept in the binder (declare it with [[insert]]), `{form:…}`, `{contacts}` …; the binder prints its page"),
        );
    }
}

/// Abbreviations everyone knows, never asked for in the glossary.
const KNOWN: [&str; 10] = [
    "IT", "SMS", "OK", "USB", "PDF", "QR", "ID", "AB", "US", "EU",
];

/// True for a token that reads as an abbreviation: two or three capitals ("MAS", "HM"),
/// or up to five letters with at least two capitals, not all of them ("TiB").
pub(super) fn is_abbreviation(token: &str) -> bool {
    let n = token.chars().count();
    let upper = token.chars().filter(|c| c.is_uppercase()).count();
    let letters = token.chars().all(char::is_alphabetic);
    letters
        && ((2..=3).contains(&n) && upper == n
            || (3..=5).contains(&n)
                && upper >= 2
                && upper < n
                && token.chars().next().is_some_and(char::is_uppercase))
}

/// The abbreviation tokens of a text.
pub(super) fn abbreviations(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|t| is_abbreviation(t))
        .collect()
}

/// Every abbreviation the kit prints is in its glossary (`[[term]]`).
fn terms(loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let kit = &loaded.kit;
    let mut defined: Vec<String> = KNOWN.iter().map(|s| s.to_string()).collect();
    // The binder explains its own words (LÄS–GÖR, KRITISK) itself.
    for l in [
        crate::labels::Label::ReadDo,
        crate::labels::Label::DoConfirm,
        crate::labels::Label::Critical,
    ] {
        for lang in [Lang::Sv, Lang::En] {
            defined.extend(abbreviations(l.text(lang)).into_iter().map(str::to_string));
        }
    }
    let mut seen_terms: Vec<&str> = Vec::new();
    for t in &kit.terms {
        if seen_terms.contains(&t.term.v.as_str()) {
            diags.push(
                Diagnostic::warning(
                    "duplicate-term",
                    t.term.loc,
                    format!("`{}` is explained twice", t.term.v),
                )
                .hint("keep one [[term]] for it"),
            );
        }
        seen_terms.push(&t.term.v);
        defined.extend(abbreviations(&t.term.v).into_iter().map(str::to_string));
        defined.push(t.term.v.clone());
    }
    let mut found: Vec<(String, Loc, usize)> = Vec::new();
    let term_locs: Vec<Loc> = kit.terms.iter().map(|t| t.term.loc).collect();
    // Checklist responses are the required state in capitals ("SET UP"), not abbreviations.
    let responses: Vec<&str> = kit
        .checklists
        .iter()
        .flat_map(|c| &c.items)
        .chain(kit.recovery.iter().flat_map(|r| &r.items))
        .map(|i| i.response.as_str())
        .collect();
    // A form's, log's or checklist's code, edition and serial prefix name it ("Blankett
    // HM-1"): they are identifiers printed on it, not words to explain.
    let names: Vec<&str> = kit
        .forms
        .iter()
        .flat_map(|f| {
            [
                f.code.as_deref(),
                f.edition.as_deref(),
                f.serial.as_ref().map(|s| s.prefix.as_str()),
            ]
        })
        .chain(
            kit.logs
                .iter()
                .flat_map(|l| [l.code.as_deref(), l.edition.as_deref()]),
        )
        .chain(
            kit.checklists
                .iter()
                .flat_map(|c| [c.code.as_deref(), c.edition.as_deref()]),
        )
        // A pre-filled value is data ("RES-2024-K17"), not the kit's words.
        .chain(
            kit.forms
                .iter()
                .flat_map(|f| &f.sections)
                .flat_map(|s| &s.fields)
                .filter_map(|f| f.value.as_ref().map(|v| Some(v.v.as_str()))),
        )
        .flatten()
        .collect();
    for t in &kit.texts {
        if t.v.starts_with("rakel")
            || term_locs.contains(&t.loc)
            || responses.contains(&t.v.as_str())
            || names.contains(&t.v.as_str())
        {
            continue;
        }
        for a in abbreviations(&t.v) {
            if defined.iter().any(|d| d == a) {
                continue;
            }
            match found.iter_mut().find(|(x, ..)| x == a) {
                Some(f) => f.2 += 1,
                None => found.push((a.to_string(), t.loc, 1)),
            }
        }
    }
    for (a, loc, n) in found {
        let raw = within(&loaded.sources, loc, &a, 0);
        let times = if n == 1 {
            String::new()
        } else {
            format!(" ({n} times)")
        };
        diags.push(
            Diagnostic::warning(
                "undefined-term",
                raw,
                format!("`{a}` is used in the kit{times} but not explained"),
            )
            .hint_in(
                format!("add [[term]] with `term = \"{a}\"` and `means = \"…\"`: the binder explains it once, in its list of words and abbreviations"),
                format!("lägg till [[term]] med `term = \"{a}\"` och `means = \"…\"`: pärmen förklarar det en gång, i sin lista över ord och förkortningar"),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_named_with_endings() {
        let t = title_words("Kontaktlista");
        assert!(names(&words("adress i kontaktlistan"), &t));
        let t = title_words("Brådskande behov (utskrivning från sjukhus, fallrisk)");
        assert!(names(
            &words("Kan den inte vänta: följ Brådskande behov."),
            &t
        ));
        assert!(!names(&words("ett brådskande ärende"), &t));
        assert!(title_words("Jour – bara akuta behov").is_empty());
    }

    #[test]
    fn abbreviations_are_found() {
        assert_eq!(
            abbreviations("Ring TiB. Skriv HM-numret, sedan AKUT och MAKULERAD."),
            ["TiB", "HM"]
        );
        assert_eq!(abbreviations("Rakel EXBY KRIS-1, ICS 213"), ["ICS"]);
    }
}

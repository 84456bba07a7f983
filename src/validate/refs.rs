//! Ids and references: slugs, duplicates, and references to contacts, forms, checklists,
//! logs and steps that must exist.

use crate::diag::Diagnostic;
use crate::model::{is_slug, At, Kit};
use std::collections::HashMap;

/// Runs the id and reference checks.
pub fn check(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    // A missing id is reported by the loader (its location is empty); a written one is
    // checked, also when it is "" (it would name the PDF and every QR payload).
    if kit.meta.id.loc.start != kit.meta.id.loc.end {
        slug(&kit.meta.id, "kit", diags);
    }
    let contacts: Vec<&At<String>> = kit.contacts.iter().map(|c| &c.id).collect();
    unique(&contacts, "contact", diags);
    let artifacts: Vec<&At<String>> = kit
        .procedures
        .iter()
        .map(|p| &p.id)
        .chain(kit.forms.iter().map(|f| &f.id))
        .chain(kit.checklists.iter().map(|c| &c.id))
        .chain(kit.logs.iter().map(|l| &l.id))
        .collect();
    unique(&artifacts, "artifact", diags);

    let has = |list: &[&At<String>], id: &str| list.iter().any(|i| i.v == id);
    let forms: Vec<&At<String>> = kit.forms.iter().map(|f| &f.id).collect();
    let checklists: Vec<&At<String>> = kit.checklists.iter().map(|c| &c.id).collect();
    let logs: Vec<&At<String>> = kit.logs.iter().map(|l| &l.id).collect();

    beside(kit, &checklists, diags);
    for p in &kit.procedures {
        let steps: Vec<&At<String>> = p.steps.iter().filter_map(|s| s.id.as_ref()).collect();
        unique(&steps, "step", diags);
        for s in &p.steps {
            for c in s.calls() {
                if !has(&contacts, &c.v) {
                    dangling(c, "contact", &contacts, diags);
                }
            }
            if let Some(f) = &s.form {
                if !has(&forms, &f.v) {
                    dangling(f, "form", &forms, diags);
                }
            }
            if let Some(c) = &s.checklist {
                let recovery = kit.recovery.is_some() && c.v == crate::model::RECOVERY_ID;
                if !has(&checklists, &c.v) && !recovery {
                    dangling(c, "checklist", &checklists, diags);
                }
            }
            if let Some(l) = &s.log {
                if !has(&logs, &l.v) {
                    dangling(l, "log", &logs, diags);
                }
            }
            for b in &s.branches {
                if !has(&steps, &b.goto.v) {
                    dangling(&b.goto, "step", &steps, diags);
                }
            }
        }
    }
    let stockable: Vec<&At<String>> = forms.iter().chain(logs.iter()).copied().collect();
    for (id, _) in &kit.stock {
        if !has(&stockable, &id.v) {
            dangling(id, "form or log", &stockable, diags);
        }
    }
}

fn slug(id: &At<String>, what: &str, diags: &mut Vec<Diagnostic>) {
    if id.v.is_empty() {
        diags.push(
            Diagnostic::error("empty-id", id.loc, format!("the {what} id is empty"))
                .hint("write an id of lower-case a–z, digits and single dashes, e.g. `id = \"vaxel\"`: it is printed in QR codes and file names"),
        );
    } else if !is_slug(&id.v) {
        let suggestion: String =
            id.v.to_lowercase()
                .chars()
                .map(|c| match c {
                    'å' | 'ä' => 'a',
                    'ö' => 'o',
                    'é' => 'e',
                    c if c.is_ascii_alphanumeric() => c,
                    _ => '-',
                })
                .collect();
        let suggestion = suggestion
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        diags.push(
            Diagnostic::error("bad-id", id.loc, format!("`{}` is not a valid {what} id", id.v))
                .hint(format!(
                    "ids use lower-case a–z, digits and single dashes, starting with a letter: `{suggestion}`"
                )),
        );
    }
}

pub(super) fn unique(ids: &[&At<String>], what: &str, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &At<String>> = HashMap::new();
    for id in ids {
        if id.loc.start == id.loc.end {
            continue;
        }
        if what != "kit" {
            slug(id, what, diags);
        }
        if id.v.is_empty() {
            continue;
        }
        if seen.contains_key(id.v.as_str()) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    id.loc,
                    format!("the {what} id `{}` is used twice", id.v),
                )
                .label("second use")
                .hint("give each one its own id; ids are how steps and stock refer to them"),
            );
        } else {
            seen.insert(&id.v, id);
        }
    }
}

/// Most checklists printed side by side in one row.
pub const MAX_BESIDE: usize = 3;

/// `beside`: a checklist is printed beside the one just before it in the kit, at most
/// three in a row, all of one orientation.
fn beside(kit: &Kit, checklists: &[&At<String>], diags: &mut Vec<Diagnostic>) {
    let mut row = 1;
    for (i, c) in kit.checklists.iter().enumerate() {
        let Some(b) = &c.beside else {
            row = 1;
            continue;
        };
        let Some(prev) = i.checked_sub(1).map(|p| &kit.checklists[p]) else {
            dangling(b, "checklist", &[], diags);
            continue;
        };
        if prev.id.v != b.v {
            if checklists.iter().any(|k| k.v == b.v) {
                diags.push(
                    Diagnostic::error(
                        "bad-beside",
                        b.loc,
                        format!("checklist `{}` is printed beside `{}`, but `{}` is not just before it", c.id.v, b.v, b.v),
                    )
                    .hint(format!("move checklist `{}` right after `{}` in the kit, or name `beside = \"{}\"`", c.id.v, b.v, prev.id.v)),
                );
            } else {
                dangling(b, "checklist", checklists, diags);
            }
            continue;
        }
        row += 1;
        if row > MAX_BESIDE {
            diags.push(
                Diagnostic::error(
                    "bad-beside",
                    b.loc,
                    format!("checklist `{}` would be the {row}th side by side; a row holds {MAX_BESIDE}", c.id.v),
                )
                .hint("start a new row: remove `beside` from this checklist"),
            );
        }
        if prev.orientation != c.orientation {
            diags.push(
                Diagnostic::error(
                    "bad-beside",
                    b.loc,
                    format!("checklist `{}` is printed beside `{}` but not in its orientation", c.id.v, b.v),
                )
                .hint("give the checklists of one row the same `orientation` (landscape holds three wide ones)"),
            );
        }
    }
}

/// The kind of thing a reference names, in Swedish (as in the Swedish help text).
fn what_sv(what: &str) -> &str {
    match what {
        "checklist" => "checklista",
        "contact" => "kontakt",
        "dataset" => "datamängd",
        "form field" => "blankettfält",
        "form or log" => "blankett eller logg",
        "form" => "blankett",
        "location" => "plats",
        "log" => "logg",
        "procedure" => "rutin",
        "role" => "roll",
        "scenario" => "scenario",
        "step" => "steg",
        other => other,
    }
}

pub(super) fn dangling(
    r: &At<String>,
    what: &str,
    known: &[&At<String>],
    diags: &mut Vec<Diagnostic>,
) {
    let near = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&r.v, &k.v), k.v.as_str()))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min();
    let sv_what = what_sv(what);
    let (en, sv) = match near {
        Some((_, k)) => (format!("did you mean `{k}`?"), format!("menade du `{k}`?")),
        None if known.is_empty() => (
            format!("the kit defines no {what}; add one or remove the reference"),
            format!("kitet har ingen {sv_what}; lägg till en eller ta bort hänvisningen"),
        ),
        None => {
            let mut ids: Vec<&str> = known.iter().map(|k| k.v.as_str()).collect();
            ids.sort_unstable();
            (
                format!("known {what} ids: {}", ids.join(", ")),
                format!("id som finns ({sv_what}): {}", ids.join(", ")),
            )
        }
    };
    diags.push(
        Diagnostic::error(
            "unknown-reference",
            r.loc,
            format!("there is no {what} with id `{}`", r.v),
        )
        .label("not defined")
        .hint_in(en, sv),
    );
}

//! Dates and content rules: review and verification dates, empty titles, checklist size and
//! kind, pre-filled personnummer, serial numbering.

use crate::diag::Diagnostic;
use crate::model::personnummer::{self, IdCheck};
use crate::model::{At, Channel, FieldKind, ItemKind, Kit, Loc, PhoneKind};
use chrono::{Months, NaiveDate};

/// Most items a checklist should have (Gawande: 5–9 per pause point).
pub const MAX_CHECKLIST_ITEMS: usize = 9;

/// Review and verification dates.
pub fn dates(kit: &Kit, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    let m = &kit.meta;
    // A date that was written (a missing one has a zero-length location); 1970-01-01 is a
    // date like any other.
    let real = |d: &At<NaiveDate>| d.loc.start != d.loc.end;
    if real(&m.issued) && real(&m.review_by) {
        if m.review_by.v < m.issued.v {
            diags.push(
                Diagnostic::error(
                    "review-before-issue",
                    m.review_by.loc,
                    format!("the review date {} is before the issue date {}", m.review_by.v, m.issued.v),
                )
                .hint("review-by must be on or after issued; kits are usually reviewed within 6–12 months"),
            );
        } else if m.review_by.v < today {
            let days = (today - m.review_by.v).num_days();
            diags.push(
                Diagnostic::warning(
                    "review-overdue",
                    m.review_by.loc,
                    format!(
                        "the kit's review date {} passed {days} days ago",
                        m.review_by.v
                    ),
                )
                .label(format!("{days} days overdue"))
                .hint(
                    "review the kit with its owner, then raise `version` and set a new `review-by`",
                ),
            );
        }
    }
    let year_ago = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    for c in &kit.contacts {
        if real(&c.verified) && c.verified.v < year_ago {
            let days = (today - c.verified.v).num_days();
            diags.push(
                Diagnostic::warning(
                    "contact-stale",
                    c.verified.loc,
                    format!(
                        "contact `{}` was last verified {} ({days} days ago)",
                        c.id.v, c.verified.v
                    ),
                )
                .hint("call the number, correct the entry and set `verified` to today's date"),
            );
        }
    }
}

/// Reports an explicitly empty title (a missing one is already reported by the loader).
fn not_empty(t: &At<String>, what: &str, diags: &mut Vec<Diagnostic>) {
    if t.v.trim().is_empty() && t.loc.start != t.loc.end {
        diags.push(
            Diagnostic::error(
                "empty-title",
                t.loc,
                format!("the {what} has an empty title"),
            )
            .hint("write a title that says what it is for, e.g. \"Beställning av hjälpmedel\""),
        );
    }
}

fn empty_list(loc: Loc, msg: String, hint: &str, diags: &mut Vec<Diagnostic>) {
    diags.push(
        Diagnostic::error(
            "empty",
            Loc {
                end: loc.start + 1,
                ..loc
            },
            msg,
        )
        .hint(hint),
    );
}

/// True for text that can stand in a file name and a QR payload field.
fn is_token(s: &str, extra: &[char]) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || extra.contains(&c))
}

/// Content rules for each kind of artifact.
pub fn rules(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    not_empty(&kit.meta.title, "kit", diags);
    let v = &kit.meta.version;
    if v.loc.start != v.loc.end
        && (v.v.is_empty() || v.v.len() > 20 || !is_token(&v.v, &['.', '-', '_']))
    {
        diags.push(
            Diagnostic::error("bad-version", v.loc, format!("`{}` is not a usable version", v.v))
                .hint("write 1 to 20 letters, digits, dots or dashes, e.g. \"1.2\" or \"2026-1\": it is printed on every page and names the PDF"),
        );
    }
    for p in &kit.procedures {
        not_empty(&p.title, "procedure", diags);
        if p.steps.is_empty() {
            empty_list(
                p.loc,
                format!("procedure `{}` has no steps", p.id.v),
                "add [[procedure.step]] tables with `text`",
                diags,
            );
        }
    }
    for c in &kit.contacts {
        for ch in &c.fallback {
            let kind = match ch {
                Channel::Mobile => PhoneKind::Mobile,
                Channel::Landline => PhoneKind::Landline,
                Channel::Switchboard => PhoneKind::Switchboard,
                Channel::Fax => PhoneKind::Fax,
                _ => continue,
            };
            if !c.phones.iter().any(|p| p.kind == kind) {
                let name = format!("{kind:?}").to_lowercase();
                diags.push(
                    Diagnostic::warning("fallback-without-number", c.id.loc, format!("contact `{}` has `{name}` in its fallback chain but no {name} number", c.id.v))
                        .hint(format!("add `{{ kind = \"{name}\", number = \"…\" }}` to `phones`, or remove `{name}` from `fallback`")),
                );
            }
        }
        if c.phones.is_empty() && c.fallback.is_empty() {
            diags.push(
                Diagnostic::warning("contact-unreachable", c.id.loc, format!("contact `{}` has no phone number and no fallback", c.id.v))
                    .hint("add `phones = [{ kind = \"mobile\", number = \"070-…\" }]` or a `fallback` chain"),
            );
        }
    }
    for f in &kit.forms {
        not_empty(&f.title, "form", diags);
        if f.sections.is_empty() {
            empty_list(
                f.loc,
                format!("form `{}` has no sections", f.id.v),
                "add [[form.section]] with [[form.section.field]]",
                diags,
            );
        }
        for s in &f.sections {
            not_empty(&s.title, "form section", diags);
            for field in &s.fields {
                if let (FieldKind::Personnummer, Some(v)) = (&field.kind, &field.value) {
                    if let IdCheck::BadCheckDigit(expected) = personnummer::check(&v.v) {
                        diags.push(
                            Diagnostic::error(
                                "bad-personnummer",
                                v.loc,
                                format!("the check digit of personnummer `{}` is wrong", v.v),
                            )
                            .label(format!("the check digit should be {expected}"))
                            .hint(
                                "correct the number; a reservnummer with letters is never checked",
                            ),
                        );
                    }
                }
            }
        }
        if let Some(s) = &f.serial {
            if !is_token(&s.prefix, &['-']) || s.prefix.len() > 10 {
                diags.push(
                    Diagnostic::error("bad-serial-prefix", f.id.loc, format!("form `{}`: the serial prefix `{}` may only hold letters, digits and dashes", f.id.v, s.prefix))
                        .hint("use a short prefix such as \"HM-\" (at most 10 characters)"),
                );
            }
            if let Some((_, n)) = kit.stock.iter().find(|(id, _)| id.v == f.id.v) {
                if n.v > s.copies {
                    diags.push(
                        Diagnostic::warning("stock-exceeds-serials", n.loc, format!(
                            "the unit should hold {} copies of `{}` but only {} serial numbers are printed", n.v, f.id.v, s.copies))
                            .hint(format!("raise `copies` in [form.serial] to {} — photocopies would repeat serial numbers", n.v)),
                    );
                }
            }
            let last = u64::from(s.first) + u64::from(s.copies.max(1)) - 1;
            if last.to_string().len() > s.digits as usize {
                diags.push(
                    Diagnostic::error(
                        "serial-overflow",
                        f.id.loc,
                        format!(
                            "form `{}`: serial {last} needs more than {} digits",
                            f.id.v, s.digits
                        ),
                    )
                    .hint(format!(
                        "set `digits = {}` in [form.serial]",
                        last.to_string().len()
                    )),
                );
            }
        }
    }
    for c in &kit.checklists {
        not_empty(&c.title, "checklist", diags);
        for i in &c.items {
            match i.kind {
                ItemKind::Heading(_) => not_empty(&i.text, "checklist sub-heading", diags),
                ItemKind::Stem => not_empty(&i.text, "checklist stem", diags),
                _ => {}
            }
        }
        if c.kind.is_none() {
            diags.push(
                Diagnostic::error("checklist-kind", c.id.loc, format!("checklist `{}` does not say whether it is READ-DO or DO-CONFIRM", c.id.v))
                    .hint("add `kind = \"read-do\"` (read a step, do it) or `kind = \"do-confirm\"` (do from memory, then confirm)"),
            );
        }
        // Sub-headings divide a checklist into pause points; each is checked on its own.
        let groups: Vec<Vec<&crate::model::ChecklistItem>> =
            c.items.iter().fold(vec![Vec::new()], |mut g, i| {
                if i.starts_part() {
                    g.push(Vec::new());
                } else if i.is_check() {
                    g.last_mut().expect("one group").push(i);
                }
                g
            });
        if groups.iter().all(Vec::is_empty) {
            empty_list(
                c.loc,
                format!("checklist `{}` has no items", c.id.v),
                "add [[checklist.item]] tables with `text` and `response`",
                diags,
            );
        }
        for items in &groups {
            if items.len() > MAX_CHECKLIST_ITEMS {
                let (at, what, hint) = match items.first() {
                    Some(i) if groups.len() > 1 => (
                        i.text.loc,
                        "a part of checklist",
                        "split it at a natural pause point with another sub-heading",
                    ),
                    _ => (
                        c.id.loc,
                        "checklist",
                        "split it into two checklists at a natural pause point",
                    ),
                };
                diags.push(
                    Diagnostic::warning("checklist-long", at, format!(
                        "{what} `{}` has {} items; more than {MAX_CHECKLIST_ITEMS} are hard to run under stress",
                        c.id.v, items.len()))
                        .hint(hint),
                );
            }
            if let Some(first_plain) = items.iter().position(|i| !i.critical) {
                if let Some(late) = items[first_plain..].iter().find(|i| i.critical) {
                    diags.push(
                        Diagnostic::warning(
                            "critical-late",
                            late.text.loc,
                            format!(
                                "a critical item of checklist `{}` comes after a non-critical one",
                                c.id.v
                            ),
                        )
                        .hint(
                            "put critical items first: under stress the top of a checklist gets done",
                        ),
                    );
                }
            }
        }
        if c.pause_point.trim().is_empty() {
            diags.push(
                Diagnostic::warning(
                    "no-pause-point",
                    c.id.loc,
                    format!("checklist `{}` has no `pause-point`", c.id.v),
                )
                .hint("say when to run it: `pause-point = \"När systemet går ner\"`"),
            );
        }
    }
    for l in &kit.logs {
        not_empty(&l.title, "log", diags);
    }
}

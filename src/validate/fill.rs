//! What the binder asks the reader to fill in and have at hand: a checklist never requires a
//! form field that the people running it leave blank, and the stock list never asks for
//! more sheets than the binder prints without saying where the rest are.

use super::refs::dangling;
use crate::diag::Diagnostic;
use crate::model::{At, Field, Kit};

/// Runs the checks.
pub fn check(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    fields(kit, diags);
    stock(kit, diags);
}

/// The field `form.field` names.
fn field<'k>(kit: &'k Kit, r: &str) -> Option<&'k Field> {
    let (form, id) = r.split_once('.')?;
    kit.forms
        .iter()
        .find(|f| f.id.v == form)?
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| f.fill.id.as_ref().is_some_and(|i| i.v == id))
}

fn fields(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    // Every field id, as `form.field`, for suggestions.
    let known: Vec<At<String>> = kit
        .forms
        .iter()
        .flat_map(|f| {
            f.sections
                .iter()
                .flat_map(|s| &s.fields)
                .filter_map(move |x| x.fill.id.as_ref())
                .map(move |i| At::new(format!("{}.{}", f.id.v, i.v), i.loc))
        })
        .collect();
    let refs: Vec<&At<String>> = known.iter().collect();
    for f in &kit.forms {
        let ids: Vec<&At<String>> = f
            .sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter_map(|x| x.fill.id.as_ref())
            .collect();
        super::refs::unique(&ids, "field", diags);
    }
    for c in &kit.checklists {
        for item in &c.items {
            for r in &item.fields {
                if field(kit, &r.v).is_none() {
                    dangling(r, "form field", &refs, diags);
                }
            }
        }
    }
    for p in &kit.procedures {
        if p.roles.is_empty() {
            continue;
        }
        let run = p
            .steps
            .iter()
            .filter_map(|s| s.checklist.as_ref())
            .filter_map(|id| kit.checklists.iter().find(|c| c.id.v == id.v));
        for c in run {
            for item in &c.items {
                for r in &item.fields {
                    let Some(f) = field(kit, &r.v) else { continue };
                    if f.fill.later() {
                        diags.push(
                            Diagnostic::warning(
                                "field-blank-required",
                                r.loc,
                                format!(
                                    "checklist `{}` requires `{}`, which may be left blank now and filled in later (`when = \"later\"`)",
                                    c.id.v, r.v
                                ),
                            )
                            .hint("list only the fields that must be filled in at this point; say in the item's text that the others are filled in later"),
                        );
                        continue;
                    }
                    if f.fill.filled_by.is_empty() {
                        continue;
                    }
                    let left: Vec<&str> = p
                        .roles
                        .iter()
                        .filter(|r| !f.fill.filled_by.iter().any(|b| b.v == r.v))
                        .map(|r| r.v.as_str())
                        .collect();
                    if !left.is_empty() {
                        let by: Vec<&str> = f.fill.filled_by.iter().map(|b| b.v.as_str()).collect();
                        diags.push(
                            Diagnostic::warning(
                                "field-blank-required",
                                r.loc,
                                format!(
                                    "checklist `{}` requires `{}`, but {} (who may carry out procedure `{}`) {} it blank: it is filled in by {}",
                                    c.id.v,
                                    r.v,
                                    left.join(", "),
                                    p.id.v,
                                    if left.len() == 1 { "leaves" } else { "leave" },
                                    by.join(", ")
                                ),
                            )
                            .hint("require only what everyone who runs the checklist fills in: take the field out of the item's `fields` and say in its text who fills it in later, or mark the field `when = \"later\"`"),
                        );
                    }
                }
            }
        }
    }
}

/// Sheets the binder prints of a form or log (a serialized form: its copies).
fn printed(kit: &Kit, id: &str) -> Option<(u32, bool)> {
    if let Some(f) = kit.forms.iter().find(|f| f.id.v == id) {
        return Some((
            f.serial.as_ref().map_or(1, |s| s.copies),
            f.serial.is_some(),
        ));
    }
    kit.logs
        .iter()
        .find(|l| l.id.v == id)
        .map(|l| (l.sheets, false))
}

fn stock(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    for (id, n) in &kit.stock {
        let Some((have, serial)) = printed(kit, &id.v) else {
            continue;
        };
        let kept = kit.stock_kept.iter().any(|(k, _)| k.v == id.v);
        if serial || kept || n.v <= have {
            continue;
        }
        diags.push(
            Diagnostic::warning(
                "stock-not-in-binder",
                n.loc,
                format!(
                    "[stock] asks for {} sheets of `{}`, but the binder prints {have}",
                    n.v, id.v
                ),
            )
            .label(format!("{} are not in the binder", n.v - have))
            .hint(format!(
                "say where the rest are kept, printed on the stock list: `{} = {{ copies = {}, kept = \"…\" }}`; or print them in the binder (a log's `sheets`)",
                id.v, n.v
            )),
        );
    }
}

//! Checks of `[recovery]`: its texts are written, what prints personal data says how it is
//! destroyed, and its checklist (the kit's items with the standard ones, critical first)
//! stays short enough to run under stress.

use crate::diag::Diagnostic;
use crate::model::Kit;

/// Runs the checks.
pub fn check(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    let Some(r) = &kit.recovery else {
        return;
    };
    for (text, key) in [
        (&r.back_entry, "back-entry"),
        (&r.downtime_note, "downtime-note"),
        (&r.duplicates, "duplicates"),
    ] {
        // A missing key is reported by the loader (its location is empty).
        if text.v.trim().is_empty() && text.loc.start != text.loc.end {
            diags.push(
                Diagnostic::error("empty", text.loc, format!("`{key}` in [recovery] is empty"))
                    .hint("say what staff do: this is printed in the recovery section"),
            );
        }
    }
    let personal = kit.meta.classification.is_some()
        || kit.forms.iter().any(|f| f.personal_data)
        || !kit.reservnummer.is_empty();
    if personal && r.destroy.is_empty() {
        diags.push(
            Diagnostic::warning(
                "recovery-no-destroy",
                r.loc,
                "the kit prints personal data, but [recovery] does not say what to destroy",
            )
            .hint("add [[recovery.destroy]] with `what` (printed lists, copies) and `how` (shredder, locked bin)"),
        );
    }
    let list = r.checklist(kit);
    let n = list.items.len();
    if n > super::content::MAX_CHECKLIST_ITEMS {
        diags.push(
            Diagnostic::warning(
                "checklist-long",
                r.loc,
                format!(
                    "the recovery checklist has {n} items with the standard ones; more than {} are hard to run under stress",
                    super::content::MAX_CHECKLIST_ITEMS
                ),
            )
            .hint("keep the kit's own [[recovery.item]]s to what the standard items do not say"),
        );
    }
}

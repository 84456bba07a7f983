//! Kit-wide budgets, checked before any layout: entries of each kind in the whole kit (the
//! loader's limit is per file, so includes could multiply it), serialized copies, log
//! sheets and the pages these alone print. What the budgets cannot see in advance — a form
//! that runs to many pages a copy — the page engine stops at [`crate::layout::MAX_PAGES`].
//! Every error says the total and the limit.

use crate::diag::Diagnostic;
use crate::layout::MAX_PAGES;
use crate::model::{Kit, Loc};

/// Most entries of one kind (contacts, procedures, forms, checklists, logs) in a kit.
pub const MAX_ENTRIES: usize = crate::load::MAX_ITEMS;
/// Most serialized copies a kit prints, all forms together.
pub const MAX_COPIES: u64 = 10_000;
/// Most log sheets a kit prints, all logs together.
pub const MAX_LOG_SHEETS: u64 = 1_000;
/// Back-entry register rows on a page (at least; the estimate counts no more).
const REGISTER_ROWS_PER_PAGE: u64 = 24;

fn entries(kind: &str, locs: &[Loc], files: usize, diags: &mut Vec<Diagnostic>) {
    if locs.len() <= MAX_ENTRIES {
        return;
    }
    let in_files = if files > 1 {
        format!(" in {files} files")
    } else {
        String::new()
    };
    diags.push(
        Diagnostic::error(
            "over-budget",
            locs[MAX_ENTRIES],
            format!(
                "the kit has {} {kind}{in_files}; at most {MAX_ENTRIES} are allowed in a kit",
                locs.len()
            ),
        )
        .label(format!("entry {} of {}", MAX_ENTRIES + 1, locs.len()))
        .hint("split the kit into several kits: a binder this large cannot be used in an outage"),
    );
}

/// Distinct files among `locs`.
fn files(locs: &[Loc]) -> usize {
    let mut f: Vec<usize> = locs.iter().map(|l| l.file).collect();
    f.sort_unstable();
    f.dedup();
    f.len()
}

/// Checks the kit's budgets; `copies` is the `--copies` override when one is given.
pub fn check(kit: &Kit, copies: Option<u32>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let kinds: [(&str, Vec<Loc>); 5] = [
        ("contacts", kit.contacts.iter().map(|c| c.loc).collect()),
        ("procedures", kit.procedures.iter().map(|p| p.loc).collect()),
        ("forms", kit.forms.iter().map(|f| f.loc).collect()),
        ("checklists", kit.checklists.iter().map(|c| c.loc).collect()),
        ("logs", kit.logs.iter().map(|l| l.loc).collect()),
    ];
    for (kind, locs) in &kinds {
        entries(kind, locs, files(locs), &mut diags);
    }
    let serialized: Vec<_> = kit
        .forms
        .iter()
        .filter_map(|f| f.serial.as_ref().map(|s| (f, s)))
        .collect();
    let total_copies: u64 = serialized
        .iter()
        .map(|(_, s)| u64::from(copies.unwrap_or(s.copies).max(1)))
        .sum();
    let sheets: u64 = kit.logs.iter().map(|l| u64::from(l.sheets)).sum();
    let how = match copies {
        Some(n) => format!(" (--copies {n} for each of {} forms)", serialized.len()),
        None => format!(" ({} forms)", serialized.len()),
    };
    if total_copies > MAX_COPIES {
        let loc = serialized.first().map_or(kit.meta.loc, |(f, _)| f.loc);
        diags.push(
            Diagnostic::error(
                "over-budget",
                loc,
                format!(
                    "the kit prints {total_copies} serialized copies{how}; at most {MAX_COPIES} are allowed in a kit"
                ),
            )
            .hint("print fewer copies (`copies` in [form.serial], or a smaller --copies), or split the forms into several kits"),
        );
    }
    if sheets > MAX_LOG_SHEETS {
        let loc = kit.logs.first().map_or(kit.meta.loc, |l| l.loc);
        diags.push(
            Diagnostic::error(
                "over-budget",
                loc,
                format!(
                    "the kit prints {sheets} log sheets ({} logs); at most {MAX_LOG_SHEETS} are allowed in a kit",
                    kit.logs.len()
                ),
            )
            .hint("lower `sheets` of the logs: copy a blank sheet when more are needed"),
        );
    }
    // Pages that copies, log sheets and the register alone print: a lower bound.
    let pages = total_copies + sheets + total_copies.div_ceil(REGISTER_ROWS_PER_PAGE);
    if pages > MAX_PAGES as u64 && total_copies <= MAX_COPIES && sheets <= MAX_LOG_SHEETS {
        diags.push(
            Diagnostic::error(
                "over-budget",
                kit.meta.loc,
                format!(
                    "the kit would print at least {pages} pages ({total_copies} serialized copies, {sheets} log sheets and the register); at most {MAX_PAGES} are allowed in one document"
                ),
            )
            .hint("print fewer copies or sheets, or split the kit"),
        );
    }
    diags
}

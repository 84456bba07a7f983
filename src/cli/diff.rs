//! `downkit diff`: what changed between a printed binder (its PDF, or the kit it was built
//! from) and the kit now, in the coordinator's words, and which pages of the new binder to
//! print so that a unit can replace pages instead of the whole binder.

use super::{Exit, Format};
use crate::compose::BuildOptions;
use crate::lifecycle::{changes, pages_to_reprint, PrintRecord, Reprint};
use crate::{diag, load, validate};
use chrono::NaiveDate;
use std::path::Path;

/// Largest PDF read as the old printing, in bytes.
const MAX_PDF_BYTES: u64 = 512 * 1024 * 1024;

/// Compares `old` (a PDF built by downkit, or a kit) with `kit`. Exit 0 when nothing is to
/// be reprinted, 1 when pages are, 2 when either side cannot be read or built.
pub fn run(old: &Path, kit: &Path, date: NaiveDate, format: Format) -> Exit {
    let before = match record_of(old, date) {
        Ok(r) => r,
        Err(e) => return trouble(old, &e),
    };
    let now = match record_of(kit, date) {
        Ok(r) => r,
        Err(e) => return trouble(kit, &e),
    };
    let said = changes(&before.content, &now.content);
    let reprint = pages_to_reprint(&before.pages, &now.pages);
    match format {
        Format::Json => super::print_json(&serde_json::json!({
            "kit": now.kit,
            "old": {"version": before.version, "print_date": before.print_date},
            "new": {"version": now.version},
            "changes": said,
            "reprint": reprint.pages,
            "moved": reprint.moved,
            "remove": reprint.removed,
            "pages": {"old": reprint.count.0, "new": reprint.count.1},
        })),
        Format::Human => print_human(&before, &now, &said, &reprint),
    }
    if reprint.pages.is_empty() && reprint.removed.is_empty() {
        Exit::Ok
    } else {
        Exit::Failed
    }
}

fn trouble(path: &Path, e: &str) -> Exit {
    eprint!("{e}");
    if !e.ends_with('\n') {
        eprintln!();
    }
    eprintln!("{}: cannot compare", path.display());
    Exit::Usage
}

/// The record of a PDF, or of laying out a kit's binder as it would print on `date`.
fn record_of(path: &Path, date: NaiveDate) -> Result<PrintRecord, String> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        // The bounded reader: a FIFO or a device named `.pdf` is refused, never read.
        let bytes = crate::load::open::read_regular(path, MAX_PDF_BYTES)
            .map_err(|e| format!("error: cannot read `{}`: {e}", path.display()))?;
        return PrintRecord::from_pdf(&bytes)
            .map_err(|e| format!("error: `{}`: {e}", path.display()));
    }
    let loaded = load::load(path);
    let mut diags = validate::check(&loaded, date);
    diag::sort(&mut diags);
    if diag::has_errors(&diags) {
        let mut text = Vec::new();
        {
            let mut w = codespan_reporting::term::termcolor::NoColor::new(&mut text);
            let _ = diag::emit(&mut w, &loaded.sources, &diags);
        }
        return Err(format!(
            "{}error: the kit has errors",
            String::from_utf8_lossy(&text)
        ));
    }
    let fonts = validate::fonts_for(&loaded).map_err(|d| {
        d.iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let opts = BuildOptions {
        date,
        ..BuildOptions::default()
    };
    let doc = crate::compose::binder_document(&loaded, &fonts, &opts)
        .map_err(|e| format!("error: {e}"))?;
    Ok(PrintRecord::of(&loaded.kit, &doc))
}

fn print_human(before: &PrintRecord, now: &PrintRecord, said: &[String], r: &Reprint) {
    let printed = if before.print_date.is_empty() {
        String::new()
    } else {
        format!(", printed {}", before.print_date)
    };
    println!(
        "{}: version {}{printed} → version {} now",
        now.kit, before.version, now.version
    );
    if said.is_empty() {
        println!("No printed content changed.");
    } else {
        println!("What changed:");
        for s in said {
            println!("  - {s}");
        }
    }
    let (was, is) = r.count;
    if r.pages.is_empty() && r.removed.is_empty() {
        println!("Nothing to reprint: every page of the binder is as printed.");
    } else {
        let list: Vec<String> = r.pages.iter().map(usize::to_string).collect();
        let s = if r.pages.len() == 1 { "" } else { "s" };
        println!(
            "Reprint {} of {is} page{s}: {}",
            r.pages.len(),
            if list.is_empty() {
                "none".into()
            } else {
                list.join(", ")
            }
        );
        for p in &r.pages {
            let section = &now.pages[p - 1].section;
            println!("  page {p:>3}  {section}");
        }
    }
    for (old, new) in &r.moved {
        println!(
            "Keep old page {old}: unchanged, it is now page {new} (its printed page number is off)"
        );
    }
    if !r.removed.is_empty() {
        let list: Vec<String> = r.removed.iter().map(usize::to_string).collect();
        println!(
            "Take out old page{}: {}",
            if r.removed.len() == 1 { "" } else { "s" },
            list.join(", ")
        );
    }
    if was != is {
        println!("The binder has {is} pages now (was {was}).");
    }
    if !r.pages.is_empty() {
        println!("Print them with `downkit build <kit>` and take those pages from the new PDF.");
    }
}

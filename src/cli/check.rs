//! `downkit check`: load and validate kits, print every problem.

use super::{Exit, Format};
use crate::app::check::diagnostics;
use crate::diag::{self, Severity};
use crate::load;
use chrono::NaiveDate;
use std::path::PathBuf;

/// How to check.
pub struct CheckOptions {
    /// Output format.
    pub format: Format,
    /// Warnings fail the check.
    pub deny_warnings: bool,
    /// The output folder of the last build (for its records).
    pub out: PathBuf,
    /// The date to judge dates against.
    pub today: NaiveDate,
}

/// Checks each kit; returns 1 when any has errors (or warnings with `deny_warnings`).
pub fn run(kits: &[PathBuf], opts: &CheckOptions) -> Exit {
    let CheckOptions {
        format,
        deny_warnings,
        today,
        ..
    } = *opts;
    let mut failed = false;
    let mut json = Vec::new();
    let mut err = super::stderr_color();
    let all: Vec<load::Loaded> = kits.iter().map(|p| load::load(p)).collect();
    let pairs: Vec<_> = kits.iter().cloned().zip(all.iter()).collect();
    let duplicates = crate::app::ids::duplicates(&pairs);
    for ((path, loaded), dup) in kits.iter().zip(&all).zip(duplicates) {
        let diags = diagnostics(loaded, dup, today, &opts.out);
        // The samples are read only of a kit without errors (as `diagnostics` lays it out).
        let samples = if diag::has_errors(&diags) {
            Vec::new()
        } else {
            super::samples::check(loaded)
        };
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
            + samples
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
        let warnings = diags.len() + samples.len() - errors;
        failed |= errors > 0 || (deny_warnings && warnings > 0);
        match format {
            Format::Json => json.push(serde_json::json!({
                "kit": path.display().to_string(),
                "id": loaded.kit.meta.id.v,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": super::samples::json(diag::to_json(&loaded.sources, &diags), &samples),
                "omitted": diag::omitted(&diags),
            })),
            Format::Human => {
                if let Err(e) = diag::emit(&mut err, &loaded.sources, &diags) {
                    eprintln!("error: cannot write diagnostics: {e}");
                }
                for p in &samples {
                    eprint!("{}", p.render());
                }
                let verdict = if errors > 0 { "has errors" } else { "ok" };
                eprintln!(
                    "{}: {verdict} ({errors} error{}, {warnings} warning{})",
                    path.display(),
                    if errors == 1 { "" } else { "s" },
                    if warnings == 1 { "" } else { "s" },
                );
            }
        }
    }
    if format == Format::Json {
        super::print_json(&json);
    }
    if failed {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

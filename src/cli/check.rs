//! `downkit check`: load and validate kits, print every problem.

use super::{Exit, Format};
use crate::diag::{self, Severity};
use crate::{load, validate};
use chrono::NaiveDate;
use std::path::PathBuf;

/// Checks each kit; returns 1 when any has errors (or warnings with `deny_warnings`).
pub fn run(kits: &[PathBuf], format: Format, deny_warnings: bool, today: NaiveDate) -> Exit {
    let mut failed = false;
    let mut json = Vec::new();
    let mut err = super::stderr_color();
    for path in kits {
        let loaded = load::load(path);
        let diags = validate::check(&loaded, today);
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diags.len() - errors;
        failed |= errors > 0 || (deny_warnings && warnings > 0);
        match format {
            Format::Json => json.push(serde_json::json!({
                "kit": path.display().to_string(),
                "id": loaded.kit.meta.id.v,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diag::to_json(&loaded.sources, &diags),
            })),
            Format::Human => {
                if let Err(e) = diag::emit(&mut err, &loaded.sources, &diags) {
                    eprintln!("error: cannot write diagnostics: {e}");
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
        println!(
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        );
    }
    if failed {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

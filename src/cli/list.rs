//! `downkit list`: the kits under a folder with id, title, version, review date and status.

use super::{Exit, Format};
use crate::diag::{has_errors, Severity};
use crate::{load, validate};
use chrono::NaiveDate;
use std::path::Path;

/// Prints one line per kit; exit 1 when the folder cannot be read.
pub fn run(dir: &Path, format: Format, today: NaiveDate) -> Exit {
    let kits = match crate::app::kits::kits_at(dir) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: cannot read the folder `{}`: {e}", dir.display());
            return Exit::Failed;
        }
    };
    let mut rows = Vec::new();
    let all: Vec<load::Loaded> = kits.iter().map(|p| load::load(p)).collect();
    let pairs: Vec<_> = kits.iter().cloned().zip(all.iter()).collect();
    let duplicates = crate::app::ids::duplicates(&pairs);
    for ((path, loaded), dup) in kits.iter().zip(&all).zip(duplicates) {
        let diags = validate::check(loaded, today);
        let m = &loaded.kit.meta;
        let overdue = diags.iter().any(|d| d.code == "review-overdue");
        let status = if !dup.is_empty() {
            "duplicate id"
        } else if has_errors(&diags) {
            "invalid"
        } else if overdue {
            "review overdue"
        } else {
            "ok"
        };
        let warnings = diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        rows.push((
            path.display().to_string(),
            m.id.v.clone(),
            m.title.v.clone(),
            m.version.v.clone(),
            if loaded.parsed && m.review_by.loc.start != m.review_by.loc.end {
                m.review_by.v.to_string()
            } else {
                String::new()
            },
            status,
            warnings,
        ));
    }
    match format {
        Format::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|(p, id, title, ver, review, status, warnings)| {
                    serde_json::json!({"path": p, "id": id, "title": title, "version": ver,
                        "review_by": review, "status": status, "warnings": warnings})
                })
                .collect();
            super::print_json(&v);
        }
        Format::Human => {
            if rows.is_empty() {
                println!("no kits in {}", dir.display());
            }
            // Two kits with one id are told apart by their path.
            let shown: Vec<String> = rows
                .iter()
                .map(
                    |(p, id, _, _, _, status, _)| match (id.is_empty(), *status) {
                        (true, _) => p.clone(),
                        (false, "duplicate id") => format!("{id} ({p})"),
                        (false, _) => id.clone(),
                    },
                )
                .collect();
            let w_id = shown
                .iter()
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(2)
                .max(2);
            let w_ver = rows
                .iter()
                .map(|r| r.3.chars().count())
                .max()
                .unwrap_or(7)
                .max(7);
            println!(
                "{:w_id$}  {:w_ver$}  {:10}  {:14}  TITLE",
                "ID", "VERSION", "REVIEW-BY", "STATUS"
            );
            for (id, (_, _, title, ver, review, status, _)) in shown.iter().zip(&rows) {
                println!("{id:w_id$}  {ver:w_ver$}  {review:10}  {status:14}  {title}");
            }
        }
    }
    Exit::Ok
}

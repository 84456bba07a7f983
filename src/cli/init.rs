//! `downkit init`: write a new, valid, commented kit to start from; never overwrite.

use super::Exit;
use chrono::{Months, NaiveDate};
use std::path::Path;

const TEMPLATE_SV: &str = include_str!("templates/init-sv.toml");
const TEMPLATE_EN: &str = include_str!("templates/init-en.toml");

/// The template text for `lang` with dates filled in from `today`.
pub fn template(lang: &str, today: NaiveDate) -> String {
    let review = today.checked_add_months(Months::new(6)).unwrap_or(today);
    let text = if lang == "en" {
        TEMPLATE_EN
    } else {
        TEMPLATE_SV
    };
    text.replace("{TODAY}", &today.to_string())
        .replace("{REVIEW}", &review.to_string())
}

/// Creates `dir/kit.toml`; refuses when it exists.
pub fn run(dir: &Path, lang: &str, today: NaiveDate) -> Exit {
    let target = dir.join("kit.toml");
    if target.exists() {
        eprintln!(
            "error: `{}` already exists; downkit init never overwrites a kit\n  help: choose a new folder, e.g. `downkit init {}-2`",
            target.display(),
            dir.display()
        );
        return Exit::Failed;
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create the folder `{}`: {e}", dir.display());
        return Exit::Failed;
    }
    // Written whole or not at all, and never over a kit.toml that appeared meanwhile.
    let result = crate::write::write_new(&target, template(lang, today).as_bytes());
    match result {
        Ok(()) => {
            println!("created {}", target.display());
            println!("next: edit it, then run `downkit check {}`", dir.display());
            Exit::Ok
        }
        Err(e) => {
            eprintln!("error: {e}");
            Exit::Failed
        }
    }
}

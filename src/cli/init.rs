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

/// What `init` writes beside the kit so that taplo and Even Better TOML complete and check
/// it while typing: the schemas downkit makes and a `.taplo.toml` that uses them.
const TAPLO: &str = r#"# Editor support for this kit: taplo and VS Code's "Even Better TOML" complete and check
# kit.toml, its includes and drills.toml with downkit's own schemas while you type.
# After updating downkit, refresh them: downkit schema > kit.schema.json
#                                       downkit schema drills > drills.schema.json
[[rule]]
include = ["drills.toml"]
schema = { path = "drills.schema.json" }

[[rule]]
include = ["*.toml"]
exclude = ["drills.toml", "ledger-*.toml", ".taplo.toml"]
schema = { path = "kit.schema.json" }
"#;

/// Writes `.taplo.toml` and the two schemas into `dir` (never over existing files).
fn editor_support(dir: &Path) {
    use crate::load::schema::{schema, File};
    let pretty = |f| serde_json::to_string_pretty(&schema(f)).unwrap_or_default() + "\n";
    let files = [
        (".taplo.toml", TAPLO.to_string()),
        ("kit.schema.json", pretty(File::Kit)),
        ("drills.schema.json", pretty(File::DrillLog)),
    ];
    for (name, text) in files {
        let target = dir.join(name);
        match crate::write::write_new(&target, text.as_bytes()) {
            Ok(()) => println!("created {}", target.display()),
            Err(e) => eprintln!("warning: {e} (editor support only; the kit is fine)"),
        }
    }
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
            editor_support(dir);
            println!("next: edit it, then run `downkit check {}`", dir.display());
            Exit::Ok
        }
        Err(e) => {
            eprintln!("error: {e}");
            Exit::Failed
        }
    }
}

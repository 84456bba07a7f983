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
# kit.toml, its includes, drills.toml, shelf-checks.toml and the back-entry ledgers with
# downkit's own schemas while you type. After updating downkit, refresh them:
#   downkit schema > kit.schema.json
#   downkit schema drills > drills.schema.json
#   downkit schema shelf-checks > shelf-checks.schema.json
#   downkit schema ledger > ledger.schema.json
[[rule]]
include = ["drills.toml"]
schema = { path = "drills.schema.json" }

[[rule]]
include = ["shelf-checks.toml"]
schema = { path = "shelf-checks.schema.json" }

[[rule]]
include = ["ledger-*.toml"]
schema = { path = "ledger.schema.json" }

[[rule]]
include = ["*.toml"]
exclude = ["drills.toml", "shelf-checks.toml", "ledger-*.toml", ".taplo.toml"]
schema = { path = "kit.schema.json" }
"#;

/// Writes `.taplo.toml` and the schemas into `dir` (never over existing files).
fn editor_support(dir: &Path) {
    use crate::load::schema::{schema, File};
    let mut files = vec![(".taplo.toml", TAPLO.to_string())];
    for (file, _, name) in File::ALL {
        files.push((
            name,
            serde_json::to_string_pretty(&schema(file)).unwrap_or_default() + "\n",
        ));
    }
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

//! Recording a shelf check in a kit's `shelf-checks.toml` (`downkit binder --checked`, and
//! the status page of `downkit serve`).

use crate::cli::binder::{location_json, Settings};
use crate::cli::Format;
use crate::cli::{print_json, Exit};
use crate::lifecycle::shelf::{self, LocationState};
use crate::load::{self, shelf::FILE_NAME};
use crate::model::shelf::Found;
use crate::payload::{short_hash, Payload};
use serde_json::json;
use std::path::Path;

/// Records a shelf check, or lists the locations; exit 1 when a binder needs attention.
pub fn run(kit: &Path, s: &Settings) -> Exit {
    if !kit.is_dir() {
        eprintln!(
            "error: `{}` is not a kit folder; the shelf-check log (`{FILE_NAME}`) lives beside kit.toml",
            kit.display()
        );
        return Exit::Failed;
    }
    let loaded = load::load(kit);
    if !loaded.parsed {
        let _ = crate::diag::emit(
            &mut crate::cli::stderr_color(),
            &loaded.sources,
            &loaded.diags,
        );
        eprintln!(
            "error: cannot read the kit `{}`; run `downkit check`",
            kit.display()
        );
        return Exit::Failed;
    }
    // A log that cannot be read is an error here, where it is read: never "never checked"
    // and a due date from nothing.
    let log_errors = load::log_errors(&loaded, FILE_NAME, loaded.kit.shelf.file);
    if !log_errors.is_empty() {
        let _ = crate::diag::emit(
            &mut crate::cli::stderr_color(),
            &loaded.sources,
            &log_errors,
        );
        eprintln!(
            "error: {FILE_NAME} of `{}` cannot be read; fix it {}",
            kit.display(),
            if s.checked.is_some() {
                "before recording another check"
            } else {
                "to see when each binder was checked"
            }
        );
        return Exit::Failed;
    }
    let k = &loaded.kit;
    let hash = short_hash(&k.fingerprint());
    let Some(id) = &s.checked else {
        let states = shelf::states(k, &hash, s.today);
        let attention = states.iter().any(|l| !l.problems().is_empty());
        if s.format == Format::Json {
            print_json(&json!({
                "kit": k.meta.id.v,
                "version": k.meta.version.v,
                "attention": attention,
                "locations": states.iter().map(location_json).collect::<Vec<_>>(),
            }));
        } else if states.is_empty() {
            println!("{}: the kit lists no [[location]]", kit.display());
        } else {
            for l in &states {
                let last = l.last.as_ref().map_or_else(
                    || "never checked".to_string(),
                    |(d, by, _)| format!("checked {d} by {by}"),
                );
                let next = l
                    .next
                    .map_or_else(String::new, |d| format!(", next by {d}"));
                println!("{:12} {} – {} ({last}{next})", l.id, l.unit, l.place);
                for p in l.problems() {
                    println!("  - {p}");
                }
            }
        }
        return if attention { Exit::Failed } else { Exit::Ok };
    };
    let Some(location) = k.locations.iter().find(|l| l.id.v == *id) else {
        let ids: Vec<&str> = k.locations.iter().map(|l| l.id.v.as_str()).collect();
        let near = ids
            .iter()
            .find(|i| strsim::damerau_levenshtein(i, id) <= 2)
            .map_or_else(String::new, |n| format!("did you mean `{n}`? "));
        eprintln!(
            "error: the kit has no location `{id}`; {near}choose one of: {}",
            ids.join(", ")
        );
        return Exit::Usage;
    };
    let found = match (&s.found, s.missing) {
        (_, true) => Found::Missing,
        (Some(f), false) => match parse_found(f, &k.meta.id.v) {
            Ok(found) => found,
            Err(e) => {
                eprintln!("error: {e}");
                return Exit::Usage;
            }
        },
        (None, false) => {
            eprintln!("error: say what was on the shelf: --found <version on the cover> (or the text of its QR code), or --missing");
            return Exit::Usage;
        }
    };
    let by = s.by.clone().unwrap_or_default();
    let path = match loaded.roots.side_file(FILE_NAME) {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "error: cannot write `{}`: {e}",
                kit.join(FILE_NAME).display()
            );
            return Exit::Failed;
        }
    };
    let header = shelf::log_header(&k.meta.id.v);
    let entry = shelf::entry_toml(&location.id.v, s.today, &by, &found);
    let appended = crate::write::update_locked(
        &path,
        load::MAX_DRILL_LOG_BYTES,
        crate::write::Access::Shared,
        |old| {
            let mut text = match old {
                None => header,
                Some(bytes) => String::from_utf8(bytes.to_vec())
                    .map_err(|_| format!("`{}` is not UTF-8 text", path.display()))?,
            };
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&entry);
            Ok::<_, String>(text.into_bytes())
        },
    );
    if let Err(e) = appended {
        eprintln!("error: {e}");
        return Exit::Failed;
    }
    let loaded = load::load(kit);
    let state = shelf::states(&loaded.kit, &hash, s.today)
        .into_iter()
        .find(|l| l.id == location.id.v);
    if s.format == Format::Json {
        print_json(&json!({
            "kit": k.meta.id.v,
            "version": k.meta.version.v,
            "recorded_in": path.display().to_string(),
            "location": state.as_ref().map(location_json),
        }));
        return match state {
            Some(LocationState { stale: Some(_), .. }) => Exit::Failed,
            _ => Exit::Ok,
        };
    }
    println!(
        "{}: recorded the shelf check of `{}` ({}) on {} in {}",
        kit.display(),
        location.id.v,
        location.unit,
        s.today,
        path.display()
    );
    match state {
        Some(LocationState {
            stale: Some(problem),
            ..
        }) => {
            println!(
                "the binder {problem}: print version {} and replace it",
                k.meta.version.v
            );
            Exit::Failed
        }
        Some(LocationState { next: Some(n), .. }) => {
            println!("the binder is current; next shelf check by {n}");
            Exit::Ok
        }
        _ => Exit::Ok,
    }
}

/// `--found`: a version ("1.0") or a kit code's text (`DK1/<kit>/-/<version>/<hash>`).
fn parse_found(text: &str, kit_id: &str) -> Result<Found, String> {
    let text = text.trim();
    if text.starts_with("DK1/") {
        let p = Payload::parse(text).map_err(|e| e.to_string())?;
        if p.exercise {
            return Err("the code ends in /X: this is a drill printout (ÖVNING), not the binder for use; print the binder with `downkit build` and put it on the shelf".into());
        }
        if p.kit != kit_id {
            return Err(format!(
                "the code is of the kit `{}`, not of `{kit_id}`: a binder of another kit is on this shelf",
                p.kit
            ));
        }
        return Ok(Found::Binder {
            version: p.version,
            hash: Some(p.hash),
        });
    }
    if !crate::payload::is_version(text) {
        return Err(format!(
            "`{}` is not a version; give the version printed on the binder's cover, such as 1.0",
            crate::payload::shown(text, 40)
        ));
    }
    Ok(Found::Binder {
        version: text.to_string(),
        hash: None,
    })
}

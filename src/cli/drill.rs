//! `downkit drill`: write a kit's drill packet, or (`--record`) append a drill to its log.

use super::Exit;
use crate::build::{self, BuildOptions};
use crate::diag::{self, has_errors, Severity};
use crate::lifecycle::{entry_toml, log_header, NewDrill};
use crate::load::{self, drills::FILE_NAME};
use crate::{validate, write};
use std::path::Path;

/// Checks the kit and writes its drill packet into `out`.
pub fn packet(
    kit: &Path,
    out: &Path,
    opts: &BuildOptions,
    scenario: Option<&str>,
    quiet: bool,
) -> Exit {
    let loaded = load::load(kit);
    let diags = validate::with_copies(
        validate::check(&loaded, opts.date),
        &loaded.kit,
        opts.copies,
    );
    let mut err = super::stderr_color();
    if has_errors(&diags) || !quiet {
        let _ = diag::emit(&mut err, &loaded.sources, &diags);
    }
    if has_errors(&diags) {
        eprintln!("{}: no drill packet: the kit has errors", kit.display());
        return Exit::Failed;
    }
    let built = validate::fonts_for(&loaded)
        .map_err(|d| {
            d.iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })
        .and_then(|fonts| {
            build::drill_packet(&loaded, &fonts, opts, scenario).map_err(|e| e.to_string())
        });
    let o = match built {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {}: {e}", kit.display());
            return Exit::Failed;
        }
    };
    let target = match super::write_output(out, &o.file_name, &o.bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failed;
        }
    };
    if !quiet {
        println!(
            "{}: {} — drill packet, {} pages, {} QR codes, {} KB",
            kit.display(),
            target.display(),
            o.pages,
            o.qr_count,
            o.bytes.len().div_ceil(1024)
        );
    }
    Exit::Ok
}

/// Appends `drill` to the kit's `drills.toml` (created when missing), after checking that the
/// scenario exists and that the log as it stands can be read.
pub fn record(kit: &Path, drill: &NewDrill) -> Exit {
    if !kit.is_dir() {
        eprintln!(
            "error: `{}` is not a kit folder; a drill log (`{FILE_NAME}`) lives beside kit.toml in a kit folder",
            kit.display()
        );
        return Exit::Failed;
    }
    let loaded = load::load(kit);
    let log_file = loaded.kit.drills.file;
    let log_errors: Vec<_> = loaded
        .diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| {
            d.loc.is_some_and(|l| Some(l.file) == log_file)
                || log_file.is_none() && d.path.as_deref().is_some_and(|p| p.ends_with(FILE_NAME))
        })
        .cloned()
        .collect();
    if !loaded.parsed {
        let _ = diag::emit(&mut super::stderr_color(), &loaded.sources, &loaded.diags);
        eprintln!(
            "error: cannot read the kit `{}`; run `downkit check`",
            kit.display()
        );
        return Exit::Failed;
    }
    if !log_errors.is_empty() {
        let _ = diag::emit(&mut super::stderr_color(), &loaded.sources, &log_errors);
        eprintln!("error: fix {FILE_NAME} before recording another drill");
        return Exit::Failed;
    }
    let scenarios: Vec<&str> = loaded
        .kit
        .scenarios
        .iter()
        .map(|s| s.id.v.as_str())
        .collect();
    if let Some(s) = &drill.scenario {
        if !scenarios.contains(&s.as_str()) {
            let choices = if scenarios.is_empty() {
                "the kit defines no [[scenario]]; leave out --scenario".to_string()
            } else {
                format!("choose one of: {}", scenarios.join(", "))
            };
            eprintln!("error: the kit has no scenario `{s}`; {choices}");
            return Exit::Usage;
        }
    }
    let path = kit.join(FILE_NAME);
    // Read, append and replace under the log's lock: concurrent records all land.
    let header = log_header(&loaded.kit.meta.id.v);
    let appended = write::update_locked(&path, load::MAX_DRILL_LOG_BYTES, |old| {
        let mut text = match old {
            None => header,
            Some(bytes) => String::from_utf8(bytes.to_vec())
                .map_err(|_| format!("`{}` is not UTF-8 text", path.display()))?,
        };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&entry_toml(drill));
        Ok::<_, String>(text.into_bytes())
    });
    if let Err(e) = appended {
        eprintln!("error: {e}");
        return Exit::Failed;
    }
    let next = drill.date.checked_add_days(chrono::Days::new(u64::from(
        loaded.kit.meta.drill_interval_days(),
    )));
    println!(
        "{}: recorded the drill of {} in {}",
        kit.display(),
        drill.date,
        path.display()
    );
    if let Some(n) = next {
        println!("next drill due by {n}");
    }
    Exit::Ok
}

//! `downkit drill`: write a kit's drill packet, or (`--record`) append a drill to its log.

use super::Exit;
use crate::app::drill::{self as app, Record};
use crate::compose::{self, BuildOptions};
use crate::diag::{self, has_errors};
use crate::load;
use crate::validate;
use std::path::Path;

/// Checks the kit and writes its drill packet into `out`.
pub fn packet(
    kit: &Path,
    out: &Path,
    opts: &BuildOptions,
    scenario: Option<&str>,
    quiet: bool,
) -> Exit {
    produce(kit, out, opts, quiet, "drill packet", |loaded, fonts| {
        compose::drill_packet(loaded, fonts, opts, scenario)
    })
}

/// Checks the kit and writes the after-action report of its drill log into `out`.
pub fn report(kit: &Path, out: &Path, opts: &BuildOptions, quiet: bool) -> Exit {
    produce(
        kit,
        out,
        opts,
        quiet,
        "after-action report",
        |loaded, fonts| compose::drill_report(loaded, fonts, opts),
    )
}

/// Loads and checks the kit, makes one PDF with `make` and writes it into `out`.
fn produce(
    kit: &Path,
    out: &Path,
    opts: &BuildOptions,
    quiet: bool,
    what: &str,
    make: impl FnOnce(
        &load::Loaded,
        &crate::fonts::FontSet,
    ) -> Result<compose::Output, compose::BuildError>,
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
        eprintln!("{}: no {what}: the kit has errors", kit.display());
        return Exit::Failed;
    }
    let built = validate::fonts_for(&loaded)
        .map_err(|d| {
            d.iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })
        .and_then(|fonts| make(&loaded, &fonts).map_err(|e| e.to_string()));
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
            "{}: {} — {what}, {} pages, {} QR codes, {} KB",
            kit.display(),
            target.display(),
            o.pages,
            o.qr_count,
            o.bytes.len().div_ceil(1024)
        );
    }
    Exit::Ok
}

/// Appends the drill to the kit's `drills.toml` and marks follow-ups done
/// ([`crate::app::drill::record`]), and says what was done.
pub fn record(kit: &Path, r: &Record) -> Exit {
    let what = "before recording another drill";
    let loaded = match app::open(kit) {
        Ok(l) => l,
        Err((l, e)) => return super::binder::refused(kit, l.as_deref(), &e, what),
    };
    let done = match app::record(&loaded, r) {
        Ok(d) => d,
        Err(e) => return super::binder::refused(kit, Some(&loaded), &e, what),
    };
    for m in &done.marked {
        println!(
            "{}: follow-up \"{m}\" marked done on {}",
            kit.display(),
            r.drill.date
        );
    }
    if done.appended {
        println!(
            "{}: recorded the drill of {} in {}",
            kit.display(),
            r.drill.date,
            done.path.display()
        );
        if let Some(n) = done.next {
            println!("next drill due by {n}");
        }
    }
    let mut exit = Exit::Ok;
    for (path, v) in &done.verified {
        match v {
            Ok(changed) if !changed.is_empty() => println!(
                "{}: verified {} set on {}",
                path.display(),
                r.drill.date,
                changed.join(", ")
            ),
            Ok(_) => {}
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                exit = Exit::Failed;
            }
        }
    }
    exit
}

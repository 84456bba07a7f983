//! `downkit drill`: write a kit's drill packet, or (`--record`) append a drill to its log.

use super::Exit;
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

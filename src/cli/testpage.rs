//! `downkit testpage`: write the printer and copier test page, atomically.

use super::Exit;
use crate::build::testpage::{self, TestPageOptions};
use crate::fonts::FontSet;
use std::path::Path;

/// Builds the test page and writes `testpage-<paper>.pdf` into `out`.
pub fn run(opts: &TestPageOptions, out: &Path) -> Exit {
    let output = match testpage::build(opts, &FontSet::builtin()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: test page: {e}");
            return Exit::Failed;
        }
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!(
            "error: cannot create the output folder `{}`: {e}",
            out.display()
        );
        return Exit::Failed;
    }
    let target = out.join(&output.file_name);
    if let Err(e) = crate::write::write_atomic(&target, &output.bytes) {
        eprintln!("error: {e}");
        return Exit::Failed;
    }
    println!(
        "{} — {} page, {} QR codes ({})",
        target.display(),
        output.pages,
        output.qr_count,
        output.payloads.join(", ")
    );
    Exit::Ok
}

//! `downkit testpage`: write the printer and copier test page, atomically.

use super::Exit;
use crate::compose::testpage::{self, TestPageOptions};
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
    let target = match super::write_output(out, &output.file_name, &output.bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failed;
        }
    };
    println!(
        "{} — {} page, {} QR codes ({})",
        target.display(),
        output.pages,
        output.qr_count,
        output.payloads.join(", ")
    );
    Exit::Ok
}

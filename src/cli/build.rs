//! `downkit build`: check each kit, build its binder (and split artifacts), write atomically.

use super::{Exit, Format};
use crate::app::compile::{compile_all, write_record, Compiled};
use crate::compose::{ArchiveSpec, BuildOptions};
use std::path::{Path, PathBuf};

/// Builds every kit, in parallel, and writes the PDFs into `out`; with `archive`, also each
/// binder's archive copy (`cli/archive.rs`). With `Format::Json` the result is a JSON array
/// on standard output (one object per kit: its files, or its diagnostics) and nothing but
/// errors on standard error.
pub fn run(
    kits: &[PathBuf],
    out: &Path,
    opts: &BuildOptions,
    quiet: bool,
    format: Format,
    archive: Option<&ArchiveSpec>,
) -> Exit {
    let json = format == Format::Json;
    let quiet = quiet || json;
    let mut report = Vec::new();
    if !quiet {
        let n = kits.len();
        eprintln!(
            "building {n} kit{} for {} …",
            if n == 1 { "" } else { "s" },
            opts.date
        );
    }
    let mut failed = false;
    for kit in compile_all(kits, opts) {
        let path = &kit.path;
        let mut entry = serde_json::json!({"kit": path.display().to_string()});
        match kit.compiled {
            Compiled::Invalid(diags) => {
                let errors = Compiled::error_count(&diags);
                let text = super::render_diagnostics(&kit.loaded.sources, &diags);
                if json {
                    entry["status"] = "invalid".into();
                    entry["errors"] = errors.into();
                    entry["message"] = text.into();
                } else {
                    eprint!("{text}");
                    eprintln!("{}: not built: the kit has errors", path.display());
                }
                failed = true;
            }
            Compiled::Failed(text) => {
                eprintln!("error: {}: {text}", path.display());
                entry["status"] = "failed".into();
                entry["message"] = text.into();
                failed = true;
            }
            Compiled::Built(outputs, warnings, record) => {
                if !quiet {
                    eprint!(
                        "{}",
                        super::render_diagnostics(&kit.loaded.sources, &warnings)
                    );
                }
                let mut written = true;
                let mut files = Vec::new();
                for o in &outputs {
                    let target = match super::write_output(out, &o.file_name, &o.bytes) {
                        Ok(t) => t,
                        Err(e) => {
                            eprintln!("error: {e}");
                            failed = true;
                            written = false;
                            continue;
                        }
                    };
                    files.push(serde_json::json!({
                        "path": target.display().to_string(),
                        "pages": o.pages,
                        "qr_codes": o.qr_count,
                        "bytes": o.bytes.len(),
                    }));
                    if !quiet {
                        let s = |n: usize| if n == 1 { "" } else { "s" };
                        println!(
                            "{}: {} — {} page{}, {} QR code{}, {} KB",
                            path.display(),
                            target.display(),
                            o.pages,
                            s(o.pages),
                            o.qr_count,
                            s(o.qr_count),
                            o.bytes.len().div_ceil(1024)
                        );
                    }
                }
                // What was printed, for `check` and `reconcile` (beside the PDFs).
                if written {
                    if let Err(e) = write_record(out, record) {
                        eprintln!("error: {e}");
                        failed = true;
                    }
                }
                if let Some(spec) = archive.filter(|_| written) {
                    let args = super::archive::Args {
                        kit: path.clone(),
                        out: out.to_path_buf(),
                        opts: opts.clone(),
                        spec: spec.clone(),
                        quiet,
                        format,
                    };
                    match super::archive::one(&args) {
                        Ok(a) => entry["archive"] = a,
                        Err((_, e)) => {
                            eprintln!("error: {e}");
                            written = false;
                            failed = true;
                        }
                    }
                }
                entry["status"] = if written { "built" } else { "failed" }.into();
                entry["files"] = files.into();
            }
        }
        report.push(entry);
    }
    if json {
        super::print_json(&report);
    }
    if failed {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

//! `downkit build`: check each kit, build its binder (and split artifacts), write atomically.

use super::{Exit, Format};
use crate::compose::{self, ArchiveSpec, BuildOptions, Output};
use crate::diag::{self, has_errors};
use crate::lifecycle::LastBuild;
use crate::{load, validate};
use std::path::{Path, PathBuf};

/// What one kit's build came to.
pub(super) enum Outcome {
    /// Not built: the kit has errors (the diagnostics rendered, and the count of errors).
    Invalid(String, usize),
    /// Built; the outputs, the rendered warnings and the record to keep of the build.
    Built(Vec<Output>, String, LastBuild),
    /// Checked but the build failed.
    Failed(String),
}

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
    let outcomes = build_all(kits, opts);
    let mut failed = false;
    for (path, (outcome, _)) in kits.iter().zip(outcomes) {
        let mut entry = serde_json::json!({"kit": path.display().to_string()});
        match outcome {
            Outcome::Invalid(text, errors) => {
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
            Outcome::Failed(text) => {
                eprintln!("error: {}: {text}", path.display());
                entry["status"] = "failed".into();
                entry["message"] = text.into();
                failed = true;
            }
            Outcome::Built(outputs, warnings, record) => {
                if !quiet {
                    eprint!("{warnings}");
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

/// Writes the build record into `out` (which exists), keeping the print runs recorded
/// before, under the record's lock so that builds at the same moment all land.
pub(super) fn write_record(out: &Path, record: LastBuild) -> Result<PathBuf, String> {
    let path = out.join(LastBuild::file_name(&record.kit));
    crate::write::update_locked(
        &path,
        crate::lifecycle::MAX_RECORD_BYTES,
        crate::write::Access::Shared,
        |old| {
            // A record that cannot be read is replaced: it only held earlier runs.
            let earlier = old.and_then(LastBuild::from_json);
            Ok::<_, String>(record.after(earlier).to_json().into_bytes())
        },
    )
    .map_err(|e| e.to_string())?;
    Ok(path)
}

/// Builds kits on all cores; results come back in the order of `kits`, each with the files
/// the kit was read from (canonical paths).
pub(super) fn build_all(kits: &[PathBuf], opts: &BuildOptions) -> Vec<(Outcome, Vec<PathBuf>)> {
    // Loaded first, so that two kits with one id are refused before anything is built.
    let loaded: Vec<load::Loaded> = kits.iter().map(|p| load::load(p)).collect();
    let pairs: Vec<_> = kits.iter().cloned().zip(loaded.iter()).collect();
    let duplicates = super::ids::duplicates(&pairs);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(kits.len())
        .max(1);
    let mut results: Vec<Option<Outcome>> = (0..kits.len()).map(|_| None).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(&mut results);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                // Several kits at once keep every core busy: no extra threads per kit.
                crate::cores::spread(threads < 2);
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(kit) = loaded.get(i) else { break };
                    let outcome = build_one(kit, &duplicates[i], opts);
                    done.lock().expect("no thread panicked holding the lock")[i] = Some(outcome);
                }
            });
        }
    });
    results
        .into_iter()
        .zip(&loaded)
        .map(|(r, l)| {
            (
                r.expect("every kit was built"),
                (0..l.sources.len())
                    .map(|i| l.sources.path(i).to_path_buf())
                    .collect(),
            )
        })
        .collect()
}

fn build_one(loaded: &load::Loaded, extra: &[diag::Diagnostic], opts: &BuildOptions) -> Outcome {
    let mut diags =
        validate::with_copies(validate::check(loaded, opts.date), &loaded.kit, opts.copies);
    diags.extend_from_slice(extra);
    diag::sort(&mut diags);
    let text = super::render_diagnostics(&loaded.sources, &diags);
    if has_errors(&diags) {
        let errors = diags
            .iter()
            .filter(|d| d.severity == diag::Severity::Error)
            .count();
        return Outcome::Invalid(text, errors);
    }
    let fonts = match validate::fonts_for(loaded) {
        Ok(f) => f,
        Err(d) => {
            return Outcome::Failed(
                d.iter()
                    .map(|d| d.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        }
    };
    match compose::build(loaded, &fonts, opts) {
        Ok(outputs) => {
            // What will not read well on paper, as `check` shows it.
            let mut warned = Vec::new();
            for w in outputs.iter().flat_map(|o| &o.warnings) {
                if !warned.contains(w) {
                    warned.push(w.clone());
                }
            }
            let mut text = text;
            text.push_str(&super::render_diagnostics(
                &loaded.sources,
                &super::check::layout_warnings(loaded, &warned),
            ));
            let record = LastBuild::of(
                &loaded.kit,
                opts.date,
                outputs
                    .iter()
                    .flat_map(|o| o.payloads.iter().map(String::as_str)),
            );
            Outcome::Built(outputs, text, record)
        }
        // Content that does not fit is shown at its TOML line, as `check` shows it.
        Err(e @ compose::BuildError::Layout(_)) => {
            let diags = super::check::layout_errors(loaded, &e);
            let errors = diags.len();
            Outcome::Invalid(super::render_diagnostics(&loaded.sources, &diags), errors)
        }
        Err(e) => Outcome::Failed(e.to_string()),
    }
}
